// Targets (target.hpp) and the dashboard page (dashboard.hpp): red, amber and green worked out by
// hand; the page's figures against the report's; what the page must never do (load anything from
// another host, let a value from the input become markup). The page in a real browser is
// bindings/python/tests/test_dashboard.py.
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "support.hpp"
#include "timescales/dashboard.hpp"
#include "timescales/load.hpp"
#include "timescales/load_measures.hpp"
#include "timescales/report.hpp"
#include "timescales/target.hpp"
#include "timescales/wording.hpp"

namespace {

using namespace timescales;
using namespace timescales::testing;  // support.hpp, cli_support.hpp

const Measure& measure_named(std::string_view id) {
  for (const Measure& m : builtin_measures()) {
    if (m.id == id) return m;
  }
  FAIL("no measure " << id);
  throw;
}

std::expected<std::vector<Target>, Diagnostics> targets_of_text(std::string_view text) {
  const SourceFile file{"targets.toml", std::string(text), "council"};
  return load_targets(std::span(&file, 1), builtin_measures());
}

// Initial conferences in two financial years, the same as the Python Excel tests'. P1 (North):
// strategy discussion Fri 20 Dec 2019 under the 2008 procedures (a probable rule): 15 working days
// skipping 25, 26 Dec and 1 Jan: Wed 15 Jan 2020; held 16 Jan: late. A (North): Mon 11 Jan 2021 +
// 15 working days = Mon 1 Feb; held 29 Jan: met. B (South): Mon 1 Mar 2021 + 15 = Mon 22 Mar; held
// Thu 25 Mar: late. As of 25 Mar 2021: 2019-20 is 0 of 1 (probable), 2020-21 (partial, to 25 Mar)
// is 1 of 2, North 1 of 1, South 0 of 1.
constexpr std::string_view conferences =
    "case_id,event,date,team\n"
    "P1,strategy_discussion,2019-12-20,North\n"
    "P1,icpc,2020-01-16,North\n"
    "A,strategy_discussion,2021-01-11,North\n"
    "A,icpc,2021-01-29,North\n"
    "B,strategy_discussion,2021-03-01,\"<script>alert('South')</script>\"\n"
    "B,icpc,2021-03-25,\"<script>alert('South')</script>\"\n";

// How many times `needle` occurs in `text`.
std::size_t count_of(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++n;
  return n;
}

}  // namespace

TEST_CASE("judge: green on or beyond the target, amber within the band short of it, red beyond", "[targets]") {
  const auto target = [](double value, Better better, double amber) {
    Target t;
    t.measure = "m";
    t.value = value;
    t.better = better;
    t.amber = amber;
    return t;
  };
  const Target higher = target(90, Better::higher, 5);
  CHECK(judge(higher, 90.0) == Rag::green);   // on the target
  CHECK(judge(higher, 97.5) == Rag::green);
  CHECK(judge(higher, 85.0) == Rag::amber);   // 5 points short: the edge of the band
  CHECK(judge(higher, 84.9) == Rag::red);
  const Target lower = target(10, Better::lower, 2.5);
  CHECK(judge(lower, 10.0) == Rag::green);
  CHECK(judge(lower, 12.5) == Rag::amber);
  CHECK(judge(lower, 12.6) == Rag::red);
  CHECK(judge(lower, 0.0) == Rag::green);
  const Target no_band = target(100, Better::higher, 0);
  CHECK(judge(no_band, 99.9) == Rag::red);  // no amber band: short is red
  CHECK(judge(no_band, 100.0) == Rag::green);
}

TEST_CASE("[[target]] tables: checked against the measures they set", "[targets]") {
  const auto ok = targets_of_text(
      "[[target]]\nmeasure = \"wales.cp.icpc.timeliness\"\nvalue = 92.5\namber = 5\nset_by = \"the board, 2024-25\"\n"
      "[[target]]\nmeasure = \"wales.lac.visit.statutory\"\nvalue = 90\nbetter = \"higher\"\nset_by = \"the board\"\n");
  REQUIRE(ok.has_value());
  REQUIRE(ok->size() == 2);
  CHECK((*ok)[0].value == 92.5);
  CHECK((*ok)[0].amber == 5);
  CHECK((*ok)[0].line == 1);
  CHECK((*ok)[1].better == Better::higher);
  CHECK(target_of(*ok, measure_named("wales.lac.visit.statutory")) == &(*ok)[1]);
  CHECK(target_of(*ok, measure_named("wales.pm24")) == nullptr);

  const auto problems = [](std::string_view text) {
    const auto r = targets_of_text(text);
    REQUIRE_FALSE(r.has_value());
    std::string all;
    for (const Diagnostic& d : r.error()) all += d.to_string() + "\n";
    return all;
  };
  CHECK(contains(problems("[[target]]\nmeasure = \"wales.cp.icpc.timelines\"\nvalue = 90\nset_by = \"x\"\n"),
                 "council/targets.toml:2:11: target: unknown measure 'wales.cp.icpc.timelines' (did you mean "
                 "'wales.cp.icpc.timeliness'?)"));
  CHECK(contains(problems("[[target]]\nmeasure = \"wales.ch012\"\nvalue = 90\nset_by = \"x\"\n"),
                 "is a count, not a percentage"));
  CHECK(contains(problems("[[target]]\nmeasure = \"wales.pm24\"\nvalue = 101\nset_by = \"x\"\n"),
                 "targets.toml:3:9: target: 'value' is a percentage: from 0 to 100"));
  CHECK(contains(problems("[[target]]\nmeasure = \"wales.pm24\"\nvalue = \"90%\"\nset_by = \"x\"\n"), "'value'"));
  CHECK(contains(problems("[[target]]\nmeasure = \"wales.pm24\"\nvalue = 90\n"), "set_by"));
  CHECK(contains(problems("[[target]]\nmeasure = \"wales.pm24\"\nvalue = 90\nbetter = \"more\"\nset_by = \"x\"\n"),
                 "better"));
  CHECK(contains(problems("[[target]]\nmeasure = \"wales.pm24\"\nvalue = 90\nset_by = \"x\"\n"
                          "[[target]]\nmeasure = \"wales.pm24\"\nvalue = 80\nset_by = \"y\"\n"),
                 "targets.toml:5:1: measure wales.pm24 already has a target (council/targets.toml:1)"));
}

TEST_CASE("The dashboard: the report's figures, judged against the target, and nothing from another host",
          "[dashboard]") {
  const EventTable table = table_of(conferences);
  const Rulebook& rules = builtin_rulebook();
  const Evaluation evaluation = evaluate(table, rules);
  REQUIRE(to_string(evaluation.as_of) == "2021-03-25");
  const auto targets = targets_of_text(
      "[[target]]\nmeasure = \"wales.cp.icpc.timeliness\"\nvalue = 75\namber = 10\nset_by = \"the board, 2020-21\"\n");
  REQUIRE(targets.has_value());
  const std::vector<const Measure*> measures{&measure_named("wales.cp.icpc.timeliness")};
  ReportOptions options;
  options.from = date_of("2019-04-01");
  options.to = evaluation.as_of;
  options.granularity = Granularity::year;
  options.groups = groups_by(evaluation, table, std::vector<std::size_t>{0});
  const Report r = report(measures, evaluation, options);
  DashboardOptions page_options;
  page_options.granularity = Granularity::year;
  page_options.by = {0};
  std::ostringstream out;
  REQUIRE(write_dashboard(out, r, *targets, evaluation, table, rules, page_options, Language::en).has_value());
  const std::string page = out.str();

  // The tile: 2020-21 to date, 1 of 2 = 50%, 25 points short of 75 with a band of 10: red, in words.
  CHECK(contains(page, "<article class=\"tile tile-red\" data-measure=\"wales.cp.icpc.timeliness\" "
                       "data-period-start=\"2020-04-01\" data-period-end=\"2021-03-25\" data-group=\"all\" "
                       "data-numerator=\"1\" data-denominator=\"2\" data-percentage=\"50.0\">"));
  CHECK(contains(page, "2020-21 (partial) &middot; to 2021-03-25: the period is not over"));
  CHECK(contains(page, "<span class=\"value\">50.0%</span> <span class=\"counts\">1 of 2</span>"));
  CHECK(contains(page, "<span class=\"rag rag-red\"><span aria-hidden=\"true\">\u2716</span> Off target</span>"));
  CHECK(contains(page, "Target: 75% or more (near: within 10 points), set by the board, 2020-21"));
  CHECK(contains(page, "Earlier periods: 2019-20 0.0%"));
  // The trend's table: 2019-20, 0 of 1 under the probable rule; by group, North 1 of 1 (green).
  CHECK(contains(page, "<tr data-measure=\"wales.cp.icpc.timeliness\" data-period-start=\"2019-04-01\" "
                       "data-period-end=\"2020-03-31\" data-group=\"all\" data-numerator=\"0\" data-denominator=\"1\" "
                       "data-percentage=\"0.0\"><th scope=\"row\">2019-20</th>"));
  CHECK(contains(page, "</td><td>probable</td><td><details class=\"behind\""));
  CHECK(contains(page, "data-group=\"North\" data-numerator=\"1\" data-denominator=\"1\" data-percentage=\"100.0\">"
                       "<th scope=\"row\">North</th>"));
  CHECK(contains(page, "<span class=\"rag rag-green\"><span aria-hidden=\"true\">\u2714</span> On target</span>"));
  // Every row of the report is on the page with its counts (the groups of 2019-20 beside 2020-21's).
  REQUIRE(r.rows.size() == 5);  // 2019-20: all and North (South had none); 2020-21: all, North, South
  for (const ReportRow& row : r.rows) {
    INFO(to_string(row.period.first) << " " << row.group_text());
    CHECK(contains(page, "data-period-start=\"" + to_string(row.period.first) + "\" data-period-end=\"" +
                             to_string(row.period.last) + "\" data-group=\"" + (row.all ? "all" : row.group[0] == "North" ? "North" : "&lt;script&gt;alert(&#39;South&#39;)&lt;/script&gt;") +
                             "\" data-numerator=\"" + std::to_string(row.numerator) + "\" data-denominator=\"" +
                             std::to_string(row.denominator) + "\""));
  }
  // The worklist: nothing open (both conferences were held).
  CHECK(contains(page, "Nothing overdue or due within the horizon."));
  // A value from the input never becomes markup: the team named like a script is text.
  CHECK_FALSE(contains(page, "<script>alert"));
  CHECK(contains(page, "&lt;script&gt;alert(&#39;South&#39;)&lt;/script&gt;"));
  // In the JSON too: every "<" is written \u003c, so nothing can end the data's element.
  CHECK(contains(page, "[\"\\u003cscript>alert('South')\\u003c/script>\"]"));
  // Nothing is fetched: no external script, style sheet, image or font.
  CHECK_FALSE(contains(page, "<link"));
  CHECK_FALSE(contains(page, " src="));
  CHECK_FALSE(contains(page, "url("));
  CHECK_FALSE(contains(page, "@import"));
  CHECK(contains(page, "https://www.chartjs.org"));  // Debian's Chart.js, embedded (its banner)
  CHECK(contains(page, "<html lang=\"en\">"));
  CHECK(contains(page, "Computed with timescales "));
}

TEST_CASE("timescales dashboard: writes the page, and exits 2 on what it cannot use", "[dashboard][cli]") {
  if (!have_cli()) return;
  TempDir dir;
  const std::string events = dir.write("events.csv", conferences);
  const std::string targets = dir.write(
      "targets.toml", "[[target]]\nmeasure = \"wales.cp.icpc.timeliness\"\nvalue = 75\namber = 10\nset_by = \"the board\"\n");
  const Run ok = run_cli("dashboard " + shell_quoted(events) + " --out " + shell_quoted(dir.file("page.html")) +
                         " --by team --period year --definition " + shell_quoted(targets));
  INFO(ok.err);
  CHECK(ok.exit_code == 0);
  CHECK(contains(ok.err, "dashboard: 12 measures, 1 targets, written to"));
  const std::string page = slurp(dir.file("page.html"));
  CHECK(contains(page, "tile tile-red\" data-measure=\"wales.cp.icpc.timeliness\""));

  CHECK(run_cli("dashboard " + shell_quoted(events)).exit_code == 2);  // --out is required
  const Run unknown = run_cli("dashboard " + shell_quoted(events) + " --out " + shell_quoted(dir.file("x.html")) +
                              " --measure wales.nothing");
  CHECK(unknown.exit_code == 2);
  CHECK(contains(unknown.err, "unknown measure 'wales.nothing'"));
  const std::string bad = dir.write("bad.toml", "[[target]]\nmeasure = \"wales.ch012\"\nvalue = 75\nset_by = \"x\"\n");
  const Run bad_target = run_cli("dashboard " + shell_quoted(events) + " --out " + shell_quoted(dir.file("x.html")) +
                                 " --definition " + shell_quoted(bad));
  CHECK(bad_target.exit_code == 2);
  CHECK(contains(bad_target.err, "bad.toml:2:11: target: measure wales.ch012 is a count, not a percentage"));
  // validate-report checks targets like everything else.
  const Run validate = run_cli("validate-report " + shell_quoted(bad));
  CHECK(validate.exit_code == 1);
  CHECK(contains(validate.err, "is a count, not a percentage"));
  const Run valid = run_cli("validate-report " + shell_quoted(targets));
  CHECK(valid.exit_code == 0);
  CHECK(contains(valid.err, "0 measures, 1 targets, 0 examples, 0 failing"));
}

TEST_CASE("The dashboard judges the figure it shows: 66.7% against a target of 66.7 is on target", "[dashboard]") {
  // Three conferences in 2020-21, as above: two held in time (A1, A2: 11 Jan + 15 working days =
  // 1 Feb, held 29 Jan), one late (B: due 22 Mar, held 25 Mar). 2 of 3 is 66.666...%, shown 66.7%.
  const EventTable table = table_of(
      "case_id,event,date\nA1,strategy_discussion,2021-01-11\nA1,icpc,2021-01-29\nA2,strategy_discussion,2021-01-11\n"
      "A2,icpc,2021-01-29\nB,strategy_discussion,2021-03-01\nB,icpc,2021-03-25\n");
  const Evaluation evaluation = evaluate(table, builtin_rulebook());
  const auto targets = targets_of_text(
      "[[target]]\nmeasure = \"wales.cp.icpc.timeliness\"\nvalue = 66.7\nset_by = \"the board\"\n");
  REQUIRE(targets.has_value());
  const std::vector<const Measure*> measures{&measure_named("wales.cp.icpc.timeliness")};
  ReportOptions options;
  options.from = date_of("2020-04-01");
  options.to = evaluation.as_of;
  options.granularity = Granularity::year;
  const Report r = report(measures, evaluation, options);
  DashboardOptions page_options;
  page_options.granularity = Granularity::year;
  std::ostringstream out;
  REQUIRE(write_dashboard(out, r, *targets, evaluation, table, builtin_rulebook(), page_options, Language::en));
  CHECK(contains(out.str(), "<span class=\"value\">66.7%</span> <span class=\"counts\">2 of 3</span>"));
  CHECK(contains(out.str(), "<article class=\"tile tile-green\""));
  CHECK(contains(out.str(), "On target"));
}

TEST_CASE("The dashboard carries both languages, opens in the one chosen, and links each to the other",
          "[dashboard][cymraeg]") {
  const EventTable table = table_of(conferences);
  const Evaluation evaluation = evaluate(table, builtin_rulebook());
  const std::vector<const Measure*> measures{&measure_named("wales.cp.icpc.timeliness")};
  ReportOptions options;
  options.from = date_of("2019-04-01");
  options.to = evaluation.as_of;
  options.granularity = Granularity::year;
  options.groups = groups_by(evaluation, table, std::vector<std::size_t>{0});
  const Report r = report(measures, evaluation, options);
  DashboardOptions page_options;
  page_options.granularity = Granularity::year;
  page_options.by = {0};
  const auto page_in = [&](Language language) {
    std::ostringstream out;
    REQUIRE(write_dashboard(out, r, {}, evaluation, table, builtin_rulebook(), page_options, language));
    return out.str();
  };
  const std::string en = page_in(Language::en);
  const std::string cy = page_in(Language::cy);
  const auto& w = dashboard_text::words(Language::cy);
  REQUIRE(w.headline != dashboard_text::words(Language::en).headline);  // the catalogue is loaded

  // Opened in English: the English copy first and shown, the Welsh one after it and hidden (from
  // screen readers too); opened in Welsh, the other way round, with the page's lang and title.
  const auto english = en.find("<div class=\"language\" id=\"en\" lang=\"en\">");
  const auto welsh = en.find("<div class=\"language\" id=\"cy\" lang=\"cy\" hidden>");
  REQUIRE(english != std::string::npos);
  REQUIRE(welsh != std::string::npos);
  CHECK(english < welsh);
  CHECK(contains(en, "<html lang=\"en\">"));
  CHECK(contains(en, "<title>Statutory timescales</title>"));
  CHECK(cy.find("<div class=\"language\" id=\"cy\" lang=\"cy\">") <
        cy.find("<div class=\"language\" id=\"en\" lang=\"en\" hidden>"));
  CHECK(contains(cy, "<html lang=\"cy\">"));
  CHECK(contains(cy, "<title>" + std::string(w.default_title) + "</title>"));
  CHECK(std::string(w.default_title) == "Amserlenni statudol");
  // Each copy links to the other, named in its own language and marked as such.
  for (const std::string* page : {&en, &cy}) {
    CHECK(contains(*page, "<p class=\"switch\"><a href=\"#cy\" lang=\"cy\" hreflang=\"cy\">Cymraeg</a></p>"));
    CHECK(contains(*page, "<p class=\"switch\"><a href=\"#en\" lang=\"en\" hreflang=\"en\">English</a></p>"));
  }

  // The Welsh copy's words are the catalogue's, and none of the English headings is in it.
  const std::string welsh_copy = en.substr(welsh, en.find("</div>\n<script", welsh) - welsh);
  const std::string english_copy = en.substr(english, welsh - english);
  CHECK(contains(welsh_copy, "<h1>Amserlenni statudol</h1>"));
  CHECK(contains(welsh_copy, "<h2 id=\"cy-headline-h\">" + std::string(w.headline) + "</h2>"));
  CHECK(contains(welsh_copy, "<h2 id=\"cy-trends-h\">" + std::string(w.trends) + "</h2>"));
  CHECK(contains(welsh_copy, "<h2 id=\"cy-worklist-h\">" + std::string(w.needs_doing) + "</h2>"));
  CHECK(contains(welsh_copy, "<h2 id=\"cy-about-h\">" + std::string(w.about) + "</h2>"));
  CHECK(contains(welsh_copy, "<a class=\"skip\" href=\"#cy-main\">Neidio i&#39;r ffigurau</a>"));
  const auto& e = dashboard_text::words(Language::en);
  for (const std::string_view english_word : {e.headline, e.trends, e.needs_doing, e.about, e.skip_link, e.contents}) {
    INFO(english_word);
    CHECK_FALSE(contains(welsh_copy, english_word));
    CHECK(contains(english_copy, english_word));
  }
  // Both copies hold the same figures.
  CHECK(contains(english_copy, "data-group=\"North\" data-numerator=\"1\" data-denominator=\"1\""));
  CHECK(contains(welsh_copy, "data-group=\"North\" data-numerator=\"1\" data-denominator=\"1\""));

  // Every id once across the page, and every link and label within the page to one of them.
  for (const std::string* page : {&en, &cy}) {
    std::map<std::string, int> ids;
    const std::regex id_attribute(" id=\"([^\"]*)\"");
    for (auto it = std::sregex_iterator(page->begin(), page->end(), id_attribute); it != std::sregex_iterator(); ++it) {
      ++ids[(*it)[1]];
    }
    CHECK(ids.size() > 20);
    for (const auto& [id, count] : ids) {
      INFO(id);
      CHECK(count == 1);
    }
    const std::regex reference("(?:href=\"#|aria-labelledby=\")([^\"]*)\"");
    std::size_t references = 0;
    for (auto it = std::sregex_iterator(page->begin(), page->end(), reference); it != std::sregex_iterator(); ++it) {
      INFO((*it)[1]);
      CHECK(ids.contains((*it)[1]));
      ++references;
    }
    CHECK(references > 20);
  }

  // The data once, its words in both languages; the page is the same whichever it opens in, but
  // for which copy comes first and is shown, and the title.
  CHECK(contains(en, "\"text\":{\"en\":["));
  CHECK(contains(en, "],\"cy\":["));
  CHECK(en.find("id=\"dashboard-data\"") == en.rfind("id=\"dashboard-data\""));
  CHECK(en.size() + 64 > cy.size());
  CHECK(cy.size() + 64 > en.size());

  // A council's own heading: title in the English copy, title_cy in the Welsh one (and in the
  // page's title and the script's words when it opens in Welsh); without title_cy, title in both.
  page_options.title = "Improvement board";
  const std::string only_english = page_in(Language::cy);
  CHECK(contains(only_english, "<title>Improvement board</title>"));
  CHECK(count_of(only_english, "<h1>Improvement board</h1>") == 2);
  page_options.title_cy = "Bwrdd gwella";
  const std::string both = page_in(Language::cy);
  CHECK(contains(both, "<title>Bwrdd gwella</title>"));
  CHECK(count_of(both, "<h1>Bwrdd gwella</h1>") == 1);
  CHECK(count_of(both, "<h1>Improvement board</h1>") == 1);
  CHECK(both.find("<h1>Bwrdd gwella</h1>") < both.find("<h1>Improvement board</h1>"));
  CHECK(contains(both, "{\"title\":\"Bwrdd gwella\""));
  CHECK(contains(both, "{\"title\":\"Improvement board\""));
}
