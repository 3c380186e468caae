// timescales evaluate EVENTS.csv: every child's obligations, rejected rows, findings, a summary.
#include <algorithm>
#include <fstream>
#include <iomanip>
#include <iostream>

#include "cli/commands.hpp"
#include "timescales/event_csv.hpp"
#include "timescales/explain.hpp"
#include "timescales/load.hpp"
#include "timescales/summary.hpp"
#include "timescales/wording.hpp"
#include "timescales/write.hpp"
#include "timescales/write_xlsx.hpp"

namespace timescales::cli {

namespace {

struct EvaluateCli {
  std::string events;
  std::optional<std::string> as_of, out, rejected, findings, by, case_id, format;
  RulesOptions rules;
  bool explain = false, strict = false, summary = false;
  InputOptions input;
};

void print_summary_table(std::ostream& out, const std::vector<RuleSummary>& rows, const std::vector<std::string>& by_names) {
  int width = 6;
  for (const RuleSummary& r : rows) width = std::max(width, static_cast<int>(r.rule.size()) + 2);
  std::vector<int> group_width;
  for (std::size_t k = 0; k < by_names.size(); ++k) {
    int w = static_cast<int>(by_names[k].size()) + 2;
    for (const RuleSummary& r : rows) w = std::max(w, static_cast<int>(r.group[k].size()) + 2);
    group_width.push_back(w);
  }
  out << std::left;
  for (std::size_t k = 0; k < by_names.size(); ++k) out << std::setw(group_width[k]) << by_names[k];
  out << std::setw(width) << "rule" << std::setw(10) << "standard" << std::setw(12) << "confidence"
      << std::right << std::setw(8) << "total";
  for (std::size_t s = 0; s < 6; ++s) out << std::setw(10) << name(static_cast<Status>(s));
  out << std::setw(10) << "on time" << "\n";
  bool marked = false;
  for (const RuleSummary& r : rows) {
    const bool below = r.confidence != Confidence::confirmed;
    marked = marked || below;
    out << std::left;
    for (std::size_t k = 0; k < r.group.size(); ++k) out << std::setw(group_width[k]) << (r.group[k].empty() ? "-" : r.group[k]);
    out << std::setw(width) << r.rule << std::setw(10) << name(r.standard)
        << std::setw(12) << (std::string(name(r.confidence)) + (below ? " *" : "")) << std::right << std::setw(8) << r.total();
    for (std::size_t s = 0; s < 6; ++s) out << std::setw(10) << r.by_status[s];
    if (r.on_time_percent() < 0) out << std::setw(10) << "-";
    else out << std::setw(9) << std::fixed << std::setprecision(1) << r.on_time_percent() << "%";
    out << "\n";
  }
  out << "on time = met / (met + late + missed + overdue); pending and cancelled are not counted (C9)\n";
  if (marked) out << "* " << not_settled_note(tool_language) << "\n";
}

// Only one child's obligations, findings and unjudged duties (--case), as if the file held no other.
Evaluation of_case(Evaluation evaluation, std::uint32_t case_index) {
  std::erase_if(evaluation.obligations, [&](const Obligation& ob) { return ob.case_index != case_index; });
  std::erase_if(evaluation.findings, [&](const Finding& f) { return f.case_index != case_index; });
  std::erase_if(evaluation.unjudged, [&](const Unjudged& u) { return u.case_index != case_index; });
  return evaluation;
}

int run_evaluate(const EvaluateCli& o) {
  const auto fail = [](const std::string& message, int code = exit_usage) {
    std::cerr << "timescales evaluate: " << message << "\n";
    return code;
  };
  const auto as_of = date_option(o.as_of, "--as-of");
  if (!as_of) return fail(as_of.error());
  // One child explained is a timeline; otherwise obligations are rows.
  const std::string format_name = o.format.value_or(o.case_id && o.explain ? "timeline" : "csv");
  if (format_name == "xlsx" && (!o.out || *o.out == standard_stream)) return fail("--format xlsx writes a workbook: name it with --out FILE.xlsx");
  if (format_name == "timeline" && !o.case_id) return fail("--format timeline is one child's: give --case ID");
  if (format_name == "timeline" && o.summary) return fail("--summary counts obligations: not with a timeline");
  const auto loaded = load_rules(o.rules);
  if (!loaded) return fail(loaded.error());
  const Rulebook& rules = *loaded;
  if (const auto ok = check_as_of(*as_of, rules); !ok) return fail(ok.error());
  if (const auto ok = check_paths({o.events}, {{"--out", o.out.value_or(std::string(standard_stream))}, {"--rejected", o.rejected}, {"--findings", o.findings}});
      !ok) {
    return fail(ok.error());
  }
  const Calendar& calendar = *rules.jurisdiction_calendar();
  const auto table = read_events_input(o.events, calendar.supported(), read_options(o.input));
  if (!table) return fail(table.error().message);
  if (table->events().empty()) return no_usable_rows("evaluate", o.events, *table, o.rejected);
  if (o.by && !o.summary) return fail("--by groups the --summary: give --summary too");
  const auto by_or_error = by_columns(o.by, *table, o.events);
  if (!by_or_error) return fail(by_or_error.error());
  const std::vector<std::size_t>& by = *by_or_error;
  const std::vector<std::string> by_names = column_names(*table, by);

  const Evaluation everyone = evaluate_on(*table, rules, *as_of, o.input.threads);
  std::optional<Evaluation> one_child;
  if (o.case_id) {
    const auto found = std::ranges::find(table->case_ids(), *o.case_id);
    if (found == table->case_ids().end()) {
      // The timeline's own words say why (no such case, or all its rows rejected).
      return fail(o.events + ": " + case_timeline(everyone, *table, *o.case_id, tool_language).error());
    }
    one_child = of_case(everyone, static_cast<std::uint32_t>(found - table->case_ids().begin()));
  }
  const Evaluation& evaluation = one_child ? *one_child : everyone;
  const OutputFormat format = format_name == "jsonl"  ? OutputFormat::jsonl
                              : format_name == "json" ? OutputFormat::json
                                                      : OutputFormat::csv;

  if (format_name == "timeline") {
    const std::string text = *case_timeline(everyone, *table, *o.case_id, tool_language);
    if (o.out) {
      const auto written = write_file(*o.out, [&](std::ostream& f) { f << text; });
      if (!written) return fail(written.error());
    } else {
      std::cout << text;
    }
  } else if (format_name == "xlsx") {
    const auto written = write_obligations_xlsx(*o.out, evaluation, *table, o.explain, tool_language);
    if (!written) return fail(written.error());
    if (o.summary) print_summary_table(std::cout, summarise(evaluation, *table, by), by_names);
  } else if (o.out) {
    const auto written = write_file(*o.out, [&](std::ostream& f) { write_obligations(f, evaluation, *table, format, o.explain); });
    if (!written) return fail(written.error());
  } else if (o.summary) {
    print_summary_table(std::cout, summarise(evaluation, *table, by), by_names);
  } else {
    write_obligations(std::cout, evaluation, *table, format, o.explain);
  }
  if (o.rejected) {
    const auto written = write_file(*o.rejected, [&](std::ostream& f) { write_rejections(f, *table); });
    if (!written) return fail(written.error());
  }
  if (o.findings) {
    const auto written = write_file(*o.findings, [&](std::ostream& f) { write_findings(f, evaluation, *table); });
    if (!written) return fail(written.error());
  }

  // The summary: rows in = rows used + rows rejected, always.
  std::array<std::size_t, 6> by_status{};
  for (const Obligation& ob : everyone.obligations) ++by_status[static_cast<std::size_t>(ob.status)];
  std::cerr << "events: " << table->rows_read() << " rows read = " << table->events().size() << " used + "
            << table->rejected().size() << " rejected";
  if (everyone.events_after_as_of > 0) {
    std::cerr << "; " << everyone.events_after_as_of << " dated after " << to_string(everyone.as_of) << " not used";
  }
  std::cerr << "\nchildren: " << table->case_ids().size() << "; as of " << to_string(everyone.as_of) << "\nobligations: "
            << everyone.obligations.size();
  for (std::size_t s = 0; s < 6; ++s) std::cerr << (s == 0 ? " (" : ", ") << name(static_cast<Status>(s)) << " " << by_status[s];
  std::cerr << ")\nfindings: " << everyone.findings.size() << " refused variations" << "\n";
  if (o.case_id) std::cerr << "written: case " << *o.case_id << " only, " << evaluation.obligations.size() << " obligations\n";
  if (!everyone.unjudged.empty()) {  // C1: beyond the calendar, never a guess
    const Date last = table->valid_dates().last;
    std::cerr << "cannot be judged: " << everyone.unjudged.size() << " duties whose deadline falls after "
              << to_string(last) << ", the calendar's last date (C1); the first:";
    for (std::size_t i = 0; i < everyone.unjudged.size() && i < 5; ++i) {
      const Unjudged& u = everyone.unjudged[i];
      std::cerr << (i ? "; " : " ") << table->case_id(u.case_index) << " " << u.rule->id << " from " << name(u.trigger_event)
                << " on " << to_string(u.trigger_date);
    }
    std::cerr << "\n";
  }
  if (!everyone.rows_after_as_of.empty()) {  // C9: not used, and said which
    std::cerr << "dated after " << to_string(everyone.as_of) << ", not used (the first lines):";
    for (std::size_t i = 0; i < everyone.rows_after_as_of.size() && i < 5; ++i) {
      std::cerr << " " << table->line(everyone.rows_after_as_of[i]);
    }
    std::cerr << "\n";
  }
  if (!table->rejected().empty()) {
    std::cerr << "rejected rows" << (o.rejected ? " written to " + *o.rejected : " (use --rejected FILE for all)") << ":\n";
    if (!o.rejected) list_rejections(std::cerr, o.events, *table, 5);
  }
  if (o.strict && !table->rejected().empty()) return exit_findings;
  return exit_ok;
}

}  // namespace

void add_evaluate_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<EvaluateCli>();
  CLI::App* cmd = app.add_subcommand("evaluate", "Every child's obligations from a CSV of case events");
  cmd->add_option("events", o->events, "The case events (CSV, docs/formats.md)")->required();
  cmd->add_option("--as-of", o->as_of, "Judge statuses on this date (default: the latest event date)");
  add_rules_options(cmd, o->rules);
  cmd->add_option("-o,--out", o->out, "Write obligations here instead of standard output");
  cmd->add_option("--rejected", o->rejected, "Write rejected rows here (CSV: line,case_id,column,reason)");
  cmd->add_option("--findings", o->findings, "Write refused variations here (CSV)");
  cmd->add_option("--format", o->format,
                  "Obligations as csv (the default), jsonl (an object per line), json (one array of the same objects) "
                  "or xlsx (an Excel workbook: needs --out); timeline: one child's events and duties in date order "
                  "with their reasons, for people (the default with --case and --explain)")
      ->check(CLI::IsMember({"csv", "jsonl", "json", "xlsx", "timeline"}));
  cmd->add_option("--case", o->case_id, "Only this child's obligations (with --explain: the child's timeline)");
  add_input_options(cmd, o->input);
  cmd->add_flag("--explain", o->explain, "Add each obligation's explanation");
  cmd->add_flag("--strict", o->strict, "Exit 1 when any row was rejected");
  cmd->add_flag("--summary", o->summary, "Print compliance by rule instead of the obligations (unless --out)");
  cmd->add_option("--by", o->by, "With --summary: by these carried columns too (comma-separated: team,worker)");
  cmd->callback([o, &exit_code] { exit_code = run_evaluate(*o); });
}

}  // namespace timescales::cli
