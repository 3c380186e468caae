// A council's rules layered on the statutory ones (C12) through the tool: --local DIR adds its
// rules, measures and settings in the same run; --rules DIR takes only a whole rulebook (one that
// declares its jurisdiction); a file that names another jurisdiction is refused.
#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "support.hpp"

namespace {

namespace fs = std::filesystem;
using namespace timescales::testing;  // cli_support.hpp, support.hpp

const fs::path source = fs::path(TIMESCALES_SOURCE_DIR);
const std::string sample_events = shell_quoted((source / "examples" / "data" / "sample-events.csv").string());
const std::string local_rules = shell_quoted((source / "rules" / "local").string());

// The rule ids in the second column of an obligations CSV.
std::set<std::string> rule_ids(const std::string& csv) {
  std::set<std::string> ids;
  for (const std::string& line : lines_of(csv)) {
    const auto first = line.find(',');
    if (first == std::string::npos || line.starts_with("case_id,")) continue;
    ids.insert(line.substr(first + 1, line.find(',', first + 1) - first - 1));
  }
  return ids;
}

bool any_starting(const std::set<std::string>& ids, std::string_view prefix) {
  for (const std::string& id : ids) {
    if (id.starts_with(prefix)) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("cli --local: the council's obligations and the statutory ones in one run", "[cli][C12]") {
  if (!have_cli()) return;
  const Run statutory = run_cli("evaluate " + sample_events);
  const Run layered = run_cli("evaluate " + sample_events + " --local " + local_rules);
  INFO(layered.err);
  REQUIRE(statutory.exit_code == 0);
  REQUIRE(layered.exit_code == 0);
  const std::set<std::string> before = rule_ids(statutory.out), after = rule_ids(layered.out);
  CHECK_FALSE(any_starting(before, "local."));
  CHECK(after.contains("local.example.assessment.proportionate"));
  CHECK(after.contains("wales.assessment.part3"));
  // Layering adds the council's obligations and takes none of the statutory ones away.
  std::size_t statutory_rows = 0, local_rows = 0;
  for (const std::string& line : lines_of(layered.out)) {
    if (line.find(",local.") != std::string::npos) ++local_rows;
    else if (line.find(",wales.") != std::string::npos) ++statutory_rows;
  }
  CHECK(statutory_rows + 1 == lines_of(statutory.out).size());  // the header
  CHECK(local_rows > 0);
}

TEST_CASE("cli --local: a council's measure over its local rule is reported", "[cli][C12]") {
  if (!have_cli()) return;
  const std::string measure = " --measure local.example.assessment.proportionate.timeliness";
  const Run without = run_cli("report " + sample_events + measure);
  CHECK(without.exit_code == 2);
  CHECK(contains(without.err, "unknown measure 'local.example.assessment.proportionate.timeliness'"));

  const Run with = run_cli("report " + sample_events + measure + " --measure wales.pm24 --local " + local_rules);
  INFO(with.err);
  REQUIRE(with.exit_code == 0);
  CHECK(contains(with.out, "\nlocal.example.assessment.proportionate.timeliness,2019-04-01,2020-03-31,all,"));
  CHECK(contains(with.out, "\nwales.pm24,2019-04-01,2020-03-31,all,"));
}

TEST_CASE("cli rules check: a council's directory runs its rules' and its measures' examples", "[cli][C12]") {
  if (!have_cli()) return;
  const Run clean = stderr_of("rules check " + local_rules);
  INFO(clean.out);
  CHECK(clean.exit_code == 0);
  CHECK(contains(clean.out, "3 rules, 1 measures, 4 examples, 0 failing"));

  // A measure example that does not hold is a finding, named by file and line.
  const TempDir dir("local-measure");
  fs::copy(source / "rules" / "local", dir.path(), fs::copy_options::recursive);
  std::string text = slurp(dir.path() / "measures" / "assessments.toml");
  const std::string from = "expect = { numerator = 1, denominator = 2 }";
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), "expect = { numerator = 2, denominator = 2 }");
  dir.write("measures/assessments.toml", text);
  const Run wrong = stderr_of("rules check " + shell_quoted(dir.path().string()));
  INFO(wrong.out);
  CHECK(wrong.exit_code == 1);
  CHECK(contains(wrong.out, "/measures/assessments.toml:24: error: local.example.assessment.proportionate.timeliness example"));
  CHECK(contains(wrong.out, "numerator: expected 2, got 1"));
  CHECK(contains(wrong.out, "1 failing"));
}

TEST_CASE("cli validate-report: a council's measure file is judged with its rules (--local)", "[cli][C12]") {
  if (!have_cli()) return;
  const std::string file = shell_quoted((source / "rules" / "local" / "measures" / "assessments.toml").string());
  const Run with = stderr_of("validate-report " + file + " --local " + local_rules);
  INFO(with.out);
  CHECK(with.exit_code == 0);
  CHECK(contains(with.out, "1 measures, 1 targets, 1 examples, 0 failing"));  // its target checked too
  // Without its rules the local rule it counts is unknown; the message says how to give them.
  const Run without = stderr_of("validate-report " + file);
  INFO(without.out);
  CHECK(without.exit_code == 1);
  CHECK(contains(without.out, "unknown rule 'local.example.assessment.proportionate'"));
  CHECK(contains(without.out, "give its directory with --local DIR"));
}

TEST_CASE("cli validate-report judges a definition as report and dashboard --definition do", "[cli][C12]") {
  if (!have_cli()) return;
  const TempDir dir("definitions");
  // A second target for the layer's measure: one target a measure, wherever it is set.
  const std::string second = dir.write("targets.toml",
                                       "[[target]]\nmeasure = \"local.example.assessment.proportionate.timeliness\"\n"
                                       "value = 50\nset_by = \"board\"\n");
  const Run twice = stderr_of("validate-report " + shell_quoted(second) + " --local " + local_rules);
  INFO(twice.out);
  CHECK(twice.exit_code == 1);
  CHECK(contains(twice.out, second + ":1:1: error: measure local.example.assessment.proportionate.timeliness already has "
                                     "a target (" + (source / "rules" / "local" / "measures" / "assessments.toml").string() + ":41)"));
  CHECK(run_cli("dashboard " + sample_events + " --local " + local_rules + " --definition " + shell_quoted(second) +
                " --out " + shell_quoted((dir.path() / "d.html").string())).exit_code == 2);
  // An exact copy of the layer's measure file is a definition too, its ids taken: warned, as
  // report --definition refuses it (the text alone does not make it the layer's own file).
  const std::string measures = slurp(source / "rules" / "local" / "measures" / "assessments.toml");
  const std::string copy = dir.write("copy.toml", measures);
  const Run copied = stderr_of("validate-report " + shell_quoted(copy) + " --local " + local_rules);
  INFO(copied.out);
  CHECK(copied.exit_code == 1);
  CHECK(contains(copied.out, copy + ":41:1: error: measure local.example.assessment.proportionate.timeliness already has a target"));
  const std::string untargeted = dir.write("untargeted.toml", measures.substr(0, measures.find("[[target]]")));
  const Run shadowing = stderr_of("validate-report " + shell_quoted(untargeted) + " --local " + local_rules);
  INFO(shadowing.out);
  CHECK(contains(shadowing.out, "local.example.assessment.proportionate.timeliness is the id of a measure of the rules; "
                                "'report --definition' refuses it"));
  // The layer's own file, named as itself, is the rules' and judged so (as before).
  CHECK(stderr_of("validate-report " + shell_quoted((source / "rules" / "local" / "measures" / "assessments.toml").string()) +
                  " --local " + local_rules).exit_code == 0);
}

TEST_CASE("cli --rules takes a whole rulebook only, and a council's directory is --local", "[cli][C12]") {
  if (!have_cli()) return;
  const Run refused = run_cli("evaluate " + sample_events + " --rules " + local_rules);
  CHECK(refused.exit_code == 2);
  CHECK(contains(refused.err, "declares no jurisdiction, so it is not a whole rulebook"));
  CHECK(contains(refused.err, "use --local "));
  CHECK(refused.out.empty());

  // The project's rules/ declares Wales: it is a whole rulebook, its local example included.
  const Run whole = run_cli("evaluate " + sample_events + " --rules " + shell_quoted((source / "rules").string()));
  CHECK(whole.exit_code == 0);
  CHECK(rule_ids(whole.out).contains("local.example.assessment.proportionate"));
}

TEST_CASE("cli --local: a file that names another jurisdiction is refused at its line", "[cli][C12]") {
  if (!have_cli()) return;
  const TempDir dir("other-jurisdiction");
  std::string text = slurp(source / "rules" / "local" / "example.toml");
  const std::string from = "jurisdiction = \"wales\"";
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), "jurisdiction = \"scotland\"");
  dir.write("example.toml", text);
  const Run r = run_cli("evaluate " + sample_events + " --local " + shell_quoted(dir.path().string()));
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, dir.path().string() + "/example.toml:7:16: this file belongs to jurisdiction 'scotland', "
                                              "but these rules are for 'wales' (declared at wales/jurisdiction.toml:"));
  CHECK(r.out.empty());
}

TEST_CASE("cli --local: a council's [settings] move the date the Wales Safeguarding Procedures govern from",
          "[cli][C10][C12]") {
  if (!have_cli()) return;
  // A child registered on Mon 3 Feb 2020. By default the 2008 procedures still govern (wsp_switch
  // 2020-04-01): visits every 6 weeks (probable), due Mon 16 Mar. A council whose region adopted
  // the Wales Safeguarding Procedures on 6 Jan 2020 says so in its layer; then the procedures'
  // duties apply from registration: a visit at home within 4 weeks, due Mon 2 Mar.
  const TempDir dir("settings");
  const std::string events = dir.write("events.csv", "case_id,event,date\nC1,cp_registered,2020-02-03\n");
  const TempDir layer("settings-layer");
  layer.write("settings.toml", "[settings]\nwsp_switch = 2020-01-06\n");
  const std::string args = "evaluate " + shell_quoted(events) + " --as-of 2020-03-31";

  const Run national = run_cli(args);
  REQUIRE(national.exit_code == 0);
  CHECK(contains(national.out, "\nC1,wales.cp.visit,statutory,1,cp_registered,2020-02-03,2020-03-16,"));
  CHECK_FALSE(contains(national.out, "wales.cp.visit.at_home"));

  const Run council = run_cli(args + " --local " + shell_quoted(layer.path().string()));
  INFO(council.err);
  REQUIRE(council.exit_code == 0);
  CHECK(contains(council.out, "\nC1,wales.cp.visit.at_home,statutory,1,cp_registered,2020-02-03,2020-03-02,"));
  CHECK_FALSE(contains(council.out, ",wales.cp.visit,"));

  // Before the procedures were published (11 Nov 2019) is refused.
  layer.write("settings.toml", "[settings]\nwsp_switch = 2019-11-10\n");
  const Run early = run_cli(args + " --local " + shell_quoted(layer.path().string()));
  CHECK(early.exit_code == 2);
  CHECK(contains(early.err, "settings.toml:2:14: settings: setting wsp_switch cannot be before 2019-11-11"));
}

TEST_CASE("cli --local twice: layers stack in order, and an id is defined once", "[cli][C12]") {
  if (!have_cli()) return;
  const TempDir second("second-layer");
  fs::copy_file(source / "rules" / "local" / "example.toml", second.path() / "example.toml");
  const Run twice = run_cli("evaluate " + sample_events + " --local " + local_rules + " --local " +
                            shell_quoted(second.path().string()));
  CHECK(twice.exit_code == 2);
  CHECK(contains(twice.err, "local.example.cp.visit.monthly"));
}

TEST_CASE("cli --local: a layer makes no law: no rule under a statutory id, none claiming the statutory standard", "[cli][C12]") {
  if (!have_cli()) return;
  const std::string example = slurp(source / "rules" / "local" / "example.toml");
  const auto edited = [&](std::string_view from, std::string_view to) {
    std::string text = example;
    const auto at = text.rfind(from);  // in the last rule, [[rule]] at line 93
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    return text;
  };
  // A council's rule taking the statutory rule's id, as a version the statutory ones do not cover
  // (before the 2014 Act's assessment came into force): a version slipped in beside the law.
  const TempDir slipped("statutory-id");
  slipped.write("example.toml", edited("id = \"local.example.assessment.proportionate\"", "id = \"wales.assessment.part3\""));
  // (It no longer names itself as the rule it tightens, which is another error.)
  std::string text = slurp(slipped.path() / "example.toml");
  text.replace(text.rfind("wales.assessment.part3\"\n"), 22, "wales.assessment.initial");
  slipped.write("example.toml", text);
  const Run r = run_cli("rules check " + shell_quoted(slipped.path().string()));
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, slipped.path().string() + "/example.toml:93:1: error: rule wales.assessment.part3 is defined by the "
                                                  "rules beneath this layer (wales/assessment.toml:"));
  CHECK_FALSE(contains(r.err, "overlaps"));  // not reported again as a version
  CHECK(run_cli("evaluate " + sample_events + " --local " + shell_quoted(slipped.path().string())).exit_code == 2);
  // A council's rule claiming the statutory standard (C12: local standards are never law).
  const TempDir claimed("statutory-standard");
  claimed.write("example.toml", edited("standard = \"local\"\nlocal_standard_for = \"wales.assessment.part3\"",
                                       "standard = \"statutory\""));
  const Run c = run_cli("rules check " + shell_quoted(claimed.path().string()));
  CHECK(c.exit_code == 1);
  CHECK(contains(c.err, claimed.path().string() + "/example.toml:93:1: error: rule local.example.assessment.proportionate: "
                                                  "a council's layer holds local standards, not statutory rules (C12)"));
}

TEST_CASE("cli rules check: one problem is one line, even when its hint quotes a text that runs over lines", "[cli][C12]") {
  // docs/ci.md: a problem matcher reads FILE:LINE:COLUMN: SEVERITY: MESSAGE a line at a time. The
  // WSP switch's summary, quoted in the hint of a date set too early, is written over lines.
  if (!have_cli()) return;
  const TempDir dir("early-switch");
  const std::string text = slurp(source / "rules" / "local" / "example.toml") + "\n[settings]\nwsp_switch = 2019-01-01\n";
  dir.write("example.toml", text);
  const Run r = run_cli("rules check " + shell_quoted(dir.path().string()));
  CHECK(r.exit_code == 1);
  const std::vector<std::string> lines = lines_of(r.err);
  REQUIRE(lines.size() == 2);  // the problem, then the count
  CHECK(lines[0].starts_with(dir.path().string() + "/example.toml:" + std::to_string(std::ranges::count(text, '\n')) +
                             ":14: error: settings: setting wsp_switch cannot be before 2019-11-11"));
  CHECK(contains(lines[0], "adopted region by region"));  // the whole hint, on that line
}
