// `timescales evaluate`: the command-line face of reading, evaluating and writing, run as a child
// process on files in a temporary directory.
#include <sstream>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "cli_support.hpp"
#include "support.hpp"

namespace {

using namespace std::string_literals;
using namespace timescales::testing;  // cli_support.hpp, support.hpp

// Runs `timescales evaluate ARGS` (already shell-quoted), keeping stdout and stderr apart.
Run evaluate(const std::string& args) { return run_cli("evaluate " + args); }

constexpr std::string_view obligations_header =
    "case_id,rule,standard,occurrence,trigger_event,trigger_date,due_date,completed_date,status,days_late,"
    "working_days_late,confidence";

// Two children. C1: a strategy discussion on Mon 1 Mar 2021 and a conference on Thu 25 Mar;
// 15 working days: 2-5 Mar (4), 8-12 (9), 15-19 (14), Mon 22 Mar (15): 3 days late, 3 working
// days (23, 24, 25 Mar). C2: looked after and placed on Mon 1 Mar 2021; visits 5 Mar (due 8 Mar)
// and 15 Apr (5 Mar + 42 days = 16 Apr); the review of Thu 1 Apr asks for 3-monthly visits in the
// placement's first year (refused: a finding). The review: Mon 1 Mar + 20 working days: 2-5 Mar
// (4), 8-12 (9), 15-19 (14), 22-26 (19), Mon 29 Mar (20); held 1 Apr: 3 days, 3 working days late.
constexpr std::string_view good_events =
    "case_id,event,date,seen_alone,at_home,visit_interval,team\n"
    "C1,strategy_discussion,2021-03-01,,,,North\n"
    "C1,icpc,2021-03-25,,,,North\n"
    "C2,looked_after_start,2021-03-01,,,,South\n"
    "C2,placement_start,2021-03-01,,,,South\n"
    "C2,lac_visit,2021-03-05,,,,South\n"
    "C2,lac_review,2021-04-01,,,3 months,South\n"
    "C2,lac_visit,2021-04-15,,,,\"South, east\"\n";

// The same with one bad row (line 4) and a row of the wrong width (line 6).
constexpr std::string_view bad_events =
    "case_id,event,date,team\n"
    "C1,strategy_discussion,2021-03-01,North\n"
    "C1,icpc,2021-03-25,North\n"
    "C3,home_visit,2021-03-02,East\n"
    "C3,referral,2021-03-02,East\n"
    "C3,referral_decision,2021-03-03\n";

}  // namespace

TEST_CASE("evaluate FILE: obligations on stdout, the summary on stderr", "[cli_evaluate]") {
  if (!have_cli()) return;
  TempDir dir;
  const std::string events = dir.write("events.csv", good_events);
  const Run r = evaluate(shell_quoted(events));
  INFO(r.err);
  CHECK(r.exit_code == 0);
  const auto out = lines_of(r.out);
  REQUIRE(out.size() > 5);
  CHECK(out.front() == std::string(obligations_header) + ",team");
  CHECK(has_line(r.out, "C1,wales.cp.icpc,statutory,1,strategy_discussion,2021-03-01,2021-03-22,2021-03-25,late,3,3,confirmed,North"));
  CHECK(has_line(r.out, "C2,wales.lac.visit,statutory,1,placement_start,2021-03-01,2021-03-08,2021-03-05,met,0,0,confirmed,South"));
  CHECK(has_line(r.out, "C2,wales.lac.visit,statutory,2,lac_visit,2021-03-05,2021-04-16,2021-04-15,met,0,0,confirmed,South"));
  CHECK(has_line(r.out, "C2,wales.lac.visit,statutory,3,lac_visit,2021-04-15,2021-05-27,,pending,0,0,confirmed,\"South, east\""));
  CHECK(has_line(r.out, "C2,wales.lac.review,statutory,1,looked_after_start,2021-03-01,2021-03-29,2021-04-01,late,3,3,confirmed,South"));
  // Nothing but CSV on stdout; the counts on stderr: rows read = used + rejected.
  CHECK_FALSE(contains(r.out, "rows read"));
  CHECK(contains(r.err, "events: 7 rows read = 7 used + 0 rejected"));
  CHECK(contains(r.err, "children: 2; as of 2021-04-15"));
  CHECK(contains(r.err, "obligations: " + std::to_string(out.size() - 1) + " ("));
  CHECK(contains(r.err, "findings: 1"));
}

TEST_CASE("evaluate --out, --rejected and --findings write files", "[cli_evaluate]") {
  if (!have_cli()) return;
  TempDir dir;
  const std::string events = dir.write("events.csv", good_events);
  const Run plain = evaluate(shell_quoted(events));
  const Run r = evaluate(shell_quoted(events) + " --out " + shell_quoted(dir.file("obligations.csv")) + " --rejected " +
                        shell_quoted(dir.file("rejected.csv")) + " --findings " + shell_quoted(dir.file("findings.csv")));
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.empty());
  CHECK(slurp(dir.file("obligations.csv")) == plain.out);
  CHECK(slurp(dir.file("rejected.csv")) == "line,case_id,column,reason\n");
  const auto findings = lines_of(slurp(dir.file("findings.csv")));
  REQUIRE(findings.size() == 2);
  CHECK(findings[0] == "case_id,rule,event,date,attribute,asked,limit,explanation");
  CHECK(findings[1].starts_with("C2,wales.lac.visit,lac_review,2021-04-01,visit_interval,3 months,6 weeks,"));
  CHECK(contains(findings[1], "refused"));

  const std::string bad = dir.write("bad.csv", bad_events);
  const Run b = evaluate(shell_quoted(bad) + " --rejected " + shell_quoted(dir.file("rejected.csv")));
  INFO(b.err);
  CHECK(b.exit_code == 0);
  CHECK(slurp(dir.file("rejected.csv")) ==
        "line,case_id,column,reason\n"
        "4,C3,event,unknown event 'home_visit'\n"
        "6,C3,,\"expected 4 fields, as in the header, found 3\"\n");
  CHECK(contains(b.err, "events: 5 rows read = 3 used + 2 rejected"));
  CHECK(contains(b.err, "written to " + dir.file("rejected.csv")));
}

TEST_CASE("evaluate without --rejected lists the rejected rows on stderr", "[cli_evaluate]") {
  if (!have_cli()) return;
  TempDir dir;
  const std::string bad = dir.write("bad.csv", bad_events);
  const Run r = evaluate(shell_quoted(bad));
  CHECK(r.exit_code == 0);
  CHECK(contains(r.err, bad + ":4: event: unknown event 'home_visit'"));
  CHECK(contains(r.err, bad + ":6: expected 4 fields"));
  CHECK(lines_of(r.out).front() == std::string(obligations_header) + ",team");
}

TEST_CASE("evaluate --lang cy: the rejected rows' reasons in Welsh, in the file and on stderr, column names as they are",
          "[cli_evaluate][cymraeg]") {
  if (!have_cli()) return;
  TempDir dir;
  const std::string bad = dir.write("bad.csv", bad_events);
  const Run r = evaluate(shell_quoted(bad) + " --lang cy --rejected " + shell_quoted(dir.file("rejected.csv")));
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(slurp(dir.file("rejected.csv")) ==
        "line,case_id,column,reason\n"
        "4,C3,event,digwyddiad anhysbys 'home_visit'\n"
        "6,C3,,\"disgwylid nifer y meysydd yn y pennawd, 4; cafwyd 3\"\n");
  const Run listed = evaluate(shell_quoted(bad) + " --lang cy");
  CHECK(contains(listed.err, bad + ":4: event: digwyddiad anhysbys 'home_visit'\n"));
  CHECK(contains(listed.err, bad + ":6: disgwylid nifer y meysydd yn y pennawd, 4; cafwyd 3\n"));
  // Dates: a council's format, and a day that does not exist.
  const std::string council = dir.write("council.csv",
                                        "case_id,event,date\n"
                                        "C1,strategy_discussion,01/03/2021\n"
                                        "C1,icpc,2021-03-25\n"
                                        "C1,icpc,31/02/2021\n");
  const Run dates = evaluate(shell_quoted(council) + " --date-format %d/%m/%Y --lang cy --rejected " +
                             shell_quoted(dir.file("dates.csv")));
  INFO(dates.err);
  CHECK(slurp(dir.file("dates.csv")) ==
        "line,case_id,column,reason\n"
        "3,C1,date,dyddiad wedi'i gamffurfio '2021-03-25': disgwylid DD/MM/YYYY (fformat y dyddiad %d/%m/%Y)\n"
        "4,C1,date,dyddiad amhosibl '31/02/2021': nid oes diwrnod o'r fath yn y calendr\n");
}

TEST_CASE("evaluate --lang cy: the summary on stderr in Welsh, word for word, and in English as it always was",
          "[cli_evaluate][cymraeg]") {
  if (!have_cli()) return;
  TempDir dir;
  const std::string events = dir.write("events.csv", good_events);
  const Run en = evaluate(shell_quoted(events) + " --as-of 2021-03-20");
  CHECK(en.err ==
        "events: 7 rows read = 7 used + 0 rejected; 3 dated after 2021-03-20 not used\n"
        "children: 2; as of 2021-03-20\n"
        "obligations: 5 (met 1, late 0, missed 0, overdue 2, pending 2, cancelled 0)\n"
        "findings: 0 refused variations\n"
        "dated after 2021-03-20, not used (the first lines): 3 7 8\n");
  const Run cy = evaluate(shell_quoted(events) + " --as-of 2021-03-20 --lang cy");
  CHECK(cy.out == en.out);  // the obligations' machine columns
  CHECK(cy.err ==
        "digwyddiadau: darllenwyd 7 rhes = 7 wedi'u defnyddio + 0 wedi'u gwrthod; 3 wedi'u dyddio ar ôl 2021-03-20 heb eu "
        "defnyddio\n"
        "plant: 2; ar 2021-03-20\n"
        "rhwymedigaethau: 5 (cyflawnwyd 1, hwyr 0, methwyd 0, wedi pasio'r dyddiad terfyn 2, yn aros 2, canslwyd 0)\n"
        "canfyddiadau: 0 amrywiad a wrthodwyd\n"
        "wedi'u dyddio ar ôl 2021-03-20, heb eu defnyddio (y llinellau cyntaf): 3 7 8\n");
  const Run one = evaluate(shell_quoted(events) + " --case C2 --lang cy");
  CHECK(contains(one.err, "\nysgrifennwyd: achos C2 yn unig, 7 rhwymedigaeth\n"));
  const std::string bad = dir.write("bad.csv", bad_events);
  const Run rejected = evaluate(shell_quoted(bad) + " --lang cy");
  CHECK(contains(rejected.err, "digwyddiadau: darllenwyd 5 rhes = 3 wedi'u defnyddio + 2 wedi'u gwrthod\n"));
  CHECK(contains(rejected.err, "\nrhesi a wrthodwyd (defnyddiwch --rejected FFEIL i'w cael i gyd):\n"));
  // The --summary table: Welsh headings and note, each status column as wide as its Welsh name.
  const Run table = evaluate(shell_quoted(events) + " --summary --lang cy");
  const auto lines = lines_of(table.out);
  REQUIRE(lines.size() >= 2);
  CHECK(lines.front().starts_with("rheol "));
  // The standard and confidence in Welsh words, the confidence column as wide as its longest.
  CHECK(contains(lines.front(), " safon     hyder             cyfanswm cyflawnwyd      hwyr   methwyd wedi pasio'r dyddiad terfyn"
                                "   yn aros  canslwyd mewn pryd"));
  CHECK(contains(lines[1], " statudol  wedi'i chadarnhau  "));
  const auto english = lines_of(evaluate(shell_quoted(events) + " --summary").out);
  REQUIRE(english.size() == lines.size());
  CHECK(english.front().ends_with(" standard  confidence     total       met      late    missed   overdue   pending cancelled"
                                  "   on time"));
  CHECK(english.back() == "on time = met / (met + late + missed + overdue); pending and cancelled are not counted (C9)");
  CHECK(lines.back() == "mewn pryd = cyflawnwyd / (cyflawnwyd + hwyr + methwyd + wedi pasio'r dyddiad terfyn); ni chyfrifir "
                        "'yn aros' na 'canslwyd' (C9)");
}

TEST_CASE("evaluate --format jsonl writes one JSON object per line", "[cli_evaluate]") {
  if (!have_cli()) return;
  TempDir dir;
  const std::string events = dir.write("events.csv", good_events);
  const Run csv = evaluate(shell_quoted(events));
  const Run r = evaluate(shell_quoted(events) + " --format jsonl");
  CHECK(r.exit_code == 0);
  const auto objects = lines_of(r.out);
  CHECK(objects.size() + 1 == lines_of(csv.out).size());  // no header
  for (const std::string& o : objects) {
    INFO(o);
    CHECK(o.starts_with("{\"case_id\":\""));
    CHECK(o.ends_with("}"));
    CHECK(contains(o, "\"status\":\""));
    CHECK(contains(o, "\"team\":\""));
  }
  CHECK(has_line(r.out, "{\"case_id\":\"C1\",\"rule\":\"wales.cp.icpc\",\"standard\":\"statutory\",\"occurrence\":1,"
                        "\"trigger_event\":\"strategy_discussion\",\"trigger_date\":\"2021-03-01\",\"due_date\":"
                        "\"2021-03-22\",\"completed_date\":\"2021-03-25\",\"status\":\"late\",\"days_late\":3,"
                        "\"working_days_late\":3,\"confidence\":\"confirmed\",\"team\":\"North\"}"));
  CHECK(has_line(r.out, "{\"case_id\":\"C2\",\"rule\":\"wales.lac.visit\",\"standard\":\"statutory\",\"occurrence\":3,"
                        "\"trigger_event\":\"lac_visit\",\"trigger_date\":\"2021-04-15\",\"due_date\":\"2021-05-27\","
                        "\"completed_date\":null,\"status\":\"pending\",\"days_late\":0,\"working_days_late\":0,"
                        "\"confidence\":\"confirmed\",\"team\":\"South, east\"}"));
  const Run bad = evaluate(shell_quoted(events) + " --format xml");
  CHECK(bad.exit_code == 2);
}

TEST_CASE("evaluate --explain adds an explanation column", "[cli_evaluate]") {
  if (!have_cli()) return;
  TempDir dir;
  const std::string events = dir.write("events.csv", good_events);
  const Run r = evaluate(shell_quoted(events) + " --explain");
  CHECK(r.exit_code == 0);
  const auto out = lines_of(r.out);
  REQUIRE(out.size() > 1);
  CHECK(out.front() == std::string(obligations_header) + ",team,explanation");
  bool found = false;
  for (std::size_t i = 1; i < out.size(); ++i) {
    if (!out[i].starts_with("C1,wales.cp.icpc,")) continue;
    found = true;
    CHECK(contains(out[i], ",North,\"wales.cp.icpc (statutory standard"));
    CHECK(contains(out[i], "Wales Safeguarding Procedures"));
    CHECK(contains(out[i], "icpc on 2021-03-25"));
  }
  CHECK(found);
  const Run jsonl = evaluate(shell_quoted(events) + " --explain --format jsonl");
  for (const std::string& o : lines_of(jsonl.out)) CHECK(contains(o, ",\"explanation\":\""));
}

TEST_CASE("evaluate --case ID --explain: one child's timeline, every duty in date order with its reasons",
          "[cli_evaluate][timeline]") {
  if (!have_cli()) return;
  TempDir dir;
  // good_events, and a row of C2's that cannot be used (line 9: there is no month 13).
  const std::string events = dir.write("events.csv", std::string(good_events) + "C2,lac_visit,2021-13-15,,,,South\n");
  const Run r = evaluate(shell_quoted(events) + " --case C2 --explain");
  INFO(r.err);
  CHECK(r.exit_code == 0);
  // C2, as of its latest event, Thu 15 Apr 2021. Besides the visits and reviews worked out at the
  // top of this file, placement_start on Mon 1 Mar opens the placement plan (5 working days:
  // 2-5 Mar (4), Mon 8 Mar) and the care and support plan (10 working days: 2-5 Mar (4), 8-12 (9),
  // Mon 15 Mar), neither recorded: overdue. So 7 duties: visits 1 and 2 met, review 1 late, the
  // two plans overdue, visit 3 (15 Apr + 6 weeks = Thu 27 May) and review 2 (1 Apr + 3 months =
  // Thu 1 Jul) pending. Events before what falls due the same day; the as-of mark after both.
  const auto out = lines_of(r.out);
  std::vector<std::string> heads;  // every line but the explanations (indented under their duty)
  for (const std::string& line : out) {
    if (!line.starts_with("    ")) heads.push_back(line);
  }
  const std::vector<std::string> expected{
      "Case C2, as of 2021-04-15: 5 events used; 7 duties (2 met, 1 late, 2 overdue, 2 pending); 1 refused variation.",
      "Rejected, not used: line 9, date: impossible date '2021-13-15': no such day in the calendar.",
      "",
      "2021-03-01  event    looked_after_start (line 4)",
      "2021-03-01  event    placement_start (line 5)",
      "2021-03-05  event    lac_visit (line 6)",
      "2021-03-08  due      Placement plan (wales.lac.placement_plan, occurrence 1, statutory standard): overdue",
      "2021-03-08  due      Visits to a looked-after child by the authority's representative (wales.lac.visit, "
      "occurrence 1, statutory standard): met, done 2021-03-05",
      "2021-03-15  due      Care and support plan for a looked-after child (wales.lac.care_plan, occurrence 1, "
      "statutory standard): overdue",
      "2021-03-29  due      Reviews of a looked-after child's case (wales.lac.review, occurrence 1, statutory "
      "standard): late, done 2021-04-01",
      "2021-04-01  event    lac_review (line 7)",
      "2021-04-01  refused  The lac_review on 2021-04-01 set visit_interval to 3 months, longer than the statutory "
      "limit of 6 weeks in force that day for wales.lac.visit (reg 31; reg 62(3)(c) for short breaks): refused, and "
      "the statutory interval stands (C7).",
      "2021-04-15  event    lac_visit (line 8)",
      "2021-04-15  as of    the day the duties were judged on; the dates below it are later",
      "2021-04-16  due      Visits to a looked-after child by the authority's representative (wales.lac.visit, "
      "occurrence 2, statutory standard): met, done 2021-04-15",
      "2021-05-27  due      Visits to a looked-after child by the authority's representative (wales.lac.visit, "
      "occurrence 3, statutory standard): pending",
      "2021-07-01  due      Reviews of a looked-after child's case (wales.lac.review, occurrence 2, statutory "
      "standard): pending",
  };
  CHECK(heads == expected);
  // Under each duty, its explanation: 7 of them, the same text as the obligation's explanation.
  std::size_t explanations = 0;
  for (std::size_t i = 1; i < out.size(); ++i) {
    if (!out[i].starts_with("    ")) continue;
    ++explanations;
    CHECK(contains(out[i - 1], "  due  "));
  }
  CHECK(explanations == 7);
  CHECK(contains(r.out, "                     wales.lac.review (statutory standard; rule confidence confirmed): Reviews "
                        "of a looked-after child's case. Source: Care Planning, Placement and Case Review (Wales) "
                        "Regulations 2015"));
  CHECK(contains(r.out, "Deadline: 2021-03-01 + 5 working days = Monday 2021-03-08."));
  CHECK_FALSE(contains(r.out, "wales.cp.icpc"));  // C1's
  // The counts on stderr are the whole file's, and say what was written.
  CHECK(contains(r.err, "events: 8 rows read = 7 used + 1 rejected"));
  CHECK(contains(r.err, "written: case C2 only, 7 obligations"));

  // Without --explain, or with another format, the child's obligations as rows.
  const Run rows = evaluate(shell_quoted(events) + " --case C2");
  CHECK(rows.exit_code == 0);
  CHECK(lines_of(rows.out).size() == 8);  // the header and 7 obligations
  CHECK(has_line(rows.out, "C2,wales.lac.visit,statutory,3,lac_visit,2021-04-15,2021-05-27,,pending,0,0,confirmed,\"South, east\""));
  CHECK_FALSE(contains(rows.out, "C1,"));
  const Run jsonl = evaluate(shell_quoted(events) + " --case C1 --explain --format jsonl");
  CHECK(jsonl.exit_code == 0);
  CHECK(lines_of(jsonl.out).size() == 1);  // the conference
  CHECK(contains(jsonl.out, "\"case_id\":\"C1\",\"rule\":\"wales.cp.icpc\""));

  // As of Sat 20 Mar the review (due 29 Mar) and visit 2 (due 16 Apr) are pending below the mark,
  // and the later events are listed as not used (C9).
  const Run early = evaluate(shell_quoted(events) + " --case C2 --explain --as-of 2021-03-20");
  CHECK(early.exit_code == 0);
  CHECK(contains(early.out, "Case C2, as of 2021-03-20: 3 events used (2 dated after, not used: C9); 5 duties "
                            "(1 met, 2 overdue, 2 pending)."));
  CHECK(has_line(early.out, "2021-03-20  as of    the day the duties were judged on; the dates below it are later"));
  CHECK(has_line(early.out, "2021-04-01  event    lac_review (line 7): after the as-of date, not used (C9)"));
}

TEST_CASE("evaluate --case: an unknown child, or one whose every row was rejected, is an error", "[cli_evaluate][timeline]") {
  if (!have_cli()) return;
  TempDir dir;
  const std::string events = dir.write("events.csv", bad_events);
  const Run unknown = evaluate(shell_quoted(events) + " --case C9 --explain");
  CHECK(unknown.exit_code == 2);
  CHECK(contains(unknown.err, events + ": no usable event of case C9"));
  CHECK(unknown.out.empty());
  const std::string c4 = dir.write("c4.csv", "case_id,event,date\nC4,home_visit,2021-03-02\nC4,referral,2021-02-30\n");
  const Run rejected = evaluate(shell_quoted(c4) + " --case C4");
  CHECK(rejected.exit_code == 2);  // no row of the file usable at all
  const std::string mixed = dir.write("mixed.csv", "case_id,event,date\nC4,home_visit,2021-03-02\nC5,referral,2021-03-01\n");
  const Run none = evaluate(shell_quoted(mixed) + " --case C4 --explain");
  CHECK(none.exit_code == 2);
  CHECK(contains(none.err, mixed + ": no usable event of case C4: its 1 row was rejected (see the rejected rows)"));
  CHECK(evaluate(shell_quoted(events) + " --format timeline").exit_code == 2);  // a timeline is one child's
  CHECK(contains(evaluate(shell_quoted(events) + " --format timeline").err, "give --case ID"));
}

TEST_CASE("evaluate --as-of judges on that day and leaves later events out", "[cli_evaluate]") {
  if (!have_cli()) return;
  TempDir dir;
  const std::string events = dir.write("events.csv", good_events);
  // As of Sat 20 Mar 2021: the conference (25 Mar), the review (1 Apr) and the second visit
  // (15 Apr) have not happened. The second visit is due 16 Apr: pending. The review, due 29 Mar:
  // pending. No conference yet: no ICPC obligation (the rule times conferences held).
  const Run r = evaluate(shell_quoted(events) + " --as-of 2021-03-20");
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(contains(r.err, "as of 2021-03-20"));
  CHECK(contains(r.err, "3 dated after 2021-03-20 not used"));
  CHECK(contains(r.err, "7 rows read = 7 used + 0 rejected"));
  CHECK_FALSE(contains(r.out, "wales.cp.icpc"));
  CHECK(has_line(r.out, "C2,wales.lac.visit,statutory,2,lac_visit,2021-03-05,2021-04-16,,pending,0,0,confirmed,South"));
  CHECK(has_line(r.out, "C2,wales.lac.review,statutory,1,looked_after_start,2021-03-01,2021-03-29,,pending,0,0,confirmed,South"));
  // As of Mon 19 Apr: the third visit, due 27 May, is pending; the review chain's next is due
  // 1 Apr + 3 months = 1 Jul.
  const Run later = evaluate(shell_quoted(events) + " --as-of 2021-04-19");
  CHECK(later.exit_code == 0);
  CHECK(has_line(later.out, "C2,wales.lac.review,statutory,2,lac_review,2021-04-01,2021-07-01,,pending,0,0,confirmed,South"));
  CHECK_FALSE(contains(later.err, "not used"));
}

TEST_CASE("evaluate --strict exits 1 when a row was rejected, 0 otherwise", "[cli_evaluate]") {
  if (!have_cli()) return;
  TempDir dir;
  const std::string good = dir.write("good.csv", good_events);
  const std::string bad = dir.write("bad.csv", bad_events);
  CHECK(evaluate(shell_quoted(good) + " --strict").exit_code == 0);
  const Run r = evaluate(shell_quoted(bad) + " --strict");
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "2 rejected"));
  CHECK(evaluate(shell_quoted(bad)).exit_code == 0);  // not strict: the other rows are used
}

TEST_CASE("evaluate exits 2 when it cannot work", "[cli_evaluate]") {
  if (!have_cli()) return;
  TempDir dir;
  const std::string good = dir.write("good.csv", good_events);

  const Run missing = evaluate(shell_quoted(dir.file("no-such.csv")));
  CHECK(missing.exit_code == 2);
  CHECK(contains(missing.err, "no-such.csv"));
  CHECK(missing.out.empty());

  const std::string no_date = dir.write("no-date.csv", "case_id,event,when\nC1,referral,2021-03-01\n");
  const Run column = evaluate(shell_quoted(no_date));
  CHECK(column.exit_code == 2);
  CHECK(contains(column.err, no_date + ":1:"));
  CHECK(contains(column.err, "date"));
  CHECK(column.out.empty());

  const std::string nul = dir.write("nul.csv", "case_id,event,date\nC1,refer\0ral,2021-03-01\n"s);
  const Run binary = evaluate(shell_quoted(nul));
  CHECK(binary.exit_code == 2);
  CHECK(contains(binary.err, nul + ":2:"));

  for (const char* as_of : {"2021-02-30", "yesterday", "2021-3-1"}) {
    const Run r = evaluate(shell_quoted(good) + " --as-of " + shell_quoted(as_of));
    INFO(as_of << ": " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "--as-of"));
    CHECK(r.out.empty());
  }
}

TEST_CASE("evaluate --summary prints compliance by rule", "[cli_evaluate]") {
  if (!have_cli()) return;
  TempDir dir;
  const std::string events = dir.write("events.csv", good_events);
  const Run r = evaluate(shell_quoted(events) + " --summary");
  INFO(r.out);
  CHECK(r.exit_code == 0);
  const auto out = lines_of(r.out);
  REQUIRE(out.size() >= 3);
  CHECK(out.front().starts_with("rule"));
  for (const char* column : {"standard", "confidence", "total", "met", "late", "missed", "overdue", "pending", "cancelled", "on time"}) {
    CHECK(contains(out.front(), column));
  }
  CHECK_FALSE(contains(r.out, obligations_header));
  // The conference: one obligation, late: 0% on time.
  bool icpc = false;
  for (const std::string& line : out) {
    if (!line.starts_with("wales.cp.icpc ")) continue;
    icpc = true;
    std::istringstream fields(line);
    std::string rule, standard, confidence;
    int total = 0, met = 0, late = 0;
    fields >> rule >> standard >> confidence >> total >> met >> late;
    CHECK(standard == "statutory");
    CHECK(confidence == "confirmed");
    CHECK(total == 1);
    CHECK(met == 0);
    CHECK(late == 1);
    CHECK(contains(line, "0.0%"));
  }
  CHECK(icpc);
  CHECK(contains(r.out, "wales.lac.visit"));
  CHECK(contains(r.err, "rows read"));
}

TEST_CASE("evaluate --summary --by team: compliance by team and rule", "[cli_evaluate]") {
  if (!have_cli()) return;
  TempDir dir;
  // As of Wed 30 Jun 2021 (the worklist's example, tests/test_worklist.cpp): North has C1's
  // conference and C3's decision and assessment, all pending; South has C2's assessment, overdue,
  // and its decision, met (on 6 Apr, the day due), and C4's conference, pending.
  const std::string events = dir.write("events.csv", open_duties_2021_csv);
  const Run r = evaluate(shell_quoted(events) + " --as-of 2021-06-30 --summary --by team");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  std::vector<std::string> rows;
  for (const std::string& line : lines_of(r.out)) {
    if (line.starts_with("on time = ")) continue;  // the footnote
    std::istringstream fields(line);
    std::string team, rule, standard, confidence, total, met, late, missed, overdue, pending, cancelled;
    if (!(fields >> team >> rule >> standard >> confidence >> total >> met >> late >> missed >> overdue >> pending >> cancelled)) continue;
    rows.push_back(team + " " + rule + " " + total + " " + met + " " + overdue + " " + pending);
  }
  CHECK(rows == std::vector<std::string>{
                    "team rule total met overdue pending",
                    "North wales.assessment.part3 1 0 0 1",
                    "North wales.assessment.referral_decision 1 0 0 1",
                    "North wales.cp.icpc 1 0 0 1",
                    "South wales.assessment.part3 1 0 1 0",
                    "South wales.assessment.referral_decision 1 1 0 0",
                    "South wales.cp.icpc 1 0 0 1",
                });
  const Run without = evaluate(shell_quoted(events) + " --by team");
  CHECK(without.exit_code == 2);
  CHECK(contains(without.err, "--by groups the --summary"));
}

TEST_CASE("evaluate: the 2018 example of a local monthly standard beside the probable six-weekly law",
          "[cli][C12][C13]") {
  if (!have_cli()) return;
  // examples/cp-visits-2018/README.md works out every deadline by hand.
  const std::string dir = std::string(TIMESCALES_SOURCE_DIR);
  const Run r = evaluate(shell_quoted(dir + "/examples/cp-visits-2018/events.csv") + " --rules " +
                         shell_quoted(dir + "/rules") + " --as-of 2018-05-31 --summary");
  INFO(r.err);
  CHECK(r.exit_code == 0);
  const auto row = [&](std::string_view rule) {
    for (const std::string& line : lines_of(r.out)) {
      if (line.starts_with(std::string(rule) + " ")) return line;
    }
    return std::string();
  };
  std::istringstream local(row("local.example.cp.visit.monthly")), law(row("wales.cp.visit"));
  std::string rule, standard, confidence, mark, percent;
  int total = 0, met = 0, late = 0, missed = 0, overdue = 0, pending = 0, cancelled = 0;
  local >> rule >> standard >> confidence >> total >> met >> late >> missed >> overdue >> pending >> cancelled >> percent;
  CHECK(std::tie(standard, confidence, total, met, late, missed, overdue, pending, cancelled, percent) ==
        std::make_tuple("local", "confirmed", 11, 4, 4, 0, 1, 1, 1, "44.4%"));
  law >> rule >> standard >> confidence >> mark >> total >> met >> late >> missed >> overdue >> pending >> cancelled >> percent;
  CHECK(std::tie(standard, confidence, mark, total, met, late, missed, overdue, pending, cancelled, percent) ==
        std::make_tuple("statutory", "probable", "*", 11, 7, 1, 0, 0, 2, 1, "87.5%"));
  CHECK(contains(r.out, "not settled law (C13)"));
}

TEST_CASE("evaluate - reads standard input, and -o - writes standard output", "[cli_evaluate]") {
  if (!have_cli()) return;
  TempDir dir;
  const std::string events = dir.write("events.csv", good_events);
  const Run from_file = evaluate(shell_quoted(events));
  const Run piped = evaluate("- -o - < " + shell_quoted(events));
  INFO(piped.err);
  CHECK(piped.exit_code == 0);
  CHECK(piped.out == from_file.out);  // the same obligations
  CHECK(contains(piped.err, "events: 7 rows read = 7 used + 0 rejected"));
  // A row that cannot be used is named by its line of standard input.
  const std::string bad = dir.write("bad.csv", "case_id,event,date\nC1,refer,2021-03-01\n");
  const Run none = evaluate("- < " + shell_quoted(bad));
  CHECK(none.exit_code == 2);
  CHECK(contains(none.err, "standard input: no row could be used (1 read, 1 rejected)"));
  CHECK(contains(none.err, "  standard input:2: event: unknown event 'refer'"));
  // Only one output can go to standard output, and a workbook never does.
  const Run two = evaluate(shell_quoted(events) + " --rejected -");
  CHECK(two.exit_code == 2);
  CHECK(contains(two.err, "--out and --rejected both write to standard output ('-'); give one a file"));
  const Run workbook = evaluate(shell_quoted(events) + " --format xlsx -o -");
  CHECK(workbook.exit_code == 2);
  CHECK(contains(workbook.err, "name it with --out FILE.xlsx"));
  const Run rejected_only = evaluate(shell_quoted(events) + " -o " + shell_quoted(dir.file("out.csv")) + " --rejected -");
  CHECK(rejected_only.exit_code == 0);
  CHECK(rejected_only.out == "line,case_id,column,reason\n");  // none rejected: the header alone
}

namespace {

// good_events as a council's system exports them: its own names for three event columns, its own
// column order, and dates day first (one without leading zeros). The same events, so the same
// obligations.
constexpr std::string_view council_events =
    "Child Ref,Event Date,Event Type,seen_alone,at_home,Visit Frequency,team\n"
    "C1,01/03/2021,strategy_discussion,,,,North\n"
    "C1,25/03/2021,icpc,,,,North\n"
    "C2,1/3/2021,looked_after_start,,,,South\n"
    "C2,01/03/2021,placement_start,,,,South\n"
    "C2,05/03/2021,lac_visit,,,,South\n"
    "C2,01/04/2021,lac_review,,,3 months,South\n"
    "C2,15/04/2021,lac_visit,,,,\"South, east\"\n";

constexpr std::string_view council_columns_file =
    "# The council's export (docs/formats.md, \"Council exports\")\n"
    "date_format = \"%d/%m/%Y\"\n"
    "[columns]\n"
    "\"Child Ref\" = \"case_id\"\n"
    "\"Event Date\" = \"date\"\n"
    "\"Event Type\" = \"event\"\n"
    "\"Visit Frequency\" = \"visit_interval\"\n";

}  // namespace

TEST_CASE("evaluate a council export with --date-format and --column, or --columns: the canonical file's obligations",
          "[cli_evaluate][date_format]") {
  if (!have_cli()) return;
  TempDir dir;
  const Run canonical = evaluate(shell_quoted(dir.write("events.csv", good_events)));
  REQUIRE(canonical.exit_code == 0);
  const std::string council = dir.write("council.csv", council_events);
  const Run by_options = evaluate(shell_quoted(council) +
                                  " --date-format %d/%m/%Y --column 'Child Ref=case_id' --column 'Event Date=date'"
                                  " --column 'Event Type=event' --column 'Visit Frequency=visit_interval'");
  INFO(by_options.err);
  CHECK(by_options.exit_code == 0);
  CHECK(by_options.out == canonical.out);
  CHECK(contains(by_options.err, "events: 7 rows read = 7 used + 0 rejected"));
  // --column takes one value: the events file may follow it.
  const Run file_last = evaluate("--date-format %d/%m/%Y --column 'Child Ref=case_id' --column 'Event Date=date'"
                                 " --column 'Event Type=event' --column 'Visit Frequency=visit_interval' " +
                                 shell_quoted(council));
  CHECK(file_last.exit_code == 0);
  CHECK(file_last.out == canonical.out);
  const std::string columns = dir.write("export.toml", council_columns_file);
  const Run by_file = evaluate(shell_quoted(council) + " --columns " + shell_quoted(columns));
  INFO(by_file.err);
  CHECK(by_file.exit_code == 0);
  CHECK(by_file.out == canonical.out);
  // Every command that reads events takes them: the worklist as well.
  const Run worklist = run_cli("worklist " + shell_quoted(council) + " --columns " + shell_quoted(columns));
  const Run worklist_canonical = run_cli("worklist " + shell_quoted(dir.file("events.csv")));
  CHECK(worklist.exit_code == worklist_canonical.exit_code);
  CHECK(worklist.out == worklist_canonical.out);
  // Without the date format the export's dates are not ISO 8601: every row is rejected, and said so.
  const Run no_format = evaluate(shell_quoted(council) + " --column 'Child Ref=case_id' --column 'Event Date=date'"
                                 " --column 'Event Type=event' --column 'Visit Frequency=visit_interval'");
  CHECK(no_format.exit_code == 2);
  CHECK(contains(no_format.err, council + ":2: date: malformed date '01/03/2021': expected YYYY-MM-DD"));
}

TEST_CASE("evaluate --date-format: a date that does not match is rejected with its line and field", "[cli_evaluate][date_format]") {
  if (!have_cli()) return;
  TempDir dir;
  // Line 3 is ISO 8601, not the export's format; line 4 names 31 February.
  const std::string council = dir.write("council.csv",
                                        "Child Ref,event,date\n"
                                        "C1,strategy_discussion,01/03/2021\n"
                                        "C1,icpc,2021-03-25\n"
                                        "C1,icpc,31/02/2021\n"
                                        "C2,referral,02/03/2021\n");
  const Run r = evaluate(shell_quoted(council) + " --date-format %d/%m/%Y --column 'Child Ref=case_id' --rejected " +
                         shell_quoted(dir.file("rejected.csv")));
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(slurp(dir.file("rejected.csv")) ==
        "line,case_id,column,reason\n"
        "3,C1,date,malformed date '2021-03-25': expected DD/MM/YYYY (the date format %d/%m/%Y)\n"
        "4,C1,date,impossible date '31/02/2021': no such day in the calendar\n");
  CHECK(contains(r.err, "events: 4 rows read = 2 used + 2 rejected"));
  const Run listed = evaluate(shell_quoted(council) + " --date-format %d/%m/%Y --column 'Child Ref=case_id'");
  CHECK(contains(listed.err, council + ":3: date: malformed date '2021-03-25': expected DD/MM/YYYY"));
}

TEST_CASE("evaluate: a bad --date-format, --column or --columns is a usage error naming it", "[cli_evaluate][date_format]") {
  if (!have_cli()) return;
  TempDir dir;
  const std::string council = dir.write("council.csv", council_events);
  const Run two_digit = evaluate(shell_quoted(council) + " --date-format %d/%m/%y");
  CHECK(two_digit.exit_code == 2);
  CHECK(contains(two_digit.err, "--date-format"));
  CHECK(contains(two_digit.err, "two-digit year"));
  const Run spelt = evaluate(shell_quoted(council) + " --date-format dd/mm/yyyy");
  CHECK(spelt.exit_code == 2);
  CHECK(contains(spelt.err, "write %d/%m/%Y"));
  const Run unknown = evaluate(shell_quoted(council) + " --column 'Child Ref=child'");
  CHECK(unknown.exit_code == 2);
  CHECK(contains(unknown.err, "'child' is not an event column"));
  const Run no_eq = evaluate(shell_quoted(council) + " --column 'Child Ref'");
  CHECK(no_eq.exit_code == 2);
  CHECK(contains(no_eq.err, "is not THEIRS=OURS"));
  const Run missing = evaluate(shell_quoted(council) + " --date-format %d/%m/%Y --column 'Child=case_id'");
  CHECK(missing.exit_code == 2);
  CHECK(contains(missing.err, council + ":1: no column 'Child' to map to case_id: the header has no such column"));
  const std::string bad_file = dir.write("export.toml", "[columns]\n\"Child Ref\" = \"case_id\"\n\"Event Type\" = \"kind\"\n");
  const Run file = evaluate(shell_quoted(council) + " --columns " + shell_quoted(bad_file));
  CHECK(file.exit_code == 2);
  CHECK(contains(file.err, bad_file + ":3:16: column mapping 'Event Type'='kind': 'kind' is not an event column"));
  const Run absent = evaluate(shell_quoted(council) + " --columns " + shell_quoted(dir.file("none.toml")));
  CHECK(absent.exit_code == 2);
  CHECK(contains(absent.err, dir.file("none.toml") + ": cannot open the file"));
  // --column and --date-format override the file: the file's date format is wrong here, the option right.
  const std::string iso_file = dir.write("iso.toml", std::string(council_columns_file).replace(
                                                         std::string(council_columns_file).find("%d/%m/%Y"), 8, "%Y-%m-%d"));
  const Run overridden = evaluate(shell_quoted(council) + " --columns " + shell_quoted(iso_file) + " --date-format %d/%m/%Y");
  CHECK(overridden.exit_code == 0);
  CHECK(contains(overridden.err, "7 rows read = 7 used + 0 rejected"));
}

TEST_CASE("threads option: evaluate and worklist and report write the same bytes on 1 thread as on 4 or 0 (every core) and refuse bad values", "[cli_evaluate][large]") {
  if (!have_cli()) return;
  TempDir dir;
  // About 110,000 events: enough for the engine's cut-off (50,000 events a thread) to split them.
  const std::string events = dir.file("events.csv");
  REQUIRE(run_cli("generate --children 6000 --seed 3 -o " + shell_quoted(events)).exit_code == 0);
  const auto output = [&](const std::string& command, const std::string& threads) {
    const Run r = stdout_of(command + " " + shell_quoted(events) + " --threads " + threads);
    INFO(command << " --threads " << threads);
    CHECK(r.exit_code == 0);
    return r.out;
  };
  for (const std::string command : {"evaluate", "worklist --by team", "report --all"}) {
    const std::string one = output(command, "1");
    CHECK(lines_of(one).size() > 20);
    CHECK(output(command, "4") == one);
    CHECK(output(command, "0") == one);
  }
  for (const std::string bad : {"abc", "-1", "1.5", "''", "5000"}) {
    const Run r = both_of("evaluate " + shell_quoted(events) + " --threads " + bad);
    INFO("--threads " << bad << ": " << r.out);
    CHECK(r.exit_code == 2);
    CHECK(contains(r.out, "give a whole number of threads from 1 to 1024, or 0 for every core"));
  }
}
