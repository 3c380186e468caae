// The vocabulary rules and events share (docs/formats.md): event types, their same-day order (C8), and
// the attributes an event may carry. This is what a rule can say, not what the law says: the law
// lives in rules/.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace timescales {

// C8: events of one child on one date are applied in this order.
enum class SameDayOrder : std::uint8_t { start = 1, placement, variation, completion, stop };

enum class EventType : std::uint8_t {
  referral,
  referral_decision,
  assessment_completed,
  strategy_discussion,
  s47_started,
  icpc,
  cp_registered,
  outline_plan_circulated,
  core_group,
  cp_review_conference,
  cp_visit,
  cp_deregistered,
  looked_after_start,
  placement_start,
  placement_end,
  care_and_support_plan,
  placement_plan,
  lac_visit,
  lac_review,
  looked_after_end,
  case_closed,
  icpc_requested,
  cp_transfer_notified,
  transfer_conference,
  parent_assessment_completed,
  parent_placement_decision,
  care_leaver_category,
  needs_assessment_completed,
};
inline constexpr std::size_t event_type_count = 28;

struct EventInfo {
  EventType type;
  std::string_view name;
  SameDayOrder order;
};

inline constexpr std::array<EventInfo, event_type_count> event_infos{{
    {EventType::referral, "referral", SameDayOrder::start},
    {EventType::referral_decision, "referral_decision", SameDayOrder::completion},
    {EventType::assessment_completed, "assessment_completed", SameDayOrder::completion},
    {EventType::strategy_discussion, "strategy_discussion", SameDayOrder::start},
    {EventType::s47_started, "s47_started", SameDayOrder::start},
    {EventType::icpc, "icpc", SameDayOrder::completion},
    {EventType::cp_registered, "cp_registered", SameDayOrder::start},
    {EventType::outline_plan_circulated, "outline_plan_circulated", SameDayOrder::completion},
    {EventType::core_group, "core_group", SameDayOrder::completion},
    {EventType::cp_review_conference, "cp_review_conference", SameDayOrder::completion},
    {EventType::cp_visit, "cp_visit", SameDayOrder::completion},
    {EventType::cp_deregistered, "cp_deregistered", SameDayOrder::stop},
    {EventType::looked_after_start, "looked_after_start", SameDayOrder::start},
    {EventType::placement_start, "placement_start", SameDayOrder::placement},
    {EventType::placement_end, "placement_end", SameDayOrder::stop},
    {EventType::care_and_support_plan, "care_and_support_plan", SameDayOrder::completion},
    {EventType::placement_plan, "placement_plan", SameDayOrder::completion},
    {EventType::lac_visit, "lac_visit", SameDayOrder::completion},
    {EventType::lac_review, "lac_review", SameDayOrder::variation},
    {EventType::looked_after_end, "looked_after_end", SameDayOrder::stop},
    {EventType::case_closed, "case_closed", SameDayOrder::stop},
    // C8 names no group for a decision to convene a conference: it is taken after the day's
    // strategy discussion (a start) and before the conference itself (a completion), with the
    // variations, which also record a decision about a duty.
    {EventType::icpc_requested, "icpc_requested", SameDayOrder::variation},
    {EventType::cp_transfer_notified, "cp_transfer_notified", SameDayOrder::start},
    {EventType::transfer_conference, "transfer_conference", SameDayOrder::completion},
    {EventType::parent_assessment_completed, "parent_assessment_completed", SameDayOrder::completion},
    {EventType::parent_placement_decision, "parent_placement_decision", SameDayOrder::completion},
    {EventType::care_leaver_category, "care_leaver_category", SameDayOrder::start},
    {EventType::needs_assessment_completed, "needs_assessment_completed", SameDayOrder::completion},
}};

constexpr const EventInfo& info(EventType t) { return event_infos[static_cast<std::size_t>(t)]; }
constexpr std::string_view name(EventType t) { return info(t).name; }
constexpr SameDayOrder same_day_order(EventType t) { return info(t).order; }

constexpr std::optional<EventType> event_type_named(std::string_view name) {
  for (const EventInfo& e : event_infos) {
    if (e.name == name) return e.type;
  }
  return std::nullopt;
}

// C8: case_closed ends every duty, whatever a rule lists as its stops.
inline constexpr EventType ends_every_duty = EventType::case_closed;

// C8: the periods a child is in (a placement, being looked after, registration): the event that
// starts the kind of period a stop ends. A start on the day such a stop ends the previous period
// of that kind is a new period, which the stop does not end.
constexpr std::optional<EventType> period_started_by(EventType stop) {
  switch (stop) {
    case EventType::placement_end: return EventType::placement_start;
    case EventType::looked_after_end: return EventType::looked_after_start;
    case EventType::cp_deregistered: return EventType::cp_registered;
    default: return std::nullopt;
  }
}

// Attributes an event may carry (docs/formats.md). Each has one type.
enum class Attribute : std::uint8_t {
  placement_type, seen_alone, at_home, intended_until_18, visit_interval, legal_status, category
};
inline constexpr std::size_t attribute_count = 7;

// A choice attribute's value is an index into its list of names.
enum class AttributeKind : std::uint8_t { choice, boolean, period };

enum class PlacementType : std::uint8_t {
  standard,
  parent_pre_assessment,
  connected_person_temporary,
  interim_care_order_with_parent,
  care_order_with_parent,
  short_breaks,
};
inline constexpr std::array<std::string_view, 6> placement_type_names{
    "standard",           "parent_pre_assessment",  "connected_person_temporary",
    "interim_care_order_with_parent", "care_order_with_parent", "short_breaks"};

// The legal basis on which a child is looked after (docs/formats.md). `not_recorded` is no value
// in the input, never a value of its own: the input cannot say it.
enum class LegalStatus : std::uint8_t {
  not_recorded,
  accommodated,
  interim_care_order,
  care_order,
  placement_order,
  emergency_protection,
  police_protection,
  remand,
};
inline constexpr std::array<std::string_view, 7> legal_status_names{
    "accommodated",      "interim_care_order", "care_order", "placement_order",
    "emergency_protection", "police_protection", "remand"};

// A care leaver's category (1 or 2); 0 when none was recorded.
inline constexpr std::array<std::string_view, 2> category_names{"1", "2"};

struct AttributeInfo {
  Attribute attribute;
  std::string_view name;
  AttributeKind kind;
  std::span<const std::string_view> choices{};  // a choice attribute's names
};

inline constexpr std::array<AttributeInfo, attribute_count> attribute_infos{{
    {Attribute::placement_type, "placement_type", AttributeKind::choice, placement_type_names},
    {Attribute::seen_alone, "seen_alone", AttributeKind::boolean},
    {Attribute::at_home, "at_home", AttributeKind::boolean},
    {Attribute::intended_until_18, "intended_until_18", AttributeKind::boolean},
    {Attribute::visit_interval, "visit_interval", AttributeKind::period},
    {Attribute::legal_status, "legal_status", AttributeKind::choice, legal_status_names},
    {Attribute::category, "category", AttributeKind::choice, category_names},
}};

constexpr const AttributeInfo& info(Attribute a) { return attribute_infos[static_cast<std::size_t>(a)]; }
constexpr std::string_view name(Attribute a) { return info(a).name; }
constexpr AttributeKind kind(Attribute a) { return info(a).kind; }

constexpr std::optional<Attribute> attribute_named(std::string_view name) {
  for (const AttributeInfo& a : attribute_infos) {
    if (a.name == name) return a.attribute;
  }
  return std::nullopt;
}

// The index of `text` among a choice attribute's names.
constexpr std::optional<std::uint8_t> choice_named(Attribute a, std::string_view text) {
  const auto choices = info(a).choices;
  for (std::size_t i = 0; i < choices.size(); ++i) {
    if (choices[i] == text) return static_cast<std::uint8_t>(i);
  }
  return std::nullopt;
}

constexpr std::optional<PlacementType> placement_type_named(std::string_view name) {
  const auto i = choice_named(Attribute::placement_type, name);
  return i ? std::optional(static_cast<PlacementType>(*i)) : std::nullopt;
}
constexpr std::optional<LegalStatus> legal_status_named(std::string_view name) {
  const auto i = choice_named(Attribute::legal_status, name);
  return i ? std::optional(static_cast<LegalStatus>(*i + 1)) : std::nullopt;
}
constexpr std::string_view name(PlacementType p) { return placement_type_names[static_cast<std::size_t>(p)]; }
constexpr std::string_view name(LegalStatus s) {
  return s == LegalStatus::not_recorded ? std::string_view{} : legal_status_names[static_cast<std::size_t>(s) - 1];
}

// The events each attribute may appear on (docs/formats.md); elsewhere it is ignored.
constexpr bool carries(EventType e, Attribute a) {
  switch (a) {
    case Attribute::placement_type: return e == EventType::placement_start;
    case Attribute::seen_alone:
    case Attribute::at_home: return e == EventType::cp_visit;
    case Attribute::intended_until_18: return e == EventType::placement_start || e == EventType::lac_review;
    case Attribute::visit_interval: return e == EventType::lac_review;
    case Attribute::legal_status: return e == EventType::looked_after_start || e == EventType::placement_start;
    case Attribute::category: return e == EventType::care_leaver_category;
  }
  return false;
}

}  // namespace timescales
