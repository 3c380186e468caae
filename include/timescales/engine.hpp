// The obligation engine: an event table and a rulebook in, every child's obligations out, as of a
// date. Children are independent; each child's events are applied in date order with C8's
// same-day order, so the result never depends on the order of the input rows. No I/O.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "timescales/event.hpp"
#include "timescales/obligation.hpp"
#include "timescales/rulebook.hpp"

namespace timescales {

struct EvaluateOptions {
  std::optional<Date> as_of;  // default: the latest event date in the input (C9)
  // Only these rule ids (empty: every rule). Worked examples evaluate one rule at a time.
  std::vector<std::string> only_rules;
  // Threads evaluating children (each child on one thread): 0, every core this process may use
  // (available_cores(): its CPU affinity and cgroup quota); 1, the calling thread alone. The
  // result is the same, byte for byte, whatever the number.
  unsigned threads = 0;
  // Fewer threads than asked where each would get fewer events than this (small inputs: one), so
  // that they do not pay for starting threads (benchmarks/NOTES.md). Tests set 1 to split any input.
  std::size_t min_events_per_thread = 50'000;
};

// An occurrence whose deadline falls after the calendar's last date: it cannot be judged (C1: never
// a guess), so it is reported here, and counted, instead of as an obligation.
struct Unjudged {
  std::uint32_t case_index = 0;
  const Rule* rule = nullptr;
  EventType trigger_event = EventType::referral;
  Date trigger_date;
  std::uint32_t trigger_row = 0;
};

struct Evaluation {
  Date as_of;
  std::vector<Obligation> obligations;  // by case id, then rule id, standard and trigger date
  std::vector<Finding> findings;
  std::size_t events_used = 0;
  std::size_t events_after_as_of = 0;  // dated after as_of: not used (the summary counts them)
  std::vector<std::uint32_t> rows_after_as_of;  // their rows in the table, in row order (C9: reported)
  std::vector<Unjudged> unjudged;  // deadlines beyond the calendar (C1)
};

Evaluation evaluate(const EventTable& events, const Rulebook& rules, const EvaluateOptions& options = {});

}  // namespace timescales
