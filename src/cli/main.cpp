// timescales: statutory timescales for children's social care in Wales.
#include <algorithm>
#include <charconv>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <new>
#include <system_error>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "cli/commands.hpp"
#include "timescales/load.hpp"
#include "timescales/utf8.hpp"
#include "timescales/write.hpp"

#ifndef TIMESCALES_VERSION
#error "TIMESCALES_VERSION must be defined by the build"
#endif

namespace timescales::cli {

void add_language_option(CLI::App* cmd, Language& language) {
  cmd->add_option_function<std::string>(
         "--lang", [&language](const std::string& code) { language = *language_of(code); },
         "The language of what a person reads: en (the default) or cy (Cymraeg); machine columns, ids and codes are "
         "the same in both")
      ->check(CLI::IsMember({"en", "cy"}));
}

void add_rules_options(CLI::App* cmd, RulesOptions& rules) {
  cmd->add_option("--rules", rules.dir,
                  "A whole rulebook (a directory declaring its jurisdiction, as rules/ does) instead of the built-in rules");
  // One directory per --local, so that files named after it are not taken for more directories.
  cmd->add_option("--local", rules.local,
                  "A council's local rules, measures or settings, layered on the rules (repeatable; docs/rule-format.md)")
      ->allow_extra_args(false);
}

namespace {

std::unexpected<RulesFailure> rules_failed(const std::string& dir, Diagnostics problems) {
  for (Diagnostic& d : problems) {
    if (d.file.empty()) d.file = dir;
  }
  std::string message = "the rules in " + dir + " have " + std::to_string(problems.size()) +
                        (problems.size() == 1 ? " problem" : " problems");
  return std::unexpected(RulesFailure{std::move(message), std::move(problems)});
}

}  // namespace

std::expected<Rulebook, RulesFailure> load_rules_diagnosed(const RulesOptions& options) {
  Rulebook book = builtin_rulebook();
  if (options.dir) {
    const auto files = read_sources(*options.dir);
    if (!files) return std::unexpected(RulesFailure{files.error().message, {}});
    if (!declares_jurisdiction(*files)) {
      return std::unexpected(RulesFailure{*options.dir + " declares no jurisdiction, so it is not a whole rulebook; to add a "
                                          "council's rules to the built-in ones, use --local " + *options.dir, {}});
    }
    auto loaded = load_rulebook(*files);
    if (!loaded) return rules_failed(*options.dir, std::move(loaded.error()));
    book = std::move(*loaded);
  }
  for (const std::string& dir : options.local) {
    const auto files = read_sources(dir);
    if (!files) return std::unexpected(RulesFailure{files.error().message, {}});
    auto layered = layer_rulebook(book, *files);
    if (!layered) return rules_failed(dir, std::move(layered.error()));
    book = std::move(*layered);
  }
  return book;
}

std::expected<Rulebook, std::string> load_rules(const RulesOptions& options) {
  auto loaded = load_rules_diagnosed(options);
  if (loaded) return std::move(*loaded);
  for (const Diagnostic& d : loaded.error().diagnostics) std::cerr << d.to_string() << "\n";
  return std::unexpected(std::move(loaded.error().message));
}

std::expected<std::optional<Date>, std::string> date_option(const std::optional<std::string>& text,
                                                            std::string_view option) {
  if (!text) return std::optional<Date>{};
  const auto d = parse_date(*text);
  if (!d) return std::unexpected(std::string(option) + ": " + d.error().message);
  return std::optional<Date>(*d);
}

std::expected<void, std::string> check_as_of(const std::optional<Date>& as_of, const Rulebook& rules) {
  if (!as_of) return {};
  const Calendar* calendar = rules.jurisdiction_calendar();
  if (calendar == nullptr) return {};
  if (auto ok = calendar->check(*as_of); !ok) return std::unexpected("--as-of: " + ok.error().message);
  return {};
}

std::expected<void, std::string> write_file(const std::string& path, const std::function<void(std::ostream&)>& write) {
  if (path == standard_stream) {  // main checks standard output once everything is written
    write(std::cout);
    return {};
  }
  const auto failed = [&](int error) {
    return std::unexpected("cannot write " + path + (error != 0 ? ": " + std::generic_category().message(error) : ""));
  };
  errno = 0;
  std::ofstream file(path, std::ios::binary);
  if (!file) return failed(errno);
  errno = 0;
  write(file);
  if (!file) return failed(errno);
  file.close();  // what is still buffered is written now: a full disk shows here
  if (!file) return failed(errno);
  return {};
}

namespace {

// The file a path names, for comparing paths: nothing when it is not a regular file (or a
// directory), or cannot be told.
std::optional<std::filesystem::path> file_identity(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (fs::exists(status) && !fs::is_regular_file(status)) return std::nullopt;  // /dev/null, /dev/stdout, a pipe
  fs::path canonical = fs::weakly_canonical(fs::absolute(path, ec), ec);
  if (ec) return std::nullopt;
  return canonical;
}

bool same_file(const std::string& a, const std::string& b) {
  const auto fa = file_identity(a), fb = file_identity(b);
  if (!fa || !fb) return false;
  if (*fa == *fb) return true;
  std::error_code ec;
  return std::filesystem::equivalent(*fa, *fb, ec);  // hard links
}

}  // namespace

std::expected<void, std::string> check_paths(const std::vector<std::string>& inputs,
                                             const std::vector<std::pair<std::string, std::optional<std::string>>>& outputs) {
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    const auto& [option, path] = outputs[i];
    if (!path) continue;
    for (const std::string& input : inputs) {
      if (*path != standard_stream && input != standard_stream && same_file(*path, input)) {
        return std::unexpected(option + " " + *path + " would overwrite the input " + input);
      }
    }
    for (std::size_t j = 0; j < i; ++j) {
      const auto& [other, other_path] = outputs[j];
      if (other_path && *path == standard_stream && *other_path == standard_stream) {
        return std::unexpected(other + " and " + option + " both write to standard output ('-'); give one a file");
      }
      if (other_path && same_file(*path, *other_path)) {
        return std::unexpected(other + " and " + option + " name the same file, " + *path + "; give each its own");
      }
    }
  }
  return {};
}

std::expected<std::string, std::string> read_text_file(const std::string& path) {
  constexpr std::size_t limit = std::size_t{1} << 30, chunk = std::size_t{1} << 20;
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return std::unexpected(path + ": is a directory, not a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::unexpected(path + ": cannot open the file");
  std::string text;
  while (in && text.size() <= limit) {
    const std::size_t at = text.size();
    text.resize(at + chunk);
    in.read(text.data() + at, static_cast<std::streamsize>(chunk));
    text.resize(at + static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) return std::unexpected(path + ": cannot read the file");
  if (text.size() > limit) return std::unexpected(path + ": the file is larger than 1 GiB, more than the tool reads");
  return text;
}

namespace {

// --threads: a whole number from 0 (every core) to 1024.
std::expected<unsigned, std::string> parse_threads(std::string_view text) {
  unsigned n = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size() || n > 1024) {
    // CLI11 puts the option's name in front.
    return std::unexpected("'" + std::string(text) + "' is not a number of threads: give a whole number of threads from 1 to "
                           "1024, or 0 for every core");
  }
  return n;
}

}  // namespace

void add_input_options(CLI::App* cmd, InputOptions& input) {
  cmd->add_option("--carry", input.carry,
                  "Carry only these extra columns (comma-separated; '' for none) into the outputs "
                  "(default: every column that is not an event column)");
  // Each value is checked, and kept, as it is parsed: a validator's message becomes the usage error.
  cmd->add_option("--date-format", input.given_date_format)
      ->type_name("FMT")
      ->description("How the events write their dates: %Y-%m-%d (the default), %d/%m/%Y, %d.%m.%Y, %m/%d/%Y...: "
                    "%d, %m and %Y in any order with one separator")
      ->check(CLI::Validator(
          [&input](std::string& text) -> std::string {
            const auto format = DateFormat::named(text);
            if (!format) return format.error();
            input.date_format = *format;
            return {};
          },
          ""));
  cmd->add_option("--threads")
      ->type_name("N")
      ->description("Evaluate on N threads (default 0: every core); the output is the same whatever N")
      ->check(CLI::Validator(
          [&input](std::string& text) -> std::string {
            const auto n = parse_threads(text);
            if (!n) return n.error();
            input.threads = *n;
            return {};
          },
          ""));
  cmd->add_option("--column", input.given_columns)
      ->type_name("THEIRS=OURS")
      ->allow_extra_args(false)  // one value each time: what follows is the events file, not another mapping
      ->description("Read the export's column THEIRS as the event column OURS (repeatable): --column \"Case ID=case_id\"")
      ->check(CLI::Validator(
          [&input](std::string& text) -> std::string {
            const auto rename = parse_column_rename(text);
            if (!rename) return rename.error();
            std::erase_if(input.columns, [&](const ColumnRename& r) { return r.from == rename->from; });
            input.columns.push_back(*rename);
            if (const auto ok = check_column_mapping(input.columns); !ok) return ok.error();
            return {};
          },
          ""));
  cmd->add_option("--columns", input.given_columns_file)
      ->type_name("FILE")
      ->description("A columns file (TOML: [columns] \"Case ID\" = \"case_id\", and date_format) for the export")
      ->check(CLI::Validator(
          [&input](std::string& path) -> std::string {
            const auto text = read_text_file(path);
            if (!text) return text.error();
            auto format = read_export_format(path, *text);
            if (!format) {
              std::string out;
              for (const Diagnostic& d : format.error()) out += (out.empty() ? "" : "\n") + d.to_string();
              return out;
            }
            input.columns_file = std::move(*format);
            return {};
          },
          ""));
}

std::vector<std::string> comma_separated(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const std::string_view name = text.substr(0, comma);
    if (!name.empty()) out.emplace_back(name);
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
  }
  return out;
}

ReadOptions read_options(const InputOptions& input) {
  ReadOptions options;
  if (input.carry) options.carry = comma_separated(*input.carry);
  // The file's mapping, then --column's: a name both map is read as --column says.
  for (const ColumnRename& r : input.columns_file.columns) {
    if (std::ranges::find(input.columns, r.from, &ColumnRename::from) == input.columns.end()) options.columns.push_back(r);
  }
  options.columns.insert(options.columns.end(), input.columns.begin(), input.columns.end());
  options.date_format = input.date_format.value_or(input.columns_file.date_format.value_or(DateFormat{}));
  return options;
}

std::string input_name(const std::string& path) { return path == standard_stream ? "standard input" : path; }

void list_rejections(std::ostream& out, const std::string& events_path, std::span<const Rejection> rejected,
                     std::size_t limit, Language language) {
  for (std::size_t i = 0; i < rejected.size() && i < limit; ++i) {
    const Rejection& r = rejected[i];
    out << "  " << input_name(events_path) << ":" << r.line << ": " << r.column << (r.column.empty() ? "" : ": ")
        << reason_in(r, language) << "\n";
  }
}

int no_usable_rows(std::string_view command, const std::string& events_path, const EventTable& events,
                   const std::optional<std::string>& rejected_path, Language language) {
  if (rejected_path) {
    const auto written = write_file(*rejected_path, [&](std::ostream& f) { write_rejections(f, events, true, language); });
    if (!written) std::cerr << "timescales " << command << ": " << written.error() << "\n";
  }
  std::cerr << "timescales " << command << ": " << input_name(events_path) << ": no row could be used (" << events.rows_read()
            << " read, " << events.rejected().size() << " rejected)";
  if (!events.rejected().empty()) {
    std::cerr << (rejected_path ? "; the rejected rows are in " + *rejected_path : std::string("; the first:"));
  }
  std::cerr << "\n";
  if (!rejected_path) list_rejections(std::cerr, events_path, events.rejected(), 5, language);
  return exit_usage;
}

std::expected<std::vector<std::size_t>, std::string> by_columns(const std::optional<std::string>& text,
                                                                const EventTable& events, const std::string& events_path) {
  const auto& columns = events.carried_columns();
  std::vector<std::size_t> out;
  if (!text) return out;
  for (const std::string& name : comma_separated(*text)) {
    const auto it = std::ranges::find(columns, name);
    if (it == columns.end()) {
      std::string known;
      for (const std::string& c : columns) known += (known.empty() ? "" : ", ") + c;
      return std::unexpected("--by " + excerpt(name) + " is not a carried column of " + events_path +
                             (known.empty() ? " (it has none)" : "; its carried columns are " + known));
    }
    out.push_back(static_cast<std::size_t>(it - columns.begin()));
  }
  if (out.empty()) return std::unexpected(std::string("--by names no column"));
  return out;
}

std::vector<std::string> column_names(const EventTable& events, const std::vector<std::size_t>& columns) {
  std::vector<std::string> out;
  for (const std::size_t k : columns) out.push_back(events.carried_columns()[k]);
  return out;
}

Evaluation evaluate_on(const EventTable& events, const Rulebook& rules, std::optional<Date> as_of, unsigned threads) {
  EvaluateOptions options;
  options.as_of = as_of;
  options.threads = threads;
  return evaluate(events, rules, options);
}

std::expected<EventTable, ReadError> read_events_input(const std::string& path, DateRange valid_dates,
                                                       const ReadOptions& options) {
  if (path == standard_stream) return read_events_stream(std::cin, input_name(path), valid_dates, options);
  return read_events_file(path, valid_dates, options);
}

}  // namespace timescales::cli

namespace {

// Streaming evaluates a chunk of children at a time, and each chunk allocates and frees a few MiB
// of tables, results and text, on several threads. With glibc's thresholds left to move with what
// is freed, pages were still handed back to the kernel and faulted in again, zeroed, chunk after
// chunk (22,000 page faults at 1 M events for a peak of 9,000 pages; a quarter of the CPU on two
// threads). Fixed thresholds keep blocks under 32 MiB in the process for reuse; the peak stays
// about the same (benchmarks/NOTES.md, "The host changed, not the engine"). The tool's process
// only: the library sets nothing.
void keep_freed_memory() {
#if defined(__GLIBC__)
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
#endif
}

}  // namespace

int main(int argc, char** argv) {
  using namespace timescales::cli;
  keep_freed_memory();
  CLI::App app{"timescales: whether the statutory timescales of children's social care in Wales were met"};
  app.name("timescales");
  app.set_version_flag("--version", "timescales " TIMESCALES_VERSION);
  app.require_subcommand(1);
  app.footer("--format json writes one JSON document, --format jsonl one JSON object per line, keyed as the CSV's "
             "columns (docs/formats.md, \"JSON\"); rules check and validate-report: docs/ci.md");
  int exit_code = exit_ok;
  std::string version_format = "text";
  CLI::App* version = app.add_subcommand("version", "The version of timescales");
  version->add_option("--format", version_format, "text: 'timescales VERSION' (the default); json: {\"version\": VERSION}")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  version->callback([&version_format] {
    if (version_format != "json") {
      std::cout << "timescales " TIMESCALES_VERSION "\n";
      return;
    }
    std::cout << "{\"version\":";
    timescales::write_json_string(std::cout, TIMESCALES_VERSION);
    std::cout << "}\n";
  });
  add_due_command(app, exit_code);
  add_rules_command(app, exit_code);
  add_generate_command(app, exit_code);
  add_evaluate_command(app, exit_code);
  add_report_commands(app, exit_code);
  add_reconcile_command(app, exit_code);
  add_worklist_command(app, exit_code);
  add_dashboard_command(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const std::bad_alloc&) {
    // Out of memory (an absurd input, a small ulimit): a message and exit 2, not an abort.
    std::cerr << "timescales: ran out of memory; the input is too large for the memory available\n";
    return exit_usage;
  } catch (const std::filesystem::filesystem_error& e) {
    std::cerr << "timescales: " << e.what() << "\n";
    return exit_usage;
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return exit_usage;
  }
  // Whatever went to standard output must have reached it (a full disk, a closed pipe).
  std::cout.flush();
  if (!std::cout) {
    std::cerr << "timescales: cannot write standard output\n";
    return exit_usage;
  }
  return exit_code;
}
