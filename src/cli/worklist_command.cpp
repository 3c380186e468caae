// timescales worklist EVENTS.csv: every open duty on the day, overdue or falling due within a
// horizon, for the people who act next; a summary per group on standard error.
#include <iostream>

#include "cli/commands.hpp"
#include "timescales/event_csv.hpp"
#include "timescales/load.hpp"
#include "timescales/summary.hpp"
#include "timescales/wording.hpp"
#include "timescales/worklist.hpp"
#include "timescales/write.hpp"
#include "timescales/write_xlsx.hpp"

namespace timescales::cli {

namespace {

struct WorklistCli {
  std::string events;
  std::optional<std::string> as_of, out, rejected, by;
  std::string within{default_worklist_horizon};
  RulesOptions rules;
  Language language = Language::en;  // --lang
  std::string format = "csv";
  bool strict = false;
  InputOptions input;
};

int run_worklist(const WorklistCli& o) {
  const auto fail = [](const std::string& message, int code = exit_usage) {
    std::cerr << "timescales worklist: " << message << "\n";
    return code;
  };
  const auto as_of = date_option(o.as_of, "--as-of");
  if (!as_of) return fail(as_of.error());
  if (o.format == "xlsx" && (!o.out || *o.out == standard_stream)) return fail("--format xlsx writes a workbook: name it with --out FILE.xlsx");
  const auto within = parse_period(o.within);
  if (!within) return fail("--within: " + within.error().message);
  const auto loaded = load_rules(o.rules);
  if (!loaded) return fail(loaded.error());
  const Rulebook& rules = *loaded;
  if (const auto ok = check_as_of(*as_of, rules); !ok) return fail(ok.error());
  if (const auto ok = check_paths({o.events}, {{"--out", o.out.value_or(std::string(standard_stream))}, {"--rejected", o.rejected}}); !ok) return fail(ok.error());
  const auto table = read_events_input(o.events, rules.jurisdiction_calendar()->supported(), read_options(o.input));
  if (!table) return fail(table.error().message);
  if (table->events().empty()) return no_usable_rows("worklist", o.events, *table, o.rejected, o.language);
  WorklistOptions options;
  options.within = *within;
  const auto by = by_columns(o.by, *table, o.events);
  if (!by) return fail(by.error());
  options.by = *by;
  const Evaluation evaluation = evaluate_on(*table, rules, *as_of, o.input.threads);
  const auto list = worklist(evaluation, *table, rules, options);
  if (!list) return fail("--within: " + list.error().message);

  const WorklistFormat format = o.format == "jsonl"      ? WorklistFormat::jsonl
                                : o.format == "json"     ? WorklistFormat::json
                                : o.format == "markdown" ? WorklistFormat::markdown
                                                         : WorklistFormat::csv;
  const auto write = [&](std::ostream& out) { write_worklist(out, *list, evaluation, *table, options, format, o.language); };
  if (o.format == "xlsx") {
    const auto written = write_worklist_xlsx(*o.out, *list, evaluation, *table, options, o.language);
    if (!written) return fail(written.error());
  } else if (o.out) {
    if (const auto written = write_file(*o.out, write); !written) return fail(written.error());
  } else {
    write(std::cout);
  }
  if (o.rejected) {
    const auto written = write_file(*o.rejected, [&](std::ostream& f) { write_rejections(f, *table, true, o.language); });
    if (!written) return fail(written.error());
  }

  // The summary a manager reads first: per group, what is overdue and what falls due.
  const std::vector<std::string> by_names = column_names(*table, options.by);
  std::cerr << worklist_text::heading(list->as_of, list->horizon, options.within, o.language) << "\n";
  for (const WorklistGroup& g : worklist_groups(*list, evaluation, *table, options.by)) {
    std::cerr << "  " << worklist_text::group(by_names, g.values, o.language) << ": "
              << worklist_text::counts(g.overdue, g.due_this_week, g.due_within_horizon, options.within, o.language)
              << "\n";
  }
  std::cerr << summary_text::rows(table->rows_read(), table->events().size(), table->rejected().size(), o.language);
  if (evaluation.events_after_as_of > 0) {
    std::cerr << summary_text::after_as_of(evaluation.events_after_as_of, evaluation.as_of, o.language);
  }
  std::cerr << "\n";
  if (!table->rejected().empty() && !o.rejected) {
    std::cerr << summary_text::rejected_rows(std::nullopt, o.language) << "\n";
    list_rejections(std::cerr, o.events, table->rejected(), 5, o.language);
  }
  if (o.strict && !table->rejected().empty()) return exit_findings;
  return exit_ok;
}

}  // namespace

void add_worklist_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<WorklistCli>();
  CLI::App* cmd = app.add_subcommand("worklist", "Every open duty: overdue, or falling due within a horizon");
  cmd->add_option("events", o->events, "The case events (CSV, docs/formats.md)")->required();
  cmd->add_option("--as-of", o->as_of, "The day the list is for (default: the latest event date)");
  cmd->add_option("--within", o->within, "List pending duties falling due within this period of --as-of")
      ->capture_default_str();
  cmd->add_option("--by", o->by, "Group by these carried columns (comma-separated: team,worker)");
  add_rules_options(cmd, o->rules);
  add_language_option(cmd, o->language);
  cmd->add_option("--format", o->format,
                  "csv, jsonl (an object per line), json (one array of the same objects), markdown or xlsx (an Excel "
                  "workbook, a sheet per group: needs --out)")
      ->check(CLI::IsMember({"csv", "jsonl", "json", "markdown", "xlsx"}))
      ->capture_default_str();
  cmd->add_option("-o,--out", o->out, "Write the worklist here instead of standard output");
  cmd->add_option("--rejected", o->rejected, "Write rejected rows here (CSV: line,case_id,column,reason)");
  add_input_options(cmd, o->input);
  cmd->add_flag("--strict", o->strict, "Exit 1 when any row was rejected");
  cmd->callback([o, &exit_code] { exit_code = run_worklist(*o); });
}

}  // namespace timescales::cli
