// The subcommands of the `timescales` tool. Each registers itself on the app and runs through a
// callback that sets the exit code; the tool stays a thin face over the library.
#pragma once

#include <CLI/CLI.hpp>

#include <expected>
#include <optional>
#include <string>
#include <vector>

#include "timescales/source.hpp"

namespace timescales::cli {

// Exit codes shared by every command.
inline constexpr int exit_ok = 0;
inline constexpr int exit_findings = 1;
inline constexpr int exit_usage = 2;

// The rule and calendar files: --rules DIR when given, else those built into the library.
std::expected<std::vector<SourceFile>, Error> sources(const std::optional<std::string>& rules_dir);

void add_due_command(CLI::App& app, int& exit_code);
void add_rules_command(CLI::App& app, int& exit_code);
void add_generate_command(CLI::App& app, int& exit_code);
void add_evaluate_command(CLI::App& app, int& exit_code);
void add_report_commands(CLI::App& app, int& exit_code);
void add_reconcile_command(CLI::App& app, int& exit_code);

}  // namespace timescales::cli
