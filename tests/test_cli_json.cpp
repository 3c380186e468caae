// `--format json` across the tool, the problems of `rules check` and `validate-report` as text and
// JSON, and the CI recipe of docs/ci.md: its problem matcher applied to what the tool prints, and
// the workflow in the doc the same as the one in examples/ci. (Every command's JSON is parsed by
// a real JSON parser in bindings/python/tests/test_cli_json.py.)
#include <algorithm>
#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "support.hpp"

namespace {

namespace fs = std::filesystem;
using namespace timescales::testing;  // cli_support.hpp, support.hpp

const fs::path source = TIMESCALES_SOURCE_DIR;

std::vector<std::string> lines_in(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', start)) {
    out.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  if (start < text.size()) out.push_back(text.substr(start));
  return out;
}

// The 1-based line of the first occurrence of `what` in `text`.
int line_of(const std::string& text, const std::string& what) {
  const auto at = text.find(what);
  REQUIRE(at != std::string::npos);
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
}


// A copy of rules/local with `every` misspelt in its first rule: returns the directory's path and
// the line of the misspelt key.
std::pair<std::string, int> broken_local(const TempDir& dir) {
  fs::copy(source / "rules" / "local", dir.path() / "local", fs::copy_options::recursive);
  const fs::path file = dir.path() / "local" / "example.toml";
  std::string text = slurp(file);
  const std::string from = "every = \"1 month\"";
  const int line = line_of(text, from);
  text.replace(text.find(from), from.size(), "evry = \"1 month\"");
  dir.write("local/example.toml", text);
  return {(dir.path() / "local").string(), line};
}

// The regular expression of examples/ci/timescales-problem-matcher.json, its JSON escapes undone
// (the file escapes only backslashes).
std::string matcher_regexp() {
  const std::string json = slurp(source / "examples" / "ci" / "timescales-problem-matcher.json");
  const std::string key = "\"regexp\": \"";
  const auto at = json.find(key);
  REQUIRE(at != std::string::npos);
  std::string out;
  for (std::size_t i = at + key.size(); i < json.size() && json[i] != '"'; ++i) {
    if (json[i] == '\\') ++i;
    out += json[i];
  }
  return out;
}

struct Match {
  std::string file, line, column, severity, message;
};

// The lines of `text` the problem matcher takes, as it reads them (groups 1 to 5: file, line,
// column, severity, message).
std::vector<Match> matched(const std::string& text) {
  const std::regex pattern(matcher_regexp(), std::regex::ECMAScript);
  std::vector<Match> out;
  for (const std::string& l : lines_in(text)) {
    std::smatch m;
    if (std::regex_match(l, m, pattern)) out.push_back({m[1], m[2], m[3], m[4], m[5]});
  }
  return out;
}

// The ```yaml or ```json block of docs/ci.md that begins with `first_line`.
std::string doc_block(const std::string& fence, const std::string& first_line) {
  const std::string doc = slurp(source / "docs" / "ci.md");
  const auto at = doc.find("```" + fence + "\n" + first_line);
  REQUIRE(at != std::string::npos);
  const auto start = at + fence.size() + 4;
  const auto end = doc.find("\n```\n", start);
  REQUIRE(end != std::string::npos);
  return doc.substr(start, end + 1 - start);
}

}  // namespace

TEST_CASE("cli rules check: problems as FILE:LINE:COLUMN: error: MESSAGE, or as JSON", "[cli][json]") {
  if (!have_cli()) return;
  const TempDir dir("json-check");
  const auto [local, line] = broken_local(dir);
  const std::string file = local + "/example.toml";
  // The loader names the rule, the unknown key and the nearest known one, at the key's first column.
  const std::string message = "rule local.example.cp.visit.monthly: unknown key 'evry' (did you mean 'every'?)";

  const Run text = run_cli("rules check " + shell_quoted(local));
  CHECK(text.exit_code == 1);
  CHECK(text.out.empty());
  CHECK(contains(text.err, file + ":" + std::to_string(line) + ":1: error: " + message + "\n"));

  const Run json = run_cli("rules check " + shell_quoted(local) + " --format json");
  CHECK(json.exit_code == 1);  // the same exit code as in text
  CHECK(json.err.empty());
  CHECK(json.out.starts_with("{\"command\":\"rules check\",\n\"problems\":[\n"));
  CHECK(contains(json.out, "{\"file\":\"" + file + "\",\"line\":" + std::to_string(line) +
                               ",\"column\":1,\"severity\":\"error\",\"code\":null,\"message\":\"" + message + "\"}"));
  CHECK(contains(json.out, "\"summary\":{\"errors\":"));

  // A clean directory: no problems, and its counts (rules/local: 3 rules, 1 measure, 3 rule
  // examples and 1 measure example, as test_cli_local.cpp counts them).
  const Run clean = run_cli("rules check " + shell_quoted((source / "rules" / "local").string()) + " --format json");
  CHECK(clean.exit_code == 0);
  CHECK(clean.out == "{\"command\":\"rules check\",\n\"problems\":[],\n\"summary\":{\"errors\":0,\"warnings\":0,"
                     "\"rules\":3,\"measures\":1,\"examples\":4,\"failing\":0},\n\"notes\":[]}\n");

  // A directory that is not there: exit 2, and in JSON a problem with the code "unusable".
  const Run absent = run_cli("rules check " + shell_quoted(dir.file("absent")) + " --format json");
  CHECK(absent.exit_code == 2);
  CHECK(contains(absent.out, "{\"file\":\"" + dir.file("absent") + "\",\"line\":null,\"column\":null,"
                             "\"severity\":\"error\",\"code\":\"unusable\",\"message\":"));
}

TEST_CASE("cli validate-report: problems, warnings and the summary as JSON", "[cli][json]") {
  if (!have_cli()) return;
  const TempDir dir("json-validate");
  // The example expects a numerator of 2 where its events give 1 (see measure_definition() in cli_support.hpp).
  const std::string wrong = dir.write("wrong.toml", measure_definition("wales.assessment.part3", "{ numerator = 2, denominator = 2 }"));
  const Run text = run_cli("validate-report " + shell_quoted(wrong));
  CHECK(text.exit_code == 1);
  const std::string message = "council.assessments example 'One in time, one late' does not hold: numerator: expected 2, got 1";
  CHECK(contains(text.err, wrong + ":17: error: " + message + "\n"));

  const Run json = run_cli("validate-report " + shell_quoted(wrong) + " --format json");
  CHECK(json.exit_code == 1);
  CHECK(json.out == "{\"command\":\"validate-report\",\n\"problems\":[\n{\"file\":\"" + wrong +
                        "\",\"line\":17,\"column\":null,\"severity\":\"error\",\"code\":\"example\",\"message\":\"" + message +
                        "\"}\n],\n\"summary\":{\"errors\":1,\"warnings\":0,\"files\":1,\"measures\":1,\"targets\":0,"
                        "\"examples\":1,\"failing\":1},\n\"notes\":[]}\n");

  // A measure without a worked example is a warning at the measure's line (1), not a failure.
  std::string bare = measure_definition("wales.assessment.part3", "{ numerator = 1, denominator = 2 }");
  bare = bare.substr(0, bare.find("[[measure.example]]"));
  const std::string no_example = dir.write("bare.toml", bare);
  const Run warned = run_cli("validate-report " + shell_quoted(no_example) + " --format json");
  CHECK(warned.exit_code == 0);
  CHECK(contains(warned.out, "{\"file\":\"" + no_example + "\",\"line\":1,\"column\":null,\"severity\":\"warning\","
                                 "\"code\":\"no-example\",\"message\":\"council.assessments has no worked example\"}"));
  CHECK(contains(warned.out, "\"summary\":{\"errors\":0,\"warnings\":1,"));
  const Run warned_text = run_cli("validate-report " + shell_quoted(no_example));
  CHECK(contains(warned_text.err, no_example + ":1: warning: council.assessments has no worked example\n"));
  // --local takes one directory, so the files after it are the definitions (as the CI recipe and
  // the pre-commit hook give them): the council's measure with its rules is clean.
  const std::string local = (source / "rules" / "local").string();
  const Run with_local = run_cli("validate-report --local " + shell_quoted(local) + " " +
                                 shell_quoted(local + "/measures/assessments.toml") + " --format json");
  CHECK(with_local.exit_code == 0);
  CHECK(contains(with_local.out, "\"summary\":{\"errors\":0,\"warnings\":0,\"files\":1,\"measures\":1,\"targets\":1,"
                                 "\"examples\":1,\"failing\":0}"));
}

TEST_CASE("examples/ci: the problem matcher finds file, line, column, severity and message", "[cli][ci]") {
  if (!have_cli()) return;
  const TempDir dir("matcher");
  const auto [local, line] = broken_local(dir);
  const Run rules = run_cli("rules check " + shell_quoted(local));
  const std::vector<Match> found = matched(rules.err);
  // The misspelt key, and the rule it leaves without 'every' (at the rule's [[rule]] line).
  const auto misspelt_key = std::ranges::find_if(found, [](const Match& m) { return contains(m.message, "'evry'"); });
  REQUIRE(misspelt_key != found.end());
  CHECK(misspelt_key->file == local + "/example.toml");
  CHECK(misspelt_key->line == std::to_string(line));
  CHECK(misspelt_key->column == "1");
  CHECK(misspelt_key->severity == "error");
  CHECK(misspelt_key->message == "rule local.example.cp.visit.monthly: unknown key 'evry' (did you mean 'every'?)");
  // Only problem lines are taken: not the summary ("the rules in DIR have N problems").
  CHECK(found.size() == 2);
  for (const Match& m : found) CHECK(m.file == local + "/example.toml");

  // A report definition with a misspelt rule (line 5) and one whose example does not hold (line
  // 17, no column): two files, one run, as the workflow runs it on a directory.
  fs::create_directories(dir.path() / "reports");
  const std::string misspelt = dir.write("reports/a.toml", measure_definition("wales.assesment.part3", "{ numerator = 1, denominator = 2 }"));
  const std::string wrong = dir.write("reports/b.toml", measure_definition("wales.assessment.part3", "{ numerator = 2, denominator = 2 }"));
  const Run reports = run_cli("validate-report " + shell_quoted(dir.file("reports")));
  CHECK(reports.exit_code == 1);
  const std::vector<Match> in_reports = matched(reports.err);
  REQUIRE(in_reports.size() == 2);
  CHECK(in_reports[0].file == misspelt);
  CHECK(in_reports[0].line == "5");
  CHECK(in_reports[0].severity == "error");
  CHECK(contains(in_reports[0].message, "unknown rule 'wales.assesment.part3' (did you mean 'wales.assessment.part3'?)"));
  CHECK(in_reports[1].file == wrong);
  CHECK(in_reports[1].line == "17");
  CHECK(in_reports[1].column.empty());
  CHECK(in_reports[1].severity == "error");
  CHECK(in_reports[1].message ==
        "council.assessments example 'One in time, one late' does not hold: numerator: expected 2, got 1");
}

TEST_CASE("docs/ci.md shows the workflow and the problem matcher of examples/ci as they are", "[docs][ci]") {
  CHECK(doc_block("yaml", "# A council's repository") == slurp(source / "examples" / "ci" / "timescales.yml"));
  CHECK(doc_block("json", "{\n  \"problemMatcher\"") ==
        slurp(source / "examples" / "ci" / "timescales-problem-matcher.json"));
  // The workflow runs the two checks on the council's directories, with the matcher added first.
  const std::string workflow = slurp(source / "examples" / "ci" / "timescales.yml");
  const auto matcher = workflow.find("::add-matcher::.timescales/examples/ci/timescales-problem-matcher.json");
  CHECK(matcher != std::string::npos);
  CHECK(workflow.find("timescales rules check local") > matcher);
  CHECK(workflow.find("timescales validate-report --local local reports") > matcher);
  // The pre-commit hooks run the same commands.
  const std::string hooks = slurp(source / ".pre-commit-hooks.yaml");
  CHECK(contains(hooks, "entry: timescales rules check\n"));
  CHECK(contains(hooks, "entry: timescales validate-report\n"));
}

TEST_CASE("cli due --format json: the deadline, the days counted and the holidays skipped", "[cli][json]") {
  if (!have_cli()) return;
  // Fri 2019-12-20 + 15 working days: the weekdays from Mon 23 Dec, leaving out Christmas Day,
  // Boxing Day and New Year's Day (bank holidays in England and Wales), end on Wed 15 Jan 2020.
  const Run run = stdout_of("due 2019-12-20 '15 working days' --format json");
  CHECK(run.exit_code == 0);
  CHECK(run.out ==
        "{\"date\":\"2019-12-20\",\"period\":\"15 working days\",\"calendar\":\"england-and-wales\","
        "\"deadline\":\"2020-01-15\",\"month_end_clamped\":false,\"working_days_counted\":[\"2019-12-23\","
        "\"2019-12-24\",\"2019-12-27\",\"2019-12-30\",\"2019-12-31\",\"2020-01-02\",\"2020-01-03\",\"2020-01-06\","
        "\"2020-01-07\",\"2020-01-08\",\"2020-01-09\",\"2020-01-10\",\"2020-01-13\",\"2020-01-14\",\"2020-01-15\"],"
        "\"bank_holidays_skipped\":[{\"date\":\"2019-12-25\",\"name\":\"Christmas Day\"},{\"date\":\"2019-12-26\","
        "\"name\":\"Boxing Day\"},{\"date\":\"2020-01-01\",\"name\":\"New Year's Day\"}],\"explanation\":null}\n");
  // 30 Nov 2019 + 3 months: 30 Feb does not exist, so the last day of February (C4).
  const Run clamped = stdout_of("due 2019-11-30 '3 months' --format json --explain");
  CHECK(contains(clamped.out, "\"deadline\":\"2020-02-29\",\"month_end_clamped\":true,\"working_days_counted\":[],"
                              "\"bank_holidays_skipped\":[],\"explanation\":\""));
}

TEST_CASE("cli --format json is one array of the objects --format jsonl writes a line each", "[cli][json]") {
  if (!have_cli()) return;
  const TempDir dir("json-array");
  // Two children; a quote, a backslash and a tab in a carried column are escaped in both forms.
  const std::string events = dir.write("events.csv",
                                       "case_id,event,date,team\n"
                                       "A,referral,2021-04-29,\"North \"\"A\"\" \\ \t\"\n"
                                       "B,referral,2021-05-03,South\n"
                                       "B,assessment_completed,2021-05-20,South\n");
  const auto as_array = [](const std::string& jsonl) {
    std::string out = "[";
    bool first = true;
    for (const std::string& l : lines_in(jsonl)) {
      out += (first ? "\n" : ",\n") + l;
      first = false;
    }
    return out + (first ? "]\n" : "\n]\n");
  };
  for (const std::string command : {"evaluate", "worklist --as-of 2021-05-10"}) {
    INFO(command);
    const Run jsonl = stdout_of(command + " " + shell_quoted(events) + " --format jsonl");
    const Run json = stdout_of(command + " " + shell_quoted(events) + " --format json");
    CHECK(jsonl.exit_code == 0);
    CHECK(json.exit_code == 0);
    CHECK_FALSE(jsonl.out.empty());
    CHECK(json.out == as_array(jsonl.out));
    // The carried value: "North \"A\" \\ \t" escaped as JSON says.
    CHECK(contains(json.out, "\"team\":\"North \\\"A\\\" \\\\ \\t\""));
  }
  // On a day before every event no event is used (C9), so nothing is open: an empty array, not nothing.
  const Run none = stdout_of("worklist " + shell_quoted(events) + " --as-of 2021-04-01 --format json");
  CHECK(none.out == "[]\n");
}

TEST_CASE("cli rules list, report --list, reconcile and version as JSON", "[cli][json]") {
  if (!have_cli()) return;
  // rules list: as many objects as lines of text, each starting with its id.
  const Run text = stdout_of("rules list");
  const Run json = stdout_of("rules list --format json");
  CHECK(json.exit_code == 0);
  const std::vector<std::string> rules = lines_in(text.out);
  REQUIRE_FALSE(rules.empty());
  CHECK(json.out.starts_with("[\n{\"id\":\"" + rules[0].substr(0, rules[0].find('\t')) + "\",\"title\":"));
  // "[", an object a line, "]": two lines more than the text's.
  CHECK(static_cast<std::size_t>(std::count(json.out.begin(), json.out.end(), '\n')) == rules.size() + 2);
  CHECK(contains(json.out, "\"standard\":\"statutory\",\"confidence\":\"confirmed\",\"citation\":"));

  // report --list: wales.pm24 with its keys; a measure without a target has null.
  const Run measures = stdout_of("report --list --format json");
  CHECK(measures.exit_code == 0);
  CHECK(contains(measures.out, "{\"id\":\"wales.pm24\",\"title\":"));
  CHECK(contains(measures.out, "\"target\":null}"));

  // reconcile: the disagreement of docs' example, keyed by the CSV's columns.
  const std::string dir = (source / "examples" / "reconcile").string();
  const Run csv = stdout_of("reconcile " + shell_quoted(dir + "/events.csv") + " --rule wales.lac.visit --theirs " +
                            shell_quoted(dir + "/council-report.csv"));
  const Run as_json = stdout_of("reconcile " + shell_quoted(dir + "/events.csv") + " --rule wales.lac.visit --theirs " +
                                shell_quoted(dir + "/council-report.csv") + " --format json");
  CHECK(as_json.exit_code == csv.exit_code);
  const std::vector<std::string> rows = lines_in(csv.out);
  REQUIRE(rows.size() >= 2);
  CHECK(rows[0] == "case_id,completed_date,theirs,ours,due_date,reason");
  // As many objects as CSV rows (the header aside), each with the six keys in the CSV's order.
  const std::regex object(R"re(\{"case_id":"[^"]*","completed_date":"\d{4}-\d{2}-\d{2}","theirs":"(on_time|late|absent)","ours":"(on_time|late|absent)","due_date":("\d{4}-\d{2}-\d{2}"|null),"reason":".*"\},?)re");
  std::size_t objects = 0;
  for (const std::string& l : lines_in(as_json.out)) {
    if (l == "[" || l == "]") continue;
    INFO(l);
    CHECK(std::regex_match(l, object));
    ++objects;
  }
  CHECK(objects == rows.size() - 1);

  const Run version = stdout_of("version --format json");
  CHECK(std::regex_match(version.out, std::regex(R"(\{"version":"[0-9]+\.[0-9]+\.[0-9]+"\}\n)")));
}
