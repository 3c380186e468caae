// What `rules check` and `validate-report` find, for people or for CI: each problem with its file,
// line, column, severity, code and message, as text lines on standard error
// ("FILE:LINE:COLUMN: SEVERITY: MESSAGE", the form compilers print, which editors and the problem
// matcher in examples/ci read) or as one JSON document on standard output (--format json).
#pragma once

#include <CLI/CLI.hpp>

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "timescales/diagnostic.hpp"

namespace timescales::cli {

enum class Severity { error, warning };
std::string_view name(Severity severity);

// The codes of the problems the tool raises itself; a loader's diagnostic has none.
namespace problem_code {
inline constexpr std::string_view unusable = "unusable";            // a file or directory that cannot be used (exit 2)
inline constexpr std::string_view example = "example";              // a worked example that does not hold
inline constexpr std::string_view no_example = "no-example";        // a measure without a worked example
inline constexpr std::string_view shadows_id = "shadows-id";        // a council's measure under an id already taken
inline constexpr std::string_view no_welsh = "no-welsh";            // a rule, measure or setting without its Welsh text
inline constexpr std::string_view english_only = "english-only";    // english_only = true in a jurisdiction's rulebook
}  // namespace problem_code

struct Problem {
  std::string file;
  int line = 0;    // 0: the file as a whole
  int column = 0;  // 0: unknown
  Severity severity = Severity::error;
  std::string code;  // empty: none
  std::string message;
};

// A loader's diagnostic (its hint in brackets after the message, as Diagnostic::to_string writes it).
Problem problem_of(const Diagnostic& d);

// A worked example that does not hold, at its line: "WHAT does not hold: DIFFERENCE; DIFFERENCE",
// on one line so that an annotation carries the whole of it.
Problem example_problem(std::string file, int line, const std::string& what, const std::vector<std::string>& differences);

// --format text|json, for the commands that report problems.
void add_problem_format_option(CLI::App* cmd, std::string& format);

// The keys of a problem in JSON, in order; defined once.
inline constexpr std::string_view problem_keys[] = {"file", "line", "column", "severity", "code", "message"};

// The problems of one run of a command, and its counts. In text, each problem and note goes to
// standard error as it is added; in JSON, finish() writes the document.
class ProblemLog {
 public:
  ProblemLog(std::string command, bool json) : command_(std::move(command)), json_(json) {}

  void add(Problem problem);
  // A file or directory that cannot be used: "timescales COMMAND: MESSAGE" in text.
  void unusable(std::string file, std::string message);
  // A line for people (a count, a hint); in JSON, one of the document's "notes".
  void note(const std::string& text);
  // A count for the summary ("rules", "examples", "failing", ...), added to any already there.
  void count(std::string_view key, std::size_t n);

  [[nodiscard]] std::size_t errors() const;
  [[nodiscard]] bool json() const { return json_; }

  // JSON: {"command", "problems": [...], "summary": {"errors", "warnings", counts...}, "notes": [...]}
  // on `out`, whatever the exit code. Text: nothing more.
  void finish(std::ostream& out) const;

 private:
  std::string command_;
  bool json_;
  std::vector<Problem> problems_;
  std::vector<std::pair<std::string, std::size_t>> counts_;
  std::vector<std::string> notes_;
};

// "FILE:LINE:COLUMN: SEVERITY: MESSAGE" (LINE and COLUMN left out when unknown).
std::string to_text(const Problem& problem);

}  // namespace timescales::cli
