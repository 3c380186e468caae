// The rule compiler: a small valid rule file, mutated to produce each error the compiler must
// catch, with the diagnostic's file, line, column, message and hint checked; then the rules built
// into the library: they load cleanly, cite their authority, carry examples and cover RULES.md.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "support.hpp"
#include "timescales/load.hpp"
#include "timescales/rulebook.hpp"

namespace {

using timescales::builtin_jurisdictions;
using timescales::builtin_rulebook;
using timescales::builtin_sources;
using timescales::Diagnostic;
using timescales::Diagnostics;
using timescales::is_calendar_file;
using timescales::is_measure_file;
using timescales::Jurisdiction;
using timescales::load_rulebook;
using timescales::Rule;
using timescales::Rulebook;
using timescales::RuleFamily;
using timescales::SourceFile;
using timescales::testing::contains;
using timescales::testing::date_of;

constexpr std::string_view file_name = "test/rules.toml";

// Two statutory rules, one one-off and one recurring, each with a worked example that holds.
const std::string valid_text = R"(title = "Compiler test rules"

[[rule]]
id = "test.assessment"
title = "An assessment"
summary = "Completed within 15 working days of the referral."
standard = "statutory"
confidence = "confirmed"
effective_from = 2016-04-06
calendar = "england-and-wales"
trigger = "referral"
completed_by = "assessment_completed"
limit = "15 working days"
stops = ["case_closed"]

[rule.source]
instrument = "Test Regulations 2016"
provision = "reg 1"
url = "https://www.example.org/reg1"
quote = "within 15 working days of the referral"

[[rule.example]]
name = "Fifteen working days"
as_of = 2021-03-31
events = [
  { date = 2021-03-01, event = "referral" },
  { date = 2021-03-22, event = "assessment_completed" },
]
expect = [
  { occurrence = 1, due = 2021-03-22, completed = 2021-03-22, status = "met" },
]

[[rule]]
id = "test.visit"
title = "Visits"
summary = "Visited within a week of the placement, then at least every 6 weeks."
standard = "statutory"
confidence = "confirmed"
effective_from = 2016-04-06
calendar = "england-and-wales"
recurring = true
trigger = "placement_start"
completed_by = "lac_visit"
first = "1 week"
phases = [
  { during = "12 months", every = "6 weeks" },
  { every = "6 weeks" },
]
stops = ["placement_end", "case_closed"]

[rule.source]
instrument = "Test Regulations 2016"
provision = "reg 2"
url = "https://www.example.org/reg2"
quote = "within 1 week of the start of the placement"

[[rule.example]]
name = "Within the week, then six weeks on"
as_of = 2021-03-31
events = [
  { date = 2021-03-01, event = "placement_start" },
  { date = 2021-03-05, event = "lac_visit" },
]
expect = [
  { occurrence = 1, due = 2021-03-08, completed = 2021-03-05, status = "met" },
  { occurrence = 2, due = 2021-04-16, status = "pending" },
]
)";

// The first rule's block, from its [[rule]] to the next one's.
std::string assessment_block() {
  const auto begin = valid_text.find("[[rule]]\nid = \"test.assessment\"");
  const auto end = valid_text.find("[[rule]]\nid = \"test.visit\"");
  return valid_text.substr(begin, end - begin);
}

// A local rule tightening another; `target` is the rule it names.
std::string local_rule(std::string_view target) {
  return R"(
[[rule]]
id = "test.local.assessment"
title = "Local assessment"
summary = "Ten working days."
standard = "local"
local_standard_for = ")" +
         std::string(target) + R"("
confidence = "confirmed"
effective_from = 2016-04-06
trigger = "referral"
completed_by = "assessment_completed"
limit = "10 working days"

[rule.source]
instrument = "Test council practice standards"
provision = "Standard 1"
url = "https://www.example.org/standards"
quote = "within 10 working days"
)";
}

std::string replaced(std::string text, std::string_view from, std::string_view to) {
  const auto at = text.find(from);
  if (at == std::string::npos) throw std::logic_error("test text has no '" + std::string(from) + "'");
  text.replace(at, from.size(), to);
  return text;
}

struct Position {
  int line = 0;
  int column = 0;
};

// Where the nth (0-based) occurrence of `needle` in `text` starts, plus `offset` characters.
Position position_of(const std::string& text, std::string_view needle, std::size_t offset = 0, int nth = 0) {
  std::size_t found = text.find(needle);
  for (int i = 0; i < nth && found != std::string::npos; ++i) found = text.find(needle, found + 1);
  if (found == std::string::npos) throw std::logic_error("test text has no '" + std::string(needle) + "'");
  const std::size_t at = found + offset;
  const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n');
  const std::size_t line_start = at == 0 ? std::string::npos : text.rfind('\n', at - 1);
  const std::size_t column = line_start == std::string::npos ? at + 1 : at - line_start;
  return {static_cast<int>(line), static_cast<int>(column)};
}

// The built-in calendars and the jurisdiction that names its calendar (the default of a rule
// that names none).
std::vector<SourceFile> calendar_files() {
  std::vector<SourceFile> files;
  for (const SourceFile& f : builtin_sources()) {
    if (f.path.starts_with("calendars/") || f.path == "wales/jurisdiction.toml") files.push_back(f);
  }
  return files;
}

std::vector<SourceFile> with_calendars(const std::string& text) {
  std::vector<SourceFile> files = calendar_files();
  files.push_back({std::string(file_name), text});
  return files;
}

std::string all(const Diagnostics& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics) out += d.to_string() + "\n";
  return out;
}

// Loads `text` beside the built-in calendars; the load must fail.
Diagnostics errors_of(const std::string& text) {
  auto loaded = load_rulebook(with_calendars(text));
  REQUIRE_FALSE(loaded.has_value());
  REQUIRE_FALSE(loaded.error().empty());
  return loaded.error();
}

// The diagnostic whose message contains `part`; fails the test when there is none.
const Diagnostic& diagnostic_with(const Diagnostics& diagnostics, std::string_view part) {
  INFO("looking for a diagnostic containing: " << part);
  INFO("diagnostics:\n" << all(diagnostics));
  const auto it = std::ranges::find_if(diagnostics, [&](const Diagnostic& d) {
    return d.message.find(part) != std::string::npos;
  });
  REQUIRE(it != diagnostics.end());
  return *it;
}

std::size_t word_count(std::string_view text) {
  std::istringstream in{std::string(text)};
  std::size_t n = 0;
  for (std::string word; in >> word;) ++n;
  return n;
}

}  // namespace

TEST_CASE("rule compiler: the test file is valid and compiles", "[rules]") {
  auto loaded = load_rulebook(with_calendars(valid_text));
  INFO((loaded ? std::string() : all(loaded.error())));
  REQUIRE(loaded.has_value());
  REQUIRE(loaded->families().size() == 2);
  const RuleFamily* assessment = loaded->family("test.assessment");
  REQUIRE(assessment != nullptr);
  REQUIRE(assessment->versions.size() == 1);
  const Rule& r = *assessment->versions.front();
  CHECK(r.file == file_name);
  CHECK(r.line == position_of(valid_text, "[[rule]]\nid = \"test.assessment\"").line);
  CHECK(r.calendar != nullptr);
  CHECK(r.effective_from == date_of("2016-04-06"));
  REQUIRE(r.examples.size() == 1);
  CHECK(r.examples.front().line == position_of(valid_text, "[[rule.example]]").line);
  const RuleFamily* visit = loaded->family("test.visit");
  REQUIRE(visit != nullptr);
  CHECK(visit->latest().recurring);
  REQUIRE(visit->latest().variants.size() == 1);
  CHECK(visit->latest().variants.front().phases.size() == 2);
}

TEST_CASE("rule compiler: an unknown key with the key it most likely meant", "[rules]") {
  const std::string text = replaced(valid_text, "limit = \"15 working days\"", "limt = \"15 working days\"");
  const Diagnostics errors = errors_of(text);
  const Diagnostic& d = diagnostic_with(errors, "unknown key 'limt'");
  CHECK(d.file == file_name);
  CHECK(d.line == position_of(text, "limt =").line);
  CHECK(d.column == position_of(text, "limt =").column);
  CHECK(d.message == "rule test.assessment: unknown key 'limt'");
  CHECK(d.hint == "did you mean 'limit'?");
  // The key it replaced is then missing: both are said.
  CHECK(diagnostic_with(errors, "missing required key 'limit'").file == file_name);
  CHECK(contains(d.to_string(), "test/rules.toml:" + std::to_string(d.line) + ":" + std::to_string(d.column) +
                                    ": rule test.assessment: unknown key 'limt' (did you mean 'limit'?)"));
}

TEST_CASE("rule compiler: a value of the wrong type", "[rules]") {
  const std::string text = replaced(valid_text, "limit = \"15 working days\"", "limit = 15");
  const Diagnostics errors = errors_of(text);
  REQUIRE(errors.size() == 1);
  const Diagnostic& d = diagnostic_with(errors, "'limit' must be");
  CHECK(d.file == file_name);
  CHECK(d.line == position_of(text, "limit = 15").line);
  CHECK(d.column == position_of(text, "limit = 15", 8).column);  // the value
  CHECK(contains(d.message, "rule test.assessment: 'limit' must be a period"));
  CHECK(contains(d.message, "not an integer"));
}

TEST_CASE("rule compiler: a malformed period suggests working days", "[rules]") {
  const std::string text = replaced(valid_text, "\"15 working days\"", "\"15 wrking days\"");
  const Diagnostics errors = errors_of(text);
  REQUIRE(errors.size() == 1);
  const Diagnostic& d = diagnostic_with(errors, "malformed period");
  CHECK(d.file == file_name);
  CHECK(d.line == position_of(text, "limit = \"15 wrking").line);
  CHECK(d.column == position_of(text, "limit = \"15 wrking", 8).column);
  CHECK(contains(d.message, "rule test.assessment: 'limit'"));
  CHECK(contains(d.message, "'15 wrking days'"));
  CHECK(contains(d.message + " " + d.hint, "did you mean 'working days'?"));
}

TEST_CASE("rule compiler: an impossible date as a string", "[rules]") {
  const std::string text = replaced(valid_text, "effective_from = 2016-04-06", "effective_from = \"2019-02-30\"");
  const Diagnostics errors = errors_of(text);
  REQUIRE(errors.size() == 1);
  const Diagnostic& d = diagnostic_with(errors, "impossible date");
  CHECK(d.file == file_name);
  CHECK(d.line == position_of(text, "effective_from = \"2019").line);
  CHECK(d.column == position_of(text, "effective_from = \"2019", 17).column);
  CHECK(d.message == "rule test.assessment: 'effective_from': impossible date '2019-02-30': no such day in the calendar");
}

TEST_CASE("rule compiler: an impossible date as a TOML date", "[rules]") {
  const std::string text = replaced(valid_text, "effective_from = 2016-04-06", "effective_from = 2019-02-30");
  const Diagnostics errors = errors_of(text);
  REQUIRE(errors.size() == 1);
  const Diagnostic& d = errors.front();
  INFO(d.to_string());
  CHECK(d.file == file_name);
  CHECK(d.line == position_of(text, "effective_from = 2019").line);
  // toml++ checks the day against the month while parsing: the file is not valid TOML, and the
  // parser's own message says why.
  CHECK(d.message.starts_with("not valid TOML: "));
  CHECK(contains(d.message, "day"));
  CHECK(d.column > 0);
}

TEST_CASE("rule compiler: an unknown event name with the event it most likely meant", "[rules]") {
  const std::string text = replaced(valid_text, "trigger = \"referral\"", "trigger = \"referal\"");
  const Diagnostics errors = errors_of(text);
  REQUIRE(errors.size() == 1);
  const Diagnostic& d = errors.front();
  CHECK(d.file == file_name);
  CHECK(d.line == position_of(text, "trigger = \"referal\"").line);
  CHECK(d.column == position_of(text, "trigger = \"referal\"", 10).column);
  CHECK(d.message == "rule test.assessment: unknown event 'referal'");
  CHECK(d.hint == "did you mean 'referral'?");

  // Far from any event: the hint says where the events are listed.
  const Diagnostics far = errors_of(replaced(valid_text, "trigger = \"referral\"", "trigger = \"xyzzy-plugh\""));
  CHECK(diagnostic_with(far, "unknown event 'xyzzy-plugh'").hint == "the events are listed in docs/formats.md");

  // In a list (stops) too.
  const std::string stops = replaced(valid_text, "stops = [\"case_closed\"]", "stops = [\"case_closd\"]");
  const Diagnostics stop_errors = errors_of(stops);
  const Diagnostic& s = diagnostic_with(stop_errors, "unknown event 'case_closd'");
  CHECK(s.line == position_of(stops, "stops = [\"case_closd").line);
  CHECK(s.column == position_of(stops, "stops = [\"case_closd", 9).column);
  CHECK(s.hint == "did you mean 'case_closed'?");
}

TEST_CASE("rule compiler: a required text left empty cites nothing: reported at its line", "[rules][C13]") {
  for (const auto& [from, to] : {std::pair{"instrument = \"Test Regulations 2016\"", "instrument = \"\""},
                                 std::pair{"provision = \"reg 1\"", "provision = \"  \""},
                                 std::pair{"quote = \"within 15 working days of the referral\"", "quote = \"\""}}) {
    const std::string text = replaced(valid_text, from, to);
    const std::string key = std::string(to).substr(0, std::string(to).find(' '));
    INFO(key);
    const Diagnostics errors = errors_of(text);  // kept: diagnostic_with refers into it
    const Diagnostic& d = diagnostic_with(errors, "'" + key + "' is empty: give its text");
    CHECK(d.line == position_of(text, to).line);
  }
}

TEST_CASE("rule compiler: an unknown attribute in completed_if", "[rules]") {
  const std::string text = replaced(valid_text, "completed_by = \"lac_visit\"",
                                    "completed_by = \"lac_visit\"\ncompleted_if = { seen_alon = true }");
  const Diagnostics errors = errors_of(text);
  REQUIRE(errors.size() == 1);
  const Diagnostic& d = errors.front();
  CHECK(d.file == file_name);
  CHECK(d.line == position_of(text, "completed_if").line);
  CHECK(d.column == position_of(text, "seen_alon = true", 12).column);  // the value
  CHECK(d.message == "rule test.visit: unknown attribute 'seen_alon' in 'completed_if'");
  CHECK(d.hint == "did you mean 'seen_alone'?");
}

TEST_CASE("rule compiler: an unknown calendar", "[rules]") {
  const std::string text = replaced(valid_text, "calendar = \"england-and-wales\"", "calendar = \"england-and-wale\"");
  const Diagnostics errors = errors_of(text);
  REQUIRE(errors.size() == 1);
  const Diagnostic& d = errors.front();
  CHECK(d.file == file_name);
  CHECK(d.line == position_of(text, "[[rule]]\nid = \"test.assessment\"").line);  // the rule
  CHECK(d.message == "rule test.assessment: unknown calendar 'england-and-wale'");
  CHECK(d.hint == "did you mean 'england-and-wales'?");
}

TEST_CASE("rule compiler: local_standard_for must name a known rule", "[rules]") {
  SECTION("a rule of the same files") {
    CHECK(load_rulebook(with_calendars(valid_text + local_rule("test.assessment"))).has_value());
    const std::string text = valid_text + local_rule("test.assesment");
    const Diagnostics errors = errors_of(text);
    REQUIRE(errors.size() == 1);
    const Diagnostic& d = errors.front();
    CHECK(d.file == file_name);
    CHECK(d.line == position_of(text, "[[rule]]\nid = \"test.local.assessment\"").line);
    CHECK(d.message == "rule test.local.assessment: 'local_standard_for' names unknown rule 'test.assesment'");
    CHECK(d.hint == "did you mean 'test.assessment'?");
  }
  SECTION("a built-in statutory rule, given the built-in rulebook as reference") {
    const std::vector<SourceFile> files{{"local/council.toml", local_rule("wales.assessment.part3")}};
    auto with_reference = load_rulebook(files, &builtin_rulebook());
    INFO((with_reference ? std::string() : all(with_reference.error())));
    REQUIRE(with_reference.has_value());
    REQUIRE(with_reference->rules().size() == 1);
    CHECK(with_reference->rules().front().calendar != nullptr);  // the reference's calendars

    const std::vector<SourceFile> typo{{"local/council.toml", local_rule("wales.assessment.prt3")}};
    auto failed = load_rulebook(typo, &builtin_rulebook());
    REQUIRE_FALSE(failed.has_value());
    const Diagnostic& d = diagnostic_with(failed.error(), "names unknown rule 'wales.assessment.prt3'");
    CHECK(d.file == "local/council.toml");
    CHECK(d.hint == "did you mean 'wales.assessment.part3'?");
  }
  SECTION("only a local rule may name one") {
    const std::string text =
        valid_text + replaced(local_rule("test.assessment"), "standard = \"local\"", "standard = \"statutory\"");
    const Diagnostics errors = errors_of(text);
    const Diagnostic& d = diagnostic_with(errors, "only a local rule can be a 'local_standard_for'");
    CHECK(d.line == position_of(text, "local_standard_for").line);
  }
}

TEST_CASE("rule compiler: duplicate ids with the same period of effect", "[rules]") {
  const std::string text = valid_text + "\n" + assessment_block();
  const Diagnostics errors = errors_of(text);
  REQUIRE(errors.size() == 1);
  const Diagnostic& d = errors.front();
  const int first = position_of(text, "[[rule]]\nid = \"test.assessment\"").line;
  const int second = position_of(text, "[[rule]]\nid = \"test.assessment\"", 0, 1).line;
  REQUIRE(second > first);
  CHECK(d.file == file_name);
  CHECK(d.line == second);
  CHECK(d.message == "duplicate rule id 'test.assessment' (also at test/rules.toml:" + std::to_string(first) + ")");
  CHECK(d.hint == "give each rule its own id, or distinct periods of effect");
}

TEST_CASE("rule compiler: versions of one id must not overlap", "[rules]") {
  SECTION("a later version with no end of the earlier one overlaps it") {
    const std::string text =
        valid_text + "\n" + replaced(assessment_block(), "effective_from = 2016-04-06", "effective_from = 2020-04-01");
    const Diagnostics errors = errors_of(text);
    REQUIRE(errors.size() == 1);
    const Diagnostic& d = errors.front();
    const int first = position_of(text, "[[rule]]\nid = \"test.assessment\"").line;
    CHECK(d.file == file_name);
    CHECK(d.line == position_of(text, "[[rule]]\nid = \"test.assessment\"", 0, 1).line);
    CHECK(d.message == "rule test.assessment: its period of effect overlaps the version at test/rules.toml:" +
                           std::to_string(first) + " (C10)");
    CHECK(d.hint == "one version of a rule must end (effective_to) where the next begins");
  }
  SECTION("an earlier version that ends where the next begins does not") {
    const std::string text =
        replaced(valid_text, "effective_from = 2016-04-06", "effective_from = 2016-04-06\neffective_to = 2020-04-01") +
        "\n" + replaced(assessment_block(), "effective_from = 2016-04-06", "effective_from = 2020-04-01");
    auto loaded = load_rulebook(with_calendars(text));
    INFO((loaded ? std::string() : all(loaded.error())));
    REQUIRE(loaded.has_value());
    const RuleFamily* family = loaded->family("test.assessment");
    REQUIRE(family != nullptr);
    REQUIRE(family->versions.size() == 2);
    CHECK(family->versions[0]->effective_from == date_of("2016-04-06"));
    CHECK(family->versions[1]->effective_from == date_of("2020-04-01"));
    CHECK(family->in_effect(date_of("2020-03-31")) == family->versions[0]);
    CHECK(family->in_effect(date_of("2020-04-01")) == family->versions[1]);
    CHECK(family->in_effect(date_of("2016-04-05")) == nullptr);
  }
  SECTION("an end before the start") {
    const std::string text =
        replaced(valid_text, "effective_from = 2016-04-06", "effective_from = 2016-04-06\neffective_to = 2016-04-06");
    const Diagnostics errors = errors_of(text);
    const Diagnostic& d = diagnostic_with(errors, "'effective_to' must be after 'effective_from'");
    CHECK(d.line == position_of(text, "effective_to").line);
  }
}

TEST_CASE("rule compiler: versions of one id must share their shape", "[rules]") {
  const std::string text =
      replaced(valid_text, "effective_from = 2016-04-06", "effective_from = 2016-04-06\neffective_to = 2020-04-01") +
      "\n" +
      replaced(replaced(assessment_block(), "effective_from = 2016-04-06", "effective_from = 2020-04-01"),
               "trigger = \"referral\"", "trigger = \"strategy_discussion\"");
  const Diagnostics errors = errors_of(text);
  REQUIRE(errors.size() == 1);
  const Diagnostic& d = errors.front();
  const int first = position_of(text, "[[rule]]\nid = \"test.assessment\"").line;
  CHECK(d.file == file_name);
  CHECK(d.line == position_of(text, "[[rule]]\nid = \"test.assessment\"", 0, 1).line);
  CHECK(contains(d.message, "rule test.assessment: its versions must share standard, trigger"));
  CHECK(contains(d.message, "(they differ from test/rules.toml:" + std::to_string(first) + ")"));
  CHECK(d.hint == "a duty that changes shape is a different rule: give it its own id");
}

TEST_CASE("rule compiler: a relaxation must name the provision allowing it (C7)", "[rules]") {
  const std::string phase = "  { during = \"12 months\", every = \"6 weeks\" },";
  SECTION("a phase with 'when'") {
    const std::string text = replaced(valid_text, phase, "  { when = { intended_until_18 = true }, every = \"3 months\" },");
    const Diagnostics errors = errors_of(text);
    REQUIRE(errors.size() == 1);
    const Diagnostic& d = errors.front();
    CHECK(d.file == file_name);
    CHECK(d.line == position_of(text, "{ when").line);
    CHECK(d.column == position_of(text, "{ when").column);
    CHECK(d.message == "phase: a phase whose interval depends on a variation ('when' or 'every_from') must name "
                       "the 'provision' that allows it (C7)");
  }
  SECTION("a phase with 'every_from'") {
    const std::string text = replaced(valid_text, phase, "  { every_from = \"visit_interval\" },");
    const Diagnostics errors = errors_of(text);
    REQUIRE(errors.size() == 1);
    const Diagnostic& d = errors.front();
    CHECK(d.line == position_of(text, "{ every_from").line);
    CHECK(d.column == position_of(text, "{ every_from").column);
    CHECK(contains(d.message, "must name the 'provision' that allows it (C7)"));
  }
  SECTION("'every_from' needs the variation that records the interval and says when it ends") {
    const std::string every_from = "  { every_from = \"visit_interval\", provision = \"reg 2(c)\" },";
    const std::string text = replaced(valid_text, phase, every_from);
    const Diagnostics errors = errors_of(text);
    REQUIRE(errors.size() == 1);
    CHECK(errors.front().message ==
          "rule test.visit: a phase with every_from = 'visit_interval' needs a [rule.variation] with that attribute: "
          "the event that records it and lasts_until");
    const std::string variation =
        "[rule.variation]\nevent = \"lac_review\"\nattribute = \"visit_interval\"\nlasts_until = [\"looked_after_end\"]\n\n";
    const std::string with_variation = replaced(text, "[rule.source]\ninstrument = \"Test Regulations 2016\"\nprovision = \"reg 2\"",
                                                variation + "[rule.source]\ninstrument = \"Test Regulations 2016\"\nprovision = \"reg 2\"");
    auto loaded = load_rulebook(with_calendars(with_variation));
    INFO((loaded ? std::string() : all(loaded.error())));
    REQUIRE(loaded.has_value());
    CHECK(loaded->family("test.visit")->latest().variation.has_value());
  }
  SECTION("with the provision it compiles") {
    const std::string text = replaced(
        valid_text, phase, "  { when = { intended_until_18 = true }, every = \"3 months\", provision = \"reg 2(c)\" },");
    auto loaded = load_rulebook(with_calendars(text));
    INFO((loaded ? std::string() : all(loaded.error())));
    REQUIRE(loaded.has_value());
    const Rule& visit = loaded->family("test.visit")->latest();
    REQUIRE(visit.variants.front().phases.size() == 2);
    CHECK(visit.variants.front().phases.front().provision == "reg 2(c)");
    CHECK(visit.variants.front().phases.front().when.size() == 1);
  }
}

TEST_CASE("rule compiler: an unconfirmed rule must say verified = false", "[rules]") {
  const std::string text = replaced(valid_text, "confidence = \"confirmed\"", "confidence = \"unconfirmed\"");
  const Diagnostics errors = errors_of(text);
  REQUIRE(errors.size() == 1);
  const Diagnostic& d = errors.front();
  CHECK(d.file == file_name);
  CHECK(d.line == position_of(text, "[[rule]]\nid = \"test.assessment\"").line);
  CHECK(d.message == "rule test.assessment: an unconfirmed rule must say 'verified = false' (RULES.md)");

  const std::string saying_so = replaced(text, "confidence = \"unconfirmed\"", "confidence = \"unconfirmed\"\nverified = false");
  auto loaded = load_rulebook(with_calendars(saying_so));
  INFO((loaded ? std::string() : all(loaded.error())));
  REQUIRE(loaded.has_value());
  CHECK(loaded->family("test.assessment")->latest().confidence == timescales::Confidence::unconfirmed);

  const std::string saying_true = replaced(text, "confidence = \"unconfirmed\"", "confidence = \"unconfirmed\"\nverified = true");
  diagnostic_with(errors_of(saying_true), "an unconfirmed rule must say 'verified = false'");
}

TEST_CASE("rule compiler: a statutory rule needs a worked example", "[rules]") {
  const auto begin = valid_text.find("[[rule.example]]");
  const auto end = valid_text.find("[[rule]]\nid = \"test.visit\"");
  const std::string text = valid_text.substr(0, begin) + valid_text.substr(end);
  const Diagnostics errors = errors_of(text);
  REQUIRE(errors.size() == 1);
  const Diagnostic& d = errors.front();
  CHECK(d.file == file_name);
  CHECK(d.line == position_of(text, "[[rule]]\nid = \"test.assessment\"").line);
  CHECK(d.message == "rule test.assessment: a statutory rule needs at least one worked example ([[rule.example]])");

  // A local rule needs none.
  CHECK(load_rulebook(with_calendars(valid_text + local_rule("test.assessment"))).has_value());
}

TEST_CASE("rule compiler: a malformed period asked in an example's finding is an error at its line", "[rules]") {
  // Before, the file loaded and the typo showed only as an example that failed.
  const std::string text = replaced(valid_text, "  { occurrence = 2, due = 2021-04-16, status = \"pending\" },\n]\n",
                                    "  { occurrence = 2, due = 2021-04-16, status = \"pending\" },\n]\n"
                                    "findings = [\n  { date = 2021-03-05, asked = \"3 mnths\" },\n]\n");
  const Diagnostics errors = errors_of(text);
  const Diagnostic& d = diagnostic_with(errors, "malformed period");
  CHECK(d.file == file_name);
  CHECK(d.line == position_of(text, "asked = \"3 mnths\"").line);
  CHECK(d.column == position_of(text, "asked = \"3 mnths\"", 8).column);  // the value
  CHECK(contains(d.message, "expected finding: 'asked'"));
  CHECK(contains(d.message, "'3 mnths'"));
}

TEST_CASE("rule compiler: a truncated file is a TOML error naming the file and a line", "[rules]") {
  const std::string text = valid_text.substr(0, valid_text.size() / 2);
  const Diagnostics errors = errors_of(text);
  REQUIRE(errors.size() == 1);
  const Diagnostic& d = errors.front();
  INFO(d.to_string());
  CHECK(d.file == file_name);
  CHECK(d.message.starts_with("not valid TOML: "));
  CHECK(d.line > 0);
  CHECK(d.line <= 1 + std::count(text.begin(), text.end(), '\n'));
  CHECK(d.to_string().starts_with("test/rules.toml:" + std::to_string(d.line)));

  // Cut inside a string on a known line: the parser names that line.
  const std::string cut = valid_text.substr(0, valid_text.find("15 working days\""));
  const Diagnostics cut_errors = errors_of(cut);
  REQUIRE(cut_errors.size() == 1);
  const Diagnostic& c = cut_errors.front();
  INFO(c.to_string());
  CHECK(c.message.starts_with("not valid TOML: "));
  CHECK(c.line == position_of(cut, "limit = \"").line);
}

TEST_CASE("rule compiler: every error in a file is reported in one run", "[rules]") {
  std::string text = valid_text;
  text = replaced(text, "limit = \"15 working days\"", "limt = \"15 working days\"");
  text = replaced(text, "trigger = \"referral\"", "trigger = \"referal\"");
  text = replaced(text, "effective_from = 2016-04-06", "effective_from = \"2019-02-30\"");
  text = replaced(text, "url = \"https://www.example.org/reg1\"", "url = \"http://www.example.org/reg1\"");
  text = replaced(text, "  { during = \"12 months\", every = \"6 weeks\" },",
                  "  { when = { intended_until_18 = true }, every = \"3 months\" },");
  text = replaced(text, "completed_by = \"lac_visit\"", "completed_by = \"lac_visit\"\ncompleted_if = { seen_alon = true }");
  text = replaced(text, "  { date = 2021-03-05, event = \"lac_visit\" },", "  { date = 2021-03-05, event = \"lac_vist\" },");
  const Diagnostics errors = errors_of(text);
  INFO(all(errors));
  CHECK(errors.size() >= 8);
  CHECK(diagnostic_with(errors, "unknown key 'limt'").line == position_of(text, "limt").line);
  CHECK(diagnostic_with(errors, "missing required key 'limit'").file == file_name);
  CHECK(diagnostic_with(errors, "unknown event 'referal'").line == position_of(text, "\"referal\"").line);
  CHECK(diagnostic_with(errors, "impossible date '2019-02-30'").line == position_of(text, "\"2019-02-30\"").line);
  CHECK(diagnostic_with(errors, "'url' must be an https:// address").line == position_of(text, "http://").line);
  CHECK(diagnostic_with(errors, "(C7)").line == position_of(text, "{ when").line);
  CHECK(diagnostic_with(errors, "unknown attribute 'seen_alon'").line == position_of(text, "seen_alon").line);
  CHECK(diagnostic_with(errors, "unknown event 'lac_vist'").line == position_of(text, "lac_vist").line);
  for (const Diagnostic& d : errors) CHECK(d.file == file_name);
}

TEST_CASE("rule compiler: errors in several files are all reported", "[rules]") {
  std::vector<SourceFile> files = calendar_files();
  files.push_back({"a.toml", replaced(valid_text, "limit = \"15 working days\"", "limit = 15")});
  files.push_back({"b.toml", valid_text.substr(0, valid_text.size() / 2)});
  files.push_back({"c.toml", "title = \"nothing here\"\n"});
  auto loaded = load_rulebook(files);
  REQUIRE_FALSE(loaded.has_value());
  INFO(all(loaded.error()));
  std::set<std::string> named;
  for (const Diagnostic& d : loaded.error()) named.insert(d.file);
  CHECK(named == std::set<std::string>{"a.toml", "b.toml", "c.toml"});
}

TEST_CASE("rule compiler: a file with no [[rule]]", "[rules]") {
  const Diagnostics errors = errors_of("title = \"Nothing but a title\"\n");
  REQUIRE(errors.size() == 1);
  const Diagnostic& d = errors.front();
  CHECK(d.file == file_name);
  CHECK(d.line == 1);
  CHECK(d.column == 1);
  CHECK(d.message == "no rules in this file");
  CHECK(d.hint == "rules are [[rule]] tables; settings are [[setting]] or [settings]");

  // An empty file says the same.
  CHECK(errors_of("").front().message == "no rules in this file");
  // A stray top-level key is an unknown key.
  const Diagnostics stray_errors = errors_of("titel = \"x\"\n" + valid_text);
  const Diagnostic& stray = diagnostic_with(stray_errors, "unknown key 'titel'");
  CHECK(stray.line == 1);
  CHECK(stray.hint == "did you mean 'title'?");
}

// ------------------------------------------------------------------------------------------------
// The built-in rules.

namespace {

const std::vector<std::string>& rules_md_ids() {
  static const std::vector<std::string> ids{
      "wales.assessment.referral_decision", "wales.assessment.part3",  "wales.assessment.initial",
      "wales.cp.icpc",                      "wales.cp.s47_assessment", "wales.cp.outline_plan",
      "wales.cp.core_group.first",          "wales.cp.core_group",     "wales.cp.review_conference",
      "wales.cp.visit.seen_alone",          "wales.cp.visit.at_home",  "wales.lac.care_plan",
      "wales.lac.placement_plan",           "wales.lac.visit",         "wales.lac.review",
  };
  return ids;
}

}  // namespace

TEST_CASE("built-in rules: they load with no diagnostics", "[rules]") {
  auto loaded = load_rulebook(builtin_sources());
  INFO((loaded ? std::string() : all(loaded.error())));
  REQUIRE(loaded.has_value());
  CHECK_NOTHROW(builtin_rulebook());
  CHECK(builtin_rulebook().rules().size() == loaded->rules().size());
  CHECK(builtin_rulebook().families().size() == loaded->families().size());
  CHECK_FALSE(builtin_rulebook().rules().empty());
}

TEST_CASE("built-in rules: every RULES.md id is present", "[rules]") {
  const Rulebook& book = builtin_rulebook();
  for (const std::string& id : rules_md_ids()) {
    INFO(id);
    const RuleFamily* family = book.family(id);
    REQUIRE(family != nullptr);
    CHECK_FALSE(family->versions.empty());
    CHECK(family->latest().standard == timescales::Standard::statutory);
  }
  CHECK(book.family("wales.nope") == nullptr);
}

TEST_CASE("built-in rules: wales.lac.visit has a variant for every placement type", "[rules]") {
  const RuleFamily* family = builtin_rulebook().family("wales.lac.visit");
  REQUIRE(family != nullptr);
  for (const Rule* rule : family->versions) {
    std::set<std::string> covered;
    for (const timescales::Variant& v : rule->variants) {
      CHECK_FALSE(v.provision.empty());
      for (timescales::PlacementType p : v.placement_types) {
        covered.insert(std::string(timescales::placement_type_names[static_cast<std::size_t>(p)]));
      }
    }
    const std::set<std::string> wanted{"standard",
                                       "parent_pre_assessment",
                                       "connected_person_temporary",
                                       "interim_care_order_with_parent",
                                       "care_order_with_parent",
                                       "short_breaks"};
    CHECK(covered == wanted);
    CHECK(wanted.size() == timescales::placement_type_names.size());
    for (const std::string& p : wanted) {
      INFO(p);
      const timescales::Variant* v = rule->variant_for(*timescales::placement_type_named(p));
      REQUIRE(v != nullptr);
      CHECK(std::ranges::find(v->placement_types, *timescales::placement_type_named(p)) != v->placement_types.end());
    }
    CHECK(rule->variation.has_value());
  }
}

TEST_CASE("built-in rules: the versions of every family do not overlap", "[rules]") {
  for (const RuleFamily& family : builtin_rulebook().families()) {
    INFO(family.id);
    REQUIRE_FALSE(family.versions.empty());
    for (std::size_t i = 0; i < family.versions.size(); ++i) {
      const Rule& r = *family.versions[i];
      CHECK(r.id == family.id);
      if (r.effective_to) CHECK(r.effective_from < *r.effective_to);
      if (i + 1 < family.versions.size()) {
        const Rule& next = *family.versions[i + 1];
        CHECK(r.effective_from < next.effective_from);
        REQUIRE(r.effective_to.has_value());  // only the last version may be open-ended
        CHECK(*r.effective_to <= next.effective_from);
        CHECK(family.in_effect(next.effective_from) == &next);
      }
      CHECK(family.in_effect(r.effective_from) == &r);
    }
  }
}

TEST_CASE("built-in rules: every rule cites its authority and carries examples", "[rules]") {
  for (const Rule& r : builtin_rulebook().rules()) {
    INFO(r.id << " at " << r.file << ":" << r.line);
    CHECK_FALSE(r.title.empty());
    CHECK_FALSE(r.summary.empty());
    CHECK_FALSE(r.file.empty());
    CHECK(r.line > 0);
    CHECK(r.calendar != nullptr);
    CHECK_FALSE(r.source.instrument.empty());
    CHECK_FALSE(r.source.provision.empty());
    // Confirmed rules were read at a public address; a probable one may rest on a document that has
    // none (a council's own report), and then says so in its instrument.
    if (r.confidence == timescales::Confidence::confirmed || !r.source.url.empty()) {
      CHECK(r.source.url.starts_with("https://"));
      CHECK(r.source.url.size() > std::string_view("https://").size());
    }
    CHECK_FALSE(r.source.quote.empty());
    INFO("quote: " << r.source.quote);
    CHECK(word_count(r.source.quote) <= 30);
    if (r.standard == timescales::Standard::statutory) {
      CHECK_FALSE(r.examples.empty());
    }
    for (const timescales::Example& ex : r.examples) {
      CHECK_FALSE(ex.name.empty());
      CHECK(ex.line > r.line);
    }
    if (r.confidence == timescales::Confidence::unconfirmed) {
      CHECK(r.standard != timescales::Standard::statutory);  // never presented as confirmed law
    }
  }
}

TEST_CASE("rulebook: a copy shares its state and concurrent reads are safe", "[rules]") {
  const Rulebook& original = builtin_rulebook();
  const Rulebook copy = original;  // NOLINT(performance-unnecessary-copy-initialization): the point
  CHECK(copy.rules().data() == original.rules().data());
  CHECK(copy.families().data() == original.families().data());
  CHECK(&copy.calendars() == &original.calendars());
  CHECK(copy.family("wales.cp.icpc") == original.family("wales.cp.icpc"));

  // A copy outlives its original's owner: the state is shared, not borrowed.
  const Rulebook survivor = [] {
    auto loaded = load_rulebook(with_calendars(valid_text));
    REQUIRE(loaded.has_value());
    const Rulebook inner = *loaded;
    return inner;
  }();
  REQUIRE(survivor.family("test.visit") != nullptr);
  CHECK(survivor.family("test.visit")->latest().calendar != nullptr);

  // Eight readers at once. Nothing writes to a rulebook, so they must all see the same thing.
  const std::size_t families = copy.families().size();
  const std::size_t rules = copy.rules().size();
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  threads.reserve(8);
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      const Rulebook mine = t % 2 == 0 ? copy : original;  // copying is a read too
      for (int round = 0; round < 200; ++round) {
        if (mine.families().size() != families || mine.rules().size() != rules) ++mismatches;
        for (const RuleFamily& f : mine.families()) {
          const RuleFamily* found = mine.family(f.id);
          if (found != &f || found->versions.empty() || found->latest().id != f.id) ++mismatches;
        }
        for (const Rule& r : mine.rules()) {
          if (mine.family(r.id) == nullptr || r.calendar == nullptr) ++mismatches;
        }
        for (const std::string& id : rules_md_ids()) {
          if (mine.family(id) == nullptr) ++mismatches;
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  CHECK(mismatches.load() == 0);
}

TEST_CASE("built-in rules: the jurisdiction is data, and every rule file names it", "[rules][C12]") {
  CHECK(builtin_jurisdictions() == std::vector<std::string>{"wales"});
  const auto wales = builtin_rulebook("wales");
  REQUIRE(wales.has_value());
  const Jurisdiction& j = wales->get().jurisdiction();
  CHECK(j.id == "wales");
  CHECK(j.title_cy == "Cymru");
  CHECK(j.calendar == "england-and-wales");
  CHECK(j.file == "wales/jurisdiction.toml");
  REQUIRE(wales->get().jurisdiction_calendar() != nullptr);
  CHECK(wales->get().jurisdiction_calendar()->id() == "england-and-wales");

  const auto scotland = builtin_rulebook("scotland");
  REQUIRE_FALSE(scotland.has_value());
  CHECK(scotland.error().message.find("wales") != std::string::npos);

  // A council's file cannot be layered on another jurisdiction's rules by mistake only if every
  // rule file says whose it is (the key is optional to the loader, so the convention is checked here).
  std::size_t rule_files = 0;
  for (const SourceFile& f : builtin_sources()) {
    if (is_calendar_file(f.path) || is_measure_file(f.path) || f.path == j.file) continue;
    ++rule_files;
    INFO(f.path);
    CHECK(f.text.find("\njurisdiction = \"wales\"\n") != std::string::npos);
  }
  CHECK(rule_files >= 5);  // assessment, child protection, looked after, not encoded, settings
}
