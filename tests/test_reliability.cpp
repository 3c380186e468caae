// Issue 19, reliability: what broke with hostile inputs. Rule files nested deep enough to overflow
// the TOML parser's stack, symbolic links that loop, inputs too large for memory, writes that fail,
// --as-of beyond the calendar, ids that corrupt outputs, integers that were truncated, rules
// directories with no rules, output paths that overwrite inputs, and the smaller items. The
// reproducers that are small are in tests/bad-input/ (rules directories under bad-input/rules,
// each with NAME.expect: `exit: N` of `timescales rules check`, and `error: TEXT` in the message);
// the large ones are generated here.
#include <pthread.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "load/toml_reader.hpp"
#include "support.hpp"
#include "timescales/event_csv.hpp"
#include "timescales/load.hpp"
#include "timescales/load_measures.hpp"
#include "timescales/write.hpp"

namespace {

namespace fs = std::filesystem;
using namespace timescales;
using namespace timescales::testing;

const fs::path source_dir(TIMESCALES_SOURCE_DIR);
const fs::path bad_rules = source_dir / "tests" / "bad-input" / "rules";
const std::string sample = (source_dir / "examples" / "data" / "sample-events.csv").string();
const std::string sample_q = shell_quoted(sample);

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool sanitized = true;  // they reserve more address space than a memory limit allows
#else
constexpr bool sanitized = false;
#endif

std::string diagnostics_text(const Diagnostics& ds) {
  std::string out;
  for (const Diagnostic& d : ds) out += d.to_string() + "\n";
  return out;
}

// load_rulebook on one file, as a council's rules directory is loaded.
std::expected<Rulebook, Diagnostics> load_one(const std::string& text, const std::string& path = "local/r.toml") {
  const std::vector<SourceFile> files{{path, text}};
  return load_rulebook(files, &builtin_rulebook());
}

void no_crash(const Run& run) {
  INFO("stderr: " << run.err);
  REQUIRE(run.exited);
  for (const std::string_view crash : {"terminate called", "Aborted", "what():", "Sanitizer", "core dumped"}) {
    CHECK_FALSE(contains(run.err, crash));
  }
}

// A valid local rule file: the shipped example's first rule.
std::string local_rule() {
  const std::string text = slurp(source_dir / "rules" / "local" / "example.toml");
  const auto first = text.find("[[rule]]");
  const auto second = text.find("[[rule]]", first + 1);
  return text.substr(first, second - first);
}

}  // namespace

TEST_CASE("reliability: every rules directory of tests/bad-input/rules is refused as its .expect says", "[reliability]") {
  (void)builtin_rulebook();
  std::vector<fs::path> dirs;
  for (const auto& entry : fs::directory_iterator(bad_rules)) {
    if (entry.is_directory()) dirs.push_back(entry.path());
  }
  std::ranges::sort(dirs);
  REQUIRE(dirs.size() >= 5);
  for (const fs::path& dir : dirs) {
    DYNAMIC_SECTION(dir.filename().string()) {
      fs::path expect_file = dir;
      expect_file += ".expect";
      REQUIRE(fs::exists(expect_file));
      int exit_code = -1;
      std::string error;
      std::istringstream in(slurp(expect_file));
      for (std::string line; std::getline(in, line);) {
        if (line.starts_with("exit: ")) exit_code = std::stoi(line.substr(6));
        if (line.starts_with("error: ")) error = line.substr(7);
      }
      REQUIRE_FALSE(error.empty());
      const auto files = read_sources(dir);
      REQUIRE(files.has_value());
      // Judged as a council's layer is used: on the built-in rules, its measures included.
      const auto layered = layer_rulebook(builtin_rulebook(), *files);
      Diagnostics problems = layered ? Diagnostics{} : layered.error();
      if (layered) {
        if (auto measures = rulebook_measures(*layered); !measures) problems = measures.error();
      }
      REQUIRE_FALSE(problems.empty());
      CHECK(contains(diagnostics_text(problems), error));

      if (!have_cli()) continue;
      const Run check = run_cli("rules check " + shell_quoted(dir.string()));
      no_crash(check);
      CHECK(check.exit_code == exit_code);
      // The tool adds the severity after the place: "nested.toml:2: error: nested more than ...".
      const auto place = error.find(".toml:");
      const auto message = error.find(": ", place == std::string::npos ? 0 : place);
      CHECK(contains(check.err, place == std::string::npos || message == std::string::npos
                                    ? error
                                    : error.substr(0, message) + ": error" + error.substr(message)));
      const Run evaluate = run_cli("evaluate " + sample_q + " --rules " + shell_quoted(dir.string()));
      no_crash(evaluate);
      CHECK(evaluate.exit_code == 2);
      CHECK(evaluate.out.empty());
    }
  }
}

TEST_CASE("reliability 1: rule files nested deeper than 24 levels are refused before parsing, naming file and line", "[reliability]") {
  SECTION("40,000 key parts in an 80 KB file") {
    std::string deep = "a";
    for (int i = 0; i < 40'000; ++i) deep += ".a";
    const auto loaded = load_one("title = \"deep\"\n" + deep + " = 1\n");
    REQUIRE_FALSE(loaded.has_value());
    REQUIRE(loaded.error().size() == 1);
    CHECK(loaded.error()[0].file == "local/r.toml");
    CHECK(loaded.error()[0].line == 2);
    CHECK(contains(loaded.error()[0].message, "nested more than 24 levels"));
  }
  SECTION("a table header of 30,000 parts, 250 inline tables, arrays spread over lines") {
    std::string header = "[a";
    for (int i = 0; i < 30'000; ++i) header += ".b";
    std::string inline_tables = "x = ";
    for (int i = 0; i < 250; ++i) inline_tables += "{ a = ";
    inline_tables += "1" + std::string(250, '}');
    std::string lines = "y = [\n";
    for (int i = 0; i < 250; ++i) lines += "[\n";
    for (int i = 0; i < 251; ++i) lines += "]\n";
    for (const std::string& text : {header + "]\n", inline_tables + "\n", lines}) {
      const auto loaded = load_one(text);
      REQUIRE_FALSE(loaded.has_value());
      CHECK(contains(diagnostics_text(loaded.error()), "nested more than 24 levels"));
    }
  }
  SECTION("24 levels are allowed; 25 are not") {
    const auto at = [](int n) { return "x = " + std::string(static_cast<std::size_t>(n), '[') + std::string(static_cast<std::size_t>(n), ']') + "\n"; };
    CHECK_FALSE(load::check_bounds("r.toml", at(24)).has_value());
    const auto over = load::check_bounds("r.toml", "\n\n" + at(25));
    REQUIRE(over.has_value());
    CHECK(over->line == 3);
    CHECK(over->file == "r.toml");
  }
  SECTION("brackets, braces and dots inside strings and comments are not nesting") {
    const std::string many = std::string(300, '[') + std::string(300, '{') + std::string(300, '.');
    std::string rule = local_rule();
    const auto quote = rule.find("quote = ");
    REQUIRE(quote != std::string::npos);
    rule.insert(quote, "# " + many + "\n");
    rule.replace(rule.find("instrument = ") + 13, 0, "'''" + many + "''' # ");
    rule.replace(rule.find("provision = ") + 12, 0, "\"\\\"" + many + "\" # ");
    const auto loaded = load_one(rule);
    INFO((loaded.has_value() ? std::string("loaded") : diagnostics_text(loaded.error())));
    CHECK(loaded.has_value());
  }
  SECTION("a file larger than 1 MiB is refused") {
    const std::string big = "title = \"" + std::string(load::max_file_bytes, 'x') + "\"\n";
    const auto loaded = load_one(big);
    REQUIRE_FALSE(loaded.has_value());
    CHECK(contains(loaded.error()[0].message, "more than a rule, measure or calendar file may have"));
  }
}

namespace {

struct ThreadRun {
  fs::path dir;
  bool refused = false;
};

void* load_on_thread(void* arg) {
  auto* run = static_cast<ThreadRun*>(arg);
  const auto files = read_sources(run->dir);
  run->refused = files && !load_rulebook(*files, &builtin_rulebook()).has_value();
  return nullptr;
}

}  // namespace

TEST_CASE("reliability 1: the 250-deep nested array is refused on a thread with a 128 KB stack", "[reliability]") {
  if (sanitized) {
    SUCCEED("not checked under sanitizers: their frames are several times larger");
    return;
  }
  (void)builtin_rulebook();  // compiled on this thread, as a host would at start-up
  ThreadRun run{bad_rules / "nested-array"};
  pthread_attr_t attr;
  REQUIRE(pthread_attr_init(&attr) == 0);
  REQUIRE(pthread_attr_setstacksize(&attr, 128 * 1024) == 0);
  pthread_t thread;
  REQUIRE(pthread_create(&thread, &attr, load_on_thread, &run) == 0);
  REQUIRE(pthread_join(thread, nullptr) == 0);
  pthread_attr_destroy(&attr);
  CHECK(run.refused);
}

TEST_CASE("reliability 1: the tool refuses a deeply nested rule or measure file with exit 1 or 2, never a crash", "[reliability]") {
  if (!have_cli()) return;
  const TempDir dir("deep");
  std::string deep = "a";
  for (int i = 0; i < 40'000; ++i) deep += ".a";
  fs::create_directories(dir.path() / "rules");
  dir.write("rules/deep.toml", deep + " = 1\n");
  const std::string definition = dir.write("measure.toml", deep + " = 1\n");
  const std::string rules = shell_quoted(dir.file("rules"));

  const Run check = run_cli("rules check " + rules);
  no_crash(check);
  CHECK(check.exit_code == 1);
  CHECK(contains(check.err, "deep.toml:1: error: nested more than 24 levels"));
  const Run evaluate = run_cli("evaluate " + sample_q + " --rules " + rules);
  no_crash(evaluate);
  CHECK(evaluate.exit_code == 2);
  const Run validate = run_cli("validate-report " + shell_quoted(definition));
  no_crash(validate);
  CHECK(validate.exit_code == 1);
  CHECK(contains(validate.err, "measure.toml:1: error: nested more than 24 levels"));
  const Run report = run_cli("report " + sample_q + " --measure wales.pm24 --definition " + shell_quoted(definition));
  no_crash(report);
  CHECK(report.exit_code == 2);
}

TEST_CASE("reliability 2: a symbolic link that loops in a rules directory is an error naming it", "[reliability]") {
  const TempDir dir("loop");
  dir.write("local.toml", local_rule());
  fs::create_directories(dir.path() / "sub");
  fs::create_symlink("loop.toml", dir.path() / "sub" / "loop.toml");  // points at itself
  fs::create_directory_symlink("..", dir.path() / "sub" / "up");       // a directory loop, not followed
  const auto files = read_sources(dir.path());
  REQUIRE_FALSE(files.has_value());
  CHECK(contains(files.error().message, "loop.toml"));
  CHECK(contains(files.error().message, "cannot read"));

  if (!have_cli()) return;
  const std::string rules = shell_quoted(dir.path().string());
  for (const std::string& args : {"rules check " + rules, "rules list --rules " + rules, "evaluate " + sample_q + " --rules " + rules}) {
    const Run run = run_cli(args);
    no_crash(run);
    CHECK(run.exit_code == 2);
    CHECK(contains(run.err, "loop.toml"));
  }
  fs::remove(dir.path() / "sub" / "loop.toml");
  const Run clean = run_cli("rules check " + rules);  // the directory loop alone is harmless
  INFO(clean.err);
  CHECK(clean.exit_code == 0);
}

TEST_CASE("reliability 3: event files are read in bounded chunks, and absurd ones refused", "[reliability]") {
  const DateRange range = england_and_wales().supported();
  SECTION("/dev/zero is refused at its first chunk, as binary data") {
    const auto table = read_events_file("/dev/zero", range);
    REQUIRE_FALSE(table.has_value());
    CHECK(contains(table.error().message, "binary data: NUL byte on line 1"));
  }
  SECTION("a file larger than the limit is refused, naming it") {
    const TempDir dir("big");
    std::string text = "case_id,event,date\n";
    while (text.size() < 5000) text += "C1,referral,2021-03-01\n";
    const std::string path = dir.write("big.csv", text);
    const auto refused = read_events_file(path, range, {.carry = std::nullopt, .columns = {}, .date_format = {}, .max_bytes = 4096});
    REQUIRE_FALSE(refused.has_value());
    CHECK(contains(refused.error().message, path));
    CHECK(contains(refused.error().message, "larger than"));
    CHECK(read_events_file(path, range, {.carry = std::nullopt, .columns = {}, .date_format = {}, .max_bytes = 8192}).has_value());
  }
  SECTION("a directory is not a file of events") {
    const auto table = read_events_file(source_dir / "examples", range);
    REQUIRE_FALSE(table.has_value());
    CHECK(contains(table.error().message, "is a directory"));
  }
}

namespace {

// `command` through sh with its address space capped at `megabytes`; stderr in `err`.
Run run_limited(const std::string& command, int megabytes) {
  const TempDir scratch("limited");
  const std::string err = scratch.file("stderr.txt");
  const std::string line = "ulimit -v " + std::to_string(megabytes * 1024) + "; " + command + " 2>" + shell_quoted(err);
  Run run;
  FILE* pipe = popen(line.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::array<char, 4096> buf{};
  std::size_t n = 0;
  while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) run.out.append(buf.data(), n);
  const int status = pclose(pipe);
  run.exited = status != -1 && WIFEXITED(status);
  run.exit_code = run.exited ? WEXITSTATUS(status) : -1;
  run.err = slurp(err);
  return run;
}

}  // namespace

TEST_CASE("reliability 3: out of memory is exit 2 with a message, and reservations follow what was read", "[reliability]") {
  if (!have_cli()) return;
  if (sanitized) {
    SUCCEED("not checked under ASan or TSan: they reserve more address space than the limit allows");
    return;
  }
  const std::string cli = shell_quoted(TIMESCALES_CLI);
  SECTION("a 2 MB file of 70,000 header columns and blank lines evaluates in 1 GB of address space") {
    const TempDir dir("wide");
    std::string text = "case_id,event,date";
    for (int i = 0; i < 70'000; ++i) text += ",c" + std::to_string(i);
    text += "\n";
    text += std::string(2'000'000 - text.size(), '\n');
    const std::string path = dir.write("wide.csv", text);
    const Run run = run_limited(cli + " evaluate " + shell_quoted(path), 1024);
    no_crash(run);
    CHECK(run.exit_code == 2);  // read to the end within the limit; no row, so nothing to evaluate
    CHECK(contains(run.err, "no row could be used (0 read, 0 rejected)"));
  }
  SECTION("an endless pipe, read until memory runs out, is exit 2 with a message") {
    const Run run = run_limited("yes 'C1,referral,2021-03-01' | " + cli + " evaluate /dev/stdin", 400);
    no_crash(run);
    CHECK(run.exit_code == 2);
    CHECK(contains(run.err, "memory"));
  }
}

TEST_CASE("reliability 4: a write that fails (a full disk) is exit 2 naming the file", "[reliability]") {
  if (!have_cli() || !fs::exists("/dev/full")) return;
  const std::string reconcile_args = "reconcile " + shell_quoted((source_dir / "examples/reconcile/events.csv").string()) +
                                     " --rule wales.lac.visit --theirs " +
                                     shell_quoted((source_dir / "examples/reconcile/council-report.csv").string());
  for (const std::string& args :
       {"evaluate " + sample_q + " --out /dev/full", "evaluate " + sample_q + " --out /dev/null --rejected /dev/full",
        "evaluate " + sample_q + " --out /dev/null --findings /dev/full",
        "report " + sample_q + " --measure wales.pm24 --drill-down /dev/full", reconcile_args + " --out /dev/full"}) {
    const Run run = run_cli(args);
    no_crash(run);
    INFO(args << "\n" << run.err);
    CHECK(run.exit_code == 2);
    CHECK(contains(run.err, "cannot write /dev/full"));
  }
  for (const std::string& args : std::vector<std::string>{"evaluate " + sample_q, "evaluate " + sample_q + " --format jsonl",
                                                         "report " + sample_q + " --all", "rules doc", "rules list",
                                                         reconcile_args, "due 2021-01-04 '15 working days'"}) {
    const Run run = run_redirected(args, "2>&1 >/dev/full");
    INFO(args << "\n" << run.out);
    REQUIRE(run.exited);
    CHECK(run.exit_code == 2);
    CHECK(contains(run.out, "cannot write standard output"));
  }
}

TEST_CASE("reliability 5: --as-of outside the calendar's range (1990-01-01 to 2060-12-31) is refused", "[reliability]") {
  if (!have_cli()) return;
  const std::string reconcile_args = "reconcile " + shell_quoted((source_dir / "examples/reconcile/events.csv").string()) +
                                     " --rule wales.lac.visit --theirs " +
                                     shell_quoted((source_dir / "examples/reconcile/council-report.csv").string());
  for (const std::string& command : {"evaluate " + sample_q, "report " + sample_q + " --measure wales.pm24", reconcile_args}) {
    for (const char* date : {"2061-01-01", "1989-12-31"}) {
      const Run run = run_cli(command + " --as-of " + date);
      INFO(command << " --as-of " << date << "\n" << run.err);
      no_crash(run);
      CHECK(run.exit_code == 2);
      CHECK(contains(run.err, "--as-of"));
      CHECK(contains(run.err, "outside the supported range"));
      CHECK(run.out.empty());
    }
  }
  CHECK(run_cli("evaluate " + sample_q + " --as-of 2060-12-31 --summary").exit_code == 0);
}

TEST_CASE("reliability 6: ids follow the documented pattern", "[reliability]") {
  for (const char* good : {"wales.cp.icpc", "local.example.cp.visit.monthly", "x", "A-1.b_2", "council-7.visit"}) {
    CHECK(load::valid_id(good));
  }
  for (const char* bad : {"", "a,b", "a\"b", "a\nb", "a b", ".a", "a.", "a..b", "-a", "a.=b", "a|b", "é", "a.-b"}) {
    INFO(bad);
    CHECK_FALSE(load::valid_id(bad));
  }
  CHECK(load::valid_id(std::string(100, 'a')));
  CHECK_FALSE(load::valid_id(std::string(101, 'a')));

  std::string rule = local_rule();
  rule.replace(rule.find("local.example.cp.visit.monthly"), 30, "local.visit\\nmonthly");
  const auto loaded = load_one(rule);
  REQUIRE_FALSE(loaded.has_value());
  CHECK(contains(diagnostics_text(loaded.error()), "is not a valid id"));
  for (const Diagnostic& d : loaded.error()) CHECK_FALSE(contains(d.message, "\n"));  // the id is never echoed raw

  std::string measure = slurp(source_dir / "rules" / "wales" / "measures" / "pm24.toml");
  measure.replace(measure.find("wales.pm24"), 10, "wales.pm\\\"24");
  const std::vector<SourceFile> files{{"m.toml", measure}};
  const auto measures = load_measures(files, builtin_rulebook());
  REQUIRE_FALSE(measures.has_value());
  CHECK(contains(diagnostics_text(measures.error()), "is not a valid id"));
}

TEST_CASE("reliability 7: an integer beyond 0 to 2^31 - 1 in a rule, measure or calendar file is reported, never truncated", "[reliability]") {
  std::string rule = local_rule();
  rule.replace(rule.find("every = \"1 month\""), 17, "phases = [{ every = \"1 week\", after_occurrence = 4294967297 }, { every = \"1 month\" }]");
  const auto loaded = load_one(rule);
  REQUIRE_FALSE(loaded.has_value());
  CHECK(contains(diagnostics_text(loaded.error()), "'after_occurrence' must be from 0 to 2147483647, not 4294967297"));

  std::string measure = slurp(source_dir / "rules" / "wales" / "measures" / "pm24.toml");
  const auto at = measure.find("numerator = ", measure.find("[measure.example.expect]"));
  if (at != std::string::npos) {
    measure.replace(at, measure.find('\n', at) - at, "numerator = -1");
    const std::vector<SourceFile> files{{"m.toml", measure}};
    const auto measures = load_measures(files, builtin_rulebook());
    REQUIRE_FALSE(measures.has_value());
    CHECK(contains(diagnostics_text(measures.error()), "'numerator' must be from 0 to 2147483647, not -1"));
  }
}

TEST_CASE("reliability 8: an empty, mistyped or rule-less rules path is an error", "[reliability]") {
  const TempDir dir("empty");
  fs::create_directories(dir.path() / "empty");
  const auto empty = read_sources(dir.path() / "empty");
  REQUIRE_FALSE(empty.has_value());
  CHECK(contains(empty.error().message, "holds no .toml file"));
  const auto missing = read_sources(dir.path() / "mistyped");
  REQUIRE_FALSE(missing.has_value());
  CHECK(contains(missing.error().message, "does not exist"));
  const std::string file = dir.write("rules.toml", local_rule());
  const auto not_dir = read_sources(file);
  REQUIRE_FALSE(not_dir.has_value());
  CHECK(contains(not_dir.error().message, "is not a directory"));

  if (!have_cli()) return;
  for (const std::string& path : {dir.file("empty"), dir.file("mistyped"), file}) {
    const Run check = run_cli("rules check " + shell_quoted(path));
    no_crash(check);
    CHECK(check.exit_code == 2);
    CHECK_FALSE(contains(check.err, "0 failing"));
    const Run evaluate = run_cli("evaluate " + sample_q + " --rules " + shell_quoted(path));
    CHECK(evaluate.exit_code == 2);
    CHECK(evaluate.out.empty());
  }
  CHECK(contains(run_cli("rules check " + shell_quoted(file)).err, "is not a directory"));
}

TEST_CASE("reliability 9: output paths that clash with an input or with each other are refused", "[reliability]") {
  if (!have_cli()) return;
  const TempDir dir("clash");
  const std::string original = slurp(sample);
  const std::string events = dir.write("events.csv", original);
  fs::create_hard_link(events, dir.file("link.csv"));
  const std::string q = shell_quoted(events);
  const std::string here = shell_quoted((dir.path() / "." / "out.csv").string());
  const std::string out = shell_quoted(dir.file("out.csv"));
  for (const std::string& args :
       {"evaluate " + q + " --out " + q, "evaluate " + q + " --rejected " + q, "evaluate " + q + " --findings " + q,
        "evaluate " + q + " --out " + shell_quoted(dir.file("link.csv")),
        "evaluate " + q + " --out " + out + " --rejected " + here, "evaluate " + q + " --out " + out + " --findings " + out,
        "report " + q + " --measure wales.pm24 --drill-down " + q, "report " + q + " --measure wales.pm24 --rejected " + q}) {
    const Run run = run_cli(args);
    INFO(args << "\n" << run.err);
    no_crash(run);
    CHECK(run.exit_code == 2);
    CHECK((contains(run.err, "would overwrite the input") || contains(run.err, "name the same file")));
  }
  CHECK(slurp(events) == original);
  CHECK_FALSE(fs::exists(dir.file("out.csv")));
  const std::string theirs = dir.write("theirs.csv", "case_id,completed_date,on_time\n");
  const Run reconcile = run_cli("reconcile " + q + " --rule wales.lac.visit --theirs " + shell_quoted(theirs) + " --out " + shell_quoted(theirs));
  CHECK(reconcile.exit_code == 2);
  CHECK(slurp(theirs) == "case_id,completed_date,on_time\n");
  // Devices are not files: /dev/null may take more than one output.
  CHECK(run_cli("evaluate " + q + " --out /dev/null --rejected /dev/null --findings /dev/null").exit_code == 0);
}

TEST_CASE("reliability 10: reconcile and report count and list the rows they rejected", "[reliability]") {
  if (!have_cli()) return;
  const TempDir dir("rejected");
  const std::string events = (source_dir / "tests" / "bad-input" / "reconcile-rejected.csv").string();
  const std::string theirs = dir.write("theirs.csv", "case_id,completed_date,on_time\n");
  const std::string rejected = dir.file("rejected.csv");
  const Run run = run_cli("reconcile " + shell_quoted(events) + " --rule wales.lac.visit --theirs " + shell_quoted(theirs));
  no_crash(run);
  CHECK(contains(run.err, "events: 3 rows read = 2 used + 1 rejected"));
  CHECK(contains(run.err, "reconcile-rejected.csv:4: date"));
  const Run listed = run_cli("reconcile " + shell_quoted(events) + " --rule wales.lac.visit --theirs " + shell_quoted(theirs) +
                             " --rejected " + shell_quoted(rejected));
  CHECK(contains(listed.err, "written to " + rejected));
  CHECK(lines_of(slurp(rejected)).size() == 2);
  CHECK(slurp(rejected).starts_with("line,case_id,column,reason\n4,C1,date,"));

  fs::remove(rejected);
  const Run report = run_cli("report " + shell_quoted(events) + " --measure wales.lac.visit.statutory --rejected " + shell_quoted(rejected));
  no_crash(report);
  CHECK(report.exit_code == 0);
  CHECK(contains(report.err, "3 rows read = 2 used + 1 rejected"));
  CHECK(slurp(rejected).starts_with("line,case_id,column,reason\n4,C1,date,"));
}

TEST_CASE("reliability: values from the input that a spreadsheet would run as formulas are neutralised in CSV", "[reliability]") {
  const auto csv = [](std::string_view v) {
    std::ostringstream out;
    write_csv_value(out, v);
    return out.str();
  };
  CHECK(csv("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
  CHECK(csv("+1") == "'+1");
  CHECK(csv("-2") == "'-2");
  CHECK(csv("@SUM(A1)") == "'@SUM(A1)");
  CHECK(csv("\tx") == "'\tx");
  CHECK(csv("a=b,c") == "\"a=b,c\"");
  CHECK(csv("C1") == "C1");
  CHECK(csv("") == "");

  if (!have_cli()) return;
  const std::string file = shell_quoted((source_dir / "tests" / "bad-input" / "formula-injection.csv").string());
  const Run run = run_cli("evaluate " + file);
  no_crash(run);
  REQUIRE(run.exit_code == 0);
  const auto rows = lines_of(run.out);
  REQUIRE(rows.size() >= 2);
  CHECK(rows[0].ends_with(",'=team"));
  CHECK(rows[1].starts_with("'=1+2,wales.assessment."));
  CHECK(rows[1].ends_with(",'-2+3"));
  // Our own numbers are not touched; JSON lines are not for spreadsheets and keep the values.
  const Run jsonl = run_cli("evaluate " + file + " --format jsonl");
  CHECK(contains(jsonl.out, "{\"case_id\":\"=1+2\""));
  CHECK(contains(jsonl.out, "\"=team\":\"-2+3\""));
  const TempDir dir("formula");
  const std::string rejected = dir.file("rejected.csv");
  CHECK(run_cli("evaluate " + file + " --rejected " + shell_quoted(rejected)).exit_code == 0);
  CHECK(has_line(slurp(rejected), "3,'@cmd,event,unknown event 'not_an_event'"));
}

TEST_CASE("reliability, smaller: messages and exit codes for paths of the wrong kind, dates and shadowed ids", "[reliability]") {
  if (!have_cli()) return;
  const std::string examples = shell_quoted((source_dir / "examples").string());
  // validate-report reads a directory's .toml files: one with none is unusable.
  const Run validate = run_cli("validate-report " + shell_quoted((source_dir / "examples" / "data").string()));
  no_crash(validate);
  CHECK(validate.exit_code == 2);
  CHECK(contains(validate.err, "holds no .toml file"));
  const Run evaluate = run_cli("evaluate " + examples);
  CHECK(evaluate.exit_code == 2);
  CHECK(contains(evaluate.err, "is a directory"));
  CHECK_FALSE(contains(evaluate.err, "empty"));
  const Run check = run_cli("rules check " + sample_q);
  CHECK(check.exit_code == 2);
  CHECK(contains(check.err, "is not a directory"));

  const TempDir dir("smaller");
  const Run header_only = run_cli("evaluate " + shell_quoted(dir.write("h.csv", "case_id,event,date\n")));
  CHECK(header_only.exit_code == 2);  // no row to evaluate: not a clean run
  CHECK_FALSE(contains(header_only.err, "1970"));
  CHECK(contains(header_only.err, "no row could be used (0 read, 0 rejected)"));

  // A council's definition may not take a built-in measure's id.
  const std::string copy = dir.write("pm24.toml", slurp(source_dir / "rules" / "wales" / "measures" / "pm24.toml"));
  const Run shadow = run_cli("report " + sample_q + " --measure wales.pm24 --definition " + shell_quoted(copy));
  no_crash(shadow);
  CHECK(shadow.exit_code == 2);
  CHECK(contains(shadow.err, "measure id 'wales.pm24' is already a built-in measure"));
  const Run warned = run_cli("validate-report " + shell_quoted(dir.write("council.toml", "# a council's copy\n" + slurp(copy))));
  CHECK(warned.exit_code == 0);
  CHECK(contains(warned.err, "wales.pm24 is the id of a built-in measure"));
  const Run builtin = run_cli("validate-report " + shell_quoted((source_dir / "rules" / "wales" / "measures" / "pm24.toml").string()));
  CHECK(builtin.exit_code == 0);
  CHECK_FALSE(contains(builtin.err, "is the id of a built-in measure"));
}

TEST_CASE("reliability, privacy: --carry chooses the extra columns copied into every output row", "[reliability]") {
  const DateRange range = england_and_wales().supported();
  const std::string text = "case_id,event,date,team,worker,notes\nC1,referral,2021-03-01,North,W1,private note\n";
  SECTION("the reader keeps only the columns named, in file order") {
    const auto table = read_events_csv(text, "e.csv", range, {.carry = std::vector<std::string>{"notes", "team"}, .columns = {}, .date_format = {}});
    REQUIRE(table.has_value());
    CHECK(table->carried_columns() == std::vector<std::string>{"team", "notes"});
    CHECK(table->rows_read() == 1);
    CHECK(table->events().size() == 1);
    const auto none = read_events_csv(text, "e.csv", range, {.carry = std::vector<std::string>{}, .columns = {}, .date_format = {}});
    REQUIRE(none.has_value());
    CHECK(none->carried_columns().empty());
    const auto all = read_events_csv(text, "e.csv", range);
    REQUIRE(all.has_value());
    CHECK(all->carried_columns().size() == 3);
  }
  SECTION("a column the header does not have, or an event column, is an error") {
    for (const char* name : {"tema", "date"}) {
      const auto table = read_events_csv(text, "e.csv", range, {.carry = std::vector<std::string>{name}, .columns = {}, .date_format = {}});
      REQUIRE_FALSE(table.has_value());
      CHECK(contains(table.error().message, "e.csv:1: no column"));
    }
  }
  if (!have_cli()) return;
  const TempDir dir("carry");
  const std::string events = shell_quoted(dir.write("e.csv", text));
  const Run team = run_cli("evaluate " + events + " --carry team");
  REQUIRE(team.exit_code == 0);
  CHECK(lines_of(team.out)[0].ends_with(",working_days_late,confidence,team"));
  CHECK_FALSE(contains(team.out, "private note"));
  const Run none = run_cli("evaluate " + events + " --carry '' --format jsonl");
  REQUIRE(none.exit_code == 0);
  CHECK_FALSE(contains(none.out, "North"));
  CHECK_FALSE(contains(none.out, "private note"));
  const Run wrong = run_cli("evaluate " + events + " --carry tema");
  CHECK(wrong.exit_code == 2);
  CHECK(contains(wrong.err, "no column 'tema' to carry"));
  CHECK(run_cli("report " + events + " --measure wales.pm24 --by team --carry team").exit_code == 0);
}

TEST_CASE("reliability 6: Markdown table cells escape what would end a cell or a row", "[reliability]") {
  CHECK(markdown_cell("North | South") == "North \\| South");
  CHECK(markdown_cell("a\\b") == "a\\\\b");
  CHECK(markdown_cell("two\nlines\r") == "two lines ");
  CHECK(markdown_cell("plain") == "plain");
  CHECK(markdown_cell("<script>x</script>") == "&lt;script>x&lt;/script>");  // no HTML reaches a rendered page
  if (!have_cli()) return;
  const TempDir dir("markdown");
  const std::string events = shell_quoted(dir.write("e.csv",
                                                    "case_id,event,date,team\n"
                                                    "C1,referral,2019-05-01,\"North | South\"\n"
                                                    "C1,assessment_completed,2019-05-20,\"North | South\"\n"));
  const Run run = run_cli("report " + events + " --measure wales.pm24 --by team --format markdown");
  REQUIRE(run.exit_code == 0);
  CHECK(contains(run.out, "| North \\| South |"));
  for (const std::string& line : lines_of(run.out)) {
    if (contains(line, "North")) CHECK(std::ranges::count(line, '|') - 1 == 8);  // seven cells, one escaped bar
  }
}
