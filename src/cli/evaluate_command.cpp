// timescales evaluate EVENTS.csv: every child's obligations, rejected rows, findings, a summary.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iomanip>
#include <iostream>
#include <ranges>

#include "cli/commands.hpp"
#include "cli/in_order.hpp"
#include "timescales/append_to.hpp"
#include "timescales/cores.hpp"
#include "timescales/event_csv.hpp"
#include "timescales/explain.hpp"
#include "timescales/load.hpp"
#include "timescales/summary.hpp"
#include "timescales/wording.hpp"
#include "timescales/write.hpp"
#include "timescales/write_xlsx.hpp"

namespace timescales::cli {

namespace {

// A chunk of children read at a time when evaluate streams: big enough that the fixed costs of a
// table are spread over many children, small beside the file (on 2 threads, 20 M events are
// streamed in under 300 MiB: benchmarks/RESULTS.md). Several chunks are in hand at once, a
// thread's and those waiting to be written (chunk_size, evaluate_streamed).
inline constexpr std::size_t default_chunk_bytes = std::size_t{8} << 20;
inline constexpr std::size_t min_chunk_bytes = std::size_t{1} << 20;
inline constexpr std::size_t max_shared_chunk_bytes = std::size_t{2} << 20;  // on several threads

struct EvaluateCli {
  std::string events;
  std::optional<std::string> as_of, out, rejected, findings, by, case_id, format;
  RulesOptions rules;
  Language language = Language::en;  // --lang
  bool explain = false, strict = false, summary = false;
  InputOptions input;
  std::string stream = "auto";  // --stream auto|on|off
  std::size_t chunk_bytes = default_chunk_bytes;  // --chunk-bytes, for tests
};

// What the summary on standard error says, added up a table at a time (streaming: a chunk of
// children each), so that both ways of evaluating print the same lines.
struct Tally {
  static constexpr std::size_t listed = 5;  // the first few of each kind are listed
  std::size_t rows_read = 0, used = 0, rejected = 0, children = 0, obligations = 0, findings = 0, after_as_of = 0,
              unjudged = 0;
  std::array<std::size_t, 6> by_status{};
  Date as_of, calendar_last;
  struct UnjudgedDuty {
    std::string case_id, rule;
    EventType event;
    Date date;
  };
  std::vector<UnjudgedDuty> first_unjudged;
  std::vector<std::size_t> first_after_as_of;   // their lines
  std::vector<Rejection> first_rejected;

  void add(const Evaluation& evaluation, const EventTable& table) {
    rows_read += table.rows_read();
    used += table.events().size();
    rejected += table.rejected().size();
    children += table.case_ids().size();
    obligations += evaluation.obligations.size();
    for (const Obligation& ob : evaluation.obligations) ++by_status[static_cast<std::size_t>(ob.status)];
    findings += evaluation.findings.size();
    after_as_of += evaluation.events_after_as_of;
    unjudged += evaluation.unjudged.size();
    as_of = evaluation.as_of;
    calendar_last = table.valid_dates().last;
    for (const Unjudged& u : evaluation.unjudged | std::views::take(listed - first_unjudged.size())) {
      first_unjudged.push_back({table.case_id(u.case_index), std::string(u.rule->id), u.trigger_event, u.trigger_date});
    }
    for (const std::uint32_t row : evaluation.rows_after_as_of | std::views::take(listed - first_after_as_of.size())) {
      first_after_as_of.push_back(table.line(row));
    }
    for (const Rejection& r : table.rejected() | std::views::take(listed - first_rejected.size())) first_rejected.push_back(r);
  }

  // The next table's tally (streaming: the next chunk's), as if add() had been given it.
  void add(const Tally& next) {
    rows_read += next.rows_read;
    used += next.used;
    rejected += next.rejected;
    children += next.children;
    obligations += next.obligations;
    for (std::size_t s = 0; s < by_status.size(); ++s) by_status[s] += next.by_status[s];
    findings += next.findings;
    after_as_of += next.after_as_of;
    unjudged += next.unjudged;
    as_of = next.as_of;
    calendar_last = next.calendar_last;
    const auto first_of = [](auto& mine, const auto& theirs) {
      for (const auto& item : theirs | std::views::take(listed - mine.size())) mine.push_back(item);
    };
    first_of(first_unjudged, next.first_unjudged);
    first_of(first_after_as_of, next.first_after_as_of);
    first_of(first_rejected, next.first_rejected);
  }
};

void print_summary_table(std::ostream& out, const std::vector<RuleSummary>& rows, const std::vector<std::string>& by_names,
                         Language language) {
  int width = 6;
  for (const RuleSummary& r : rows) width = std::max(width, static_cast<int>(r.rule.size()) + 2);
  std::vector<int> group_width;
  for (std::size_t k = 0; k < by_names.size(); ++k) {
    int w = static_cast<int>(by_names[k].size()) + 2;
    for (const RuleSummary& r : rows) w = std::max(w, static_cast<int>(r.group[k].size()) + 2);
    group_width.push_back(w);
  }
  // A status column is as wide as its name, and at least 10: English names fit in 10, Welsh ones
  // ("wedi pasio'r dyddiad terfyn") may not. Widths count characters, not bytes.
  const summary_text::Headings heading = summary_text::headings(language);
  std::array<int, 6> status_width{};
  for (std::size_t s = 0; s < 6; ++s) {
    status_width[s] = std::max(10, static_cast<int>(utf8_length(status_name(static_cast<Status>(s), language))) + 1);
  }
  // So are the standard and confidence columns, their words the translations of the codes.
  const auto standard_of = [&](const RuleSummary& r) { return standard_name(r.standard, language); };
  const auto confidence_of = [&](const RuleSummary& r) {
    return std::string(dashboard_text::confidence_name(r.confidence, language)) +
           (r.confidence != Confidence::confirmed ? " *" : "");
  };
  int standard_width = 10, confidence_width = 12;
  for (const RuleSummary& r : rows) {
    standard_width = std::max(standard_width, static_cast<int>(utf8_length(standard_of(r))) + 1);
    confidence_width = std::max(confidence_width, static_cast<int>(utf8_length(confidence_of(r))) + 1);
  }
  const auto padded = [](std::string_view text, int w, bool left) {
    const std::string fill(static_cast<std::size_t>(std::max(0, w - static_cast<int>(utf8_length(text)))), ' ');
    return left ? std::string(text) + fill : fill + std::string(text);
  };
  out << std::left;
  for (std::size_t k = 0; k < by_names.size(); ++k) out << std::setw(group_width[k]) << by_names[k];
  out << padded(heading.rule, width, true) << padded(heading.standard, standard_width, true)
      << padded(heading.confidence, confidence_width, true)
      << padded(heading.total, 8, false);
  for (std::size_t s = 0; s < 6; ++s) out << padded(status_name(static_cast<Status>(s), language), status_width[s], false);
  out << padded(heading.on_time, 10, false) << "\n";
  bool marked = false;
  for (const RuleSummary& r : rows) {
    const bool below = r.confidence != Confidence::confirmed;
    marked = marked || below;
    out << std::left;
    for (std::size_t k = 0; k < r.group.size(); ++k) out << std::setw(group_width[k]) << (r.group[k].empty() ? "-" : r.group[k]);
    out << std::setw(width) << r.rule << padded(standard_of(r), standard_width, true)
        << padded(confidence_of(r), confidence_width, true) << std::right << std::setw(8) << r.total();
    for (std::size_t s = 0; s < 6; ++s) out << std::setw(status_width[s]) << r.by_status[s];
    if (r.on_time_percent() < 0) out << std::setw(10) << "-";
    else out << std::setw(9) << std::fixed << std::setprecision(1) << r.on_time_percent() << "%";
    out << "\n";
  }
  out << summary_text::on_time_note(language) << "\n";
  if (marked) out << "* " << not_settled_note(language) << "\n";
}

// The summary: rows in = rows used + rows rejected, always. `case_obligations`: with --case, the
// obligations written of that child.
void print_tally(std::ostream& out, const Tally& t, const EvaluateCli& o, std::optional<std::size_t> case_obligations) {
  const Language l = o.language;
  out << summary_text::rows(t.rows_read, t.used, t.rejected, l);
  if (t.after_as_of > 0) out << summary_text::after_as_of(t.after_as_of, t.as_of, l);
  out << "\n" << summary_text::children(t.children, t.as_of, l) << "\n" << summary_text::obligations(t.obligations, t.by_status, l)
      << "\n" << summary_text::findings(t.findings, l) << "\n";
  if (case_obligations) out << summary_text::written_case(*o.case_id, *case_obligations, l) << "\n";
  if (t.unjudged > 0) {  // C1: beyond the calendar, never a guess
    out << summary_text::unjudged(t.unjudged, t.calendar_last, l);
    for (std::size_t i = 0; i < t.first_unjudged.size(); ++i) {
      const Tally::UnjudgedDuty& u = t.first_unjudged[i];
      out << (i ? "; " : " ") << summary_text::unjudged_duty(u.case_id, u.rule, name(u.event), u.date, l);
    }
    out << "\n";
  }
  if (!t.first_after_as_of.empty()) {  // C9: not used, and said which
    out << summary_text::after_as_of_lines(t.as_of, l);
    for (const std::size_t line : t.first_after_as_of) out << " " << line;
    out << "\n";
  }
  if (t.rejected > 0) {
    out << summary_text::rejected_rows(o.rejected, l) << "\n";
    if (!o.rejected) list_rejections(out, o.events, t.first_rejected, Tally::listed, l);
  }
}

// Why evaluate reads the whole file into memory rather than a chunk of children at a time, for
// what it was asked, before the file is looked at; nothing when it may stream.
std::optional<std::string> why_not_streamed(const EvaluateCli& o, std::string_view format_name) {
  if (o.events == standard_stream) return "standard input can be read only once, and streaming reads the file twice";
  if (o.case_id) return "--case picks one child from the whole file";
  if (o.summary) return "--summary counts the whole file";
  if (format_name == "xlsx") return "--format xlsx is one workbook of the whole file";
  return std::nullopt;
}

// Runs `body` with `path` open for writing (write_file's checks), or with nothing when the option
// was not given: streaming writes its outputs side by side, a chunk at a time.
std::expected<void, std::string> with_output(const std::optional<std::string>& path,
                                             const std::function<std::expected<void, std::string>(std::ostream*)>& body) {
  if (!path) return body(nullptr);
  std::expected<void, std::string> result;
  const auto written = write_file(*path, [&](std::ostream& f) { result = body(&f); });
  if (!result) return result;
  return written;
}

// What one chunk of children comes to, made on any thread: its outputs' text and its summary.
struct ChunkDone {
  std::optional<std::string> failed;  // reading it failed (the file changed since the scan)
  std::string obligations, rejected, findings;
  std::size_t obligation_count = 0;
  Tally tally;
};

// Evaluates the file a chunk of children at a time, writing each chunk's obligations, rejected
// rows and findings in file order: the same bytes as evaluating it whole (the chunks come in
// case-id order, as the obligations are written), the same summary. Chunks are read, evaluated
// and formatted on every thread asked for (each chunk on one), and written by this one, in order;
// at most one more chunk than threads is in hand, so memory is bounded by chunks, not the file.
std::expected<Tally, std::string> evaluate_streamed(const EvaluateCli& o, const Rulebook& rules,
                                                    const EventFileChunks& chunks, Date as_of, OutputFormat format) {
  Tally tally;
  const auto written = with_output(o.out.value_or(std::string(standard_stream)), [&](std::ostream* out) {
    return with_output(o.rejected, [&](std::ostream* rejected) {
      return with_output(o.findings, [&](std::ostream* findings) -> std::expected<void, std::string> {
        ObligationWriter writer(*out, format, o.explain, o.language);
        const auto make = [&](std::size_t i) {
          ChunkDone done;
          const auto table = chunks.read(i);
          if (!table) {
            done.failed = table.error().message;
            return done;
          }
          const Evaluation evaluation = evaluate_on(*table, rules, as_of, 1);
          // About 110 bytes a CSV row (a JSON object twice that), 250 more explained: rarely
          // exceeded, and then the text grows as usual.
          const std::size_t row_bytes = (format == OutputFormat::csv ? 128 : 256) + (o.explain ? 512 : 0);
          done.obligations.reserve(evaluation.obligations.size() * row_bytes + 4096);
          writer.format(done.obligations, evaluation, *table, i == 0);
          done.obligation_count = evaluation.obligations.size();
          if (rejected) {
            AppendTo buffer(done.rejected);
            std::ostream rows(&buffer);
            write_rejections(rows, *table, i == 0, o.language);
          }
          if (findings) {
            AppendTo buffer(done.findings);
            std::ostream rows(&buffer);
            write_findings(rows, evaluation, *table, i == 0, o.language);
          }
          done.tally.add(evaluation, *table);
          return done;
        };
        std::optional<std::string> failed;
        const std::size_t threads = o.input.threads > 0 ? o.input.threads : available_cores();
        in_order(chunks.size(), threads, threads + 1, make, [&](std::size_t, ChunkDone done) {
          if (done.failed) {
            failed = std::move(done.failed);
            return false;
          }
          writer.add(done.obligations, done.obligation_count);
          if (rejected) *rejected << done.rejected;
          if (findings) *findings << done.findings;
          tally.add(done.tally);
          return true;
        });
        if (failed) return std::unexpected(*failed);
        writer.finish();
        return {};
      });
    });
  });
  if (!written) return std::unexpected(written.error());
  return tally;
}

// Only one child's obligations, findings and unjudged duties (--case), as if the file held no other.
Evaluation of_case(Evaluation evaluation, std::uint32_t case_index) {
  std::erase_if(evaluation.obligations, [&](const Obligation& ob) { return ob.case_index != case_index; });
  std::erase_if(evaluation.findings, [&](const Finding& f) { return f.case_index != case_index; });
  std::erase_if(evaluation.unjudged, [&](const Unjudged& u) { return u.case_index != case_index; });
  return evaluation;
}

// The bytes of a chunk: at most --chunk-bytes (default 8 MiB: memory), and on more than one
// thread smaller still, so that each thread has many chunks to do and none waits long for the
// last (a sixteenth of its share of the file), but no smaller than 1 MiB, beside which a table's
// fixed costs are small, and no larger than 2 MiB: the chunks in hand (one more than threads)
// are then a few tens of MiB, faulted in once and used again, where 6 MiB chunks of a 4 M-event
// file took 4% more CPU and 5% more time on 2 threads (benchmarks/NOTES.md, "Chunks of 2 MiB").
std::size_t chunk_size(const EvaluateCli& o, std::uintmax_t file_bytes, std::size_t threads) {
  if (threads <= 1) return o.chunk_bytes;
  const auto share = static_cast<std::size_t>(file_bytes / (16 * threads));
  return std::min(o.chunk_bytes, std::clamp(share, min_chunk_bytes, max_shared_chunk_bytes));
}

// The file's chunks when evaluate streams it (docs/formats.md, "Large files"); nothing when it is
// read whole, with a line on standard error saying why when it is larger than --chunk-bytes,
// where memory is at stake (smaller, streaming only spreads the work over threads); an error when
// --stream on cannot be honoured.
std::expected<std::optional<EventFileChunks>, std::string> streaming_chunks(const EvaluateCli& o, std::string_view format_name,
                                                                            DateRange valid_dates) {
  if (o.stream == "off") return std::nullopt;
  std::error_code ec;
  const auto size = o.events == standard_stream ? std::uintmax_t{0} : std::filesystem::file_size(o.events, ec);
  const unsigned threads = o.input.threads > 0 ? o.input.threads : available_cores();
  const std::size_t chunk = chunk_size(o, ec ? 0 : size, threads);
  const bool one_chunk = o.events != standard_stream && !ec && size <= chunk;
  if (o.stream == "auto" && one_chunk) return std::nullopt;  // the same memory and threads either way
  std::optional<std::string> why = why_not_streamed(o, format_name);
  if (!why) {
    auto scanned = EventFileChunks::scan(o.events, valid_dates, read_options(o.input), chunk, threads);
    if (scanned) return std::optional(std::move(*scanned));
    if (scanned.error().unusable) return std::nullopt;  // read whole: the reader says what is wrong
    why = input_name(o.events) + ": " + scanned.error().reason;
  }
  if (o.stream == "on") return std::unexpected("--stream on: cannot stream: " + *why);
  if (o.events == standard_stream || ec || size > o.chunk_bytes) {
    std::cerr << "timescales evaluate: not streamed (" << *why << "): the whole file is held in memory, "
              << "about 3 times its size (docs/formats.md, \"Large files\")\n";
  }
  return std::nullopt;
}

int run_evaluate(const EvaluateCli& o) {
  const auto fail = [](const std::string& message, int code = exit_usage) {
    std::cerr << "timescales evaluate: " << message << "\n";
    return code;
  };
  const auto as_of = date_option(o.as_of, "--as-of");
  if (!as_of) return fail(as_of.error());
  // One child explained is a timeline; otherwise obligations are rows.
  const std::string format_name = o.format.value_or(o.case_id && o.explain ? "timeline" : "csv");
  if (format_name == "xlsx" && (!o.out || *o.out == standard_stream)) return fail("--format xlsx writes a workbook: name it with --out FILE.xlsx");
  if (format_name == "timeline" && !o.case_id) return fail("--format timeline is one child's: give --case ID");
  if (format_name == "timeline" && o.summary) return fail("--summary counts obligations: not with a timeline");
  if (o.by && !o.summary) return fail("--by groups the --summary: give --summary too");
  const OutputFormat format = format_name == "jsonl"  ? OutputFormat::jsonl
                              : format_name == "json" ? OutputFormat::json
                                                      : OutputFormat::csv;
  const auto loaded = load_rules(o.rules);
  if (!loaded) return fail(loaded.error());
  const Rulebook& rules = *loaded;
  if (const auto ok = check_as_of(*as_of, rules); !ok) return fail(ok.error());
  if (const auto ok = check_paths({o.events}, {{"--out", o.out.value_or(std::string(standard_stream))}, {"--rejected", o.rejected}, {"--findings", o.findings}});
      !ok) {
    return fail(ok.error());
  }
  const Calendar& calendar = *rules.jurisdiction_calendar();
  const auto chunks = streaming_chunks(o, format_name, calendar.supported());
  if (!chunks) return fail(chunks.error());
  if (*chunks) {
    const auto tally = evaluate_streamed(o, rules, **chunks, as_of->value_or((*chunks)->latest_date()), format);
    if (!tally) return fail(tally.error());
    print_tally(std::cerr, *tally, o, std::nullopt);
    return o.strict && tally->rejected > 0 ? exit_findings : exit_ok;
  }
  const auto table = read_events_input(o.events, calendar.supported(), read_options(o.input));
  if (!table) return fail(table.error().message);
  if (table->events().empty()) return no_usable_rows("evaluate", o.events, *table, o.rejected, o.language);
  const auto by_or_error = by_columns(o.by, *table, o.events);
  if (!by_or_error) return fail(by_or_error.error());
  const std::vector<std::size_t>& by = *by_or_error;
  const std::vector<std::string> by_names = column_names(*table, by);

  const Evaluation everyone = evaluate_on(*table, rules, *as_of, o.input.threads);
  std::optional<Evaluation> one_child;
  if (o.case_id) {
    const auto found = std::ranges::find(table->case_ids(), *o.case_id);
    if (found == table->case_ids().end()) {
      // The timeline's own words say why (no such case, or all its rows rejected).
      return fail(o.events + ": " + case_timeline(everyone, *table, *o.case_id, o.language).error());
    }
    one_child = of_case(everyone, static_cast<std::uint32_t>(found - table->case_ids().begin()));
  }
  const Evaluation& evaluation = one_child ? *one_child : everyone;

  if (format_name == "timeline") {
    const std::string text = *case_timeline(everyone, *table, *o.case_id, o.language);
    if (o.out) {
      const auto written = write_file(*o.out, [&](std::ostream& f) { f << text; });
      if (!written) return fail(written.error());
    } else {
      std::cout << text;
    }
  } else if (format_name == "xlsx") {
    const auto written = write_obligations_xlsx(*o.out, evaluation, *table, o.explain, o.language);
    if (!written) return fail(written.error());
    if (o.summary) print_summary_table(std::cout, summarise(evaluation, *table, by), by_names, o.language);
  } else if (o.out) {
    const auto written = write_file(*o.out, [&](std::ostream& f) { write_obligations(f, evaluation, *table, format, o.explain, o.language); });
    if (!written) return fail(written.error());
  } else if (o.summary) {
    print_summary_table(std::cout, summarise(evaluation, *table, by), by_names, o.language);
  } else {
    write_obligations(std::cout, evaluation, *table, format, o.explain, o.language);
  }
  if (o.rejected) {
    const auto written = write_file(*o.rejected, [&](std::ostream& f) { write_rejections(f, *table, true, o.language); });
    if (!written) return fail(written.error());
  }
  if (o.findings) {
    const auto written = write_file(*o.findings, [&](std::ostream& f) { write_findings(f, evaluation, *table, true, o.language); });
    if (!written) return fail(written.error());
  }

  Tally tally;
  tally.add(everyone, *table);
  print_tally(std::cerr, tally, o, o.case_id ? std::optional(evaluation.obligations.size()) : std::nullopt);
  if (o.strict && tally.rejected > 0) return exit_findings;
  return exit_ok;
}

}  // namespace

void add_evaluate_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<EvaluateCli>();
  CLI::App* cmd = app.add_subcommand("evaluate", "Every child's obligations from a CSV of case events");
  cmd->add_option("events", o->events, "The case events (CSV, docs/formats.md)")->required();
  cmd->add_option("--as-of", o->as_of, "Judge statuses on this date (default: the latest event date)");
  add_rules_options(cmd, o->rules);
  add_language_option(cmd, o->language);
  cmd->add_option("-o,--out", o->out, "Write obligations here instead of standard output");
  cmd->add_option("--rejected", o->rejected, "Write rejected rows here (CSV: line,case_id,column,reason)");
  cmd->add_option("--findings", o->findings, "Write refused variations here (CSV)");
  cmd->add_option("--format", o->format,
                  "Obligations as csv (the default), jsonl (an object per line), json (one array of the same objects) "
                  "or xlsx (an Excel workbook: needs --out); timeline: one child's events and duties in date order "
                  "with their reasons, for people (the default with --case and --explain)")
      ->check(CLI::IsMember({"csv", "jsonl", "json", "xlsx", "timeline"}));
  cmd->add_option("--case", o->case_id, "Only this child's obligations (with --explain: the child's timeline)");
  add_input_options(cmd, o->input);
  cmd->add_option("--stream", o->stream,
                  "auto (the default): a file larger than a chunk (8 MiB, 1 to 2 MiB on several threads) whose rows are grouped by child in "
                  "case-id order is read, evaluated and written a chunk of children at a time, so memory is bounded "
                  "by the chunks in hand, not the file, and the chunks are shared among the threads; other files are "
                  "read whole, as with off (saying why when larger than 8 MiB). on: stream or "
                  "fail saying why. Not with standard input, --case, --summary or --format xlsx (docs/formats.md)")
      ->check(CLI::IsMember({"auto", "on", "off"}));
  // For tests: chunks small enough that children straddle their edges.
  cmd->add_option("--chunk-bytes", o->chunk_bytes)->check(CLI::PositiveNumber)->group("");
  cmd->add_flag("--explain", o->explain, "Add each obligation's explanation");
  cmd->add_flag("--strict", o->strict, "Exit 1 when any row was rejected");
  cmd->add_flag("--summary", o->summary, "Print compliance by rule instead of the obligations (unless --out)");
  cmd->add_option("--by", o->by, "With --summary: by these carried columns too (comma-separated: team,worker)");
  cmd->callback([o, &exit_code] { exit_code = run_evaluate(*o); });
}

}  // namespace timescales::cli
