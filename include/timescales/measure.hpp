// Performance measures as definitions (rules/wales/measures/*.toml): which rules' obligations a
// measure counts, under which standard, on what basis, with which statuses in the numerator and
// denominator. Counting them over periods and groups is report.hpp.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "timescales/date.hpp"
#include "timescales/obligation.hpp"
#include "timescales/rule.hpp"

namespace timescales {

enum class Basis : std::uint8_t {
  completed_in_period,  // obligations completed in the period (PM24: assessments completed in the year)
  due_in_period,        // obligations due in the period (statutory visits due in the year)
};

constexpr std::string_view name(Basis b) { return b == Basis::completed_in_period ? "completed_in_period" : "due_in_period"; }

// A worked example: events (several children), a reporting window, the expected count.
struct MeasureExample {
  struct Row {
    std::string case_id;
    ExampleEvent event;
  };
  std::string name;
  Date as_of;
  Date from;
  Date to;
  std::vector<Row> events;
  std::size_t numerator = 0;
  std::optional<std::size_t> denominator;
  int line = 0;
};

struct Measure {
  std::string id;
  std::string title;
  std::string title_cy;
  std::string summary;
  std::string summary_cy;     // empty: Welsh output shows `summary`
  bool english_only = false;  // as a rule's (rule.hpp): only in a council's layer
  std::string source_name;
  std::string source_url;
  std::string source_definition;  // the definition's own words
  std::vector<std::string> rules;  // rule ids whose obligations it counts
  Standard standard = Standard::statutory;
  Basis basis = Basis::completed_in_period;
  std::vector<Status> numerator;
  std::vector<Status> denominator;  // empty: a count, with no percentage (CH/012)
  std::optional<Date> reports_from;  // the years the measure was defined for (PM24: 2016-17 to 2019-20)
  std::optional<Date> reports_to;
  std::vector<MeasureExample> examples;
  std::string file;
  int line = 0;

  [[nodiscard]] bool counts(const Obligation& ob) const { return names(*ob.rule) && counts_named(ob); }  // in the denominator (or counted)
  [[nodiscard]] bool numerates(const Obligation& ob) const { return names(*ob.rule) && numerates_named(ob); }  // in the numerator
  // Whether it counts a rule's obligations at all; the two below judge an obligation of a rule it
  // names by its standard and status alone, so report() can look the rule up once per rule.
  [[nodiscard]] bool names(const Rule& rule) const { return std::ranges::find(rules, rule.id) != rules.end(); }
  [[nodiscard]] bool counts_named(const Obligation& ob) const;
  [[nodiscard]] bool numerates_named(const Obligation& ob) const;
  // The date that places an obligation in a period, if it has one on this basis.
  [[nodiscard]] std::optional<Date> basis_date(const Obligation& ob) const {
    if (basis == Basis::completed_in_period) return ob.completed_date;
    return ob.due_date;
  }
};

inline bool Measure::numerates_named(const Obligation& ob) const {
  return ob.standard == standard && std::ranges::find(numerator, ob.status) != numerator.end();
}

inline bool Measure::counts_named(const Obligation& ob) const {
  const auto& statuses = denominator.empty() ? numerator : denominator;
  return ob.standard == standard && std::ranges::find(statuses, ob.status) != statuses.end();
}

}  // namespace timescales
