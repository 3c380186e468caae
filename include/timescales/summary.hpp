// Counting obligations by rule, standard and status: the compliance summary the tool prints.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <span>
#include <string_view>
#include <tuple>
#include <string>
#include <vector>

#include "timescales/engine.hpp"
#include "timescales/language.hpp"

namespace timescales {

// One row per rule, standard and confidence: versions of a rule of different confidence are never
// merged into one figure (C13).
struct RuleSummary {
  std::vector<std::string> group;  // the values of the `by` columns (none without them)
  std::string rule;
  Standard standard = Standard::statutory;
  Confidence confidence = Confidence::confirmed;
  std::array<std::size_t, 6> by_status{};  // indexed by Status

  [[nodiscard]] std::size_t count(Status s) const { return by_status[static_cast<std::size_t>(s)]; }
  [[nodiscard]] std::size_t total() const {
    std::size_t n = 0;
    for (std::size_t c : by_status) n += c;
    return n;
  }
  // Settled or overdue obligations: everything but pending and cancelled (C9: cancelled counts
  // neither for nor against; pending has not yet been due).
  [[nodiscard]] std::size_t judged() const {
    return count(Status::met) + count(Status::late) + count(Status::missed) + count(Status::overdue);
  }
  // Share of judged obligations met on time, in percent; negative when nothing was judged.
  [[nodiscard]] double on_time_percent() const {
    return judged() == 0 ? -1.0 : 100.0 * static_cast<double>(count(Status::met)) / static_cast<double>(judged());
  }
};

// Grouped first by the values of the `by` carried columns (indices into the event table's
// carried columns) on each obligation's trigger event, when given.
inline std::vector<RuleSummary> summarise(const Evaluation& evaluation, const EventTable& events,
                                          std::span<const std::size_t> by = {}) {
  using Key = std::tuple<std::vector<std::string_view>, std::string_view, Standard, Confidence>;
  std::map<Key, std::array<std::size_t, 6>> counts;
  for (const Obligation& ob : evaluation.obligations) {
    std::vector<std::string_view> group;
    for (const std::size_t column : by) group.push_back(events.carried(column, ob.trigger_row));
    ++counts[Key{std::move(group), ob.rule->id, ob.standard, ob.rule->confidence}][static_cast<std::size_t>(ob.status)];
  }
  std::vector<RuleSummary> out;
  for (const auto& [key, by_status] : counts) {
    const auto& [group, rule, standard, confidence] = key;
    out.push_back({{group.begin(), group.end()}, std::string(rule), standard, confidence, by_status});
  }
  return out;
}

// The sentences of the summary `timescales evaluate` prints on standard error, and the headings
// of its --summary table, in the reader's language (src/text/summary_text.cpp).
namespace summary_text {
// "events: 7 rows read = 5 used + 2 rejected"
std::string rows(std::size_t read, std::size_t used, std::size_t rejected, Language language);
// "; 3 dated after 2021-04-15 not used": after rows(), when events fell after the as-of date.
std::string after_as_of(std::size_t n, Date as_of, Language language);
// "; as of 2021-04-15": after rows(), where no children() line follows.
std::string as_of(Date as_of, Language language);
// "children: 2; as of 2021-04-15"
std::string children(std::size_t n, Date as_of, Language language);
// "obligations: 7 (met 2, late 1, missed 0, overdue 2, pending 2, cancelled 0)"
std::string obligations(std::size_t total, const std::array<std::size_t, 6>& by_status, Language language);
// "findings: 1 refused variations"
std::string findings(std::size_t n, Language language);
// "written: case C2 only, 7 obligations" (--case)
std::string written_case(std::string_view case_id, std::size_t n, Language language);
// "cannot be judged: 2 duties whose deadline falls after 2060-12-31, the calendar's last date (C1); the first:"
std::string unjudged(std::size_t n, Date calendar_last, Language language);
// "C1 wales.cp.icpc from strategy_discussion on 2060-12-01": one of the duties that cannot be judged.
std::string unjudged_duty(std::string_view case_id, std::string_view rule, std::string_view event, Date date,
                          Language language);
// "dated after 2021-04-15, not used (the first lines):"
std::string after_as_of_lines(Date as_of, Language language);
// "rejected rows written to FILE:", or without a file "rejected rows (use --rejected FILE for all):"
std::string rejected_rows(const std::optional<std::string>& file, Language language);

// "dashboard: 12 measures, 3 targets, written to FILE": what `dashboard` wrote.
std::string dashboard_written(std::size_t measures, std::size_t targets, std::string_view file, Language language);
// What `reconcile` compared: "reconcile RULE: 40 rows in FILE; 38 occurrences on both sides, 36
// agree, 2 classified differently; 1 only in theirs, 1 only in ours; 3 children affected".
struct Reconciled {
  std::string_view rule, file;
  std::size_t rows, compared, agreed, only_theirs, only_ours, children;
};
std::string reconciled(const Reconciled& r, Language language);
// "rejected rows (the disagreements may come from them, not from the rules) written to FILE:", or
// without a file "... (use --rejected FILE for all):"
std::string reconcile_rejected_rows(const std::optional<std::string>& file, Language language);

// The --summary table's headings, and what "on time" means beneath it.
struct Headings {
  std::string_view rule, standard, confidence, total, on_time;
};
Headings headings(Language language);
std::string on_time_note(Language language);  // "on time = met / (met + late + missed + overdue); ..."
}  // namespace summary_text

}  // namespace timescales
