// Shared helpers for the tests that run the built command-line tool (TIMESCALES_CLI) as a child
// process: skipping when it was not built, temporary directories, reading files back, quoting for
// the shell, and running the tool to capture its stdout, its stderr, or both, with its exit code.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <array>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>

namespace timescales::testing {

// False, with a warning, when the tool was not built (TIMESCALES_BUILD_CLI=OFF): the test returns.
inline bool have_cli() {
  if (std::string(TIMESCALES_CLI).empty()) {
    WARN("not checked: the timescales tool was not built (TIMESCALES_BUILD_CLI=OFF)");
    SUCCEED("CLI tests skipped");
    return false;
  }
  return true;
}

// A fresh directory under the system's temporary directory, named for the process and a counter
// (and `label`, if given) so that no two meet, and removed with everything in it at the end.
class TempDir {
 public:
  explicit TempDir(std::string_view label = {}) {
    static std::atomic<int> counter = 0;
    std::string name = "timescales-test-" + std::to_string(::getpid()) + "-" + std::to_string(++counter);
    if (!label.empty()) name += "-" + std::string(label);
    path_ = std::filesystem::temp_directory_path() / name;
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  [[nodiscard]] std::string file(std::string_view name) const { return (path_ / name).string(); }
  // Writes `content` to the file `name` in the directory; returns its path.
  std::string write(std::string_view name, std::string_view content) const {
    std::ofstream out(file(name), std::ios::binary);
    out << content;
    return file(name);
  }

 private:
  std::filesystem::path path_;
};

// The whole of a file, byte for byte ("" if it cannot be read).
inline std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return std::move(text).str();
}

// `s` as one word for the shell, single-quoted.
inline std::string shell_quoted(std::string_view s) {
  std::string out = "'";
  for (const char c : s) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

// What a run of the tool gave.
struct Run {
  bool exited = false;  // false: killed by a signal (a crash, an abort), or not run
  int exit_code = -1;   // -1 unless it exited
  std::string out;      // run_cli: stdout; stdout_of, stderr_of, both_of: what they capture
  std::string err;      // run_cli: stderr; otherwise empty
};

// Runs `TIMESCALES_CLI ARGS REDIRECT` through the shell (ARGS already shell-quoted) and captures
// what reaches standard output after REDIRECT (e.g. "2>&1", "2>/dev/null", "2>&1 >/dev/null").
inline Run run_redirected(const std::string& args, const std::string& redirect) {
  const std::string command = shell_quoted(TIMESCALES_CLI) + " " + args + " " + redirect;
  Run result;
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::array<char, 4096> buf{};
  std::size_t n = 0;
  while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) result.out.append(buf.data(), n);
  const int status = pclose(pipe);
  result.exited = status != -1 && WIFEXITED(status);
  result.exit_code = result.exited ? WEXITSTATUS(status) : -1;
  return result;
}

// Runs `timescales ARGS` (already shell-quoted), keeping stdout (`out`) and stderr (`err`) apart.
inline Run run_cli(const std::string& args) {
  const TempDir scratch("run");
  const std::string err = scratch.file("stderr.txt");
  Run result = run_redirected(args, "2>" + shell_quoted(err));
  result.err = slurp(err);
  return result;
}

// One stream of `timescales ARGS` in `out`: stdout only, stderr only, or both as written.
inline Run stdout_of(const std::string& args) { return run_redirected(args, "2>/dev/null"); }
inline Run stderr_of(const std::string& args) { return run_redirected(args, "2>&1 >/dev/null"); }
inline Run both_of(const std::string& args) { return run_redirected(args, "2>&1"); }

// A council's measure counting `rule` (named on line 5), with one worked example expecting `expect`
// (the example's table starts on line 17; its events give one assessment in time and one late:
// numerator 1, denominator 2).
inline std::string measure_definition(std::string_view rule, std::string_view expect) {
  return std::string("[[measure]]\n"
                     "id = \"council.assessments\"\n"
                     "title = \"Assessments on time\"\n"
                     "summary = \"Assessments completed in the period within 42 working days.\"\n"
                     "rules = [\"") + std::string(rule) + "\"]\n"  // line 5
         "standard = \"statutory\"\n"
         "basis = \"completed_in_period\"\n"
         "numerator = [\"met\"]\n"
         "denominator = [\"met\", \"late\"]\n"
         "unit = \"children\"\n"
         "\n"
         "[measure.source]\n"
         "name = \"The council's scorecard\"\n"
         "url = \"https://www.example.org/scorecard\"\n"
         "definition = \"assessments within 42 working days\"\n"
         "\n"
         "[[measure.example]]\n"  // line 17
         "name = \"One in time, one late\"\n"
         "as_of = 2021-09-30\n"
         "from = 2021-04-01\n"
         "to = 2022-03-31\n"
         "events = [\n"
         "  { case_id = \"X\", date = 2021-04-29, event = \"referral\" },\n"
         "  { case_id = \"X\", date = 2021-06-30, event = \"assessment_completed\" },\n"
         "  { case_id = \"Y\", date = 2021-04-29, event = \"referral\" },\n"
         "  { case_id = \"Y\", date = 2021-07-01, event = \"assessment_completed\" },\n"
         "]\n"
         "# Thu 29 Apr 2021 + 42 working days = Wed 30 Jun (Mon 3 and Mon 31 May are bank holidays).\n"
         "expect = " + std::string(expect) + "\n";
}

}  // namespace timescales::testing
