// The synthetic event generator (generate.hpp): one random journey per child, written as CSV.
#include "timescales/generate.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "timescales/period.hpp"
#include "timescales/vocabulary.hpp"

namespace timescales {

namespace {

// Random numbers that are the same on every platform: std::mt19937_64's output is fixed by the
// standard, its distributions are not, so they are written out here.
class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}

  // Uniform in [0, n), n >= 1: modulo with rejection, so without bias.
  std::uint64_t below(std::uint64_t n) {
    const std::uint64_t threshold = (0 - n) % n;  // 2^64 mod n
    for (;;) {
      const std::uint64_t r = engine_();
      if (r >= threshold) return r % n;
    }
  }
  // Uniform in [lo, hi], lo <= hi.
  int between(int lo, int hi) { return lo + static_cast<int>(below(static_cast<std::uint64_t>(hi - lo) + 1)); }
  // Uniform in [0, 1) from the top 53 bits.
  double unit() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return unit() < p; }

 private:
  std::mt19937_64 engine_;
};

// A plausible order of one child's events on one day (the engine applies C8 whatever the order).
constexpr std::array<std::uint8_t, event_type_count> same_day_rank = [] {
  std::array<std::uint8_t, event_type_count> rank{};
  constexpr std::array<EventType, event_type_count> order{
      EventType::referral,           EventType::referral_decision,  EventType::cp_transfer_notified,
      EventType::strategy_discussion, EventType::s47_started,       EventType::icpc_requested,
      EventType::assessment_completed, EventType::icpc,             EventType::transfer_conference,
      EventType::cp_registered,      EventType::outline_plan_circulated, EventType::core_group,
      EventType::cp_visit,           EventType::cp_review_conference, EventType::cp_deregistered,
      EventType::care_and_support_plan, EventType::looked_after_start, EventType::placement_end,
      EventType::placement_start,    EventType::placement_plan,     EventType::lac_visit,
      EventType::parent_assessment_completed, EventType::parent_placement_decision, EventType::lac_review,
      EventType::looked_after_end,   EventType::care_leaver_category, EventType::needs_assessment_completed,
      EventType::case_closed};
  for (std::size_t i = 0; i < order.size(); ++i) rank[static_cast<std::size_t>(order[i])] = static_cast<std::uint8_t>(i);
  return rank;
}();

// The visit intervals a review may record.
enum class Interval : std::uint8_t { none, four_weeks, six_weeks, three_months };
constexpr std::array<std::string_view, 4> interval_text{"", "4 weeks", "6 weeks", "3 months"};

constexpr std::array<std::string_view, 6> team_names{"North", "South", "East", "West", "Central", "Valleys"};
constexpr int workers_per_team = 7;  // W001..W042

struct Row {
  std::uint64_t key = 0;  // date, same-day rank, sequence: unique, so sorting is deterministic
  Date date;
  EventType type = EventType::referral;
  PlacementType placement = PlacementType::standard;
  bool seen_alone = false;
  bool at_home = false;
  bool intended = false;  // intended_until_18=true is written
  Interval interval = Interval::none;
  LegalStatus legal = LegalStatus::not_recorded;  // written on looked_after_start, placement_start
  std::uint8_t category = 0;                       // written on care_leaver_category: 1 or 2
  std::int16_t worker = -1;                        // a re-keyed copy's worker; -1: the child's
};

struct Placement {
  Date start;
  Date end;  // exclusive: the next placement's start, the end of care, or beyond the window
  PlacementType type = PlacementType::standard;
  LegalStatus legal = LegalStatus::not_recorded;  // the child's status from this placement on
  bool legal_written = false;                      // recorded on its placement_start
  bool intended = false;  // recorded on placement_start
  Date intended_from;     // from when the child's state says intended_until_18 (placement or review)
};

struct Review {
  Date date;
  Interval interval = Interval::none;
  bool intended = false;
};

class Generator {
 public:
  Generator(const GenerateOptions& options, const Calendar& calendar, std::ostream& out)
      : options_(options), calendar_(calendar), out_(out), random_(options.seed), from_(options.from),
        to_(options.to), never_(options.to + 100000), buffer_(buffer_size) {
    const auto days = static_cast<std::size_t>(to_ - from_ + 1);
    date_text_.resize(days);
    for (std::size_t i = 0; i < days; ++i) {
      const std::string text = to_string(from_ + static_cast<std::int32_t>(i));
      std::memcpy(date_text_[i].data(), text.data(), 10);
    }
    id_digits_ = 7;
    for (std::uint64_t n = options.children; n > 9'999'999; n /= 10) ++id_digits_;
    rows_.reserve(1024);
  }

  void run() {
    put(generated_header);
    put('\n');
    for (std::uint64_t i = 1; i <= options_.children; ++i) {
      rows_.clear();
      sequence_ = 0;
      set_case_id(i);
      team_ = static_cast<int>(random_.below(team_names.size()));
      worker_ = team_ * workers_per_team + 1 + static_cast<int>(random_.below(workers_per_team));
      set_team(team_, worker_);
      child();
      duplicates();
      std::sort(rows_.begin(), rows_.end(), [](const Row& a, const Row& b) { return a.key < b.key; });
      for (const Row& r : rows_) write(r);
    }
    flush();
  }

 private:
  static constexpr std::size_t buffer_size = 1 << 16;
  static constexpr std::size_t longest_row = 320;  // 64 + 27 + 10 + 30 + 5 + 5 + 4 + 8 + 20 + 1 + 7 + 4 + commas

  // --- Calendar arithmetic; outside the calendar's range (only far past `to`) it approximates.
  Date working_days_after(Date d, int n) const {
    const auto r = calendar_.add_working_days(d, n);
    return r ? *r : d + n * 7 / 5;
  }
  bool working(Date d) const {
    const auto r = calendar_.is_working_day(d);
    return r ? *r : !is_weekend(d);
  }
  // The latest working day on or before d, but never before `floor`.
  Date working_on_or_before(Date d, Date floor) const {
    while (d > floor && !working(d)) d = d - 1;
    return d < floor ? floor : d;
  }
  static Date months_after(Date d, int n) { return add_months(d, n).date; }
  int working_days_between(Date a, Date b) const {
    const auto r = calendar_.working_days_between(a, b);
    return r ? *r : (b - a) * 5 / 7;
  }

  // Adds an event; events after the window are left out (a scratch row takes their attributes).
  Row& add(EventType type, Date date) {
    if (date > to_ || date < from_) return scratch_;
    Row& r = rows_.emplace_back();
    r.date = date;
    r.type = type;
    r.key = (static_cast<std::uint64_t>(date - from_) << 40) |
            (static_cast<std::uint64_t>(same_day_rank[static_cast<std::size_t>(type)]) << 32) | sequence_++;
    return r;
  }

  // --- Journeys.
  void child() {
    Date referral = from_ + static_cast<std::int32_t>(random_.below(static_cast<std::uint64_t>(to_ - from_) + 1));
    if (!working(referral) && random_.chance(0.85)) {
      const Date next = working_days_after(referral, 1);
      if (next <= to_) referral = next;
    }
    add(EventType::referral, referral);
    Date decision;
    if (random_.chance(0.95)) decision = working_days_after(referral, random_.chance(0.45) ? 0 : 1);
    else decision = working_days_after(referral, random_.between(2, 5));
    if (random_.chance(0.03)) {  // a second report before the decision: one decision for both (C14)
      const Date again = working_days_after(referral, 1);
      add(EventType::referral, again);
      decision = std::max(decision, again);
    }
    add(EventType::referral_decision, decision);

    const auto journey = random_.below(100);
    if (journey < 30) {  // no further action
      if (random_.chance(0.98)) add(EventType::case_closed, working_days_after(decision, random_.between(0, 10)));
    } else if (journey < 63) {  // an assessment, and usually closure
      const Date assessed = assessment(referral, referral);
      further_report(decision, assessed);
      add(EventType::assessment_completed, assessed);
      if (random_.chance(0.75)) {
        add(EventType::case_closed, working_on_or_before(assessed + random_.between(1, 60), assessed));
      }
    } else if (journey < 88) {
      child_protection(referral);
    } else if (journey < 91) {
      transfer_in(referral);
    } else {
      const Date assessed = assessment(referral, referral);
      add(EventType::assessment_completed, assessed);
      Date start = referral;
      if (!random_.chance(0.2)) start = working_on_or_before(referral + random_.between(1, 60), referral);
      looked_after(referral, start, false);
    }
  }

  // The assessment, after `not_before`: 88% within 42 working days of the referral, so that with
  // those still open at the window's end about 86% of the duties are met.
  Date assessment(Date referral, Date not_before) {
    if (random_.chance(0.88)) {
      const int lo = std::min(42, std::max(5, working_days_between(referral, not_before) + 1));
      return working_days_after(referral, random_.between(lo, 42));
    }
    return working_days_after(referral, random_.between(43, 72));
  }

  // A further report while the assessment is under way (the assessment absorbs it; it is owed its
  // own decision, C14), for 6% of assessments.
  void further_report(Date decision, Date assessed) {
    if (!random_.chance(0.06) || working_days_between(decision, assessed) < 3) return;
    const Date again = working_days_after(decision, random_.between(1, working_days_between(decision, assessed) - 1));
    add(EventType::referral, again);
    if (random_.chance(0.9)) add(EventType::referral_decision, working_days_after(again, random_.between(0, 2)));
  }

  void child_protection(Date referral) {
    const Date discussion = working_days_after(referral, random_.between(0, 3));
    add(EventType::strategy_discussion, discussion);
    add(EventType::s47_started, discussion);
    Date last_discussion = discussion;
    const bool second = random_.chance(0.25);
    if (second) {
      last_discussion = working_days_after(discussion, random_.between(2, 6));
      add(EventType::strategy_discussion, last_discussion);
    }
    // The decision to convene a conference, recorded for 55% of children: mostly at the last
    // strategy discussion, sometimes at the first of two (the second then no longer moves the
    // clock), sometimes a few working days later, at the end of the section 47 enquiries.
    const bool held = random_.chance(0.93);  // 7%: no conference is ever held
    Date requested = never_;
    if (random_.chance(held ? 0.55 : 0.6)) {
      const auto u = random_.below(100);
      requested = u < 60 ? last_discussion
                  : u < 75 && second ? discussion
                                     : working_days_after(last_discussion, random_.between(1, 5));
      add(EventType::icpc_requested, requested);
    }
    const Date assessed = assessment(referral, discussion);
    add(EventType::assessment_completed, assessed);
    if (!held) {
      if (random_.chance(0.7)) {
        add(EventType::case_closed, working_on_or_before(assessed + random_.between(7, 60), assessed));
      }
      return;
    }
    const Date from = std::min(requested, last_discussion);
    const Date conference = random_.chance(0.88) ? working_days_after(from, random_.between(7, 15))
                                                 : working_days_after(from, random_.between(16, 25));
    add(EventType::icpc, std::max(conference, last_discussion));
    if (!random_.chance(0.9)) {  // the conference did not register the child
      if (random_.chance(0.7)) {
        const Date last = std::max(conference, assessed);
        add(EventType::case_closed, working_on_or_before(last + random_.between(7, 60), last));
      }
      return;
    }
    registration(referral, std::max(conference, last_discussion));
  }

  // A child on another Welsh authority's register moves permanently into the area: the transfer
  // conference (85% within 15 working days of being told; 4% never held), which registers the
  // child here (a cp_registered the same day) 90% of the time.
  void transfer_in(Date referral) {
    const Date told = working_days_after(referral, random_.between(0, 2));
    add(EventType::cp_transfer_notified, told);
    const auto u = random_.below(100);
    if (u >= 96) return;  // no conference held
    const Date conference = u < 85 ? working_days_after(told, random_.between(5, 15))
                                   : working_days_after(told, random_.between(16, 25));
    add(EventType::transfer_conference, conference);
    if (random_.chance(0.9)) {
      registration(referral, conference);
    } else if (random_.chance(0.7)) {
      add(EventType::case_closed, working_on_or_before(conference + random_.between(7, 60), conference));
    }
  }

  // A registration and what follows it, to deregistration.
  void registration(Date referral, Date registered) {
    add(EventType::cp_registered, registered);
    add(EventType::outline_plan_circulated, random_.chance(0.9) ? working_days_after(registered, random_.between(1, 5))
                                                                : working_days_after(registered, random_.between(6, 12)));

    // How long the child stays on the register; often ended at a review conference.
    const Date planned_end = registered + random_.between(91, 548);
    const bool becomes_looked_after = random_.chance(0.3);
    const bool at_conference = !becomes_looked_after && random_.chance(0.7);
    Date end = at_conference ? never_ : working_on_or_before(planned_end, registered + 1);
    Date previous = registered;
    Date due = months_after(registered, 3);
    for (;;) {
      Date held = random_.chance(0.85) ? due - random_.between(0, 14) : due + random_.between(1, 20);
      held = working_on_or_before(held, previous + 1);
      if (!at_conference && held >= end) break;
      add(EventType::cp_review_conference, held);
      if (at_conference && (held >= planned_end || held > to_)) {
        end = held;
        break;
      }
      if (held > to_) break;
      previous = held;
      due = months_after(held, 6);
    }
    add(EventType::cp_deregistered, end);

    // Core groups: the first within 10 working days mostly, then every 4-7 weeks.
    Date group = random_.chance(0.85) ? working_days_after(registered, random_.between(3, 10))
                                      : working_days_after(registered, random_.between(11, 18));
    while (group < end && group <= to_) {
      add(EventType::core_group, group);
      const int gap = random_.chance(0.8) ? random_.between(28, 42) : random_.between(43, 52);
      group = working_on_or_before(group + gap, group + 1);
    }

    // Visits every 1-3 weeks (now and then a gap of up to 7 weeks); each sees the child alone, or
    // at home, about half the time; 1.5% of days have a second visit, seeing the child otherwise.
    Date visit = working_on_or_before(registered + random_.between(2, 10), registered + 1);
    while (visit < end && visit <= to_) {
      Row& r = add(EventType::cp_visit, visit);
      r.seen_alone = random_.chance(seen_alone_rate);
      r.at_home = random_.chance(at_home_rate);
      if (random_.chance(0.015)) {
        const bool alone = r.seen_alone;
        Row& again = add(EventType::cp_visit, visit);
        again.seen_alone = !alone;
        again.at_home = random_.chance(at_home_rate);
      }
      const int gap = random_.chance(0.93) ? random_.between(7, 21) : random_.between(22, 50);
      visit = working_on_or_before(visit + gap, visit + 1);
    }

    if (becomes_looked_after) {
      looked_after(referral, end, true);
    } else if (random_.chance(0.5)) {
      add(EventType::case_closed, working_on_or_before(end + random_.between(14, 120), end + 1));
    }
  }

  static constexpr double seen_alone_rate = 0.55;
  static constexpr double at_home_rate = 0.45;

  PlacementType first_placement_type() {
    const auto u = random_.below(100);
    if (u < 74) return PlacementType::standard;
    if (u < 79) return PlacementType::parent_pre_assessment;
    if (u < 87) return PlacementType::connected_person_temporary;
    if (u < 91) return PlacementType::interim_care_order_with_parent;
    if (u < 95) return PlacementType::care_order_with_parent;
    return PlacementType::short_breaks;
  }

  PlacementType next_placement_type(PlacementType previous, LegalStatus legal) {
    if (previous == PlacementType::short_breaks) return previous;
    const auto u = random_.below(100);
    if (u < 85) return PlacementType::standard;
    if (u < 95) return PlacementType::connected_person_temporary;
    if (legal == LegalStatus::interim_care_order || legal == LegalStatus::care_order) {
      return u < 98 ? PlacementType::parent_pre_assessment
                    : legal == LegalStatus::care_order ? PlacementType::care_order_with_parent
                                                       : PlacementType::interim_care_order_with_parent;
    }
    return legal == LegalStatus::not_recorded ? PlacementType::care_order_with_parent : PlacementType::standard;
  }

  // The legal status when the child starts to be looked after; from child protection, more often a
  // care order or an interim one. Not recorded: about 11%.
  LegalStatus first_legal_status(bool from_child_protection) {
    const auto u = random_.below(100);
    if (from_child_protection) {
      if (u < 35) return LegalStatus::accommodated;
      if (u < 75) return LegalStatus::interim_care_order;
      if (u < 85) return LegalStatus::care_order;
      if (u < 90) return LegalStatus::emergency_protection;
      return LegalStatus::not_recorded;
    }
    if (u < 55) return LegalStatus::accommodated;
    if (u < 70) return LegalStatus::interim_care_order;
    if (u < 78) return LegalStatus::care_order;
    if (u < 82) return LegalStatus::police_protection;
    if (u < 85) return LegalStatus::emergency_protection;
    if (u < 87) return LegalStatus::placement_order;
    if (u < 89) return LegalStatus::remand;
    return LegalStatus::not_recorded;
  }

  // The first placement's type, by the legal status: placements with a parent only for a child in
  // care (or whose status was not recorded), short breaks only for an accommodated child.
  PlacementType first_placement_type(LegalStatus legal) {
    const bool in_care = legal == LegalStatus::interim_care_order || legal == LegalStatus::care_order;
    if (legal == LegalStatus::not_recorded) return first_placement_type();
    const auto u = random_.below(100);
    if (in_care) {
      if (u < 50) return PlacementType::standard;
      if (u < 64) return PlacementType::parent_pre_assessment;
      if (u < 76) {
        return legal == LegalStatus::care_order ? PlacementType::care_order_with_parent
                                                : PlacementType::interim_care_order_with_parent;
      }
      if (u < 90) return PlacementType::connected_person_temporary;
      return PlacementType::standard;
    }
    if (u < 82) return PlacementType::standard;
    if (u < 92) return PlacementType::connected_person_temporary;
    return legal == LegalStatus::accommodated ? PlacementType::short_breaks : PlacementType::standard;
  }

  // The status at a later placement: an accommodated child sometimes comes under an interim care
  // order, an interim order sometimes becomes a full one.
  LegalStatus next_legal_status(LegalStatus legal) {
    if (legal == LegalStatus::accommodated && random_.chance(0.12)) return LegalStatus::interim_care_order;
    if (legal == LegalStatus::interim_care_order && random_.chance(0.3)) return LegalStatus::care_order;
    if ((legal == LegalStatus::emergency_protection || legal == LegalStatus::police_protection) && random_.chance(0.6)) {
      return random_.chance(0.5) ? LegalStatus::accommodated : LegalStatus::interim_care_order;
    }
    return legal;
  }

  void looked_after(Date referral, Date start, bool from_child_protection) {
    if (start > to_) return;
    LegalStatus legal = first_legal_status(from_child_protection);
    add(EventType::looked_after_start, start).legal = legal;
    const bool leaves = random_.chance(0.45);
    const Date period_end = leaves ? working_on_or_before(start + random_.between(60, 1400), start + 1) : never_;
    PlacementType type = first_placement_type(legal);

    // The care and support plan: sometimes before the placement, mostly within 10 working days.
    // A child in care (s31A: the court's care plan) has none under reg 4 and seldom a row for one.
    const bool in_care = legal == LegalStatus::interim_care_order || legal == LegalStatus::care_order ||
                         type == PlacementType::parent_pre_assessment ||
                         type == PlacementType::interim_care_order_with_parent ||
                         type == PlacementType::care_order_with_parent;
    const double u = random_.unit();
    Date plan;
    if (u < 0.2) plan = std::max(referral, start - random_.between(1, 10));
    else if (u < 0.87) plan = working_days_after(start, random_.between(0, 10));
    else plan = working_days_after(start, random_.between(11, 25));
    if (!in_care || random_.chance(0.3)) add(EventType::care_and_support_plan, plan);

    // Placements, each ending the day the next starts; the legal status recorded on most.
    placements_.clear();
    for (Date s = start;;) {
      Placement p{s, period_end, type, legal, random_.chance(0.85), false, never_};
      p.intended = type == PlacementType::standard && random_.chance(placements_.empty() ? 0.15 : 0.4);
      if (p.intended) p.intended_from = s;
      const Date e = working_on_or_before(s + random_.between(45, 900), s + 1);
      const bool last = e >= period_end || e > to_ || placements_.size() == 7;
      if (!last) p.end = e;
      placements_.push_back(p);
      if (last) break;
      s = e;
      legal = next_legal_status(legal);
      type = next_placement_type(type, legal);
    }

    // Reviews: 20 working days, 3 months, then every 6 months, with what they record.
    reviews_.clear();
    Date held = random_.chance(0.88) ? working_days_after(start, random_.between(8, 20))
                                     : working_days_after(start, random_.between(21, 30));
    bool plan_set = false;
    while (held < period_end && held <= to_) {
      Review r{held};
      Placement& p = placement_on(held);
      if (p.type == PlacementType::short_breaks) {
        if (random_.chance(0.9)) r.interval = random_.chance(0.5) ? Interval::three_months : Interval::six_weeks;
      } else if (!plan_set && random_.chance(0.08)) {
        r.interval = Interval::four_weeks;
        plan_set = true;
      } else if (!plan_set && p.type == PlacementType::standard && held < months_after(p.start, 12) &&
                 random_.chance(0.03)) {
        r.interval = Interval::three_months;  // too long in the first year: refused (C7)
      }
      if (p.type == PlacementType::standard) {
        if (p.intended_from <= held) {
          r.intended = random_.chance(0.3);
        } else if (held >= p.start + 182 && random_.chance(0.15)) {
          r.intended = true;
          p.intended_from = held;
        }
      }
      reviews_.push_back(r);
      const Date due = months_after(held, reviews_.size() == 1 ? 3 : 6);
      const Date next = random_.chance(0.85) ? due - random_.between(0, 14) : due + random_.between(1, 30);
      held = working_on_or_before(next, held + 1);
    }

    for (std::size_t i = 0; i < placements_.size(); ++i) {
      const Placement& p = placements_[i];
      if (i > 0) add(EventType::placement_end, p.start);
      Row& r = add(EventType::placement_start, p.start);
      r.placement = p.type;
      r.intended = p.intended;
      if (p.legal_written) r.legal = p.legal;
      const double v = random_.unit();
      add(EventType::placement_plan, v < 0.1    ? p.start
                                     : v < 0.88 ? working_days_after(p.start, random_.between(1, 5))
                                                : working_days_after(p.start, random_.between(6, 12)));
      visits(p);
      if (p.type == PlacementType::parent_pre_assessment) parent_assessment(p);
    }
    for (const Review& r : reviews_) {
      Row& row = add(EventType::lac_review, r.date);
      row.interval = r.interval;
      row.intended = r.intended;
    }
    // A fifth of looked-after children are old enough to become care leavers: category 1 while
    // looked after (the 16th birthday), and category 2 for most who then leave care.
    bool care_leaver = false;
    if (random_.chance(0.2)) {
      const Date eligible = start + random_.between(30, 500);
      if (eligible < period_end && eligible <= to_) {
        care_leaver = true;
        category(eligible, 1);
        if (period_end <= to_ && random_.chance(0.6)) category(period_end, 2);
      }
    }
    if (period_end <= to_) {
      add(EventType::placement_end, period_end);
      add(EventType::looked_after_end, period_end);
      if (!care_leaver && random_.chance(0.5)) {
        add(EventType::case_closed, working_on_or_before(period_end + random_.between(1, 90), period_end + 1));
      }
    }
  }

  // Regulation 20: the assessment of a child placed with a parent before assessment (78% within 10
  // working days, 14% late, 8% never), and the decision on the placement after it (the same).
  void parent_assessment(const Placement& p) {
    auto u = random_.below(100);
    if (u >= 92) return;
    const Date assessed = working_days_after(p.start, u < 78 ? random_.between(3, 10) : random_.between(11, 20));
    if (assessed >= p.end) return;
    add(EventType::parent_assessment_completed, assessed);
    u = random_.below(100);
    if (u >= 92) return;
    const Date decided = working_days_after(assessed, u < 80 ? random_.between(1, 10) : random_.between(11, 20));
    if (decided < p.end) add(EventType::parent_placement_decision, decided);
  }

  // A young person becomes a care leaver of a category; the needs assessment follows (82% within
  // 3 months, 12% late, 6% never).
  void category(Date d, std::uint8_t n) {
    add(EventType::care_leaver_category, d).category = n;
    const auto u = random_.below(100);
    if (u >= 94) return;
    const Date due = months_after(d, 3);
    add(EventType::needs_assessment_completed,
        u < 82 ? working_on_or_before(due - random_.between(0, 60), d) : due + random_.between(1, 45));
  }

  // Now and then a row twice: an exact copy (1% of children) and a re-keyed one under another
  // worker of the team (1%). Both are one event (C8); the copy comes after the row it copies.
  void duplicates() {
    if (rows_.empty()) return;
    for (int copy = 0; copy < 2; ++copy) {
      if (!random_.chance(0.01)) continue;
      Row r = rows_[random_.below(rows_.size())];
      r.key = (r.key & ~std::uint64_t{0xFFFFFFFF}) | sequence_++;
      if (copy == 1) {
        const int other = team_ * workers_per_team + 1 + static_cast<int>(random_.below(workers_per_team - 1));
        r.worker = static_cast<std::int16_t>(other >= worker_ ? other + 1 : other);
      }
      rows_.push_back(r);
    }
  }

  Placement& placement_on(Date d) {
    for (std::size_t i = placements_.size(); i-- > 1;) {
      if (placements_[i].start <= d) return placements_[i];
    }
    return placements_.front();
  }

  // Visits to a looked-after child aimed at the regulation 31 interval of the placement.
  void visits(const Placement& p) {
    Date previous = p.start;
    bool first = true;
    for (;;) {
      const Date due = first && p.type != PlacementType::short_breaks ? p.start + 7 : next_visit_due(p, previous);
      Date visit;
      if (random_.chance(0.86)) visit = due - random_.between(0, (due - previous) / 3);
      else visit = due + random_.between(1, 21);
      visit = working_on_or_before(visit, previous + 1);
      if (visit >= p.end || visit > to_) break;
      add(EventType::lac_visit, visit);
      previous = visit;
      first = false;
    }
  }

  // When the visit after one on `previous` is due (regulation 31, a review's shorter plan).
  Date next_visit_due(const Placement& p, Date previous) const {
    bool reviewed = false;  // a review since the placement started, on or before `previous`
    Interval recorded = Interval::none;
    Date plan_from = never_;
    for (const Review& r : reviews_) {
      if (r.date > previous) break;
      if (r.date >= p.start) reviewed = true;
      if (r.interval != Interval::none) recorded = r.interval;
      if (r.interval == Interval::four_weeks && plan_from == never_) plan_from = r.date;
    }
    Date due = previous + 42;
    switch (p.type) {
      case PlacementType::standard:
        if (previous >= months_after(p.start, 12) && previous >= p.intended_from) due = months_after(previous, 3);
        break;
      case PlacementType::parent_pre_assessment: due = previous + (reviewed ? 42 : 7); break;
      case PlacementType::connected_person_temporary:
      case PlacementType::interim_care_order_with_parent: due = previous + (reviewed ? 28 : 7); break;
      case PlacementType::care_order_with_parent: break;
      case PlacementType::short_breaks:
        if (recorded == Interval::three_months) due = months_after(previous, 3);
        break;
    }
    if (plan_from <= previous) due = std::min(due, previous + 28);
    return due;
  }

  // --- Output.
  void set_case_id(std::uint64_t n) {
    case_id_[0] = 'C';
    for (int i = id_digits_; i >= 1; --i) {
      case_id_[static_cast<std::size_t>(i)] = static_cast<char>('0' + n % 10);
      n /= 10;
    }
  }

  void set_team(int team, int worker) {
    const std::string_view name = team_names[static_cast<std::size_t>(team)];
    std::memcpy(carried_.data(), name.data(), name.size());
    std::size_t n = name.size();
    carried_[n++] = ',';
    carried_[n++] = 'W';
    carried_[n++] = static_cast<char>('0' + worker / 100);
    carried_[n++] = static_cast<char>('0' + worker / 10 % 10);
    carried_[n++] = static_cast<char>('0' + worker % 10);
    carried_[n++] = '\n';
    carried_size_ = n;
  }

  void put(char c) { buffer_[used_++] = c; }
  void put(std::string_view s) {
    std::memcpy(buffer_.data() + used_, s.data(), s.size());
    used_ += s.size();
  }
  void put_bool(bool b) { put(b ? std::string_view("true") : std::string_view("false")); }

  void write(const Row& r) {
    if (used_ + longest_row > buffer_.size()) flush();
    put(std::string_view(case_id_.data(), static_cast<std::size_t>(id_digits_) + 1));
    put(',');
    put(name(r.type));
    put(',');
    put(std::string_view(date_text_[static_cast<std::size_t>(r.date - from_)].data(), 10));
    put(',');
    if (r.type == EventType::placement_start) put(placement_type_names[static_cast<std::size_t>(r.placement)]);
    put(',');
    if (r.type == EventType::cp_visit) put_bool(r.seen_alone);
    put(',');
    if (r.type == EventType::cp_visit) put_bool(r.at_home);
    put(',');
    if (r.intended) put("true");
    put(',');
    put(interval_text[static_cast<std::size_t>(r.interval)]);
    put(',');
    if (r.legal != LegalStatus::not_recorded) put(name(r.legal));
    put(',');
    if (r.category != 0) put(static_cast<char>('0' + r.category));
    put(',');
    if (r.worker >= 0) {
      set_team(team_, r.worker);
      put(std::string_view(carried_.data(), carried_size_));
      set_team(team_, worker_);
    } else {
      put(std::string_view(carried_.data(), carried_size_));
    }
  }

  void flush() {
    out_.write(buffer_.data(), static_cast<std::streamsize>(used_));
    used_ = 0;
  }

  const GenerateOptions& options_;
  const Calendar& calendar_;
  std::ostream& out_;
  Random random_;
  Date from_, to_;
  Date never_;  // a date after every event of the window
  std::vector<std::array<char, 10>> date_text_;  // [date - from]
  std::vector<char> buffer_;
  std::size_t used_ = 0;
  std::array<char, 24> case_id_{};
  int id_digits_ = 7;
  std::array<char, 24> carried_{};
  std::size_t carried_size_ = 0;
  std::vector<Row> rows_;
  Row scratch_;
  std::uint32_t sequence_ = 0;
  int team_ = 0;
  int worker_ = 1;
  std::vector<Placement> placements_;
  std::vector<Review> reviews_;
};

}  // namespace

void generate_events(const GenerateOptions& options, const Calendar& calendar, std::ostream& out) {
  if (options.to < options.from) {
    throw std::invalid_argument("generate_events: from " + to_string(options.from) + " is after to " +
                                to_string(options.to));
  }
  if (auto ok = calendar.check(options.from); !ok) throw std::invalid_argument(ok.error().message);
  if (auto ok = calendar.check(options.to); !ok) throw std::invalid_argument(ok.error().message);
  Generator(options, calendar, out).run();
}

}  // namespace timescales
