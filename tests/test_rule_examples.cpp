// Every worked example of every rule file, run through the engine: the built-in rules and the
// project's rules/ directory as read from disk (local standards included). And proof that the
// runner can fail: an example with one due date wrong by a day does not hold.
#include <algorithm>
#include <string>
#include <vector>

#include "support.hpp"
#include "timescales/examples.hpp"
#include "timescales/load.hpp"

namespace {

using timescales::Diagnostic;
using timescales::ExampleResult;
using timescales::Rulebook;
using timescales::SourceFile;

std::string all(const timescales::Diagnostics& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics) out += d.to_string() + "\n";
  return out;
}

std::string differences(const ExampleResult& result) {
  std::string out;
  for (const std::string& d : result.differences) out += "  " + d + "\n";
  return out;
}

std::size_t example_count(const Rulebook& book) {
  std::size_t n = 0;
  for (const timescales::Rule& r : book.rules()) n += r.examples.size();
  return n;
}

void check_every_example(const Rulebook& book) {
  const std::vector<ExampleResult> results = timescales::run_examples(book);
  REQUIRE_FALSE(results.empty());
  CHECK(results.size() == example_count(book));
  for (const ExampleResult& result : results) {
    REQUIRE(result.rule != nullptr);
    REQUIRE(result.example != nullptr);
    DYNAMIC_SECTION(result.where()) {
      INFO(result.where() << " differs:\n" << differences(result));
      CHECK(result.passed());
    }
  }
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  return text;
}

}  // namespace

TEST_CASE("examples: every example of the built-in rules holds", "[examples]") {
  check_every_example(timescales::builtin_rulebook());
}

TEST_CASE("examples: every example of the rules directory holds (local standards included)", "[examples]") {
  const auto files = timescales::read_sources(TIMESCALES_SOURCE_DIR "/rules");
  INFO((files ? std::string() : files.error().message));
  REQUIRE(files.has_value());
  REQUIRE(std::ranges::any_of(*files, [](const SourceFile& f) { return f.path.starts_with("local/"); }));
  auto loaded = timescales::load_rulebook(*files);
  INFO((loaded ? std::string() : all(loaded.error())));
  REQUIRE(loaded.has_value());
  REQUIRE(loaded->family("local.example.cp.visit.monthly") != nullptr);
  REQUIRE(loaded->family("local.example.assessment.proportionate") != nullptr);
  check_every_example(*loaded);
}

TEST_CASE("examples: the runner fails an example whose due date is wrong by a day", "[examples]") {
  const auto source = std::ranges::find(timescales::builtin_sources(), std::string("wales/assessment.toml"),
                                        &SourceFile::path);
  REQUIRE(source != timescales::builtin_sources().end());

  // "A Friday referral decided the next Monday": due and met on Mon 10 May 2021. Say Tue 11 May.
  const std::string right = "{ occurrence = 1, due = 2021-05-10, completed = 2021-05-10, status = \"met\" }";
  const std::string wrong = "{ occurrence = 1, due = 2021-05-11, completed = 2021-05-10, status = \"met\" }";
  std::vector<SourceFile> files;
  for (const SourceFile& f : timescales::builtin_sources()) {
    if (f.path.starts_with("calendars/") || f.path == "wales/settings.toml" || f.path == "wales/jurisdiction.toml") files.push_back(f);
  }
  files.push_back({source->path, replaced(source->text, right, wrong)});
  auto loaded = timescales::load_rulebook(files);
  INFO((loaded ? std::string() : all(loaded.error())));
  REQUIRE(loaded.has_value());

  const std::vector<ExampleResult> results = timescales::run_examples(*loaded);
  const auto failing = std::ranges::find_if(results, [](const ExampleResult& r) { return !r.passed(); });
  REQUIRE(failing != results.end());
  INFO(failing->where() << ":\n" << differences(*failing));
  CHECK(failing->rule->id == "wales.assessment.referral_decision");
  CHECK(failing->example->name == "A Friday referral decided the next Monday");
  CHECK(failing->where().starts_with("wales/assessment.toml:"));
  // Only that example fails.
  CHECK(std::ranges::count_if(results, [](const ExampleResult& r) { return !r.passed(); }) == 1);

  // The differences name the date written (11 May, not produced) and the date computed (10 May,
  // not expected).
  const auto names = [&](const std::string& a, const std::string& b) {
    return std::ranges::any_of(failing->differences, [&](const std::string& d) {
      return d.find(a) != std::string::npos && d.find(b) != std::string::npos;
    });
  };
  CHECK(names("expected", "due 2021-05-11"));
  CHECK(names("produced", "due 2021-05-10"));
  std::string joined;
  for (const std::string& d : failing->differences) joined += d + "\n";
  CHECK(joined.find("2021-05-11") != std::string::npos);
  CHECK(joined.find("2021-05-10") != std::string::npos);

  // The same file unaltered holds.
  files.back().text = source->text;
  auto unaltered = timescales::load_rulebook(files);
  REQUIRE(unaltered.has_value());
  for (const ExampleResult& r : timescales::run_examples(*unaltered)) {
    INFO(r.where() << ":\n" << differences(r));
    CHECK(r.passed());
  }
}

TEST_CASE("examples: the runner fails an example whose finding is on the wrong day", "[examples]") {
  const auto source = std::ranges::find(timescales::builtin_sources(), std::string("wales/looked-after.toml"),
                                        &SourceFile::path);
  REQUIRE(source != timescales::builtin_sources().end());
  std::vector<SourceFile> files;
  for (const SourceFile& f : timescales::builtin_sources()) {
    if (f.path.starts_with("calendars/") || f.path == "wales/settings.toml" || f.path == "wales/jurisdiction.toml") files.push_back(f);
  }
  // The refused 3-monthly review: expect the finding on a different day.
  files.push_back({source->path, replaced(source->text, "{ date = 2021-04-01, asked = \"3 months\" }",
                                          "{ date = 2021-04-02, asked = \"3 months\" }")});
  auto loaded = timescales::load_rulebook(files);
  INFO((loaded ? std::string() : all(loaded.error())));
  REQUIRE(loaded.has_value());
  const std::vector<ExampleResult> results = timescales::run_examples(*loaded);
  const auto failing = std::ranges::find_if(results, [](const ExampleResult& r) { return !r.passed(); });
  REQUIRE(failing != results.end());
  INFO(differences(*failing));
  CHECK(failing->rule->id == "wales.lac.visit");
  CHECK(std::ranges::count_if(results, [](const ExampleResult& r) { return !r.passed(); }) == 1);
  REQUIRE(failing->differences.size() == 2);
  CHECK(failing->differences[0] == "expected a finding on 2021-04-02 (asked 3 months), not produced");
  CHECK(failing->differences[1] == "produced a finding on 2021-04-01 (asked 3 months), not expected");
}
