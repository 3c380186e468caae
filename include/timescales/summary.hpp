// Counting obligations by rule, standard and status: the compliance summary the tool prints.
#pragma once

#include <array>
#include <map>
#include <span>
#include <string_view>
#include <tuple>
#include <string>
#include <vector>

#include "timescales/engine.hpp"

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

}  // namespace timescales
