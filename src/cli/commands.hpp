// The subcommands of the `timescales` tool. Each registers itself on the app and runs through a
// callback that sets the exit code; the tool stays a thin face over the library.
#pragma once

#include <CLI/CLI.hpp>

#include <expected>
#include <functional>
#include <ostream>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "timescales/diagnostic.hpp"
#include "timescales/engine.hpp"
#include "timescales/event_csv.hpp"
#include "timescales/language.hpp"
#include "timescales/measure.hpp"
#include "timescales/report.hpp"
#include "timescales/rulebook.hpp"
#include "timescales/source.hpp"
#include "timescales/target.hpp"

namespace timescales::cli {

// Exit codes shared by every command.
inline constexpr int exit_ok = 0;
inline constexpr int exit_findings = 1;
inline constexpr int exit_usage = 2;

// Which rules a command works with: the built-in rules, or a whole rulebook in their place
// (--rules DIR, for those who maintain a jurisdiction's rules), with any number of a council's
// local directories layered on them in order (--local DIR, repeatable; C12).
struct RulesOptions {
  std::optional<std::string> dir;
  std::vector<std::string> local;
};
void add_rules_options(CLI::App* cmd, RulesOptions& rules);

// --lang en|cy: the language of what a person reads (explanations, headings, titles, reasons);
// machine columns, ids and codes are the same in both.
void add_language_option(CLI::App* cmd, Language& language);

// The rulebook the options name. On failure the diagnostics have gone to standard error, each
// naming its file, and the message says what failed. The rulebook always has a jurisdiction, and
// so a calendar to check dates against.
std::expected<Rulebook, std::string> load_rules(const RulesOptions& options);
// The same, with the diagnostics given back (each naming its file) instead of printed: for
// `rules check` and `validate-report`, which report them as text or JSON.
struct RulesFailure {
  std::string message;
  Diagnostics diagnostics;
};
std::expected<Rulebook, RulesFailure> load_rules_diagnosed(const RulesOptions& options);

// A date option (--as-of, --from, --to): nothing when not given, else the date or a message
// naming the option.
std::expected<std::optional<Date>, std::string> date_option(const std::optional<std::string>& text,
                                                            std::string_view option);

// C1: --as-of outside the supported range of the rules' calendar is refused, never guessed at.
std::expected<void, std::string> check_as_of(const std::optional<Date>& as_of, const Rulebook& rules);

// "-": standard input where a command reads its events, standard output where it writes a file.
inline constexpr std::string_view standard_stream = "-";

// How messages name an input: "standard input" for "-", else its path.
std::string input_name(const std::string& path);

// The events of a file, or of standard input ("-"): read_events_file.
std::expected<EventTable, ReadError> read_events_input(const std::string& path, DateRange valid_dates,
                                                       const ReadOptions& options);

// Writes a file through `write`, then closes it and checks that everything reached it (a full disk,
// a quota): an error naming the file otherwise. "-" writes to standard output.
std::expected<void, std::string> write_file(const std::string& path, const std::function<void(std::ostream&)>& write);

// Output paths that would overwrite an input, or each other: an error naming them. `outputs`
// holds the option's name and its path (missing options are skipped; a command's default output
// is given as "-"). Devices such as /dev/null are not files and may be named more than once;
// standard output ("-") only once.
std::expected<void, std::string> check_paths(const std::vector<std::string>& inputs,
                                             const std::vector<std::pair<std::string, std::optional<std::string>>>& outputs);

// A small text file (a council's report, at most 1 GiB), read in chunks: an error naming it when
// it cannot be read, is a directory or is larger.
std::expected<std::string, std::string> read_text_file(const std::string& path);

// How every command that reads case events reads them. --carry COLUMNS: which extra columns go
// into the outputs (all of them when the option is not given; none with --carry ''). A council's
// export as it is (docs/formats.md, "Council exports"): --date-format FMT, --column "THEIRS=OURS"
// (repeatable) and --columns FILE (a TOML columns file: its mapping and date format; --column
// and --date-format override it). Each is checked as the command line is parsed (a bad format,
// mapping or file is a usage error naming it); `read_options` turns what was given into ReadOptions.
struct InputOptions {
  std::optional<std::string> carry;
  std::optional<std::string> given_date_format, given_columns_file;  // as given; read into:
  std::vector<std::string> given_columns;
  std::optional<DateFormat> date_format;
  ColumnMapping columns;       // --column, in order
  ExportFormat columns_file;   // --columns
  // --threads N: threads evaluating (0, the default: every core, available_cores()). Here because every
  // command that reads case events evaluates them.
  unsigned threads = 0;
};
void add_input_options(CLI::App* cmd, InputOptions& input);
ReadOptions read_options(const InputOptions& input);

// The first `limit` rejected rows, one "  FILE:LINE: column: reason" line each, the reasons in
// `language`.
void list_rejections(std::ostream& out, const std::string& events_path, std::span<const Rejection> rejected,
                     std::size_t limit, Language language);

// A file of which no row could be used: there is nothing to judge, which a CI gate must not take
// for a clean run. Writes the rejected rows (to `rejected_path`, or the first on standard error)
// and says so; returns exit_usage.
int no_usable_rows(std::string_view command, const std::string& events_path, const EventTable& events,
                   const std::optional<std::string>& rejected_path, Language language);

// "team,worker": the names between commas, empty ones left out.
std::vector<std::string> comma_separated(std::string_view text);

// --by COLUMNS: the carried columns named (comma-separated), as indices into the table's carried
// columns (none when the option was not given), or an error naming the ones there are.
std::expected<std::vector<std::size_t>, std::string> by_columns(const std::optional<std::string>& text,
                                                                const EventTable& events, const std::string& events_path);
// The names of those columns, for headings.
std::vector<std::string> column_names(const EventTable& events, const std::vector<std::size_t>& columns);

// The events evaluated as of --as-of (default: the latest event date), on --threads threads.
Evaluation evaluate_on(const EventTable& events, const Rulebook& rules, std::optional<Date> as_of, unsigned threads);

// The measures `report` and `dashboard` may count: the rules' (built-in, --local), then each
// --definition file's (an id already there is refused), and the targets set in any of them.
// Diagnostics go to standard error; the message says what failed.
struct MeasureCatalogue {
  std::vector<Measure> measures;
  std::vector<Target> targets;
  std::vector<SourceFile> definitions;  // the --definition files, as read
};
std::expected<MeasureCatalogue, std::string> measure_catalogue(const Rulebook& rules,
                                                               const std::vector<std::string>& definitions);

// --period month|quarter|year (the choices the option allows).
Granularity granularity_named(std::string_view period);

// --all and --measure ID: the measures chosen, each once, or an error listing the known ones.
std::expected<std::vector<const Measure*>, std::string> chosen_measures(const std::vector<Measure>& catalogue,
                                                                        const std::vector<std::string>& ids, bool all);


void add_due_command(CLI::App& app, int& exit_code);
void add_rules_command(CLI::App& app, int& exit_code);
void add_generate_command(CLI::App& app, int& exit_code);
void add_evaluate_command(CLI::App& app, int& exit_code);
void add_report_commands(CLI::App& app, int& exit_code);
void add_reconcile_command(CLI::App& app, int& exit_code);
void add_worklist_command(CLI::App& app, int& exit_code);
void add_dashboard_command(CLI::App& app, int& exit_code);

}  // namespace timescales::cli
