// The obligation engine, through timescales::evaluate with the built-in rules.
//
// Part 1: named scenarios. Every expected date below was counted by hand from the conventions
// (C2-C9) and the bank-holiday list (bank-holidays-england-wales.csv), the counting written out
// in a comment beside it, and checked a second time with the independent numpy calculator
// (/work/notes/calc.py), never with the code under test. Where a scenario is also a worked
// example in rules/wales/*.toml, the dates here are different ones, so the two are independent.
//
// Part 2: properties over random but plausible histories of a few hundred children (a seeded
// std::mt19937): input order does not matter, rows in = used + rejected, statuses agree with
// their dates, and a later as_of never unsettles a settled status.
#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "cli_support.hpp"
#include "support.hpp"
#include "timescales/engine.hpp"
#include "timescales/event.hpp"
#include "timescales/event_csv.hpp"
#include "timescales/explain.hpp"
#include "timescales/load.hpp"

namespace {

using namespace timescales;
using timescales::testing::contains;
using timescales::testing::date_of;

// ---------------------------------------------------------------------------------------------
// Building event tables.

// One input row, owning its text (EventTable::add_row takes views).
struct Row {
  std::string case_id;
  std::string event;
  std::string date;
  std::array<std::string, attribute_count> attributes{};
  std::vector<std::string> carried;  // in the order of the table's carried columns
};

using Attributes = std::initializer_list<std::pair<Attribute, std::string_view>>;

Row ev(std::string_view event, std::string_view date, Attributes attributes = {}, std::string_view case_id = "C1") {
  Row r{std::string(case_id), std::string(event), std::string(date), {}, {}};
  for (const auto& [a, value] : attributes) r.attributes[static_cast<std::size_t>(a)] = std::string(value);
  return r;
}

EventTable table_of(const std::vector<Row>& rows, std::vector<std::string> carried_columns = {}) {
  EventTable table(std::move(carried_columns));
  std::size_t line = 1;  // as if line 1 were a header
  for (const Row& r : rows) {
    RowText text{r.case_id, r.event, r.date, {}};
    for (std::size_t a = 0; a < attribute_count; ++a) text.attributes[a] = r.attributes[a];
    const std::vector<std::string_view> carried(r.carried.begin(), r.carried.end());
    table.add_row(++line, text, carried);
  }
  return table;
}

Evaluation run(const EventTable& table, std::optional<std::string_view> as_of = std::nullopt) {
  EvaluateOptions options;
  if (as_of) options.as_of = date_of(*as_of);
  return evaluate(table, builtin_rulebook(), options);
}

// One child's obligations under one rule and standard, in output order (trigger date, occurrence).
std::vector<Obligation> chain(const Evaluation& evaluation, const EventTable& table, std::string_view rule,
                              Standard standard = Standard::statutory, std::string_view case_id = "C1") {
  std::vector<Obligation> out;
  for (const Obligation& ob : evaluation.obligations) {
    if (ob.rule->id == rule && ob.standard == standard && table.case_id(ob.case_index) == case_id) out.push_back(ob);
  }
  return out;
}

struct Expect {
  std::uint32_t occurrence;
  std::string_view trigger;
  std::string_view due;
  std::string_view completed;  // empty: not done
  std::string_view status;
  std::int32_t days_late = 0;
  std::int32_t working_days_late = 0;
};

void check_chain(const std::vector<Obligation>& got, std::initializer_list<Expect> want) {
  REQUIRE(got.size() == want.size());
  std::size_t i = 0;
  for (const Expect& w : want) {
    const Obligation& ob = got[i++];
    INFO("obligation " << i << " of " << want.size() << " (" << ob.rule->id << ")");
    CHECK(ob.occurrence == w.occurrence);
    CHECK(ob.trigger_date == date_of(w.trigger));
    CHECK(ob.due_date == date_of(w.due));
    if (w.completed.empty()) {
      CHECK_FALSE(ob.completed_date.has_value());
    } else {
      REQUIRE(ob.completed_date.has_value());
      CHECK(*ob.completed_date == date_of(w.completed));
    }
    CHECK(std::string(name(ob.status)) == std::string(w.status));
    CHECK(ob.days_late == w.days_late);
    CHECK(ob.working_days_late == w.working_days_late);
  }
}

// ---------------------------------------------------------------------------------------------
// Part 1: scenarios.

TEST_CASE("ICPC after two strategy discussions runs from the last one, over Christmas", "[engine][C2][C8]") {
  // 15 working days (C2) from Fri 17 Dec 2021, the second discussion: Mon 20 (1), 21 (2), 22 (3),
  // 23 (4), Fri 24 Dec (5, Christmas Eve is a working day, C1); Mon 27 Dec and Tue 28 Dec are the
  // substitute days for Christmas Day and Boxing Day; 29 (6), 30 (7), 31 (8); Mon 3 Jan 2022 is the
  // New Year's Day substitute; 4 (9), 5 (10), 6 (11), 7 (12), 10 (13), 11 (14), Wed 12 Jan (15).
  std::vector<Row> rows = {
      ev("strategy_discussion", "2021-12-08"),
      ev("strategy_discussion", "2021-12-17"),
  };
  SECTION("held on the 15th working day: met") {
    rows.push_back(ev("icpc", "2022-01-12"));
    const EventTable table = table_of(rows);
    const Evaluation evaluation = run(table);
    const auto icpc = chain(evaluation, table, "wales.cp.icpc");
    check_chain(icpc, {{1, "2021-12-17", "2022-01-12", "2022-01-12", "met"}});
    CHECK(icpc.front().trigger_event == EventType::strategy_discussion);
  }
  SECTION("held the next day: late by 1 day, 1 working day") {
    rows.push_back(ev("icpc", "2022-01-13"));
    const EventTable table = table_of(rows);
    check_chain(chain(run(table), table, "wales.cp.icpc"), {{1, "2021-12-17", "2022-01-12", "2022-01-13", "late", 1, 1}});
  }
  SECTION("no conference yet: no obligation (the rule times only conferences held)") {
    const EventTable table = table_of(rows);
    CHECK(chain(run(table, "2022-03-01"), table, "wales.cp.icpc").empty());
  }
}

TEST_CASE("One CP visit can satisfy one visit duty and not the other", "[engine][C2][C3][C5]") {
  // Registered Mon 4 Oct 2021.
  // seen_alone, 10 working days (C2): 5-8 Oct (4), 11-15 (9), Mon 18 Oct (10): due 18 Oct. The
  //   15 Oct visit (alone, not at home) meets it. Next: Fri 15 Oct + 10 working days: 18-22 (5),
  //   25-29 (10): due Fri 29 Oct. The 29 Oct visit was not alone: as of Fri 5 Nov, overdue by
  //   7 days; working days in (29 Oct, 5 Nov]: 1, 2, 3, 4, 5 Nov = 5.
  // at_home, 4 weeks (C3): 4 Oct + 28 days = Mon 1 Nov. The 15 Oct visit was not at home; the
  //   29 Oct one was: met. Next: 29 Oct + 28 days = Fri 26 Nov, pending on 5 Nov.
  const EventTable table = table_of({
      ev("cp_registered", "2021-10-04"),
      ev("cp_visit", "2021-10-15", {{Attribute::seen_alone, "true"}, {Attribute::at_home, "false"}}),
      ev("cp_visit", "2021-10-29", {{Attribute::seen_alone, "false"}, {Attribute::at_home, "true"}}),
  });
  const Evaluation evaluation = run(table, "2021-11-05");
  const auto alone = chain(evaluation, table, "wales.cp.visit.seen_alone");
  check_chain(alone, {{1, "2021-10-04", "2021-10-18", "2021-10-15", "met"},
                      {2, "2021-10-15", "2021-10-29", "", "overdue", 7, 5}});
  CHECK(alone[1].trigger_event == EventType::cp_visit);
  check_chain(chain(evaluation, table, "wales.cp.visit.at_home"),
              {{1, "2021-10-04", "2021-11-01", "2021-10-29", "met"}, {2, "2021-10-29", "2021-11-26", "", "pending"}});
}

TEST_CASE("A review conference due on Easter Monday is not moved", "[engine][C4][C5]") {
  // Registered Tue 18 Jan 2022; 3 months (C4) = 18 Apr 2022, Easter Monday: a month period is not
  // rolled to a working day. Held Tue 19 Apr: late by 1 day; working days in (18 Apr, 19 Apr] =
  // 19 Apr = 1. Next: 19 Apr + 6 months = 19 Oct 2022, pending on 31 May.
  const EventTable table = table_of({
      ev("cp_registered", "2022-01-18"),
      ev("cp_review_conference", "2022-04-19"),
  });
  const Evaluation evaluation = run(table, "2022-05-31");
  const auto reviews = chain(evaluation, table, "wales.cp.review_conference");
  check_chain(reviews, {{1, "2022-01-18", "2022-04-18", "2022-04-19", "late", 1, 1},
                        {2, "2022-04-19", "2022-10-19", "", "pending"}});
  CHECK(weekday(reviews.front().due_date) == Weekday::monday);
  const std::string why = explain(reviews.front(), table, evaluation.as_of);
  CHECK(contains(why, "Easter Monday"));
  CHECK(contains(why, "C4"));
}

// The visits of a placement starting Mon 1 Feb 2021, every 6 weeks (C3: 42 days) through the first
// year, each on its deadline day: 5 Feb (first visit, within a week: due 8 Feb), 19 Mar, 30 Apr,
// 11 Jun, 23 Jul, 3 Sep, 15 Oct, 26 Nov, 7 Jan 2022.
const std::vector<std::string_view> first_year_visits = {
    "2021-02-05", "2021-03-19", "2021-04-30", "2021-06-11", "2021-07-23",
    "2021-09-03", "2021-10-15", "2021-11-26", "2022-01-07"};

TEST_CASE("Crossing the first anniversary: 3-monthly only when a review recorded intended_until_18", "[engine][C6][C7]") {
  // The council's bug: reading every looked-after visit as 6-weekly calls the 29 Apr 2022 visit
  // late, though the law (reg 31(2)(c)(i)) allowed 3 months for this child.
  // The first year ends at the anniversary, 1 Feb 2021 + 12 months = 1 Feb 2022 (C6). The visit of
  // Fri 4 Feb 2022 is after it, so the interval to the next is the one in force that day:
  // - review of 20 Jan 2022 recorded intended_until_18: 3 months, 4 Feb + 3 months = 4 May 2022;
  //   visited 29 Apr: met. Then 29 Apr + 3 months = 29 Jul, pending on 31 May.
  // - no such record: 6 weeks, 4 Feb + 42 days = Fri 18 Mar; visited 29 Apr: 42 days late (18 Mar
  //   to 18 Apr is 31, to 29 Apr 42). Working days in (18 Mar, 29 Apr]: 21-25 Mar (5), 28 Mar -
  //   1 Apr (10), 4-8 Apr (15), 11-14 Apr (19; Good Friday 15 Apr, Easter Monday 18 Apr), 19-22
  //   (23), 25-29 (28) = 28. Then 29 Apr + 42 days = 10 Jun, pending.
  // Either way the 7 Jan 2022 visit was inside the first year: 7 Jan + 42 days = 18 Feb, met on 4 Feb.
  const bool intended = GENERATE(true, false);
  std::vector<Row> rows = {ev("looked_after_start", "2021-02-01"),
                           ev("placement_start", "2021-02-01", {{Attribute::placement_type, "standard"}})};
  for (const std::string_view visit : first_year_visits) rows.push_back(ev("lac_visit", visit));
  if (intended) rows.push_back(ev("lac_review", "2022-01-20", {{Attribute::intended_until_18, "true"}}));
  else rows.push_back(ev("lac_review", "2022-01-20"));
  rows.push_back(ev("lac_visit", "2022-02-04"));
  rows.push_back(ev("lac_visit", "2022-04-29"));
  const EventTable table = table_of(rows);
  const Evaluation evaluation = run(table, "2022-05-31");
  const auto visits = chain(evaluation, table, "wales.lac.visit");
  INFO("intended_until_18 recorded: " << intended);
  REQUIRE(visits.size() == 12);
  // The first year: each visit on its deadline day.
  check_chain({visits.begin(), visits.begin() + 2}, {{1, "2021-02-01", "2021-02-08", "2021-02-05", "met"},
                                                     {2, "2021-02-05", "2021-03-19", "2021-03-19", "met"}});
  for (std::size_t i = 1; i < first_year_visits.size(); ++i) {
    INFO("occurrence " << i + 1);
    CHECK(visits[i].trigger_date == date_of(first_year_visits[i - 1]));
    CHECK(visits[i].due_date == date_of(first_year_visits[i]));
    CHECK(visits[i].status == Status::met);
  }
  if (intended) {
    check_chain({visits.begin() + 9, visits.end()}, {{10, "2022-01-07", "2022-02-18", "2022-02-04", "met"},
                                                     {11, "2022-02-04", "2022-05-04", "2022-04-29", "met"},
                                                     {12, "2022-04-29", "2022-07-29", "", "pending"}});
  } else {
    check_chain({visits.begin() + 9, visits.end()}, {{10, "2022-01-07", "2022-02-18", "2022-02-04", "met"},
                                                     {11, "2022-02-04", "2022-03-18", "2022-04-29", "late", 42, 28},
                                                     {12, "2022-04-29", "2022-06-10", "", "pending"}});
  }
  CHECK(chain(evaluation, table, "wales.lac.visit", Standard::plan).empty());
  CHECK(evaluation.findings.empty());
}

TEST_CASE("A review asking for 3-monthly visits in the first year is refused with a finding", "[engine][C7]") {
  // Placement Mon 6 Jun 2022. First visit within 1 week: 13 Jun (visited 10 Jun). The review of
  // 1 Jul asks for 3 months; the limit in the first year is 6 weeks: refused, the statutory 6 weeks
  // stands. 10 Jun + 42 days = 22 Jul (visited 20 Jul); 20 Jul + 42 days = Wed 31 Aug (a 3-month
  // reading would have said 20 Oct). As of Mon 5 Sep: overdue by 5 days; working days in (31 Aug,
  // 5 Sep]: 1, 2, 5 Sep = 3.
  // The review itself: first within 20 working days of Mon 6 Jun: 7-10 Jun (4), 13-17 (9), 20-24
  // (14), 27 Jun-1 Jul (19), Mon 4 Jul (20); held 1 Jul, met. Then 1 Jul + 3 months = 1 Oct.
  const EventTable table = table_of({
      ev("looked_after_start", "2022-06-06"),
      ev("placement_start", "2022-06-06"),
      ev("lac_visit", "2022-06-10"),
      ev("lac_review", "2022-07-01", {{Attribute::visit_interval, "3 months"}}),
      ev("lac_visit", "2022-07-20"),
  });
  const Evaluation evaluation = run(table, "2022-09-05");
  check_chain(chain(evaluation, table, "wales.lac.visit"), {{1, "2022-06-06", "2022-06-13", "2022-06-10", "met"},
                                                           {2, "2022-06-10", "2022-07-22", "2022-07-20", "met"},
                                                           {3, "2022-07-20", "2022-08-31", "", "overdue", 5, 3}});
  CHECK(chain(evaluation, table, "wales.lac.visit", Standard::plan).empty());
  check_chain(chain(evaluation, table, "wales.lac.review"),
              {{1, "2022-06-06", "2022-07-04", "2022-07-01", "met"}, {2, "2022-07-01", "2022-10-01", "", "pending"}});

  REQUIRE(evaluation.findings.size() == 1);
  const Finding& f = evaluation.findings.front();
  CHECK(table.case_id(f.case_index) == "C1");
  CHECK(f.rule->id == "wales.lac.visit");
  CHECK(f.event == EventType::lac_review);
  CHECK(f.date == date_of("2022-07-01"));
  CHECK(f.attribute == Attribute::visit_interval);
  CHECK(f.asked == Period{3, PeriodUnit::months});
  CHECK(f.limit == Period{6, PeriodUnit::weeks});
  CHECK(table.line(f.row) == 5);  // the review's row (line 1 being the header)

  const std::string why = explain(f);
  CHECK(contains(why, "3 months"));
  CHECK(contains(why, "6 weeks"));
  CHECK(contains(why, "lac_review"));
  CHECK(contains(why, "2022-07-01"));
  CHECK(contains(why, "wales.lac.visit"));
}

TEST_CASE("A review asking for 4-weekly visits sets plan-standard obligations beside the statutory ones", "[engine][C7]") {
  // Placement Mon 6 Jun 2022; visits 9 Jun, 8 Jul, 10 Aug; review 20 Jun sets 4 weeks.
  // Statutory: 6 Jun + 7 = 13 Jun (met 9 Jun); 9 Jun + 42 = 21 Jul (met 8 Jul); 8 Jul + 42 = 19 Aug
  //   (met 10 Aug); 10 Aug + 42 = Wed 21 Sep, pending on Tue 20 Sep.
  // Plan (C7: governs occurrences whose previous occurrence is on or after 20 Jun, so from the
  //   8 Jul visit): 8 Jul + 28 = Fri 5 Aug, visited Wed 10 Aug: 5 days late; working days in
  //   (5 Aug, 10 Aug] = 8, 9, 10 Aug = 3. 10 Aug + 28 = Wed 7 Sep, not done by Tue 20 Sep: 13 days
  //   overdue; working days in (7 Sep, 20 Sep]: 8, 9 (2), 12-16 (7), Mon 19 Sep is the bank holiday
  //   for the State Funeral of Queen Elizabeth II, 20 (8) = 8.
  const EventTable table = table_of({
      ev("looked_after_start", "2022-06-06"),
      ev("placement_start", "2022-06-06"),
      ev("lac_visit", "2022-06-09"),
      ev("lac_review", "2022-06-20", {{Attribute::visit_interval, "4 weeks"}}),
      ev("lac_visit", "2022-07-08"),
      ev("lac_visit", "2022-08-10"),
  });
  const Evaluation evaluation = run(table, "2022-09-20");
  check_chain(chain(evaluation, table, "wales.lac.visit"), {{1, "2022-06-06", "2022-06-13", "2022-06-09", "met"},
                                                           {2, "2022-06-09", "2022-07-21", "2022-07-08", "met"},
                                                           {3, "2022-07-08", "2022-08-19", "2022-08-10", "met"},
                                                           {4, "2022-08-10", "2022-09-21", "", "pending"}});
  const auto plan = chain(evaluation, table, "wales.lac.visit", Standard::plan);
  check_chain(plan, {{3, "2022-07-08", "2022-08-05", "2022-08-10", "late", 5, 3},
                     {4, "2022-08-10", "2022-09-07", "", "overdue", 13, 8}});
  CHECK(plan.front().period == Period{4, PeriodUnit::weeks});
  CHECK(evaluation.findings.empty());
  const std::string why = explain(plan.front(), table, evaluation.as_of);
  CHECK(contains(why, "plan standard"));
  CHECK(contains(why, "4 weeks"));
}

TEST_CASE("A placement ending and the next starting on the same day", "[engine][C8][C9]") {
  // First placement Tue 1 Mar 2022: visit due 8 Mar, made 3 Mar; next due 3 Mar + 42 = 14 Apr. The
  // placement changes on Fri 8 Apr, before that deadline: cancelled (C9).
  // Second placement Fri 8 Apr: its duty opened by the start survives the same-day end of the first
  // (C8). First visit within a week: Fri 15 Apr (Good Friday; C3 does not move it), made 14 Apr.
  // Then 14 Apr + 42 = Thu 26 May; as of Tue 31 May overdue by 5 days; working days in (26 May,
  // 31 May]: 27, 30, 31 = 3 (the 2022 spring bank holiday was moved to 2 June).
  // Placement plans, 5 working days: Tue 1 Mar -> 2, 3, 4, 7, Tue 8 Mar (made 1 Mar). Fri 8 Apr ->
  // 11, 12, 13, 14 (4), Good Friday and Easter Monday skipped, Tue 19 Apr (5); never made: overdue
  // on 31 May by 42 days (19 Apr to 19 May 30, to 31 May 42); working days in (19 Apr, 31 May]:
  // 20-22 Apr (3), 25-29 (8), Mon 2 May bank holiday, 3-6 (12), 9-13 (17), 16-20 (22), 23-27 (27),
  // 30, 31 (29) = 29.
  // The rows are given in an unhelpful order: the engine sorts them (C8).
  const EventTable table = table_of({
      ev("lac_visit", "2022-04-14"),
      ev("placement_start", "2022-04-08"),
      ev("placement_end", "2022-04-08"),
      ev("lac_visit", "2022-03-03"),
      ev("placement_plan", "2022-03-01"),
      ev("placement_start", "2022-03-01"),
      ev("looked_after_start", "2022-03-01"),
  });
  const Evaluation evaluation = run(table, "2022-05-31");
  const auto visits = chain(evaluation, table, "wales.lac.visit");
  check_chain(visits, {{1, "2022-03-01", "2022-03-08", "2022-03-03", "met"},
                       {2, "2022-03-03", "2022-04-14", "", "cancelled"},
                       {1, "2022-04-08", "2022-04-15", "2022-04-14", "met"},
                       {2, "2022-04-14", "2022-05-26", "", "overdue", 5, 3}});
  REQUIRE(visits[1].stopped_on.has_value());
  CHECK(*visits[1].stopped_on == date_of("2022-04-08"));
  check_chain(chain(evaluation, table, "wales.lac.placement_plan"),
              {{1, "2022-03-01", "2022-03-08", "2022-03-01", "met"}, {1, "2022-04-08", "2022-04-19", "", "overdue", 42, 29}});
}

TEST_CASE("Deregistration at a review conference: no further review", "[engine][C8]") {
  // Registered Mon 7 Mar 2022; 3 months = 7 Jun; the review conference of Mon 6 Jun meets it and
  // deregisters the child that same day: the next review it would open never exists (C8).
  // Visits on the day (alone and at home) complete the open visit duties; the next occurrences
  // they would open are ended by the same-day stop, so they never exist either.
  // seen_alone: 18 Mar (alone) met the first (7 Mar + 10 working days = 21 Mar); 18 Mar + 10
  //   working days = 1 Apr; next alone visit 6 Jun: late by 66 days (1 Apr to 1 Jun 61, to 6 Jun
  //   66). Working days in (1 Apr, 6 Jun]: 4-8 Apr (5), 11-14 (9), 19-22 (13), 25-29 (18), 3-6 May
  //   (22), 9-13 (27), 16-20 (32), 23-27 (37), 30, 31, 1 Jun (40), 2 and 3 Jun are bank holidays,
  //   Mon 6 Jun (41) = 41.
  const EventTable table = table_of({
      ev("cp_registered", "2022-03-07"),
      ev("cp_visit", "2022-03-18", {{Attribute::seen_alone, "yes"}, {Attribute::at_home, "yes"}}),
      ev("cp_deregistered", "2022-06-06"),
      ev("cp_visit", "2022-06-06", {{Attribute::seen_alone, "yes"}, {Attribute::at_home, "yes"}}),
      ev("cp_review_conference", "2022-06-06"),
  });
  const Evaluation evaluation = run(table, "2022-12-31");
  check_chain(chain(evaluation, table, "wales.cp.review_conference"), {{1, "2022-03-07", "2022-06-07", "2022-06-06", "met"}});
  check_chain(chain(evaluation, table, "wales.cp.visit.seen_alone"),
              {{1, "2022-03-07", "2022-03-21", "2022-03-18", "met"}, {2, "2022-03-18", "2022-04-01", "2022-06-06", "late", 66, 41}});
  for (const Obligation& ob : evaluation.obligations) {
    INFO(ob.rule->id << " occurrence " << ob.occurrence);
    CHECK(ob.trigger_date < date_of("2022-06-06"));  // nothing opened on the day survives it
    CHECK(ob.status != Status::pending);
    CHECK(ob.status != Status::overdue);
  }
}

TEST_CASE("A core group at the conference that deregisters opens no further core group", "[engine][C8]") {
  // Registered Mon 7 Mar 2022. First core group within 10 working days: 8-11 Mar (4), 14-18 (9),
  // Mon 21 Mar (10); held 17 Mar, met. It opens the later core groups: 17 Mar + 42 = 28 Apr, held
  // 28 Apr (met); 28 Apr + 42 = 9 Jun. A core group and the deregistration on Mon 6 Jun: the core
  // group meets the open occurrence (met); the next one it opens never exists (C8, the same as a
  // review conference that deregisters: "opens no further review").
  const EventTable table = table_of({
      ev("cp_registered", "2022-03-07"),
      ev("core_group", "2022-03-17"),
      ev("core_group", "2022-04-28"),
      ev("core_group", "2022-06-06"),
      ev("cp_deregistered", "2022-06-06"),
  });
  const Evaluation evaluation = run(table, "2022-12-31");
  check_chain(chain(evaluation, table, "wales.cp.core_group.first"), {{1, "2022-03-07", "2022-03-21", "2022-03-17", "met"}});
  check_chain(chain(evaluation, table, "wales.cp.core_group"), {{1, "2022-03-17", "2022-04-28", "2022-04-28", "met"},
                                                               {2, "2022-04-28", "2022-06-09", "2022-06-06", "met"}});
}

TEST_CASE("A core group on the day of deregistration, with no chain open yet, opens none", "[engine][C8]") {
  // Registered Mon 7 Mar 2022; the first core group is held on Fri 18 Mar, the day the child is
  // deregistered. It meets the first-core-group duty (due Mon 21 Mar). It would open the chain of
  // later core groups, but that next occurrence is opened by a same-day completion and the stop
  // ends it: it never exists (C8), exactly like the review a deregistering conference would open.
  const EventTable table = table_of({
      ev("cp_registered", "2022-03-07"),
      ev("core_group", "2022-03-18"),
      ev("cp_deregistered", "2022-03-18"),
  });
  const Evaluation evaluation = run(table, "2022-12-31");
  check_chain(chain(evaluation, table, "wales.cp.core_group.first"), {{1, "2022-03-07", "2022-03-21", "2022-03-18", "met"}});
  CHECK(chain(evaluation, table, "wales.cp.core_group").empty());
}

TEST_CASE("A case closed on the day of the referral leaves no duty open", "[engine][C8][C9]") {
  // No further action: referral, decision and closure all on Tue 4 May 2021. C8 orders the
  // referral (a start) first and the closure (a stop) last; "case_closed ends every duty" and
  // docs/formats.md: "every open duty stops". The Part 3 assessment (due 42 working days later) is
  // stopped on its trigger day, on or before its deadline: cancelled (C9), never overdue. The same
  // as when the case closes the next day.
  const std::string_view closed = GENERATE(as<std::string_view>{}, "2021-05-04", "2021-05-05");
  const EventTable table = table_of({
      ev("referral", "2021-05-04"),
      ev("referral_decision", "2021-05-04"),
      ev("case_closed", closed),
  });
  const Evaluation evaluation = run(table, "2021-09-01");
  INFO("closed " << closed);
  // Tue 4 May + 42 working days: 5-7 May (3), 10-14 (8), 17-21 (13), 24-28 (18), 31 May bank
  // holiday, 1-4 Jun (22), 7-11 (27), 14-18 (32), 21-25 (37), 28 Jun-2 Jul (42): Fri 2 Jul.
  const auto part3 = chain(evaluation, table, "wales.assessment.part3");
  check_chain(part3, {{1, "2021-05-04", "2021-07-02", "", "cancelled"}});
  CHECK(part3.front().stopped_by == EventType::case_closed);
  check_chain(chain(evaluation, table, "wales.assessment.referral_decision"),
              {{1, "2021-05-04", "2021-05-05", "2021-05-04", "met"}});
  for (const Obligation& ob : evaluation.obligations) CHECK(settled(ob.status));
}

TEST_CASE("Short breaks: a placement ending on the day of a visit, before any interval was agreed", "[engine][C8]") {
  // A short-breaks placement has no visit interval until a review records one (reg 62(3)(c)).
  // The placement starts Mon 1 Mar 2021 and ends Fri 5 Mar; a visit is made on 4 or 5 Mar; a
  // review on 10 Mar (after the placement ended) records 3 months. The visit duty ended with the
  // placement (C8: the duty was open before the stop's date): no visit obligation either way,
  // whether or not the visit fell on the last day.
  const std::string_view visit = GENERATE(as<std::string_view>{}, "2021-03-04", "2021-03-05");
  const EventTable table = table_of({
      ev("looked_after_start", "2021-03-01"),
      ev("placement_start", "2021-03-01", {{Attribute::placement_type, "short_breaks"}}),
      ev("lac_visit", visit),
      ev("placement_end", "2021-03-05"),
      ev("lac_review", "2021-03-10", {{Attribute::visit_interval, "3 months"}}),
  });
  INFO("visit on " << visit);
  const Evaluation evaluation = run(table, "2021-07-01");
  CHECK(chain(evaluation, table, "wales.lac.visit").empty());
  CHECK(chain(evaluation, table, "wales.lac.visit", Standard::plan).empty());
}

TEST_CASE("Case closure mid-chain: open duties missed or cancelled, nothing after", "[engine][C8][C9]") {
  // Looked after from Tue 1 Mar 2022, placed that day; case closed Tue 10 May 2022.
  // Visits: due 8 Mar (made 4 Mar); 4 Mar + 42 = Fri 15 Apr (Good Friday), made Wed 20 Apr: 5 days
  //   late; working days in (15 Apr, 20 Apr]: Easter Monday 18 Apr skipped, 19, 20 = 2. Next:
  //   20 Apr + 42 = 1 Jun, after the closure: cancelled.
  // Review: 20 working days from Tue 1 Mar: 2-4 Mar (3), 7-11 (8), 14-18 (13), 21-25 (18), 28, 29
  //   (20): due Tue 29 Mar, never held; stopped 10 May, after the deadline: missed by 42 days
  //   (29 Mar to 29 Apr 31, to 10 May 42). Working days in (29 Mar, 10 May]: 30 Mar-1 Apr (3),
  //   4-8 (8), 11-14 (12), 19-22 (16), 25-29 (21), 3-6 May (25; 2 May bank holiday), 9, 10 (27).
  // Care and support plan: 10 working days, 2-4 Mar (3), 7-11 (8), 14, 15 (10): due 15 Mar, made
  //   10 Mar. Placement plan: made on the day of the placement, due 8 Mar.
  // Events after the closure (a visit, a review) complete nothing and open nothing.
  const EventTable table = table_of({
      ev("looked_after_start", "2022-03-01"),
      ev("placement_start", "2022-03-01"),
      ev("placement_plan", "2022-03-01"),
      ev("lac_visit", "2022-03-04"),
      ev("care_and_support_plan", "2022-03-10"),
      ev("lac_visit", "2022-04-20"),
      ev("case_closed", "2022-05-10"),
      ev("lac_visit", "2022-05-20"),
      ev("lac_review", "2022-05-25"),
  });
  const Evaluation evaluation = run(table, "2022-06-30");
  check_chain(chain(evaluation, table, "wales.lac.visit"), {{1, "2022-03-01", "2022-03-08", "2022-03-04", "met"},
                                                           {2, "2022-03-04", "2022-04-15", "2022-04-20", "late", 5, 2},
                                                           {3, "2022-04-20", "2022-06-01", "", "cancelled"}});
  check_chain(chain(evaluation, table, "wales.lac.review"), {{1, "2022-03-01", "2022-03-29", "", "missed", 42, 27}});
  check_chain(chain(evaluation, table, "wales.lac.care_plan"), {{1, "2022-03-01", "2022-03-15", "2022-03-10", "met"}});
  check_chain(chain(evaluation, table, "wales.lac.placement_plan"), {{1, "2022-03-01", "2022-03-08", "2022-03-01", "met"}});
  const Date closed = date_of("2022-05-10");
  for (const Obligation& ob : evaluation.obligations) {
    INFO(ob.rule->id << " occurrence " << ob.occurrence);
    CHECK(ob.trigger_date <= closed);
    if (ob.completed_date) CHECK(*ob.completed_date <= closed);
    CHECK(settled(ob.status));
    if (ob.status == Status::missed || ob.status == Status::cancelled) {
      CHECK(ob.stopped_by == EventType::case_closed);
      CHECK(ob.stopped_on == closed);
    }
  }
}

TEST_CASE("as_of decides pending, overdue and which events are used", "[engine][C9]") {
  // s47 enquiries begin Tue 1 Nov 2022; 42 working days: 2-4 Nov (3), 7-11 (8), 14-18 (13), 21-25
  // (18), 28 Nov-2 Dec (23), 5-9 (28), 12-16 (33), 19-23 (38), Mon 26 and Tue 27 Dec are bank
  // holidays, 28, 29, 30 (41), Mon 2 Jan 2023 is the New Year's Day substitute, Tue 3 Jan (42).
  std::vector<Row> rows = {ev("s47_started", "2022-11-01")};
  const auto only = [](const Evaluation& e, const EventTable& t) { return chain(e, t, "wales.cp.s47_assessment"); };

  SECTION("before the deadline: pending") {
    const EventTable table = table_of(rows);
    check_chain(only(run(table, "2022-12-30"), table), {{1, "2022-11-01", "2023-01-03", "", "pending"}});
  }
  SECTION("on the deadline day: still pending") {
    const EventTable table = table_of(rows);
    check_chain(only(run(table, "2023-01-03"), table), {{1, "2022-11-01", "2023-01-03", "", "pending"}});
  }
  SECTION("after it: overdue, counted to as_of") {
    // (3 Jan, 10 Jan]: 7 days; working days 4, 5, 6, 9, 10 Jan = 5.
    const EventTable table = table_of(rows);
    check_chain(only(run(table, "2023-01-10"), table), {{1, "2022-11-01", "2023-01-03", "", "overdue", 7, 5}});
  }
  SECTION("completed after the deadline, as_of by default the latest event: late") {
    // Done Thu 5 Jan: 2 days, 2 working days (4, 5 Jan) late.
    rows.push_back(ev("assessment_completed", "2023-01-05"));
    const EventTable table = table_of(rows);
    const Evaluation evaluation = run(table);
    CHECK(evaluation.as_of == date_of("2023-01-05"));
    CHECK(evaluation.events_used == 2);
    CHECK(evaluation.events_after_as_of == 0);
    check_chain(only(evaluation, table), {{1, "2022-11-01", "2023-01-03", "2023-01-05", "late", 2, 2}});
  }
  SECTION("a completion after as_of is not used: overdue as of the day before it") {
    rows.push_back(ev("assessment_completed", "2023-01-05"));
    const EventTable table = table_of(rows);
    const Evaluation evaluation = run(table, "2023-01-04");
    CHECK(evaluation.events_used == 1);
    CHECK(evaluation.events_after_as_of == 1);
    check_chain(only(evaluation, table), {{1, "2022-11-01", "2023-01-03", "", "overdue", 1, 1}});
  }
  SECTION("events on as_of are used, later ones are not") {
    rows.push_back(ev("assessment_completed", "2022-12-15"));
    rows.push_back(ev("s47_started", "2023-02-01", {}, "C2"));
    const EventTable table = table_of(rows);
    const Evaluation evaluation = run(table, "2022-12-15");
    CHECK(evaluation.events_used == 2);
    CHECK(evaluation.events_after_as_of == 1);
    check_chain(only(evaluation, table), {{1, "2022-11-01", "2023-01-03", "2022-12-15", "met"}});
    CHECK(only(evaluation, table).size() == 1);
    CHECK(chain(evaluation, table, "wales.cp.s47_assessment", Standard::statutory, "C2").empty());
  }
}

TEST_CASE("The default as_of is the latest event date over all children", "[engine][C9]") {
  const EventTable table = table_of({
      ev("referral", "2021-05-07", {}, "A"),
      ev("referral", "2022-02-14", {}, "B"),
      ev("referral_decision", "2021-05-10", {}, "A"),
  });
  const Evaluation evaluation = run(table);
  CHECK(evaluation.as_of == date_of("2022-02-14"));
  CHECK(evaluation.events_used == 3);
  CHECK(evaluation.events_after_as_of == 0);
  // B's referral decision: Mon 14 Feb 2022 + 1 working day = Tue 15 Feb, pending on 14 Feb.
  check_chain(chain(evaluation, table, "wales.assessment.referral_decision", Standard::statutory, "B"),
              {{1, "2022-02-14", "2022-02-15", "", "pending"}});
  // A's: Fri 7 May 2021 + 1 working day = Mon 10 May, met.
  check_chain(chain(evaluation, table, "wales.assessment.referral_decision", Standard::statutory, "A"),
              {{1, "2021-05-07", "2021-05-10", "2021-05-10", "met"}});
}

TEST_CASE("Explaining the C2 conference: rule, citation, skipped holidays, completing event", "[engine][explain][C2]") {
  // C2's own example, judged by the 2008 procedures' version of the rule (C10): Fri 20 Dec 2019 +
  // 15 working days = Wed 15 Jan 2020 (25, 26 Dec and 1 Jan skipped); held Thu 16 Jan: 1 day,
  // 1 working day late.
  const EventTable table = table_of({ev("strategy_discussion", "2019-12-20"), ev("icpc", "2020-01-16")});
  const Evaluation evaluation = run(table, "2020-02-28");
  const auto icpc = chain(evaluation, table, "wales.cp.icpc");
  check_chain(icpc, {{1, "2019-12-20", "2020-01-15", "2020-01-16", "late", 1, 1}});
  const Obligation& ob = icpc.front();
  CHECK(ob.rule->effective_to == date_of("2020-04-01"));
  const std::string why = explain(ob, table, evaluation.as_of);
  INFO(why);
  CHECK(contains(why, "wales.cp.icpc"));
  CHECK(contains(why, ob.rule->source.instrument));
  CHECK(contains(why, ob.rule->source.provision));
  CHECK(contains(why, "All Wales Child Protection Procedures 2008"));
  CHECK(contains(why, "Christmas Day"));
  CHECK(contains(why, "Boxing Day"));
  CHECK(contains(why, "New Year's Day"));
  CHECK(contains(why, "2020-01-15"));
  CHECK(contains(why, "strategy_discussion on 2019-12-20"));
  CHECK(contains(why, "icpc on 2020-01-16"));
  CHECK(contains(why, "late"));
}

TEST_CASE("Explaining the 2021 conference names the substitute days skipped", "[engine][explain][C2]") {
  const EventTable table = table_of({ev("strategy_discussion", "2021-12-08"), ev("strategy_discussion", "2021-12-17"),
                                     ev("icpc", "2022-01-12")});
  const Evaluation evaluation = run(table);
  const auto icpc = chain(evaluation, table, "wales.cp.icpc");
  REQUIRE(icpc.size() == 1);
  const std::string why = explain(icpc.front(), table, evaluation.as_of);
  INFO(why);
  CHECK(contains(why, "Wales Safeguarding Procedures"));
  CHECK(contains(why, "Christmas Day (substitute day)"));
  CHECK(contains(why, "Boxing Day (substitute day)"));
  CHECK(contains(why, "New Year's Day (substitute day)"));
  CHECK(contains(why, "strategy_discussion on 2021-12-17"));
  CHECK(contains(why, "icpc on 2022-01-12"));
  CHECK(contains(why, "met"));
}

// ---------------------------------------------------------------------------------------------
// Part 2: properties over generated histories.

const std::vector<std::string> generated_carried = {"team", "worker", "note"};

// Plausible histories: referral and decision; then no further action, an assessment, a child
// protection journey, or being looked after (with placements, visits and reviews), and sometimes
// a closure. Some noise: duplicated rows (another worker), stray events, and rows that must be
// rejected. Attributes in every accepted spelling.
class Generator {
 public:
  explicit Generator(std::uint32_t seed) : rng_(seed) {}

  std::vector<Row> children(int count) {
    for (int n = 1; n <= count; ++n) child(n);
    return std::move(rows_);
  }
  [[nodiscard]] std::size_t bad_rows() const { return bad_rows_; }
  [[nodiscard]] std::size_t copies() const { return copies_; }

 private:
  int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool chance(int percent) { return uniform(0, 99) < percent; }
  template <class T>
  const T& pick(const std::vector<T>& v) { return v[static_cast<std::size_t>(uniform(0, static_cast<int>(v.size()) - 1))]; }

  std::string boolean(bool value) {
    static const std::vector<std::string> yes = {"true", "TRUE", "True", "yes", "Yes", "y", "Y", "1"};
    static const std::vector<std::string> no = {"false", "FALSE", "no", "No", "n", "N", "0"};
    return value ? pick(yes) : pick(no);
  }

  void add(std::string_view event, Date date, Attributes attributes = {}) {
    if (date > last_) return;
    Row r = ev(event, to_string(date), attributes, id_);
    r.carried = {team_, worker_, chance(3) ? pick(notes_) : std::string()};
    if (chance(2)) {  // the same event twice, recorded by another worker: a duplicate (C8), rejected
      Row copy = r;
      copy.carried[1] = "W" + std::to_string(uniform(100, 199));
      rows_.push_back(std::move(copy));
      ++copies_;
    }
    if (chance(1)) {  // a row the reader must reject
      Row bad = r;
      switch (uniform(0, 3)) {
        case 0: bad.event = "home_visit"; break;
        case 1: bad.date = to_string(date).substr(0, 5) + "02-30"; break;
        case 2: bad.case_id.clear(); break;
        default: bad.attributes[static_cast<std::size_t>(Attribute::at_home)] = "maybe"; break;
      }
      rows_.push_back(std::move(bad));
      ++bad_rows_;
    }
    rows_.push_back(std::move(r));
  }

  void child(int n) {
    std::string digits = std::to_string(n);
    id_ = "P" + std::string(4 - std::min<std::size_t>(4, digits.size()), '0') + digits;
    team_ = pick(teams_);
    worker_ = "W" + std::to_string(uniform(1, 42));
    const Date t = first_ + uniform(0, span_);
    add("referral", t);
    if (chance(92)) add("referral_decision", t + uniform(0, 3));
    Date end = t;
    const int journey = uniform(0, 99);
    if (journey < 30) {
      end = t + uniform(1, 20);
    } else if (journey < 60) {
      if (chance(80)) add("assessment_completed", t + uniform(5, 80));
      end = t + uniform(10, 90);
    } else if (journey < 85) {
      end = protection(t);
    } else {
      end = looked_after(t + uniform(0, 40));
    }
    if (chance(5)) {  // a stray event of any kind
      const EventInfo& e = event_infos[static_cast<std::size_t>(uniform(0, static_cast<int>(event_type_count) - 1))];
      add(e.name, t + uniform(0, std::max(1, end - t + 60)),
          {{Attribute::seen_alone, boolean(chance(50))}, {Attribute::at_home, boolean(chance(50))}});
    }
    if (chance(50)) add("case_closed", end + uniform(0, 30));
  }

  Date protection(Date t) {
    Date s = t + uniform(0, 10);
    add("strategy_discussion", s);
    add("s47_started", s);
    if (chance(40)) {
      s = s + uniform(0, 10);
      add("strategy_discussion", s);
    }
    if (chance(85)) add("assessment_completed", s + uniform(10, 70));
    if (chance(25)) return s + uniform(10, 60);
    const Date icpc = s + uniform(5, 28);
    add("icpc", icpc);
    if (chance(15)) return icpc;
    add("cp_registered", icpc);
    const Date dereg = icpc + uniform(10, 540);
    add("outline_plan_circulated", icpc + uniform(0, 9));
    for (Date d = icpc + uniform(2, 16); d <= dereg; d = d + uniform(14, 50)) add("core_group", d);
    for (Date d = icpc + uniform(70, 100); d <= dereg; d = d + uniform(140, 200)) add("cp_review_conference", d);
    for (Date d = icpc + uniform(1, 12); d <= dereg; d = d + uniform(2, 25)) {
      add("cp_visit", d, {{Attribute::seen_alone, boolean(chance(55))}, {Attribute::at_home, boolean(chance(55))}});
    }
    if (chance(85)) add("cp_deregistered", dereg);
    if (chance(20)) return looked_after(dereg);
    return dereg;
  }

  Date looked_after(Date s) {
    static const std::vector<std::string> types = {
        "standard", "standard", "standard", "standard", "standard", "parent_pre_assessment",
        "connected_person_temporary", "interim_care_order_with_parent", "care_order_with_parent", "short_breaks"};
    static const std::vector<std::string> intervals = {"4 weeks", "6 weeks", "3 months", "20 working days",
                                                       "1 month", "2 weeks", "6 months"};
    add("looked_after_start", s);
    if (chance(85)) add("care_and_support_plan", s + uniform(-5, 15));
    const Date end = s + uniform(20, 900);
    for (Date p = s; p < end;) {
      const std::string type = pick(types);
      const std::string intended = chance(30) ? boolean(chance(50)) : std::string();
      add("placement_start", p, {{Attribute::placement_type, type}, {Attribute::intended_until_18, intended}});
      if (chance(85)) add("placement_plan", p + uniform(-3, 9));
      const Date stop = std::min(end, p + uniform(5, 500));
      for (Date v = p + uniform(0, 9); v <= stop; v = v + (chance(80) ? uniform(5, 42) : uniform(43, 120))) {
        add("lac_visit", v);
      }
      if (stop < end || chance(50)) add("placement_end", stop);
      p = stop + (chance(60) ? 0 : uniform(1, 5));
    }
    for (Date r = s + uniform(10, 30); r <= end; r = r + uniform(60, 200)) {
      const std::string interval = chance(35) ? pick(intervals) : std::string();
      const std::string intended = chance(30) ? boolean(chance(60)) : std::string();
      add("lac_review", r, {{Attribute::visit_interval, interval}, {Attribute::intended_until_18, intended}});
    }
    if (chance(70)) add("looked_after_end", end);
    return end;
  }

  std::mt19937 rng_;
  std::vector<Row> rows_;
  std::size_t bad_rows_ = 0;
  std::size_t copies_ = 0;  // deliberate duplicates
  std::string id_, team_, worker_;
  const std::vector<std::string> teams_ = {"North", "South", "East", "West", "Valleys", "Coast"};
  const std::vector<std::string> notes_ = {"see file, page 2", "moved \"urgently\"", "two\nlines", "ok"};
  const Date first_ = date_of("2019-01-01");
  const int span_ = date_of("2023-12-31") - date_of("2019-01-01");
  const Date last_ = date_of("2024-12-31");
};

// An obligation with everything that does not depend on row numbers, for comparing evaluations of
// the same events given in different orders.
struct Flat {
  std::string case_id;
  std::string rule;
  Standard standard;
  std::uint32_t occurrence;
  EventType trigger_event;
  Date trigger_date;
  Date due_date;
  std::optional<Date> completed_date;
  std::optional<EventType> completed_event;
  Status status;
  std::int32_t days_late;
  std::int32_t working_days_late;
  std::vector<std::pair<std::string, std::string>> carried;  // by column name
  std::optional<EventType> stopped_by;
  std::optional<Date> stopped_on;
  Period period;
  bool capped_by_statute;
  friend bool operator==(const Flat&, const Flat&) = default;
};

std::string describe(const Flat& f) {
  std::ostringstream out;
  out << f.case_id << " " << f.rule << " " << name(f.standard) << " #" << f.occurrence << " " << name(f.trigger_event)
      << " " << to_string(f.trigger_date) << " due " << to_string(f.due_date) << " done "
      << (f.completed_date ? to_string(*f.completed_date) : "-") << " " << name(f.status) << " " << f.days_late << "/"
      << f.working_days_late << " period " << to_string(f.period);
  for (const auto& [column, value] : f.carried) out << " " << column << "=" << value;
  if (f.stopped_by) out << " stopped by " << name(*f.stopped_by) << " on " << to_string(*f.stopped_on);
  return out.str();
}

// C8: of a row and its exact duplicates the first in the input is used, so which copy's carried
// columns an obligation shows depends on the order of the rows. Such obligations show none here.
std::vector<Flat> flatten(const Evaluation& evaluation, const EventTable& table) {
  std::set<std::size_t> has_copies;  // lines of rows used whose later copies were rejected
  for (const Rejection& r : table.rejected()) {
    if (r.reason.starts_with("duplicate of line ")) has_copies.insert(std::stoul(r.reason.substr(18)));
  }
  std::vector<Flat> out;
  for (const Obligation& ob : evaluation.obligations) {
    Flat f{table.case_id(ob.case_index), ob.rule->id, ob.standard, ob.occurrence, ob.trigger_event, ob.trigger_date,
           ob.due_date, ob.completed_date, std::nullopt, ob.status, ob.days_late, ob.working_days_late, {},
           ob.stopped_by, ob.stopped_on, ob.period, ob.capped_by_statute};
    if (ob.completed_row) f.completed_event = table.events()[*ob.completed_row].type;
    const bool copied = has_copies.contains(table.line(ob.trigger_row));
    for (std::size_t c = 0; c < table.carried_columns().size(); ++c) {
      f.carried.emplace_back(table.carried_columns()[c], copied ? "(a copy's)" : std::string(table.carried(c, ob.trigger_row)));
    }
    std::ranges::sort(f.carried);
    out.push_back(std::move(f));
  }
  return out;
}

using FlatFinding = std::tuple<std::string, std::string, Date, std::int32_t, int, std::int32_t, int>;

std::vector<FlatFinding> flatten_findings(const Evaluation& evaluation, const EventTable& table) {
  std::vector<FlatFinding> out;
  for (const Finding& f : evaluation.findings) {
    out.emplace_back(table.case_id(f.case_index), f.rule->id, f.date, f.asked.count, static_cast<int>(f.asked.unit),
                     f.limit.count, static_cast<int>(f.limit.unit));
  }
  return out;
}

void check_same(const Evaluation& a, const EventTable& ta, const Evaluation& b, const EventTable& tb) {
  CHECK(a.as_of == b.as_of);
  CHECK(a.events_used == b.events_used);
  CHECK(a.events_after_as_of == b.events_after_as_of);
  const auto fa = flatten(a, ta);
  const auto fb = flatten(b, tb);
  REQUIRE(fa.size() == fb.size());
  for (std::size_t i = 0; i < fa.size(); ++i) {
    if (!(fa[i] == fb[i])) {
      FAIL_CHECK("obligation " << i << " differs:\n  " << describe(fa[i]) << "\n  " << describe(fb[i]));
      break;
    }
  }
  CHECK(flatten_findings(a, ta) == flatten_findings(b, tb));
}

// The generated rows as a CSV file, columns in the given order.
std::string to_csv(const std::vector<Row>& rows, const std::vector<std::string>& columns) {
  const auto field = [](std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
    std::string out = "\"";
    for (const char c : text) {
      if (c == '"') out += '"';
      out += c;
    }
    return out + "\"";
  };
  const auto value = [&](const Row& r, const std::string& column) -> std::string_view {
    if (column == "case_id") return r.case_id;
    if (column == "event") return r.event;
    if (column == "date") return r.date;
    if (const auto a = attribute_named(column)) return r.attributes[static_cast<std::size_t>(*a)];
    for (std::size_t c = 0; c < generated_carried.size(); ++c) {
      if (generated_carried[c] == column) return r.carried[c];
    }
    return {};
  };
  std::string out;
  for (std::size_t i = 0; i < columns.size(); ++i) out += (i ? "," : "") + field(columns[i]);
  out += "\r\n";
  for (const Row& r : rows) {
    for (std::size_t i = 0; i < columns.size(); ++i) out += (i ? "," : "") + field(value(r, columns[i]));
    out += "\r\n";
  }
  return out;
}

struct Generated {
  std::vector<Row> rows;
  std::size_t bad_rows = 0;
  std::size_t copies = 0;
};

const Generated& generated() {
  static const Generated g = [] {
    Generator gen(20240607U);
    Generated out;
    out.rows = gen.children(400);
    out.bad_rows = gen.bad_rows();
    out.copies = gen.copies();
    return out;
  }();
  return g;
}

TEST_CASE("Properties: the generated histories are substantial", "[engine][property]") {
  const EventTable table = table_of(generated().rows, generated_carried);
  CHECK(table.case_ids().size() >= 395);  // a few children may have only rejected rows
  CHECK(table.events().size() > 5000);
  const Evaluation evaluation = run(table);
  // Every status occurs somewhere, and the plan standard and findings too.
  std::array<std::size_t, 6> by_status{};
  std::size_t plan = 0;
  for (const Obligation& ob : evaluation.obligations) {
    ++by_status[static_cast<std::size_t>(ob.status)];
    plan += ob.standard == Standard::plan ? 1 : 0;
  }
  for (std::size_t s = 0; s < by_status.size(); ++s) {
    INFO(name(static_cast<Status>(s)));
    CHECK(by_status[s] > 0);
  }
  CHECK(plan > 0);
  CHECK_FALSE(evaluation.findings.empty());
}

TEST_CASE("Properties: shuffling the input rows does not change the output", "[engine][property][C8]") {
  const auto& rows = generated().rows;
  const EventTable table = table_of(rows, generated_carried);
  const Evaluation reference = run(table);
  std::mt19937 rng(7U);
  SECTION("rows shuffled") {
    std::vector<Row> shuffled = rows;
    std::ranges::shuffle(shuffled, rng);
    const EventTable other = table_of(shuffled, generated_carried);
    check_same(reference, table, run(other), other);
  }
  // The engine reads rows in place when each child's rows are together and children come in id
  // order, sorting only a child whose own rows are out of order; any other input is first grouped by child.
  // These sections take each way.
  SECTION("each child's rows together, children in id order, each child's rows shuffled") {
    std::vector<Row> grouped = rows;
    std::ranges::stable_sort(grouped, {}, &Row::case_id);
    for (auto first = grouped.begin(); first != grouped.end();) {
      const auto last = std::find_if(first, grouped.end(), [&](const Row& r) { return r.case_id != first->case_id; });
      std::shuffle(first, last, rng);
      first = last;
    }
    const EventTable other = table_of(grouped, generated_carried);
    check_same(reference, table, run(other), other);
    check_same(run(table, "2022-07-01"), table, run(other, "2022-07-01"), other);
  }
  SECTION("each child's rows together and in the engine's order, with an explicit as_of") {
    std::vector<Row> sorted = rows;
    std::ranges::stable_sort(sorted, [](const Row& a, const Row& b) {
      const auto rank = [](const Row& r) {
        const auto type = event_type_named(r.event);
        return type ? static_cast<int>(same_day_order(*type)) * 100 + static_cast<int>(*type) : -1;
      };
      return std::tuple(a.case_id, a.date, rank(a)) < std::tuple(b.case_id, b.date, rank(b));
    });
    const EventTable other = table_of(sorted, generated_carried);
    check_same(reference, table, run(other), other);
    check_same(run(table, "2022-07-01"), table, run(other, "2022-07-01"), other);
  }
  SECTION("children interleaved row by row, each first seen in id order") {
    // Each child's first usable row, in id order; then each child's second; and so on; the rows
    // the table rejects at the end. The children are numbered in id order, as when their rows are
    // together, but their rows are not together.
    std::vector<Row> sorted = rows;
    std::ranges::stable_sort(sorted, {}, &Row::case_id);
    std::vector<bool> rejected(sorted.size());
    const EventTable sorted_table = table_of(sorted, generated_carried);
    for (const Rejection& r : sorted_table.rejected()) rejected[r.line - 2] = true;
    std::map<std::string, int> seen;
    std::vector<std::pair<int, std::size_t>> order;  // (the row's place in its child, index)
    for (std::size_t i = 0; i < sorted.size(); ++i) {
      order.emplace_back(rejected[i] ? std::numeric_limits<int>::max() : seen[sorted[i].case_id]++, i);
    }
    std::ranges::stable_sort(order, {}, &std::pair<int, std::size_t>::first);
    std::vector<Row> interleaved;
    for (const auto& [place, i] : order) interleaved.push_back(sorted[i]);
    const EventTable other = table_of(interleaved, generated_carried);
    REQUIRE_FALSE(other.cases_together());
    check_same(reference, table, run(other), other);
  }
  SECTION("rows reversed, with an explicit as_of") {
    std::vector<Row> reversed(rows.rbegin(), rows.rend());
    const EventTable other = table_of(reversed, generated_carried);
    check_same(run(table, "2022-07-01"), table, run(other, "2022-07-01"), other);
  }
  SECTION("through CSV, rows shuffled and columns in another order") {
    std::vector<Row> shuffled = rows;
    std::ranges::shuffle(shuffled, rng);
    const std::vector<std::string> columns = {"note", "date", "at_home", "worker", "event", "visit_interval",
                                              "seen_alone", "case_id", "intended_until_18", "team", "placement_type"};
    const auto read = read_events_csv(to_csv(shuffled, columns), "generated.csv", table.valid_dates());
    REQUIRE(read.has_value());
    CHECK(read->rows_read() == table.rows_read());
    CHECK(read->rejected().size() == table.rejected().size());
    check_same(reference, table, run(*read), *read);
  }
}

TEST_CASE("Properties: rows in = used + rejected", "[engine][property]") {
  const auto& g = generated();
  const EventTable table = table_of(g.rows, generated_carried);
  CHECK(table.rows_read() == g.rows.size());
  CHECK(table.rows_read() == table.events().size() + table.rejected().size());
  // The malformed rows, and the duplicates (C8): every deliberate copy, and any event the
  // histories happen to record twice; each names an earlier row of the same child, event and date.
  std::size_t duplicates = 0;
  for (const Rejection& r : table.rejected()) {
    if (!r.reason.starts_with("duplicate of line ")) continue;
    ++duplicates;
    const Row& copy = g.rows[r.line - 2];
    const Row& first = g.rows[std::stoul(r.reason.substr(18)) - 2];
    CHECK(r.line > std::stoul(r.reason.substr(18)));
    CHECK(std::tie(copy.case_id, copy.event, copy.date) == std::tie(first.case_id, first.event, first.date));
  }
  CHECK(table.rejected().size() - duplicates == g.bad_rows);
  CHECK(duplicates >= g.copies);
  CHECK(duplicates <= g.copies + 10);
  for (const char* as_of : {"2020-06-30", "2022-01-01", "2030-01-01"}) {
    const Evaluation evaluation = run(table, as_of);
    INFO("as_of " << as_of);
    CHECK(evaluation.events_used + evaluation.events_after_as_of == table.events().size());
  }
}

// late => completed > due and days_late = completed - due; met => completed <= due and 0 days
// late; and the like for every status (C9), with working days late counted in the rule's calendar.
void check_statuses(const EventTable& table) {
  for (const char* as_of : {"2020-12-31", "2022-06-30"}) {
    const Evaluation evaluation = run(table, as_of);
    const Date day = evaluation.as_of;
    std::size_t failures = 0;
    for (const Obligation& ob : evaluation.obligations) {
      bool ok = true;
      // The working days in (due, end], where end is when lateness stopped counting (C9).
      std::optional<Date> end;
      if (ob.status == Status::late) end = ob.completed_date;
      if (ob.status == Status::overdue) end = day;
      if (ob.status == Status::missed) end = ob.stopped_on;
      const std::int32_t wd = end ? ob.rule->calendar->working_days_between(ob.due_date, *end).value_or(-1) : 0;
      ok = ok && ob.trigger_date <= day && ob.due_date >= ob.trigger_date;
      switch (ob.status) {
        case Status::met:
          ok = ok && ob.completed_date && *ob.completed_date <= ob.due_date && *ob.completed_date <= day &&
               ob.days_late == 0 && ob.working_days_late == 0;
          break;
        case Status::late:
          ok = ok && ob.completed_date && *ob.completed_date > ob.due_date && *ob.completed_date <= day &&
               ob.days_late == *ob.completed_date - ob.due_date;
          break;
        case Status::missed:
          ok = ok && !ob.completed_date && ob.stopped_on && *ob.stopped_on > ob.due_date && *ob.stopped_on <= day &&
               ob.days_late == *ob.stopped_on - ob.due_date;
          break;
        case Status::cancelled:
          ok = ok && !ob.completed_date && ob.stopped_on && *ob.stopped_on <= ob.due_date && *ob.stopped_on <= day &&
               ob.days_late == 0;
          break;
        case Status::overdue:
          ok = ok && !ob.completed_date && !ob.stopped_on && day > ob.due_date && ob.days_late == day - ob.due_date;
          break;
        case Status::pending:
          ok = ok && !ob.completed_date && !ob.stopped_on && day <= ob.due_date && ob.days_late == 0;
          break;
      }
      ok = ok && ob.working_days_late == wd && ob.working_days_late <= ob.days_late;
      if (!ok && ++failures <= 5) {
        FAIL_CHECK("as of " << as_of << ": inconsistent " << describe(flatten({day, {ob}, {}, 0, 0, {}, {}}, table).front()));
      }
    }
    CHECK(failures == 0);
  }
}

// Obligations matched by case, rule, standard, trigger date and occurrence.
void check_settled_stay(const EventTable& table) {
  using Key = std::tuple<std::string, std::string, Standard, Date, std::uint32_t>;
  const auto key = [&](const Obligation& ob) {
    return Key{table.case_id(ob.case_index), ob.rule->id, ob.standard, ob.trigger_date, ob.occurrence};
  };
  const std::vector<std::string_view> days = {"2019-06-30", "2020-04-01", "2020-12-31", "2021-09-30",
                                              "2022-06-30", "2023-03-31", "2024-01-31", "2026-01-01"};
  std::vector<Evaluation> evaluations;
  for (const std::string_view d : days) evaluations.push_back(run(table, d));
  for (std::size_t i = 0; i + 1 < evaluations.size(); ++i) {
    // Later evaluations, by key: the statuses (with due and completion dates) found there.
    std::map<Key, std::vector<std::tuple<Status, Date, std::optional<Date>>>> later;
    for (const Obligation& ob : evaluations[i + 1].obligations) {
      later[key(ob)].emplace_back(ob.status, ob.due_date, ob.completed_date);
    }
    std::size_t settled_count = 0, failures = 0;
    for (const Obligation& ob : evaluations[i].obligations) {
      if (!settled(ob.status)) continue;
      ++settled_count;
      auto& candidates = later[key(ob)];
      const auto match = std::ranges::find(candidates, std::tuple{ob.status, ob.due_date, std::optional<Date>(ob.completed_date)});
      if (match == candidates.end()) {
        if (++failures <= 5) {
          FAIL_CHECK("settled as of " << days[i] << " but not as of " << days[i + 1] << ": "
                                      << describe(flatten({evaluations[i].as_of, {ob}, {}, 0, 0, {}, {}}, table).front()));
        }
      } else {
        candidates.erase(match);  // each later obligation matches one earlier one
      }
    }
    INFO("from " << days[i] << " to " << days[i + 1]);
    CHECK(failures == 0);
    if (i >= 2) CHECK(settled_count > 0);
  }
}

TEST_CASE("Properties: statuses agree with their dates", "[engine][property][C9]") {
  check_statuses(table_of(generated().rows, generated_carried));
}

TEST_CASE("Properties: a later as_of never unsettles a settled status", "[engine][property][C9]") {
  check_settled_stay(table_of(generated().rows, generated_carried));
}

// The same properties over the events `timescales generate` writes, when the tool has it.
std::optional<std::string> cli_generated(int children, int seed) {
  if (std::string(TIMESCALES_CLI).empty()) return std::nullopt;
  const testing::TempDir dir;
  const std::string path = dir.file("generated.csv");
  const testing::Run r = testing::run_redirected("generate --children " + std::to_string(children) + " --seed " +
                                                     std::to_string(seed) + " --out " + testing::shell_quoted(path),
                                                 ">/dev/null 2>&1");
  if (r.exit_code != 0) return std::nullopt;
  return testing::slurp(path);
}

TEST_CASE("Properties hold over the events `timescales generate` writes", "[engine][property]") {
  const auto text = cli_generated(300, 11);
  if (!text) {
    WARN("not checked: no `timescales generate` in the tool");
    return;
  }
  const DateRange range{days_from_civil({1990, 1, 1}), days_from_civil({2060, 12, 31})};
  const auto table = read_events_csv(*text, "generated.csv", range);
  REQUIRE(table.has_value());
  CHECK(table->case_ids().size() == 300);
  CHECK(table->rows_read() == table->events().size() + table->rejected().size());
  check_statuses(*table);
  check_settled_stay(*table);
  // Rows shuffled (the generated file has one record per line).
  REQUIRE(text->find('"') == std::string::npos);
  std::vector<std::string> lines;
  std::istringstream in(*text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  REQUIRE(lines.size() > 1);
  std::mt19937 rng(3U);
  std::shuffle(lines.begin() + 1, lines.end(), rng);
  std::string shuffled;
  for (const std::string& line : lines) shuffled += line + "\n";
  const auto other = read_events_csv(shuffled, "shuffled.csv", range);
  REQUIRE(other.has_value());
  check_same(run(*table), *table, run(*other), *other);
}

}  // namespace
