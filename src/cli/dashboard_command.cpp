// timescales dashboard EVENTS.csv --out FILE.html: one self-contained page with the headline
// figures against their targets, the trends, the figures by group, the worklist, and the duties
// behind each figure. Its figures are those of `timescales report` for the same arguments.
#include <iostream>
#include <sstream>

#include "cli/commands.hpp"
#include "timescales/dashboard.hpp"
#include "timescales/event_csv.hpp"
#include "timescales/load.hpp"
#include "timescales/summary.hpp"
#include "timescales/write.hpp"

namespace timescales::cli {

namespace {

struct DashboardCli {
  std::string events, out;
  std::vector<std::string> measures, definitions;
  std::optional<std::string> as_of, from, to, by, rejected, title, title_cy;
  std::string period = "quarter";
  std::string within{default_worklist_horizon};
  std::size_t rows_behind = DashboardOptions{}.rows_behind;
  RulesOptions rules;
  Language language = Language::en;  // --lang
  InputOptions input;
};

int run_dashboard(const DashboardCli& o) {
  const auto fail = [](const std::string& message) {
    std::cerr << "timescales dashboard: " << message << "\n";
    return exit_usage;
  };
  const auto from = date_option(o.from, "--from"), to = date_option(o.to, "--to"), as_of = date_option(o.as_of, "--as-of");
  if (!from) return fail(from.error());
  if (!to) return fail(to.error());
  if (!as_of) return fail(as_of.error());
  const auto within = parse_period(o.within);
  if (!within) return fail("--within: " + within.error().message);
  const auto loaded = load_rules(o.rules);
  if (!loaded) return fail(loaded.error());
  const Rulebook& rules = *loaded;
  if (const auto ok = check_as_of(*as_of, rules); !ok) return fail(ok.error());
  std::vector<std::string> inputs = o.definitions;
  inputs.push_back(o.events);
  if (const auto ok = check_paths(inputs, {{"--out", o.out}, {"--rejected", o.rejected}}); !ok) return fail(ok.error());
  const auto catalogue = measure_catalogue(rules, o.definitions);
  if (!catalogue) return fail(catalogue.error());
  // Every measure unless some are named.
  const auto chosen = chosen_measures(catalogue->measures, o.measures, o.measures.empty());
  if (!chosen) return fail(chosen.error());

  const auto table = read_events_input(o.events, rules.jurisdiction_calendar()->supported(), read_options(o.input));
  if (!table) return fail(table.error().message);
  if (table->events().empty()) return no_usable_rows("dashboard", o.events, *table, o.rejected, o.language);
  DashboardOptions options;
  options.within = *within;
  options.rows_behind = o.rows_behind;
  if (o.title) options.title = *o.title;
  if (o.title_cy) options.title_cy = *o.title_cy;
  options.granularity = granularity_named(o.period);
  const auto by = by_columns(o.by, *table, o.events);
  if (!by) return fail(by.error());
  options.by = *by;
  const Evaluation evaluation = evaluate_on(*table, rules, *as_of, o.input.threads);
  const auto window = report_options(evaluation, *table, options.granularity, *from, *to, options.by);
  if (!window) return fail("--to is before --from");
  const Report r = report(*chosen, evaluation, *window);

  // The page in memory first: a page that cannot be made leaves --out as it was.
  options.definitions = catalogue->definitions;
  std::ostringstream page;
  if (const auto made = write_dashboard(page, r, catalogue->targets, evaluation, *table, rules, options, o.language);
      !made) {
    return fail("--within: " + made.error());
  }
  if (const auto written = write_file(o.out, [&](std::ostream& f) { f << page.view(); }); !written) {
    return fail(written.error());
  }
  if (o.rejected) {
    const auto rejected = write_file(*o.rejected, [&](std::ostream& f) { write_rejections(f, *table, true, o.language); });
    if (!rejected) return fail(rejected.error());
  }
  std::cerr << summary_text::rows(table->rows_read(), table->events().size(), table->rejected().size(), o.language)
            << summary_text::as_of(evaluation.as_of, o.language) << "\n"
            << summary_text::dashboard_written(chosen->size(), catalogue->targets.size(), o.out, o.language) << "\n";
  if (!table->rejected().empty()) {
    std::cerr << summary_text::rejected_rows(o.rejected, o.language) << "\n";
    if (!o.rejected) list_rejections(std::cerr, o.events, table->rejected(), 5, o.language);
  }
  return exit_ok;
}

}  // namespace

void add_dashboard_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<DashboardCli>();
  CLI::App* cmd = app.add_subcommand(
      "dashboard", "One self-contained HTML page: headline figures against targets, trends, groups, the worklist "
                   "(the same figures as JSON: 'report --format json')");
  cmd->add_option("events", o->events, "The case events (CSV, docs/formats.md)")->required();
  cmd->add_option("-o,--out", o->out, "The page to write (HTML)")->required();
  cmd->add_option("--as-of", o->as_of, "Judge statuses on this date (default: the latest event date)");
  cmd->add_option("--by", o->by, "Figures and the worklist by these carried columns too (comma-separated: team,worker)");
  cmd->add_option("--period", o->period, "quarter (default), month or year (Welsh financial year, April to March)")
      ->check(CLI::IsMember({"quarter", "month", "year"}));
  cmd->add_option("--measure", o->measures, "Only these measures (repeatable; default: every measure)");
  cmd->add_option("--definition", o->definitions, "Also load measure definitions and targets from this file (repeatable)");
  cmd->add_option("--from", o->from, "First day reported (default: the start of the financial year of the earliest event)");
  cmd->add_option("--to", o->to, "Last day reported (default: as of)");
  cmd->add_option("--within", o->within, "The worklist's horizon (default: 10 working days)");
  cmd->add_option("--title", o->title, "The page's heading");
  cmd->add_option("--title-cy", o->title_cy, "The heading of the page's Welsh copy (default: --title)");
  cmd->add_option("--rows-behind", o->rows_behind, "Duties listed behind a figure of the latest period, at most (20 behind an earlier one; the page says how many more)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000}))
      ->capture_default_str();
  cmd->add_option("--rejected", o->rejected, "Write rejected rows here (CSV: line,case_id,column,reason)");
  add_input_options(cmd, o->input);
  add_rules_options(cmd, o->rules);
  add_language_option(cmd, o->language);
  cmd->callback([o, &exit_code] { exit_code = run_dashboard(*o); });
}

}  // namespace timescales::cli
