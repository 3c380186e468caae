// timescales: statutory timescales for children's social care in Wales.
#include <iostream>

#include "cli/commands.hpp"

namespace timescales::cli {

std::expected<std::vector<SourceFile>, Error> sources(const std::optional<std::string>& rules_dir) {
  if (rules_dir) return read_sources(*rules_dir);
  const auto builtin = builtin_sources();
  return std::vector<SourceFile>(builtin.begin(), builtin.end());
}

}  // namespace timescales::cli

int main(int argc, char** argv) {
  using namespace timescales::cli;
  CLI::App app{"timescales: whether the statutory timescales of children's social care in Wales were met"};
  app.name("timescales");
  app.require_subcommand(1);
  int exit_code = exit_ok;
  add_due_command(app, exit_code);
  add_rules_command(app, exit_code);
  add_generate_command(app, exit_code);
  add_evaluate_command(app, exit_code);
  add_report_commands(app, exit_code);
  add_reconcile_command(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return exit_usage;
  }
  return exit_code;
}
