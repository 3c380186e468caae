// timescales-bench: the C++ benchmarks of issue 7. benchmarks/run.py builds and runs them beside
// the Python comparisons and writes benchmarks/RESULTS.md.
//
//   timescales-bench workdays [--pairs N] [--runs R] [--seed S]
//       Calendar::add_working_days on N random (date, n) pairs (dates 2000-2027, n in 1..60), one
//       call at a time and over the whole arrays at once, against a naive day-by-day Boost.Date_Time loop that skips weekends and the calendar's
//       holidays. Every result is compared; exit 1 when any differs.
//   timescales-bench evaluate (--children N [--seed S] | --csv FILE) [--runs R] [--threads T]
//       Events generated in memory (timescales::generate_events) or read from FILE, read with
//       read_events_csv, then evaluate() timed alone (the median of R runs); also the CSV
//       tokenizer alone, the whole read, and writing the obligations as CSV to a null stream; then
//       evaluate() again on the same rows shuffled (exit 1 if its obligations differ).
//       Peak memory from /proc/self/status (VmHWM). --only read|evaluate|write times that stage
//       alone (for perf and callgrind). One thread unless --threads says otherwise (0: every
//       core): issue 7's targets are per core; `threads` compares thread counts.
//   timescales-bench report (--children N [--seed S] | --csv FILE) [--runs R] [--period month|quarter|year]
//       The events read and evaluated once, then report() timed alone (the median of R runs): every
//       built-in measure, by month (default), from the start of the financial year of the earliest
//       event to as_of, as `timescales report FILE --all --period month` counts them.
//   timescales-bench threads (--children N [--seed S] | --csv FILE) [--runs R] [--threads T]
//       evaluate() of the same table on 1 thread and on T (default 2), alternated run by run so that
//       both see the same load, the median of R runs each; the obligations, findings and unjudged
//       occurrences of both are written and compared byte for byte (exit 1 if they differ).
//   timescales-bench rules [--runs R]
//       load_rulebook(builtin_sources()): compiling the built-in rules, as every CLI start does.
//
// Google Benchmark times every measurement (benchmarks/harness.hpp). Each benchmark prints a line
// for people on standard error and a JSON object on standard output.
// Benchmarks are not tests: nothing here fails on a time, only on results that differ.
#include <boost/date_time/gregorian/gregorian.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <map>
#include <numeric>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

#include "harness.hpp"
#include "timescales/csv.hpp"
#include "timescales/engine.hpp"
#include "timescales/event_csv.hpp"
#include "timescales/generate.hpp"
#include "timescales/load.hpp"
#include "timescales/load_measures.hpp"
#include "timescales/report.hpp"
#include "timescales/vocabulary.hpp"
#include "timescales/write.hpp"

namespace {

using timescales::Date;

struct Args {
  std::string command;
  std::map<std::string, std::string> options;

  [[nodiscard]] long number(const std::string& key, long fallback) const {
    const auto it = options.find(key);
    return it == options.end() ? fallback : std::stol(it->second);
  }
  [[nodiscard]] std::optional<std::string> text(const std::string& key) const {
    const auto it = options.find(key);
    return it == options.end() ? std::nullopt : std::optional(it->second);
  }
};

Args parse_args(int argc, char** argv) {
  Args a;
  if (argc < 2) throw std::invalid_argument("usage: timescales-bench workdays|evaluate|report|rules [--option value]...");
  a.command = argv[1];
  for (int i = 2; i < argc; ++i) {
    const std::string key = argv[i];
    if (!key.starts_with("--") || i + 1 >= argc) throw std::invalid_argument("expected --option value, not " + key);
    a.options[key.substr(2)] = argv[++i];
  }
  return a;
}

const timescales::Calendar& england_and_wales() {
  return timescales::builtin_rulebook().calendars().get("england-and-wales")->get();
}

// ---------------------------------------------------------------------------------------------
// (a) Working-day arithmetic.

boost::gregorian::date to_boost(Date d) {
  static const boost::gregorian::date epoch(1970, 1, 1);
  return epoch + boost::gregorian::days(d.days());
}

// The nth working day after d (d itself is day 0, C2): one day at a time, as anyone would write
// it without a table. Holidays in a std::set, looked up once per weekday.
boost::gregorian::date naive_add(boost::gregorian::date d, int n, const std::set<boost::gregorian::date>& holidays) {
  int counted = 0;
  while (counted < n) {
    d += boost::gregorian::days(1);
    const auto wd = d.day_of_week().as_number();  // Sunday = 0
    if (wd == 0 || wd == 6) continue;
    if (holidays.contains(d)) continue;
    ++counted;
  }
  return d;
}

// The library's add_working_days over every pair: a function of its own, so that the code the
// compiler makes for it does not depend on what the rest of the benchmark does.
[[gnu::noinline]] std::size_t library_loop(const timescales::Calendar& cal, const std::vector<Date>& dates,
                                           const std::vector<std::int32_t>& ns, std::vector<Date>& out) {
  std::size_t errors = 0;
  for (std::size_t i = 0; i < dates.size(); ++i) {
    const auto r = cal.add_working_days(dates[i], ns[i]);
    if (r) out[i] = *r;
    else ++errors;
  }
  return errors;
}

int bench_workdays(const Args& args) {
  const auto pairs = static_cast<std::size_t>(args.number("pairs", 1'000'000));
  const int runs = static_cast<int>(args.number("runs", 7));
  const auto seed = static_cast<std::uint64_t>(args.number("seed", 42));
  const timescales::Calendar& cal = england_and_wales();

  std::mt19937_64 rng(seed);
  const int first = timescales::days_from_civil({2000, 1, 1}).days();
  const int last = timescales::days_from_civil({2027, 12, 31}).days();
  std::uniform_int_distribution<int> day(first, last);
  std::uniform_int_distribution<int> count(1, 60);
  std::vector<Date> dates(pairs);
  std::vector<std::int32_t> ns(pairs);
  std::vector<boost::gregorian::date> boost_dates;
  boost_dates.reserve(pairs);
  for (std::size_t i = 0; i < pairs; ++i) {
    dates[i] = Date::from_days(day(rng));
    ns[i] = count(rng);
    boost_dates.push_back(to_boost(dates[i]));
  }
  std::set<boost::gregorian::date> holidays;
  for (const timescales::Holiday& h : cal.holidays()) holidays.insert(to_boost(h.date));

  std::vector<Date> ours(pairs);
  std::size_t errors = 0;
  const bench::Stats lib = bench::measure(
      [&] {
        errors = library_loop(cal, dates, ns, ours);
        bench::keep(ours);
      },
      runs);
  // The array form: what numpy.busday_offset is to one np.busday_offset call per element.
  std::vector<Date> together(pairs);
  bool array_failed = false;
  const bench::Stats array = bench::measure(
      [&] {
        array_failed = !cal.add_working_days(dates, ns, together).has_value();
        bench::keep(together);
      },
      runs);
  std::vector<boost::gregorian::date> theirs(pairs);
  const bench::Stats naive = bench::measure(
      [&] {
        for (std::size_t i = 0; i < pairs; ++i) theirs[i] = naive_add(boost_dates[i], ns[i], holidays);
        bench::keep(theirs);
      },
      std::clamp(runs / 2, 3, 10));  // half a second each: a few are enough for a 250x gap

  // The bare prefix-table method without the library's checks (range, n = 0, errors as values):
  // what the table lookup alone costs on this machine, for comparison.
  const int base = cal.supported().first.days();
  const auto span_days = static_cast<std::size_t>(cal.supported().last - cal.supported().first + 1);
  std::vector<std::int32_t> through(span_days);  // working days in [first, first + i]
  std::vector<std::int32_t> working;             // offsets of the working days
  {
    std::vector<bool> holiday(span_days);
    for (const timescales::Holiday& h : cal.holidays()) holiday[static_cast<std::size_t>(h.date.days() - base)] = true;
    std::int32_t count = 0;
    for (std::size_t i = 0; i < span_days; ++i) {
      const Date d = Date::from_days(base + static_cast<int>(i));
      if (!holiday[i] && !timescales::is_weekend(d)) {
        ++count;
        working.push_back(static_cast<std::int32_t>(i));
      }
      through[i] = count;
    }
  }
  std::vector<Date> bare(pairs);
  const bench::Stats table = bench::measure(
      [&] {
        for (std::size_t i = 0; i < pairs; ++i) {
          const auto at = static_cast<std::size_t>(dates[i].days() - base);
          bare[i] = Date::from_days(base + working[static_cast<std::size_t>(through[at] + ns[i] - 1)]);
        }
        bench::keep(bare);
      },
      runs);

  std::size_t differ = errors;
  differ += array_failed ? 1 : 0;
  for (std::size_t i = 0; i < pairs; ++i) differ += bare[i] != ours[i] || together[i] != ours[i] ? 1 : 0;
  for (std::size_t i = 0; i < pairs; ++i) {
    if (to_boost(ours[i]) != theirs[i]) {
      if (differ < 5) {
        std::cerr << "DIFFERENT: " << timescales::to_string(dates[i]) << " + " << ns[i]
                  << " working days: library " << timescales::to_string(ours[i]) << ", naive "
                  << boost::gregorian::to_iso_extended_string(theirs[i]) << "\n";
      }
      ++differ;
    }
  }
  const double lib_ops = static_cast<double>(pairs) / lib.median();
  const double naive_ops = static_cast<double>(pairs) / naive.median();
  const double table_ops = static_cast<double>(pairs) / table.median();
  const double array_ops = static_cast<double>(pairs) / array.median();
  std::fprintf(stderr,
               "workdays: %zu pairs; library %.1f M ops/s one call at a time (median %.2f ms), %.1f M ops/s "
               "over arrays; naive Boost loop %.2f M ops/s (median %.1f ms): %.0fx; bare prefix table %.1f M "
               "ops/s; %zu differ\n",
               pairs, lib_ops / 1e6, lib.median() * 1e3, array_ops / 1e6, naive_ops / 1e6, naive.median() * 1e3,
               lib_ops / naive_ops, table_ops / 1e6, differ);
  bench::Json("workdays")
      .integer("pairs", static_cast<std::int64_t>(pairs))
      .stats("library", lib)
      .num("library_ops_per_s", lib_ops)
      .stats("array", array)
      .num("array_ops_per_s", array_ops)
      .stats("naive", naive)
      .num("naive_ops_per_s", naive_ops)
      .stats("table", table)
      .num("table_ops_per_s", table_ops)
      .integer("differ", static_cast<std::int64_t>(differ))
      .print();
  return differ == 0 ? 0 : 1;
}

// ---------------------------------------------------------------------------------------------
// (b) Evaluation.

// Discards what is written, counting the bytes: output formatting without the disk.
class CountingBuffer : public std::streambuf {
 public:
  std::size_t bytes = 0;

 protected:
  int_type overflow(int_type c) override {
    if (!traits_type::eq_int_type(c, traits_type::eof())) ++bytes;
    return traits_type::not_eof(c);
  }
  std::streamsize xsputn(const char*, std::streamsize n) override {
    bytes += static_cast<std::size_t>(n);
    return n;
  }
};


// The data lines in random order, except that lines equal but for their carried columns (the
// columns that are neither case_id, event, date nor an attribute) keep their relative order: C8
// makes them one event and carries the first one's values, so which comes first shows in the
// output. Fields are split at every comma (generated files quote nothing).
std::vector<std::string_view> shuffled_keeping_copies(const std::vector<std::string_view>& lines,
                                                      std::string_view header, std::mt19937_64& rng) {
  const auto fields = [](std::string_view line, auto&& each) {
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
    for (std::size_t column = 0;; ++column) {
      const std::size_t comma = line.find(',');
      each(column, line.substr(0, comma));
      if (comma == std::string_view::npos) return;
      line.remove_prefix(comma + 1);
    }
  };
  std::vector<bool> own;
  fields(header, [&](std::size_t, std::string_view name) {
    own.push_back(name == "case_id" || name == "event" || name == "date" || timescales::attribute_named(name));
  });
  const std::size_t n = lines.size();
  std::vector<std::pair<std::uint64_t, std::size_t>> keyed(n);  // (content hash, line)
  for (std::size_t i = 0; i < n; ++i) {
    std::uint64_t h = 14695981039346656037ULL;  // FNV-1a over the event's own fields
    fields(lines[i], [&](std::size_t column, std::string_view value) {
      if (column < own.size() && !own[column]) return;
      for (const char c : value) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
      h = (h ^ 0xFF) * 1099511628211ULL;
    });
    keyed[i] = {h, i};
  }
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::ranges::shuffle(order, rng);
  std::vector<std::size_t> position(n);
  for (std::size_t p = 0; p < n; ++p) position[order[p]] = p;
  std::ranges::sort(keyed);
  std::vector<std::size_t> places;
  for (std::size_t a = 0; a < n;) {
    std::size_t b = a + 1;
    while (b < n && keyed[b].first == keyed[a].first) ++b;
    if (b - a > 1) {  // copies (or a hash collision: then two lines merely keep their order)
      places.clear();
      for (std::size_t k = a; k < b; ++k) places.push_back(position[keyed[k].second]);
      std::ranges::sort(places);
      for (std::size_t k = a; k < b; ++k) order[places[k - a]] = keyed[k].second;
    }
    a = b;
  }
  std::vector<std::string_view> out(n);
  for (std::size_t p = 0; p < n; ++p) out[p] = lines[order[p]];
  return out;
}

// The events as CSV text: --csv FILE read whole, or --children N [--seed S] generated in memory
// (timescales::generate_events, as `timescales generate` writes them). Also where they came from.
struct Input {
  std::string text;
  std::string source;
};

Input read_input(const Args& args, const timescales::Calendar& cal) {
  if (const auto file = args.text("csv")) {
    std::ifstream in(*file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open " + *file);
    std::ostringstream s;
    s << in.rdbuf();
    return {std::move(s).str(), *file};
  }
  timescales::GenerateOptions g;
  g.children = static_cast<std::uint64_t>(args.number("children", 20'000));
  g.seed = static_cast<std::uint64_t>(args.number("seed", 1));
  std::ostringstream s;
  timescales::generate_events(g, cal, s);
  return {std::move(s).str(), "generated: " + std::to_string(g.children) + " children, seed " + std::to_string(g.seed)};
}

int bench_evaluate(const Args& args) {
  const int runs = static_cast<int>(args.number("runs", 5));
  // --only read|evaluate|write: time that stage alone, many times over (for perf and callgrind).
  const std::string only = args.text("only").value_or("");
  const timescales::Rulebook& rules = timescales::builtin_rulebook();
  const timescales::Calendar& cal = england_and_wales();
  timescales::EvaluateOptions options;
  options.threads = static_cast<unsigned>(args.number("threads", 1));
  const double rss_start = bench::rss_mib();

  Input input = read_input(args, cal);
  const std::string text = std::move(input.text);
  const std::string& source = input.source;
  const double rss_text = bench::rss_mib();
  if (only == "read") {
    const bench::Stats s = bench::measure([&] { bench::keep(timescales::read_events_csv(text, "bench.csv", cal.supported())); }, runs, 0);
    std::fprintf(stderr, "read only: median %.1f ms\n", s.median() * 1e3);
    return 0;
  }

  auto table = timescales::read_events_csv(text, "bench.csv", cal.supported());
  if (!table) throw std::runtime_error(table.error().message);
  const std::size_t bytes = text.size();
  const double rss_table = bench::rss_mib();
  if (only == "evaluate") {
    const bench::Stats s = bench::measure([&] { bench::keep(timescales::evaluate(*table, rules, options)); }, runs);
    std::fprintf(stderr, "evaluate only: %zu events, median %.1f ms\n", table->events().size(), s.median() * 1e3);
    bench::Json("evaluate-only").integer("events", static_cast<std::int64_t>(table->events().size())).stats("evaluate", s).print();
    return 0;
  }
  if (only == "write") {
    const timescales::Evaluation ev = timescales::evaluate(*table, rules, options);
    CountingBuffer sink;
    std::ostream null_out(&sink);
    const bench::Stats s = bench::measure(
        [&] { timescales::write_obligations(null_out, ev, *table, timescales::OutputFormat::csv, false); }, runs, 0);
    std::fprintf(stderr, "write only: median %.1f ms\n", s.median() * 1e3);
    return 0;
  }
  // The CSV tokenizer alone: what any reader of this file must do.
  std::size_t fields = 0;
  const bench::Stats tokenize = bench::measure(
      [&] {
        timescales::csv::Reader reader(text);
        timescales::csv::Record record;
        fields = 0;
        while (true) {
          const auto more = reader.next(record);
          if (!more || !*more) break;
          fields += record.fields.size();
        }
        bench::keep(fields);
      },
      runs, 0);
  // The whole read: tokenizing, validation, date parsing, interning.
  const bench::Stats read = bench::measure(
      [&] {
        auto t = timescales::read_events_csv(text, "bench.csv", cal.supported());
        bench::keep(t);
      },
      runs, 0);

  // Peak memory of one evaluation on top of what is already held.
  const bool can_reset = bench::reset_peak();
  const double before_eval = bench::peak_mib();
  std::size_t obligations = 0;
  {
    const timescales::Evaluation ev = timescales::evaluate(*table, rules, options);
    obligations = ev.obligations.size();
  }
  const double eval_peak = bench::peak_mib();

  const bench::Stats eval = bench::measure(
      [&] {
        const timescales::Evaluation ev = timescales::evaluate(*table, rules, options);
        bench::keep(ev);
      },
      runs, 0);

  const timescales::Evaluation ev = timescales::evaluate(*table, rules, options);
  CountingBuffer sink;
  std::ostream null_out(&sink);
  const bench::Stats write = bench::measure(
      [&] {
        sink.bytes = 0;
        timescales::write_obligations(null_out, ev, *table, timescales::OutputFormat::csv, false);
      },
      runs, 0);

  const double peak = bench::peak_mib();  // before the shuffled copy below

  // The same rows in random order, children interleaved: the engine then groups them by child
  // (a counting sort) instead of reading them in place. (Generated files have one record per
  // line.) Its output must be the same, byte for byte. Copies of a row (C8: one event, whose
  // carried values are the first copy's; the generator writes a few) keep their relative order.
  std::size_t shuffled_differ = 0;
  bench::Stats shuffled_eval;
  {
    std::vector<std::string_view> lines;
    const std::string_view all(text);
    const std::size_t header_end = all.find('\n') + 1;
    for (std::size_t at = header_end; at < all.size();) {
      const std::size_t end = std::min(all.find('\n', at), all.size() - 1) + 1;
      lines.push_back(all.substr(at, end - at));
      at = end;
    }
    std::mt19937_64 rng(static_cast<std::uint64_t>(args.number("seed", 1)));
    lines = shuffled_keeping_copies(lines, all.substr(0, header_end), rng);
    std::string shuffled_text(all.substr(0, header_end));
    shuffled_text.reserve(text.size());
    for (const std::string_view line : lines) shuffled_text += line;
    const auto shuffled = timescales::read_events_csv(shuffled_text, "shuffled.csv", cal.supported());
    if (!shuffled) throw std::runtime_error(shuffled.error().message);
    shuffled_eval = bench::measure([&] { bench::keep(timescales::evaluate(*shuffled, rules, options)); }, runs, 0);
    std::ostringstream ours, theirs;
    timescales::write_obligations(ours, ev, *table, timescales::OutputFormat::csv, false);
    timescales::write_obligations(theirs, timescales::evaluate(*shuffled, rules, options), *shuffled,
                                  timescales::OutputFormat::csv, false);
    shuffled_differ = ours.view() == theirs.view() ? 0 : 1;
    if (shuffled_differ != 0) std::cerr << "DIFFERENT: the shuffled rows give other obligations\n";
  }

  const auto events = table->events().size();
  const double events_per_s = static_cast<double>(events) / eval.median();
  const double shuffled_per_s = static_cast<double>(events) / shuffled_eval.median();
  std::fprintf(stderr,
               "evaluate: %zu events (%zu children, %.1f MiB CSV) -> %zu obligations; evaluate() %.1f M events/s "
               "(median %.1f ms), rows shuffled %.1f M events/s; read %.1f ms (tokenize %.1f ms); write %.1f ms; "
               "peak %.0f MiB\n",
               events, table->case_ids().size(), static_cast<double>(bytes) / 1048576.0, obligations,
               events_per_s / 1e6, eval.median() * 1e3, shuffled_per_s / 1e6, read.median() * 1e3,
               tokenize.median() * 1e3, write.median() * 1e3, peak);
  bench::Json("evaluate")
      .str("source", source)
      .integer("events", static_cast<std::int64_t>(events))
      .integer("rows", static_cast<std::int64_t>(table->rows_read()))
      .integer("rejected", static_cast<std::int64_t>(table->rejected().size()))
      .integer("children", static_cast<std::int64_t>(table->case_ids().size()))
      .integer("obligations", static_cast<std::int64_t>(obligations))
      .integer("csv_bytes", static_cast<std::int64_t>(bytes))
      .integer("output_bytes", static_cast<std::int64_t>(sink.bytes))
      .stats("evaluate", eval)
      .num("events_per_s", events_per_s)
      .stats("evaluate_shuffled", shuffled_eval)
      .num("shuffled_events_per_s", shuffled_per_s)
      .integer("shuffled_differ", static_cast<std::int64_t>(shuffled_differ))
      .stats("tokenize", tokenize)
      .stats("read", read)
      .stats("write", write)
      .num("rss_start_mib", rss_start)
      .num("rss_with_text_mib", rss_text)
      .num("rss_with_table_mib", rss_table)
      .boolean("peak_reset_supported", can_reset)
      .num("evaluate_peak_increment_mib", can_reset ? eval_peak - before_eval : -1)
      .num("peak_mib", peak)
      .print();
  return shuffled_differ == 0 ? 0 : 1;
}

// ---------------------------------------------------------------------------------------------
// (c) Reports.

// report() of every built-in measure over the evaluation of the events, as `timescales report
// FILE --all --period month` counts them (from the start of the financial year of the earliest
// event to as_of, the tool's defaults), timed alone: the events are read and evaluated once.
int bench_report(const Args& args) {
  const int runs = static_cast<int>(args.number("runs", 7));
  const std::string period = args.text("period").value_or("month");
  const timescales::Rulebook& rules = timescales::builtin_rulebook();
  const timescales::Calendar& cal = england_and_wales();

  const Input input = read_input(args, cal);
  const auto table = timescales::read_events_csv(input.text, "bench.csv", cal.supported());
  if (!table) throw std::runtime_error(table.error().message);
  const timescales::Evaluation ev = timescales::evaluate(*table, rules);

  std::vector<const timescales::Measure*> measures;
  for (const timescales::Measure& m : timescales::builtin_measures()) measures.push_back(&m);
  timescales::ReportOptions options;
  options.to = ev.as_of;
  timescales::Date earliest = ev.as_of;
  for (const timescales::Event& e : table->events()) earliest = std::min(earliest, e.date);
  options.from = timescales::periods(earliest, earliest, timescales::Granularity::year).front().first;
  if (period == "month") options.granularity = timescales::Granularity::month;
  else if (period == "quarter") options.granularity = timescales::Granularity::quarter;
  else if (period == "year") options.granularity = timescales::Granularity::year;
  else throw std::invalid_argument("--period is month, quarter or year, not " + period);

  // One report, for its counts and the memory it adds to the evaluation already held.
  const bool can_reset = bench::reset_peak();
  const double before = bench::peak_mib();
  std::size_t rows = 0, counted = 0, numerators = 0;
  {
    const timescales::Report r = timescales::report(measures, ev, options);
    rows = r.rows.size();
    counted = r.drill_down.size();  // every obligation counted, once per measure counting it
    for (const timescales::ReportRow& row : r.rows) numerators += row.numerator;
  }
  const double report_peak = bench::peak_mib();

  const bench::Stats s = bench::measure([&] { bench::keep(timescales::report(measures, ev, options)); }, runs);

  const auto obligations = ev.obligations.size();
  const double per_s = static_cast<double>(obligations) / s.median();
  std::fprintf(stderr,
               "report: %zu events -> %zu obligations; %zu measures by %s from %s to %s: %zu rows, %zu obligations "
               "counted; report() median %.2f ms (min %.2f, max %.2f), %.1f M obligations/s\n",
               table->events().size(), obligations, measures.size(), period.c_str(),
               timescales::to_string(options.from).c_str(), timescales::to_string(options.to).c_str(), rows, counted,
               s.median() * 1e3, s.min() * 1e3, s.max() * 1e3, per_s / 1e6);
  bench::Json("report")
      .str("source", input.source)
      .str("period", period)
      .str("from", timescales::to_string(options.from))
      .str("to", timescales::to_string(options.to))
      .integer("events", static_cast<std::int64_t>(table->events().size()))
      .integer("obligations", static_cast<std::int64_t>(obligations))
      .integer("measures", static_cast<std::int64_t>(measures.size()))
      .integer("rows", static_cast<std::int64_t>(rows))
      .integer("counted", static_cast<std::int64_t>(counted))
      .integer("numerators", static_cast<std::int64_t>(numerators))
      .stats("report", s)
      .num("obligations_per_s", per_s)
      .boolean("peak_reset_supported", can_reset)
      .num("report_peak_increment_mib", can_reset ? report_peak - before : -1)
      .num("peak_mib", bench::peak_mib())
      .print();
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Threads: evaluate() on 1 thread against T threads.

// Bytes written to it, hashed (FNV-1a): two evaluations' outputs compared without keeping either.
class HashingBuffer : public std::streambuf {
 public:
  std::uint64_t hash = 14695981039346656037ULL;
  std::size_t bytes = 0;

 protected:
  int_type overflow(int_type c) override {
    if (c != traits_type::eof()) add(static_cast<char>(c));
    return traits_type::not_eof(c);
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    for (std::streamsize i = 0; i < n; ++i) add(s[i]);
    return n;
  }

 private:
  void add(char c) {
    hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    ++bytes;
  }
};

std::pair<std::uint64_t, std::size_t> output_hash(const timescales::Evaluation& ev, const timescales::EventTable& table) {
  HashingBuffer buffer;
  std::ostream out(&buffer);
  timescales::write_obligations(out, ev, table, timescales::OutputFormat::csv, false);
  timescales::write_findings(out, ev, table);
  for (const timescales::Unjudged& u : ev.unjudged) out << u.case_index << ' ' << u.rule->id << ' ' << u.trigger_row << '\n';
  for (const std::uint32_t row : ev.rows_after_as_of) out << row << '\n';
  out << ev.events_used << ' ' << ev.events_after_as_of << '\n';
  return {buffer.hash, buffer.bytes};
}

int bench_threads(const Args& args) {
  const int runs = static_cast<int>(args.number("runs", 5));
  const auto threads = static_cast<unsigned>(args.number("threads", 2));
  const timescales::Rulebook& rules = timescales::builtin_rulebook();
  const timescales::Calendar& cal = england_and_wales();
  const Input input = read_input(args, cal);
  const auto table = timescales::read_events_csv(input.text, "bench.csv", cal.supported());
  if (!table) throw std::runtime_error(table.error().message);
  const auto timed = [&](unsigned n) {
    timescales::EvaluateOptions options;
    options.threads = n;
    const auto start = std::chrono::steady_clock::now();
    timescales::Evaluation ev = timescales::evaluate(*table, rules, options);
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    return std::pair{took.count(), std::move(ev)};
  };
  std::vector<double> one, many;
  bool same = true;
  for (int i = 0; i <= runs; ++i) {  // the first of each is a warm-up
    auto [t1, ev1] = timed(1);
    auto [tn, evn] = timed(threads);
    if (i == 0) same = output_hash(ev1, *table) == output_hash(evn, *table);
    if (i > 0) {
      one.push_back(t1);
      many.push_back(tn);
    }
  }
  std::ranges::sort(one);
  std::ranges::sort(many);
  const double m1 = one[one.size() / 2], mn = many[many.size() / 2];
  const std::size_t events = table->events().size();
  std::fprintf(stderr, "threads: %s, %zu events: evaluate() 1 thread %.1f ms, %u threads %.1f ms: %.2fx; outputs %s\n",
               input.source.c_str(), events, m1 * 1e3, threads, mn * 1e3, m1 / mn, same ? "identical" : "DIFFER");
  bench::Json("threads")
      .integer("events", static_cast<std::int64_t>(events))
      .integer("threads", threads)
      .num("one_median_s", m1)
      .num("many_median_s", mn)
      .num("speedup", m1 / mn)
      .boolean("identical", same)
      .print();
  return same ? 0 : 1;
}

// ---------------------------------------------------------------------------------------------
// (d) Rule loading.

int bench_rules(const Args& args) {
  const int runs = static_cast<int>(args.number("runs", 21));
  std::size_t rules = 0;
  bool ok = true;
  const bench::Stats s = bench::measure(
      [&] {
        const auto book = timescales::load_rulebook(timescales::builtin_sources());
        ok = ok && book.has_value();
        rules = book ? book->rules().size() : 0;
        bench::keep(book);
      },
      runs);
  std::fprintf(stderr, "rules: load_rulebook(builtin_sources()) %zu rules, median %.2f ms (min %.2f, max %.2f)\n",
               rules, s.median() * 1e3, s.min() * 1e3, s.max() * 1e3);
  bench::Json("rules").integer("rules", static_cast<std::int64_t>(rules)).stats("load", s).boolean("ok", ok).print();
  return ok ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    int harness_argc = 1;  // Google Benchmark's own flags stay at their defaults
    benchmark::Initialize(&harness_argc, argv);
    const Args args = parse_args(argc, argv);
    if (args.command == "workdays") return bench_workdays(args);
    if (args.command == "evaluate") return bench_evaluate(args);
    if (args.command == "report") return bench_report(args);
    if (args.command == "rules") return bench_rules(args);
    if (args.command == "threads") return bench_threads(args);
    std::cerr << "timescales-bench: unknown benchmark " << args.command << " (workdays, evaluate, report, rules, threads)\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "timescales-bench: " << e.what() << "\n";
    return 2;
  }
}
