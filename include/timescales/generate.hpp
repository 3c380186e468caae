// Synthetic case events for tests, demonstrations and benchmarks: realistic journeys of children
// through referral, assessment, child protection and being looked after, written as the case-event
// CSV of docs/formats.md. No real data is involved anywhere.
//
// The model. Each child (ids "C0000001", "C0000002", ...; an eighth digit only for ten million)
// is referred on a date drawn uniformly from [from, to] (mostly a working day), gets a referral
// decision (95% within 1 working day, the rest 2-5 working days later; 3% have a second report
// the next working day, before the one decision that covers both), and follows one journey chosen
// at random:
//   30%  no further action: the case closes within 10 working days, with no assessment (so the
//        assessment duty is cancelled);
//   33%  an assessment (88% within 42 working days of the referral, the rest up to 30 working days
//        late: with those still open when the window ends, about 86% of the duties are met), and
//        usually closure; 6% have a further report while the assessment is under way, with its
//        own decision (90%);
//   25%  child protection: one strategy discussion (a quarter have a second a few days later) with
//        section 47 enquiries begun the same day; for about 55% the decision to convene a
//        conference (`icpc_requested`): mostly on the last discussion, sometimes on the first of
//        two, sometimes 1-5 working days later; the assessment; for 7% no conference is ever held
//        (60% of those with the decision recorded); otherwise an initial conference (88% within 15
//        working days of the last discussion, or of the decision when it came first) that
//        registers 90% of children, the outline plan (90% within 5 working days), core groups
//        (the first 85% within 10 working days, then every 4-7 weeks), review conferences at about
//        3 then every 6 months, visits every 1-3 weeks (7% of gaps 22-50 days; seen alone 55% and
//        at home 45% of the time, so that about half of the visit duties are met; 1.5% of visit
//        days have a second visit), and deregistration after 3-18 months, often at a review
//        conference; 30% of the registered children become looked after the day they are
//        deregistered. Registrations before 2020-04-01 (the first year of the default window) are
//        under the rules before the Wales Safeguarding Procedures;
//    3%  a transfer in: the authority is told of a registered child's permanent move
//        (`cp_transfer_notified`), the transfer conference follows (85% within 15 working days,
//        4% never held) and registers the child here (90%), as above;
//    9%  looked after soon after the referral (a fifth the same day), with an assessment.
// Looked-after children have a `legal_status` on `looked_after_start` (from the community:
// accommodated 55%, interim care order 15%, care order 8%, police or emergency protection,
// placement order or remand 11%, not recorded 11%; from child protection more often an order),
// and on 85% of placement starts (at a later placement an accommodated child comes under an
// interim order now and then, an interim order becomes a full one). Placements: mostly standard;
// with a parent (`parent_pre_assessment`, `interim_care_order_with_parent`,
// `care_order_with_parent`) only for a child in care or whose status was not recorded; short
// breaks only for an accommodated child; some standard ones intended to last until 18. They change
// now and then (placement_end and the next placement_start the same day). A care and support
// plan (sometimes before the placement, mostly within 10 working days; for a child in care, whom
// reg 4(3) exempts, only 30% have one recorded), a placement plan per placement (mostly within 5
// working days), for a placement with a parent before assessment the regulation 20 assessment
// (78% within 10 working days, 14% late, 8% never) and then the decision (80% within 10 working
// days, 12% late, 8% never), visits aimed at the interval regulation 31 sets for the placement
// and its phase (86% on time), reviews at 20 working days, 3 months, then every 6 months (some
// recording a shorter "4 weeks" visit interval, occasionally a "3 months" refused in the first
// year, or intended_until_18=true; short-break reviews record the agreed interval), and for 45% an
// end to being looked after. A fifth become care leavers: category 1 while looked after, category
// 2 on leaving care for 60% of those who leave, each with a needs assessment (82% within 3
// months, 12% late, 6% never). Deadlines are computed with the working-day calendar passed in, so
// "late" means late by the encoded rules. Events after `to` are left out: the window ends first.
//
// Every row carries two extra columns, `team` (one of six) and `worker` ("W001".."W042", a
// worker of that team), constant for a child. Now and then a row comes twice: an exact copy (for
// 1% of children) or a copy re-keyed under another worker of the team (1%); both are one event
// (C8: the later row is rejected as a duplicate). Rows are sorted by case id, then date, then a
// plausible order within the day; attributes are written only on the events that carry them.
//
// Deterministic: the same options and calendar give byte-identical output on every platform and
// standard library (one std::mt19937_64 seeded with `seed`, and distributions written out here).
#pragma once

#include <cstdint>
#include <ostream>
#include <string_view>

#include "timescales/calendar.hpp"
#include "timescales/date.hpp"

namespace timescales {

struct GenerateOptions {
  std::uint64_t children = 1000;
  std::uint64_t seed = 1;
  Date from = days_from_civil({2019, 4, 1});
  Date to = days_from_civil({2024, 3, 31});
};

// The CSV header generate_events writes.
inline constexpr std::string_view generated_header =
    "case_id,event,date,placement_type,seen_alone,at_home,intended_until_18,visit_interval,legal_status,category,"
    "team,worker";

// Writes the header and the events of `options.children` children to `out`. Precondition (checked,
// std::invalid_argument otherwise): from <= to, both inside the calendar's supported range.
// Output errors are left in the stream's state for the caller to check.
void generate_events(const GenerateOptions& options, const Calendar& calendar, std::ostream& out);

}  // namespace timescales
