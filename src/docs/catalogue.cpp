#include "timescales/catalogue.hpp"

#include <sstream>

#include "timescales/examples.hpp"
#include "timescales/wording.hpp"

namespace timescales {

namespace {

std::string paragraph(const std::string& text) {
  std::string out;
  for (char c : text) out.push_back(c == '\n' ? ' ' : c);
  while (!out.empty() && out.front() == ' ') out.erase(out.begin());
  return out;
}

// A date of effect, with the rulebook setting it comes from.
std::string effect_date(Date d, const std::string& setting) {
  return to_string(d) + (setting.empty() ? "" : " (setting `" + setting + "`)");
}

void timing(std::ostream& out, const Rule& r) {
  for (const Variant& v : r.variants) {
    out << "- ";
    if (!v.placement_types.empty()) {
      out << "Placement types ";
      for (std::size_t i = 0; i < v.placement_types.size(); ++i) {
        out << (i ? ", " : "") << "`" << placement_type_names[static_cast<std::size_t>(v.placement_types[i])] << "`";
      }
      out << (v.provision.empty() ? "" : " (" + v.provision + ")") << ": ";
    }
    if (v.first) out << (r.recurring ? "first within " : "within ") << to_string(*v.first) << " of `" << name(r.trigger) << "`";
    for (const Phase& p : v.phases) {
      out << (v.first || &p != &v.phases.front() ? "; then " : "");
      std::string conditions;
      const auto add = [&](const std::string& c) { conditions += (conditions.empty() ? "" : ", ") + c; };
      if (p.during) add("during the first " + to_string(*p.during));
      if (p.until) add("until the first `" + std::string(name(*p.until)) + "`");
      if (p.after_occurrence) add("after occurrence " + std::to_string(*p.after_occurrence));
      for (const Condition& c : p.when) add("when `" + condition_words(c, Language::en) + "`");
      if (!conditions.empty()) out << conditions << ", ";
      if (p.every) out << "at intervals of not more than " << to_string(*p.every);
      if (p.every_from) out << "at the `" << name(*p.every_from) << "` a review recorded";
      if (!p.provision.empty()) out << " (" << p.provision << ")";
    }
    out << "\n";
  }
}

}  // namespace

std::string catalogue_markdown(const Rulebook& rules) {
  std::ostringstream out;
  out << "# The rule catalogue\n\n"
      << "Generated from the rule files by `timescales rules doc`; do not edit by hand. The counting\n"
      << "conventions (C1-C14) are in `docs/conventions.md`; the file format in `docs/rule-format.md`.\n"
      << "A rule whose confidence is `probable` or `unconfirmed` is not settled law (C13).\n\n";
  if (!rules.settings().empty()) {
    out << "Settings of this rulebook (dates that rules name; a council may set its own within the range):\n\n"
        << "| setting | date | earliest | what it is |\n|---|---|---|---|\n";
    for (const DateSetting& d : rules.settings()) {
      out << "| `" << d.name << "` | " << to_string(d.value) << (d.set_in.empty() ? "" : " (set in " + d.set_in + ")")
          << " | " << to_string(d.earliest) << " | " << paragraph(d.summary) << " |\n";
    }
    out << "\n";
  }
  out
      << "| rule | title | standard | confidence | in effect | source |\n|---|---|---|---|---|---|\n";
  for (const Rule& r : rules.rules()) {
    out << "| `" << r.id << "` | " << markdown_cell(r.title)
        << " | " << name(r.standard) << " | " << name(r.confidence) << " | from " << to_string(r.effective_from)
        << (r.effective_to ? " to " + to_string(*r.effective_to) : "") << " | " << markdown_cell(r.source.provision) << " |\n";
  }
  if (!rules.not_encoded().empty()) {
    out << "\n## Not encoded\n\nDuties known to exist whose timescale is not encoded, because the law's own text was "
           "not read or does not settle it. Nothing is guessed for them.\n\n| duty | provision | why not |\n|---|---|---|\n";
    for (const NotEncoded& n : rules.not_encoded()) out << "| " << n.duty << " | " << n.provision << " | " << n.reason << " |\n";
  }
  for (const Rule& r : rules.rules()) {
    out << "\n## " << r.id << (r.effective_to ? " (" + to_string(r.effective_from) + " to " + to_string(*r.effective_to) + ")" : "")
        << "\n\n**" << r.title << "**" << (r.title_cy.empty() ? "" : " / *" + r.title_cy + "*") << "\n\n"
        << paragraph(r.summary) << "\n\n"
        << "- Standard: " << name(r.standard) << "; confidence: " << name(r.confidence)
        << (r.local_standard_for ? "; a local standard for `" + *r.local_standard_for + "`" : "") << "\n"
        << "- In effect: from " << effect_date(r.effective_from, r.effective_from_setting)
        << (r.effective_to ? " to " + effect_date(*r.effective_to, r.effective_to_setting) + " (exclusive)" : "")
        << (r.regime_by == RegimeBy::opening ? "; a chain is judged by the date of the event that opened it" : "")
        << (r.regime_from ? "; judged by the date of the child's latest `" + std::string(name(*r.regime_from)) + "`" : "")
        << " (C10)\n"
        << "- Source: " << r.source.instrument << ", " << r.source.provision << "."
        << (r.source.url.empty() ? "" : " <" + r.source.url + ">") << "\n"
        << "- Quotation: \"" << paragraph(r.source.quote) << "\"\n"
        << "- Trigger: `" << name(r.trigger) << "`";
    for (const Condition& c : r.trigger_if) out << " with `" << condition_words(c, Language::en) << "`";
    if (r.once_per) out << " (the first after each `" << name(*r.once_per) << "`)";
    if (r.on_new_trigger == OnNewTrigger::reanchor) out << "; a later trigger moves the clock to itself";
    if (r.on_new_trigger == OnNewTrigger::restart) out << "; a later trigger stops the open duty and starts a new one";
    if (r.on_new_trigger == OnNewTrigger::each) out << "; each trigger is owed its own, and one completion answers every one before it (C14)";
    if (!r.except_when.empty()) {
      out << "\n- Not owed when, at the trigger, ";
      for (std::size_t i = 0; i < r.except_when.size(); ++i) out << (i ? " or " : "") << "`" << condition_words(r.except_when[i], Language::en) << "`";
      out << " (" << r.except_provision << ")";
    }
    out << "\n- Completed by: `" << name(r.completed_by) << "`";
    for (const Condition& c : r.completed_if) out << " with `" << condition_words(c, Language::en) << "`";
    if (r.may_complete_before_trigger) out << "; may be done before the trigger";
    if (r.only_when_completed) out << "; timed only when it happens";
    if (r.committed_by) out << ", or once `" << name(*r.committed_by) << "` is recorded";
    out << "\n- Calendar: `" << r.calendar_id << "`\n- Stops at: ";
    for (std::size_t i = 0; i < r.stops.size(); ++i) out << (i ? ", " : "") << "`" << name(r.stops[i]) << "`";
    out << "\n- Time limits" << (r.recurring ? " (recurring, C5, C6)" : "") << ":\n";
    std::ostringstream limits;
    timing(limits, r);
    std::string text = limits.str();
    for (std::size_t at = 0; (at = text.find("- ", at)) != std::string::npos; at += 4) text.insert(at, "  ");
    out << text;
    if (r.variation) {
      out << "- Variation (C7): `" << name(r.variation->attribute) << "` on `" << name(r.variation->event)
          << "`: shorter than the statutory interval is the plan standard; longer is refused with a finding\n";
    }
    if (!r.examples.empty()) out << "\nWorked examples:\n";
    for (const Example& ex : r.examples) {
      const ExampleResult result = run_example(rules, r, ex);
      out << "\n*" << ex.name << "* (as of " << to_string(ex.as_of) << (result.passed() ? "" : "; DOES NOT HOLD") << ")\n\n"
          << "| date | event | attributes |\n|---|---|---|\n";
      for (const ExampleEvent& e : ex.events) {
        out << "| " << to_string(e.date) << " | `" << name(e.type) << "` | ";
        for (std::size_t i = 0; i < e.attributes.size(); ++i) {
          out << (i ? ", " : "") << name(e.attributes[i].first) << " = " << markdown_cell(e.attributes[i].second);
        }
        out << " |\n";
      }
      out << "\n";
      if (ex.expect.empty()) out << "No obligation.\n";
      else out << "| standard | occurrence | due | completed | status |\n|---|---|---|---|---|\n";
      for (const ExpectedObligation& x : ex.expect) {
        out << "| " << name(x.standard) << " | " << x.occurrence << " | " << to_string(x.due) << " | "
            << (x.completed ? to_string(*x.completed) : "") << " | " << x.status << " |\n";
      }
      for (const ExpectedFinding& f : ex.findings) {
        out << "\nFinding: the variation on " << to_string(f.date) << " asking for " << f.asked << " is refused.\n";
      }
    }
  }
  return out.str();
}

}  // namespace timescales
