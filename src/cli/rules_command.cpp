// timescales rules list|show|check: the rule catalogue, one rule in full, and validating a
// directory of rule files (the project's own, or a council's local standards) with its examples.
#include <filesystem>
#include <iostream>
#include <set>

#include "cli/commands.hpp"
#include "cli/problems.hpp"
#include "timescales/catalogue.hpp"
#include "timescales/examples.hpp"
#include "timescales/load.hpp"
#include "timescales/load_measures.hpp"
#include "timescales/target.hpp"
#include "timescales/report.hpp"
#include "timescales/rule_text.hpp"
#include "timescales/wording.hpp"
#include "timescales/write.hpp"

namespace timescales::cli {

namespace {

// A directory that is not there or cannot be read is a usage error (2); rules with problems are findings (1).
std::expected<Rulebook, int> rulebook(const RulesOptions& options) {
  std::vector<std::string> dirs = options.local;
  if (options.dir) dirs.insert(dirs.begin(), *options.dir);
  for (const std::string& dir : dirs) {
    if (const auto files = read_sources(dir); !files) {
      std::cerr << "timescales rules: " << files.error().message << "\n";
      return std::unexpected(exit_usage);
    }
  }
  auto loaded = load_rules(options);
  if (!loaded) {
    std::cerr << "timescales rules: " << loaded.error() << "\n";
    return std::unexpected(exit_findings);
  }
  return std::move(*loaded);
}

// One line per rule, tab-separated; with --format json an array of objects with these keys.
constexpr std::string_view rule_list_keys[] = {"id", "title", "standard", "confidence", "citation", "in_effect"};

int list(const RulesOptions& dir, bool json) {
  const auto book = rulebook(dir);
  if (!book) return book.error();
  if (json) std::cout << '[';
  for (const Rule& r : book->rules()) {
    const std::string values[] = {r.id,
                                  r.title,
                                  std::string(name(r.standard)),
                                  std::string(name(r.confidence)),
                                  r.source.instrument + ", " + r.source.provision,
                                  in_effect(r.effective_from, r.effective_to, Language::en)};  // for programs: English
    static_assert(std::size(values) == std::size(rule_list_keys));
    if (json) std::cout << (&r == &book->rules().front() ? "\n{" : ",\n{");
    for (std::size_t k = 0; k < std::size(values); ++k) {
      if (!json) {
        std::cout << (k ? "\t" : "") << values[k];
        continue;
      }
      std::cout << (k ? ",\"" : "\"") << rule_list_keys[k] << "\":";
      write_json_string(std::cout, values[k]);
    }
    std::cout << (json ? "}" : "\n");
  }
  if (json) std::cout << (book->rules().empty() ? "]\n" : "\n]\n");
  return exit_ok;
}

int show(const std::string& id, const RulesOptions& dir, Language language) {
  const auto book = rulebook(dir);
  if (!book) return book.error();
  const RuleFamily* family = book->family(id);
  if (family == nullptr) {
    std::cerr << "timescales rules show: no rule " << excerpt(id) << "; 'timescales rules list' lists them\n";
    return exit_usage;
  }
  using namespace show_text;
  for (const Rule* r : family->versions) {
    std::cout << r->id << ": " << r->title << (r->title_cy.empty() ? "" : " / " + r->title_cy) << "\n"
              << "  " << one_line(rule_summary(*r, language)) << "\n"
              << "  " << standing(*r, language) << "\n"
              << "  " << source(*r, language) << "\n"
              << (r->source.url.empty() ? "" : "          " + r->source.url + "\n")
              << "          \"" << one_line(r->source.quote) << "\"\n"
              << "  " << duty(*r, language) << "\n";
    if (!r->except_when.empty()) std::cout << "  " << exception(*r, language) << "\n";
    if (r->regime_from) std::cout << "  " << regime(*r->regime_from, language) << "\n";
    for (const Variant& v : r->variants) {
      std::cout << "  " << timing_heading(v, language) << "\n";
      if (v.first) std::cout << "    " << first_limit(*r, v, language) << "\n";
      for (const Phase& p : v.phases) std::cout << "    " << phase(p, language) << "\n";
    }
    std::cout << "  " << stops(*r, language) << "\n";
    if (r->variation) std::cout << "  " << variation(*r->variation, language) << "\n";
    for (const Example& ex : r->examples) {
      const ExampleResult result = run_example(*book, *r, ex);
      std::cout << "  " << example(ex, result.passed(), language) << "\n";
      for (const ExampleEvent& e : ex.events) {
        std::cout << "    " << to_string(e.date) << " " << name(e.type);
        for (const auto& [a, v] : e.attributes) std::cout << " " << name(a) << "=" << v;
        std::cout << "\n";
      }
      for (const ExpectedObligation& x : ex.expect) std::cout << "    " << expected(x, language) << "\n";
      for (const std::string& d : result.differences) std::cout << "    ! " << d << "\n";
    }
    std::cout << "\n";
  }
  return exit_ok;
}

// Every word a person reads is in Welsh as well as English (issue 17): a rule, measure, setting or
// not-encoded duty of the checked directory without its Welsh title or summary is an error at its line, naming the
// field. A council's own may say english_only = true (its Welsh output falls back to English); a
// jurisdiction's rulebook may not. Loading never asks for Welsh, so evaluating never fails for it.
struct WelshFields {
  std::string_view what;  // "rule", "measure", "setting", "not-encoded duty", "jurisdiction"
  const std::string& id;
  const std::string& file;
  int line;
  bool english_only;
  std::vector<std::pair<std::string_view, const std::string*>> fields;  // name, value
};

std::size_t check_welsh(const WelshFields& w, bool rulebook, ProblemLog& log) {
  const std::string who = std::string(w.what) + " " + w.id;
  std::size_t found = 0;
  if (w.english_only && rulebook) {
    log.add(Problem{w.file, w.line, 0, Severity::error, std::string(problem_code::english_only),
                    who + ": 'english_only = true' is for a council's local layer only; a jurisdiction's rulebook gives "
                          "its Welsh text (docs/rule-format.md)"});
    ++found;
  }
  if (w.english_only && !rulebook) return found;
  for (const auto& [field, value] : w.fields) {
    if (!value->empty()) continue;
    log.add(Problem{w.file, w.line, 0, Severity::error, std::string(problem_code::no_welsh),
                    who + " has no '" + std::string(field) + "' (its Welsh " + std::string(field.substr(0, field.size() - 3)) +
                        (rulebook ? ")" : "; or, for a council's own, 'english_only = true')")});
    ++found;
  }
  return found;
}

// A directory that declares its jurisdiction is a whole rulebook, checked on its own; any other
// is a council's layer, checked exactly as --local will use it: on the built-in rules (and any
// --local given before it), its measures included. Only its own rules' and measures' examples are
// run. Every problem goes to the log (problems.hpp): text on standard error, or JSON.
int check(const std::string& dir, const RulesOptions& beneath, ProblemLog& log) {
  const auto files = read_sources(dir);
  if (!files) {
    log.unusable(dir, files.error().message);
    return exit_usage;
  }
  RulesOptions options = beneath;
  const bool rulebook_dir = declares_jurisdiction(*files);
  if (rulebook_dir) options.dir = dir;
  else options.local.push_back(dir);
  for (const std::string& under : beneath.local) {
    if (const auto readable = read_sources(under); !readable) {
      log.unusable(under, readable.error().message);
      return exit_usage;
    }
  }
  const auto book = load_rules_diagnosed(options);
  if (!book) {
    for (const Diagnostic& d : book.error().diagnostics) log.add(problem_of(d));
    if (book.error().diagnostics.empty()) log.add(Problem{dir, 0, 0, Severity::error, "", book.error().message});
    else if (!log.json()) std::cerr << "timescales rules: " << book.error().message << "\n";
    return exit_findings;
  }
  const auto problems = [&](const Diagnostics& found, std::string_view what) {
    for (const Diagnostic& d : found) log.add(problem_of(d));
    if (!log.json()) {
      std::cerr << "timescales rules: the " << what << " in " << dir << " have " << found.size()
                << (found.size() == 1 ? " problem\n" : " problems\n");
    }
    return exit_findings;
  };
  const auto measures = rulebook_measures(*book);
  if (!measures) return problems(measures.error(), "measures");
  if (const auto targets = rulebook_targets(*book, *measures); !targets) return problems(targets.error(), "targets");
  std::set<std::string> own;
  for (const SourceFile& f : *files) own.insert(f.where());
  std::size_t rules = 0;
  for (const Rule& r : book->rules()) rules += own.contains(r.file) ? 1 : 0;
  std::size_t failures = 0, examples = 0;
  for (const ExampleResult& result : run_examples(*book)) {
    if (!own.contains(result.rule->file)) continue;
    ++examples;
    if (result.passed()) continue;
    ++failures;
    log.add(example_problem(result.rule->file, result.example->line,
                            result.rule->id + " example '" + result.example->name + "'", result.differences));
  }
  std::size_t own_measures = 0;
  for (const Measure& m : *measures) {
    if (!own.contains(m.file)) continue;
    ++own_measures;
    for (const MeasureExample& ex : m.examples) {
      ++examples;
      const MeasureExampleResult result = run_measure_example(m, ex, *book);
      if (result.differences.empty()) continue;
      ++failures;
      log.add(example_problem(m.file, ex.line, m.id + " example '" + ex.name + "'", result.differences));
    }
  }
  std::size_t welsh = 0;
  for (const Rule& r : book->rules()) {
    if (!own.contains(r.file)) continue;
    welsh += check_welsh({"rule", r.id, r.file, r.line, r.english_only, {{"title_cy", &r.title_cy}, {"summary_cy", &r.summary_cy}}},
                         rulebook_dir, log);
  }
  for (const Measure& m : *measures) {
    if (!own.contains(m.file)) continue;
    welsh += check_welsh({"measure", m.id, m.file, m.line, m.english_only, {{"title_cy", &m.title_cy}, {"summary_cy", &m.summary_cy}}},
                         rulebook_dir, log);
  }
  for (const DateSetting& d : book->settings()) {
    if (!own.contains(d.file)) continue;
    welsh += check_welsh({"setting", d.name, d.file, d.line, d.english_only, {{"summary_cy", &d.summary_cy}}}, rulebook_dir, log);
  }
  for (const NotEncoded& n : book->not_encoded()) {
    if (!own.contains(n.file)) continue;
    welsh += check_welsh({"not-encoded duty", n.duty, n.file, n.line, n.english_only,
                          {{"duty_cy", &n.duty_cy}, {"reason_cy", &n.reason_cy}}},
                         rulebook_dir, log);
  }
  if (const Jurisdiction& j = book->jurisdiction(); own.contains(j.file)) {
    welsh += check_welsh({"jurisdiction", j.id, j.file, j.line, false, {{"title_cy", &j.title_cy}}}, rulebook_dir, log);
  }
  log.count("rules", rules);
  log.count("measures", own_measures);
  log.count("examples", examples);
  log.count("failing", failures);
  if (!log.json()) {
    std::cerr << rules << " rules, " << own_measures << " measures, " << examples << " examples, " << failures
              << " failing\n";
  }
  return failures == 0 && welsh == 0 ? exit_ok : exit_findings;
}

int doc(const RulesOptions& dir, Language language) {
  const auto book = rulebook(dir);
  if (!book) return book.error();
  std::cout << catalogue_markdown(*book, language);
  return exit_ok;
}

}  // namespace

void add_rules_command(CLI::App& app, int& exit_code) {
  CLI::App* rules = app.add_subcommand("rules", "The rule catalogue: list, show, check");
  rules->require_subcommand(1);
  auto dir = std::make_shared<RulesOptions>();

  auto list_format = std::make_shared<std::string>("text");
  CLI::App* list_cmd =
      rules->add_subcommand("list", "One line per rule: id, title, standard, confidence, citation, dates in effect");
  add_rules_options(list_cmd, *dir);
  list_cmd->add_option("--format", *list_format,
                       "text: a line per rule, tab-separated (the default); json: one array of objects with the keys "
                       "id, title, standard, confidence, citation, in_effect")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  list_cmd->callback([dir, list_format, &exit_code] { exit_code = list(*dir, *list_format == "json"); });

  auto id = std::make_shared<std::string>();
  CLI::App* show_cmd = rules->add_subcommand(
      "show", "Everything about a rule, its worked examples included, for people (programs read the rule's TOML file)");
  show_cmd->add_option("id", *id, "The rule id, e.g. wales.cp.icpc")->required();
  add_rules_options(show_cmd, *dir);
  auto language = std::make_shared<Language>(Language::en);
  add_language_option(show_cmd, *language);
  show_cmd->callback([id, dir, language, &exit_code] { exit_code = show(*id, *dir, *language); });

  CLI::App* doc_cmd = rules->add_subcommand("doc", "The catalogue as Markdown (regenerates docs/rules.md); 'rules list --format json' is the catalogue for programs");
  add_rules_options(doc_cmd, *dir);
  add_language_option(doc_cmd, *language);
  doc_cmd->callback([dir, language, &exit_code] { exit_code = doc(*dir, *language); });

  auto check_dir = std::make_shared<std::string>();
  auto check_format = std::make_shared<std::string>("text");
  CLI::App* check_cmd = rules->add_subcommand(
      "check", "Validate a directory of rule files and run their examples: exit 0 clean, 1 with problems, 2 unusable");
  check_cmd->add_option("dir", *check_dir, "The directory: a whole rulebook, or a council's local layer")->required();
  check_cmd->add_option("--local", dir->local, "Local directories the checked one is layered on, as in use (repeatable)")
      ->allow_extra_args(false);
  add_problem_format_option(check_cmd, *check_format);
  check_cmd->callback([check_dir, dir, check_format, &exit_code] {
    ProblemLog log("rules check", *check_format == "json");
    exit_code = check(*check_dir, *dir, log);
    log.finish(std::cout);
  });
}

}  // namespace timescales::cli
