// Counting measures over periods and groups: numerators and denominators of children's obligations
// (C11), each figure traceable to the obligations behind it. No I/O.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "timescales/engine.hpp"
#include "timescales/measure.hpp"

namespace timescales {

// Months, quarters and years follow the Welsh financial year (April to March), as the national
// measures are reported; `whole` is one period from `from` to `to`.
enum class Granularity { month, quarter, year, whole };

std::vector<DateRange> periods(Date from, Date to, Granularity granularity);

// A partition of an evaluation's obligations into groups (a team, a worker): each figure is
// counted for all and for each group. The tool groups by carried columns (groups_by); the Python
// package by columns of its own frame.
struct Groups {
  static constexpr std::uint32_t none = UINT32_MAX;
  std::vector<std::uint32_t> of;                 // per obligation: its group, or none
  std::vector<std::vector<std::string>> values;  // per group: its values of the `by` columns, in output order
};

// Groups by the values of carried columns (indices into the event table's carried columns) on each
// obligation's trigger event, in the order of their values.
Groups groups_by(const Evaluation& evaluation, const EventTable& events, std::span<const std::size_t> by);

struct ReportOptions {
  Date from;
  Date to;
  Granularity granularity = Granularity::year;
  std::optional<Groups> groups;  // none: only the rows of all
};

// The columns of a report row, in every output: the shared report format's (`group` is "all" or
// the group's values, joined by " / " when there are several `by` columns), then the measure's
// title, then one column per `by` column with the group's value (empty on the row of all).
inline constexpr std::array<std::string_view, 9> report_columns{
    "measure", "period_start", "period_end", "group", "numerator", "denominator", "percentage", "confidence", "title"};

struct ReportRow {
  const Measure* measure = nullptr;
  DateRange period;
  // The values of the `by` columns that make the group; empty for the row of all, which comes
  // first among the rows of its measure and period.
  std::vector<std::string> group;
  std::uint32_t group_index = Groups::none;  // into Groups::values; none on the row of all
  bool all = true;
  std::size_t numerator = 0;
  std::size_t denominator = 0;
  bool has_denominator = true;  // false for a count measure (CH/012)
  // C13: the lowest confidence among the obligations counted; none when it counts none.
  std::optional<Confidence> confidence;

  // The `group` column: "all", or the group's values joined by " / ".
  [[nodiscard]] std::string group_text() const {
    if (all) return "all";
    std::string out;
    for (const std::string& v : group) out += (out.empty() ? "" : " / ") + v;
    return out;
  }
  // In percent to one decimal place (docs/formats.md), the one figure every output gives (CSV,
  // JSON, the workbook, Python, the dashboard) and its target judges, so that a board never
  // reads 90.0% judged short of 90%. Rounded in whole numbers from the counts themselves, so
  // exactly and whatever the locale: an exact half goes to the even digit (1 of 2,000, 0.05%,
  // is 0.0; 49 of 400, 12.25%, is 12.2). nullopt when there is no denominator or it is zero.
  [[nodiscard]] std::optional<double> percentage() const {
    if (!has_denominator || denominator == 0) return std::nullopt;
    const std::size_t scaled = 1000 * numerator;  // tenths of a percent, times the denominator
    std::size_t tenths = scaled / denominator;
    const std::size_t rest = scaled % denominator;
    if (2 * rest > denominator || (2 * rest == denominator && tenths % 2 == 1)) ++tenths;
    return static_cast<double>(tenths) / 10.0;
  }
};

// An obligation behind a figure: which report row, and whether it is in the numerator.
struct DrillDown {
  std::size_t row;
  const Obligation* obligation;
  bool in_numerator;
};

struct Report {
  std::vector<ReportRow> rows;
  std::vector<DrillDown> drill_down;
};

Report report(std::span<const Measure* const> measures, const Evaluation& evaluation, const ReportOptions& options);

// The first day a report covers when none is given (the tool, Python, the dashboard): the start of
// the financial year of the earliest event (as_of when there is none before it).
Date default_report_from(const EventTable& events, Date as_of);

// A report's options as every face takes them: from `from` (default: default_report_from) to `to`
// (default: as_of), by `granularity`, grouped by the carried columns `by` (none: the rows of all
// only). Nothing when `to` is before `from`: each face says so in its own terms.
std::optional<ReportOptions> report_options(const Evaluation& evaluation, const EventTable& events,
                                            Granularity granularity, std::optional<Date> from, std::optional<Date> to,
                                            std::span<const std::size_t> by = {});

// A measure's worked example: its events evaluated with the rulebook, counted over [from, to].
struct MeasureExampleResult {
  std::size_t numerator = 0;
  std::size_t denominator = 0;
  std::vector<std::string> differences;  // empty: it holds
};
MeasureExampleResult run_measure_example(const Measure& measure, const MeasureExample& example, const Rulebook& rules);

}  // namespace timescales
