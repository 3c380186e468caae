// Issue 19 through the C API: rules directories that are nested too deep (on a host thread with a
// small stack) or hold a symbolic link that loops, --as-of outside the calendar, and a handle of
// the wrong kind.
#include <catch2/catch.hpp>

#include <pthread.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "timescales/timescales.h"

namespace {

namespace fs = std::filesystem;

const fs::path bad_rules = fs::path(TIMESCALES_SOURCE_DIR) / "tests" / "bad-input" / "rules";

bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

struct Load {
  std::string directory;
  ts_status status = TS_OK;
  std::string error{};
};

void* load_directory(void* arg) {
  auto* load = static_cast<Load*>(arg);
  ts_rulebook* rules = nullptr;
  ts_rulebook* builtin = nullptr;
  load->status = ts_rulebook_load_builtin(&builtin);
  // These directories are a council's layer (they declare no jurisdiction): layered on the built-in rules.
  if (load->status == TS_OK) load->status = ts_rulebook_layer(builtin, load->directory.c_str(), &rules);
  ts_rulebook_free(builtin);
  load->error = ts_last_error();
  ts_rulebook_free(rules);
  return nullptr;
}

// A fresh directory, removed at the end.
struct Scratch {
  fs::path path = fs::temp_directory_path() / ("timescales-capi-" + std::to_string(::getpid()));
  Scratch() {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~Scratch() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
};

}  // namespace

TEST_CASE("C API: a 250-deep nested array is TS_RULES_ERROR on a host thread with a 128 KB stack", "[capi]") {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  SUCCEED("not checked under ASan or TSan: their stack frames are several times larger");
#else
  ts_rulebook* warm = nullptr;  // the built-in rules, compiled on the main thread as a host would
  REQUIRE(ts_rulebook_load_builtin(&warm) == TS_OK);
  ts_rulebook_free(warm);
  Load load{(bad_rules / "nested-array").string()};
  pthread_attr_t attr;
  REQUIRE(pthread_attr_init(&attr) == 0);
  REQUIRE(pthread_attr_setstacksize(&attr, 128 * 1024) == 0);
  pthread_t thread;
  REQUIRE(pthread_create(&thread, &attr, load_directory, &load) == 0);
  REQUIRE(pthread_join(thread, nullptr) == 0);
  pthread_attr_destroy(&attr);
  CHECK(load.status == TS_RULES_ERROR);
  CHECK(contains(load.error, "nested.toml:2: nested more than 24 levels deep"));
#endif
}

TEST_CASE("C API: a symbolic link that loops in a rules directory is TS_IO_ERROR naming it", "[capi]") {
  const Scratch dir;
  std::ofstream(dir.path / "a.toml") << "title = \"x\"\n";
  fs::create_symlink("loop.toml", dir.path / "loop.toml");
  Load load{dir.path.string()};
  load_directory(&load);
  CHECK(load.status == TS_IO_ERROR);
  CHECK(contains(load.error, "loop.toml"));
}

TEST_CASE("C API: an empty rules directory, or one with no rule file, is an error", "[capi]") {
  const Scratch dir;
  Load empty{dir.path.string()};
  load_directory(&empty);
  CHECK(empty.status == TS_IO_ERROR);
  CHECK(contains(empty.error, "holds no .toml file"));
  // A layer of measures alone adds no rule; the C API evaluates rules and never reads measures.
  Load no_rules{(bad_rules / "no-rule-file").string()};
  load_directory(&no_rules);
  CHECK(no_rules.status == TS_OK);
  ts_rulebook* whole = nullptr;
  CHECK(ts_rulebook_load_directory((bad_rules / "no-rule-file").c_str(), &whole) == TS_RULES_ERROR);
  CHECK(whole == nullptr);
  CHECK(contains(ts_last_error(), "declares no jurisdiction"));
}

TEST_CASE("C API: as_of outside the calendar's range (1990-01-01 to 2060-12-31) is TS_INVALID_ARGUMENT", "[capi]") {
  ts_rulebook* rules = nullptr;
  REQUIRE(ts_rulebook_load_builtin(&rules) == TS_OK);
  ts_evaluation* ev = nullptr;
  REQUIRE(ts_evaluation_create(rules, nullptr, 0, &ev) == TS_OK);
  REQUIRE(ts_evaluation_add_event(ev, "C1", "referral", "2021-03-01", nullptr, 0) == TS_OK);
  for (const char* date : {"2061-01-01", "1989-12-31", "9999-12-31"}) {
    INFO(date);
    CHECK(ts_evaluation_evaluate(ev, date) == TS_INVALID_ARGUMENT);
    CHECK(contains(ts_last_error(), "outside the supported range"));
    int32_t day = 0;
    REQUIRE(ts_date_from_iso(date, &day) == TS_OK);
    CHECK(ts_evaluation_evaluate_days(ev, day) == TS_INVALID_ARGUMENT);
  }
  std::size_t count = 0;
  CHECK(ts_evaluation_obligation_count(ev, &count) == TS_NOT_EVALUATED);  // no guess was made
  CHECK(ts_evaluation_evaluate(ev, "2060-12-31") == TS_OK);
  CHECK(ts_evaluation_evaluate(ev, "1990-01-01") == TS_OK);
  ts_evaluation_free(ev);
  ts_rulebook_free(rules);
}

TEST_CASE("C API: a rulebook handle passed as an evaluation handle, or the reverse, is TS_INVALID_ARGUMENT", "[capi]") {
  ts_rulebook* rules = nullptr;
  REQUIRE(ts_rulebook_load_builtin(&rules) == TS_OK);
  ts_evaluation* ev = nullptr;
  REQUIRE(ts_evaluation_create(rules, nullptr, 0, &ev) == TS_OK);
  auto* wrong = reinterpret_cast<ts_evaluation*>(rules);  // what a host's binding may do by mistake
  CHECK(ts_evaluation_evaluate(wrong, nullptr) == TS_INVALID_ARGUMENT);
  CHECK(contains(ts_last_error(), "is not a ts_evaluation handle"));
  CHECK_FALSE(contains(ts_last_error(), "memory"));
  CHECK(ts_evaluation_add_event(wrong, "C1", "referral", "2021-03-01", nullptr, 0) == TS_INVALID_ARGUMENT);
  CHECK(ts_evaluation_add_event_days(wrong, "C1", "referral", 18687, nullptr, 0) == TS_INVALID_ARGUMENT);
  std::size_t rows = 0;
  CHECK(ts_evaluation_row_counts(wrong, &rows, nullptr, nullptr) == TS_INVALID_ARGUMENT);
  std::size_t count = 0;
  CHECK(ts_rulebook_rule_count(reinterpret_cast<ts_rulebook*>(ev), &count) == TS_INVALID_ARGUMENT);
  CHECK(contains(ts_last_error(), "is not a ts_rulebook handle"));
  ts_evaluation* other = nullptr;
  CHECK(ts_evaluation_create(reinterpret_cast<ts_rulebook*>(ev), nullptr, 0, &other) == TS_INVALID_ARGUMENT);
  CHECK(other == nullptr);
  ts_evaluation_free(ev);
  ts_rulebook_free(rules);
}
