// The C API (timescales/timescales.h) through the shared library timescales_c: status codes and
// messages for every misuse, the same obligations as the C++ API, rejections with their lines,
// and the ownership rules the header documents.
#include <catch2/catch.hpp>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "timescales/engine.hpp"
#include "timescales/event.hpp"
#include "timescales/explain.hpp"
#include "timescales/load.hpp"
#include "timescales/timescales.h"

namespace {

// An obligation for the library to fill, its struct_size set as a host sets it (the ABI rule).
ts_obligation sized_obligation() {
  ts_obligation o{};
  o.struct_size = sizeof o;
  return o;
}

using namespace std::string_literals;

struct Rules {
  ts_rulebook* handle = nullptr;
  Rules() { REQUIRE(ts_rulebook_load_builtin(&handle) == TS_OK); }
  ~Rules() { ts_rulebook_free(handle); }
  Rules(const Rules&) = delete;
  Rules& operator=(const Rules&) = delete;
};

struct Eval {
  ts_evaluation* handle = nullptr;
  explicit Eval(const ts_rulebook* rules, std::vector<const char*> carried = {}) {
    REQUIRE(ts_evaluation_create(rules, carried.data(), carried.size(), &handle) == TS_OK);
  }
  ~Eval() { ts_evaluation_free(handle); }
  Eval(const Eval&) = delete;
  Eval& operator=(const Eval&) = delete;
  operator ts_evaluation*() const { return handle; }  // NOLINT: a test helper
};

std::string iso(int32_t day) {
  char text[11];
  REQUIRE(ts_date_to_iso(day, text) == TS_OK);
  return text;
}

std::string explanation(const ts_evaluation* ev, std::size_t index) {
  char* text = nullptr;
  REQUIRE(ts_evaluation_explain(ev, index, &text) == TS_OK);
  REQUIRE(text != nullptr);
  std::string out = text;
  ts_free_string(text);
  return out;
}

std::size_t obligation_count(const ts_evaluation* ev) {
  std::size_t n = 0;
  REQUIRE(ts_evaluation_obligation_count(ev, &n) == TS_OK);
  return n;
}

bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

}  // namespace

TEST_CASE("C API: version, status names, the last error of this thread", "[capi]") {
  CHECK(std::string(ts_version()) == "0.1.0");
  CHECK(std::string(ts_status_name(TS_OK)) == "TS_OK");
  CHECK(std::string(ts_status_name(TS_REJECTED)) == "TS_REJECTED");
  CHECK(std::string(ts_status_name(TS_INTERNAL)) == "TS_INTERNAL");
  CHECK(std::string(ts_status_name(static_cast<ts_status>(99))) == "TS_UNKNOWN");

  int32_t day = 0;
  CHECK(ts_date_from_iso("2021-02-30", &day) == TS_INVALID_ARGUMENT);
  const std::string message = ts_last_error();
  CHECK(contains(message, "impossible date"));
  // The message is this thread's: another thread sees its own (none).
  std::string other = "unset";
  std::thread([&] { other = ts_last_error(); }).join();
  CHECK(other.empty());
  CHECK(std::string(ts_last_error()) == message);
  // A call that succeeds clears it.
  CHECK(ts_date_from_iso("2021-03-01", &day) == TS_OK);
  CHECK(std::string(ts_last_error()).empty());
}

TEST_CASE("C API: dates as ISO text and as day numbers since 1970-01-01", "[capi]") {
  int32_t day = -1;
  REQUIRE(ts_date_from_iso("1970-01-01", &day) == TS_OK);
  CHECK(day == 0);
  REQUIRE(ts_date_from_iso("2021-03-01", &day) == TS_OK);
  CHECK(day == 18687);
  CHECK(iso(18687) == "2021-03-01");
  CHECK(iso(-1) == "1969-12-31");
  CHECK(ts_date_from_iso("2021-3-1", &day) == TS_INVALID_ARGUMENT);
  CHECK(ts_date_from_iso(nullptr, &day) == TS_INVALID_ARGUMENT);
  CHECK(ts_date_from_iso("2021-03-01", nullptr) == TS_INVALID_ARGUMENT);
  char text[11];
  CHECK(ts_date_to_iso(INT32_MAX, text) == TS_INVALID_ARGUMENT);
  CHECK(ts_date_to_iso(INT32_MIN, text) == TS_INVALID_ARGUMENT);
  CHECK(ts_date_to_iso(0, nullptr) == TS_INVALID_ARGUMENT);
}

TEST_CASE("C API: rules from the built-in set and from a directory", "[capi]") {
  Rules builtin;
  std::size_t builtin_count = 0;
  REQUIRE(ts_rulebook_rule_count(builtin.handle, &builtin_count) == TS_OK);
  CHECK(builtin_count == timescales::builtin_rulebook().rules().size());

  ts_rulebook* from_dir = nullptr;
  REQUIRE(ts_rulebook_load_directory(TIMESCALES_SOURCE_DIR "/rules", &from_dir) == TS_OK);
  std::size_t dir_count = 0;
  REQUIRE(ts_rulebook_rule_count(from_dir, &dir_count) == TS_OK);
  const auto files = timescales::read_sources(TIMESCALES_SOURCE_DIR "/rules");
  REQUIRE(files.has_value());
  const auto loaded = timescales::load_rulebook(*files, &timescales::builtin_rulebook());
  REQUIRE(loaded.has_value());
  CHECK(dir_count == loaded->rules().size());  // rules/local's example besides the built-in rules
  ts_rulebook_free(from_dir);

  ts_rulebook* none = nullptr;
  CHECK(ts_rulebook_load_directory("/nonexistent/timescales-rules", &none) == TS_IO_ERROR);
  CHECK(none == nullptr);
  CHECK(contains(ts_last_error(), "does not exist"));

  // A rule file that does not compile: the diagnostics, with file and line.
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("timescales-capi-rules-" + std::to_string(::getpid()));
  fs::create_directories(dir / "wales");
  std::ofstream(dir / "wales" / "broken.toml") << "[[rule]]\nid = \"x.broken\"\nlimt = 3\n";
  CHECK(ts_rulebook_load_directory(dir.c_str(), &none) == TS_RULES_ERROR);  // declares no jurisdiction
  CHECK(none == nullptr);
  CHECK(contains(ts_last_error(), "ts_rulebook_layer"));
  CHECK(ts_rulebook_layer(builtin.handle, dir.c_str(), &none) == TS_RULES_ERROR);
  CHECK(none == nullptr);
  CHECK(contains(ts_last_error(), dir.string() + "/wales/broken.toml:"));
  fs::remove_all(dir);

  CHECK(ts_rulebook_load_builtin(nullptr) == TS_INVALID_ARGUMENT);
  CHECK(ts_rulebook_load_directory(nullptr, &none) == TS_INVALID_ARGUMENT);
  CHECK(ts_rulebook_layer(builtin.handle, nullptr, &none) == TS_INVALID_ARGUMENT);
  CHECK(ts_rulebook_layer(nullptr, TIMESCALES_SOURCE_DIR "/rules/local", &none) == TS_INVALID_ARGUMENT);
  ts_rulebook_free(nullptr);
  ts_evaluation_free(nullptr);
  ts_free_string(nullptr);
}

TEST_CASE("C API: deadlines without an evaluation, in the jurisdiction's calendar", "[capi][worklist]") {
  Rules rules;
  const auto day = [](const char* text) {
    int32_t d = 0;
    REQUIRE(ts_date_from_iso(text, &d) == TS_OK);
    return d;
  };
  int32_t out = 0;
  // Fri 16 Sep 2022 + 1 working day: Mon 19 Sep was the state funeral, a one-off bank holiday.
  REQUIRE(ts_add_working_days(rules.handle, day("2022-09-16"), 1, &out) == TS_OK);
  CHECK(iso(out) == "2022-09-20");
  REQUIRE(ts_add_working_days(rules.handle, day("2022-09-20"), -1, &out) == TS_OK);
  CHECK(iso(out) == "2022-09-16");
  // (Wed 30 Jun, Mon 12 Jul 2021]: 1, 2, 5-9, 12 Jul: 8; the other way round, -8.
  REQUIRE(ts_working_days_between(rules.handle, day("2021-06-30"), day("2021-07-12"), &out) == TS_OK);
  CHECK(out == 8);
  REQUIRE(ts_working_days_between(rules.handle, day("2021-07-12"), day("2021-06-30"), &out) == TS_OK);
  CHECK(out == -8);
  // Mon 21 Jun 2021 + 15 working days = Mon 12 Jul (the ICPC); + 3 months from 31 Jan = 30 Apr (C4).
  REQUIRE(ts_due(rules.handle, day("2021-06-21"), "15 working days", &out) == TS_OK);
  CHECK(iso(out) == "2021-07-12");
  REQUIRE(ts_due(rules.handle, day("2021-01-31"), "3 months", &out) == TS_OK);
  CHECK(iso(out) == "2021-04-30");

  CHECK(ts_due(rules.handle, day("2021-06-21"), "fifteen days", &out) == TS_INVALID_ARGUMENT);
  CHECK(contains(ts_last_error(), "period: "));
  CHECK(ts_add_working_days(rules.handle, day("1989-12-29"), 1, &out) == TS_INVALID_ARGUMENT);
  CHECK(contains(ts_last_error(), "outside the supported range"));
  CHECK(ts_add_working_days(rules.handle, day("2060-12-30"), 5, &out) == TS_INVALID_ARGUMENT);
  // Any int32 day is taken, and a message quotes it as the day it is, however far out (to_string).
  CHECK(ts_add_working_days(rules.handle, -1'000'000, 1, &out) == TS_INVALID_ARGUMENT);
  CHECK(contains(ts_last_error(), "-0768-02-04 is outside the supported range"));
  CHECK(ts_working_days_between(rules.handle, day("2021-06-21"), INT32_MAX, &out) == TS_INVALID_ARGUMENT);
  CHECK(contains(ts_last_error(), "+5881580-07-11"));
  CHECK(ts_due(rules.handle, 3'000'000, "1 days", &out) == TS_INVALID_ARGUMENT);
  CHECK(contains(ts_last_error(), "+10183-09-21"));
  CHECK(ts_due(rules.handle, day("2021-06-21"), nullptr, &out) == TS_INVALID_ARGUMENT);
  CHECK(ts_working_days_between(nullptr, 0, 1, &out) == TS_INVALID_ARGUMENT);
  CHECK(ts_add_working_days(rules.handle, day("2021-06-21"), 1, nullptr) == TS_INVALID_ARGUMENT);
}

TEST_CASE("C API: the days left of an obligation, as the worklist counts them", "[capi][worklist]") {
  // As of Wed 30 Jun 2021: an assessment due Fri 4 Jun is overdue by 26 days, 18 working days
  // (7-11, 14-18, 21-25, 28-30 Jun); a referral decision due today has 0 left.
  Rules rules;
  Eval ev(rules.handle);
  REQUIRE(ts_evaluation_add_event(ev, "C2", "referral", "2021-04-01", nullptr, 0) == TS_OK);
  REQUIRE(ts_evaluation_add_event(ev, "C2", "referral_decision", "2021-04-06", nullptr, 0) == TS_OK);
  REQUIRE(ts_evaluation_add_event(ev, "C3", "referral", "2021-06-29", nullptr, 0) == TS_OK);
  REQUIRE(ts_evaluation_evaluate(ev, "2021-06-30") == TS_OK);
  std::map<std::string, std::pair<int32_t, int32_t>> left;
  for (std::size_t i = 0; i < obligation_count(ev); ++i) {
    ts_obligation ob = sized_obligation();
    REQUIRE(ts_evaluation_obligation(ev, i, &ob) == TS_OK);
    int32_t days = 99, working = 99;
    REQUIRE(ts_evaluation_days_left(ev, i, &days, &working) == TS_OK);
    left[std::string(ob.case_id) + " " + ob.rule_id] = {days, working};
  }
  CHECK(left["C2 wales.assessment.part3"] == std::pair<int32_t, int32_t>{-26, -18});
  CHECK(left["C3 wales.assessment.referral_decision"] == std::pair<int32_t, int32_t>{0, 0});
  int32_t days = 0, working = 0;
  CHECK(ts_evaluation_days_left(ev, 999, &days, &working) == TS_NOT_FOUND);
  CHECK(ts_evaluation_days_left(ev, 0, nullptr, &working) == TS_INVALID_ARGUMENT);
}

TEST_CASE("C API: a council's rules layered on the built-in ones are evaluated with them", "[capi][C12]") {
  // rules/local's proportionate assessment: Tue 4 May 2021 + 10 working days = Tue 18 May; the
  // statutory assessment, 42 working days (the 31 May bank holiday skipped), is due Fri 2 Jul.
  Rules builtin;
  ts_rulebook* layered = nullptr;
  REQUIRE(ts_rulebook_layer(builtin.handle, TIMESCALES_SOURCE_DIR "/rules/local", &layered) == TS_OK);
  std::size_t builtin_count = 0, layered_count = 0;
  REQUIRE(ts_rulebook_rule_count(builtin.handle, &builtin_count) == TS_OK);
  REQUIRE(ts_rulebook_rule_count(layered, &layered_count) == TS_OK);
  CHECK(layered_count == builtin_count + 3);  // the layer's three rule versions; the base is unchanged
  {
    Eval ev(layered);
    REQUIRE(ts_evaluation_add_event(ev, "C1", "referral", "2021-05-04", nullptr, 0) == TS_OK);
    REQUIRE(ts_evaluation_evaluate(ev, "2021-06-30") == TS_OK);
    std::map<std::string, std::string> due;
    for (std::size_t i = 0; i < obligation_count(ev); ++i) {
      ts_obligation ob = sized_obligation();
      REQUIRE(ts_evaluation_obligation(ev, i, &ob) == TS_OK);
      due[ob.rule_id] = iso(ob.due_date);
    }
    CHECK(due["local.example.assessment.proportionate"] == "2021-05-18");
    CHECK(due["wales.assessment.part3"] == "2021-07-02");
  }
  ts_rulebook_free(layered);
}

TEST_CASE("C API: obligations, carried values and explanations, as the C++ API gives them", "[capi]") {
  Rules rules;
  Eval ev(rules.handle, {"team"});
  const ts_pair north[] = {{"team", "North"}};
  const ts_pair review[] = {{"visit_interval", "3 months"}, {"team", "South"}};
  REQUIRE(ts_evaluation_add_event(ev, "C1", "strategy_discussion", "2021-03-01", north, 1) == TS_OK);
  REQUIRE(ts_evaluation_add_event(ev, "C1", "icpc", "2021-03-25", north, 1) == TS_OK);
  REQUIRE(ts_evaluation_add_event(ev, "C2", "looked_after_start", "2021-03-01", nullptr, 0) == TS_OK);
  REQUIRE(ts_evaluation_add_event_days(ev, "C2", "placement_start", 18687, nullptr, 0) == TS_OK);
  REQUIRE(ts_evaluation_add_event(ev, "C2", "lac_visit", "2021-03-05", nullptr, 0) == TS_OK);
  REQUIRE(ts_evaluation_add_event(ev, "C2", "lac_review", "2021-04-01", review, 2) == TS_OK);
  REQUIRE(ts_evaluation_add_event(ev, "C2", "lac_visit", "2021-04-15", nullptr, 0) == TS_OK);

  // Results only after evaluation.
  std::size_t n = 0;
  CHECK(ts_evaluation_obligation_count(ev, &n) == TS_NOT_EVALUATED);
  CHECK(ts_evaluation_as_of(ev, nullptr) == TS_NOT_EVALUATED);
  REQUIRE(ts_evaluation_evaluate(ev, nullptr) == TS_OK);
  int32_t as_of = 0;
  REQUIRE(ts_evaluation_as_of(ev, &as_of) == TS_OK);
  CHECK(iso(as_of) == "2021-04-15");

  // The same events through the C++ API.
  timescales::EventTable table({"team"});
  const std::vector<std::string_view> north_v{"North"}, none_v{""}, south_v{"South"};
  table.add_row(1, {"C1", "strategy_discussion", "2021-03-01"}, north_v);
  table.add_row(2, {"C1", "icpc", "2021-03-25"}, north_v);
  table.add_row(3, {"C2", "looked_after_start", "2021-03-01"}, none_v);
  table.add_row(4, {"C2", "placement_start", "2021-03-01"}, none_v);
  table.add_row(5, {"C2", "lac_visit", "2021-03-05"}, none_v);
  timescales::RowText r6{"C2", "lac_review", "2021-04-01", {}};
  r6.attributes[static_cast<std::size_t>(timescales::Attribute::visit_interval)] = "3 months";
  table.add_row(6, r6, south_v);
  table.add_row(7, {"C2", "lac_visit", "2021-04-15"}, none_v);
  const timescales::Evaluation expected = timescales::evaluate(table, timescales::builtin_rulebook());

  REQUIRE(obligation_count(ev) == expected.obligations.size());
  REQUIRE(obligation_count(ev) > 2);
  for (std::size_t i = 0; i < expected.obligations.size(); ++i) {
    const timescales::Obligation& want = expected.obligations[i];
    ts_obligation got = sized_obligation();
    REQUIRE(ts_evaluation_obligation(ev, i, &got) == TS_OK);
    INFO("obligation " << i << ": " << got.rule_id);
    CHECK(std::string(got.case_id) == table.case_id(want.case_index));
    CHECK(std::string(got.rule_id) == want.rule->id);
    CHECK(std::string(got.standard) == timescales::name(want.standard));
    CHECK(got.occurrence == want.occurrence);
    CHECK(std::string(got.trigger_event) == timescales::name(want.trigger_event));
    CHECK(got.trigger_date == want.trigger_date.days());
    CHECK(got.due_date == want.due_date.days());
    CHECK(got.has_completed_date == (want.completed_date ? 1 : 0));
    if (want.completed_date) CHECK(got.completed_date == want.completed_date->days());
    CHECK(got.status == static_cast<int32_t>(want.status));
    CHECK(std::string(got.status_name) == timescales::name(want.status));
    CHECK(got.days_late == want.days_late);
    CHECK(got.working_days_late == want.working_days_late);
    CHECK(got.confidence == static_cast<int32_t>(want.rule->confidence));
    CHECK(got.reserved == 0);
    CHECK(got.struct_size == sizeof(ts_obligation));
    const char* team = nullptr;
    REQUIRE(ts_evaluation_obligation_carried(ev, i, "team", &team) == TS_OK);
    CHECK(std::string(team) == table.carried(0, want.trigger_row));
    CHECK(explanation(ev, i) == timescales::explain(want, table, expected.as_of));
  }

  // C1: the conference, due Mon 22 Mar 2021, held 3 days (3 working days) late.
  ts_obligation icpc = sized_obligation();
  REQUIRE(ts_evaluation_obligation(ev, 0, &icpc) == TS_OK);
  CHECK(std::string(icpc.rule_id) == "wales.cp.icpc");
  CHECK(iso(icpc.due_date) == "2021-03-22");
  CHECK(icpc.status == TS_STATUS_LATE);
  CHECK(icpc.days_late == 3);
  CHECK(icpc.working_days_late == 3);
  CHECK(icpc.confidence == TS_CONFIDENCE_CONFIRMED);  // the procedures' text was read (C13)

  // The review's "3 months" in the placement's first year is refused: a finding.
  std::size_t findings = 0;
  REQUIRE(ts_evaluation_finding_count(ev, &findings) == TS_OK);
  std::size_t unjudged = 99;  // every deadline of these events is inside the calendar (C1)
  REQUIRE(ts_evaluation_unjudged_count(ev, &unjudged) == TS_OK);
  CHECK(unjudged == 0);
  CHECK(ts_evaluation_unjudged_count(ev, nullptr) == TS_INVALID_ARGUMENT);
  REQUIRE(findings == expected.findings.size());
  REQUIRE(findings == 1);
  char* finding = nullptr;
  REQUIRE(ts_evaluation_explain_finding(ev, 0, &finding) == TS_OK);
  CHECK(std::string(finding) == timescales::explain(expected.findings[0]));
  ts_free_string(finding);

  // C2's timeline, as `evaluate --case C2 --explain` prints it: the review of Thu 1 Apr (the 6th
  // row added) came 3 days after its deadline, Mon 29 Mar (20 working days from Mon 1 Mar).
  char* timeline = nullptr;
  REQUIRE(ts_evaluation_case_timeline(ev, "C2", &timeline) == TS_OK);
  const std::string c2(timeline);
  ts_free_string(timeline);
  CHECK(c2 == *timescales::case_timeline(expected, table, "C2"));
  CHECK(c2.starts_with("Case C2, as of 2021-04-15: 5 events used; 7 duties (2 met, 1 late, 2 overdue, 2 pending); "
                       "1 refused variation.\n"));
  CHECK(c2.find("\n2021-03-29  due      Reviews of a looked-after child's case (wales.lac.review, occurrence 1, "
                "statutory standard): late, done 2021-04-01\n") != std::string::npos);
  CHECK(c2.find("\n2021-04-01  event    lac_review (line 6)\n") != std::string::npos);
  CHECK(ts_evaluation_case_timeline(ev, "C9", &timeline) == TS_NOT_FOUND);
  CHECK(std::string(ts_last_error()).find("no usable event of case C9") != std::string::npos);
  CHECK(ts_evaluation_case_timeline(ev, nullptr, &timeline) == TS_INVALID_ARGUMENT);
  CHECK(ts_evaluation_case_timeline(ev, "C2", nullptr) == TS_INVALID_ARGUMENT);

  // The same in Welsh (the _in functions); NULL is English; any other code is refused, named.
  {
    char* cy = nullptr;
    REQUIRE(ts_evaluation_explain_in(ev, 0, "cy", &cy) == TS_OK);
    const std::string icpc_cy(cy);
    ts_free_string(cy);
    CHECK(icpc_cy == timescales::explain(expected.obligations[0], table, expected.as_of, timescales::Language::cy));
    CHECK(icpc_cy != explanation(ev, 0));
    REQUIRE(ts_evaluation_explain_in(ev, 0, nullptr, &cy) == TS_OK);
    CHECK(std::string(cy) == explanation(ev, 0));
    ts_free_string(cy);
    REQUIRE(ts_evaluation_explain_in(ev, 0, "en", &cy) == TS_OK);
    CHECK(std::string(cy) == explanation(ev, 0));
    ts_free_string(cy);
    REQUIRE(ts_evaluation_case_timeline_in(ev, "C2", "cy", &cy) == TS_OK);
    const std::string c2_cy(cy);
    ts_free_string(cy);
    CHECK(c2_cy == *timescales::case_timeline(expected, table, "C2", timescales::Language::cy));
    CHECK(c2_cy.starts_with("Achos C2, ar 2021-04-15: defnyddiwyd 5 digwyddiad"));
    REQUIRE(ts_evaluation_explain_finding_in(ev, 0, "cy", &cy) == TS_OK);
    CHECK(std::string(cy) == timescales::explain(expected.findings[0], timescales::Language::cy));
    ts_free_string(cy);
    cy = nullptr;
    CHECK(ts_evaluation_explain_in(ev, 0, "fr", &cy) == TS_INVALID_ARGUMENT);
    CHECK(cy == nullptr);
    CHECK(std::string(ts_last_error()) ==
          "language: 'fr' is not a language of the library: \"en\" (English) or \"cy\" (Cymraeg)");
    CHECK(ts_evaluation_case_timeline_in(ev, "C2", "CY", &cy) == TS_INVALID_ARGUMENT);
    CHECK(contains(ts_last_error(), "'CY'"));
    CHECK(ts_evaluation_explain_finding_in(ev, 0, "", &cy) == TS_INVALID_ARGUMENT);
    CHECK(ts_evaluation_explain_in(ev, 0, "cy", nullptr) == TS_INVALID_ARGUMENT);
    CHECK(ts_evaluation_explain_in(ev, 1000, "cy", &cy) == TS_NOT_FOUND);
  }

  // Out of range, unknown column, NULL outputs.
  ts_obligation o = sized_obligation();
  const char* value = nullptr;
  char* text = nullptr;
  CHECK(ts_evaluation_obligation(ev, n + 100, &o) == TS_NOT_FOUND);
  CHECK(ts_evaluation_obligation(ev, 0, nullptr) == TS_INVALID_ARGUMENT);
  CHECK(ts_evaluation_obligation_carried(ev, 0, "worker", &value) == TS_NOT_FOUND);
  CHECK(ts_evaluation_explain(ev, 1000, &text) == TS_NOT_FOUND);
  CHECK(text == nullptr);
  CHECK(ts_evaluation_explain_finding(ev, 5, &text) == TS_NOT_FOUND);

  // As of an earlier date; a malformed one is refused and leaves the results as they were.
  CHECK(ts_evaluation_evaluate(ev, "2021-13-01") == TS_INVALID_ARGUMENT);
  CHECK(contains(ts_last_error(), "as_of"));
  REQUIRE(ts_evaluation_evaluate(ev, "2021-03-10") == TS_OK);
  REQUIRE(ts_evaluation_obligation(ev, 0, &icpc) == TS_OK);
  CHECK(icpc.status == TS_STATUS_PENDING);
  CHECK(icpc.has_completed_date == 0);
  int32_t day = 0;
  REQUIRE(ts_date_from_iso("2021-03-30", &day) == TS_OK);
  REQUIRE(ts_evaluation_evaluate_days(ev, day) == TS_OK);
  REQUIRE(ts_evaluation_obligation(ev, 0, &icpc) == TS_OK);
  CHECK(icpc.status == TS_STATUS_LATE);
  CHECK(ts_evaluation_evaluate_days(ev, INT32_MAX) == TS_INVALID_ARGUMENT);

  // Adding an event discards the results.
  REQUIRE(ts_evaluation_add_event(ev, "C3", "referral", "2021-03-02", nullptr, 0) == TS_OK);
  CHECK(ts_evaluation_obligation_count(ev, &n) == TS_NOT_EVALUATED);
  CHECK(ts_evaluation_obligation(ev, 0, &o) == TS_NOT_EVALUATED);
}

// Child C1: a strategy discussion on Mon 1 Mar 2021 and the conference on Thu 25 Mar: due Mon 22
// Mar (15 working days: 2-5 Mar, 8-12, 15-19, 22), held 3 days (3 working days) late.
struct OneConference {
  Rules rules;
  Eval ev{rules.handle, {"team"}};
  OneConference() {
    const ts_pair north[] = {{"team", "North"}};
    REQUIRE(ts_evaluation_add_event(ev, "C1", "strategy_discussion", "2021-03-01", north, 1) == TS_OK);
    REQUIRE(ts_evaluation_add_event(ev, "C1", "icpc", "2021-03-25", north, 1) == TS_OK);
    REQUIRE(ts_evaluation_evaluate(ev, nullptr) == TS_OK);
    std::size_t count = 0;
    REQUIRE(ts_evaluation_obligation_count(ev, &count) == TS_OK);
    REQUIRE(count == 1);
  }
};

std::string text_of(const ts_evaluation* ev, std::size_t index, const char* column) {
  char* text = nullptr;
  REQUIRE(ts_evaluation_obligation_text(ev, index, column, &text) == TS_OK);
  REQUIRE(text != nullptr);
  std::string out = text;
  ts_free_string(text);
  return out;
}

TEST_CASE("C API: a host that knows a smaller ts_obligation gets that prefix, and nothing beyond it", "[capi]") {
  OneConference c;
  // A host built against an older header: its struct ends before `occurrence`. The rest of the
  // library's struct is left as the host had it.
  ts_obligation ob;
  std::memset(&ob, 0xAB, sizeof ob);
  ob.struct_size = offsetof(ts_obligation, occurrence);
  REQUIRE(ts_evaluation_obligation(c.ev, 0, &ob) == TS_OK);
  CHECK(ob.struct_size == offsetof(ts_obligation, occurrence));
  CHECK(std::string(ob.case_id) == "C1");
  CHECK(std::string(ob.rule_id) == "wales.cp.icpc");
  CHECK(std::string(ob.status_name) == "late");
  const auto* bytes = reinterpret_cast<const unsigned char*>(&ob);
  std::size_t untouched = 0;
  for (std::size_t i = offsetof(ts_obligation, occurrence); i < sizeof ob; ++i) untouched += bytes[i] == 0xAB ? 1 : 0;
  CHECK(untouched == sizeof ob - offsetof(ts_obligation, occurrence));

  // Not even room for struct_size: refused, nothing written.
  std::memset(&ob, 0xAB, sizeof ob);
  ob.struct_size = 0;
  CHECK(ts_evaluation_obligation(c.ev, 0, &ob) == TS_INVALID_ARGUMENT);
  CHECK(contains(ts_last_error(), "struct_size"));
  CHECK(ob.struct_size == 0);
  CHECK(bytes[sizeof(size_t)] == 0xAB);
}

TEST_CASE("C API: a host that knows a larger ts_obligation learns how much of it was filled", "[capi]") {
  OneConference c;
  // A host built against a newer header, with a field this library does not know.
  struct Newer {
    ts_obligation known;
    int32_t newer_field;
    int32_t newer_too;
  } ob;
  std::memset(&ob, 0xAB, sizeof ob);
  ob.known.struct_size = sizeof ob;
  REQUIRE(ts_evaluation_obligation(c.ev, 0, &ob.known) == TS_OK);
  CHECK(ob.known.struct_size == sizeof(ts_obligation));
  CHECK(iso(ob.known.due_date) == "2021-03-22");
  CHECK(ob.known.days_late == 3);
  CHECK(ob.known.reserved == 0);
  int32_t untouched = 0;
  std::memset(&untouched, 0xAB, sizeof untouched);
  CHECK(ob.newer_field == untouched);
  CHECK(ob.newer_too == untouched);
}

TEST_CASE("C API: every obligation column by name, as the CSV output writes it", "[capi]") {
  OneConference c;
  CHECK(text_of(c.ev, 0, "case_id") == "C1");
  CHECK(text_of(c.ev, 0, "rule") == "wales.cp.icpc");
  CHECK(text_of(c.ev, 0, "standard") == "statutory");
  CHECK(text_of(c.ev, 0, "occurrence") == "1");
  CHECK(text_of(c.ev, 0, "trigger_event") == "strategy_discussion");
  CHECK(text_of(c.ev, 0, "trigger_date") == "2021-03-01");
  CHECK(text_of(c.ev, 0, "due_date") == "2021-03-22");
  CHECK(text_of(c.ev, 0, "completed_date") == "2021-03-25");
  CHECK(text_of(c.ev, 0, "status") == "late");
  CHECK(text_of(c.ev, 0, "days_late") == "3");
  CHECK(text_of(c.ev, 0, "working_days_late") == "3");
  CHECK(text_of(c.ev, 0, "confidence") == "confirmed");

  // A child placed on 1 Mar 2021 and nothing since: the care plan is not done, so it has no date.
  Eval placed(c.rules.handle);
  REQUIRE(ts_evaluation_add_event(placed, "C2", "looked_after_start", "2021-03-01", nullptr, 0) == TS_OK);
  REQUIRE(ts_evaluation_add_event(placed, "C2", "placement_start", "2021-03-01", nullptr, 0) == TS_OK);
  REQUIRE(ts_evaluation_evaluate(placed, nullptr) == TS_OK);
  CHECK(text_of(placed, 0, "rule") == "wales.lac.care_plan");
  CHECK(text_of(placed, 0, "status") == "pending");
  CHECK(text_of(placed, 0, "completed_date").empty());

  char* text = nullptr;
  CHECK(ts_evaluation_obligation_text(c.ev, 0, "team", &text) == TS_NOT_FOUND);  // carried: its own accessor
  CHECK(contains(ts_last_error(), "team"));
  CHECK(ts_evaluation_obligation_text(c.ev, 0, "explanation", &text) == TS_NOT_FOUND);
  CHECK(ts_evaluation_obligation_text(c.ev, 1, "rule", &text) == TS_NOT_FOUND);
  CHECK(ts_evaluation_obligation_text(c.ev, 0, nullptr, &text) == TS_INVALID_ARGUMENT);
  CHECK(ts_evaluation_obligation_text(c.ev, 0, "rule", nullptr) == TS_INVALID_ARGUMENT);
  CHECK(text == nullptr);
}

TEST_CASE("C API: every unusable row is rejected with its line, and rows = used + rejected", "[capi]") {
  Rules rules;
  Eval ev(rules.handle, {"team"});
  const std::string long_id(70, 'x');
  const std::string long_event = "an_event_name_far_too_long_to_quote_whole_SECRET_TAIL";
  const ts_pair bad_bool[] = {{"seen_alone", "maybe"}};
  const ts_pair bad_period[] = {{"visit_interval", "3 fortnights"}};
  const ts_pair bad_type[] = {{"placement_type", "hotel"}};
  const ts_pair unknown_key[] = {{"sen_alone", "true"}};
  const ts_pair twice[] = {{"team", "North"}, {"team", "South"}};
  const ts_pair not_utf8[] = {{"team", "Gogledd \xff"}};
  const ts_pair null_value[] = {{"team", nullptr}, {"seen_alone", nullptr}};

  struct Row {
    const char* case_id;
    const char* event;
    const char* date;
    const ts_pair* attributes;
    std::size_t count;
    const char* column;  // nullptr: used
  };
  const std::vector<Row> rows{
      {"C1", "referral", "2021-03-01", nullptr, 0, nullptr},
      {"C1", "home_visit", "2021-03-01", nullptr, 0, "event"},
      {"C1", long_event.c_str(), "2021-03-01", nullptr, 0, "event"},
      {"C1", "referral", "2021-02-29", nullptr, 0, "date"},
      {"C1", "referral", "01/03/2021", nullptr, 0, "date"},
      {"C1", "referral", "1989-12-31", nullptr, 0, "date"},
      {"C1", "referral", "2061-01-01", nullptr, 0, "date"},
      {"", "referral", "2021-03-01", nullptr, 0, "case_id"},
      {long_id.c_str(), "referral", "2021-03-01", nullptr, 0, "case_id"},
      {"C1", "cp_visit", "2021-03-02", bad_bool, 1, "seen_alone"},
      {"C1", "lac_review", "2021-03-02", bad_period, 1, "visit_interval"},
      {"C1", "placement_start", "2021-03-02", bad_type, 1, "placement_type"},
      {"C1", "cp_visit", "2021-03-02", unknown_key, 1, "sen_alone"},
      {"C1", "referral", "2021-03-02", twice, 2, "team"},
      {"C1", "referral", "2021-03-02", not_utf8, 1, "team"},
      {"C\xc3", "referral", "2021-03-02", nullptr, 0, "case_id"},
      {"C1", "cp_visit", "2021-03-03", null_value, 2, nullptr},
      {"C1", "referral_decision", "2021-03-02", nullptr, 0, nullptr},
  };
  std::size_t expected_rejections = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Row& r = rows[i];
    INFO("row " << i + 1);
    const ts_status status = ts_evaluation_add_event(ev, r.case_id, r.event, r.date, r.attributes, r.count);
    if (r.column == nullptr) {
      CHECK(status == TS_OK);
      continue;
    }
    CHECK(status == TS_REJECTED);
    CHECK(contains(ts_last_error(), "row " + std::to_string(i + 1)));
    ++expected_rejections;
    std::size_t count = 0;
    REQUIRE(ts_evaluation_rejection_count(ev, &count) == TS_OK);
    REQUIRE(count == expected_rejections);
    ts_rejection rejection{};
    REQUIRE(ts_evaluation_rejection(ev, count - 1, &rejection) == TS_OK);
    CHECK(rejection.line == i + 1);
    CHECK(std::string(rejection.column) == r.column);
    CHECK(std::strlen(rejection.reason) > 0);
    if (std::string(r.column) == "sen_alone") {  // the keys an event takes, every attribute of docs/formats.md
      CHECK(contains(rejection.reason, "(attributes: placement_type, seen_alone, at_home, intended_until_18, "
                                       "visit_interval, legal_status, category; "));
    }
    CHECK(std::strlen(rejection.case_id) <= 64);
    // Privacy: a value is quoted at most as a short excerpt.
    CHECK_FALSE(contains(rejection.reason, "SECRET_TAIL"));
  }
  // Day numbers far outside the calendar are rejected too, as rows.
  CHECK(ts_evaluation_add_event_days(ev, "C1", "referral", INT32_MAX, nullptr, 0) == TS_REJECTED);
  CHECK(ts_evaluation_add_event_days(ev, "C1", "referral", INT32_MIN, nullptr, 0) == TS_REJECTED);
  CHECK(ts_evaluation_add_event_days(ev, "C1", "referral", 0, nullptr, 0) == TS_REJECTED);  // 1970: before 1990
  expected_rejections += 3;

  // Every reason in English is ts_rejection's; in Welsh, the day far out word for word.
  for (std::size_t k = 0; k < expected_rejections; ++k) {
    ts_rejection rejection{};
    REQUIRE(ts_evaluation_rejection(ev, k, &rejection) == TS_OK);
    char* en = nullptr;
    REQUIRE(ts_evaluation_rejection_reason_in(ev, k, "en", &en) == TS_OK);
    CHECK(std::string(en) == rejection.reason);
    ts_free_string(en);
    REQUIRE(ts_evaluation_rejection_reason_in(ev, k, nullptr, &en) == TS_OK);
    CHECK(std::string(en) == rejection.reason);
    ts_free_string(en);
  }
  char* cy = nullptr;
  REQUIRE(ts_evaluation_rejection_reason_in(ev, expected_rejections - 3, "cy", &cy) == TS_OK);
  CHECK(std::string(cy) == "mae diwrnod 2147483647 y tu allan i'r ystod a gefnogir (1990-01-01 i 2060-12-31)");
  ts_free_string(cy);
  cy = nullptr;
  CHECK(ts_evaluation_rejection_reason_in(ev, 0, "de", &cy) == TS_INVALID_ARGUMENT);
  CHECK(contains(ts_last_error(), "language: 'de'"));
  CHECK(cy == nullptr);
  CHECK(ts_evaluation_rejection_reason_in(ev, expected_rejections, "cy", &cy) == TS_NOT_FOUND);
  CHECK(ts_evaluation_rejection_reason_in(ev, 0, "cy", nullptr) == TS_INVALID_ARGUMENT);

  // Invalid arguments add nothing and count no row.
  const ts_pair null_key[] = {{nullptr, "x"}};
  CHECK(ts_evaluation_add_event(ev, nullptr, "referral", "2021-03-01", nullptr, 0) == TS_INVALID_ARGUMENT);
  CHECK(ts_evaluation_add_event(ev, "C1", nullptr, "2021-03-01", nullptr, 0) == TS_INVALID_ARGUMENT);
  CHECK(ts_evaluation_add_event(ev, "C1", "referral", nullptr, nullptr, 0) == TS_INVALID_ARGUMENT);
  CHECK(ts_evaluation_add_event(ev, "C1", "referral", "2021-03-01", nullptr, 2) == TS_INVALID_ARGUMENT);
  CHECK(ts_evaluation_add_event(ev, "C1", "referral", "2021-03-01", null_key, 1) == TS_INVALID_ARGUMENT);
  CHECK(ts_evaluation_add_event(nullptr, "C1", "referral", "2021-03-01", nullptr, 0) == TS_INVALID_ARGUMENT);

  std::size_t total = 0, used = 0, rejected = 0;
  REQUIRE(ts_evaluation_row_counts(ev, &total, &used, &rejected) == TS_OK);
  CHECK(total == rows.size() + 3);
  CHECK(rejected == expected_rejections);
  CHECK(used == 3);
  CHECK(total == used + rejected);
  ts_rejection r{};
  CHECK(ts_evaluation_rejection(ev, rejected, &r) == TS_NOT_FOUND);
  REQUIRE(ts_evaluation_evaluate(ev, nullptr) == TS_OK);
}

TEST_CASE("C API: carried columns are checked when the evaluation is created", "[capi]") {
  Rules rules;
  ts_evaluation* ev = nullptr;
  const char* good[] = {"team", "worker"};
  REQUIRE(ts_evaluation_create(rules.handle, good, 2, &ev) == TS_OK);
  ts_evaluation_free(ev);
  ev = nullptr;
  const char* twice[] = {"team", "team"};
  const char* event_column[] = {"date"};
  const char* attribute[] = {"seen_alone"};
  const char* empty[] = {""};
  const char* null[] = {nullptr};
  CHECK(ts_evaluation_create(rules.handle, twice, 2, &ev) == TS_INVALID_ARGUMENT);
  CHECK(ts_evaluation_create(rules.handle, event_column, 1, &ev) == TS_INVALID_ARGUMENT);
  CHECK(ts_evaluation_create(rules.handle, attribute, 1, &ev) == TS_INVALID_ARGUMENT);
  CHECK(ts_evaluation_create(rules.handle, empty, 1, &ev) == TS_INVALID_ARGUMENT);
  CHECK(ts_evaluation_create(rules.handle, null, 1, &ev) == TS_INVALID_ARGUMENT);
  CHECK(ts_evaluation_create(rules.handle, nullptr, 1, &ev) == TS_INVALID_ARGUMENT);
  CHECK(ts_evaluation_create(nullptr, nullptr, 0, &ev) == TS_INVALID_ARGUMENT);
  CHECK(ts_evaluation_create(rules.handle, nullptr, 0, nullptr) == TS_INVALID_ARGUMENT);
  CHECK(ev == nullptr);
}

TEST_CASE("C API: an evaluation outlives the rulebook handle it was made from", "[capi]") {
  ts_rulebook* rules = nullptr;
  REQUIRE(ts_rulebook_load_builtin(&rules) == TS_OK);
  ts_evaluation* ev = nullptr;
  REQUIRE(ts_evaluation_create(rules, nullptr, 0, &ev) == TS_OK);
  ts_rulebook_free(rules);
  REQUIRE(ts_evaluation_add_event(ev, "C1", "strategy_discussion", "2021-01-11", nullptr, 0) == TS_OK);
  REQUIRE(ts_evaluation_add_event(ev, "C1", "icpc", "2021-01-29", nullptr, 0) == TS_OK);
  REQUIRE(ts_evaluation_evaluate(ev, nullptr) == TS_OK);
  ts_obligation ob = sized_obligation();
  REQUIRE(ts_evaluation_obligation(ev, 0, &ob) == TS_OK);
  CHECK(std::string(ob.rule_id) == "wales.cp.icpc");
  CHECK(ob.status == TS_STATUS_MET);
  ts_evaluation_free(ev);
}

TEST_CASE("C API: running out of memory is TS_OUT_OF_MEMORY, never an abort", "[capi]") {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  SUCCEED("not checked under ASan or TSan: they reserve more address space than the limit allows");
#else
  Rules rules;
  Eval ev(rules.handle, {"notes"});
  const std::string note(256u << 20, 'x');  // a 256 MB carried value: the table must copy it
  const ts_pair pair[] = {{"notes", note.c_str()}};
  // In a child process whose address space is capped at what it already uses plus 64 MB.
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    std::ifstream statm("/proc/self/statm");
    unsigned long pages = 0;
    statm >> pages;
    const rlim_t limit = static_cast<rlim_t>(pages) * static_cast<rlim_t>(::sysconf(_SC_PAGESIZE)) + (64u << 20);
    const rlimit cap{limit, limit};
    if (::setrlimit(RLIMIT_AS, &cap) != 0) ::_exit(100);
    const ts_status added = ts_evaluation_add_event(ev, "C1", "referral", "2021-03-01", pair, 1);
    if (added != TS_OUT_OF_MEMORY) ::_exit(101);
    if (std::string_view(ts_last_error()).find("memory") == std::string_view::npos) ::_exit(102);
    // The handle says so from then on, and can still be freed.
    std::size_t rows = 0;
    if (ts_evaluation_row_counts(ev, &rows, nullptr, nullptr) != TS_OUT_OF_MEMORY) ::_exit(103);
    if (ts_evaluation_evaluate(ev, nullptr) != TS_OUT_OF_MEMORY) ::_exit(104);
    ::_exit(0);
  }
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  REQUIRE(WIFEXITED(status));  // not killed by an abort
  CHECK(WEXITSTATUS(status) == 0);
#endif
}

TEST_CASE("C API: the rules' calendar has the one-off holidays: 2022-09-16 + 1 working day = 2022-09-20", "[capi]") {
  // A report on Fri 16 Sep 2022 is owed a decision within 1 working day; Mon 19 Sep, the Queen's
  // funeral, is a one-off holiday that only the calendar's data knows: due Tue 20 Sep.
  Rules rules;
  Eval ev(rules.handle);
  REQUIRE(ts_evaluation_add_event(ev, "C1", "referral", "2022-09-16", nullptr, 0) == TS_OK);
  REQUIRE(ts_evaluation_evaluate(ev, "2022-09-30") == TS_OK);
  bool found = false;
  for (std::size_t i = 0; i < obligation_count(ev); ++i) {
    ts_obligation ob = sized_obligation();
    REQUIRE(ts_evaluation_obligation(ev, i, &ob) == TS_OK);
    if (std::string(ob.rule_id) != "wales.assessment.referral_decision") continue;
    found = true;
    CHECK(iso(ob.due_date) == "2022-09-20");
  }
  CHECK(found);
}

TEST_CASE("C API: with no event used there is no latest date to judge on: as_of must be given", "[capi]") {
  // C9 takes the latest event date when as_of is NULL; with no usable event there is none, and no
  // date is made up (it was 1970-01-01, outside the calendar's range).
  const Rules rules;
  const auto refused = [](ts_evaluation* ev) {
    CHECK(ts_evaluation_evaluate(ev, nullptr) == TS_INVALID_ARGUMENT);
    CHECK(contains(ts_last_error(), "no event was used"));
    int32_t as_of = 0;
    CHECK(ts_evaluation_as_of(ev, &as_of) == TS_NOT_EVALUATED);
  };
  const Eval none(rules.handle);
  refused(none);
  const Eval rejected(rules.handle);
  REQUIRE(ts_evaluation_add_event(rejected, "C1", "bogus", "2021-03-01", nullptr, 0) == TS_REJECTED);
  refused(rejected);
  // Given as_of, the empty evaluation is a result: no obligations, as of that day.
  REQUIRE(ts_evaluation_evaluate(rejected, "2021-03-31") == TS_OK);
  std::size_t count = 1;
  REQUIRE(ts_evaluation_obligation_count(rejected, &count) == TS_OK);
  CHECK(count == 0);
  int32_t as_of = 0;
  REQUIRE(ts_evaluation_as_of(rejected, &as_of) == TS_OK);
  CHECK(iso(as_of) == "2021-03-31");
}
