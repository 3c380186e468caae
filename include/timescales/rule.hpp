// One statutory (or local) duty as the rule files state it: who must do what, by when, from
// which event, and on whose authority. The model mirrors the file format (docs/rule-format.md);
// the compiler fills it and the engine reads it. Nothing here is law: the law is in rules/.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "timescales/calendar.hpp"
#include "timescales/date.hpp"
#include "timescales/period.hpp"
#include "timescales/vocabulary.hpp"

namespace timescales {

enum class Standard : std::uint8_t { statutory, plan, local };
enum class Confidence : std::uint8_t { confirmed, probable, unconfirmed };

constexpr std::string_view name(Standard s) {
  constexpr std::array<std::string_view, 3> names{"statutory", "plan", "local"};
  return names[static_cast<std::size_t>(s)];
}
constexpr std::string_view name(Confidence c) {
  constexpr std::array<std::string_view, 3> names{"confirmed", "probable", "unconfirmed"};
  return names[static_cast<std::size_t>(c)];
}
// C13: a figure carries the lowest confidence among what it counts (the enum runs from most sure).
constexpr Confidence lowest(Confidence a, Confidence b) { return a > b ? a : b; }

// What a trigger does when an occurrence of the duty is already open.
enum class OnNewTrigger : std::uint8_t {
  ignore,    // the open occurrence keeps its clock (a second referral during an assessment)
  reanchor,  // the clock runs from the latest trigger (ICPC: the last strategy discussion)
  restart,   // the open occurrence stops (C9) and a new one opens (each placement)
  each,      // each trigger opens its own occurrence beside the open ones, and one completion
             // completes them all (C14: each report is owed its own decision)
};

// Which date decides the rule version a recurring chain is judged by (C10).
enum class RegimeBy : std::uint8_t {
  trigger,  // each occurrence by its own trigger date (default)
  opening,  // the whole chain by the date of the event that opened it (registrations from a date)
};

struct Source {
  std::string instrument;
  std::string provision;
  std::string url;
  std::string quote;  // at most about 25 words of the text that imposes the duty
};

// attribute = value, on an event (completed_if, trigger_if) or on the child's state (a phase's
// `when`, a rule's except_when).
struct Condition {
  Attribute attribute;
  std::variant<bool, PlacementType, LegalStatus> value;
};

// The interval that governs the next occurrence, chosen by the first phase whose conditions hold
// on the date of the previous occurrence (C6).
struct Phase {
  std::optional<Period> during;           // the previous occurrence is before trigger + during
  std::optional<EventType> until;         // no such event since the chain opened
  std::optional<int> after_occurrence;    // the previous occurrence is this one (1 = the first)
  std::vector<Condition> when;            // on the child's state (variations, C7)
  std::optional<Period> every;            // the interval, or
  std::optional<Attribute> every_from;    // the interval a variation recorded (short breaks)
  std::string provision;                  // the provision allowing a conditional interval
};

// The timing for some placement types (reg 31), or for every trigger when a rule has one variant.
struct Variant {
  std::vector<PlacementType> placement_types;  // empty: every trigger
  std::optional<Period> first;                 // trigger -> first occurrence (the limit of a one-off)
  std::vector<Phase> phases;                   // recurring: previous occurrence -> next
  std::string provision;
};

// C7: an attribute of an event that may set the duty's interval for one child.
struct Variation {
  EventType event;
  Attribute attribute;  // a period attribute: shorter is the plan standard, longer is refused
  std::vector<EventType> lasts_until;  // events that end it (besides a later variation)
};

// A worked example: events in, the rule's obligations out, written by hand from the statute.
struct ExampleEvent {
  Date date;
  EventType type;
  std::vector<std::pair<Attribute, std::string>> attributes;  // as text, as a CSV would give them
};
struct ExpectedObligation {
  Standard standard;
  int occurrence;
  std::optional<Date> trigger_date;
  Date due;
  std::optional<Date> completed;
  std::string status;
};
struct ExpectedFinding {
  Date date;
  std::string asked;  // the interval asked for, as text
};
struct Example {
  std::string name;
  Date as_of;
  std::vector<ExampleEvent> events;
  std::vector<ExpectedObligation> expect;
  std::vector<ExpectedFinding> findings;
  int line = 0;
};

struct Rule {
  // Identity and authority.
  std::string id;
  std::string title;
  std::string title_cy;
  std::string summary;  // one or two sentences in plain words
  std::string summary_cy;  // the same in Welsh; empty: Welsh output shows `summary`
  // A council's rule written in English only (its Welsh output falls back to the English text);
  // `rules check` refuses it in a jurisdiction's rulebook, which has Welsh for everything.
  bool english_only = false;
  Standard standard = Standard::statutory;
  Confidence confidence = Confidence::confirmed;
  Source source;
  std::optional<std::string> local_standard_for;  // a local rule: the statutory rule it tightens

  // When it applies (C10) and what it counts in.
  Date effective_from;
  std::optional<Date> effective_to;  // exclusive
  // The rulebook settings these dates were taken from (empty: written as dates).
  std::string effective_from_setting;
  std::string effective_to_setting;
  std::string calendar_id;
  const Calendar* calendar = nullptr;  // owned by the rulebook
  RegimeBy regime_by = RegimeBy::trigger;
  // C10's exception: the date of the child's latest such event decides the version for every
  // occurrence (the registration decides the WSP visit and core-group regime).
  std::optional<EventType> regime_from;

  // The duty.
  EventType trigger = EventType::referral;
  std::vector<Condition> trigger_if;  // on the trigger event: only such triggers open the duty
  // On the child at the trigger: the duty does not arise when any holds (CPPCR reg 4(3): not
  // for a child to whom s31A of the 1989 Act applies). `except_provision` says which provision.
  std::vector<Condition> except_when;
  std::string except_provision;
  std::optional<EventType> once_per;  // only the first trigger after each such event counts
  OnNewTrigger on_new_trigger = OnNewTrigger::ignore;
  bool only_when_completed = false;  // a trigger with no completion yet produces no obligation
  // With only_when_completed: once this event is recorded the open occurrence is timed even if
  // never completed, and later triggers no longer move it (icpc_requested: the decision to
  // convene the conference).
  std::optional<EventType> committed_by;
  EventType completed_by = EventType::referral;
  std::vector<Condition> completed_if;
  bool may_complete_before_trigger = false;
  bool recurring = false;
  std::vector<Variant> variants;
  std::vector<EventType> stops;
  std::optional<Variation> variation;

  std::vector<Example> examples;
  std::string file;
  int line = 0;

  [[nodiscard]] bool in_effect(Date d) const {
    return effective_from <= d && (!effective_to || d < *effective_to);
  }
  [[nodiscard]] bool stops_on(EventType e) const {
    if (e == ends_every_duty) return true;
    for (EventType s : stops) if (s == e) return true;
    return false;
  }
  // The variant for a trigger's placement type (the first listing it, else the first listing none).
  [[nodiscard]] const Variant* variant_for(PlacementType p) const {
    const Variant* fallback = nullptr;
    for (const Variant& v : variants) {
      if (v.placement_types.empty()) {
        if (fallback == nullptr) fallback = &v;
        continue;
      }
      for (PlacementType t : v.placement_types) if (t == p) return &v;
    }
    return fallback;
  }
};

}  // namespace timescales
