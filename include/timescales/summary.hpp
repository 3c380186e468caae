// Counting obligations by rule, standard and status: the compliance summary the tool prints.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "timescales/engine.hpp"

namespace timescales {

// One row per rule, standard and confidence: versions of a rule of different confidence are never
// merged into one figure (C13).
struct RuleSummary {
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

inline std::vector<RuleSummary> summarise(const Evaluation& evaluation) {
  std::vector<RuleSummary> out;
  for (const Obligation& ob : evaluation.obligations) {
    auto it = std::ranges::find_if(out, [&](const RuleSummary& s) {
      return s.rule == ob.rule->id && s.standard == ob.standard && s.confidence == ob.rule->confidence;
    });
    if (it == out.end()) {
      out.push_back({ob.rule->id, ob.standard, ob.rule->confidence, {}});
      it = out.end() - 1;
    }
    ++it->by_status[static_cast<std::size_t>(ob.status)];
  }
  std::ranges::sort(out, [](const RuleSummary& a, const RuleSummary& b) {
    return std::tie(a.rule, a.standard, a.confidence) < std::tie(b.rule, b.standard, b.confidence);
  });
  return out;
}

}  // namespace timescales
