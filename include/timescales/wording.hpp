// The words the library's sentences are made of, in the reader's language: names of days, months,
// statuses and holidays, periods, conditions, and when a rule is in effect. The date core, the
// rules and the engine hold identifiers and numbers; this is where they become words.
// Identifiers of the rule format (event types, attributes, standards) are shown as they are
// written, in every language: they are what a council's data and rule files say.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "timescales/date.hpp"
#include "timescales/holiday.hpp"
#include "timescales/language.hpp"
#include "timescales/measure.hpp"
#include "timescales/obligation.hpp"
#include "timescales/period.hpp"
#include "timescales/rule.hpp"

namespace timescales {

std::string_view weekday_name(Weekday weekday, Language language);  // "Wednesday"
std::string_view month_name(int month, Language language);          // 1..12: "Dec"
std::string day_and_month(Date date, Language language);            // "25 Dec": the year is clear from context
std::string ordinal(int n, Language language);                      // "15th"
std::string period_words(Period period, Language language);         // "15 working days"
std::string_view status_name(Status status, Language language);     // "met"
std::string_view holiday_name(const Holiday& holiday, Language language);  // "Christmas Day"
std::string_view rule_title(const Rule& rule, Language language);   // "Initial child protection conference"
std::string_view measure_title(const Measure& measure, Language language);  // "Assessments ... (PM24)"

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

}  // namespace timescales
