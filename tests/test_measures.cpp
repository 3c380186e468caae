// Performance measures: the built-in definitions and their worked examples, the measure loader's
// diagnostics (file, line, message), and report() counted by hand: period boundaries on both
// bases, financial-year periods, groups, count measures, PM24 across the 2016 change of regime
// (C10), the years a measure reports, drill-down matching the figures, and C9's pending and
// cancelled obligations kept out of every denominator.
//
// Every expected figure below was worked out by hand from docs/conventions.md and the bank-holiday list
// (and cross-checked with an independent calculator), never by running the code under test.
#include <algorithm>
#include <cstddef>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "support.hpp"
#include "timescales/engine.hpp"
#include "timescales/target.hpp"
#include "timescales/event_csv.hpp"
#include "timescales/load.hpp"
#include "timescales/load_measures.hpp"
#include "timescales/report.hpp"

namespace {

using namespace timescales;
using timescales::testing::date_of;
using timescales::testing::table_of;

const std::string measure_file = "council/measures/test.toml";

// A valid measure definition, one key per line so that diagnostics have known lines:
//   1 [[measure]]   2 id   3 title   4 summary   5 rules   6 standard   7 basis   8 numerator
//   9 denominator   10 unit   11 extra (reports_from, ...)   12 [measure.source]   13-15 source keys
struct Def {
  std::string id = "test.measure";
  std::string rules = R"(["wales.assessment.part3"])";
  std::string standard = R"("statutory")";
  std::string basis = R"("completed_in_period")";
  std::string numerator = R"(["met"])";
  std::string denominator = R"(["met", "late"])";
  std::string unit = R"("children")";
  std::string extra;
};

std::string text_of(const Def& d) {
  return "[[measure]]\n"
         "id = \"" + d.id + "\"\n"
         "title = \"A test measure\"\n"
         "summary = \"For the tests.\"\n"
         "rules = " + d.rules + "\n"
         "standard = " + d.standard + "\n"
         "basis = " + d.basis + "\n"
         "numerator = " + d.numerator + "\n"
         "denominator = " + d.denominator + "\n"
         "unit = " + d.unit + "\n" +
         d.extra + "\n"
         "[measure.source]\n"
         "name = \"A test source\"\n"
         "url = \"https://www.example.org/measure\"\n"
         "definition = \"the share on time\"\n";
}

std::expected<std::vector<Measure>, Diagnostics> load_text(const std::string& text,
                                                           const Rulebook& rules = builtin_rulebook(),
                                                           const std::string& file = measure_file) {
  const SourceFile source{file, text};
  return load_measures(std::span(&source, 1), rules);
}

std::string listed(const Diagnostics& ds) {
  std::string out;
  for (const Diagnostic& d : ds) out += "\n  " + d.to_string();
  return out;
}

// The definition must fail with exactly one diagnostic, at this line, with this message and hint.
void check_one_diagnostic(const Def& def, int line, const std::string& message, const std::string& hint = {},
                          const Rulebook& rules = builtin_rulebook()) {
  const auto loaded = load_text(text_of(def), rules);
  REQUIRE_FALSE(loaded.has_value());
  const Diagnostics& ds = loaded.error();
  INFO("diagnostics:" << listed(ds));
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].file == measure_file);
  CHECK(ds[0].line == line);
  CHECK(ds[0].message == message);
  CHECK(ds[0].hint == hint);
}

// The rules directory of the source tree: the built-in rules and the local example standards.
const Rulebook& source_tree_rules() {
  static const Rulebook rules = [] {
    const auto files = read_sources(TIMESCALES_SOURCE_DIR "/rules");
    if (!files) throw std::runtime_error(files.error().message);
    auto loaded = load_rulebook(*files);
    if (!loaded) throw std::runtime_error("the source tree's rules do not load:" + listed(loaded.error()));
    return std::move(*loaded);
  }();
  return rules;
}

const Measure& builtin(std::string_view id) {
  const auto& all = builtin_measures();
  const auto it = std::ranges::find(all, id, &Measure::id);
  if (it == all.end()) throw std::runtime_error("no built-in measure " + std::string(id));
  return *it;
}

Measure loaded_one(const Def& def) {
  auto loaded = load_text(text_of(def));
  if (!loaded) throw std::runtime_error("a test measure does not load:" + listed(loaded.error()));
  if (loaded->size() != 1) throw std::runtime_error("expected one measure");
  return std::move(loaded->front());
}

DateRange range(std::string_view first, std::string_view last) { return {date_of(first), date_of(last)}; }

// "all" for the row of all; else the group's values, joined by commas.
std::string group_of(const ReportRow& row) {
  if (row.all) return "all";
  std::string out;
  for (const std::string& v : row.group) out += (out.empty() ? "" : ",") + v;
  return out;
}

const ReportRow* find_row(const Report& r, std::string_view measure, std::string_view first, std::string_view group) {
  for (const ReportRow& row : r.rows) {
    if (row.measure->id == measure && row.period.first == date_of(first) && group_of(row) == group) return &row;
  }
  return nullptr;
}

// PM24 over two financial years, by team. Worked by hand (C2: the referral is day 0):
//   A North: referral Tue 5 Apr 2016, before the 2014 Act: judged by wales.assessment.initial
//            (7 working days, due Thu 14 Apr; done 20 Apr: late), never by PM24 (C10).
//   B North: Wed 6 Apr 2016 + 42 working days = Tue 7 Jun (bank holidays Mon 2 and Mon 30 May);
//            done 20 May: met, completed in 2016-17.
//   C South: Mon 11 Apr 2016 + 42 working days = Fri 10 Jun; done Fri 1 Jul: late (21 days),
//            completed in 2016-17 (quarter Jul-Sep 2016).
//   D South: Wed 1 Feb 2017 + 42 working days = Fri 31 Mar 2017 (no bank holiday in Feb or Mar
//            2017); done 31 Mar, the last day of the year: met, in 2016-17.
//   E North: Thu 2 Feb 2017 + 42 working days = Mon 3 Apr 2017; done 3 Apr: met, in 2017-18.
//   F South: Thu 1 Jun 2017 + 42 working days = Mon 31 Jul 2017; done Fri 1 Sep: late, in 2017-18.
//   G North: referral Mon 15 Jan 2018, never completed: no completion date, never counted on the
//            completed basis.
// 2016-17: numerator 2 (B, D), denominator 3 (B, C, D); North 1/1, South 1/2.
// 2017-18: 1/2 (E met, F late); North 1/1, South 0/1.
constexpr std::string_view pm24_events =
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
    "G,referral,2018-01-15,North\n";

}  // namespace

// ---------------------------------------------------------------------------------------------
// The built-in measures

TEST_CASE("measures: every built-in measure loads, cites its source and carries examples", "[measures]") {
  const auto& all = builtin_measures();
  std::size_t files = 0;
  for (const SourceFile& f : builtin_sources()) files += is_measure_file(f.path) ? 1 : 0;
  CHECK(files >= 12);
  CHECK(all.size() == files);  // one measure a file
  for (const char* id : {"wales.pm24", "wales.ch012", "wales.cp.icpc.timeliness", "wales.cp.core_group.first.timeliness",
                         "wales.lac.visit.statutory", "wales.lac.visit.plan"}) {
    CHECK(std::ranges::find(all, std::string_view(id), &Measure::id) != all.end());
  }
  for (const Measure& m : all) {
    INFO(m.id);
    CHECK_FALSE(m.title.empty());
    CHECK_FALSE(m.source_definition.empty());
    CHECK_FALSE(m.examples.empty());
    CHECK_FALSE(m.rules.empty());
  }
  CHECK(builtin("wales.ch012").denominator.empty());
  CHECK(builtin("wales.pm24").reports_from == date_of("2016-04-01"));
  CHECK(builtin("wales.pm24").reports_to == date_of("2020-03-31"));
}

TEST_CASE("measures: the worked examples of every built-in measure hold", "[measures]") {
  for (const Measure& m : builtin_measures()) {
    for (const MeasureExample& ex : m.examples) {
      DYNAMIC_SECTION(m.id << ": " << ex.name) {
        const auto result = run_measure_example(m, ex, builtin_rulebook());
        std::string differences;
        for (const std::string& d : result.differences) differences += "\n  " + d;
        INFO(m.file << ":" << ex.line << differences);
        CHECK(result.differences.empty());
        CHECK(result.numerator == ex.numerator);
        if (ex.denominator) CHECK(result.denominator == *ex.denominator);
      }
    }
  }
}

TEST_CASE("measures: a wrong expectation in a worked example is reported, not hidden", "[measures]") {
  const Measure& pm24 = builtin("wales.pm24");
  MeasureExample wrong = pm24.examples.front();
  wrong.numerator = 2;
  wrong.denominator = 3;
  const auto result = run_measure_example(pm24, wrong, builtin_rulebook());
  CHECK(result.numerator == 1);
  CHECK(result.denominator == 2);
  REQUIRE(result.differences.size() == 2);
  CHECK(result.differences[0] == "numerator: expected 2, got 1");
  CHECK(result.differences[1] == "denominator: expected 3, got 2");
}

TEST_CASE("measures: an example outside the years the measure reports is a difference, not a crash", "[measures]") {
  // PM24 reports 2016-04-01 to 2020-03-31; an example window in 2021-22 gives no report row at all.
  const Measure& pm24 = builtin("wales.pm24");
  MeasureExample outside = pm24.examples.front();
  outside.from = date_of("2021-04-01");
  outside.to = date_of("2022-03-31");
  const auto result = run_measure_example(pm24, outside, builtin_rulebook());
  REQUIRE(result.differences.size() == 1);
  CHECK(result.differences[0] ==
        "the example's window 2021-04-01 to 2022-03-31 is outside the years the measure reports (2016-04-01 to 2020-03-31)");
  CHECK(result.numerator == 0);
  MeasureExample backwards = pm24.examples.front();
  std::swap(backwards.from, backwards.to);
  const auto b = run_measure_example(pm24, backwards, builtin_rulebook());
  REQUIRE(b.differences.size() == 1);
  CHECK(b.differences[0] == "the example's window ends (2016-04-01) before it starts (2017-03-31)");
}

// ---------------------------------------------------------------------------------------------
// The loader's diagnostics

TEST_CASE("measures: the test definition loads as written", "[measures]") {
  const auto loaded = load_text(text_of(Def{}));
  INFO((loaded ? std::string() : listed(loaded.error())));
  REQUIRE(loaded.has_value());
  REQUIRE(loaded->size() == 1);
  const Measure& m = loaded->front();
  CHECK(m.id == "test.measure");
  CHECK(m.file == measure_file);
  CHECK(m.line == 1);
  CHECK(m.rules == std::vector<std::string>{"wales.assessment.part3"});
  CHECK(m.standard == Standard::statutory);
  CHECK(m.basis == Basis::completed_in_period);
  CHECK(m.numerator == std::vector<Status>{Status::met});
  CHECK(m.denominator == std::vector<Status>{Status::met, Status::late});
  CHECK_FALSE(m.reports_from.has_value());
}

TEST_CASE("measures: an unknown rule id, with the nearest one suggested", "[measures]") {
  Def d;
  d.rules = R"(["wales.assesment.part3"])";
  check_one_diagnostic(d, 5, "measure test.measure: unknown rule 'wales.assesment.part3'",
                       "did you mean 'wales.assessment.part3'?");
}

TEST_CASE("measures: a rule not in effect in the years the measure reports (C10)", "[measures]") {
  Def d;
  d.rules = R"(["wales.assessment.initial"])";
  d.extra = "reports_from = 2017-04-01";
  check_one_diagnostic(d, 5,
                       "measure test.measure: rule wales.assessment.initial is not in effect in the period this "
                       "measure reports (C10)");
  // effective_to is exclusive: the initial assessment ended the day before 6 Apr 2016.
  d.extra = "reports_from = 2016-04-06";
  check_one_diagnostic(d, 5,
                       "measure test.measure: rule wales.assessment.initial is not in effect in the period this "
                       "measure reports (C10)");
  d.extra = "reports_from = 2016-04-05";
  CHECK(load_text(text_of(d)).has_value());
  // And the other way: Part 3 assessments began on 6 Apr 2016.
  d.rules = R"(["wales.assessment.part3"])";
  d.extra = "reports_to = 2016-04-05";
  check_one_diagnostic(d, 5,
                       "measure test.measure: rule wales.assessment.part3 is not in effect in the period this "
                       "measure reports (C10)");
  d.extra = "reports_to = 2016-04-06";
  CHECK(load_text(text_of(d)).has_value());
}

TEST_CASE("measures: bad standard, basis and status names", "[measures]") {
  SECTION("standard") {
    Def d;
    d.standard = R"("statutary")";
    check_one_diagnostic(d, 6, "measure test.measure: 'standard' must be one of statutory, plan, local, not 'statutary'",
                         "did you mean 'statutory'?");
  }
  SECTION("basis") {
    Def d;
    d.basis = R"("completed_in_perod")";
    check_one_diagnostic(d, 7,
                         "measure test.measure: 'basis' must be one of completed_in_period, due_in_period, not "
                         "'completed_in_perod'",
                         "did you mean 'completed_in_period'?");
  }
  SECTION("a numerator status") {
    Def d;
    d.numerator = R"(["mett"])";
    d.denominator = "[]";
    check_one_diagnostic(d, 8,
                         "measure test.measure: 'numerator' lists statuses (met, late, missed, overdue, pending, "
                         "cancelled)",
                         "did you mean 'met'?");
  }
  SECTION("a denominator status") {
    Def d;
    d.denominator = R"(["met", "lte"])";
    check_one_diagnostic(d, 9,
                         "measure test.measure: 'denominator' lists statuses (met, late, missed, overdue, pending, "
                         "cancelled)",
                         "did you mean 'late'?");
  }
}

TEST_CASE("measures: a numerator status missing from the denominator", "[measures]") {
  Def d;
  d.numerator = R"(["met", "late"])";
  d.denominator = R"(["met", "missed"])";
  check_one_diagnostic(d, 8, "measure test.measure: status 'late' is in the numerator but not the denominator");
}

TEST_CASE("measures: pending and cancelled cannot be counted in a denominator (C9)", "[measures]") {
  Def d;
  d.basis = R"("due_in_period")";
  d.denominator = R"(["met", "late", "pending"])";
  check_one_diagnostic(d, 9,
                       "measure test.measure: 'denominator' cannot list pending: it is not yet judged for or "
                       "against compliance (C9)");
  d.denominator = R"(["met", "late", "cancelled"])";
  check_one_diagnostic(d, 9,
                       "measure test.measure: 'denominator' cannot list cancelled: it is not counted for or "
                       "against compliance (C9)");
  d.numerator = R"(["cancelled"])";
  d.denominator = "[]";
  check_one_diagnostic(d, 8,
                       "measure test.measure: 'numerator' cannot list cancelled: it is not counted for or "
                       "against compliance (C9)");
}

TEST_CASE("measures: local rules and local measures must agree (C12)", "[measures]") {
  const Rulebook& rules = source_tree_rules();
  REQUIRE(rules.family("local.example.assessment.proportionate") != nullptr);
  SECTION("a statutory measure over a local rule") {
    Def d;
    d.rules = R"(["local.example.assessment.proportionate"])";
    check_one_diagnostic(d, 5,
                         "measure test.measure: rule local.example.assessment.proportionate is a local standard: "
                         "the measure must say standard = \"local\" (C12)",
                         {}, rules);
  }
  SECTION("a local measure over a statutory rule") {
    Def d;
    d.standard = R"("local")";
    check_one_diagnostic(d, 5,
                         "measure test.measure: a local measure must count local rules, and "
                         "wales.assessment.part3 is statutory (C12)",
                         {}, rules);
  }
  SECTION("a local measure over a local rule loads") {
    Def d;
    d.rules = R"(["local.example.assessment.proportionate"])";
    d.standard = R"("local")";
    const auto loaded = load_text(text_of(d), rules);
    INFO((loaded ? std::string() : listed(loaded.error())));
    REQUIRE(loaded.has_value());
    CHECK(loaded->front().standard == Standard::local);
  }
}

TEST_CASE("measures: a plan measure over a rule with no variation (C7)", "[measures]") {
  Def d;
  d.standard = R"("plan")";
  check_one_diagnostic(d, 5,
                       "measure test.measure: a plan measure counts plan obligations, and rule "
                       "wales.assessment.part3 has no variation (C7)");
  d.rules = R"(["wales.lac.visit"])";
  d.basis = R"("due_in_period")";
  CHECK(load_text(text_of(d)).has_value());
}

TEST_CASE("measures: duplicate measure ids, in one file and across files", "[measures]") {
  Def d;
  const std::string one = text_of(d);
  const int second_line = static_cast<int>(std::ranges::count(one, '\n')) + 1;
  SECTION("one file") {
    const auto loaded = load_text(one + one);
    REQUIRE_FALSE(loaded.has_value());
    INFO("diagnostics:" << listed(loaded.error()));
    REQUIRE(loaded.error().size() == 1);
    CHECK(loaded.error()[0].file == measure_file);
    CHECK(loaded.error()[0].line == second_line);
    CHECK(loaded.error()[0].message == "duplicate measure id 'test.measure'");
  }
  SECTION("two files") {
    const SourceFile files[] = {{"a/measures/one.toml", one}, {"b/measures/two.toml", one}};
    const auto loaded = load_measures(files, builtin_rulebook());
    REQUIRE_FALSE(loaded.has_value());
    INFO("diagnostics:" << listed(loaded.error()));
    REQUIRE(loaded.error().size() == 1);
    CHECK(loaded.error()[0].file == "b/measures/two.toml");
    CHECK(loaded.error()[0].line == 1);
    CHECK(loaded.error()[0].message == "duplicate measure id 'test.measure'");
  }
  SECTION("distinct ids load together") {
    Def other;
    other.id = "test.other";
    CHECK(load_text(one + text_of(other)).has_value());
  }
}

TEST_CASE("measures: the unit is children (C11)", "[measures]") {
  Def d;
  d.unit = R"("referrals")";
  check_one_diagnostic(d, 10, "measure test.measure: 'unit' must be \"children\": measures count children's obligations (C11)");
  d.unit = "3";
  check_one_diagnostic(d, 10, "measure test.measure: 'unit' must be \"children\": measures count children's obligations (C11)");
}

TEST_CASE("measures: a truncated file", "[measures]") {
  const std::string whole = text_of(Def{});
  // Cut inside the title's string on line 3.
  const std::string cut = whole.substr(0, whole.find("test measure"));
  const auto loaded = load_text(cut);
  REQUIRE_FALSE(loaded.has_value());
  INFO("diagnostics:" << listed(loaded.error()));
  REQUIRE(loaded.error().size() == 1);
  CHECK(loaded.error()[0].file == measure_file);
  CHECK(loaded.error()[0].line == 3);
  CHECK(loaded.error()[0].message.starts_with("not valid TOML: "));
}

TEST_CASE("measures: several problems are all reported", "[measures]") {
  Def d;
  d.rules = R"(["wales.nope"])";
  d.standard = R"("statutary")";
  d.unit = R"("cases")";
  const auto loaded = load_text(text_of(d));
  REQUIRE_FALSE(loaded.has_value());
  INFO("diagnostics:" << listed(loaded.error()));
  std::vector<int> lines;
  for (const Diagnostic& diag : loaded.error()) lines.push_back(diag.line);
  std::ranges::sort(lines);
  CHECK(lines == std::vector<int>{5, 6, 10});
}

// ---------------------------------------------------------------------------------------------
// periods()

TEST_CASE("measures: periods follow the Welsh financial year", "[measures]") {
  SECTION("quarters") {
    CHECK(periods(date_of("2021-05-15"), date_of("2022-04-02"), Granularity::quarter) ==
          std::vector<DateRange>{range("2021-04-01", "2021-06-30"), range("2021-07-01", "2021-09-30"),
                                 range("2021-10-01", "2021-12-31"), range("2022-01-01", "2022-03-31"),
                                 range("2022-04-01", "2022-06-30")});
    CHECK(periods(date_of("2022-02-10"), date_of("2022-02-10"), Granularity::quarter) ==
          std::vector<DateRange>{range("2022-01-01", "2022-03-31")});
    CHECK(periods(date_of("2021-03-31"), date_of("2021-04-01"), Granularity::quarter) ==
          std::vector<DateRange>{range("2021-01-01", "2021-03-31"), range("2021-04-01", "2021-06-30")});
  }
  SECTION("years") {
    CHECK(periods(date_of("2020-03-31"), date_of("2021-04-01"), Granularity::year) ==
          std::vector<DateRange>{range("2019-04-01", "2020-03-31"), range("2020-04-01", "2021-03-31"),
                                 range("2021-04-01", "2022-03-31")});
    CHECK(periods(date_of("2016-01-01"), date_of("2016-01-01"), Granularity::year) ==
          std::vector<DateRange>{range("2015-04-01", "2016-03-31")});
  }
  SECTION("months, through a leap February") {
    CHECK(periods(date_of("2020-01-31"), date_of("2020-04-01"), Granularity::month) ==
          std::vector<DateRange>{range("2020-01-01", "2020-01-31"), range("2020-02-01", "2020-02-29"),
                                 range("2020-03-01", "2020-03-31"), range("2020-04-01", "2020-04-30")});
  }
  SECTION("whole, and an empty range") {
    CHECK(periods(date_of("2021-05-15"), date_of("2022-04-02"), Granularity::whole) ==
          std::vector<DateRange>{range("2021-05-15", "2022-04-02")});
    CHECK(periods(date_of("2021-05-15"), date_of("2021-05-14"), Granularity::quarter).empty());
  }
}

// ---------------------------------------------------------------------------------------------
// report()

TEST_CASE("measures: period boundaries on both bases", "[measures]") {
  // Part 3 assessments (42 working days; Mon 3 May 2021 is a bank holiday):
  //   P1: Thu 29 Apr 2021 + 42 = Wed 30 Jun; done 30 Jun: met. Due Q1, completed Q1.
  //   P2: Fri 30 Apr 2021 + 42 = Thu 1 Jul;  done 1 Jul:  met. Due Q2, completed Q2.
  //   P3: Fri 30 Apr 2021 + 42 = Thu 1 Jul;  done 30 Jun: met. Due Q2, completed Q1.
  //   P4: Thu 29 Apr 2021 + 42 = Wed 30 Jun; done 1 Jul:  late. Due Q1, completed Q2.
  // Completed basis: Q1 (Apr-Jun) P1, P3: 2 of 2; Q2 (Jul-Sep) P2, P4: 1 of 2.
  // Due basis:       Q1 P1, P4: 1 of 2;           Q2 P2, P3: 2 of 2.
  const EventTable events = table_of(
      "case_id,event,date\n"
      "P1,referral,2021-04-29\n"
      "P1,assessment_completed,2021-06-30\n"
      "P2,referral,2021-04-30\n"
      "P2,assessment_completed,2021-07-01\n"
      "P3,referral,2021-04-30\n"
      "P3,assessment_completed,2021-06-30\n"
      "P4,referral,2021-04-29\n"
      "P4,assessment_completed,2021-07-01\n");
  const Evaluation evaluation = evaluate(events, builtin_rulebook());
  Def completed_def;
  completed_def.id = "test.completed";
  Def due_def;
  due_def.id = "test.due";
  due_def.basis = R"("due_in_period")";
  due_def.denominator = R"(["met", "late", "missed", "overdue"])";
  const Measure completed = loaded_one(completed_def);
  const Measure due = loaded_one(due_def);
  const Measure* both[] = {&completed, &due};
  const Report r = report(both, evaluation, {date_of("2021-04-01"), date_of("2021-09-30"), Granularity::quarter, {}});
  REQUIRE(r.rows.size() == 4);
  const auto check = [&](std::string_view id, std::string_view first, std::size_t numerator, std::size_t denominator) {
    const ReportRow* row = find_row(r, id, first, "all");
    INFO(id << " " << first);
    REQUIRE(row != nullptr);
    CHECK(row->numerator == numerator);
    CHECK(row->denominator == denominator);
  };
  check("test.completed", "2021-04-01", 2, 2);
  check("test.completed", "2021-07-01", 1, 2);
  check("test.due", "2021-04-01", 1, 2);
  check("test.due", "2021-07-01", 2, 2);
  CHECK(find_row(r, "test.completed", "2021-04-01", "all")->percentage() == Approx(100.0));
  CHECK(find_row(r, "test.due", "2021-04-01", "all")->percentage() == Approx(50.0));
  // The rows come measure by measure, period by period.
  CHECK(r.rows[0].measure->id == "test.completed");
  CHECK(r.rows[0].period == range("2021-04-01", "2021-06-30"));
  CHECK(r.rows[1].period == range("2021-07-01", "2021-09-30"));
  CHECK(r.rows[2].measure->id == "test.due");
}

TEST_CASE("measures: PM24 by year and by team, the all row the sum of the groups", "[measures]") {
  const EventTable events = table_of(pm24_events);
  const Evaluation evaluation = evaluate(events, builtin_rulebook());
  const Measure* pm24[] = {&builtin("wales.pm24")};
  ReportOptions options{date_of("2016-04-01"), date_of("2018-03-31"), Granularity::year, std::nullopt};
  const std::size_t team[] = {0};
  options.groups = groups_by(evaluation, events, team);
  const Report r = report(pm24, evaluation, options);
  REQUIRE(r.rows.size() == 6);
  const auto expect = [&](std::size_t i, std::string_view first, std::string_view group, std::size_t n, std::size_t d) {
    INFO("row " << i);
    CHECK(r.rows[i].measure->id == "wales.pm24");
    CHECK(r.rows[i].period.first == date_of(first));
    CHECK(group_of(r.rows[i]) == group);
    CHECK(r.rows[i].numerator == n);
    CHECK(r.rows[i].denominator == d);
    CHECK(r.rows[i].has_denominator);
  };
  expect(0, "2016-04-01", "all", 2, 3);
  expect(1, "2016-04-01", "North", 1, 1);
  expect(2, "2016-04-01", "South", 1, 2);
  expect(3, "2017-04-01", "all", 1, 2);
  expect(4, "2017-04-01", "North", 1, 1);
  expect(5, "2017-04-01", "South", 0, 1);
  CHECK(r.rows[0].period.last == date_of("2017-03-31"));
  CHECK(r.rows[0].percentage() == 66.7);  // 2 of 3, to one decimal place
  CHECK(r.rows[5].percentage() == Approx(0.0));
  // The all row is the sum of its groups.
  for (std::size_t all : {std::size_t{0}, std::size_t{3}}) {
    std::size_t n = 0, d = 0;
    for (std::size_t i = all + 1; i < r.rows.size() && !r.rows[i].all; ++i) {
      n += r.rows[i].numerator;
      d += r.rows[i].denominator;
    }
    CHECK(n == r.rows[all].numerator);
    CHECK(d == r.rows[all].denominator);
  }
}

TEST_CASE("measures: PM24 across the 2016 change of regime (C10)", "[measures]") {
  const EventTable events = table_of(pm24_events);
  const Evaluation evaluation = evaluate(events, builtin_rulebook());
  // A's referral on 5 Apr 2016 is an initial assessment (late), B's on 6 Apr a Part 3 one (met).
  std::map<std::string, std::vector<const Obligation*>> by_child;
  for (const Obligation& ob : evaluation.obligations) {
    if (ob.rule->id.starts_with("wales.assessment.") && ob.rule->id != "wales.assessment.referral_decision") {
      by_child[events.case_id(ob.case_index)].push_back(&ob);
    }
  }
  REQUIRE(by_child["A"].size() == 1);
  CHECK(by_child["A"][0]->rule->id == "wales.assessment.initial");
  CHECK(by_child["A"][0]->due_date == date_of("2016-04-14"));
  CHECK(by_child["A"][0]->status == Status::late);
  REQUIRE(by_child["B"].size() == 1);
  CHECK(by_child["B"][0]->rule->id == "wales.assessment.part3");
  CHECK(by_child["B"][0]->due_date == date_of("2016-06-07"));
  CHECK(by_child["B"][0]->status == Status::met);

  const Measure* pm24[] = {&builtin("wales.pm24")};
  const Report r = report(pm24, evaluation, {date_of("2016-04-01"), date_of("2017-03-31"), Granularity::year, {}});
  REQUIRE(r.rows.size() == 1);
  CHECK(r.rows[0].numerator == 2);
  CHECK(r.rows[0].denominator == 3);
  std::vector<std::string> children;
  for (const DrillDown& d : r.drill_down) children.push_back(events.case_id(d.obligation->case_index));
  std::ranges::sort(children);
  CHECK(children == std::vector<std::string>{"B", "C", "D"});
}

TEST_CASE("measures: CH/012 is a count, with no denominator or percentage", "[measures]") {
  // Mon 1 Jun 2020 + 42 working days = Wed 29 Jul (no bank holiday in June or July 2020).
  // X met (1 Jul), Y late (3 Aug), Z met (29 Jul), W still open on 30 Sep: 2 in the count.
  const EventTable events = table_of(
      "case_id,event,date\n"
      "X,referral,2020-06-01\n"
      "X,assessment_completed,2020-07-01\n"
      "Y,referral,2020-06-01\n"
      "Y,assessment_completed,2020-08-03\n"
      "Z,referral,2020-06-01\n"
      "Z,assessment_completed,2020-07-29\n"
      "W,referral,2020-09-01\n");
  EvaluateOptions eo;
  eo.as_of = date_of("2020-09-30");
  const Evaluation evaluation = evaluate(events, builtin_rulebook(), eo);
  const Measure* ch012[] = {&builtin("wales.ch012")};
  const Report r = report(ch012, evaluation, {date_of("2020-04-01"), date_of("2021-03-31"), Granularity::year, {}});
  REQUIRE(r.rows.size() == 1);
  CHECK(r.rows[0].numerator == 2);
  CHECK_FALSE(r.rows[0].has_denominator);
  CHECK(r.rows[0].denominator == 0);
  CHECK_FALSE(r.rows[0].percentage().has_value());
  // The drill-down lists what is counted, nothing else.
  REQUIRE(r.drill_down.size() == 2);
  for (const DrillDown& d : r.drill_down) {
    CHECK(d.in_numerator);
    CHECK(d.obligation->status == Status::met);
  }
}

TEST_CASE("measures: reports_from and reports_to limit the periods a measure reports", "[measures]") {
  const EventTable events = table_of(pm24_events);
  const Evaluation evaluation = evaluate(events, builtin_rulebook());
  const Measure* chosen[] = {&builtin("wales.pm24"), &builtin("wales.ch012"), &builtin("wales.cp.icpc.timeliness")};
  const Report r = report(chosen, evaluation, {date_of("2015-04-01"), date_of("2021-03-31"), Granularity::year, {}});
  std::map<std::string, std::vector<std::string>> years;
  for (const ReportRow& row : r.rows) years[row.measure->id].push_back(to_string(row.period.first));
  // PM24: 2016-17 to 2019-20. CH/012: from 2020-21. The ICPC measure: every year asked for.
  CHECK(years["wales.pm24"] == std::vector<std::string>{"2016-04-01", "2017-04-01", "2018-04-01", "2019-04-01"});
  CHECK(years["wales.ch012"] == std::vector<std::string>{"2020-04-01"});
  CHECK(years["wales.cp.icpc.timeliness"] ==
        std::vector<std::string>{"2015-04-01", "2016-04-01", "2017-04-01", "2018-04-01", "2019-04-01", "2020-04-01"});
  // By month, PM24's last month is March 2020.
  const Measure* pm24[] = {&builtin("wales.pm24")};
  const Report monthly = report(pm24, evaluation, {date_of("2020-02-01"), date_of("2020-05-31"), Granularity::month, {}});
  std::vector<std::string> months;
  for (const ReportRow& row : monthly.rows) months.push_back(to_string(row.period.first));
  CHECK(months == std::vector<std::string>{"2020-02-01", "2020-03-01"});
}

TEST_CASE("measures: drill-down entries match the figures exactly", "[measures]") {
  const EventTable events = table_of(pm24_events);
  const Evaluation evaluation = evaluate(events, builtin_rulebook());
  const Measure* pm24[] = {&builtin("wales.pm24")};
  const Report r =
      report(pm24, evaluation,
             {date_of("2016-04-01"), date_of("2018-03-31"), Granularity::quarter, groups_by(evaluation, events, std::vector<std::size_t>{0})});
  // Quarters: Apr-Jun 2016 B (North, met); Jul-Sep 2016 C (South, late); Oct-Dec 2016 none;
  // Jan-Mar 2017 D (South, met); Apr-Jun 2017 E (North, met); Jul-Sep 2017 F (South, late, 1 Sep).
  REQUIRE(r.rows.size() == 8 + 5);  // 8 all rows, 5 group rows
  std::vector<std::size_t> entries(r.rows.size()), numerated(r.rows.size());
  for (const DrillDown& d : r.drill_down) {
    REQUIRE(d.row < r.rows.size());
    const ReportRow& row = r.rows[d.row];
    ++entries[d.row];
    numerated[d.row] += d.in_numerator ? 1 : 0;
    CHECK(d.in_numerator == (d.obligation->status == Status::met));
    REQUIRE(d.obligation->completed_date.has_value());
    CHECK(row.period.contains(*d.obligation->completed_date));
    if (!row.all) CHECK(events.carried(0, d.obligation->trigger_row) == row.group.front());
  }
  std::size_t all_rows = 0;
  for (std::size_t i = 0; i < r.rows.size(); ++i) {
    INFO("row " << i << ": " << to_string(r.rows[i].period.first) << " " << group_of(r.rows[i]));
    CHECK(entries[i] == r.rows[i].denominator);
    CHECK(numerated[i] == r.rows[i].numerator);
    all_rows += r.rows[i].all ? 1 : 0;
  }
  CHECK(all_rows == 8);
  const ReportRow* q3 = find_row(r, "wales.pm24", "2016-10-01", "all");
  REQUIRE(q3 != nullptr);
  CHECK(q3->denominator == 0);
  CHECK_FALSE(q3->percentage().has_value());
  const ReportRow* q4_south = find_row(r, "wales.pm24", "2017-01-01", "South");
  REQUIRE(q4_south != nullptr);
  CHECK(q4_south->numerator == 1);
  CHECK(q4_south->denominator == 1);
  CHECK(find_row(r, "wales.pm24", "2017-01-01", "North") == nullptr);  // no group without obligations
  CHECK(r.drill_down.size() == 2 * 5);  // each of B-F once in an all row and once in a group row
}

TEST_CASE("measures: pending and cancelled obligations are never in a denominator (C9)", "[measures]") {
  // Placement plans (5 working days):
  //   R: placed Mon 1 Mar 2021, due Mon 8 Mar, plan 5 Mar: met (March).
  //      Placed again Mon 12 Apr, due Mon 19 Apr; the placement ends Thu 15 Apr, before the
  //      deadline: cancelled (April).
  //   S: placed Mon 21 Jun 2021, due Mon 28 Jun; as of Fri 25 Jun: pending (June).
  //   T: placed Mon 7 Jun 2021, due Mon 14 Jun, no plan by 25 Jun: overdue (June), counted.
  const EventTable events = table_of(
      "case_id,event,date\n"
      "R,looked_after_start,2021-03-01\n"
      "R,placement_start,2021-03-01\n"
      "R,placement_plan,2021-03-05\n"
      "R,placement_start,2021-04-12\n"
      "R,placement_end,2021-04-15\n"
      "S,looked_after_start,2021-06-21\n"
      "S,placement_start,2021-06-21\n"
      "T,looked_after_start,2021-06-07\n"
      "T,placement_start,2021-06-07\n");
  EvaluateOptions eo;
  eo.as_of = date_of("2021-06-25");
  eo.only_rules = {"wales.lac.placement_plan"};
  const Evaluation evaluation = evaluate(events, builtin_rulebook(), eo);
  std::map<std::string, std::vector<Status>> statuses;
  for (const Obligation& ob : evaluation.obligations) statuses[events.case_id(ob.case_index)].push_back(ob.status);
  REQUIRE(statuses["R"] == std::vector<Status>{Status::met, Status::cancelled});
  REQUIRE(statuses["S"] == std::vector<Status>{Status::pending});
  REQUIRE(statuses["T"] == std::vector<Status>{Status::overdue});

  const Measure* plans[] = {&builtin("wales.lac.placement_plan.timeliness")};
  const Report r = report(plans, evaluation, {date_of("2021-03-01"), date_of("2021-06-30"), Granularity::month, {}});
  REQUIRE(r.rows.size() == 4);
  CHECK(r.rows[0].numerator == 1);  // March
  CHECK(r.rows[0].denominator == 1);
  CHECK(r.rows[1].numerator == 0);  // April: only the cancelled plan
  CHECK(r.rows[1].denominator == 0);
  CHECK(r.rows[2].denominator == 0);  // May
  CHECK(r.rows[3].numerator == 0);  // June: T overdue, S pending
  CHECK(r.rows[3].denominator == 1);
  for (const DrillDown& d : r.drill_down) {
    CHECK(d.obligation->status != Status::pending);
    CHECK(d.obligation->status != Status::cancelled);
  }
  CHECK(r.drill_down.size() == 2);
}

TEST_CASE("measures: a period cut by from or to is labelled with the days it counts", "[measures]") {
  // The same four assessments as the boundary test, reported from Thu 1 Jul 2021 (a quarter's
  // first day) to Wed 15 Sep 2021 (mid-quarter): one row, 1 Jul to 15 Sep, counting P2 and P4
  // (completed 1 Jul): P2 met, P4 late.
  const EventTable events = table_of(
      "case_id,event,date\n"
      "P2,referral,2021-04-30\n"
      "P2,assessment_completed,2021-07-01\n"
      "P4,referral,2021-04-29\n"
      "P4,assessment_completed,2021-07-01\n");
  const Evaluation evaluation = evaluate(events, builtin_rulebook());
  Def def;
  const Measure m = loaded_one(def);
  const Measure* one[] = {&m};
  const Report r = report(one, evaluation, {date_of("2021-07-01"), date_of("2021-09-15"), Granularity::quarter, {}});
  REQUIRE(r.rows.size() == 1);
  CHECK(r.rows[0].period == range("2021-07-01", "2021-09-15"));
  CHECK(r.rows[0].numerator == 1);
  CHECK(r.rows[0].denominator == 2);
}

TEST_CASE("report: a percentage is the figure written, to one decimal place, however it is given", "[measures]") {
  // docs/formats.md: numerator / denominator x 100 to one decimal place, the same number in the
  // CSV, JSON, Python and the dashboard (which judges its target on it). Worked by hand; an exact
  // half of the ratio itself (not of its nearest double) goes to the even digit.
  const auto percent = [](std::size_t numerator, std::size_t denominator) {
    ReportRow row;
    row.numerator = numerator;
    row.denominator = denominator;
    return row.percentage();
  };
  CHECK(percent(1, 3) == 33.3);
  CHECK(percent(2, 3) == 66.7);
  CHECK(percent(1, 40) == 2.5);      // exact already
  CHECK(percent(49, 400) == 12.2);   // 12.25 exactly: the even digit
  CHECK(percent(51, 400) == 12.8);   // 12.75 exactly: the even digit
  CHECK(percent(1, 2000) == 0.0);    // 0.05 exactly (no double is): the even digit, 0.0, not 0.1
  CHECK(percent(3, 2000) == 0.2);    // 0.15 exactly: 0.2, where the double 0.1499... would give 0.1
  CHECK(percent(1999, 2000) == 100.0);  // 99.95 exactly: the even digit
  CHECK(percent(899, 1000) == 89.9);
  CHECK(percent(8996, 10000) == 90.0);  // shown as 90.0, and judged as 90.0 against a 90% target
  CHECK(percent(3, 3) == 100.0);
  CHECK(percent(0, 7) == 0.0);
  CHECK_FALSE(percent(0, 0).has_value());
  ReportRow count;
  count.numerator = 4;
  count.has_denominator = false;
  CHECK_FALSE(count.percentage().has_value());
  Target target;
  target.value = 90;
  target.amber = 5;
  CHECK(judge(target, *percent(8996, 10000)) == Rag::green);
  CHECK(judge(target, *percent(8994, 10000)) == Rag::amber);  // 89.9
}
