// timescales: statutory timescales for children's social care in Wales.
#include <iostream>

#include "cli/commands.hpp"
#include "timescales/load.hpp"

namespace timescales::cli {

std::expected<std::vector<SourceFile>, Error> sources(const std::optional<std::string>& rules_dir) {
  if (rules_dir) return read_sources(*rules_dir);
  const auto builtin = builtin_sources();
  return std::vector<SourceFile>(builtin.begin(), builtin.end());
}

std::expected<Rulebook, std::string> load_rules(const std::optional<std::string>& rules_dir) {
  if (!rules_dir) return builtin_rulebook();
  const auto files = read_sources(*rules_dir);
  if (!files) return std::unexpected(files.error().message);
  auto loaded = load_rulebook(*files, &builtin_rulebook());
  if (!loaded) {
    const std::string prefix = rules_dir->ends_with('/') ? *rules_dir : *rules_dir + "/";
    for (const Diagnostic& d : loaded.error()) std::cerr << prefix << d.to_string() << "\n";
    return std::unexpected("the rules in " + *rules_dir + " have " + std::to_string(loaded.error().size()) +
                           (loaded.error().size() == 1 ? " problem" : " problems"));
  }
  return std::move(*loaded);
}

std::expected<std::optional<Date>, std::string> date_option(const std::optional<std::string>& text,
                                                            std::string_view option) {
  if (!text) return std::optional<Date>{};
  const auto d = parse_date(*text);
  if (!d) return std::unexpected(std::string(option) + ": " + d.error().message);
  return std::optional<Date>(*d);
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
