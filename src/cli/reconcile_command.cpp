// timescales reconcile EVENTS.csv --rule ID --theirs THEIRS.csv: where a council's report and the
// rules disagree, child by child, with the rules' reasons. Exit 1 on any disagreement: a CI gate.
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "cli/commands.hpp"
#include "timescales/event_csv.hpp"
#include "timescales/load.hpp"
#include "timescales/summary.hpp"
#include "timescales/reconcile.hpp"
#include "timescales/theirs_csv.hpp"
#include "timescales/write.hpp"

namespace timescales::cli {

namespace {

struct ReconcileCli {
  std::string events, rule, theirs;
  std::optional<std::string> as_of, out, rejected;
  RulesOptions rules;
  Language language = Language::en;  // --lang
  InputOptions input;
  std::string format = "csv";
};

// A disagreement's columns, for the CSV header and the JSON keys alike.
constexpr std::string_view disagreement_columns[] = {"case_id", "completed_date", "theirs", "ours", "due_date", "reason"};

std::string_view verdict(std::optional<bool> on_time) {
  if (!on_time) return "absent";
  return *on_time ? "on_time" : "late";
}

int run_reconcile(const ReconcileCli& o) {
  const auto fail = [](const std::string& message) {
    std::cerr << "timescales reconcile: " << message << "\n";
    return exit_usage;
  };
  const auto as_of = date_option(o.as_of, "--as-of");
  if (!as_of) return fail(as_of.error());
  const auto loaded = load_rules(o.rules);
  if (!loaded) return fail(loaded.error());
  const Rulebook& rules = *loaded;
  if (const auto ok = check_as_of(*as_of, rules); !ok) return fail(ok.error());
  if (const auto ok = check_paths({o.events, o.theirs}, {{"--out", o.out.value_or(std::string(standard_stream))}, {"--rejected", o.rejected}}); !ok) {
    return fail(ok.error());
  }
  if (rules.family(o.rule) == nullptr) return fail("unknown rule " + excerpt(o.rule, id_excerpt) + "; 'timescales rules list' lists them");
  const auto theirs_text = read_text_file(o.theirs);
  if (!theirs_text) return fail(theirs_text.error());
  const DateRange valid_dates = rules.jurisdiction_calendar()->supported();
  const auto theirs = read_theirs_csv(*theirs_text, o.theirs, valid_dates);
  if (!theirs) return fail(theirs.error().message);
  const auto table = read_events_input(o.events, valid_dates, read_options(o.input));
  if (!table) return fail(table.error().message);

  EvaluateOptions options;
  options.as_of = *as_of;
  options.threads = o.input.threads;
  options.only_rules = {o.rule};
  const Evaluation evaluation = evaluate(*table, rules, options);
  const Reconciliation result = reconcile(evaluation, *table, o.rule, *theirs, o.language);

  const auto write_csv = [&](std::ostream& out) {
    for (const std::string_view c : disagreement_columns) out << (c == disagreement_columns[0] ? "" : ",") << c;
    out << '\n';
    for (const Disagreement& d : result.disagreements) {
      write_csv_value(out, d.case_id);
      out << ',' << to_string(d.completed) << ',' << verdict(d.theirs) << ',' << verdict(d.ours) << ','
          << (d.due ? to_string(*d.due) : "") << ',';
      write_csv_field(out, d.reason);
      out << '\n';
    }
  };
  // JSON lines: an object per disagreement, a line each; JSON: one array of them.
  const auto write_json = [&](std::ostream& out, bool array) {
    if (array) out << '[';
    for (const Disagreement& d : result.disagreements) {
      if (array) out << (&d == &result.disagreements.front() ? "\n" : ",\n");
      const auto key = [&](std::size_t k) { out << (k ? ",\"" : "{\"") << disagreement_columns[k] << "\":"; };
      key(0);
      write_json_string(out, d.case_id);
      key(1);
      write_json_string(out, to_string(d.completed));
      key(2);
      write_json_string(out, verdict(d.theirs));
      key(3);
      write_json_string(out, verdict(d.ours));
      key(4);
      if (d.due) write_json_string(out, to_string(*d.due));
      else out << "null";
      key(5);
      write_json_string(out, d.reason);
      out << (array ? "}" : "}\n");
    }
    if (array) out << (result.disagreements.empty() ? "]\n" : "\n]\n");
  };
  const auto write_disagreements = [&](std::ostream& out) {
    if (o.format == "csv") write_csv(out);
    else write_json(out, o.format == "json");
  };
  if (o.out) {
    const auto written = write_file(*o.out, write_disagreements);
    if (!written) return fail(written.error());
  } else {
    write_disagreements(std::cout);
  }
  if (o.rejected) {
    const auto written = write_file(*o.rejected, [&](std::ostream& f) { write_rejections(f, *table, true, o.language); });
    if (!written) return fail(written.error());
  }
  std::size_t only_theirs = 0, only_ours = 0;
  for (const Disagreement& d : result.disagreements) {
    only_theirs += d.ours ? 0 : 1;
    only_ours += d.theirs ? 0 : 1;
  }
  std::set<std::string_view> children;
  for (const Disagreement& d : result.disagreements) children.insert(d.case_id);
  std::cerr << summary_text::reconciled({o.rule, o.theirs, theirs->size(), result.compared, result.agreed, only_theirs,
                                         only_ours, children.size()},
                                        o.language)
            << "\n";
  // Rows of the events that could not be used are counted and listed, as evaluate does: a
  // disagreement may come from a rejected row rather than from the rules.
  std::cerr << summary_text::rows(table->rows_read(), table->events().size(), table->rejected().size(), o.language)
            << "\n";
  if (!table->rejected().empty()) {
    std::cerr << summary_text::reconcile_rejected_rows(o.rejected, o.language) << "\n";
    std::size_t shown = 0;
    for (const Rejection& r : table->rejected()) {
      if (o.rejected || ++shown > 5) break;
      std::cerr << "  " << o.events << ":" << r.line << ": " << r.column << (r.column.empty() ? "" : ": ") << reason_in(r, o.language)
                << "\n";
    }
  }
  return result.disagreements.empty() ? exit_ok : exit_findings;
}

}  // namespace

void add_reconcile_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<ReconcileCli>();
  CLI::App* cmd = app.add_subcommand(
      "reconcile", "Compare a council report's on-time classification with the rules, child by child (exit 1 on any disagreement)");
  cmd->add_option("events", o->events, "The case events (CSV)")->required();
  cmd->add_option("--rule", o->rule, "The rule the report measures, e.g. wales.lac.visit")->required();
  cmd->add_option("--theirs", o->theirs, "The council's output: case_id,completed_date,on_time")->required();
  cmd->add_option("--as-of", o->as_of, "Judge statuses on this date (default: the latest event date)");
  cmd->add_option("-o,--out", o->out, "Write the disagreements here instead of standard output");
  cmd->add_option("--format", o->format,
                  "csv (the default), jsonl (an object per line) or json (one array of the same objects), keyed by the "
                  "CSV's columns")
      ->check(CLI::IsMember({"csv", "jsonl", "json"}))
      ->capture_default_str();
  cmd->add_option("--rejected", o->rejected, "Write the events' rejected rows here (CSV: line,case_id,column,reason)");
  add_input_options(cmd, o->input);
  add_rules_options(cmd, o->rules);
  add_language_option(cmd, o->language);
  cmd->callback([o, &exit_code] { exit_code = run_reconcile(*o); });
}

}  // namespace timescales::cli
