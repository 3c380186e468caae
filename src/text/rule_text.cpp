// The sentences of rule_text.hpp, from the message catalogues (text/catalogue.hpp): each is one
// message, written once in English, so that a translation may order its words as its grammar
// needs. Identifiers (events, attributes, settings, provisions) are fields, never translated.
#include "timescales/rule_text.hpp"

#include "text/catalogue.hpp"
#include "timescales/wording.hpp"

namespace timescales {

namespace {

using text::marked;
using text::say;

// An identifier as the catalogue (Markdown) or `rules show` (plain) sets it.
enum class Markup : std::uint8_t { plain, markdown };

std::string code(std::string_view identifier, Markup markup) {
  return markup == Markup::markdown ? "`" + std::string(identifier) + "`" : std::string(identifier);
}

std::string joined(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? std::string(separator) : "") + items[i];
  return out;
}

// "`placement_start` with `placement_type = standard`": an event and the conditions it must meet.
std::string with_conditions(EventType event, const std::vector<Condition>& conditions, Markup markup, Language language) {
  std::string out = code(name(event), markup);
  for (const Condition& c : conditions) out = say(language, "{0} with {1}", {out, code(condition_words(c, language), markup)});
  return out;
}

// "`a = x` or `b = y`": any one of the conditions.
std::string any_of(const std::vector<Condition>& conditions, Markup markup, Language language) {
  std::string out;
  for (const Condition& c : conditions) {
    const std::string words = code(condition_words(c, language), markup);
    out = out.empty() ? words : say(language, "{0} or {1}", {out, words});
  }
  return out;
}

// "during the first 12 months", "until the first `x`", "after occurrence 2", "when `c`": when a
// phase's interval applies, in the words the catalogue and `rules show` share.
std::vector<std::string> phase_conditions(const Phase& p, Markup markup, Language language) {
  std::vector<std::string> out;
  if (p.during) out.push_back(say(language, "during the first {0}", {period_words(*p.during, language)}));
  if (p.until) out.push_back(say(language, "until the first {0}", {code(name(*p.until), markup)}));
  if (p.after_occurrence) out.push_back(say(language, "after occurrence {0}", {std::to_string(*p.after_occurrence)}));
  for (const Condition& c : p.when) out.push_back(say(language, "when {0}", {code(condition_words(c, language), markup)}));
  return out;
}

// A date of effect, with the rulebook setting it comes from.
std::string effect_date(Date d, const std::string& setting, Language language) {
  return setting.empty() ? to_string(d) : say(language, "{0} (setting {1})", {to_string(d), code(setting, Markup::markdown)});
}

// A table's column titles, translated one by one.
std::vector<std::string_view> columns(std::initializer_list<text::Marked> titles, Language language) {
  std::vector<std::string_view> out;
  for (const text::Marked& title : titles) out.push_back(text::word(language, title));
  return out;
}

}  // namespace

std::string standard_shown(Standard standard, Language language) {
  if (language == Language::en) return std::string(name(standard));
  return std::string(standard_name(standard, language)) + " (" + std::string(name(standard)) + ")";
}

std::string confidence_shown(Confidence confidence, Language language) {
  if (language == Language::en) return std::string(name(confidence));
  return std::string(dashboard_text::confidence_name(confidence, language)) + " (" + std::string(name(confidence)) + ")";
}

namespace catalogue_text {

constexpr Markup markdown = Markup::markdown;

// Headings are views of the catalogue itself, so they are looked up with word() and a context.
std::string_view title(Language language) { return text::word(language, marked("rule catalogue", "The rule catalogue")); }

std::string_view preamble(Language language) {
  return text::word(language,
                    marked("rule catalogue",
                           "Generated from the rule files by `timescales rules doc`; do not edit by hand. The counting\n"
                           "conventions (C1-C14) are in `docs/conventions.md`; the file format in `docs/rule-format.md`.\n"
                           "A rule whose confidence is `probable` or `unconfirmed` is not settled law (C13)."));
}

std::string_view settings_intro(Language language) {
  return text::word(
      language,
      marked("rule catalogue", "Settings of this rulebook (dates that rules name; a council may set its own within the range):"));
}

std::vector<std::string_view> settings_columns(Language language) {
  return columns({marked("catalogue column", "setting"), marked("catalogue column", "date"), marked("catalogue column", "earliest"),
                  marked("catalogue column", "what it is")},
                 language);
}

std::string setting_value(const DateSetting& setting, Language language) {
  return setting.set_in.empty() ? to_string(setting.value)
                                : say(language, "{0} (set in {1})", {to_string(setting.value), setting.set_in});
}

std::vector<std::string_view> rules_columns(Language language) {
  return columns({marked("catalogue column", "rule"), marked("catalogue column", "title"), marked("catalogue column", "standard"),
                  marked("catalogue column", "confidence"), marked("catalogue column", "in effect"), marked("catalogue column", "source")},
                 language);
}

std::string_view not_encoded_heading(Language language) {
  return text::word(language, marked("rule catalogue", "Not encoded"));
}

std::string_view not_encoded_intro(Language language) {
  return text::word(language, marked("rule catalogue",
                                     "Duties known to exist whose timescale is not encoded, because the law's own text "
                                     "was not read or does not settle it. Nothing is guessed for them."));
}

std::vector<std::string_view> not_encoded_columns(Language language) {
  return columns({marked("catalogue column", "duty"), marked("catalogue column", "provision"), marked("catalogue column", "why not")}, language);
}

std::string version_dates(const Rule& r, Language language) {
  return r.effective_to ? say(language, "{0} to {1}", {to_string(r.effective_from), to_string(*r.effective_to)})
                        : to_string(r.effective_from);
}

std::string standing(const Rule& r, Language language) {
  const std::string standard = standard_shown(r.standard, language), confidence = confidence_shown(r.confidence, language);
  return r.local_standard_for
             ? say(language, "Standard: {0}; confidence: {1}; a local standard for {2}",
                   {standard, confidence, code(*r.local_standard_for, markdown)})
             : say(language, "Standard: {0}; confidence: {1}", {standard, confidence});
}

std::string in_effect(const Rule& r, Language language) {
  const std::string from = effect_date(r.effective_from, r.effective_from_setting, language);
  std::vector<std::string> facts{
      r.effective_to
          ? say(language, "from {0} to {1} (exclusive)", {from, effect_date(*r.effective_to, r.effective_to_setting, language)})
          : say(language, "from {0}", {from})};
  if (r.regime_by == RegimeBy::opening) facts.push_back(say(language, "a chain is judged by the date of the event that opened it"));
  if (r.regime_from) {
    facts.push_back(say(language, "judged by the date of the child's latest {0}", {code(name(*r.regime_from), markdown)}));
  }
  return say(language, "In effect: {0} (C10)", {joined(facts, "; ")});
}

std::string source(const Rule& r, Language language) {
  return say(language, "Source: {0}, {1}.", {r.source.instrument, r.source.provision}) +
         (r.source.url.empty() ? "" : " <" + r.source.url + ">");
}

std::string quotation(const Rule& r, Language language) {
  return say(language, "Quotation: \"{0}\"", {one_line(r.source.quote)});
}

std::string trigger(const Rule& r, Language language) {
  std::string event = with_conditions(r.trigger, r.trigger_if, markdown, language);
  if (r.once_per) event = say(language, "{0} (the first after each {1})", {event, code(name(*r.once_per), markdown)});
  std::string out = say(language, "Trigger: {0}", {event});
  switch (r.on_new_trigger) {
    case OnNewTrigger::ignore: break;
    case OnNewTrigger::reanchor: out += "; " + say(language, "a later trigger moves the clock to itself"); break;
    case OnNewTrigger::restart: out += "; " + say(language, "a later trigger stops the open duty and starts a new one"); break;
    case OnNewTrigger::each:
      out += "; " + say(language, "each trigger is owed its own, and one completion answers every one before it (C14)");
      break;
  }
  return out;
}

std::string exception(const Rule& r, Language language) {
  return say(language, "Not owed when, at the trigger, {0} ({1})", {any_of(r.except_when, markdown, language), r.except_provision});
}

std::string completion(const Rule& r, Language language) {
  std::string out = say(language, "Completed by: {0}", {with_conditions(r.completed_by, r.completed_if, markdown, language)});
  if (r.may_complete_before_trigger) out += "; " + say(language, "may be done before the trigger");
  if (r.only_when_completed) out += "; " + say(language, "timed only when it happens");
  if (r.committed_by) out = say(language, "{0}, or once {1} is recorded", {out, code(name(*r.committed_by), markdown)});
  return out;
}

std::string calendar(const Rule& r, Language language) {
  return say(language, "Calendar: {0}", {code(r.calendar_id, markdown)});
}

std::string stops(const Rule& r, Language language) {
  std::vector<std::string> events;
  for (EventType s : r.stops) events.push_back(code(name(s), markdown));
  return say(language, "Stops at: {0}", {joined(events, ", ")});
}

std::string time_limits(const Rule& r, Language language) {
  return r.recurring ? say(language, "Time limits (recurring, C5, C6):") : say(language, "Time limits:");
}

std::string timing(const Rule& r, const Variant& v, Language language) {
  std::string out;
  if (v.first) {
    const std::string period = period_words(*v.first, language), trigger = code(name(r.trigger), markdown);
    out = r.recurring ? say(language, "first within {0} of {1}", {period, trigger})
                      : say(language, "within {0} of {1}", {period, trigger});
  }
  for (const Phase& p : v.phases) {
    // A phase's conditions, then its interval (every or every_from), as one list.
    std::vector<std::string> parts = phase_conditions(p, markdown, language);
    parts.push_back((p.every ? say(language, "at intervals of not more than {0}", {period_words(*p.every, language)}) : "") +
                    (p.every_from ? say(language, "at the {0} a review recorded", {code(name(*p.every_from), markdown)}) : ""));
    const std::string step = joined(parts, ", ") + (p.provision.empty() ? "" : " (" + p.provision + ")");
    out = v.first || &p != &v.phases.front() ? say(language, "{0}; then {1}", {out, step}) : step;
  }
  if (v.placement_types.empty()) return out;
  std::vector<std::string> types;
  for (PlacementType t : v.placement_types) types.push_back(code(name(t), markdown));
  return v.provision.empty() ? say(language, "Placement types {0}: {1}", {joined(types, ", "), out})
                             : say(language, "Placement types {0} ({1}): {2}", {joined(types, ", "), v.provision, out});
}

std::string variation(const Variation& v, Language language) {
  return say(language,
             "Variation (C7): {0} on {1}: shorter than the statutory interval is the plan standard; longer is refused "
             "with a finding",
             {code(name(v.attribute), markdown), code(name(v.event), markdown)});
}

std::string_view worked_examples(Language language) { return text::word(language, marked("rule catalogue", "Worked examples:")); }

std::string example_as_of(const Example& ex, bool holds, Language language) {
  return holds ? say(language, "(as of {0})", {to_string(ex.as_of)}) : say(language, "(as of {0}; DOES NOT HOLD)", {to_string(ex.as_of)});
}

std::vector<std::string_view> example_event_columns(Language language) {
  return columns({marked("catalogue column", "date"), marked("catalogue column", "event"), marked("catalogue column", "attributes")}, language);
}

std::string_view no_obligation(Language language) { return text::word(language, marked("rule catalogue", "No obligation.")); }

std::vector<std::string_view> example_expect_columns(Language language) {
  return columns({marked("catalogue column", "standard"), marked("catalogue column", "occurrence"), marked("catalogue column", "due"),
                  marked("catalogue column", "completed"), marked("catalogue column", "status")},
                 language);
}

std::string finding(const ExpectedFinding& f, Language language) {
  return say(language, "Finding: the variation on {0} asking for {1} is refused.", {to_string(f.date), f.asked});
}

}  // namespace catalogue_text

namespace show_text {

constexpr Markup plain = Markup::plain;

std::string standing(const Rule& r, Language language) {
  return say(language, "standard: {0}; confidence: {1}; in effect {2}; calendar: {3}",
             {standard_shown(r.standard, language), confidence_shown(r.confidence, language), timescales::in_effect(r.effective_from, r.effective_to, language),
              r.calendar_id});
}

std::string source(const Rule& r, Language language) {
  return say(language, "source: {0}, {1}", {r.source.instrument, r.source.provision});
}

std::string duty(const Rule& r, Language language) {
  std::vector<std::string> facts{
      say(language, "trigger: {0}", {with_conditions(r.trigger, r.trigger_if, plain, language)}),
      say(language, "completed by: {0}", {with_conditions(r.completed_by, r.completed_if, plain, language)})};
  if (r.committed_by) facts.push_back(say(language, "owed once {0} is recorded", {name(*r.committed_by)}));
  // "once" alone is ambiguous to a translator: the context says it is a duty owed one time.
  facts.emplace_back(text::word(language, r.recurring ? marked("duty", "recurring") : marked("duty", "once")));
  return joined(facts, "; ");
}

std::string exception(const Rule& r, Language language) {
  return say(language, "not owed when: {0} ({1})", {any_of(r.except_when, plain, language), r.except_provision});
}

std::string regime(EventType regime_from, Language language) {
  return say(language, "regime: the date of the latest {0} decides (C10)", {name(regime_from)});
}

std::string timing_heading(const Variant& v, Language language) {
  std::vector<std::string> types;
  for (PlacementType p : v.placement_types) types.emplace_back(name(p));
  std::string out = types.empty() ? say(language, "timing") : say(language, "timing for {0}", {joined(types, " ")});
  if (!v.provision.empty()) out += " (" + v.provision + ")";
  return out + ":";
}

std::string first_limit(const Rule& r, const Variant& v, Language language) {
  const std::string period = period_words(*v.first, language);
  const std::string_view trigger = name(r.trigger);
  return r.recurring ? say(language, "first: within {0} of {1}", {period, trigger})
                     : say(language, "within {0} of {1}", {period, trigger});
}

std::string phase(const Phase& p, Language language) {
  const std::vector<std::string> conditions = phase_conditions(p, plain, language);
  std::string out = conditions.empty() ? say(language, "then") : say(language, "then {0}", {joined(conditions, " ")});
  if (p.every) out = say(language, "{0}: every {1}", {out, period_words(*p.every, language)});
  if (p.every_from) out = say(language, "{0}: at the {1} a review recorded", {out, name(*p.every_from)});
  if (!p.provision.empty()) out += " (" + p.provision + ")";
  return out;
}

std::string stops(const Rule& r, Language language) {
  std::vector<std::string> events;
  for (EventType s : r.stops) events.emplace_back(name(s));
  return events.empty() ? say(language, "stops at:") : say(language, "stops at: {0}", {joined(events, " ")});
}

std::string variation(const Variation& v, Language language) {
  return say(language, "variation: {0} on {1}: shorter is the plan standard, longer is refused (C7)",
             {name(v.attribute), name(v.event)});
}

std::string example(const Example& ex, bool holds, Language language) {
  return holds ? say(language, "example: {0} (as of {1}) [holds]", {ex.name, to_string(ex.as_of)})
               : say(language, "example: {0} (as of {1}) [FAILS]", {ex.name, to_string(ex.as_of)});
}

std::string expected(const ExpectedObligation& x, Language language) {
  const std::string standard(name(x.standard)), occurrence = std::to_string(x.occurrence), due = to_string(x.due);
  return x.completed ? say(language, "-> {0} #{1} due {2} completed {3}: {4}", {standard, occurrence, due, to_string(*x.completed), x.status})
                     : say(language, "-> {0} #{1} due {2}: {3}", {standard, occurrence, due, x.status});
}

}  // namespace show_text

}  // namespace timescales
