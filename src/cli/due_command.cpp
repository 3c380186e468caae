// timescales due DATE PERIOD: the deadline a period gives, and with --explain how it was counted.
#include <iostream>

#include "cli/commands.hpp"
#include "timescales/explain.hpp"
#include "timescales/load.hpp"

namespace timescales::cli {

namespace {

struct DueOptions {
  std::string date;
  std::string period;
  std::optional<std::string> calendar;  // default: the jurisdiction's
  RulesOptions rules;
  bool explain = false;
};

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

  std::cout << to_string(r->deadline.date) << "\n";
  if (o.explain) {
    std::cout << explain(*r, tool_language) << "\n";
    if (const std::string counted = working_days_counted(*r, tool_language); !counted.empty()) std::cout << counted << "\n";
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
  due->footer("Example: timescales due 2019-12-20 \"15 working days\" --explain");
  due->callback([options, &exit_code] { exit_code = run_due(*options); });
}

}  // namespace timescales::cli
