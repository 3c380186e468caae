// timescales due DATE PERIOD: the deadline a period gives, and with --explain how it was counted.
#include <iostream>

#include "cli/commands.hpp"
#include "timescales/explain.hpp"
#include "timescales/load.hpp"
#include "timescales/write.hpp"

namespace timescales::cli {

namespace {

struct DueOptions {
  std::string date;
  std::string period;
  std::optional<std::string> calendar;  // default: the jurisdiction's
  RulesOptions rules;
  bool explain = false;
  Language language = Language::en;  // --lang
  std::string format = "text";
};

// --format json: one object. The working days counted and the bank holidays skipped are those of
// a working-day period (empty for days, weeks and months); the explanation is null unless asked.
void write_due_json(std::ostream& out, const Reckoning& r, bool with_explanation, Language language) {
  out << "{\"date\":";
  write_json_string(out, to_string(r.start));
  out << ",\"period\":";
  write_json_string(out, to_string(r.period));
  out << ",\"calendar\":";
  write_json_string(out, r.calendar);
  out << ",\"deadline\":";
  write_json_string(out, to_string(r.deadline.date));
  out << ",\"month_end_clamped\":" << (r.deadline.month_end_clamped ? "true" : "false") << ",\"working_days_counted\":[";
  for (const Date d : r.counted) {
    if (d != r.counted.front()) out << ',';
    write_json_string(out, to_string(d));
  }
  out << "],\"bank_holidays_skipped\":[";
  for (const Holiday& h : r.skipped) {
    out << (&h == &r.skipped.front() ? "{\"date\":" : ",{\"date\":");
    write_json_string(out, to_string(h.date));
    out << ",\"name\":";
    write_json_string(out, h.name);
    out << '}';
  }
  out << "],\"explanation\":";
  if (with_explanation) write_json_string(out, explain(r, language));
  else out << "null";
  out << "}\n";
}


int run_due(const DueOptions& o) {
  const auto fail = [](const std::string& message) {
    std::cerr << "timescales due: " << message << "\n";
    return exit_usage;
  };
  const auto start = parse_date(o.date);
  if (!start) return fail(start.error().message);
  const auto period = parse_period(o.period);
  if (!period) return fail(period.error().message);
  const auto rules = load_rules(o.rules);
  if (!rules) return fail(rules.error());
  const auto calendar = rules->calendars().get(o.calendar.value_or(rules->jurisdiction().calendar));
  if (!calendar) return fail(calendar.error().message);
  const auto r = reckon(*start, *period, *calendar);
  if (!r) return fail(r.error().message);

  if (o.format == "json") {
    write_due_json(std::cout, *r, o.explain, o.language);
    return exit_ok;
  }
  std::cout << to_string(r->deadline.date) << "\n";
  if (o.explain) {
    std::cout << explain(*r, o.language) << "\n";
    if (const std::string counted = working_days_counted(*r, o.language); !counted.empty()) std::cout << counted << "\n";
  }
  return exit_ok;
}

}  // namespace

void add_due_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<DueOptions>();
  CLI::App* due = app.add_subcommand("due", "Print the deadline a period after a date gives (C2-C4)");
  due->add_option("date", options->date, "The trigger date, day 0 (YYYY-MM-DD)")->required();
  due->add_option("period", options->period, "The period: '15 working days', '6 weeks', '3 months'")->required();
  due->add_option("--calendar", options->calendar, "The working-day calendar (default: the jurisdiction's)");
  add_rules_options(due, options->rules);
  due->add_flag("--explain", options->explain, "Show the working days counted and the bank holidays skipped");
  add_language_option(due, options->language);
  due->add_option("--format", options->format,
                  "text: the date, then with --explain how it was counted (the default); json: one object with the "
                  "date, period, calendar, deadline, month_end_clamped, working_days_counted, bank_holidays_skipped "
                  "and explanation (null without --explain)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  due->footer("Example: timescales due 2019-12-20 \"15 working days\" --explain");
  due->callback([options, &exit_code] { exit_code = run_due(*options); });
}

}  // namespace timescales::cli
