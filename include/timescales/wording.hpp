// The words the library's sentences are made of, in the reader's language: names of days, months,
// statuses and holidays, periods, conditions, and when a rule is in effect. The date core, the
// rules and the engine hold identifiers and numbers; this is where they become words.
// Identifiers of the rule format (event types, attributes, standards) are shown as they are
// written, in every language: they are what a council's data and rule files say.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "timescales/date.hpp"
#include "timescales/holiday.hpp"
#include "timescales/language.hpp"
#include "timescales/measure.hpp"
#include "timescales/obligation.hpp"
#include "timescales/period.hpp"
#include "timescales/report.hpp"
#include "timescales/rule.hpp"
#include "timescales/rulebook.hpp"
#include "timescales/target.hpp"

namespace timescales {

std::string_view weekday_name(Weekday weekday, Language language);  // "Wednesday"
std::string_view month_name(int month, Language language);          // 1..12: "Dec"
std::string day_and_month(Date date, Language language);            // "25 Dec": the year is clear from context
std::string ordinal(int n, Language language);                      // "15th"
std::string period_words(Period period, Language language);         // "15 working days"
std::string_view status_name(Status status, Language language);     // "met"
std::string_view standard_name(Standard standard, Language language);  // "statutory": the code, translated
std::string_view holiday_name(const Holiday& holiday, Language language);  // "Christmas Day"
std::string_view rule_title(const Rule& rule, Language language);   // "Initial child protection conference"
std::string_view measure_title(const Measure& measure, Language language);  // "Assessments ... (PM24)"
// The summaries in plain words: Welsh from summary_cy, or the English one where there is none.
std::string_view rule_summary(const Rule& rule, Language language);
std::string_view measure_summary(const Measure& measure, Language language);
std::string_view setting_summary(const DateSetting& setting, Language language);
// A duty not encoded and why, likewise from duty_cy and reason_cy.
std::string_view not_encoded_duty(const NotEncoded& entry, Language language);
std::string_view not_encoded_reason(const NotEncoded& entry, Language language);

// "placement_type = standard": a condition as a rule file writes it.
std::string condition_words(const Condition& condition, Language language);

// "from 2016-04-06 to 2019-01-01" (the end exclusive), or "from 2016-04-06".
std::string in_effect(Date from, std::optional<Date> to, Language language);

// The mark beside a figure or duty that rests on a probable or unconfirmed rule, explained (C13).
std::string_view not_settled_note(Language language);  // "rests on a rule that is probable or ..."

// The worklist's words.
namespace worklist_text {
// "Open duties on 2024-03-28: overdue, and due by 2024-04-11 (10 working days)"
std::string heading(Date as_of, Date horizon, Period within, Language language);
// "team = North, worker = A. Jones" (each `by` column and the group's value); "all" for no columns.
std::string group(const std::vector<std::string>& columns, const std::vector<std::string>& values, Language language);
// "3 overdue, 2 due this week, 5 due within 10 working days"
std::string counts(std::size_t overdue, std::size_t this_week, std::size_t within_horizon, Period within,
                   Language language);
std::string_view nothing_open(Language language);  // "Nothing overdue or due within the horizon."
}  // namespace worklist_text

// The words of the tool's Excel workbooks (sheet names are at most 31 characters).
namespace workbook_text {
std::string_view obligations_sheet(Language language);  // "Obligations"
std::string_view rejected_sheet(Language language);     // "Rejected rows"
std::string_view contents_sheet(Language language);     // "Contents"
std::string_view summary_sheet(Language language);      // "Summary"
std::string_view worklist_sheet(Language language);     // "Worklist"
// Beside the contents: what the shading of a row means.
std::string_view marked_rows(Language language);  // "Shaded rows rest on a rule that is probable ..."
std::string_view sheet_column(Language language);  // "sheet": the Contents' column naming each sheet
}  // namespace workbook_text

// The dashboard's words (src/dashboard/): the fixed ones in one table, those with values below.
namespace dashboard_text {
struct Words {
  std::string_view default_title;   // "Statutory timescales"
  std::string_view skip_link;       // "Skip to the figures"
  std::string_view contents;        // "On this page"
  std::string_view headline;        // "Headline figures"
  std::string_view trends;          // "Trends"
  std::string_view teams;           // "By group"
  std::string_view needs_doing;     // "What needs doing"
  std::string_view about;           // "About these figures"
  std::string_view period;          // table headings: "Period"
  std::string_view numerator;       // "Within the timescale"
  std::string_view denominator;     // "Counted"
  std::string_view percentage;      // "Percentage"
  std::string_view confidence;      // "Rule confidence"
  std::string_view against_target;  // "Against target"
  std::string_view no_target;       // "No target set"
  std::string_view no_figure;       // "Nothing counted"
  std::string_view partial;         // "partial"
  std::string_view target;          // "Target"
  std::string_view case_id;         // "Case"
  std::string_view duty;            // "Duty"
  std::string_view due;             // "Due"
  std::string_view done;            // "Done"
  std::string_view status;          // "Status"
  std::string_view days_left;       // "Days left"
  std::string_view working_days_left;  // "Working days left"
  std::string_view why;             // "Why"
  std::string_view n;               // under a chart's period: "n=" and its number of duties
  std::string_view behind;          // a column of the duties behind each figure: "Behind the figure"
  std::string_view counted_in;      // "Within the timescale" (a duty behind a figure)
  std::string_view yes;             // "yes"
  std::string_view no;              // "no"
  std::string_view sort_by;         // "Sort by"
  std::string_view chart_data;      // "The chart's figures are in the table below it."
  std::string_view case_ids_only;   // "The page holds case ids only, never names."
  std::string_view nothing_open;    // "Nothing overdue or due within the horizon."
};
const Words& words(Language language);

// Beside a figure of fewer than `below` duties: "Fewer than 10 duties: read with care"
std::string small_figure_words(std::size_t below, Language language);
// How the charts mark partial periods, small figures (fewer than `below`) and the target.
std::string chart_legend(std::size_t below, Language language);
std::string_view rag_name(Rag rag, Language language);              // "On target"
std::string_view rag_symbol(Rag rag);                               // a mark besides the colour: "✓"
// The page's switch to `language`: its name in itself ("English", "Cymraeg"), the same whatever
// the page's language, as Welsh public bodies write it, so never translated.
std::string_view switch_to(Language language);
std::string_view standard_words(Standard standard, Language language);  // "statutory standard"
// "2023-24 Q1", "Apr 2023", "2023-24": a financial period (Welsh financial year, April to March).
std::string period_label(DateRange period, Granularity granularity, Language language);
// "Figures as of 2024-03-28, by financial quarter"
std::string as_of_line(Date as_of, Granularity granularity, Language language);
// "Computed with timescales 0.1.0, rules 1a2b3c4d (built in, my-council/). Every figure ...":
// the version, the rules' fingerprint and where they came from ("" for the built-in rules).
std::string rules_line(std::string_view version, std::string_view fingerprint, std::span<const std::string> origins,
                       Language language);
// A rule's confidence as a reader sees it (C13): "probable"
std::string_view confidence_name(Confidence confidence, Language language);
// Above a worklist group's duties when not all are listed: "The first 200 of the 312 duties, ..."
std::string listed(std::size_t shown, std::size_t total, Language language);
// "45 of 52"; "45" for a count measure
std::string figure_counts(std::size_t numerator, std::size_t denominator, bool has_denominator, Language language);
// "Target: 90% or more, set by the Improvement Board (2024-25)"
std::string target_words(const Target& target, Language language);
// "Previous periods: 2023-24 Q3 82.0%, ..." is built from period_label; this is its lead-in.
std::string_view previous_periods(Language language);
// "to 2024-03-28, the period is not over"
std::string partial_period(Date to, Language language);
// "The 52 duties behind this figure" / "The first 200 of the 5,312 duties behind this figure; ..."
std::string behind(std::size_t shown, std::size_t total, Language language);
}  // namespace dashboard_text

}  // namespace timescales
