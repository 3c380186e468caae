// Thread safety: one compiled rulebook shared by many threads. Eight threads read, evaluate and
// explain different event sets against the one builtin_rulebook() at the same time, and each gets
// exactly what the same work gives serially. Run under ThreadSanitizer by scripts/sanitizers.sh.
#include <cstdint>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "support.hpp"
#include "timescales/engine.hpp"
#include "timescales/event_csv.hpp"
#include "timescales/explain.hpp"
#include "timescales/generate.hpp"
#include "timescales/load.hpp"
#include "timescales/write.hpp"

namespace {

using namespace timescales;

constexpr std::size_t thread_count = 8;

// Event set `i`: synthetic children (generate.hpp), a different seed and window for each set.
std::string event_set(std::size_t i) {
  GenerateOptions options;
  options.children = 60 + 10 * i;
  options.seed = 1000 + i;
  options.from = days_from_civil({2019 + static_cast<int>(i % 3), 4, 1});
  options.to = days_from_civil({2023, 3, 31});
  std::ostringstream out;
  generate_events(options, builtin_rulebook().calendars().get("england-and-wales")->get(), out);
  return out.str();
}

// Everything a host would do with one event set: read it, evaluate it as of its latest date and
// as of a fixed date, write the obligations with their explanations, the rejections and findings.
std::string work(const std::string& csv, const Rulebook& rules) {
  const auto table = read_events_csv(csv, "events.csv", rules.calendars().get("england-and-wales")->get().supported());
  if (!table) return "read error: " + table.error().message;
  std::ostringstream out;
  for (const auto as_of : {std::optional<Date>{}, std::optional<Date>{days_from_civil({2022, 6, 30})}}) {
    EvaluateOptions options;
    options.as_of = as_of;
    const Evaluation evaluation = evaluate(*table, rules, options);
    out << "as of " << to_string(evaluation.as_of) << ": " << evaluation.obligations.size() << " obligations\n";
    write_obligations(out, evaluation, *table, OutputFormat::csv, true);
    write_findings(out, evaluation, *table);
  }
  write_rejections(out, *table);
  return out.str();
}

}  // namespace

TEST_CASE("threads: 8 threads evaluating against one shared rulebook get the serial results", "[threads]") {
  const Rulebook& rules = builtin_rulebook();
  std::vector<std::string> sets;
  std::vector<std::string> serial;
  for (std::size_t i = 0; i < thread_count; ++i) {
    sets.push_back(event_set(i));
    serial.push_back(work(sets.back(), rules));
    REQUIRE(serial.back().find("read error") == std::string::npos);
  }
  // Different sets give different results: the comparison below can tell threads apart.
  CHECK(serial[0] != serial[1]);

  for (int round = 0; round < 2; ++round) {
    std::vector<std::string> parallel(thread_count);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < thread_count; ++i) {
      // Each thread works on its own set, with the shared rulebook (and, on odd threads, a copy of
      // it: copies share one immutable state).
      threads.emplace_back([&, i] {
        if (i % 2 == 0) {
          parallel[i] = work(sets[i], rules);
        } else {
          const Rulebook copy = rules;
          parallel[i] = work(sets[(i + static_cast<std::size_t>(round)) % thread_count], copy);
        }
      });
    }
    for (std::thread& t : threads) t.join();
    for (std::size_t i = 0; i < thread_count; ++i) {
      const std::size_t set = i % 2 == 0 ? i : (i + static_cast<std::size_t>(round)) % thread_count;
      INFO("round " << round << ", thread " << i << ", event set " << set);
      CHECK(parallel[i] == serial[set]);
    }
  }
}

TEST_CASE("threads: the built-in rules load concurrently, and identically, on every thread", "[threads]") {
  std::vector<std::size_t> counts(thread_count, 0);
  std::vector<std::string> first_rule(thread_count);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < thread_count; ++i) {
    threads.emplace_back([&, i] {
      // Both the shared built-in rulebook and a private compile of the same files.
      const Rulebook& shared = builtin_rulebook();
      const auto own = load_rulebook(builtin_sources());
      if (!own) return;
      counts[i] = own->rules().size() == shared.rules().size() ? own->rules().size() : 0;
      first_rule[i] = own->rules().front().id;
    });
  }
  for (std::thread& t : threads) t.join();
  for (std::size_t i = 0; i < thread_count; ++i) {
    INFO("thread " << i);
    CHECK(counts[i] == builtin_rulebook().rules().size());
    CHECK(first_rule[i] == builtin_rulebook().rules().front().id);
  }
}
