// Thread safety through the C API: one rulebook handle shared by 8 threads, one evaluation handle
// per thread, each feeding a different synthetic event set; every thread gets what the same work
// gives serially. Run under ThreadSanitizer by scripts/sanitizers.sh.
#include <catch2/catch.hpp>

#include <array>
#include <cstdint>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "timescales/csv.hpp"
#include "timescales/generate.hpp"
#include "timescales/load.hpp"
#include "timescales/timescales.h"

namespace {

// An obligation for the library to fill, its struct_size set as a host sets it (the ABI rule).
ts_obligation sized_obligation() {
  ts_obligation o{};
  o.struct_size = sizeof o;
  return o;
}

constexpr std::size_t thread_count = 8;

std::string event_set(std::size_t i) {
  timescales::GenerateOptions options;
  options.children = 50 + 10 * i;
  options.seed = 2000 + i;
  options.from = timescales::days_from_civil({2019, 4, 1});
  options.to = timescales::days_from_civil({2022 + static_cast<int>(i % 2), 3, 31});
  std::ostringstream out;
  timescales::generate_events(options, timescales::builtin_rulebook().calendars().get("england-and-wales")->get(), out);
  return out.str();
}

// The rows of a generated CSV that repeat an earlier row but for the carried columns (the last
// two, team and worker): the generator writes a few, and C8 rejects each as a duplicate.
std::size_t duplicate_rows(const std::string& csv) {
  std::set<std::string_view> seen;
  std::size_t copies = 0;
  const std::string_view text(csv);
  for (std::size_t start = text.find('\n') + 1; start < text.size();) {
    const std::size_t end = text.find('\n', start);
    const std::string_view line = text.substr(start, end - start);
    const std::string_view content = line.substr(0, line.rfind(',', line.rfind(',') - 1));
    if (!seen.insert(content).second) ++copies;
    start = end + 1;
  }
  return copies;
}

// Feeds a generated CSV to a new evaluation handle row by row (the way a host would from its own
// database), evaluates, and returns every obligation with its explanation and carried values, or
// the first failure.
// `threads`: ts_evaluation_set_threads (0, the default, is every core the process may use).
std::string work(const ts_rulebook* rules, const std::string& csv, unsigned threads = 0) {
  const char* carried[] = {"team", "worker"};
  ts_evaluation* ev = nullptr;
  if (ts_evaluation_create(rules, carried, 2, &ev) != TS_OK) return std::string("create: ") + ts_last_error();
  if (ts_evaluation_set_threads(ev, threads) != TS_OK) return std::string("set_threads: ") + ts_last_error();
  std::ostringstream out;
  timescales::csv::Reader reader(csv);
  timescales::csv::Record record;
  std::vector<std::string> header;
  while (true) {
    const auto more = reader.next(record);
    if (!more || !*more) break;
    if (header.empty()) {
      for (const std::string_view f : record.fields) header.emplace_back(f);
      continue;
    }
    std::vector<std::string> fields(record.fields.begin(), record.fields.end());
    std::vector<ts_pair> pairs;
    for (std::size_t c = 3; c < fields.size() && c < header.size(); ++c) {
      if (!fields[c].empty()) pairs.push_back({header[c].c_str(), fields[c].c_str()});
    }
    const ts_status s =
        ts_evaluation_add_event(ev, fields[0].c_str(), fields[1].c_str(), fields[2].c_str(), pairs.data(), pairs.size());
    if (s != TS_OK) out << "row " << record.line << ": " << ts_status_name(s) << ": " << ts_last_error() << "\n";
  }
  std::size_t rows = 0, used = 0, rejected = 0, count = 0;
  if (ts_evaluation_evaluate(ev, nullptr) != TS_OK || ts_evaluation_row_counts(ev, &rows, &used, &rejected) != TS_OK ||
      ts_evaluation_obligation_count(ev, &count) != TS_OK) {
    out << "failed: " << ts_last_error();
    ts_evaluation_free(ev);
    return out.str();
  }
  out << rows << " rows = " << used << " used + " << rejected << " rejected; " << count << " obligations\n";
  for (std::size_t i = 0; i < count; ++i) {
    ts_obligation ob = sized_obligation();
    const char* team = nullptr;
    const char* worker = nullptr;
    char* text = nullptr;
    if (ts_evaluation_obligation(ev, i, &ob) != TS_OK || ts_evaluation_obligation_carried(ev, i, "team", &team) != TS_OK ||
        ts_evaluation_obligation_carried(ev, i, "worker", &worker) != TS_OK || ts_evaluation_explain(ev, i, &text) != TS_OK) {
      out << "obligation " << i << " failed: " << ts_last_error();
      break;
    }
    out << ob.case_id << ',' << ob.rule_id << ',' << ob.standard << ',' << ob.occurrence << ',' << ob.trigger_event << ','
        << ob.trigger_date << ',' << ob.due_date << ',' << ob.has_completed_date << ',' << ob.completed_date << ','
        << ob.status_name << ',' << ob.days_late << ',' << ob.working_days_late << ',' << team << ',' << worker << ','
        << text << '\n';
    ts_free_string(text);
  }
  ts_evaluation_free(ev);
  return out.str();
}

}  // namespace

TEST_CASE("C API threads: one shared rulebook handle, an evaluation handle per thread, serial results", "[capi][threads]") {
  ts_rulebook* rules = nullptr;
  REQUIRE(ts_rulebook_load_builtin(&rules) == TS_OK);
  std::vector<std::string> sets, serial;
  for (std::size_t i = 0; i < thread_count; ++i) {
    sets.push_back(event_set(i));
    serial.push_back(work(rules, sets.back()));
    REQUIRE(serial.back().find("failed") == std::string::npos);
    REQUIRE(serial.back().find(" " + std::to_string(duplicate_rows(sets.back())) + " rejected; ") != std::string::npos);
  }
  CHECK(serial[0] != serial[1]);

  std::vector<std::string> parallel(thread_count);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < thread_count; ++i) {
    threads.emplace_back([&, i] { parallel[i] = work(rules, sets[i]); });
  }
  for (std::thread& t : threads) t.join();
  for (std::size_t i = 0; i < thread_count; ++i) {
    INFO("thread " << i);
    CHECK(parallel[i] == serial[i]);
  }

  // Rulebook handles are made and freed concurrently too, while evaluations use the shared one.
  std::array<std::size_t, thread_count> counts{};
  threads.clear();
  for (std::size_t i = 0; i < thread_count; ++i) {
    threads.emplace_back([&, i] {
      ts_rulebook* own = nullptr;
      if (ts_rulebook_load_builtin(&own) == TS_OK) ts_rulebook_rule_count(own, &counts[i]);
      ts_rulebook_free(own);
      if (i == 0) parallel[0] = work(rules, sets[0]);
    });
  }
  for (std::thread& t : threads) t.join();
  std::size_t expected = 0;
  REQUIRE(ts_rulebook_rule_count(rules, &expected) == TS_OK);
  for (const std::size_t c : counts) CHECK(c == expected);
  CHECK(parallel[0] == serial[0]);
  ts_rulebook_free(rules);
}

TEST_CASE("C API ts_evaluation_set_threads: 1, 2 and 3 threads give the same obligations, over 1024 is refused", "[capi][large]") {
  ts_rulebook* rules = nullptr;
  REQUIRE(ts_rulebook_load_builtin(&rules) == TS_OK);
  // About 110,000 events: more than the engine's 50,000 events a thread, so 2 and 3 threads split it.
  timescales::GenerateOptions options;
  options.children = 6000;
  options.seed = 5;
  std::ostringstream csv;
  timescales::generate_events(options, timescales::builtin_rulebook().calendars().get("england-and-wales")->get(), csv);
  const std::string one = work(rules, csv.str(), 1);
  REQUIRE(one.find("failed") == std::string::npos);
  CHECK(one.size() > 100'000);
  CHECK(work(rules, csv.str(), 2) == one);
  CHECK(work(rules, csv.str(), 3) == one);

  ts_evaluation* ev = nullptr;
  REQUIRE(ts_evaluation_create(rules, nullptr, 0, &ev) == TS_OK);
  CHECK(ts_evaluation_set_threads(ev, 1025) == TS_INVALID_ARGUMENT);
  CHECK(std::string(ts_last_error()).find("more than 1024") != std::string::npos);
  CHECK(ts_evaluation_set_threads(ev, 1024) == TS_OK);
  CHECK(ts_evaluation_set_threads(nullptr, 1) == TS_INVALID_ARGUMENT);
  ts_evaluation_free(ev);
  ts_rulebook_free(rules);
}
