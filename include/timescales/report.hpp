// Counting measures over periods and groups: numerators and denominators of children's obligations
// (C11), each figure traceable to the obligations behind it. No I/O.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "timescales/engine.hpp"
#include "timescales/measure.hpp"

namespace timescales {

// Months, quarters and years follow the Welsh financial year (April to March), as the national
// measures are reported; `whole` is one period from `from` to `to`.
enum class Granularity { month, quarter, year, whole };

std::vector<DateRange> periods(Date from, Date to, Granularity granularity);

struct ReportOptions {
  Date from;
  Date to;
  Granularity granularity = Granularity::year;
  std::optional<std::size_t> by_column;  // a carried column of the event table
};

struct ReportRow {
  std::string measure;
  DateRange period;
  std::string group;  // "all", or the --by column's value
  std::size_t numerator = 0;
  std::size_t denominator = 0;
  bool has_denominator = true;  // false for a count measure (CH/012)
  // C13: the lowest confidence among the obligations counted; none when it counts none.
  std::optional<Confidence> confidence;

  // In percent; nullopt when there is no denominator or it is zero.
  [[nodiscard]] std::optional<double> percentage() const {
    if (!has_denominator || denominator == 0) return std::nullopt;
    return 100.0 * static_cast<double>(numerator) / static_cast<double>(denominator);
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

Report report(std::span<const Measure* const> measures, const Evaluation& evaluation, const EventTable& events,
              const ReportOptions& options);

// A measure's worked example: its events evaluated with the rulebook, counted over [from, to].
struct MeasureExampleResult {
  std::size_t numerator = 0;
  std::size_t denominator = 0;
  std::vector<std::string> differences;  // empty: it holds
};
MeasureExampleResult run_measure_example(const Measure& measure, const MeasureExample& example, const Rulebook& rules);

}  // namespace timescales
