// `timescales report`, `validate-report` and `reconcile`, run as child processes on files in a
// temporary directory. Every expected row was worked out by hand (see the fixtures' comments).
#include <algorithm>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "cli_support.hpp"
#include "support.hpp"

namespace {

namespace fs = std::filesystem;
using namespace timescales::testing;  // cli_support.hpp, support.hpp

constexpr std::string_view report_header = "measure,period_start,period_end,group,numerator,denominator,percentage,confidence,title";
// The measures' titles, which end their rows.
#define PM24_TITLE "Assessments for children completed within 42 working days (PM24)"
#define CH012_TITLE "New assessments for children completed within statutory timescales (CH/012)"

// Part 3 assessments (42 working days, the referral day 0, C2), by hand:
//   A North: referral Tue 5 Apr 2016, before the 2014 Act: an initial assessment, not PM24 (C10).
//   B North: Wed 6 Apr 2016 -> due Tue 7 Jun (2 and 30 May bank holidays); done 20 May: met.
//   C South: Mon 11 Apr 2016 -> due Fri 10 Jun; done Fri 1 Jul: late, 21 days.
//   D South: Wed 1 Feb 2017 -> due Fri 31 Mar 2017; done 31 Mar: met (the year's last day).
//   E North: Thu 2 Feb 2017 -> due Mon 3 Apr 2017; done 3 Apr: met, in 2017-18.
//   F South: Thu 1 Jun 2017 -> due Mon 31 Jul 2017; done Fri 1 Sep: late, 32 days.
//   G North: referral 15 Jan 2018, never completed.
//   H North: Mon 1 Jun 2020 -> due Wed 29 Jul 2020; done 1 Jul: met (CH/012, 2020-21).
// PM24 2016-17: 2 of 3 (66.7%); North 1/1, South 1/2. 2017-18: 1 of 2; North 1/1, South 0/1.
constexpr std::string_view assessment_events =
    "case_id,event,date,team\n"
    "A,referral,2016-04-05,North\n"
    "A,assessment_completed,2016-04-20,North\n"
    "B,referral,2016-04-06,North\n"
    "B,assessment_completed,2016-05-20,North\n"
    "C,referral,2016-04-11,South\n"
    "C,assessment_completed,2016-07-01,South\n"
    "D,referral,2017-02-01,South\n"
    "D,assessment_completed,2017-03-31,South\n"
    "E,referral,2017-02-02,North\n"
    "E,assessment_completed,2017-04-03,North\n"
    "F,referral,2017-06-01,South\n"
    "F,assessment_completed,2017-09-01,South\n"
    "G,referral,2018-01-15,North\n"
    "H,referral,2020-06-01,North\n"
    "H,assessment_completed,2020-07-01,North\n";

// Visits to K7 (placed 18 Mar 2019; a review on 30 Sep 2019 records intended_until_18): due 25 Mar
// 2019 (met 22 Mar), 3 May 2019 (late 13 Mar 2020), 24 Apr 2020 (met 20 Apr: 13 Mar is inside
// the first year, which ends 18 Mar 2020), 20 Jul 2020 (met 16 Jul: 3 months after 20 Apr).
constexpr std::string_view visit_events =
    "case_id,event,date,intended_until_18\n"
    "K7,looked_after_start,2019-03-18,\n"
    "K7,placement_start,2019-03-18,\n"
    "K7,lac_visit,2019-03-22,\n"
    "K7,lac_review,2019-09-30,true\n"
    "K7,lac_visit,2020-03-13,\n"
    "K7,lac_visit,2020-04-20,\n"
    "K7,lac_visit,2020-07-16,\n";

constexpr std::string_view theirs_agreeing =
    "case_id,completed_date,on_time\n"
    "K7,2019-03-22,true\n"
    "K7,2020-03-13,false\n"
    "K7,2020-04-20,true\n"
    "K7,2020-07-16,true\n";

// Six weeks for everyone: 16 Jul 2020 is 87 days after 20 Apr, so late by their count.
constexpr std::string_view theirs_six_weekly =
    "case_id,completed_date,on_time\n"
    "K7,2019-03-22,true\n"
    "K7,2020-03-13,false\n"
    "K7,2020-04-20,true\n"
    "K7,2020-07-16,false\n";


}  // namespace

// ---------------------------------------------------------------------------------------------
// report

TEST_CASE("cli report: PM24 by financial year as CSV", "[cli_report]") {
  if (!have_cli()) return;
  TempDir dir;
  const std::string events = dir.write("events.csv", assessment_events);
  const Run r = run_cli("report " + shell_quoted(events) + " --measure wales.pm24 --from 2016-04-01 --to 2018-03-31");
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out == std::string(report_header) + "\n"
                 "wales.pm24,2016-04-01,2017-03-31,all,2,3,66.7,confirmed," PM24_TITLE "\n"
                 "wales.pm24,2017-04-01,2018-03-31,all,1,2,50.0,confirmed," PM24_TITLE "\n");
  CHECK(contains(r.err, "events: 15 rows read = 15 used + 0 rejected"));
}

TEST_CASE("cli report: --by team gives each team's rows after the all row", "[cli_report]") {
  if (!have_cli()) return;
  TempDir dir;
  const std::string events = dir.write("events.csv", assessment_events);
  const Run r = run_cli("report " + shell_quoted(events) +
                        " --measure wales.pm24 --from 2016-04-01 --to 2018-03-31 --by team");
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out == std::string(report_header) + ",team\n"
                 "wales.pm24,2016-04-01,2017-03-31,all,2,3,66.7,confirmed," PM24_TITLE ",\n"
                 "wales.pm24,2016-04-01,2017-03-31,North,1,1,100.0,confirmed," PM24_TITLE ",North\n"
                 "wales.pm24,2016-04-01,2017-03-31,South,1,2,50.0,confirmed," PM24_TITLE ",South\n"
                 "wales.pm24,2017-04-01,2018-03-31,all,1,2,50.0,confirmed," PM24_TITLE ",\n"
                 "wales.pm24,2017-04-01,2018-03-31,North,1,1,100.0,confirmed," PM24_TITLE ",North\n"
                 "wales.pm24,2017-04-01,2018-03-31,South,0,1,0.0,confirmed," PM24_TITLE ",South\n");
}

TEST_CASE("cli report: --period quarter, an empty quarter with no percentage", "[cli_report]") {
  if (!have_cli()) return;
  TempDir dir;
  const std::string events = dir.write("events.csv", assessment_events);
  const Run r = run_cli("report " + shell_quoted(events) +
                        " --measure wales.pm24 --from 2016-04-01 --to 2017-06-30 --period quarter");
  INFO(r.err);
  CHECK(r.exit_code == 0);
  // B completed 20 May 2016, C 1 Jul 2016, D 31 Mar 2017, E 3 Apr 2017.
  CHECK(r.out == std::string(report_header) + "\n"
                 "wales.pm24,2016-04-01,2016-06-30,all,1,1,100.0,confirmed," PM24_TITLE "\n"
                 "wales.pm24,2016-07-01,2016-09-30,all,0,1,0.0,confirmed," PM24_TITLE "\n"
                 "wales.pm24,2016-10-01,2016-12-31,all,0,0,,," PM24_TITLE "\n"
                 "wales.pm24,2017-01-01,2017-03-31,all,1,1,100.0,confirmed," PM24_TITLE "\n"
                 "wales.pm24,2017-04-01,2017-06-30,all,1,1,100.0,confirmed," PM24_TITLE "\n");
}

TEST_CASE("cli report: a count measure has no denominator or percentage", "[cli_report]") {
  if (!have_cli()) return;
  TempDir dir;
  const std::string events = dir.write("events.csv", assessment_events);
  const Run r = run_cli("report " + shell_quoted(events) + " --measure wales.ch012 --from 2020-04-01 --to 2021-03-31");
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out == std::string(report_header) + "\n" "wales.ch012,2020-04-01,2021-03-31,all,1,,,confirmed," CH012_TITLE "\n");
}

TEST_CASE("cli report: --format json and --format markdown", "[cli_report]") {
  if (!have_cli()) return;
  TempDir dir;
  const std::string events = dir.write("events.csv", assessment_events);
  SECTION("json") {
    const Run r = run_cli("report " + shell_quoted(events) + " --measure wales.pm24 --measure wales.ch012 --from 2016-04-01 "
                          "--to 2021-03-31 --format json");
    INFO(r.err);
    CHECK(r.exit_code == 0);
    const auto out = lines_of(r.out);
    // PM24: 2016-17 to 2019-20 (4 rows); CH/012: 2020-21 (1 row).
    REQUIRE(out.size() == 7);
    CHECK(out.front() == "[");
    CHECK(out.back() == "]");
    CHECK(out[1] ==
          R"j(  {"measure":"wales.pm24","period_start":"2016-04-01","period_end":"2017-03-31","group":"all","numerator":2,"denominator":3,"percentage":66.7,"confidence":"confirmed","title":"Assessments for children completed within 42 working days (PM24)"},)j");
    CHECK(out[3] ==
          R"j(  {"measure":"wales.pm24","period_start":"2018-04-01","period_end":"2019-03-31","group":"all","numerator":0,"denominator":0,"percentage":null,"confidence":null,"title":"Assessments for children completed within 42 working days (PM24)"},)j");
    CHECK(out[5] ==
          R"j(  {"measure":"wales.ch012","period_start":"2020-04-01","period_end":"2021-03-31","group":"all","numerator":1,"denominator":null,"percentage":null,"confidence":"confirmed","title":"New assessments for children completed within statutory timescales (CH/012)"})j");
    // Objects separated by commas, none after the last.
    for (std::size_t i = 1; i + 1 < out.size(); ++i) {
      INFO(out[i]);
      CHECK(out[i].starts_with("  {\""));
      CHECK(out[i].ends_with(i + 2 < out.size() ? "}," : "}"));
      CHECK(std::ranges::count(out[i], '{') == 1);
      CHECK(std::ranges::count(out[i], '}') == 1);
      CHECK(std::ranges::count(out[i], '"') % 2 == 0);
    }
  }
  SECTION("markdown") {
    const Run r = run_cli("report " + shell_quoted(events) +
                          " --measure wales.pm24 --from 2016-04-01 --to 2018-03-31 --format markdown");
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out ==
          "| measure | period | group | numerator | denominator | % | confidence |\n"
          "|---|---|---|---|---|---|---|\n"
          "| " PM24_TITLE " (wales.pm24) | 2016-04-01 to 2017-03-31 | all | 2 | 3 | 66.7 | confirmed |\n"
          "| " PM24_TITLE " (wales.pm24) | 2017-04-01 to 2018-03-31 | all | 1 | 2 | 50.0 | confirmed |\n");
  }
}

TEST_CASE("cli report: --drill-down lists the obligations behind every figure", "[cli_report]") {
  if (!have_cli()) return;
  TempDir dir;
  const std::string events = dir.write("events.csv", assessment_events);
  const std::string drill = dir.file("drill.csv");
  const Run r = run_cli("report " + shell_quoted(events) +
                        " --measure wales.pm24 --from 2016-04-01 --to 2018-03-31 --drill-down " + shell_quoted(drill));
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(lines_of(r.out).size() == 3);
  const std::string text = slurp(drill);
  INFO(text);
  const auto rows = lines_of(text);
  REQUIRE(rows.size() == 6);
  CHECK(rows[0] ==
        "measure,period_start,period_end,group,in_numerator,case_id,rule,standard,occurrence,trigger_event,"
        "trigger_date,due_date,completed_date,status,days_late,working_days_late,confidence,team");
  // Late: C, Fri 10 Jun to Fri 1 Jul 2016, 15 working days (13-17, 20-24, 27 Jun-1 Jul); F, Mon 31 Jul
  // to Fri 1 Sep 2017, 23 (1-4, 7-11, 14-18, 21-25, 29-31 Aug, 1 Sep; 28 Aug a bank holiday).
  const std::string part3 = ",wales.assessment.part3,statutory,1,referral,";
  CHECK(has_line(text, "wales.pm24,2016-04-01,2017-03-31,all,true,B" + part3 + "2016-04-06,2016-06-07,2016-05-20,met,0,0,confirmed,North"));
  CHECK(has_line(text, "wales.pm24,2016-04-01,2017-03-31,all,false,C" + part3 + "2016-04-11,2016-06-10,2016-07-01,late,21,15,confirmed,South"));
  CHECK(has_line(text, "wales.pm24,2016-04-01,2017-03-31,all,true,D" + part3 + "2017-02-01,2017-03-31,2017-03-31,met,0,0,confirmed,South"));
  CHECK(has_line(text, "wales.pm24,2017-04-01,2018-03-31,all,true,E" + part3 + "2017-02-02,2017-04-03,2017-04-03,met,0,0,confirmed,North"));
  CHECK(has_line(text, "wales.pm24,2017-04-01,2018-03-31,all,false,F" + part3 + "2017-06-01,2017-07-31,2017-09-01,late,32,23,confirmed,South"));
}

TEST_CASE("cli report: --by two columns, a drill-down with the groups and explanations", "[cli_report]") {
  if (!have_cli()) return;
  TempDir dir;
  // The events above with a worker: B and E are W1's (North), C, D and F W2's (South).
  std::string text(assessment_events);
  std::string with_worker;
  for (const std::string& line : lines_of(text)) {
    const char id = line.front();
    const std::string worker = line.starts_with("case_id") ? "worker" : (id == 'C' || id == 'D' || id == 'F') ? "W2" : "W1";
    with_worker += line + "," + worker + "\n";
  }
  const std::string events = dir.write("events.csv", with_worker);
  const std::string drill = dir.file("drill.csv");
  const Run r = run_cli("report " + shell_quoted(events) + " --measure wales.pm24 --from 2016-04-01 --to 2017-03-31 "
                        "--by team,worker --explain --drill-down " + shell_quoted(drill));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == std::string(report_header) + ",team,worker\n"
                 "wales.pm24,2016-04-01,2017-03-31,all,2,3,66.7,confirmed," PM24_TITLE ",,\n"
                 "wales.pm24,2016-04-01,2017-03-31,North / W1,1,1,100.0,confirmed," PM24_TITLE ",North,W1\n"
                 "wales.pm24,2016-04-01,2017-03-31,South / W2,1,2,50.0,confirmed," PM24_TITLE ",South,W2\n");
  const std::string rows = slurp(drill);
  INFO(rows);
  CHECK(lines_of(rows).front() ==
        "measure,period_start,period_end,group,in_numerator,case_id,rule,standard,occurrence,trigger_event,"
        "trigger_date,due_date,completed_date,status,days_late,working_days_late,confidence,team,worker,explanation");
  CHECK(contains(rows, "\nwales.pm24,2016-04-01,2017-03-31,South / W2,false,C,wales.assessment.part3,statutory,1,"
                       "referral,2016-04-11,2016-06-10,2016-07-01,late,21,15,confirmed,South,W2,\""));
  CHECK(lines_of(rows).size() == 1 + 2 * 3);  // B, C, D: once in the row of all, once in their group's

  const Run bad = run_cli("report " + shell_quoted(events) + " --measure wales.pm24 --by team,grade");
  CHECK(bad.exit_code == 2);
  CHECK(contains(bad.err, "--by 'grade' is not a carried column of " + events + "; its carried columns are team, worker"));
}

TEST_CASE("cli report and evaluate: a file with no usable row exits 2, and --strict exits 1 on a rejected row",
          "[cli_report]") {
  if (!have_cli()) return;
  TempDir dir;
  const std::string none = dir.write("none.csv", "case_id,event,date\nA,referal,2021-01-04\n");
  const Run report = run_cli("report " + shell_quoted(none) + " --measure wales.pm24");
  CHECK(report.exit_code == 2);
  CHECK(contains(report.err, "no row could be used (1 read, 1 rejected)"));
  CHECK(report.out.empty());
  const Run evaluate = run_cli("evaluate " + shell_quoted(none));
  CHECK(evaluate.exit_code == 2);
  CHECK(contains(evaluate.err, "no row could be used (1 read, 1 rejected); the first:\n  " + none +
                                   ":2: event: unknown event 'referal'"));
  // Every rejected row is still written where asked.
  const std::string rejected = dir.file("rejected.csv");
  const Run written = run_cli("evaluate " + shell_quoted(none) + " --rejected " + shell_quoted(rejected));
  CHECK(written.exit_code == 2);
  CHECK(lines_of(slurp(rejected)).size() == 2);
  CHECK(contains(written.err, "the rejected rows are in " + rejected));

  const std::string one_bad = dir.write("one-bad.csv", std::string(assessment_events) + "Z,referal,2021-01-04,North\n");
  const Run lenient = run_cli("report " + shell_quoted(one_bad) + " --measure wales.pm24 --from 2016-04-01 --to 2017-03-31");
  CHECK(lenient.exit_code == 0);
  const Run strict = run_cli("report " + shell_quoted(one_bad) + " --measure wales.pm24 --from 2016-04-01 --to 2017-03-31 --strict");
  CHECK(strict.exit_code == 1);
  CHECK(strict.out == lenient.out);
}

TEST_CASE("cli report: unusable arguments exit 2 with a clear message", "[cli_report]") {
  if (!have_cli()) return;
  TempDir dir;
  const std::string events = dir.write("events.csv", assessment_events);
  const std::string base = "report " + shell_quoted(events) + " ";
  SECTION("an unknown measure") {
    const Run r = run_cli(base + "--measure wales.pm42");
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(contains(r.err, "unknown measure 'wales.pm42'"));
    CHECK(contains(r.err, "\n  wales.pm24"));  // the measures are listed
  }
  SECTION("an unknown --by column") {
    const Run r = run_cli(base + "--measure wales.pm24 --by region");
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(contains(r.err, "--by 'region' is not a carried column of " + events + "; its carried columns are team"));
  }
  SECTION("bad dates") {
    const Run impossible = run_cli(base + "--measure wales.pm24 --from 2016-02-30");
    CHECK(impossible.exit_code == 2);
    CHECK(contains(impossible.err, "--from: impossible date '2016-02-30'"));
    const Run malformed = run_cli(base + "--measure wales.pm24 --to 31/03/2017");
    CHECK(malformed.exit_code == 2);
    CHECK(contains(malformed.err, "--to: malformed date '31/03/2017'"));
    const Run backwards = run_cli(base + "--measure wales.pm24 --from 2017-04-01 --to 2017-03-31");
    CHECK(backwards.exit_code == 2);
    CHECK(contains(backwards.err, "--to is before --from"));
    CHECK(backwards.out.empty());
  }
  SECTION("no measure, and no events file") {
    const Run none = run_cli(base);
    CHECK(none.exit_code == 2);
    CHECK(contains(none.err, "name a measure with --measure ID, or --all"));
    const Run missing = run_cli("report " + shell_quoted(dir.file("missing.csv")) + " --measure wales.pm24");
    CHECK(missing.exit_code == 2);
    CHECK(contains(missing.err, dir.file("missing.csv")));
  }
}

// ---------------------------------------------------------------------------------------------
// validate-report

TEST_CASE("cli validate-report: every built-in definition is clean", "[cli_report]") {
  if (!have_cli()) return;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(TIMESCALES_SOURCE_DIR "/rules/wales/measures")) {
    if (entry.path().extension() == ".toml") files.push_back(entry.path());
  }
  std::ranges::sort(files);
  REQUIRE(files.size() >= 12);
  for (const fs::path& file : files) {
    const Run r = run_cli("validate-report " + shell_quoted(file.string()));
    INFO(file.string() << "\n" << r.err);
    CHECK(r.exit_code == 0);
    CHECK(contains(r.err, "1 measures, 1 examples, 0 failing"));
  }
}

TEST_CASE("cli validate-report: a broken definition, a wrong example, a missing file", "[cli_report]") {
  if (!have_cli()) return;
  TempDir dir;
  SECTION("a broken definition: exit 1 with file:line diagnostics") {
    const std::string file = dir.write("broken.toml", measure_definition("wales.assesment.part3", "{ numerator = 1, denominator = 2 }"));
    const Run r = run_cli("validate-report " + shell_quoted(file));
    INFO(r.err);
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, file + ":5:"));
    CHECK(contains(r.err, "unknown rule 'wales.assesment.part3' (did you mean 'wales.assessment.part3'?)"));
    CHECK(contains(r.err, "1 problem\n"));
  }
  SECTION("a right example holds") {
    const std::string file = dir.write("good.toml", measure_definition("wales.assessment.part3", "{ numerator = 1, denominator = 2 }"));
    const Run r = run_cli("validate-report " + shell_quoted(file));
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(contains(r.err, "1 measures, 1 examples, 0 failing"));
  }
  SECTION("a wrong example: exit 1 showing expected and actual") {
    const std::string file = dir.write("wrong.toml", measure_definition("wales.assessment.part3", "{ numerator = 2, denominator = 2 }"));
    const Run r = run_cli("validate-report " + shell_quoted(file));
    INFO(r.err);
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, file + ":17: error: council.assessments example 'One in time, one late' does not hold:"));
    CHECK(contains(r.err, "numerator: expected 2, got 1"));
    CHECK_FALSE(contains(r.err, "denominator:"));
    CHECK(contains(r.err, "1 measures, 1 examples, 1 failing"));
  }
  SECTION("an example outside the years the measure reports: exit 1, not a crash") {
    std::string text = measure_definition("wales.assessment.part3", "{ numerator = 1, denominator = 2 }");
    const std::string unit = "unit = \"children\"\n";
    text.replace(text.find(unit), unit.size(), unit + "reports_to = 2020-03-31\n");
    const std::string file = dir.write("outside.toml", text);
    const Run r = run_cli("validate-report " + shell_quoted(file));
    INFO(r.err);
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, file + ":18: error: council.assessments example 'One in time, one late' does not hold:"));
    CHECK(contains(r.err, "the example's window 2021-04-01 to 2022-03-31 is outside the years the measure reports "
                          "(any date to 2020-03-31)"));
  }
  SECTION("a missing file: exit 2") {
    const Run r = run_cli("validate-report " + shell_quoted(dir.file("absent.toml")));
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, dir.file("absent.toml")));
  }
}

// ---------------------------------------------------------------------------------------------
// reconcile

TEST_CASE("cli reconcile: agreeing reports exit 0", "[cli_report]") {
  if (!have_cli()) return;
  TempDir dir;
  const std::string events = dir.write("events.csv", visit_events);
  const std::string theirs = dir.write("theirs.csv", theirs_agreeing);
  const Run r = run_cli("reconcile " + shell_quoted(events) + " --rule wales.lac.visit --theirs " +
                        shell_quoted(theirs));
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out == "case_id,completed_date,theirs,ours,due_date,reason\n");
  CHECK(contains(r.err, "4 occurrences on both sides, 4 agree, 0 classified differently"));
}

TEST_CASE("cli reconcile: a disagreement exits 1 with the reason by the rules", "[cli_report]") {
  if (!have_cli()) return;
  TempDir dir;
  const std::string events = dir.write("events.csv", visit_events);
  const std::string theirs = dir.write("theirs.csv", theirs_six_weekly);
  const Run r = run_cli("reconcile " + shell_quoted(events) + " --rule wales.lac.visit --theirs " +
                        shell_quoted(theirs));
  INFO(r.err);
  CHECK(r.exit_code == 1);
  const auto out = lines_of(r.out);
  REQUIRE(out.size() == 2);
  CHECK(out[0] == "case_id,completed_date,theirs,ours,due_date,reason");
  INFO(out[1]);
  CHECK(out[1].starts_with("K7,2020-07-16,late,on_time,2020-07-20,\""));
  CHECK(out[1].ends_with("\""));
  CHECK(contains(out[1], "2019-09-30"));
  CHECK(contains(out[1], "intended to last until 18"));
  CHECK(contains(out[1], "2020-03-18"));
  CHECK(contains(out[1], "due 2020-07-20"));
  CHECK(contains(r.err, "4 occurrences on both sides, 3 agree, 1 classified differently; 0 only in theirs, 0 only in ours"));

  // --out writes the same to a file.
  const std::string written = dir.file("disagreements.csv");
  const Run o = run_cli("reconcile " + shell_quoted(events) + " --rule wales.lac.visit --theirs " +
                        shell_quoted(theirs) + " --out " + shell_quoted(written));
  CHECK(o.exit_code == 1);
  CHECK(o.out.empty());
  CHECK(slurp(written) == r.out);
}

TEST_CASE("cli reconcile: occurrences on one side only are disagreements", "[cli_report]") {
  if (!have_cli()) return;
  TempDir dir;
  const std::string events = dir.write("events.csv", visit_events);
  const std::string theirs = dir.write("theirs.csv",
                                       "case_id,completed_date,on_time\n"
                                       "K7,2020-03-13,false\n"
                                       "K7,2020-04-20,true\n"
                                       "K7,2020-05-01,true\n"
                                       "K7,2020-07-16,true\n");
  const Run r = run_cli("reconcile " + shell_quoted(events) + " --rule wales.lac.visit --theirs " +
                        shell_quoted(theirs));
  INFO(r.err);
  CHECK(r.exit_code == 1);
  const auto out = lines_of(r.out);
  REQUIRE(out.size() == 3);
  CHECK(out[1].starts_with("K7,2019-03-22,absent,on_time,2019-03-25,"));
  CHECK(out[2] == "K7,2020-05-01,on_time,absent,,no completed occurrence of wales.lac.visit on this date by the rules");
  CHECK(contains(r.err, "1 only in theirs, 1 only in ours; 1 children affected"));
}

TEST_CASE("cli reconcile: a malformed report or an unknown rule exits 2", "[cli_report]") {
  if (!have_cli()) return;
  TempDir dir;
  const std::string events = dir.write("events.csv", visit_events);
  SECTION("a malformed THEIRS file") {
    const std::string theirs = dir.write("theirs.csv", "case_id,completed_date,on_time\nK7,2020-07-16,perhaps\n");
    const Run r = run_cli("reconcile " + shell_quoted(events) + " --rule wales.lac.visit --theirs " +
                          shell_quoted(theirs));
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(contains(r.err, theirs + ":2: on_time: not a boolean: 'perhaps'"));
  }
  SECTION("a THEIRS file without the on_time column") {
    const std::string theirs = dir.write("theirs.csv", "case_id,completed_date\nK7,2020-07-16\n");
    const Run r = run_cli("reconcile " + shell_quoted(events) + " --rule wales.lac.visit --theirs " +
                          shell_quoted(theirs));
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, theirs + ":1: the header must name case_id, completed_date and on_time"));
  }
  SECTION("a missing THEIRS file") {
    const Run r = run_cli("reconcile " + shell_quoted(events) + " --rule wales.lac.visit --theirs " +
                          shell_quoted(dir.file("absent.csv")));
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, dir.file("absent.csv")));
  }
  SECTION("an unknown rule") {
    const std::string theirs = dir.write("theirs.csv", theirs_agreeing);
    const Run r = run_cli("reconcile " + shell_quoted(events) + " --rule wales.lac.vist --theirs " +
                          shell_quoted(theirs));
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(contains(r.err, "unknown rule 'wales.lac.vist'"));
  }
}

TEST_CASE("cli report --list: every measure the report can count, with its target", "[cli_report]") {
  if (!have_cli()) return;
  const Run builtin = run_cli("report --list");
  INFO(builtin.err);
  CHECK(builtin.exit_code == 0);
  CHECK(lines_of(builtin.out).size() == 12);  // the 12 built-in measures (rules/wales/measures/)
  CHECK(has_line(builtin.out, "wales.pm24\tAssessments for children completed within 42 working days (PM24)\tstatutory"
                              "\tcompleted_in_period\t"));
  // A council's directory adds its measure and its target (rules/local/measures/assessments.toml).
  const Run local = run_cli("report --list --local " + shell_quoted(std::string(TIMESCALES_SOURCE_DIR) + "/rules/local"));
  CHECK(local.exit_code == 0);
  CHECK(has_line(local.out, "local.example.assessment.proportionate.timeliness\tProportionate assessments within 10 "
                            "working days (local standard)\tlocal\tcompleted_in_period\tTarget: 80% or more (near: "
                            "within 10 points), set by Example County Council, assessment practice standards, 2021"));
  // Without --list, the events are required.
  const Run none = run_cli("report --all");
  CHECK(none.exit_code == 2);
  CHECK(contains(none.err, "name the events file"));
}

TEST_CASE("cli --version and timescales version print the version", "[cli]") {
  if (!have_cli()) return;
  const Run flag = run_cli("--version");
  CHECK(flag.exit_code == 0);
  CHECK(flag.out.starts_with("timescales 0."));
  const Run command = run_cli("version");
  CHECK(command.exit_code == 0);
  CHECK(command.out == flag.out);
}

TEST_CASE("cli validate-report takes several files and directories of them", "[cli_report]") {
  if (!have_cli()) return;
  TempDir dir;
  const std::string good = dir.write("good.toml", "[[target]]\nmeasure = \"wales.pm24\"\nvalue = 90\nset_by = \"the board\"\n");
  std::filesystem::create_directories(dir.file("council/sub"));
  const std::string bad = dir.write("council/sub/bad.toml",
                                    "[[target]]\nmeasure = \"wales.ch012\"\nvalue = 75\nset_by = \"the board\"\n");
  dir.write("council/notes.txt", "not a definition");  // only .toml files are read
  const Run both = run_cli("validate-report " + shell_quoted(good) + " " + shell_quoted(dir.file("council")));
  CHECK(both.exit_code == 1);  // the worst of the two: bad.toml's finding
  CHECK(contains(both.err, good + ":\n0 measures, 1 targets, 0 examples, 0 failing"));
  CHECK(contains(both.err, bad + ":2:11: error: target: measure wales.ch012 is a count, not a percentage"));
  CHECK_FALSE(contains(both.err, "notes.txt"));
  const Run clean = run_cli("validate-report " + shell_quoted(good) + " " + shell_quoted(good));
  CHECK(clean.exit_code == 0);
  std::filesystem::create_directories(dir.file("empty"));
  const Run empty = run_cli("validate-report " + shell_quoted(dir.file("empty")));
  CHECK(empty.exit_code == 2);
  CHECK(contains(empty.err, "holds no .toml file"));
}

TEST_CASE("cli -o is --out on every command that writes a file", "[cli]") {
  if (!have_cli()) return;
  TempDir dir;
  const std::string events = dir.write("events.csv", "case_id,event,date\nC1,referral,2021-06-29\n");
  for (const std::string command : {"evaluate", "worklist", "report --all"}) {
    const std::string out = dir.file("out.csv");
    std::filesystem::remove(out);
    const Run r = run_cli(command + " " + shell_quoted(events) + " -o " + shell_quoted(out));
    INFO(command << ": " << r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out.empty());
    CHECK(std::filesystem::file_size(out) > 0);
  }
}
