// timescales reconcile EVENTS.csv --rule ID --theirs THEIRS.csv: where a council's report and the
// rules disagree, child by child, with the rules' reasons. Exit 1 on any disagreement: a CI gate.
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "cli/commands.hpp"
#include "timescales/load.hpp"
#include "timescales/reconcile.hpp"
#include "timescales/write.hpp"

namespace timescales::cli {

namespace {

struct ReconcileCli {
  std::string events, rule, theirs;
  std::optional<std::string> as_of, out, rules_dir;
};

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
  const auto loaded = load_rules(o.rules_dir);
  if (!loaded) return fail(loaded.error());
  const Rulebook& rules = *loaded;
  if (rules.family(o.rule) == nullptr) return fail("unknown rule " + excerpt(o.rule) + "; 'timescales rules list' lists them");
  std::ifstream theirs_file(o.theirs, std::ios::binary);
  if (!theirs_file) return fail(o.theirs + ": cannot open the file");
  std::ostringstream theirs_text;
  theirs_text << theirs_file.rdbuf();
  const auto theirs = read_theirs_csv(theirs_text.view(), o.theirs);
  if (!theirs) return fail(theirs.error().message);
  const auto table = read_events_file(o.events, rules.calendars().get("england-and-wales")->get().supported());
  if (!table) return fail(table.error().message);

  EvaluateOptions options;
  options.as_of = *as_of;
  options.only_rules = {o.rule};
  const Evaluation evaluation = evaluate(*table, rules, options);
  const Reconciliation result = reconcile(evaluation, *table, o.rule, *theirs);

  std::ofstream file;
  if (o.out) {
    file.open(*o.out, std::ios::binary);
    if (!file) return fail("cannot write " + *o.out);
  }
  std::ostream& out = o.out ? static_cast<std::ostream&>(file) : std::cout;
  out << "case_id,completed_date,theirs,ours,due_date,reason\n";
  for (const Disagreement& d : result.disagreements) {
    write_csv_field(out, d.case_id);
    out << ',' << to_string(d.completed) << ',' << verdict(d.theirs) << ',' << verdict(d.ours) << ','
        << (d.due ? to_string(*d.due) : "") << ',';
    write_csv_field(out, d.reason);
    out << '\n';
  }
  std::size_t only_theirs = 0, only_ours = 0;
  for (const Disagreement& d : result.disagreements) {
    only_theirs += d.ours ? 0 : 1;
    only_ours += d.theirs ? 0 : 1;
  }
  std::set<std::string_view> children;
  for (const Disagreement& d : result.disagreements) children.insert(d.case_id);
  std::cerr << "reconcile " << o.rule << ": " << theirs->size() << " rows in " << o.theirs << "; " << result.compared
            << " occurrences on both sides, " << result.agreed << " agree, "
            << result.compared - result.agreed << " classified differently; " << only_theirs
            << " only in theirs, " << only_ours << " only in ours; " << children.size() << " children affected\n";
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
  cmd->add_option("--out", o->out, "Write the disagreements here instead of standard output");
  cmd->add_option("--rules", o->rules_dir, "A rules directory instead of the built-in rules");
  cmd->callback([o, &exit_code] { exit_code = run_reconcile(*o); });
}

}  // namespace timescales::cli
