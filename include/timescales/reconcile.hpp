// Reconciling a council's report with the rules, child by child: for the children in the
// council's output, each completed occurrence of a rule (statutory standard) compared with the
// council's on-time classification, and occurrences present on one side only. No I/O: the
// council's file is read by read_theirs_csv (theirs_csv.hpp).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "timescales/engine.hpp"
#include "timescales/language.hpp"
#include "timescales/theirs_csv.hpp"

namespace timescales {

struct Disagreement {
  std::string case_id;
  Date completed;
  std::optional<bool> theirs;  // on time? absent: not in their report
  std::optional<bool> ours;    // absent: no such completed occurrence by the rules
  std::optional<Date> due;     // ours
  std::string reason;          // ours, in words
};

struct Reconciliation {
  std::size_t compared = 0;  // occurrences on both sides
  std::size_t agreed = 0;
  std::vector<Disagreement> disagreements;  // by case id, then date
};

// Each disagreement's reason is in `language` (explain.hpp's reconcile_reason).
Reconciliation reconcile(const Evaluation& evaluation, const EventTable& events, std::string_view rule_id,
                         const std::vector<TheirRow>& theirs, Language language = Language::en);

}  // namespace timescales
