// The sentences of rule_text.hpp. Each function switches on the language: a translation is one
// more case in each.
#include "timescales/rule_text.hpp"

#include <utility>

#include "timescales/wording.hpp"

namespace timescales {

namespace {

// An identifier as the catalogue (Markdown) or `rules show` (plain) sets it.
enum class Markup : std::uint8_t { plain, markdown };

std::string code(std::string_view identifier, Markup markup) {
  return markup == Markup::markdown ? "`" + std::string(identifier) + "`" : std::string(identifier);
}

// "during the first 12 months", "until the first `x`", "after occurrence 2", "when `c`": when a
// phase's interval applies, in the words the catalogue and `rules show` share.
std::vector<std::string> phase_conditions(const Phase& p, Markup markup, Language language) {
  std::vector<std::string> out;
  switch (language) {
    case Language::en:
    case Language::cy:
      if (p.during) out.push_back("during the first " + period_words(*p.during, language));
      if (p.until) out.push_back("until the first " + code(name(*p.until), markup));
      if (p.after_occurrence) out.push_back("after occurrence " + std::to_string(*p.after_occurrence));
      for (const Condition& c : p.when) out.push_back("when " + code(condition_words(c, language), markup));
      return out;
  }
  std::unreachable();
}

// A date of effect, with the rulebook setting it comes from.
std::string effect_date(Date d, const std::string& setting, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: return to_string(d) + (setting.empty() ? "" : " (setting `" + setting + "`)");
  }
  std::unreachable();
}

}  // namespace

namespace catalogue_text {

constexpr Markup markdown = Markup::markdown;

std::string_view title(Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: return "The rule catalogue";
  }
  std::unreachable();
}

std::string_view preamble(Language language) {
  switch (language) {
    case Language::en:
    case Language::cy:
      return "Generated from the rule files by `timescales rules doc`; do not edit by hand. The counting\n"
             "conventions (C1-C14) are in `docs/conventions.md`; the file format in `docs/rule-format.md`.\n"
             "A rule whose confidence is `probable` or `unconfirmed` is not settled law (C13).";
  }
  std::unreachable();
}

std::string_view settings_intro(Language language) {
  switch (language) {
    case Language::en:
    case Language::cy:
      return "Settings of this rulebook (dates that rules name; a council may set its own within the range):";
  }
  std::unreachable();
}

std::vector<std::string_view> settings_columns(Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: return {"setting", "date", "earliest", "what it is"};
  }
  std::unreachable();
}

std::string setting_value(const DateSetting& setting, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: return to_string(setting.value) + (setting.set_in.empty() ? "" : " (set in " + setting.set_in + ")");
  }
  std::unreachable();
}

std::vector<std::string_view> rules_columns(Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: return {"rule", "title", "standard", "confidence", "in effect", "source"};
  }
  std::unreachable();
}

std::string_view not_encoded_heading(Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: return "Not encoded";
  }
  std::unreachable();
}

std::string_view not_encoded_intro(Language language) {
  switch (language) {
    case Language::en:
    case Language::cy:
      return "Duties known to exist whose timescale is not encoded, because the law's own text was not read or "
             "does not settle it. Nothing is guessed for them.";
  }
  std::unreachable();
}

std::vector<std::string_view> not_encoded_columns(Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: return {"duty", "provision", "why not"};
  }
  std::unreachable();
}

std::string version_dates(const Rule& r, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: return to_string(r.effective_from) + (r.effective_to ? " to " + to_string(*r.effective_to) : "");
  }
  std::unreachable();
}

std::string standing(const Rule& r, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy:
      return "Standard: " + std::string(name(r.standard)) + "; confidence: " + std::string(name(r.confidence)) +
             (r.local_standard_for ? "; a local standard for `" + *r.local_standard_for + "`" : "");
  }
  std::unreachable();
}

std::string in_effect(const Rule& r, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy:
      return "In effect: from " + effect_date(r.effective_from, r.effective_from_setting, language) +
             (r.effective_to ? " to " + effect_date(*r.effective_to, r.effective_to_setting, language) + " (exclusive)" : "") +
             (r.regime_by == RegimeBy::opening ? "; a chain is judged by the date of the event that opened it" : "") +
             (r.regime_from ? "; judged by the date of the child's latest " + code(name(*r.regime_from), markdown) : "") +
             " (C10)";
  }
  std::unreachable();
}

std::string source(const Rule& r, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy:
      return "Source: " + r.source.instrument + ", " + r.source.provision + "." +
             (r.source.url.empty() ? "" : " <" + r.source.url + ">");
  }
  std::unreachable();
}

std::string quotation(const Rule& r, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: return "Quotation: \"" + one_line(r.source.quote) + "\"";
  }
  std::unreachable();
}

std::string trigger(const Rule& r, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: {
      std::string out = "Trigger: " + code(name(r.trigger), markdown);
      for (const Condition& c : r.trigger_if) out += " with " + code(condition_words(c, language), markdown);
      if (r.once_per) out += " (the first after each " + code(name(*r.once_per), markdown) + ")";
      switch (r.on_new_trigger) {
        case OnNewTrigger::ignore: break;
        case OnNewTrigger::reanchor: out += "; a later trigger moves the clock to itself"; break;
        case OnNewTrigger::restart: out += "; a later trigger stops the open duty and starts a new one"; break;
        case OnNewTrigger::each:
          out += "; each trigger is owed its own, and one completion answers every one before it (C14)";
          break;
      }
      return out;
    }
  }
  std::unreachable();
}

std::string exception(const Rule& r, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: {
      std::string out = "Not owed when, at the trigger, ";
      for (std::size_t i = 0; i < r.except_when.size(); ++i) {
        out += (i ? " or " : "") + code(condition_words(r.except_when[i], language), markdown);
      }
      return out + " (" + r.except_provision + ")";
    }
  }
  std::unreachable();
}

std::string completion(const Rule& r, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: {
      std::string out = "Completed by: " + code(name(r.completed_by), markdown);
      for (const Condition& c : r.completed_if) out += " with " + code(condition_words(c, language), markdown);
      if (r.may_complete_before_trigger) out += "; may be done before the trigger";
      if (r.only_when_completed) out += "; timed only when it happens";
      if (r.committed_by) out += ", or once " + code(name(*r.committed_by), markdown) + " is recorded";
      return out;
    }
  }
  std::unreachable();
}

std::string calendar(const Rule& r, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: return "Calendar: " + code(r.calendar_id, markdown);
  }
  std::unreachable();
}

std::string stops(const Rule& r, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: {
      std::string out = "Stops at: ";
      for (std::size_t i = 0; i < r.stops.size(); ++i) out += (i ? ", " : "") + code(name(r.stops[i]), markdown);
      return out;
    }
  }
  std::unreachable();
}

std::string time_limits(const Rule& r, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: return std::string("Time limits") + (r.recurring ? " (recurring, C5, C6)" : "") + ":";
  }
  std::unreachable();
}

std::string timing(const Rule& r, const Variant& v, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: {
      std::string out;
      if (!v.placement_types.empty()) {
        out += "Placement types ";
        for (std::size_t i = 0; i < v.placement_types.size(); ++i) {
          out += (i ? ", " : "") + code(name(v.placement_types[i]), markdown);
        }
        out += (v.provision.empty() ? "" : " (" + v.provision + ")") + ": ";
      }
      if (v.first) {
        out += (r.recurring ? "first within " : "within ") + period_words(*v.first, language) + " of " +
               code(name(r.trigger), markdown);
      }
      for (const Phase& p : v.phases) {
        out += v.first || &p != &v.phases.front() ? "; then " : "";
        std::string conditions;
        for (const std::string& c : phase_conditions(p, markdown, language)) conditions += (conditions.empty() ? "" : ", ") + c;
        if (!conditions.empty()) out += conditions + ", ";
        if (p.every) out += "at intervals of not more than " + period_words(*p.every, language);
        if (p.every_from) out += "at the " + code(name(*p.every_from), markdown) + " a review recorded";
        if (!p.provision.empty()) out += " (" + p.provision + ")";
      }
      return out;
    }
  }
  std::unreachable();
}

std::string variation(const Variation& v, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy:
      return "Variation (C7): " + code(name(v.attribute), markdown) + " on " + code(name(v.event), markdown) +
             ": shorter than the statutory interval is the plan standard; longer is refused with a finding";
  }
  std::unreachable();
}

std::string_view worked_examples(Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: return "Worked examples:";
  }
  std::unreachable();
}

std::string example_as_of(const Example& ex, bool holds, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: return "(as of " + to_string(ex.as_of) + (holds ? "" : "; DOES NOT HOLD") + ")";
  }
  std::unreachable();
}

std::vector<std::string_view> example_event_columns(Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: return {"date", "event", "attributes"};
  }
  std::unreachable();
}

std::string_view no_obligation(Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: return "No obligation.";
  }
  std::unreachable();
}

std::vector<std::string_view> example_expect_columns(Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: return {"standard", "occurrence", "due", "completed", "status"};
  }
  std::unreachable();
}

std::string finding(const ExpectedFinding& f, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: return "Finding: the variation on " + to_string(f.date) + " asking for " + f.asked + " is refused.";
  }
  std::unreachable();
}

}  // namespace catalogue_text

namespace show_text {

constexpr Markup plain = Markup::plain;

std::string standing(const Rule& r, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy:
      return "standard: " + std::string(name(r.standard)) + "; confidence: " + std::string(name(r.confidence)) +
             "; in effect " + timescales::in_effect(r.effective_from, r.effective_to, language) +
             "; calendar: " + r.calendar_id;
  }
  std::unreachable();
}

std::string source(const Rule& r, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: return "source: " + r.source.instrument + ", " + r.source.provision;
  }
  std::unreachable();
}

std::string duty(const Rule& r, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: {
      std::string out = "trigger: " + std::string(name(r.trigger));
      for (const Condition& c : r.trigger_if) out += " with " + condition_words(c, language);
      out += "; completed by: " + std::string(name(r.completed_by));
      for (const Condition& c : r.completed_if) out += " with " + condition_words(c, language);
      if (r.committed_by) out += "; owed once " + std::string(name(*r.committed_by)) + " is recorded";
      return out + (r.recurring ? "; recurring" : "; once");
    }
  }
  std::unreachable();
}

std::string exception(const Rule& r, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: {
      std::string out = "not owed when:";
      for (std::size_t i = 0; i < r.except_when.size(); ++i) {
        out += (i ? " or " : " ") + condition_words(r.except_when[i], language);
      }
      return out + " (" + r.except_provision + ")";
    }
  }
  std::unreachable();
}

std::string regime(EventType regime_from, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: return "regime: the date of the latest " + std::string(name(regime_from)) + " decides (C10)";
  }
  std::unreachable();
}

std::string timing_heading(const Variant& v, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: {
      std::string out = "timing";
      if (!v.placement_types.empty()) {
        out += " for";
        for (PlacementType p : v.placement_types) out += " " + std::string(name(p));
      }
      if (!v.provision.empty()) out += " (" + v.provision + ")";
      return out + ":";
    }
  }
  std::unreachable();
}

std::string first_limit(const Rule& r, const Variant& v, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy:
      return (r.recurring ? "first: within " : "within ") + period_words(*v.first, language) + " of " +
             std::string(name(r.trigger));
  }
  std::unreachable();
}

std::string phase(const Phase& p, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: {
      std::string out = "then";
      for (const std::string& c : phase_conditions(p, plain, language)) out += " " + c;
      if (p.every) out += ": every " + period_words(*p.every, language);
      if (p.every_from) out += ": at the " + std::string(name(*p.every_from)) + " a review recorded";
      if (!p.provision.empty()) out += " (" + p.provision + ")";
      return out;
    }
  }
  std::unreachable();
}

std::string stops(const Rule& r, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: {
      std::string out = "stops at:";
      for (EventType s : r.stops) out += " " + std::string(name(s));
      return out;
    }
  }
  std::unreachable();
}

std::string variation(const Variation& v, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy:
      return "variation: " + std::string(name(v.attribute)) + " on " + std::string(name(v.event)) +
             ": shorter is the plan standard, longer is refused (C7)";
  }
  std::unreachable();
}

std::string example(const Example& ex, bool holds, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy:
      return "example: " + ex.name + " (as of " + to_string(ex.as_of) + ") " + (holds ? "[holds]" : "[FAILS]");
  }
  std::unreachable();
}

std::string expected(const ExpectedObligation& x, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy:
      return "-> " + std::string(name(x.standard)) + " #" + std::to_string(x.occurrence) + " due " + to_string(x.due) +
             (x.completed ? " completed " + to_string(*x.completed) : "") + ": " + x.status;
  }
  std::unreachable();
}

}  // namespace show_text

}  // namespace timescales
