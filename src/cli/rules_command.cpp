// timescales rules list|show|check: the rule catalogue, one rule in full, and validating a
// directory of rule files (the project's own, or a council's local standards) with its examples.
#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"
#include "timescales/catalogue.hpp"
#include "timescales/examples.hpp"
#include "timescales/load.hpp"
#include "timescales/wording.hpp"

namespace timescales::cli {

namespace {

std::string one_line(const std::string& text) {
  std::string out;
  for (char c : text) out.push_back(c == '\n' ? ' ' : c);
  while (!out.empty() && out.front() == ' ') out.erase(out.begin());
  return out;
}

std::string effect(const Rule& r) {
  return "from " + to_string(r.effective_from) + (r.effective_to ? " to " + to_string(*r.effective_to) : "");
}

// A directory that is not there or cannot be read is a usage error (2); rules with problems are findings (1).
std::expected<Rulebook, int> rulebook(const std::optional<std::string>& dir) {
  // A path that is not a directory, cannot be read or holds no .toml file is a usage error.
  if (dir) {
    if (const auto files = read_sources(*dir); !files) {
      std::cerr << "timescales rules: " << files.error().message << "\n";
      return std::unexpected(exit_usage);
    }
  }
  auto loaded = load_rules(dir);
  if (!loaded) {
    std::cerr << "timescales rules: " << loaded.error() << "\n";
    return std::unexpected(exit_findings);
  }
  return std::move(*loaded);
}

int list(const std::optional<std::string>& dir) {
  const auto book = rulebook(dir);
  if (!book) return book.error();
  for (const Rule& r : book->rules()) {
    std::cout << r.id << "\t" << r.title << "\t" << name(r.standard) << "\t" << name(r.confidence) << "\t"
              << r.source.instrument << ", " << r.source.provision << "\t" << effect(r) << "\n";
  }
  return exit_ok;
}

void show_timing(const Rule& r) {
  for (const Variant& v : r.variants) {
    std::cout << "  timing";
    if (!v.placement_types.empty()) {
      std::cout << " for";
      for (PlacementType p : v.placement_types) std::cout << " " << placement_type_names[static_cast<std::size_t>(p)];
    }
    if (!v.provision.empty()) std::cout << " (" << v.provision << ")";
    std::cout << ":\n";
    if (v.first) std::cout << "    " << (r.recurring ? "first: within " : "within ") << to_string(*v.first) << " of " << name(r.trigger) << "\n";
    for (const Phase& p : v.phases) {
      std::cout << "    then";
      if (p.during) std::cout << " during the first " << to_string(*p.during);
      if (p.until) std::cout << " until the first " << name(*p.until);
      if (p.after_occurrence) std::cout << " after occurrence " << *p.after_occurrence;
      for (const Condition& c : p.when) std::cout << " when " << condition_words(c, tool_language);
      if (p.every) std::cout << ": every " << to_string(*p.every);
      if (p.every_from) std::cout << ": at the " << name(*p.every_from) << " a review recorded";
      if (!p.provision.empty()) std::cout << " (" << p.provision << ")";
      std::cout << "\n";
    }
  }
}

int show(const std::string& id, const std::optional<std::string>& dir) {
  const auto book = rulebook(dir);
  if (!book) return book.error();
  const RuleFamily* family = book->family(id);
  if (family == nullptr) {
    std::cerr << "timescales rules show: no rule " << excerpt(id) << "; 'timescales rules list' lists them\n";
    return exit_usage;
  }
  for (const Rule* r : family->versions) {
    std::cout << r->id << ": " << r->title << (r->title_cy.empty() ? "" : " / " + r->title_cy) << "\n"
              << "  " << one_line(r->summary) << "\n"
              << "  standard: " << name(r->standard) << "; confidence: " << name(r->confidence) << "; in effect "
              << effect(*r) << "; calendar: " << r->calendar_id << "\n"
              << "  source: " << r->source.instrument << ", " << r->source.provision << "\n"
              << (r->source.url.empty() ? "" : "          " + r->source.url + "\n")
              << "          \"" << one_line(r->source.quote) << "\"\n"
              << "  trigger: " << name(r->trigger);
    for (const Condition& c : r->trigger_if) std::cout << " with " << condition_words(c, tool_language);
    std::cout << "; completed by: " << name(r->completed_by);
    for (const Condition& c : r->completed_if) std::cout << " with " << condition_words(c, tool_language);
    if (r->committed_by) std::cout << "; owed once " << name(*r->committed_by) << " is recorded";
    std::cout << (r->recurring ? "; recurring" : "; once") << "\n";
    if (!r->except_when.empty()) {
      std::cout << "  not owed when:";
      for (std::size_t i = 0; i < r->except_when.size(); ++i) std::cout << (i ? " or " : " ") << condition_words(r->except_when[i], tool_language);
      std::cout << " (" << r->except_provision << ")\n";
    }
    if (r->regime_from) std::cout << "  regime: the date of the latest " << name(*r->regime_from) << " decides (C10)\n";
    show_timing(*r);
    std::cout << "  stops at:";
    for (EventType s : r->stops) std::cout << " " << name(s);
    std::cout << "\n";
    if (r->variation) {
      std::cout << "  variation: " << name(r->variation->attribute) << " on " << name(r->variation->event)
                << ": shorter is the plan standard, longer is refused (C7)\n";
    }
    for (const Example& ex : r->examples) {
      const ExampleResult result = run_example(*book, *r, ex);
      std::cout << "  example: " << ex.name << " (as of " << to_string(ex.as_of) << ") "
                << (result.passed() ? "[holds]" : "[FAILS]") << "\n";
      for (const ExampleEvent& e : ex.events) {
        std::cout << "    " << to_string(e.date) << " " << name(e.type);
        for (const auto& [a, v] : e.attributes) std::cout << " " << name(a) << "=" << v;
        std::cout << "\n";
      }
      for (const ExpectedObligation& x : ex.expect) {
        std::cout << "    -> " << name(x.standard) << " #" << x.occurrence << " due " << to_string(x.due)
                  << (x.completed ? " completed " + to_string(*x.completed) : "") << ": " << x.status << "\n";
      }
      for (const std::string& d : result.differences) std::cout << "    ! " << d << "\n";
    }
    std::cout << "\n";
  }
  return exit_ok;
}

int check(const std::string& dir) {
  const auto book = rulebook(dir);
  if (!book) return book.error();
  int failures = 0;
  std::size_t examples = 0;
  for (const ExampleResult& result : run_examples(*book)) {
    if (result.rule->file.empty()) continue;
    ++examples;
    if (result.passed()) continue;
    ++failures;
    std::cerr << result.where() << " does not hold:\n";
    for (const std::string& d : result.differences) std::cerr << "  " << d << "\n";
  }
  std::cerr << book->rules().size() << " rules, " << examples << " examples, " << failures << " failing\n";
  return failures == 0 ? exit_ok : exit_findings;
}

int doc(const std::optional<std::string>& dir) {
  const auto book = rulebook(dir);
  if (!book) return book.error();
  std::cout << catalogue_markdown(*book);
  return exit_ok;
}

}  // namespace

void add_rules_command(CLI::App& app, int& exit_code) {
  CLI::App* rules = app.add_subcommand("rules", "The rule catalogue: list, show, check");
  rules->require_subcommand(1);
  auto dir = std::make_shared<std::optional<std::string>>();

  CLI::App* list_cmd = rules->add_subcommand("list", "One line per rule: id, title, standard, confidence, citation");
  list_cmd->add_option("--rules", *dir, "A rules directory instead of the built-in rules");
  list_cmd->callback([dir, &exit_code] { exit_code = list(*dir); });

  auto id = std::make_shared<std::string>();
  CLI::App* show_cmd = rules->add_subcommand("show", "Everything about a rule, its worked examples included");
  show_cmd->add_option("id", *id, "The rule id, e.g. wales.cp.icpc")->required();
  show_cmd->add_option("--rules", *dir, "A rules directory instead of the built-in rules");
  show_cmd->callback([id, dir, &exit_code] { exit_code = show(*id, *dir); });

  CLI::App* doc_cmd = rules->add_subcommand("doc", "The catalogue as Markdown (regenerates docs/rules.md)");
  doc_cmd->add_option("--rules", *dir, "A rules directory instead of the built-in rules");
  doc_cmd->callback([dir, &exit_code] { exit_code = doc(*dir); });

  auto check_dir = std::make_shared<std::string>();
  CLI::App* check_cmd = rules->add_subcommand(
      "check", "Validate a directory of rule files and run their examples: exit 0 clean, 1 with problems");
  check_cmd->add_option("dir", *check_dir, "The rules directory")->required();
  check_cmd->callback([check_dir, &exit_code] { exit_code = check(*check_dir); });
}

}  // namespace timescales::cli
