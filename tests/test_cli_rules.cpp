// `timescales rules list|show|check`, run as a child process: the catalogue, one rule in full with
// its examples, and checking directories of rule files (the project's, a broken copy, and a
// council's local rules on their own).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "support.hpp"
#include "timescales/load.hpp"
#include "timescales/utf8.hpp"

namespace {

namespace fs = std::filesystem;

using namespace timescales::testing;  // cli_support.hpp, support.hpp

std::vector<std::string> fields_of(const std::string& line) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t tab = line.find('\t'); tab != std::string::npos; tab = line.find('\t', start)) {
    out.push_back(line.substr(start, tab - start));
    start = tab + 1;
  }
  out.push_back(line.substr(start));
  return out;
}

void write_file(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << text;
  REQUIRE(out.good());
}

const fs::path rules_dir = fs::path(TIMESCALES_SOURCE_DIR) / "rules";

}  // namespace

TEST_CASE("cli rules list: one line per rule with id, standard, confidence and citation", "[cli_rules]") {
  if (!have_cli()) return;
  const Run run = stdout_of("rules list");
  REQUIRE(run.exit_code == 0);
  const std::vector<std::string> lines = lines_of(run.out);
  const timescales::Rulebook& book = timescales::builtin_rulebook();
  CHECK(lines.size() == book.rules().size());

  const std::set<std::string> standards{"statutory", "plan", "local"};
  const std::set<std::string> confidences{"confirmed", "probable", "unconfirmed"};
  std::set<std::string> ids;
  for (const std::string& line : lines) {
    INFO(line);
    const std::vector<std::string> f = fields_of(line);
    REQUIRE(f.size() == 6);  // id, title, standard, confidence, citation, period of effect
    CHECK(book.family(f[0]) != nullptr);
    CHECK_FALSE(f[1].empty());
    CHECK(standards.contains(f[2]));
    CHECK(confidences.contains(f[3]));
    CHECK(f[4].size() > 2);
    CHECK(f[5].starts_with("from "));
    ids.insert(f[0]);
  }
  CHECK(ids.size() == book.families().size());

  const auto line_for = [&](const std::string& id, const std::string& from) -> std::string {
    for (const std::string& line : lines) {
      const auto f = fields_of(line);
      if (f.size() == 6 && f[0] == id && f[5].starts_with("from " + from)) return line;
    }
    return {};
  };
  const std::string icpc = line_for("wales.cp.icpc", "2020-04-01");
  INFO(icpc);
  REQUIRE_FALSE(icpc.empty());
  CHECK(fields_of(icpc)[2] == "statutory");
  CHECK(fields_of(icpc)[3] == "confirmed");
  const timescales::Rule* icpc_rule = book.family("wales.cp.icpc")->in_effect(timescales::testing::date_of("2020-04-01"));
  REQUIRE(icpc_rule != nullptr);
  CHECK(fields_of(icpc)[1] == icpc_rule->title);
  CHECK(fields_of(icpc)[4] == icpc_rule->source.instrument + ", " + icpc_rule->source.provision);
  CHECK(fields_of(icpc)[4].starts_with("Wales Safeguarding Procedures"));

  const std::string icpc_2008 = line_for("wales.cp.icpc", "2008-04-01");
  INFO(icpc_2008);
  REQUIRE_FALSE(icpc_2008.empty());
  CHECK(fields_of(icpc_2008)[3] == "probable");
  CHECK(fields_of(icpc_2008)[5] == "from 2008-04-01 to 2020-04-01");

  const std::string visit = line_for("wales.lac.visit", "2016-04-06");
  INFO(visit);
  REQUIRE_FALSE(visit.empty());
  CHECK(fields_of(visit)[2] == "statutory");
  CHECK(fields_of(visit)[3] == "confirmed");
  CHECK(fields_of(visit)[4].starts_with("Care Planning, Placement and Case Review (Wales) Regulations 2015"));
  const timescales::Rule& visit_rule = book.family("wales.lac.visit")->latest();
  CHECK(fields_of(visit)[4] == visit_rule.source.instrument + ", " + visit_rule.source.provision);
  CHECK(fields_of(visit)[4].find("reg 31") != std::string::npos);

  const std::string initial = line_for("wales.assessment.initial", "2001-04-01");
  INFO(initial);
  REQUIRE_FALSE(initial.empty());
  CHECK(fields_of(initial)[3] == "probable");
  CHECK(fields_of(initial)[5] == "from 2001-04-01 to 2016-04-06");
}

TEST_CASE("cli rules show: a rule in full with its examples holding", "[cli_rules]") {
  if (!have_cli()) return;
  const Run run = stdout_of("rules show wales.lac.visit");
  INFO(run.out);
  REQUIRE(run.exit_code == 0);
  const std::string& out = run.out;
  const auto has = [&](const std::string& part) { return out.find(part) != std::string::npos; };

  const timescales::RuleFamily* family = timescales::builtin_rulebook().family("wales.lac.visit");
  REQUIRE(family != nullptr);
  const timescales::Rule& rule = family->latest();

  // The citation.
  CHECK(has("wales.lac.visit: " + rule.title));
  CHECK(has("source: " + rule.source.instrument + ", " + rule.source.provision + "\n"));
  CHECK(rule.source.instrument.starts_with("Care Planning, Placement and Case Review (Wales) Regulations 2015"));
  CHECK(has("          " + rule.source.url + "\n"));
  CHECK(rule.source.url.starts_with("https://www.legislation.gov.uk/wsi/2015/1818/regulation/31"));
  CHECK(has("\"" + rule.source.quote + "\"\n"));
  // The variants, every placement type among them, each with its provision.
  std::set<std::string> types_shown;
  for (const timescales::Variant& v : rule.variants) {
    std::string heading = "  timing for";
    for (timescales::PlacementType p : v.placement_types) {
      const std::string type(timescales::placement_type_names[static_cast<std::size_t>(p)]);
      heading += " " + type;
      types_shown.insert(type);
    }
    heading += " (" + v.provision + "):\n";
    INFO(heading);
    CHECK(has(heading));
  }
  CHECK(types_shown.size() == timescales::placement_type_names.size());
  CHECK(has("timing for standard (reg 31(2)):"));
  CHECK(has("when intended_until_18 = true: every 3 months (reg 31(2)(c)(i))"));
  CHECK(has("variation: visit_interval on lac_review"));

  // Every example, each marked as holding.
  std::size_t examples = 0;
  for (const timescales::Rule* rule : family->versions) {
    for (const timescales::Example& ex : rule->examples) {
      ++examples;
      INFO(ex.name);
      CHECK(has("  example: " + ex.name + " (as of " + timescales::to_string(ex.as_of) + ") [holds]\n"));
    }
  }
  REQUIRE(examples > 0);
  std::size_t holds = 0;
  for (const std::string& line : lines_of(out)) {
    if (line.starts_with("  example: ")) {
      INFO(line);
      CHECK(line.ends_with(" [holds]"));
      ++holds;
    }
  }
  CHECK(holds == examples);
  CHECK_FALSE(has("[FAILS]"));
}

TEST_CASE("cli rules show: an unknown rule is a usage error", "[cli_rules]") {
  if (!have_cli()) return;
  const Run run = stderr_of("rules show nope");
  INFO(run.out);
  CHECK(run.exit_code == 2);
  CHECK(run.out.find("no rule 'nope'") != std::string::npos);
}

TEST_CASE("cli rules check: the project's rules directory is clean", "[cli_rules]") {
  if (!have_cli()) return;
  const Run run = stderr_of("rules check " + shell_quoted(rules_dir.string()));
  INFO(run.out);
  CHECK(run.exit_code == 0);
  CHECK(run.out.find(" examples, 0 failing") != std::string::npos);
}

// rules/wales holds the Welsh rules without the calendars beside them (rules/calendars): checked or
// used alone, it once loaded with no calendar and crashed on its first worked example.
TEST_CASE("cli rules check: a jurisdiction's rules without calendars are refused once, not a crash", "[cli_rules]") {
  if (!have_cli()) return;
  const std::string wales = shell_quoted((rules_dir / "wales").string());
  const Run check = stderr_of("rules check " + wales);
  INFO(check.out);
  CHECK(check.exit_code == 1);
  CHECK(check.out.find("/wales/assessment.toml:9:1: error: these files hold no calendars, and rule "
                       "wales.assessment.referral_decision and 21 more need one to count their deadlines") !=
        std::string::npos);
  CHECK(check.out.find("1 problem\n") != std::string::npos);
  const Run used = stderr_of("rules list --rules " + wales);
  INFO(used.out);
  CHECK(used.exit_code == 1);
  CHECK(used.out.find("these files hold no calendars") != std::string::npos);
}

TEST_CASE("cli rules check: a broken file is reported as dir/file:line:column", "[cli_rules]") {
  if (!have_cli()) return;
  const TempDir dir("broken");
  fs::copy(rules_dir, dir.path(), fs::copy_options::recursive);
  const fs::path broken = dir.path() / "wales" / "child-protection.toml";
  std::string text = slurp(broken);
  const std::string from = "limit = \"15 working days\"";
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), "limt = \"15 working days\"");
  const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n');
  write_file(broken, text);

  const Run run = stderr_of("rules check " + shell_quoted(dir.path().string()));
  INFO(run.out);
  CHECK(run.exit_code == 1);
  const std::string where = dir.path().string() + "/wales/child-protection.toml:" + std::to_string(line) + ":1: ";
  CHECK(run.out.find(where + "error: rule wales.cp.icpc: unknown key 'limt' (did you mean 'limit'?)") != std::string::npos);
  CHECK(run.out.find("missing required key 'limit'") != std::string::npos);
  // Every diagnostic names a file in the directory, with a line and a column.
  const std::regex located("^" + std::regex_replace(dir.path().string(), std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)") +
                           R"(/[^:]+\.toml:[0-9]+:[0-9]+: error: .+$)");
  std::size_t diagnostics = 0;
  for (const std::string& l : lines_of(run.out)) {
    if (l.ends_with(" problems") || l.ends_with(" problem")) continue;
    INFO(l);
    CHECK(std::regex_match(l, located));
    ++diagnostics;
  }
  CHECK(diagnostics >= 2);
  CHECK(run.out.find(std::to_string(diagnostics) + " problems\n") != std::string::npos);
}

TEST_CASE("cli rules check: a directory holding only a council's local rules", "[cli_rules]") {
  if (!have_cli()) return;
  const TempDir dir("local");
  fs::copy_file(rules_dir / "local" / "example.toml", dir.path() / "example.toml");
  const Run run = stderr_of("rules check " + shell_quoted(dir.path().string()));
  INFO(run.out);
  CHECK(run.exit_code == 0);
  // Only the council's rules (two versions of its monthly visits, and one more) and their
  // examples are counted; calendars, settings and the statutory rules
  // they tighten come from the built-in set.
  CHECK(run.out.find("3 rules, 0 measures, 3 examples, 0 failing") != std::string::npos);

  // A local rule naming a statutory rule that does not exist is caught.
  std::string text = slurp(dir.path() / "example.toml");
  const std::string from = "local_standard_for = \"wales.cp.visit.at_home\"";
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), "local_standard_for = \"wales.cp.visit.at_hom\"");
  write_file(dir.path() / "example.toml", text);
  const Run bad = stderr_of("rules check " + shell_quoted(dir.path().string()));
  INFO(bad.out);
  CHECK(bad.exit_code == 1);
  CHECK(bad.out.find(dir.path().string() + "/example.toml:") != std::string::npos);
  CHECK(bad.out.find("names unknown rule 'wales.cp.visit.at_hom' (did you mean 'wales.cp.visit.at_home'?)") !=
        std::string::npos);
}

TEST_CASE("cli rules show: a local rule with a placement-type condition is shown, not a crash", "[cli_rules]") {
  if (!have_cli()) return;
  // Once an abort (std::bad_variant_access, exit 134): only boolean conditions were printable.
  const TempDir dir("placement-condition");
  std::string text = slurp(rules_dir / "local" / "example.toml");
  const std::string anchor = "completed_by = \"assessment_completed\"\n";
  const auto at = text.find(anchor);
  REQUIRE(at != std::string::npos);
  text.insert(at + anchor.size(), "completed_if = { placement_type = \"standard\" }\n");
  {
    std::ofstream out(dir.path() / "example.toml", std::ios::binary);
    out << text;
  }
  const Run check = stderr_of("rules check " + shell_quoted(dir.path().string()));
  INFO(check.out);
  CHECK(check.exit_code == 0);
  const Run show = run_cli("rules show local.example.assessment.proportionate --local " + shell_quoted(dir.path().string()));
  INFO(show.err);
  CHECK(show.exit_code == 0);
  CHECK(contains(show.out, "completed by: assessment_completed with placement_type = standard"));
}

namespace {

// The line of `text` at which `at` is (1-based).
long line_at(const std::string& text, std::size_t at) {
  return 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n');
}

// Removes the first `key = value` of `text` after `from`, a multi-line string value included.
void remove_key(std::string& text, const std::string& key, std::size_t from = 0) {
  const auto at = text.find("\n" + key + " = ", from);
  REQUIRE(at != std::string::npos);
  const auto value = at + 1 + key.size() + 3;
  auto end = text.find('\n', value);
  if (text.compare(value, 3, "\"\"\"") == 0) end = text.find('\n', text.find("\"\"\"", value + 3));
  text.erase(at + 1, end - at);
}

}  // namespace

TEST_CASE("cli rules check: a council's rule or measure without its Welsh is an error naming file, line and field",
          "[cli_rules][cymraeg]") {
  if (!have_cli()) return;
  const TempDir dir("no-welsh");
  fs::copy(rules_dir / "local", dir.path(), fs::copy_options::recursive);
  const fs::path rules = dir.path() / "example.toml";
  const fs::path measures = dir.path() / "measures" / "assessments.toml";
  std::string text = slurp(rules);
  const auto id = text.find("id = \"local.example.assessment.proportionate\"");
  REQUIRE(id != std::string::npos);
  const auto rule_line = line_at(text, text.rfind("[[rule]]", id));
  remove_key(text, "summary_cy", id);
  write_file(rules, text);
  std::string measure_text = slurp(measures);
  const auto measure_line = line_at(measure_text, measure_text.find("[[measure]]"));
  remove_key(measure_text, "title_cy");
  write_file(measures, measure_text);
  const std::string local = shell_quoted(dir.path().string());

  const Run run = stderr_of("rules check " + local);
  INFO(run.out);
  CHECK(run.exit_code == 1);
  CHECK(contains(run.out, rules.string() + ":" + std::to_string(rule_line) +
                              ": error: rule local.example.assessment.proportionate has no 'summary_cy' (its Welsh summary; "
                              "or, for a council's own, 'english_only = true')\n"));
  CHECK(contains(run.out, measures.string() + ":" + std::to_string(measure_line) +
                              ": error: measure local.example.assessment.proportionate.timeliness has no 'title_cy'"));
  const Run json = run_cli("rules check " + local + " --format json");
  CHECK(json.exit_code == 1);
  CHECK(contains(json.out, "\"line\":" + std::to_string(rule_line) + ",\"column\":null,\"severity\":\"error\",\"code\":\"no-welsh\""));

  // Loading for use never asks for Welsh: the rule is listed, and shown in Welsh with its English summary.
  const Run list = run_cli("rules list --local " + local);
  CHECK(list.exit_code == 0);
  const Run show = run_cli("rules show local.example.assessment.proportionate --lang cy --local " + local);
  CHECK(show.exit_code == 0);
  CHECK(contains(show.out, "  Local practice found in Welsh councils: a proportionate assessment within 10 working days"));

  // english_only = true says so: the council's rule and measure are then clean.
  text.insert(text.find('\n', id) + 1, "english_only = true\n");
  write_file(rules, text);
  measure_text.insert(measure_text.find('\n', measure_text.find("id = ")) + 1, "english_only = true\n");
  write_file(measures, measure_text);
  const Run clean = stderr_of("rules check " + local);
  INFO(clean.out);
  CHECK(clean.exit_code == 0);
  CHECK(contains(clean.out, "3 rules, 1 measures, 4 examples, 0 failing"));
}

TEST_CASE("cli rules check: a duty not encoded gives its Welsh too, and rules doc --lang cy shows it",
          "[cli_rules][cymraeg]") {
  if (!have_cli()) return;
  const TempDir dir("not-encoded-welsh");
  fs::copy(rules_dir / "local", dir.path(), fs::copy_options::recursive);
  const fs::path file = dir.path() / "not-encoded.toml";
  write_file(file,
             "[[not_encoded]]\n"
             "duty = \"A local duty\"\n"
             "provision = \"Local practice standard 4\"\n"
             "reason = \"Not yet agreed.\"\n"
             "duty_cy = \"Dyletswydd leol\"\n");
  const std::string local = shell_quoted(dir.path().string());
  const Run run = stderr_of("rules check " + local);
  INFO(run.out);
  CHECK(run.exit_code == 1);
  CHECK(contains(run.out, file.string() + ":1: error: not-encoded duty A local duty has no 'reason_cy' (its Welsh reason; "
                                          "or, for a council's own, 'english_only = true')\n"));
  CHECK_FALSE(contains(run.out, "'duty_cy'"));
  // The Welsh catalogue says the Welsh; a missing Welsh reason falls back to the English one.
  const Run doc = run_cli("rules doc --lang cy --local " + local);
  CHECK(doc.exit_code == 0);
  CHECK(contains(doc.out, "| Dyletswydd leol | Local practice standard 4 | Not yet agreed. |\n"));
  const Run built_in = run_cli("rules doc --lang cy");
  CHECK(contains(built_in.out, "| Cynnal trafodaeth strategaeth ar ôl adroddiad | Wales Safeguarding Procedures (2019) | "
                               "Ni chafwyd hyd i amserlen genedlaethol. |\n"));
}

TEST_CASE("cli rules check: a jurisdiction's rulebook gives its Welsh and may not say english_only",
          "[cli_rules][cymraeg]") {
  if (!have_cli()) return;
  const TempDir dir("english-only");
  fs::copy(rules_dir, dir.path(), fs::copy_options::recursive);
  const fs::path file = dir.path() / "wales" / "child-protection.toml";
  std::string text = slurp(file);
  const auto id = text.find("id = \"wales.cp.icpc\"");
  REQUIRE(id != std::string::npos);
  const auto line = line_at(text, text.rfind("[[rule]]", id));
  text.insert(text.find('\n', id) + 1, "english_only = true\n");
  remove_key(text, "summary_cy", id);
  write_file(file, text);

  const Run run = stderr_of("rules check " + shell_quoted(dir.path().string()));
  INFO(run.out);
  CHECK(run.exit_code == 1);
  const std::string where = file.string() + ":" + std::to_string(line) + ": error: rule wales.cp.icpc";
  CHECK(contains(run.out, where + ": 'english_only = true' is for a council's local layer only"));
  CHECK(contains(run.out, where + " has no 'summary_cy' (its Welsh summary)\n"));
}

TEST_CASE("cli rules show --lang cy: the rule's Welsh summary", "[cli_rules][cymraeg]") {
  if (!have_cli()) return;
  const timescales::RuleFamily* family = timescales::builtin_rulebook().family("wales.cp.icpc");
  REQUIRE(family != nullptr);
  const timescales::Rule& rule = family->latest();
  REQUIRE_FALSE(rule.summary_cy.empty());
  const Run cy = stdout_of("rules show wales.cp.icpc --lang cy");
  REQUIRE(cy.exit_code == 0);
  CHECK(contains(cy.out, "\n  " + timescales::one_line(rule.summary_cy) + "\n"));
  CHECK(contains(cy.out, "Cynhelir y gynhadledd amddiffyn plant gychwynnol o fewn 15 diwrnod gwaith"));
  CHECK_FALSE(contains(cy.out, timescales::one_line(rule.summary)));
  const Run en = stdout_of("rules show wales.cp.icpc");
  CHECK(contains(en.out, "\n  " + timescales::one_line(rule.summary) + "\n"));
  CHECK_FALSE(contains(en.out, timescales::one_line(rule.summary_cy)));
}
