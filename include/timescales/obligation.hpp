// What evaluation produces: one obligation per occurrence of a duty for a child (docs/formats.md), and
// findings where a variation was refused (C7).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "timescales/compact_optional.hpp"
#include "timescales/date.hpp"
#include "timescales/period.hpp"
#include "timescales/rule.hpp"

namespace timescales {

// C9: every obligation ends the evaluation in exactly one of these, judged at `as_of`.
enum class Status : std::uint8_t { met, late, missed, overdue, pending, cancelled };

constexpr std::string_view name(Status s) {
  constexpr std::array<std::string_view, 6> names{"met", "late", "missed", "overdue", "pending", "cancelled"};
  return names[static_cast<std::size_t>(s)];
}

constexpr std::optional<Status> status_named(std::string_view n) {
  for (std::size_t i = 0; i < 6; ++i) {
    if (name(static_cast<Status>(i)) == n) return static_cast<Status>(i);
  }
  return std::nullopt;
}

// A status that later evidence cannot change (met, late, missed, cancelled).
constexpr bool settled(Status s) { return s != Status::overdue && s != Status::pending; }

// Which interval of a rule set the deadline, for explanations.
struct IntervalSource {
  std::int8_t phase = -1;  // -1: the variant's `first`; otherwise the index into its phases
  std::int8_t variant = 0;
  bool from_variation = false;  // short breaks: the interval a review recorded
};

// The fields are grouped by size, largest first, and the optional ones keep "none" in the value
// (CompactOptional), so that the struct is 72 bytes: the engine writes one for almost every event.
struct Obligation {
  const Rule* rule = nullptr;
  std::uint32_t case_index = 0;
  std::uint32_t occurrence = 1;
  Date trigger_date;
  std::uint32_t trigger_row = 0;  // the trigger event's row: carried columns
  Date due_date;
  std::int32_t days_late = 0;
  std::int32_t working_days_late = 0;
  CompactOptional<Date> completed_date;
  CompactOptional<std::uint32_t> completed_row;

  // How the deadline was reached and how the duty ended, for explanations.
  Period period;                    // the interval applied (for plan: the plan's own)
  Date chain_start;                 // the event that opened the duty (a placement's start, say)
  // The event whose recorded value chose the interval (a review recording intended_until_18 or a
  // visit_interval), where one did.
  CompactOptional<std::uint32_t> decided_by_row;
  CompactOptional<Date> stopped_on;

  std::uint16_t family = 0;  // the rule's index in Rulebook::families() (ordered by id)
  CompactOptional<EventType> stopped_by;
  Standard standard = Standard::statutory;
  EventType trigger_event = EventType::referral;
  Status status = Status::pending;
  bool capped_by_statute = false;   // plan standard: the statutory deadline came first
  IntervalSource interval;
  // The rule's exception (except_when) turns on the child's legal status, which was not recorded:
  // the duty was taken to apply (RULES.md, reg 4(3)), and the explanation says so.
  bool legal_status_unrecorded = false;
};
static_assert(sizeof(Obligation) <= 72, "keep Obligation small: the engine writes one per event or so");

// A variation that asked to relax a duty beyond what the law allows (C7): not applied.
struct Finding {
  std::uint32_t case_index = 0;
  const Rule* rule = nullptr;
  EventType event = EventType::lac_review;
  Date date;
  std::uint32_t row = 0;
  Attribute attribute = Attribute::visit_interval;
  Period asked;
  Period limit;
};

}  // namespace timescales
