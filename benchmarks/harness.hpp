// The benchmarks' harness: Google Benchmark runs and times each measurement (repetitions of one
// iteration each, wall-clock time), and this file turns its runs into medians (with the minimum
// and maximum), since the machine is shared and noisy and one slow run should not move a figure.
// Results are printed for people on standard error and as one JSON object per benchmark on
// standard output (benchmarks/run.py reads those), with the counts and checks that go with them.
#pragma once

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bench {

// Keeps the optimiser from dropping a computation whose result is otherwise unused.
template <class T>
inline void keep(const T& value) {
  benchmark::DoNotOptimize(value);
}

struct Stats {
  std::vector<double> seconds;  // every timed run, sorted
  [[nodiscard]] double median() const {
    const std::size_t n = seconds.size();
    return n % 2 == 1 ? seconds[n / 2] : (seconds[n / 2 - 1] + seconds[n / 2]) / 2;
  }
  [[nodiscard]] double min() const { return seconds.front(); }
  [[nodiscard]] double max() const { return seconds.back(); }
};

namespace detail {

// Collects the wall-clock seconds of each repetition instead of printing them.
class Collector : public benchmark::BenchmarkReporter {
 public:
  bool ReportContext(const Context&) override { return true; }
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& run : runs) {
      if (run.error_occurred) throw std::runtime_error("benchmark failed: " + run.error_message);
      if (run.run_type == Run::RT_Iteration) {
        seconds.push_back(run.real_accumulated_time / static_cast<double>(run.iterations));
      }
    }
  }
  std::vector<double> seconds;
};

}  // namespace detail

// Runs f() `warmup` times untimed, then has Google Benchmark time `runs` repetitions of one call
// each (real time).
template <class F>
Stats measure(F&& f, int runs, int warmup = 1) {
  for (int i = 0; i < warmup; ++i) f();
  benchmark::RegisterBenchmark("measure", [&f](benchmark::State& state) {
    for (auto _ : state) f();
  })->Iterations(1)->Repetitions(std::max(runs, 1))->UseRealTime();
  detail::Collector collector;
  benchmark::RunSpecifiedBenchmarks(&collector);
  benchmark::ClearRegisteredBenchmarks();
  Stats s{std::move(collector.seconds)};
  std::ranges::sort(s.seconds);
  return s;
}

// One line of /proc/self/status in kB (VmHWM: peak resident set; VmRSS: current), or -1.
inline long status_kb(std::string_view key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with(key) && line.size() > key.size() && line[key.size()] == ':') {
      return std::stol(line.substr(key.size() + 1));
    }
  }
  return -1;
}
inline double peak_mib() { return static_cast<double>(status_kb("VmHWM")) / 1024.0; }
inline double rss_mib() { return static_cast<double>(status_kb("VmRSS")) / 1024.0; }

// Resets the peak resident set to the current one (Linux >= 4.0: "5" to clear_refs), so that a
// later peak_mib() is the peak of what ran in between. Returns whether it could.
inline bool reset_peak() {
  std::ofstream out("/proc/self/clear_refs");
  out << "5";
  out.flush();
  return static_cast<bool>(out);
}

// A JSON object written field by field: {"bench":"workdays","ops_per_s":1.5e8,...}.
class Json {
 public:
  explicit Json(std::string_view bench) { str("bench", bench); }
  Json& num(std::string_view key, double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    field(key) << buf;
    return *this;
  }
  Json& integer(std::string_view key, std::int64_t v) {
    field(key) << v;
    return *this;
  }
  Json& str(std::string_view key, std::string_view v) {
    field(key) << '"';
    for (const char c : v) {
      if (c == '"' || c == '\\') out_ << '\\';
      out_ << c;
    }
    out_ << '"';
    return *this;
  }
  Json& boolean(std::string_view key, bool v) {
    field(key) << (v ? "true" : "false");
    return *this;
  }
  Json& stats(std::string_view prefix, const Stats& s) {
    num(std::string(prefix) + "_median_s", s.median());
    num(std::string(prefix) + "_min_s", s.min());
    num(std::string(prefix) + "_max_s", s.max());
    return integer(std::string(prefix) + "_runs", static_cast<std::int64_t>(s.seconds.size()));
  }
  void print() const { std::cout << out_.str() << "}\n" << std::flush; }

 private:
  std::ostream& field(std::string_view key) {
    out_ << (first_ ? "{" : ",") << '"' << key << "\":";
    first_ = false;
    return out_;
  }
  std::ostringstream out_;
  bool first_ = true;
};

}  // namespace bench
