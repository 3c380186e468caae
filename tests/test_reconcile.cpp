// Reconciling a council's report with the rules: reading the council's file (every malformed file a
// ReadError naming file and line), and reconcile() child by child against wales.lac.visit, with the
// expected dates and reasons worked out by hand from docs/conventions.md (C3-C7).
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "support.hpp"
#include "timescales/engine.hpp"
#include "timescales/event_csv.hpp"
#include "timescales/load.hpp"
#include "timescales/reconcile.hpp"
#include "timescales/theirs_csv.hpp"

namespace {

using namespace timescales;
using timescales::testing::contains;
using timescales::testing::date_of;
using timescales::testing::table_of;

const std::string theirs_file = "council/theirs.csv";

// The built-in calendar's range, 1990-01-01 to 2060-12-31 (C1).
DateRange valid_dates() { return builtin_rulebook().jurisdiction_calendar()->supported(); }

std::vector<TheirRow> read_ok(std::string_view text) {
  auto rows = read_theirs_csv(text, theirs_file, valid_dates());
  if (!rows) throw std::runtime_error("unexpected error: " + rows.error().message);
  return std::move(*rows);
}

std::string read_error(std::string_view text) {
  const auto rows = read_theirs_csv(text, theirs_file, valid_dates());
  if (rows) return "(no error: " + std::to_string(rows->size()) + " rows)";
  return rows.error().message;
}

// K7: looked after and placed (standard) on Mon 18 Mar 2019. Worked by hand:
//   visit 22 Mar 2019: first visit due 18 Mar + 1 week = 25 Mar (C3): met.
//   review 30 Sep 2019 records that the placement is intended to last until 18 (C7).
//   visit 13 Mar 2020: due 22 Mar 2019 + 6 weeks = 3 May 2019: late. 13 Mar 2020 is inside the
//     placement's first year, which ends at its anniversary 18 Mar 2020 (C4, C6): 6 weeks next.
//   visit 20 Apr 2020: due 13 Mar 2020 + 6 weeks = 24 Apr 2020: met. 20 Apr 2020 is after the
//     anniversary and the placement is intended to last until 18: 3 months next (reg 31(2)(c)(i)).
//   visit 16 Jul 2020: due 20 Apr 2020 + 3 months = 20 Jul 2020 (C4): met.
// A council judging every visit against six weeks from the previous one agrees on the first three
// (4 days, 357 days, 38 days) but calls 16 Jul late (87 days): the one disagreement.
// M2: placed Mon 6 Jan 2020, visits 10 Jan (due 13 Jan: met) and 14 Feb (due 10 Jan + 6 weeks =
// 21 Feb: met); absent from the council's report, so never compared.
constexpr std::string_view visit_events =
    "case_id,event,date,intended_until_18\n"
    "K7,looked_after_start,2019-03-18,\n"
    "K7,placement_start,2019-03-18,\n"
    "K7,lac_visit,2019-03-22,\n"
    "K7,lac_review,2019-09-30,true\n"
    "K7,lac_visit,2020-03-13,\n"
    "K7,lac_visit,2020-04-20,\n"
    "K7,lac_visit,2020-07-16,\n"
    "M2,looked_after_start,2020-01-06,\n"
    "M2,placement_start,2020-01-06,\n"
    "M2,lac_visit,2020-01-10,\n"
    "M2,lac_visit,2020-02-14,\n";

struct Fixture {
  EventTable events = table_of(visit_events);
  Evaluation evaluation = [this] {
    EvaluateOptions o;
    o.only_rules = {"wales.lac.visit"};
    return evaluate(events, builtin_rulebook(), o);
  }();
};

}  // namespace

// ---------------------------------------------------------------------------------------------
// read_theirs_csv

TEST_CASE("reconcile: reading the council's report", "[reconcile]") {
  SECTION("the usual layout") {
    const auto rows = read_ok("case_id,completed_date,on_time\nK7,2020-07-16,false\nM2,2020-01-10,yes\n");
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].line == 2);
    CHECK(rows[0].case_id == "K7");
    CHECK(rows[0].completed == date_of("2020-07-16"));
    CHECK_FALSE(rows[0].on_time);
    CHECK(rows[1].line == 3);
    CHECK(rows[1].case_id == "M2");
    CHECK(rows[1].on_time);
  }
  SECTION("any column order, other columns ignored, CRLF, a byte-order mark, quoting, blank lines") {
    const auto rows = read_ok(
        "\xEF\xBB\xBFon_time,team,completed_date,case_id\r\n"
        "1,\"North, east\",2020-04-20,K7\r\n"
        "\r\n"
        "N,South,2020-07-16,\"K7\"\r\n");
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].case_id == "K7");
    CHECK(rows[0].completed == date_of("2020-04-20"));
    CHECK(rows[0].on_time);
    CHECK(rows[1].line == 4);
    CHECK(rows[1].completed == date_of("2020-07-16"));
    CHECK_FALSE(rows[1].on_time);
  }
  SECTION("a wide export: the columns after the hundredth are found") {
    std::string header, row;
    for (int i = 0; i < 100; ++i) {
      header += "c" + std::to_string(i) + ",";
      row += "x,";
    }
    const auto rows = read_ok(header + "case_id,completed_date,on_time\n" + row + "K7,2020-07-16,true\n");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].case_id == "K7");
    CHECK(rows[0].completed == date_of("2020-07-16"));
    CHECK(rows[0].on_time);
  }
  SECTION("a header and no rows") {
    CHECK(read_ok("case_id,completed_date,on_time\n").empty());
  }
  SECTION("spaces and tabs around names and values are not part of them, as in the events") {
    const auto rows = read_ok("case_id , completed_date,\ton_time\n K7\t, 2020-07-16 ,  yes \n");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].case_id == "K7");
    CHECK(rows[0].completed == date_of("2020-07-16"));
    CHECK(rows[0].on_time);
  }
}

TEST_CASE("reconcile: a malformed council report is unusable, naming file and line", "[reconcile]") {
  SECTION("a missing column") {
    CHECK(read_error("case_id,completed_date\nK7,2020-07-16\n") ==
          "council/theirs.csv:1: the header must name case_id, completed_date and on_time");
  }
  SECTION("a bad date") {
    const std::string e = read_error("case_id,completed_date,on_time\nK7,2020-07-16,true\nK7,2020-02-30,true\n");
    CHECK(e.starts_with("council/theirs.csv:3: completed_date: "));
    CHECK(contains(e, "2020-02-30"));
    const std::string m = read_error("case_id,completed_date,on_time\nK7,16/07/2020,true\n");
    CHECK(m.starts_with("council/theirs.csv:2: completed_date: "));
    CHECK(contains(m, "16/07/2020"));
  }
  SECTION("a bad boolean") {
    CHECK(read_error("case_id,completed_date,on_time\nK7,2020-07-16,maybe\n") ==
          "council/theirs.csv:2: on_time: not a boolean: 'maybe'");
  }
  SECTION("the wrong number of fields") {
    CHECK(read_error("case_id,completed_date,on_time\nK7,2020-07-16,true\nK7,2020-07-17\n") ==
          "council/theirs.csv:3: expected 3 fields, found 2");
    CHECK(read_error("case_id,completed_date,on_time\nK7,2020-07-16,true,extra\n") ==
          "council/theirs.csv:2: expected 3 fields, found 4");
  }
  SECTION("a column named twice: which one is meant is not guessed") {
    CHECK(read_error("case_id,completed_date,on_time,on_time\nK7,2020-07-16,true,false\n") ==
          "council/theirs.csv:1: column 'on_time' appears twice in the header");
    CHECK(read_error("case_id, case_id,completed_date,on_time\nK7,K8,2020-07-16,true\n") ==
          "council/theirs.csv:1: column 'case_id' appears twice in the header");
    // Another column twice is not read, so not in question.
    CHECK(read_ok("team,case_id,team,completed_date,on_time\nN,K7,S,2020-07-16,true\n").size() == 1);
  }
  SECTION("a completion date outside the calendar's range (C1)") {
    CHECK(read_error("case_id,completed_date,on_time\nK7,2020-07-16,true\nK7,1850-02-18,true\n") ==
          "council/theirs.csv:3: completed_date: 1850-02-18 is outside the supported range (1990-01-01 to 2060-12-31)");
    CHECK(read_error("case_id,completed_date,on_time\nK7,2061-01-01,false\n") ==
          "council/theirs.csv:2: completed_date: 2061-01-01 is outside the supported range (1990-01-01 to 2060-12-31)");
    CHECK(read_ok("case_id,completed_date,on_time\nK7,1990-01-01,true\nK7,2060-12-31,false\n").size() == 2);
  }
  SECTION("an empty case id") {
    CHECK(read_error("case_id,completed_date,on_time\n,2020-07-16,true\n") == "council/theirs.csv:2: case_id: empty");
  }
  SECTION("an empty file") {
    // No line to name: the file as a whole is the problem (as the events reader says it).
    CHECK(read_error("") == "council/theirs.csv: the file is empty; expected a header row case_id,completed_date,on_time");
  }
  SECTION("an unterminated quote") {
    CHECK(read_error("case_id,completed_date,on_time\nK7,2020-07-16,true\n\"K8,2020-07-17,true\nK9,2020-07-18,false\n") ==
          "council/theirs.csv:3: unterminated quoted field starting on line 3");
  }
}

// ---------------------------------------------------------------------------------------------
// reconcile()

TEST_CASE("reconcile: a report agreeing with the rules", "[reconcile]") {
  const Fixture f;
  // What the rules say for both children: every completed visit, on time but K7's 13 Mar 2020.
  const std::vector<TheirRow> theirs = read_ok(
      "case_id,completed_date,on_time\n"
      "K7,2019-03-22,true\n"
      "K7,2020-03-13,false\n"
      "K7,2020-04-20,true\n"
      "K7,2020-07-16,true\n"
      "M2,2020-01-10,true\n"
      "M2,2020-02-14,true\n");
  const Reconciliation r = reconcile(f.evaluation, f.events, "wales.lac.visit", theirs);
  CHECK(r.disagreements.empty());
  CHECK(r.compared == 6);
  CHECK(r.agreed == 6);
}

TEST_CASE("reconcile: a six-weekly council report and a placement intended to last until 18", "[reconcile]") {
  const Fixture f;
  // The council's six-weekly judgement of K7's visits (M2 not in its report).
  const std::vector<TheirRow> theirs = read_ok(
      "case_id,completed_date,on_time\n"
      "K7,2019-03-22,true\n"
      "K7,2020-03-13,false\n"
      "K7,2020-04-20,true\n"
      "K7,2020-07-16,false\n");
  const Reconciliation r = reconcile(f.evaluation, f.events, "wales.lac.visit", theirs);
  CHECK(r.compared == 4);
  CHECK(r.agreed == 3);
  REQUIRE(r.disagreements.size() == 1);
  const Disagreement& d = r.disagreements[0];
  CHECK(d.case_id == "K7");
  CHECK(d.completed == date_of("2020-07-16"));
  CHECK(d.theirs == std::optional<bool>(false));
  CHECK(d.ours == std::optional<bool>(true));
  CHECK(d.due == std::optional<Date>(date_of("2020-07-20")));
  INFO(d.reason);
  CHECK(contains(d.reason, "2019-09-30"));                  // the review
  CHECK(contains(d.reason, "intended to last until 18"));   // what it recorded
  CHECK(contains(d.reason, "2020-03-18"));                  // the first year's end (C4, C6)
  CHECK(contains(d.reason, "3 months"));                    // the interval
  CHECK(contains(d.reason, "2020-04-20"));                  // from the previous visit
  CHECK(contains(d.reason, "due 2020-07-20"));              // the deadline
  CHECK(contains(d.reason, "on time"));
}

TEST_CASE("reconcile: occurrences on one side only", "[reconcile]") {
  const Fixture f;
  // K7's 22 Mar 2019 visit is missing from their report; they list a visit on 1 May 2020 that
  // the events do not have, and one for M2 on 14 Feb 2020 (M2 is therefore compared).
  const std::vector<TheirRow> theirs = read_ok(
      "case_id,completed_date,on_time\n"
      "K7,2020-03-13,false\n"
      "K7,2020-04-20,true\n"
      "K7,2020-05-01,true\n"
      "K7,2020-07-16,true\n"
      "M2,2020-02-14,true\n");
  const Reconciliation r = reconcile(f.evaluation, f.events, "wales.lac.visit", theirs);
  CHECK(r.compared == 4);
  CHECK(r.agreed == 4);
  // By case id, then date: K7 22 Mar 2019 (only ours), K7 1 May 2020 (only theirs), M2 10 Jan
  // 2020 (only ours: M2 is in their report, so all of M2's visits are compared).
  REQUIRE(r.disagreements.size() == 3);
  const Disagreement& ours_only = r.disagreements[0];
  CHECK(ours_only.case_id == "K7");
  CHECK(ours_only.completed == date_of("2019-03-22"));
  CHECK_FALSE(ours_only.theirs.has_value());
  CHECK(ours_only.ours == std::optional<bool>(true));
  CHECK(ours_only.due == std::optional<Date>(date_of("2019-03-25")));
  CHECK(contains(ours_only.reason, "1 week"));
  CHECK(contains(ours_only.reason, "due 2019-03-25"));
  const Disagreement& theirs_only = r.disagreements[1];
  CHECK(theirs_only.case_id == "K7");
  CHECK(theirs_only.completed == date_of("2020-05-01"));
  CHECK(theirs_only.theirs == std::optional<bool>(true));
  CHECK_FALSE(theirs_only.ours.has_value());
  CHECK_FALSE(theirs_only.due.has_value());
  CHECK(theirs_only.reason == "no completed occurrence of wales.lac.visit on this date by the rules");
  const Disagreement& m2 = r.disagreements[2];
  CHECK(m2.case_id == "M2");
  CHECK(m2.completed == date_of("2020-01-10"));
  CHECK_FALSE(m2.theirs.has_value());
  CHECK(m2.ours == std::optional<bool>(true));
  CHECK(m2.due == std::optional<Date>(date_of("2020-01-13")));
}

TEST_CASE("reconcile: children absent from their report are ignored", "[reconcile]") {
  const Fixture f;
  const std::vector<TheirRow> theirs = read_ok("case_id,completed_date,on_time\nM2,2020-01-10,true\nM2,2020-02-14,true\n");
  const Reconciliation r = reconcile(f.evaluation, f.events, "wales.lac.visit", theirs);
  CHECK(r.compared == 2);
  CHECK(r.agreed == 2);
  CHECK(r.disagreements.empty());  // K7's four visits are not in question
  // And a report with no rows compares nothing.
  const Reconciliation none = reconcile(f.evaluation, f.events, "wales.lac.visit", {});
  CHECK(none.compared == 0);
  CHECK(none.disagreements.empty());
}

TEST_CASE("reconcile: another rule's occurrences are not compared", "[reconcile]") {
  // The whole rulebook evaluated: K7's reviews and care plan are obligations too, but only
  // wales.lac.visit is reconciled. K7's review on 30 Sep 2019 is not a visit: only in theirs.
  const EventTable events = table_of(visit_events);
  const Evaluation evaluation = evaluate(events, builtin_rulebook());
  const std::vector<TheirRow> theirs = read_ok(
      "case_id,completed_date,on_time\n"
      "K7,2019-03-22,true\n"
      "K7,2019-09-30,true\n"
      "K7,2020-03-13,false\n"
      "K7,2020-04-20,true\n"
      "K7,2020-07-16,true\n");
  const Reconciliation r = reconcile(evaluation, events, "wales.lac.visit", theirs);
  CHECK(r.compared == 4);
  CHECK(r.agreed == 4);
  REQUIRE(r.disagreements.size() == 1);
  CHECK(r.disagreements[0].completed == date_of("2019-09-30"));  // the review: not a visit
  CHECK_FALSE(r.disagreements[0].ours.has_value());
}

TEST_CASE("reconcile: one event completing two occurrences: each side's rows matched as a multiset, in any order", "[reconcile]") {
  // K1: referrals on Mon 17 Feb 2020 and Wed 19 Feb 2020, each owed a decision within one working
  // day (C2: the referral's day is day 0): due Tue 18 Feb and Thu 20 Feb. The decision on Wed 19
  // Feb completes both (on_new_trigger = "each", C14): the first late, the second on time. A
  // council's report names both by (K1, 2020-02-19).
  const EventTable events = table_of(
      "case_id,event,date\n"
      "K1,referral,2020-02-17\n"
      "K1,referral,2020-02-19\n"
      "K1,referral_decision,2020-02-19\n");
  EvaluateOptions o;
  o.only_rules = {"wales.assessment.referral_decision"};
  const Evaluation evaluation = evaluate(events, builtin_rulebook(), o);
  const auto run = [&](std::string_view rows) {
    return reconcile(evaluation, events, "wales.assessment.referral_decision",
                     read_ok("case_id,completed_date,on_time\n" + std::string(rows)));
  };
  SECTION("both rows, in either order: full agreement") {
    for (const std::string_view rows : {"K1,2020-02-19,false\nK1,2020-02-19,true\n", "K1,2020-02-19,true\nK1,2020-02-19,false\n"}) {
      const Reconciliation r = run(rows);
      CHECK(r.compared == 2);
      CHECK(r.agreed == 2);
      CHECK(r.disagreements.empty());
    }
  }
  SECTION("one row: the other occurrence is missing from their report") {
    const Reconciliation r = run("K1,2020-02-19,false\n");
    CHECK(r.compared == 1);
    CHECK(r.agreed == 1);
    REQUIRE(r.disagreements.size() == 1);
    CHECK_FALSE(r.disagreements[0].theirs.has_value());
    CHECK(r.disagreements[0].ours == std::optional<bool>(true));
    CHECK(r.disagreements[0].due == std::optional<Date>(date_of("2020-02-20")));
  }
  SECTION("both called on time: the late one disagrees") {
    const Reconciliation r = run("K1,2020-02-19,true\nK1,2020-02-19,yes\n");
    CHECK(r.compared == 2);
    CHECK(r.agreed == 1);
    REQUIRE(r.disagreements.size() == 1);
    CHECK(r.disagreements[0].theirs == std::optional<bool>(true));
    CHECK(r.disagreements[0].ours == std::optional<bool>(false));
    CHECK(r.disagreements[0].due == std::optional<Date>(date_of("2020-02-18")));
    CHECK(contains(r.disagreements[0].reason, "due 2020-02-18"));
  }
  SECTION("three rows for two occurrences: one of theirs has no occurrence, whichever order") {
    for (const std::string_view rows : {"K1,2020-02-19,true\nK1,2020-02-19,false\nK1,2020-02-19,true\n",
                                        "K1,2020-02-19,true\nK1,2020-02-19,true\nK1,2020-02-19,false\n"}) {
      const Reconciliation r = run(rows);
      CHECK(r.compared == 2);
      CHECK(r.agreed == 2);
      REQUIRE(r.disagreements.size() == 1);
      CHECK(r.disagreements[0].theirs == std::optional<bool>(true));
      CHECK_FALSE(r.disagreements[0].ours.has_value());
    }
  }
}
