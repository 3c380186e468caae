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

namespace {

// Everything an evaluation says, as text: obligations and findings as written, the unjudged
// occurrences, the counts and the rows after as_of.
std::string everything(const Evaluation& ev, const EventTable& table) {
  std::ostringstream out;
  out << to_string(ev.as_of) << " used " << ev.events_used << " after " << ev.events_after_as_of << "\n";
  write_obligations(out, ev, table, OutputFormat::csv, true);
  write_findings(out, ev, table);
  for (const Unjudged& u : ev.unjudged) {
    out << "unjudged " << u.case_index << " " << u.rule->id << " " << to_string(u.trigger_date) << " " << u.trigger_row << "\n";
  }
  for (const std::uint32_t row : ev.rows_after_as_of) out << "after " << row << "\n";
  return out.str();
}

std::string generated(std::uint64_t children, std::uint64_t seed) {
  GenerateOptions options;
  options.children = children;
  options.seed = seed;
  std::ostringstream out;
  generate_events(options, builtin_rulebook().calendars().get("england-and-wales")->get(), out);
  return out.str();
}

// The rows of a CSV in another order (the header first): children interleaved, not grouped.
std::string reversed_rows(const std::string& csv) {
  std::istringstream in(csv);
  std::string header, line;
  std::getline(in, header);
  std::vector<std::string> rows;
  while (std::getline(in, line)) rows.push_back(line);
  std::string out = header + "\n";
  // Every other row from the end, then the rest: no child's rows stay together.
  for (std::size_t i = rows.size(); i-- > 0;) {
    if (i % 2 == 0) out += rows[i] + "\n";
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (i % 2 == 1) out += rows[i] + "\n";
  }
  return out;
}

// The evaluation on 1 thread and on 2, 3 and 7, with every input split (min_events_per_thread = 1),
// and with the default cut-off.
void check_threads_agree(const std::string& csv, std::optional<Date> as_of) {
  const Rulebook& rules = builtin_rulebook();
  const auto table = read_events_csv(csv, "events.csv", rules.calendars().get("england-and-wales")->get().supported());
  REQUIRE(table);
  EvaluateOptions one;
  one.as_of = as_of;
  one.threads = 1;
  const Evaluation serial = evaluate(*table, rules, one);
  const std::string expected = everything(serial, *table);
  REQUIRE_FALSE(serial.obligations.empty());
  for (const unsigned threads : {2U, 3U, 7U, 0U}) {
    for (const std::size_t min_events : {std::size_t{1}, std::size_t{50'000}}) {
      EvaluateOptions many = one;
      many.threads = threads;
      many.min_events_per_thread = min_events;
      INFO(threads << " threads, at least " << min_events << " events each");
      CHECK(everything(evaluate(*table, rules, many), *table) == expected);
    }
  }
}

}  // namespace

TEST_CASE("threads: evaluate() on 2, 3 and 7 threads gives exactly one thread's result", "[threads][engine]") {
  const std::string csv = generated(testing::fewer_under_sanitizers(400), 7);
  SECTION("grouped input, as of the latest event") { check_threads_agree(csv, std::nullopt); }
  SECTION("grouped input, as of a date before the latest event") {
    check_threads_agree(csv, days_from_civil({2022, 6, 30}));
  }
  SECTION("ungrouped input") { check_threads_agree(reversed_rows(csv), std::nullopt); }
  SECTION("ungrouped input, as of a date before the latest event") {
    check_threads_agree(reversed_rows(csv), days_from_civil({2021, 1, 15}));
  }
  SECTION("fewer children than threads") { check_threads_agree(generated(3, 11), std::nullopt); }
}

TEST_CASE("threads: a population large enough for the default cut-off splits and agrees", "[engine][large]") {
  // About 18 events a child: some 110,000 events, two ranges of more than 50,000 each.
  check_threads_agree(generated(6'000, 3), std::nullopt);
}
