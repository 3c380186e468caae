#include "timescales/catalogue.hpp"

#include <sstream>

#include "timescales/examples.hpp"
#include "timescales/rule_text.hpp"
#include "timescales/wording.hpp"

namespace timescales {

namespace {

// "| a | b |\n|---|---|\n": a Markdown table's header row and rule.
std::string table_header(const std::vector<std::string_view>& columns) {
  std::string out = "|";
  for (std::string_view c : columns) out += " " + std::string(c) + " |";
  out += "\n|";
  for (std::size_t i = 0; i < columns.size(); ++i) out += "---|";
  return out + "\n";
}

}  // namespace

std::string catalogue_markdown(const Rulebook& rules, Language language) {
  using namespace catalogue_text;
  std::ostringstream out;
  out << "# " << title(language) << "\n\n" << preamble(language) << "\n\n";
  if (!rules.settings().empty()) {
    out << settings_intro(language) << "\n\n" << table_header(settings_columns(language));
    for (const DateSetting& d : rules.settings()) {
      out << "| `" << d.name << "` | " << setting_value(d, language) << " | " << to_string(d.earliest) << " | "
          << one_line(setting_summary(d, language)) << " |\n";
    }
    out << "\n";
  }
  out << table_header(rules_columns(language));
  for (const Rule& r : rules.rules()) {
    out << "| `" << r.id << "` | " << markdown_cell(std::string(rule_title(r, language))) << " | " << standard_shown(r.standard, language) << " | " << confidence_shown(r.confidence, language)
        << " | " << timescales::in_effect(r.effective_from, r.effective_to, language) << " | "
        << markdown_cell(r.source.provision) << " |\n";
  }
  if (!rules.not_encoded().empty()) {
    out << "\n## " << not_encoded_heading(language) << "\n\n" << not_encoded_intro(language) << "\n\n"
        << table_header(not_encoded_columns(language));
    for (const NotEncoded& n : rules.not_encoded()) {
      out << "| " << not_encoded_duty(n, language) << " | " << n.provision << " | " << not_encoded_reason(n, language)
          << " |\n";
    }
  }
  for (const Rule& r : rules.rules()) {
    out << "\n## " << r.id << (r.effective_to ? " (" + version_dates(r, language) + ")" : "") << "\n\n**" << r.title
        << "**" << (r.title_cy.empty() ? "" : " / *" + r.title_cy + "*") << "\n\n"
        << one_line(rule_summary(r, language)) << "\n\n"
        << "- " << standing(r, language) << "\n"
        << "- " << in_effect(r, language) << "\n"
        << "- " << source(r, language) << "\n"
        << "- " << quotation(r, language) << "\n"
        << "- " << trigger(r, language) << "\n";
    if (!r.except_when.empty()) out << "- " << exception(r, language) << "\n";
    out << "- " << completion(r, language) << "\n"
        << "- " << calendar(r, language) << "\n"
        << "- " << stops(r, language) << "\n"
        << "- " << time_limits(r, language) << "\n";
    for (const Variant& v : r.variants) {
      // A sub-item, and so is any "- " a provision happens to hold (the layout docs/rules.md has).
      std::string line = "- " + timing(r, v, language);
      for (std::size_t at = 0; (at = line.find("- ", at)) != std::string::npos; at += 4) line.insert(at, "  ");
      out << line << "\n";
    }
    if (r.variation) out << "- " << variation(*r.variation, language) << "\n";
    if (!r.examples.empty()) out << "\n" << worked_examples(language) << "\n";
    for (const Example& ex : r.examples) {
      const ExampleResult result = run_example(rules, r, ex);
      out << "\n*" << ex.name << "* " << example_as_of(ex, result.passed(), language) << "\n\n"
          << table_header(example_event_columns(language));
      for (const ExampleEvent& e : ex.events) {
        out << "| " << to_string(e.date) << " | `" << name(e.type) << "` | ";
        for (std::size_t i = 0; i < e.attributes.size(); ++i) {
          out << (i ? ", " : "") << name(e.attributes[i].first) << " = " << markdown_cell(e.attributes[i].second);
        }
        out << " |\n";
      }
      out << "\n";
      if (ex.expect.empty()) out << no_obligation(language) << "\n";
      else out << table_header(example_expect_columns(language));
      for (const ExpectedObligation& x : ex.expect) {
        out << "| " << standard_shown(x.standard, language) << " | " << x.occurrence << " | " << to_string(x.due) << " | "
            << (x.completed ? to_string(*x.completed) : "") << " | " << x.status << " |\n";
      }
      for (const ExpectedFinding& f : ex.findings) out << "\n" << finding(f, language) << "\n";
    }
  }
  return out.str();
}

}  // namespace timescales
