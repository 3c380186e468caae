// The obligation engine. Per child, events in date order (C8 within a day); per rule family, a
// small state machine: triggers open occurrences, completions settle them and (recurring duties,
// C5) open the next from the actual date, variations set plan intervals or are refused (C7),
// stops end them (C8, C9). Rule versions are chosen by date of effect (C10).
#include "timescales/engine.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <iterator>
#include <mutex>
#include <numeric>
#include <ranges>
#include <thread>

#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#endif
#include <range/v3/range/operations.hpp>
#include <range/v3/view/chunk_by.hpp>

#include "timescales/cores.hpp"

namespace timescales {

namespace {

struct PlanInterval {
  Period period;
  Date from;  // C7: governs occurrences whose previous occurrence is on or after this date
  std::uint32_t row = 0;  // the event that recorded it
};

struct ChildState {
  PlacementType placement = PlacementType::standard;
  bool intended_until_18 = false;
  std::uint32_t intended_row = 0;  // the event that recorded it
  LegalStatus legal_status = LegalStatus::not_recorded;  // the latest recorded governs (docs/formats.md)
};

struct Occurrence {
  // Provided, so that f.open.emplace() runs the member initialisers alone: value-initialising a
  // class whose constructor is defaulted zero-fills it first, padding included, and GCC does that
  // with `rep stos`, which cost a third of open() on an AMD EPYC (benchmarks/NOTES.md).
  Occurrence() {}  // NOLINT(modernize-use-equals-default): `= default` brings the zero-fill back
  const Rule* rule = nullptr;  // the version judging it; nullptr: no version in force (C10)
  std::uint32_t number = 1;
  EventType trigger_event = EventType::referral;
  Date trigger_date;
  std::uint32_t trigger_row = 0;
  SameDayOrder opened_by = SameDayOrder::start;
  bool waiting = false;  // its interval comes from a variation not yet recorded (short breaks)
  bool committed = false;  // its committed_by event was recorded: timed even if never completed
  const Rule* beyond = nullptr;  // the version whose deadline falls after the calendar's range
  bool legal_status_unrecorded = false;
  Date due;
  Period period;
  IntervalSource interval;
  std::optional<Date> plan_due;
  Period plan_period;
  bool plan_capped = false;
  Date chain_start;
  std::optional<std::uint32_t> decided_by_row;
  std::optional<std::uint32_t> plan_row;
  std::uint16_t family = 0;
};

struct FamilyRun {
  const RuleFamily* family = nullptr;
  std::uint16_t index = 0;  // in Rulebook::families()
  const Rule* shape = nullptr;  // what every version shares: events, stops, recurrence
  // The shape's lists of events as bit sets (bit(type)), for one test per event.
  std::uint32_t stopped_by = 0;  // Rule::stops_on
  std::uint32_t plan_ends = 0;   // the variation's lasts_until, and the end of every duty
  std::optional<Occurrence> open;
  // on_new_trigger = each: occurrences opened before `open` and still open, in trigger order.
  std::vector<Occurrence> earlier_open;
  std::optional<Date> regime_date;  // the latest regime_from event (C10)
  bool chain_active = false;
  Date chain_opened;
  PlacementType chain_placement = PlacementType::standard;
  std::uint32_t completed_in_chain = 0;  // the number of the previous occurrence
  std::uint32_t seen_since_opened = 0;   // bit per event type, for phases' `until`
  std::optional<std::pair<Date, std::uint32_t>> early;  // a completion before its trigger
  bool once_used = false;
  bool period_open = false;  // a trigger has come and no stop since
  bool period_took_over = false;  // its trigger came while an earlier period was running (C8)
  Date period_started;
  std::optional<PlanInterval> plan;
  // The interval the variation's event last recorded, until one of its lasts_until: a phase's
  // `every_from` (short breaks). Unlike `plan` it is kept whatever its length.
  std::optional<PlanInterval> recorded;
  // The end of a phase's `during` for the running chain, which every occurrence asks for: worked
  // out once per chain and phase (nullopt: beyond the calendar's range).
  struct PhaseEnd {
    const Phase* phase = nullptr;
    Date chain_opened;
    std::optional<Date> end;
  } phase_end;
  bool touched = false;  // by the current child's events
  // The current child's obligations, in the order they settle: for one family and standard that
  // is trigger order, since only one occurrence is open at a time.
  std::vector<Obligation> settled;
  std::vector<Obligation> settled_plan;

  // Ready for the next child; the buffers keep their capacity.
  void reset() {
    open.reset();
    earlier_open.clear();
    regime_date.reset();
    chain_active = false;
    completed_in_chain = 0;
    seen_since_opened = 0;
    early.reset();
    once_used = false;
    period_open = false;
    period_took_over = false;
    plan.reset();
    recorded.reset();
    phase_end = {};
    touched = false;
    settled.clear();
    settled_plan.clear();
  }
};

static_assert(event_type_count <= 32, "sets of event types are 32-bit masks");
constexpr std::uint32_t bit(EventType t) { return 1U << static_cast<unsigned>(t); }

bool holds(const Condition& c, const Event& e) {
  switch (c.attribute) {
    case Attribute::seen_alone: return e.seen_alone == std::get<bool>(c.value);
    case Attribute::at_home: return e.at_home == std::get<bool>(c.value);
    case Attribute::intended_until_18: return e.intended_until_18.value_or(false) == std::get<bool>(c.value);
    case Attribute::placement_type: return e.placement_type == std::get<PlacementType>(c.value);
    case Attribute::legal_status: return e.legal_status == std::get<LegalStatus>(c.value);
    case Attribute::visit_interval:
    case Attribute::category: return false;
  }
  return false;
}

bool holds(const Condition& c, const ChildState& s) {
  switch (c.attribute) {
    case Attribute::intended_until_18: return s.intended_until_18 == std::get<bool>(c.value);
    case Attribute::placement_type: return s.placement == std::get<PlacementType>(c.value);
    case Attribute::legal_status: return s.legal_status == std::get<LegalStatus>(c.value);
    default: return false;
  }
}

class ChildRun {
 public:
  // `touched` is scratch space lent by the caller (empty), so that no child allocates.
  ChildRun(std::uint32_t case_index, std::vector<FamilyRun>& families, std::vector<std::uint16_t>& touched,
           const std::array<std::vector<std::uint16_t>, event_type_count>& interested, Date as_of, Evaluation& out)
      : case_index_(case_index), families_(families), touched_(touched), interested_(interested), as_of_(as_of),
        out_(out) {}

  void apply(const Event& e) {
    update_state(e);
    for (const std::uint16_t index : interested_[static_cast<std::size_t>(e.type)]) {
      FamilyRun& f = families_[index];
      if (!f.touched) {
        f.touched = true;
        touched_.push_back(index);
      }
      apply(f, e);
    }
  }

  // Judges what is still open as of the evaluation's date, and appends the child's obligations
  // by rule (the rulebook's id order), then standard, then trigger date.
  void finish() {
    std::ranges::sort(touched_);
    for (const std::uint16_t index : touched_) {
      FamilyRun& f = families_[index];
      for (const Occurrence& earlier : f.earlier_open) {
        if (reportable(f, earlier)) emit(f, earlier, Outcome{Outcome::open, as_of_, {}, {}});
        else unjudged(f, earlier);
      }
      if (f.open && reportable(f, *f.open)) emit(f, *f.open, Outcome{Outcome::open, as_of_, {}, {}});
      else if (f.open) unjudged(f, *f.open);
      out_.obligations.insert(out_.obligations.end(), f.settled.begin(), f.settled.end());
      out_.obligations.insert(out_.obligations.end(), f.settled_plan.begin(), f.settled_plan.end());
      f.reset();
    }
    touched_.clear();
  }

 private:
  struct Outcome {
    enum Kind { completed, stopped, open } kind;
    Date date;
    std::optional<std::uint32_t> row;
    std::optional<EventType> stopped_by;
  };

  void update_state(const Event& e) {
    if (e.legal_status != LegalStatus::not_recorded) child_.legal_status = e.legal_status;
    if (e.type == EventType::placement_start) {
      child_.placement = e.placement_type;
      child_.intended_until_18 = e.intended_until_18.value_or(false);
      child_.intended_row = e.row;
    }
    if (e.type == EventType::lac_review && e.intended_until_18) {
      child_.intended_until_18 = *e.intended_until_18;
      child_.intended_row = e.row;
    }
  }

  void apply(FamilyRun& f, const Event& e) {
    const Rule& shape = *f.shape;
    if (f.chain_active || f.open) f.seen_since_opened |= bit(e.type);
    if (shape.once_per == e.type) f.once_used = false;
    if (shape.regime_from == e.type) f.regime_date = e.date;
    if (shape.committed_by == e.type && f.open) f.open->committed = true;
    if (shape.variation) {
      if (shape.variation->event == e.type && e.visit_interval) {
        f.recorded = PlanInterval{*e.visit_interval, e.date, e.row};
        vary(f, e, *e.visit_interval);
      }
      if ((f.plan_ends & bit(e.type)) != 0) {
        f.plan.reset();
        f.recorded.reset();
      }
    }
    if ((f.stopped_by & bit(e.type)) != 0) {
      stop(f, e);
    } else if (e.type == shape.completed_by && completes(shape, e)) {
      if (f.open) complete(f, e);
      else if (e.type == shape.trigger) trigger(f, e);
      else if (shape.may_complete_before_trigger && !f.early) f.early = {{e.date, e.row}};
    } else if (e.type == shape.trigger) {
      trigger(f, e);
    }
  }

  static bool completes(const Rule& shape, const Event& e) {
    return std::ranges::all_of(shape.completed_if, [&](const Condition& c) { return holds(c, e); });
  }

  // C10: the version in force on the deciding date. With regime_from and none of its events
  // recorded for the child (the registration is before the data), the chain's opening decides.
  const Rule* version_for(const FamilyRun& f, Date trigger_date) const {
    Date decides = f.shape->regime_by == RegimeBy::opening ? f.chain_opened : trigger_date;
    if (f.shape->regime_from) decides = f.regime_date.value_or(f.chain_opened);
    return f.family->in_effect(decides);
  }

  // The interval for the occurrence after one on `previous` (C6: the phase in force that day).
  std::optional<std::pair<const Phase*, int>> phase_on(FamilyRun& f, const Variant& v, const Rule& r,
                                                       Date previous) const {
    for (std::size_t i = 0; i < v.phases.size(); ++i) {
      const Phase& p = v.phases[i];
      if (p.during) {
        auto& cached = f.phase_end;
        if (cached.phase != &p || cached.chain_opened != f.chain_opened) {
          const auto end = add(f.chain_opened, *p.during, *r.calendar);
          cached = {&p, f.chain_opened, end ? std::optional(end->date) : std::nullopt};
        }
        if (!cached.end || previous >= *cached.end) continue;  // on or after the anniversary: the next phase
      }
      if (p.until && (f.seen_since_opened & bit(*p.until)) != 0) continue;
      if (p.after_occurrence && f.completed_in_chain != static_cast<std::uint32_t>(*p.after_occurrence)) continue;
      if (!std::ranges::all_of(p.when, [&](const Condition& c) { return holds(c, child_); })) continue;
      return std::pair{&p, static_cast<int>(i)};
    }
    return std::nullopt;
  }

  // Opens occurrence `number` of f's duty, triggered by `trigger`, as f.open. Built in place: a
  // local copied whole into f.open would wait on its many small stores (store forwarding).
  Occurrence& open(FamilyRun& f, std::uint32_t number, const Event& trigger) const {
    Occurrence& o = f.open.emplace();
    o.number = number;
    o.trigger_event = trigger.type;
    o.trigger_date = trigger.date;
    o.trigger_row = trigger.row;
    o.opened_by = same_day_order(trigger.type);
    o.chain_start = f.chain_opened;
    o.family = f.index;
    const Rule* rule = version_for(f, trigger.date);
    const Variant* variant = rule != nullptr ? rule->variant_for(f.chain_placement) : nullptr;
    if (variant == nullptr) return o;  // no version in force, or no timing for this placement
    o.interval.variant = static_cast<std::int8_t>(variant - rule->variants.data());
    std::optional<Period> period;
    if (number == 1 && variant->first) {
      period = variant->first;
    } else if (const auto phase = phase_on(f, *variant, *rule, trigger.date)) {
      o.interval.phase = static_cast<std::int8_t>(phase->second);
      const bool uses_intended = std::ranges::any_of(
          phase->first->when, [](const Condition& c) { return c.attribute == Attribute::intended_until_18; });
      if (uses_intended) o.decided_by_row = child_.intended_row;
      if (phase->first->every) {
        period = phase->first->every;
      } else if (f.recorded) {
        period = f.recorded->period;
        o.interval.from_variation = true;
        o.decided_by_row = f.recorded->row;
      } else {
        o.rule = rule;
        o.waiting = true;
        return o;
      }
    }
    if (!period) return o;
    const auto due = add(trigger.date, *period, *rule->calendar);
    if (!due) {  // beyond the calendar's range: cannot be judged (C1), and said so when it settles
      o.beyond = rule;
      return o;
    }
    o.rule = rule;
    o.period = *period;
    o.due = due->date;
    if (f.plan && rule->variation && !o.interval.from_variation && f.plan->from <= trigger.date) {
      const auto plan_due = add(trigger.date, f.plan->period, *rule->calendar);
      if (plan_due) {
        o.plan_period = f.plan->period;
        o.plan_row = f.plan->row;
        o.plan_capped = plan_due->date > o.due;
        o.plan_due = o.plan_capped ? o.due : plan_due->date;
      }
    }
    return o;
  }

  bool reportable(const FamilyRun& f, const Occurrence& o) const {
    return o.rule != nullptr && !o.waiting && (!f.shape->only_when_completed || o.committed);
  }

  void trigger(FamilyRun& f, const Event& e) {
    const Rule& shape = *f.shape;
    if (!std::ranges::all_of(shape.trigger_if, [&](const Condition& c) { return holds(c, e); })) {
      // Not a trigger of this duty (a placement of another type), but still the start of a new
      // period of its kind: it ends the previous period's duty (C8: one placement at a time), and a
      // duty opened later the same day takes over from it.
      if (shape.on_new_trigger == OnNewTrigger::restart && f.open) {
        if (reportable(f, *f.open)) emit(f, *f.open, Outcome{Outcome::stopped, e.date, {}, e.type});
        else unjudged(f, *f.open);
        f.open.reset();
        f.chain_active = false;
      }
      start_period(f, e.date);
      return;
    }
    if (shape.once_per) {
      if (f.once_used) return;
      f.once_used = true;
    }
    // The duty does not arise for this child (reg 4(3): s31A applies), judged as things stand
    // at the trigger, this day's placement and legal status included.
    if (std::ranges::any_of(shape.except_when, [&](const Condition& c) { return holds(c, child_); })) return;
    const auto early = f.early;
    f.early.reset();
    // A one-off occurrence with no version in force is no duty (C10): it blocks nothing.
    if (f.open && f.open->rule == nullptr && !shape.recurring) {
      unjudged(f, *f.open);
      f.open.reset();
    }
    if (f.open || f.chain_active) {
      switch (shape.on_new_trigger) {
        case OnNewTrigger::ignore: return;
        case OnNewTrigger::reanchor:
          // Once the conference was asked for, its clock stays on the discussion before that.
          if (f.open && !f.open->committed) open(f, f.open->number, e);
          return;
        case OnNewTrigger::restart:
          // One opened this same day is superseded, not stopped: a placement recorded twice on its
          // first day is one placement, and an obligation's key (trigger event and date) stays
          // unique.
          if (f.open && (f.open->trigger_date != e.date || f.open->trigger_event != e.type)) {
            if (reportable(f, *f.open)) emit(f, *f.open, Outcome{Outcome::stopped, e.date, {}, e.type});
            else unjudged(f, *f.open);
          }
          f.open.reset();
          break;
        case OnNewTrigger::each:
          if (f.open) f.earlier_open.push_back(*f.open);
          f.open.reset();
          break;
      }
    }
    start_period(f, e.date);
    f.chain_active = shape.recurring;
    f.chain_opened = e.date;
    f.chain_placement = e.type == EventType::placement_start ? e.placement_type : child_.placement;
    f.completed_in_chain = 0;
    f.seen_since_opened = 0;
    Occurrence& o = open(f, 1, e);
    o.legal_status_unrecorded =
        child_.legal_status == LegalStatus::not_recorded &&
        std::ranges::any_of(shape.except_when, [](const Condition& c) { return c.attribute == Attribute::legal_status; });
    if (early && shape.may_complete_before_trigger && !shape.recurring) {  // done before it began
      if (o.rule != nullptr && !o.waiting) emit(f, o, Outcome{Outcome::completed, early->first, early->second, {}});
      f.open.reset();
    }
  }

  // C8: a start that takes over from a period still running (a new placement replacing the
  // last) opens a period that a stop of that kind on the same day does not end.
  static void start_period(FamilyRun& f, Date date) {
    f.period_took_over = f.period_open;
    f.period_open = true;
    f.period_started = date;
  }

  void complete(FamilyRun& f, const Event& e) {
    Occurrence& o = *f.open;
    // A second such event on the day that opened this occurrence is the same day's work, not the
    // next occurrence (two visits on one day): the chain does not advance, and no two
    // obligations share a key (docs/formats.md).
    if (o.number > 1 && o.trigger_event == e.type && o.trigger_date == e.date) return;
    for (const Occurrence& earlier : f.earlier_open) {  // C14: one decision for every report before it
      if (reportable(f, earlier)) emit(f, earlier, Outcome{Outcome::completed, e.date, e.row, {}});
      else unjudged(f, earlier, true);
    }
    f.earlier_open.clear();
    if (o.waiting) {  // a visit before the interval is known: the clock runs from it
      o.trigger_event = e.type;
      o.trigger_date = e.date;
      o.trigger_row = e.row;
      o.opened_by = same_day_order(e.type);  // C8: a same-day stop must not take it for a start
      return;
    }
    if (o.rule != nullptr) emit(f, o, Outcome{Outcome::completed, e.date, e.row, {}});
    else unjudged(f, o, true);
    const std::uint32_t number = o.number;
    f.open.reset();
    if (f.shape->recurring && f.chain_active) {
      f.completed_in_chain = number;
      open(f, number + 1, e);
    }
  }

  void stop(FamilyRun& f, const Event& e) {
    // C8: a stop on the day a start took over from a period still running ends that earlier
    // period, not the new one (one placement ending and the next beginning the same day). A period
    // that starts and stops the same day is over, and a case closure ends every duty.
    // The period is the rule's trigger's (a placement), or the one its trigger belongs to (the first
    // placement of a period of being looked after: once_per); another kind's stop ends it anyway (a
    // deregistration on the day a section 47 enquiry starts).
    const EventType period = f.shape->once_per.value_or(f.shape->trigger);
    if (f.period_open && f.period_took_over && f.period_started == e.date && period_started_by(e.type) == period) return;
    for (const Occurrence& earlier : f.earlier_open) {
      if (reportable(f, earlier)) emit(f, earlier, Outcome{Outcome::stopped, e.date, {}, e.type});
      else unjudged(f, earlier);
    }
    f.earlier_open.clear();
    if (f.open) {
      const Occurrence& o = *f.open;
      const bool same_day = o.trigger_date == e.date;
      // The next occurrence a same-day completion opened never existed, whether it continues a
      // chain or opens one (a core group opens the chain of later core groups).
      const bool opened_today_by_completion =
          same_day && o.opened_by >= SameDayOrder::variation && (o.number > 1 || f.shape->recurring);
      if (!opened_today_by_completion && reportable(f, o)) {
        emit(f, o, Outcome{Outcome::stopped, e.date, {}, e.type});
      } else if (!opened_today_by_completion) {
        unjudged(f, o);
      }
      f.open.reset();
    }
    f.period_open = false;
    f.chain_active = false;
    f.completed_in_chain = 0;
    if (f.shape->once_per) f.once_used = true;  // no new duty until the next such period begins
  }

  // C7: a review's interval. Shorter than the statutory one in force that day: the plan standard.
  // Longer: refused with a finding, and the statutory interval stands.
  void vary(FamilyRun& f, const Event& e, Period asked) {
    if (f.open && f.open->waiting) {
      const std::uint32_t number = f.open->number;
      open(f, number, e);
    }
    // The version judging the open occurrence, or, where its trigger came before any version (a
    // placement of March 2016), the version in force on the review's date (C10).
    const Rule* in_force = f.open ? (f.open->rule != nullptr ? f.open->rule : f.family->in_effect(e.date)) : nullptr;
    if (in_force == nullptr) {
      f.plan = PlanInterval{asked, e.date, e.row};
      return;
    }
    const Rule& rule = *in_force;
    const Variant* variant = rule.variant_for(f.chain_placement);
    const auto phase = variant != nullptr ? phase_on(f, *variant, rule, e.date) : std::nullopt;
    if (!phase || !phase->first->every) {  // the review's interval is the duty itself (short breaks)
      f.plan.reset();
      return;
    }
    const auto limit = add(e.date, *phase->first->every, *rule.calendar);
    const auto wanted = add(e.date, asked, *rule.calendar);
    if (!limit || !wanted) return;
    if (wanted->date > limit->date) {
      out_.findings.push_back({e.case_index, &rule, e.type, e.date, e.row, f.shape->variation->attribute, asked,
                               *phase->first->every});
      f.plan.reset();
      return;
    }
    f.plan = PlanInterval{asked, e.date, e.row};
  }

  // An occurrence that settles without being judged because its deadline is beyond the calendar.
  // Like reportable(): a duty timed only when completed is owed only once completed or committed.
  void unjudged(const FamilyRun& f, const Occurrence& o, bool completed = false) {
    if (o.beyond == nullptr || (f.shape->only_when_completed && !completed && !o.committed)) return;
    out_.unjudged.push_back({case_index_, o.beyond, o.trigger_event, o.trigger_date, o.trigger_row});
  }

  void emit(FamilyRun& f, const Occurrence& o, const Outcome& outcome) {
    // Built where it is kept: filling a local field by field and then copying it whole makes the
    // copy wait on many small stores (a store-forwarding stall) in this, the engine's busiest spot.
    Obligation& ob = f.settled.emplace_back();
    ob.case_index = case_index_;
    ob.rule = o.rule;
    ob.family = o.family;
    ob.standard = o.rule->standard;
    ob.occurrence = o.number;
    ob.trigger_event = o.trigger_event;
    ob.trigger_date = o.trigger_date;
    ob.trigger_row = o.trigger_row;
    ob.period = o.period;
    ob.interval = o.interval;
    ob.chain_start = o.chain_start;
    ob.decided_by_row = o.decided_by_row;
    ob.legal_status_unrecorded = o.legal_status_unrecorded;
    if (outcome.kind == Outcome::completed) {
      ob.completed_date = outcome.date;
      ob.completed_row = outcome.row;
    }
    if (outcome.kind == Outcome::stopped) {
      ob.stopped_by = outcome.stopped_by;
      ob.stopped_on = outcome.date;
    }
    judge(ob, o.due, outcome, *o.rule->calendar);
    if (o.plan_due) {
      Obligation& plan = f.settled_plan.emplace_back(ob);
      plan.standard = Standard::plan;
      plan.period = o.plan_period;
      plan.capped_by_statute = o.plan_capped;
      plan.decided_by_row = o.plan_row;
      judge(plan, *o.plan_due, outcome, *o.rule->calendar);
    }
  }

  // C9.
  void judge(Obligation& ob, Date due, const Outcome& outcome, const Calendar& calendar) const {
    ob.due_date = due;
    const bool after = outcome.date > due;
    switch (outcome.kind) {
      case Outcome::completed: ob.status = after ? Status::late : Status::met; break;
      case Outcome::stopped: ob.status = after ? Status::missed : Status::cancelled; break;
      case Outcome::open: ob.status = after ? Status::overdue : Status::pending; break;
    }
    ob.days_late = after ? outcome.date - due : 0;
    ob.working_days_late = after ? calendar.working_days_between(due, outcome.date).value_or(0) : 0;
  }

  std::uint32_t case_index_;
  std::vector<FamilyRun>& families_;
  std::vector<std::uint16_t>& touched_;
  const std::array<std::vector<std::uint16_t>, event_type_count>& interested_;
  Date as_of_;
  Evaluation& out_;
  ChildState child_;
};

// The event types each family must see.
std::array<std::vector<std::uint16_t>, event_type_count> interests(const std::vector<FamilyRun>& families) {
  std::array<std::vector<std::uint16_t>, event_type_count> out;
  for (std::size_t i = 0; i < families.size(); ++i) {
    const Rule& r = *families[i].shape;
    std::uint32_t mask = bit(r.trigger) | bit(r.completed_by) | bit(ends_every_duty);
    for (EventType s : r.stops) mask |= bit(s);
    if (r.once_per) mask |= bit(*r.once_per);
    if (r.regime_from) mask |= bit(*r.regime_from);
    if (r.committed_by) mask |= bit(*r.committed_by);
    if (r.variation) {
      mask |= bit(r.variation->event);
      for (EventType s : r.variation->lasts_until) mask |= bit(s);
    }
    for (const Rule* version : families[i].family->versions) {
      for (const Variant& v : version->variants) {
        for (const Phase& p : v.phases) {
          if (p.until) mask |= bit(*p.until);
        }
      }
    }
    for (std::size_t t = 0; t < event_type_count; ++t) {
      if ((mask & (1U << t)) != 0) out[t].push_back(static_cast<std::uint16_t>(i));
    }
  }
  return out;
}

// A total order on one child's events that ignores input order: date, C8, then content, then the
// carried values (so even which row supplies an obligation's carried columns is deterministic).
bool event_before(const Event& a, const Event& b, const EventTable& table) {
  if (a.date != b.date) return a.date < b.date;
  if (same_day_order(a.type) != same_day_order(b.type)) return same_day_order(a.type) < same_day_order(b.type);
  if (a.type != b.type) return a.type < b.type;
  const auto key = [](const Event& e) {
    return std::tuple(e.placement_type, bool{e.seen_alone}, bool{e.at_home}, e.intended_until_18.value_or(false),
                      e.intended_until_18.has_value(), e.visit_interval ? e.visit_interval->count : 0,
                      e.visit_interval ? static_cast<int>(e.visit_interval->unit) : -1, e.legal_status,
                      int{e.category});
  };
  if (!same_content(a, b)) return key(a) < key(b);
  for (std::size_t c = 0; c < table.carried_columns().size(); ++c) {
    const auto va = table.carried(c, a.row), vb = table.carried(c, b.row);
    if (va != vb) return va < vb;
  }
  return false;
}

// An event of a child being put in order, with its ordering key.
struct Keyed {
  std::uint64_t key;
  const Event* event;  // in the child's rows, which are together in memory
};

// A state machine for each rule evaluated, with its lists of events as bit sets.
std::vector<FamilyRun> family_runs(const Rulebook& rules, const EvaluateOptions& options) {
  std::vector<FamilyRun> families;
  for (std::size_t i = 0; i < rules.families().size(); ++i) {
    const RuleFamily& family = rules.families()[i];
    if (!options.only_rules.empty() && std::ranges::find(options.only_rules, family.id) == options.only_rules.end()) {
      continue;
    }
    FamilyRun run;
    run.family = &family;
    run.index = static_cast<std::uint16_t>(i);
    run.shape = family.versions.front();
    for (std::size_t t = 0; t < event_type_count; ++t) {
      const auto type = static_cast<EventType>(t);
      if (run.shape->stops_on(type)) run.stopped_by |= bit(type);
      const auto& variation = run.shape->variation;
      if (variation && (std::ranges::find(variation->lasts_until, type) != variation->lasts_until.end() ||
                        type == ends_every_duty)) {
        run.plan_ends |= bit(type);
      }
    }
    families.push_back(std::move(run));
  }
  return families;
}

// Each child's place in case-id order (the order of the output), by case index.
std::vector<std::uint32_t> case_ranks(const EventTable& table) {
  std::vector<std::uint32_t> rank(table.case_ids().size());
  // Exports usually list children in id order already: then the ranks are the indices.
  std::vector<std::pair<std::string_view, std::uint32_t>> by_id;
  by_id.reserve(rank.size());
  for (std::uint32_t i = 0; i < rank.size(); ++i) by_id.emplace_back(table.case_id(i), i);
  if (!std::ranges::is_sorted(by_id)) std::ranges::sort(by_id);
  for (std::uint32_t r = 0; r < by_id.size(); ++r) rank[by_id[r].second] = r;
  return rank;
}

// How many threads evaluate `events` events: as many as asked, but none with fewer events than
// options.min_events_per_thread (starting and joining a thread costs tens of microseconds).
std::size_t thread_count(const EvaluateOptions& options, std::size_t events) {
  std::size_t wanted = options.threads;
  if (wanted == 0) wanted = available_cores();
  return std::clamp<std::size_t>(events / std::max<std::size_t>(options.min_events_per_thread, 1), 1, wanted);
}

// Asks for the memory from `begin` to `end` in huge pages where the system gives them on request
// (Linux: MADV_HUGEPAGE, for transparent huge pages in "madvise" mode): a result of a million
// obligations is 65 MB, and faulting it in 4 KiB at a time took a third of evaluate()'s time in
// a virtual machine. Elsewhere nothing.
void prefer_huge_pages([[maybe_unused]] const void* begin, [[maybe_unused]] const void* end) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr std::uintptr_t huge = std::uintptr_t{2} << 20;
  const std::uintptr_t from = (reinterpret_cast<std::uintptr_t>(begin) + huge - 1) / huge * huge;
  const std::uintptr_t to = reinterpret_cast<std::uintptr_t>(end) / huge * huge;
  if (to > from) ::madvise(reinterpret_cast<void*>(from), to - from, MADV_HUGEPAGE);
#endif
}

// A vector's capacity reserved for `n` elements, in huge pages where the system gives them.
template <class T>
void reserve_large(std::vector<T>& v, std::size_t n) {
  v.reserve(n);
  prefer_huge_pages(v.data(), v.data() + v.capacity());
}

// Makes the memory from `begin` to `end` present (Linux: MADV_POPULATE_WRITE), as writing it
// would, without writing it: a vector's reserved capacity made ready by one thread for another
// to copy into. Elsewhere, or on an older kernel, nothing: the pages come when written.
void make_present([[maybe_unused]] const void* begin, [[maybe_unused]] const void* end) {
#if defined(__linux__) && defined(MADV_POPULATE_WRITE)
  const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
  const std::uintptr_t from = (reinterpret_cast<std::uintptr_t>(begin) + page - 1) / page * page;
  const std::uintptr_t to = reinterpret_cast<std::uintptr_t>(end) / page * page;
  if (to > from) ::madvise(reinterpret_cast<void*>(from), to - from, MADV_POPULATE_WRITE);
#endif
}

// `ordered` cut into at most `parts` contiguous ranges of about equal numbers of events, each
// cut moved forward to where a child begins, so no child is split; empty ranges are left out.
std::vector<std::span<const Event>> split_at_children(std::span<const Event> ordered, std::size_t parts) {
  std::vector<std::span<const Event>> out;
  std::size_t begin = 0;
  for (std::size_t k = 1; k <= parts && begin < ordered.size(); ++k) {
    std::size_t end = k == parts ? ordered.size() : std::max(begin, ordered.size() * k / parts);
    while (end > begin && end < ordered.size() && ordered[end].case_index == ordered[end - 1].case_index) ++end;
    if (end > begin) out.push_back(ordered.subspan(begin, end - begin));
    begin = end;
  }
  return out;
}

// Evaluates `ordered` on `thread_total` threads into `out`, the same, byte for byte, as one thread.
// The events are cut into many small ranges of whole children, taken in turn by whichever thread
// is free (cores shared with other work are often unequal, and a fixed split waits for the
// slowest: 4 M events once took 410 ms on one core and 585 on the other). A range whose every
// predecessor is already in `out` is evaluated straight into it; any other into a part of its own,
// appended to `out` as soon as every earlier range is in, by whichever thread finds it ready,
// while the others go on evaluating. An appended part's memory is lent to the next range taken,
// so parts are faulted in once, a few of them, rather than a second copy of the whole result (the
// kernel zeroes each new page: a third of the time at 4 M events), and no thread copies alone
// after the others have finished. `out`'s reserved pages are made present first, a share by each
// thread (should `out` outgrow its reserve meanwhile, that asks for pages no longer used: harmless).
template <class EvaluateRange>
void evaluate_in_parallel(std::span<const Event> ordered, std::size_t thread_total,
                          const std::vector<FamilyRun>& families, const EvaluateRange& evaluate_range,
                          Evaluation& out) {
  // Ranges of about 64 k events (parts of about 4 MB, which stay in the allocator's hands once
  // freed), and at least four a thread.
  constexpr std::size_t events_per_range = std::size_t{1} << 16;
  const auto ranges_of = split_at_children(ordered, std::max(4 * thread_total, ordered.size() / events_per_range));
  reserve_large(out.obligations, ordered.size());
  // Taken before any thread starts: ranges are soon evaluated straight into `out`.
  const Obligation* const reserved = out.obligations.data();
  const std::size_t capacity = out.obligations.capacity();
  const auto make_share_present = [&](std::size_t thread) {
    const std::size_t share = capacity / thread_total;
    make_present(reserved + thread * share, reserved + (thread + 1 == thread_total ? capacity : (thread + 1) * share));
  };

  std::atomic<std::size_t> next_range = 0;
  std::mutex held;  // guards what follows
  std::vector<Evaluation> parts(ranges_of.size());  // evaluated, waiting for an earlier one
  std::vector<char> evaluated(ranges_of.size(), 0);
  std::vector<Evaluation> lent;  // appended parts, their memory kept for the next ranges
  lent.reserve(ranges_of.size());  // so that lending never allocates (nor throws) on a thread
  std::size_t next_appended = 0;
  bool appending = false;
  // What a range threw (running out of memory) is thrown again after the join, as one thread would.
  std::vector<std::exception_ptr> failed(ranges_of.size());

  const auto append = [&](Evaluation& part) {
    out.obligations.insert(out.obligations.end(), part.obligations.begin(), part.obligations.end());
    out.findings.insert(out.findings.end(), part.findings.begin(), part.findings.end());
    out.unjudged.insert(out.unjudged.end(), part.unjudged.begin(), part.unjudged.end());
    out.events_after_as_of += part.events_after_as_of;
    part.obligations.clear();
    part.findings.clear();
    part.unjudged.clear();
    part.events_after_as_of = 0;
  };
  // Appends every part ready in order, by the thread that set `appending` (so that only one
  // touches `out`), then clears it; the lock is held on entry and on return.
  const auto append_ready = [&](std::unique_lock<std::mutex>& lock) {
    while (next_appended < ranges_of.size() && evaluated[next_appended]) {
      Evaluation next = std::move(parts[next_appended]);
      lock.unlock();
      std::exception_ptr error;
      try {
        append(next);
      } catch (...) {
        error = std::current_exception();
      }
      lock.lock();
      if (error) failed[next_appended] = error;
      lent.push_back(std::move(next));
      ++next_appended;
    }
    appending = false;
  };
  const auto take_ranges = [&] {
    for (std::size_t i = next_range++; i < ranges_of.size(); i = next_range++) {
      // A range whose every predecessor is in `out` is evaluated straight into it, with no part
      // to copy (about half of them on two threads); the rest into parts.
      std::unique_lock lock(held);
      const bool straight_in = !appending && next_appended == i;
      Evaluation part;
      if (straight_in) {
        appending = true;
      } else if (!lent.empty()) {
        part = std::move(lent.back());
        lent.pop_back();
      }
      lock.unlock();
      try {
        if (straight_in) {
          evaluate_range(ranges_of[i], families, out);
        } else {
          // A lent part is used as it is if it holds the range's events (obligations are fewer,
          // as a rule); a new one gets room to spare, so that it fits the next ranges too.
          const std::size_t size = ranges_of[i].size();
          if (part.obligations.capacity() < size) reserve_large(part.obligations, size + size / 4);
          evaluate_range(ranges_of[i], families, part);
        }
      } catch (...) {
        failed[i] = std::current_exception();
        part = Evaluation{};
      }
      lock.lock();
      evaluated[i] = 1;
      if (straight_in) {
        ++next_appended;
      } else {
        parts[i] = std::move(part);
        if (appending) continue;  // the appending thread finds it when it looks again
        appending = true;
      }
      append_ready(lock);
    }
  };
  {
    std::vector<std::jthread> threads;
    threads.reserve(thread_total - 1);
    for (std::size_t t = 1; t < thread_total; ++t) {
      threads.emplace_back([&, t] {
        make_share_present(t);
        take_ranges();
      });
    }
    make_share_present(0);
    take_ranges();
  }  // joined here: every range evaluated and appended
  for (const std::exception_ptr& e : failed) {
    if (e) std::rethrow_exception(e);
  }
}

}  // namespace

Evaluation evaluate(const EventTable& table, const Rulebook& rules, const EvaluateOptions& options) {
  Evaluation out;
  const auto& events = table.events();
  std::vector<FamilyRun> families = family_runs(rules, options);
  const auto interested = interests(families);
  const std::vector<std::uint32_t> case_rank = case_ranks(table);

  // Each child's rows together, children in id order (case indices number children in the order
  // they first appear, so the ranks are then the indices): how exports usually list them, though
  // not in C8's order within a day. Then the events are read where they are, and only a child
  // whose rows are out of order is sorted (its few events). Otherwise each child's rows are first
  // brought together. The table knows both facts and the latest date, so no pass over the events
  // (at millions of events, each is a trip to memory) is needed to decide.
  bool ranks_are_indices = true;
  for (std::uint32_t i = 0; i < case_rank.size() && ranks_are_indices; ++i) ranks_are_indices = case_rank[i] == i;
  const bool grouped = table.cases_together() && ranks_are_indices;
  out.as_of = options.as_of.value_or(table.latest_date().value_or(Date{}));  // C9: by default the latest event date
  const Date earliest = table.valid_dates().first;  // no event is earlier
  const auto used = [&](const Event& e) { return e.date <= out.as_of; };

  // One 64-bit key per event (the child's rank, the date, C8's order, the type) orders the events
  // cheaply; events of one child, day and type (rare) are then ordered by content (event_before),
  // then by row, so that even identical events (which differ only in their row) have one order.
  const auto key_of = [&](const Event& e) {
    const auto day = static_cast<std::uint64_t>(e.date - earliest);  // < 2^24 for any dates of years 1 to 9999
    return (std::uint64_t{case_rank[e.case_index]} << 32) | (day << 8) |
           (static_cast<std::uint64_t>(same_day_order(e.type)) << 5) | static_cast<std::uint64_t>(e.type);
  };
  const auto tie_before = [&](const Event& a, const Event& b) {
    if (event_before(a, b, table)) return true;
    return !event_before(b, a, table) && a.row < b.row;
  };
  const auto keyed_before = [&](const Keyed& a, const Keyed& b) {
    return a.key != b.key ? a.key < b.key : tie_before(*a.event, *b.event);
  };

  std::vector<Event> sorted;
  if (!grouped) {
    // Each child's rows brought together, children in id order: a counting sort on the child's
    // rank (stable, two passes). Each child's own order is then settled below, as for grouped
    // input.
    std::vector<std::size_t> start(case_rank.size() + 1);
    for (const Event& e : events) {
      if (used(e)) ++start[case_rank[e.case_index] + 1];
    }
    for (std::size_t r = 1; r < start.size(); ++r) start[r] += start[r - 1];
    sorted.resize(start.back());
    for (const Event& e : events) {
      if (used(e)) sorted[start[case_rank[e.case_index]]++] = e;
    }
  }
  const std::span<const Event> ordered = grouped ? std::span<const Event>(events) : std::span<const Event>(sorted);
  out.events_after_as_of = grouped ? 0 : events.size() - sorted.size();  // grouped: counted below

  // Children are independent, so contiguous ranges of them (cut at child boundaries) are
  // evaluated each with its own rule state machines and scratch, and their results joined in
  // order are exactly one thread's (evaluate_in_parallel). Plain std::jthreads taking ranges in
  // turn: the work is one fork and one join, so a pool (or a library for one) would add nothing.
  const auto evaluate_range = [&](std::span<const Event> range, std::vector<FamilyRun> runs, Evaluation& part) {
    std::vector<std::uint16_t> touched;  // scratch lent to each child
    std::vector<Keyed> child_events;     // likewise: the child's events used, with their keys
    const auto same_child = [](const Event& a, const Event& b) { return a.case_index == b.case_index; };
    for (const auto rows : range | ranges::views::chunk_by(same_child)) {
      child_events.clear();
      for (const Event& e : rows) {
        if (used(e)) child_events.push_back({key_of(e), &e});
        else ++part.events_after_as_of;
      }
      // Equal keys are rare (two events of one type on one day): such children are sorted too.
      const auto not_before = [](const Keyed& a, const Keyed& b) { return a.key >= b.key; };
      if (std::ranges::adjacent_find(child_events, not_before) != child_events.end()) {
        std::ranges::sort(child_events, keyed_before);
      }
      ChildRun run(ranges::front(rows).case_index, runs, touched, interested, out.as_of, part);
      for (const Keyed& k : child_events) run.apply(*k.event);
      run.finish();
    }
  };
  const std::size_t thread_total = thread_count(options, ordered.size());
  if (thread_total <= 1) {
    reserve_large(out.obligations, events.size());
    evaluate_range(ordered, std::move(families), out);
  } else {
    evaluate_in_parallel(ordered, thread_total, families, evaluate_range, out);
  }
  out.events_used = events.size() - out.events_after_as_of;
  // C9: the events not used are reported, not only counted. Rare (as_of before the latest event),
  // so looked for only when some were found.
  if (out.events_after_as_of > 0) {
    for (const Event& e : events) {
      if (!used(e)) out.rows_after_as_of.push_back(e.row);
    }
  }
  return out;
}

}  // namespace timescales
