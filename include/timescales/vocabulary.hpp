// The vocabulary rules and events share (FORMATS.md): event types, their same-day order (C8), and
// the attributes an event may carry. This is what a rule can say, not what the law says: the law
// lives in rules/.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
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
};
inline constexpr std::size_t event_type_count = 21;

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

// Attributes an event may carry (FORMATS.md). Each has one type.
enum class Attribute : std::uint8_t { placement_type, seen_alone, at_home, intended_until_18, visit_interval };
inline constexpr std::size_t attribute_count = 5;

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

constexpr std::optional<PlacementType> placement_type_named(std::string_view name) {
  for (std::size_t i = 0; i < placement_type_names.size(); ++i) {
    if (placement_type_names[i] == name) return static_cast<PlacementType>(i);
  }
  return std::nullopt;
}

struct AttributeInfo {
  Attribute attribute;
  std::string_view name;
  AttributeKind kind;
};

inline constexpr std::array<AttributeInfo, attribute_count> attribute_infos{{
    {Attribute::placement_type, "placement_type", AttributeKind::choice},
    {Attribute::seen_alone, "seen_alone", AttributeKind::boolean},
    {Attribute::at_home, "at_home", AttributeKind::boolean},
    {Attribute::intended_until_18, "intended_until_18", AttributeKind::boolean},
    {Attribute::visit_interval, "visit_interval", AttributeKind::period},
}};

constexpr std::string_view name(Attribute a) { return attribute_infos[static_cast<std::size_t>(a)].name; }
constexpr AttributeKind kind(Attribute a) { return attribute_infos[static_cast<std::size_t>(a)].kind; }

constexpr std::optional<Attribute> attribute_named(std::string_view name) {
  for (const AttributeInfo& a : attribute_infos) {
    if (a.name == name) return a.attribute;
  }
  return std::nullopt;
}

// The events each attribute may appear on (FORMATS.md); elsewhere it is ignored.
constexpr bool carries(EventType e, Attribute a) {
  switch (a) {
    case Attribute::placement_type: return e == EventType::placement_start;
    case Attribute::seen_alone:
    case Attribute::at_home: return e == EventType::cp_visit;
    case Attribute::intended_until_18: return e == EventType::placement_start || e == EventType::lac_review;
    case Attribute::visit_interval: return e == EventType::lac_review;
  }
  return false;
}

}  // namespace timescales
