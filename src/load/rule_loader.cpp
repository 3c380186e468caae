// The rule compiler: rule files (TOML, docs/rule-format.md) into an immutable Rulebook, with a
// diagnostic (file, line, column, what is wrong, what was meant) for everything wrong. It goes
// on after an error wherever it can, so one run reports every problem.
#include <cctype>
#include <map>
#include <set>
#include <stdexcept>

#include "load/toml_reader.hpp"
#include "timescales/load.hpp"

namespace timescales {

namespace {

using load::TableReader;

std::vector<std::string> event_names() {
  std::vector<std::string> out;
  for (const EventInfo& e : event_infos) out.emplace_back(e.name);
  return out;
}

std::vector<std::string> attribute_names() {
  std::vector<std::string> out;
  for (const AttributeInfo& a : attribute_infos) out.emplace_back(a.name);
  return out;
}

// The choice attributes a condition may test, named for messages ("placement types"); null for
// any other attribute.
const char* condition_choices(Attribute a) {
  switch (a) {
    case Attribute::placement_type: return "placement types";
    case Attribute::legal_status: return "legal statuses";
    default: return nullptr;
  }
}

std::optional<decltype(Condition::value)> choice_value(Attribute a, std::string_view text) {
  if (a == Attribute::placement_type) {
    if (const auto p = placement_type_named(text)) return *p;
  } else if (a == Attribute::legal_status) {
    if (const auto l = legal_status_named(text)) return *l;
  }
  return std::nullopt;
}

class RuleParser {
 public:
  RuleParser(const std::string& file, const std::vector<DateSetting>& settings, std::string default_calendar,
             Diagnostics& out)
      : file_(file), settings_(settings), default_calendar_(std::move(default_calendar)), out_(out) {}

  // A date written as a date, or as the name of a rulebook setting (`effective_from =
  // "wsp_switch"`), whose name is kept in `setting`.
  std::optional<Date> date_or_setting(TableReader& r, std::string_view key, bool required, std::string& setting) {
    const toml::node* n = r.raw().get(key);
    const auto* s = n != nullptr ? n->as_string() : nullptr;
    // A setting's name starts with a letter; anything else is read as a date (and its error told).
    if (s == nullptr || s->get().empty() || !std::isalpha(static_cast<unsigned char>(s->get().front()))) {
      return r.date(key, required);
    }
    r.allow({key});
    const auto it = std::ranges::find(settings_, s->get(), &DateSetting::name);
    if (it != settings_.end()) {
      setting = it->name;
      return it->value;
    }
    std::vector<std::string> names;
    for (const DateSetting& d : settings_) names.push_back(d.name);
    const auto guess = load::nearest(s->get(), names);
    r.error(*n, "'" + std::string(key) + "' must be a date (YYYY-MM-DD) or the name of a date setting; there is no setting " +
                    excerpt(s->get()),
            guess ? "did you mean '" + *guess + "'?" : "settings are [[setting]] tables (docs/rule-format.md)");
    return std::nullopt;
  }

  std::optional<EventType> event(TableReader& r, std::string_view key, bool required) {
    auto text = r.string(key, required);
    if (!text) return std::nullopt;
    return event_named(r, *r.raw().get(key), *text);
  }

  std::optional<EventType> event_named(TableReader& r, const toml::node& at, const std::string& text) {
    if (auto e = event_type_named(text)) return e;
    const auto guess = load::nearest(text, event_names());
    r.error(at, "unknown event " + excerpt(text), guess ? "did you mean '" + *guess + "'?" : "the events are listed in docs/formats.md");
    return std::nullopt;
  }

  std::vector<EventType> events(TableReader& r, std::string_view key, bool& ok) {
    std::vector<EventType> out;
    const toml::array* list = r.array(key, false);
    if (list == nullptr) {
      if (r.raw().get(key) != nullptr) ok = false;
      return out;
    }
    for (const toml::node& n : *list) {
      const auto* s = n.as_string();
      if (s == nullptr) {
        r.error(n, "'" + std::string(key) + "' must list event names");
        ok = false;
        continue;
      }
      if (auto e = event_named(r, n, s->get())) out.push_back(*e); else ok = false;
    }
    return out;
  }

  // { attribute = value, ... } on booleans and placement types.
  std::optional<std::vector<Condition>> conditions(TableReader& r, std::string_view key) {
    const toml::table* t = r.table(key, false);
    if (t == nullptr) {
      if (r.raw().get(key) != nullptr) return std::nullopt;
      return std::vector<Condition>{};
    }
    return conditions_in(r, t, key);
  }

  // The conditions of table `t`, found under `key` of r's table.
  std::optional<std::vector<Condition>> conditions_in(TableReader& r, const toml::table* t, std::string_view key) {
    std::vector<Condition> out;
    bool ok = true;
    for (const auto& [k, v] : *t) {
      const auto attribute = attribute_named(k.str());
      if (!attribute) {
        const auto guess = load::nearest(k.str(), attribute_names());
        r.error(v, "unknown attribute '" + std::string(k.str()) + "' in '" + std::string(key) + "'",
                guess ? "did you mean '" + *guess + "'?" : "");
        ok = false;
        continue;
      }
      if (kind(*attribute) == AttributeKind::boolean) {
        if (const auto* b = v.as_boolean()) {
          out.push_back({*attribute, b->get()});
          continue;
        }
        r.error(v, "'" + std::string(k.str()) + "' must be true or false");
      } else if (const auto what = condition_choices(*attribute)) {
        if (const auto* s = v.as_string()) {
          if (auto value = choice_value(*attribute, s->get())) {
            out.push_back({*attribute, *value});
            continue;
          }
        }
        r.error(v, "'" + std::string(k.str()) + "' must be one of the " + what + " in docs/formats.md");
      } else {
        r.error(v, "'" + std::string(k.str()) + "' cannot be a condition");
      }
      ok = false;
    }
    if (!ok) return std::nullopt;
    return out;
  }

  // [{ attribute = value }, ...]: each table one condition; the list holds when any does.
  std::optional<std::vector<Condition>> any_of_conditions(TableReader& r, std::string_view key) {
    std::vector<Condition> out;
    const toml::array* list = r.array(key, false);
    if (list == nullptr) {
      if (r.raw().get(key) != nullptr) return std::nullopt;
      return out;
    }
    bool ok = true;
    for (const toml::node& n : *list) {
      const auto* t = n.as_table();
      if (t == nullptr || t->size() != 1) {
        r.error(n, "each entry of '" + std::string(key) + "' must be a table of one condition, such as { legal_status = \"care_order\" }");
        ok = false;
        continue;
      }
      auto c = conditions_in(r, t, key);
      if (!c) {
        ok = false;
        continue;
      }
      out.insert(out.end(), c->begin(), c->end());
    }
    if (!ok) return std::nullopt;
    return out;
  }

  std::optional<Phase> phase(const toml::table& t, bool& ok) {
    TableReader r(t, file_, "phase", out_);
    Phase p;
    const std::size_t before = out_.size();
    p.during = r.period("during", false);
    p.until = event(r, "until", false);
    if (auto n = r.integer("after_occurrence", false)) {
      if (*n < 1) r.error(*t.get("after_occurrence"), "'after_occurrence' must be 1 or more");
      p.after_occurrence = static_cast<int>(*n);
    }
    if (auto c = conditions(r, "when")) p.when = std::move(*c);
    p.every = r.period("every", false);
    if (auto a = r.string("every_from", false)) {
      const auto attribute = attribute_named(*a);
      if (!attribute || kind(*attribute) != AttributeKind::period) {
        r.error(*t.get("every_from"), "'every_from' must name a period attribute", "did you mean 'visit_interval'?");
      } else {
        p.every_from = attribute;
      }
    }
    p.provision = r.string("provision", false).value_or("");
    r.finish();
    if (p.every.has_value() == (p.every_from.has_value() || t.get("every_from") != nullptr)) {
      r.error_here("a phase needs exactly one of 'every' (a period) or 'every_from' (an attribute)");
    }
    // C7: an interval that depends on a variation may relax the duty only where a provision
    // allows it, and the rule must say which.
    if ((!p.when.empty() || p.every_from) && p.provision.empty()) {
      r.error_here("a phase whose interval depends on a variation ('when' or 'every_from') must name the "
                   "'provision' that allows it (C7)");
    }
    if (out_.size() != before) {
      ok = false;
      return std::nullopt;
    }
    return p;
  }

  // The timing keys, shared by a rule with one timing and by each [[rule.variant]].
  void timing(TableReader& r, const toml::table& t, Variant& v, bool recurring, bool& ok) {
    const std::size_t before = out_.size();
    if (recurring) {
      v.first = r.period("first", false);
      auto every = r.period("every", false);
      const toml::array* phases = r.array("phases", false);
      if (every && phases != nullptr) r.error_here("give either 'every' or 'phases', not both");
      if (every) {
        Phase p;
        p.every = every;
        v.phases.push_back(std::move(p));
      }
      if (phases != nullptr) {
        for (const toml::node& n : *phases) {
          const auto* pt = n.as_table();
          if (pt == nullptr) {
            r.error(n, "each phase must be a table such as { every = \"6 weeks\" }");
            ok = false;
            continue;
          }
          if (auto p = phase(*pt, ok)) v.phases.push_back(std::move(*p));
        }
      }
      if (!every && phases == nullptr && t.get("every") == nullptr) {
        r.error_here("a recurring duty needs 'every' or 'phases'");
      }
      if (!v.first && !v.phases.empty() && v.phases.front().every && v.phases.size() == 1) {
        v.first = v.phases.front().every;  // "at intervals of not more than P" from the trigger too
      }
      if (!v.phases.empty() && (!v.phases.back().when.empty() || v.phases.back().during ||
                                v.phases.back().until || v.phases.back().after_occurrence)) {
        r.error_here("the last phase must have no condition, so that some interval always applies");
      }
    } else {
      v.first = r.period("limit", true);
    }
    if (out_.size() != before) ok = false;
  }

  std::optional<Example> example(const toml::table& t, bool& ok) {
    TableReader r(t, file_, "example", out_);
    Example ex;
    const std::size_t before = out_.size();
    ex.line = static_cast<int>(t.source().begin.line);
    ex.name = r.string("name", true).value_or("");
    auto as_of = r.date("as_of", true);
    if (const toml::array* events = r.array("events", true)) {
      for (const toml::node& n : *events) {
        const auto* et = n.as_table();
        if (et == nullptr) {
          r.error(n, "each event must be a table such as { date = 2021-01-04, event = \"referral\" }");
          continue;
        }
        TableReader er(*et, file_, "example event", out_);
        auto date = er.date("date", true);
        auto type = event(er, "event", true);
        ExampleEvent e{date.value_or(Date{}), type.value_or(EventType::referral), {}};
        for (const AttributeInfo& a : attribute_infos) {
          const toml::node* v = et->get(a.name);
          er.allow({a.name});
          if (v == nullptr) continue;
          std::string text;
          if (const auto* b = v->as_boolean()) text = b->get() ? "true" : "false";
          else if (const auto* s = v->as_string()) text = s->get();
          else er.error(*v, "'" + std::string(a.name) + "' must be a string or a boolean");
          if (type && !carries(*type, a.attribute)) {
            er.error(*v, "'" + std::string(a.name) + "' is not an attribute of " + std::string(name(*type)));
          }
          e.attributes.emplace_back(a.attribute, text);
        }
        er.finish();
        ex.events.push_back(std::move(e));
      }
    }
    if (const toml::array* expect = r.array("expect", true)) {
      for (const toml::node& n : *expect) {
        const auto* xt = n.as_table();
        if (xt == nullptr) {
          r.error(n, "each expected obligation must be a table");
          continue;
        }
        TableReader xr(*xt, file_, "expected obligation", out_);
        ExpectedObligation x{};
        auto standard = xr.choice("standard", false, {"statutory", "plan", "local"});
        x.standard = !standard ? Standard::statutory : *standard == "plan" ? Standard::plan
                     : *standard == "local" ? Standard::local : Standard::statutory;
        if (!standard) x.standard = default_standard_;
        x.occurrence = static_cast<int>(xr.integer("occurrence", false).value_or(1));
        x.trigger_date = xr.date("trigger", false);
        x.due = xr.date("due", true).value_or(Date{});
        x.completed = xr.date("completed", false);
        x.status = xr.choice("status", true, {"met", "late", "missed", "overdue", "pending", "cancelled"}).value_or("");
        xr.finish();
        ex.expect.push_back(std::move(x));
      }
    }
    if (const toml::array* findings = r.array("findings", false)) {
      for (const toml::node& n : *findings) {
        const auto* ft = n.as_table();
        if (ft == nullptr) {
          r.error(n, "each finding must be a table such as { date = 2021-01-04, asked = \"3 months\" }");
          continue;
        }
        TableReader fr(*ft, file_, "expected finding", out_);
        auto date = fr.date("date", true);
        auto asked = fr.string("asked", true);
        // Kept as written (the catalogue prints it), but read here too, so that a typo is an error
        // at its line rather than an example that fails.
        if (asked) fr.period("asked", true);
        fr.finish();
        ex.findings.push_back({date.value_or(Date{}), asked.value_or("")});
      }
    }
    r.finish();
    if (out_.size() != before) {
      ok = false;
      return std::nullopt;
    }
    ex.as_of = *as_of;
    return ex;
  }

  std::optional<Rule> rule(const toml::table& t) {
    const auto* id_node = t.get("id") ? t.get("id")->as_string() : nullptr;
    TableReader r(t, file_, id_node && load::valid_id(id_node->get()) ? "rule " + id_node->get() : "rule", out_);
    Rule rule;
    bool ok = true;
    const std::size_t before = out_.size();
    rule.file = file_;
    rule.line = static_cast<int>(t.source().begin.line);
    auto id = r.id("id", true);
    if (id) rule.id = *id;
    rule.title = r.string("title", true).value_or("");
    rule.title_cy = r.string("title_cy", false).value_or("");
    rule.summary = r.string("summary", true).value_or("");
    // Optional here, so that evaluating never fails for want of Welsh; `rules check` requires them.
    rule.summary_cy = r.string("summary_cy", false).value_or("");
    rule.english_only = r.boolean("english_only", false).value_or(false);
    if (auto s = r.choice("standard", true, {"statutory", "local"})) {
      rule.standard = *s == "local" ? Standard::local : Standard::statutory;
    }
    default_standard_ = rule.standard;
    if (auto c = r.choice("confidence", true, {"confirmed", "probable", "unconfirmed"})) {
      rule.confidence = *c == "confirmed" ? Confidence::confirmed : *c == "probable" ? Confidence::probable
                                                                                  : Confidence::unconfirmed;
    }
    auto verified = r.boolean("verified", false);
    if (rule.confidence == Confidence::unconfirmed && verified.value_or(true)) {
      r.error_here("an unconfirmed rule must say 'verified = false' (RULES.md)");
    }
    if (const toml::table* source = r.table("source", true)) {
      TableReader s(*source, file_, "rule " + rule.id + " source", out_);
      rule.source.instrument = s.string("instrument", true).value_or("");
      rule.source.provision = s.string("provision", true).value_or("");
      rule.source.url = s.string("url", false).value_or("");  // a document may have no public address
      rule.source.quote = s.string("quote", true).value_or("");
      s.finish();
      if (!rule.source.url.empty() && !rule.source.url.starts_with("https://")) {
        s.error(*source->get("url"), "'url' must be an https:// address");
      }
    }
    rule.local_standard_for = r.string("local_standard_for", false);
    if (rule.local_standard_for && rule.standard != Standard::local) {
      r.error(*t.get("local_standard_for"), "only a local rule can be a 'local_standard_for' another (C12)");
    }
    if (rule.local_standard_for && id && *rule.local_standard_for == *id) {
      r.error(*t.get("local_standard_for"), "a rule cannot be a 'local_standard_for' itself (C12)",
              "name the statutory rule this local standard is set beside");
    }
    if (auto from = date_or_setting(r, "effective_from", true, rule.effective_from_setting)) rule.effective_from = *from;
    rule.effective_to = date_or_setting(r, "effective_to", false, rule.effective_to_setting);
    if (rule.effective_to && *rule.effective_to <= rule.effective_from) {
      r.error(*t.get("effective_to"), "'effective_to' must be after 'effective_from'");
    }
    rule.calendar_id = r.string("calendar", false).value_or(default_calendar_);
    if (auto by = r.choice("regime_by", false, {"trigger", "opening"})) {
      rule.regime_by = *by == "opening" ? RegimeBy::opening : RegimeBy::trigger;
    }
    rule.regime_from = event(r, "regime_from", false);
    if (rule.regime_from && t.get("regime_by") != nullptr) {
      r.error(*t.get("regime_from"), "give either 'regime_by' or 'regime_from', not both (C10)");
    }

    if (auto e = event(r, "trigger", true)) rule.trigger = *e; else ok = false;
    if (auto c = conditions(r, "trigger_if")) rule.trigger_if = std::move(*c); else ok = false;
    if (auto c = any_of_conditions(r, "except_when")) rule.except_when = std::move(*c); else ok = false;
    rule.except_provision = r.string("except_provision", !rule.except_when.empty()).value_or("");
    if (rule.except_when.empty() && t.get("except_provision") != nullptr) {
      r.error(*t.get("except_provision"), "'except_provision' names the provision behind 'except_when', which is missing");
    }
    rule.once_per = event(r, "once_per", false);
    if (auto o = r.choice("on_new_trigger", false, {"ignore", "reanchor", "restart", "each"})) {
      rule.on_new_trigger = *o == "reanchor" ? OnNewTrigger::reanchor
                            : *o == "restart" ? OnNewTrigger::restart
                            : *o == "each"    ? OnNewTrigger::each : OnNewTrigger::ignore;
    }
    rule.only_when_completed = r.boolean("only_when_completed", false).value_or(false);
    rule.committed_by = event(r, "committed_by", false);
    if (rule.committed_by && !rule.only_when_completed) {
      r.error(*t.get("committed_by"), "'committed_by' applies to a duty timed only when completed (only_when_completed = true)");
    }
    if (auto e = event(r, "completed_by", true)) rule.completed_by = *e; else ok = false;
    if (auto c = conditions(r, "completed_if")) rule.completed_if = std::move(*c); else ok = false;
    rule.may_complete_before_trigger = r.boolean("may_complete_before_trigger", false).value_or(false);
    rule.recurring = r.boolean("recurring", false).value_or(false);
    if (rule.recurring && rule.on_new_trigger == OnNewTrigger::each) {
      r.error(*t.get("on_new_trigger"), "'each' is for one-off duties: a recurring duty has one occurrence open at a time (C5)");
    }
    rule.stops = events(r, "stops", ok);

    if (const toml::array* variants = r.array("variant", false)) {
      for (const toml::node& n : *variants) {
        const auto* vt = n.as_table();
        if (vt == nullptr) continue;
        TableReader vr(*vt, file_, "rule " + rule.id + " variant", out_);
        Variant v;
        if (const toml::array* types = vr.array("placement_types", true)) {
          for (const toml::node& tn : *types) {
            const auto* s = tn.as_string();
            const auto p = s ? placement_type_named(s->get()) : std::nullopt;
            if (!p) {
              vr.error(tn, "unknown placement type", "the placement types are listed in docs/formats.md");
              ok = false;
              continue;
            }
            for (const Variant& other : rule.variants) {
              if (std::ranges::find(other.placement_types, *p) != other.placement_types.end()) {
                vr.error(tn, "placement type '" + s->get() + "' is already in another variant");
                ok = false;
              }
            }
            v.placement_types.push_back(*p);
          }
        }
        v.provision = vr.string("provision", true).value_or("");
        timing(vr, *vt, v, rule.recurring, ok);
        vr.finish();
        rule.variants.push_back(std::move(v));
      }
      for (const char* key : {"limit", "first", "every", "phases"}) {
        if (const toml::node* n = t.get(key)) {
          r.error(*n, std::string("'") + key + "' belongs in each [[rule.variant]] when a rule has variants");
          ok = false;
        }
      }
    } else {
      Variant v;
      timing(r, t, v, rule.recurring, ok);
      rule.variants.push_back(std::move(v));
    }

    if (const toml::table* variation = r.table("variation", false)) {
      TableReader vr(*variation, file_, "rule " + rule.id + " variation", out_);
      auto e = event(vr, "event", true);
      auto a = vr.string("attribute", true);
      auto lasts_until = events(vr, "lasts_until", ok);
      vr.finish();
      const auto attribute = a ? attribute_named(*a) : std::nullopt;
      if (a && (!attribute || kind(*attribute) != AttributeKind::period)) {
        vr.error(*variation->get("attribute"), "'attribute' must be a period attribute", "did you mean 'visit_interval'?");
        ok = false;
      } else if (e && attribute && !carries(*e, *attribute)) {
        vr.error(*variation->get("attribute"), std::string(name(*attribute)) + " is not recorded on " + std::string(name(*e)));
        ok = false;
      } else if (e && attribute) {
        rule.variation = Variation{*e, *attribute, std::move(lasts_until)};
      }
      if (!rule.recurring) {
        vr.error_here("only a recurring duty can have a variation of its interval");
        ok = false;
      }
    }
    // An interval taken from what a review recorded needs the variation that says which event
    // records it and what ends it (lasts_until).
    for (const Variant& v : rule.variants) {
      for (const Phase& p : v.phases) {
        if (p.every_from && (!rule.variation || rule.variation->attribute != *p.every_from)) {
          r.error_here("a phase with every_from = '" + std::string(name(*p.every_from)) +
                       "' needs a [rule.variation] with that attribute: the event that records it and lasts_until");
          ok = false;
        }
      }
    }

    if (const toml::array* examples = r.array("example", false)) {
      for (const toml::node& n : *examples) {
        const auto* et = n.as_table();
        if (et == nullptr) continue;
        if (auto ex = example(*et, ok)) rule.examples.push_back(std::move(*ex));
      }
    }
    if (rule.standard == Standard::statutory && rule.examples.empty()) {
      r.error_here("a statutory rule needs at least one worked example ([[rule.example]])");
    }
    r.finish();
    if (!ok || out_.size() != before || !id) return std::nullopt;
    return rule;
  }

 private:
  const std::string& file_;
  const std::vector<DateSetting>& settings_;
  std::string default_calendar_;  // the jurisdiction's
  Diagnostics& out_;
  Standard default_standard_ = Standard::statutory;
};

// The date settings: each [[setting]] defines one (name, default date, earliest allowed date,
// summary); a [settings] table sets values (name = date) within their range. The reference
// rulebook's settings (a council's rules checked against the built-in ones) are known too.
template <class Parsed>
std::vector<DateSetting> load_settings(const std::vector<Parsed>& docs, const Rulebook* reference, Diagnostics& out) {
  std::vector<DateSetting> settings;
  for (const Parsed& p : docs) {
    const toml::node* defined = p.doc.get("setting");
    if (defined == nullptr) continue;
    const toml::array* list = defined->as_array();
    if (list == nullptr) {
      out.push_back(load::diagnostic_at(p.where, *defined, "'setting' must be [[setting]] tables"));
      continue;
    }
    for (const toml::node& n : *list) {
      const auto* t = n.as_table();
      if (t == nullptr) continue;
      TableReader r(*t, p.where, "setting", out);
      const std::size_t before = out.size();
      DateSetting d;
      d.name = r.string("name", true).value_or("");
      const auto value = r.date("date", true);
      const auto earliest = r.date("earliest", true);
      d.summary = r.string("summary", true).value_or("");
      d.summary_cy = r.string("summary_cy", false).value_or("");
      d.english_only = r.boolean("english_only", false).value_or(false);
      r.finish();
      d.file = p.where;
      d.line = static_cast<int>(t->source().begin.line);
      if (out.size() != before) continue;
      d.value = *value;
      d.earliest = *earliest;
      if (d.value < d.earliest) r.error(*t->get("date"), "setting " + d.name + ": its date is before its 'earliest'");
      const auto same = std::ranges::find(settings, d.name, &DateSetting::name);
      if (same != settings.end()) {
        r.error_here("setting " + d.name + " is defined twice (also at " + same->file + ":" + std::to_string(same->line) + ")");
        continue;
      }
      settings.push_back(std::move(d));
    }
  }
  if (reference != nullptr) {  // those the files do not define themselves
    for (const DateSetting& d : reference->settings()) {
      if (std::ranges::find(settings, d.name, &DateSetting::name) == settings.end()) settings.push_back(d);
    }
  }
  for (const Parsed& p : docs) {
    const toml::node* set = p.doc.get("settings");
    if (set == nullptr) continue;
    const toml::table* t = set->as_table();
    if (t == nullptr) {
      out.push_back(load::diagnostic_at(p.where, *set, "'settings' must be a table of name = date"));
      continue;
    }
    TableReader r(*t, p.where, "settings", out);
    for (const auto& [key, node] : *t) {
      const std::string name(key.str());
      const auto it = std::ranges::find(settings, name, &DateSetting::name);
      if (it == settings.end()) {
        std::vector<std::string> names;
        for (const DateSetting& d : settings) names.push_back(d.name);
        const auto guess = load::nearest(name, names);
        r.error(node, "unknown setting " + excerpt(name), guess ? "did you mean '" + *guess + "'?" : "");
        continue;
      }
      const auto value = r.date(name, true);
      if (!value) continue;
      if (!it->set_in.empty()) {
        r.error(node, "setting " + name + " is already set in " + it->set_in);
      } else if (*value < it->earliest) {
        r.error(node, "setting " + name + " cannot be before " + to_string(it->earliest), it->summary);
      } else {
        it->value = *value;
        it->set_in = p.where;
      }
    }
  }
  std::ranges::sort(settings, {}, &DateSetting::name);
  return settings;
}

bool declares_jurisdiction(const toml::table& doc) {
  const toml::node* n = doc.get("jurisdiction");
  return n != nullptr && n->is_table();
}

// The jurisdiction a [jurisdiction] table declares (one among the files), or else the reference
// rulebook's (a council's rules layered on the statutory ones); none for files that declare none
// (a test's rules).
template <class Parsed>
Jurisdiction load_jurisdiction(const std::vector<Parsed>& docs, const Rulebook* reference, Diagnostics& out) {
  Jurisdiction found;
  for (const Parsed& p : docs) {
    if (!declares_jurisdiction(p.doc)) continue;
    const toml::table& t = *p.doc.get("jurisdiction")->as_table();
    if (!found.id.empty()) {
      out.push_back(load::diagnostic_at(p.where, t, "a second jurisdiction is declared (the first at " + found.file + ":" +
                                                        std::to_string(found.line) + "); a rulebook has one"));
      continue;
    }
    TableReader r(t, p.where, "jurisdiction", out);
    Jurisdiction j;
    j.id = r.id("id", true).value_or("");
    j.title = r.string("title", true).value_or("");
    j.title_cy = r.string("title_cy", false).value_or("");
    j.calendar = r.string("calendar", true).value_or("");
    j.file = p.where;
    j.line = static_cast<int>(t.source().begin.line);
    r.finish();
    if (!j.id.empty()) found = std::move(j);
  }
  if (found.id.empty() && reference != nullptr) return reference->jurisdiction();
  return found;
}

// A rule file says which jurisdiction it belongs to (`jurisdiction = "wales"`; every built-in
// file does): one that names another than the rulebook's is refused, so that rules are never
// mixed across legal systems. A file that names none belongs to the rulebook it is compiled into.
void check_jurisdiction_named(TableReader& top, const toml::table& doc, const Jurisdiction& j) {
  if (declares_jurisdiction(doc)) {
    top.allow({"jurisdiction"});
    return;
  }
  const auto named = top.string("jurisdiction", false);
  if (!named) return;
  if (j.id.empty()) {
    top.error(*doc.get("jurisdiction"), "this file names jurisdiction " + excerpt(*named) + ", which no file declares",
              "a rulebook declares its jurisdiction once, in a [jurisdiction] table");
  } else if (*named != j.id) {
    top.error(*doc.get("jurisdiction"), "this file belongs to jurisdiction " + excerpt(*named) + ", but these rules are for " +
                                            excerpt(j.id) + " (declared at " + j.file + ":" + std::to_string(j.line) + ")");
  }
}

bool overlaps(const Rule& a, const Rule& b) {
  const bool a_before_b = a.effective_to && *a.effective_to <= b.effective_from;
  const bool b_before_a = b.effective_to && *b.effective_to <= a.effective_from;
  return !a_before_b && !b_before_a;
}

// A council's layer (the files compiled on top of `reference`) adds local standards, never law
// (C12): a rule of the layer under an id the rules beneath define (a version slipped in beside
// the statutory ones), or claiming the statutory standard, is refused at its line; the first kind
// is taken out, so that it is not reported again as an overlapping version.
void check_layer_rules(const Rulebook& reference, std::vector<Rule>& rules, Diagnostics& out) {
  std::set<std::string> beneath;  // the files of the rules beneath, as rules name them
  for (const SourceFile& f : reference.sources()) beneath.insert(f.where());
  std::erase_if(rules, [&](const Rule& r) {
    if (beneath.contains(r.file)) return false;
    if (const RuleFamily* family = reference.family(r.id)) {
      const Rule& first = *family->versions.front();
      out.push_back({r.file, r.line, 1, "rule " + r.id + " is defined by the rules beneath this layer (" + first.file + ":" +
                                            std::to_string(first.line) + "), and a layer cannot define it again",
                     "a council's own standard takes an id of its own, with standard = \"local\" and local_standard_for = \"" +
                         r.id + "\" (C12)"});
      return true;
    }
    if (r.standard == Standard::statutory) {
      out.push_back({r.file, r.line, 1, "rule " + r.id + ": a council's layer holds local standards, not statutory rules (C12)",
                     "give standard = \"local\" and local_standard_for naming the statutory rule it tightens; statutory "
                     "duties come from the jurisdiction's rulebook"});
    }
    return false;
  });
}

// load_rulebook, and layer_rulebook when `layer` (the files after the reference's own are a
// council's layer, held to check_layer_rules).
std::expected<Rulebook, Diagnostics> compile(std::span<const SourceFile> files, const Rulebook* reference, bool layer) {
  Diagnostics out;
  const bool has_calendars = std::ranges::any_of(files, [](const SourceFile& f) { return is_calendar_file(f.path); });
  Calendars calendars;
  if (has_calendars || reference == nullptr) {
    auto loaded = load_calendars(files);
    if (loaded) calendars = std::move(*loaded);
    else out = std::move(loaded.error());
  } else {
    calendars = reference->calendars();
  }

  auto state = std::make_shared<Rulebook::State>();
  state->sources.assign(files.begin(), files.end());
  struct Parsed {
    const SourceFile* file;
    std::string where;
    toml::table doc;
  };
  std::vector<Parsed> docs;
  for (const SourceFile& file : files) {
    if (is_calendar_file(file.path) || is_measure_file(file.path)) continue;
    if (auto doc = load::parse_file(file.where(), file.text, out)) docs.push_back({&file, file.where(), std::move(*doc)});
  }
  // The jurisdiction and the settings first, wherever they are, since every file names the one
  // and rules anywhere may name the others.
  state->jurisdiction = load_jurisdiction(docs, reference, out);
  state->settings = load_settings(docs, reference, out);
  for (const Parsed& p : docs) {
    TableReader top(p.doc, p.where, "", out);
    top.allow({"title", "description", "setting", "settings"});
    check_jurisdiction_named(top, p.doc, state->jurisdiction);
    const toml::array* rules = top.array("rule", false);
    if (const toml::array* missing = top.array("not_encoded", false)) {
      for (const toml::node& n : *missing) {
        const auto* t = n.as_table();
        if (t == nullptr) continue;
        TableReader r(*t, p.where, "not_encoded", out);
        NotEncoded ne{.duty = r.string("duty", true).value_or(""),
                      .provision = r.string("provision", true).value_or(""),
                      .reason = r.string("reason", true).value_or(""),
                      .duty_cy = r.string("duty_cy", false).value_or(""),
                      .reason_cy = r.string("reason_cy", false).value_or(""),
                      .english_only = r.boolean("english_only", false).value_or(false),
                      .file = p.where,
                      .line = static_cast<int>(t->source().begin.line)};
        r.finish();
        state->not_encoded.push_back(std::move(ne));
      }
    }
    top.finish();
    if (rules == nullptr) {
      if (p.doc.get("rule") == nullptr && p.doc.get("setting") == nullptr && p.doc.get("settings") == nullptr &&
          p.doc.get("not_encoded") == nullptr && !declares_jurisdiction(p.doc)) {
        out.push_back({p.where, 1, 1, "no rules in this file", "rules are [[rule]] tables; settings are [[setting]] or [settings]"});
      }
      continue;
    }
    RuleParser parser(p.where, state->settings, state->jurisdiction.calendar, out);
    for (const toml::node& n : *rules) {
      const auto* t = n.as_table();
      if (t == nullptr) continue;
      if (auto rule = parser.rule(*t)) state->rules.push_back(std::move(*rule));
    }
  }

  if (std::ranges::none_of(files, [](const SourceFile& f) { return !is_calendar_file(f.path) && !is_measure_file(f.path); })) {
    out.push_back({"", 0, 0, "no rule file among these files", "rules are .toml files outside calendars/ and measures/"});
  }
  // Cross-file checks: calendars, duplicates and overlapping periods of effect, references.
  // A compiled rule always has its calendar (its deadlines cannot be counted without one), so
  // files with no calendar and nothing to borrow one from are refused once, at the first rule.
  if (!has_calendars && reference == nullptr && !state->rules.empty()) {
    const Rule& first = state->rules.front();
    const std::size_t others = state->rules.size() - 1;
    out.push_back({first.file, first.line, 1,
                   "these files hold no calendars, and rule " + first.id +
                       (others == 0 ? " needs one" : " and " + std::to_string(others) + " more need one") +
                       " to count their deadlines",
                   "give the calendars/ folder with the rule files (as rules/ holds calendars/ beside wales/), or "
                   "layer them on a rulebook with --local"});
  }
  for (Rule& rule : state->rules) {
    rule.calendar = calendars.find(rule.calendar_id);
    if (rule.calendar == nullptr && (has_calendars || reference != nullptr)) {
      if (rule.calendar_id.empty()) {
        out.push_back({rule.file, rule.line, 1, "rule " + rule.id + " names no calendar and no jurisdiction gives one",
                       "give 'calendar', or declare the jurisdiction ([jurisdiction] with its calendar)"});
        continue;
      }
      const auto guess = load::nearest(rule.calendar_id, calendars.names());
      out.push_back({rule.file, rule.line, 1, "rule " + rule.id + ": unknown calendar " + excerpt(rule.calendar_id),
                     guess ? "did you mean '" + *guess + "'?" : ""});
    }
  }
  if (layer) check_layer_rules(*reference, state->rules, out);
  std::ranges::stable_sort(state->rules, [](const Rule& a, const Rule& b) {
    return std::tie(a.id, a.effective_from) < std::tie(b.id, b.effective_from);
  });
  for (std::size_t i = 0; i < state->rules.size(); ++i) {
    for (std::size_t j = i + 1; j < state->rules.size() && state->rules[j].id == state->rules[i].id; ++j) {
      const Rule& a = state->rules[i];
      const Rule& b = state->rules[j];
      if (a.effective_from == b.effective_from && a.effective_to == b.effective_to) {
        out.push_back({b.file, b.line, 1, "duplicate rule id '" + b.id + "' (also at " + a.file + ":" + std::to_string(a.line) + ")",
                       "give each rule its own id, or distinct periods of effect"});
      } else if (overlaps(a, b)) {
        out.push_back({b.file, b.line, 1, "rule " + b.id + ": its period of effect overlaps the version at " + a.file + ":" +
                                              std::to_string(a.line) + " (C10)",
                       "one version of a rule must end (effective_to) where the next begins"});
      }
    }
  }
  // Versions of one rule differ in timing and authority, never in what the duty is.
  for (std::size_t i = 1; i < state->rules.size(); ++i) {
    const Rule& a = state->rules[i - 1];
    const Rule& b = state->rules[i];
    if (a.id != b.id) continue;
    const auto shape = [](const Rule& r) {
      return std::tuple(r.standard, r.trigger, r.once_per, r.on_new_trigger, r.only_when_completed, r.completed_by,
                        r.completed_if.size(), r.may_complete_before_trigger, r.recurring, r.stops,
                        r.variation.has_value(), r.regime_by, r.regime_from, r.committed_by, r.trigger_if.size(),
                        r.except_when.size());
    };
    if (shape(a) != shape(b)) {
      out.push_back({b.file, b.line, 1, "rule " + b.id + ": its versions must share standard, trigger, completion, "
                                        "stops, recurrence and variation (they differ from " + a.file + ":" +
                                        std::to_string(a.line) + ")",
                     "a duty that changes shape is a different rule: give it its own id"});
    }
  }
  std::set<std::string> ids;
  for (const Rule& r : state->rules) ids.insert(r.id);
  std::vector<std::string> known(ids.begin(), ids.end());
  for (const Rule& r : state->rules) {
    if (!r.local_standard_for) continue;
    const std::string& target = *r.local_standard_for;
    if (ids.contains(target) || (reference != nullptr && reference->family(target) != nullptr)) continue;
    std::vector<std::string> candidates = known;
    if (reference != nullptr) for (const RuleFamily& f : reference->families()) candidates.push_back(f.id);
    const auto guess = load::nearest(target, candidates);
    out.push_back({r.file, r.line, 1, "rule " + r.id + ": 'local_standard_for' names unknown rule " + excerpt(target, id_excerpt),
                   guess ? "did you mean '" + *guess + "'?" : ""});
  }

  const Jurisdiction& j = state->jurisdiction;
  if (!j.id.empty() && (has_calendars || reference != nullptr) && calendars.find(j.calendar) == nullptr) {
    const auto guess = load::nearest(j.calendar, calendars.names());
    out.push_back({j.file, j.line, 1, "jurisdiction " + j.id + ": unknown calendar " + excerpt(j.calendar),
                   guess ? "did you mean '" + *guess + "'?" : ""});
  }
  if (!out.empty()) return std::unexpected(std::move(out));

  state->calendars = std::move(calendars);
  for (const Rule& r : state->rules) {
    if (state->families.empty() || state->families.back().id != r.id) state->families.push_back({r.id, {}});
    state->families.back().versions.push_back(&r);
  }
  return Rulebook(std::move(state));
}

}  // namespace

std::expected<Rulebook, Diagnostics> load_rulebook(std::span<const SourceFile> files, const Rulebook* reference) {
  return compile(files, reference, false);
}

bool declares_jurisdiction(std::span<const SourceFile> files) {
  return std::ranges::any_of(files, [](const SourceFile& f) {
    if (is_calendar_file(f.path) || is_measure_file(f.path)) return false;
    Diagnostics ignored;  // a file that does not parse declares nothing; loading it says why
    const auto doc = load::parse_file(f.where(), f.text, ignored);
    return doc && declares_jurisdiction(*doc);
  });
}

std::expected<Rulebook, Diagnostics> layer_rulebook(const Rulebook& base, std::span<const SourceFile> layer) {
  std::vector<SourceFile> files(base.sources().begin(), base.sources().end());
  files.insert(files.end(), layer.begin(), layer.end());
  // The base is the reference too, for whatever it borrowed from its own (calendars, settings).
  return compile(files, &base, true);
}

namespace {

// The built-in rulebooks, one per jurisdiction: the shared calendars/ with the files of the
// jurisdiction's own folder (rules/wales/), compiled once. The folder and the declared id agree.
const std::vector<Rulebook>& builtin_rulebooks() {
  static const std::vector<Rulebook> books = [] {
    std::vector<std::string> folders;
    for (const SourceFile& f : builtin_sources()) {
      const std::string folder = f.path.substr(0, f.path.find('/'));
      if (!is_calendar_file(f.path) && std::ranges::find(folders, folder) == folders.end()) folders.push_back(folder);
    }
    std::vector<Rulebook> out;
    for (const std::string& folder : folders) {
      std::vector<SourceFile> files;
      for (const SourceFile& f : builtin_sources()) {
        if (is_calendar_file(f.path) || f.path.starts_with(folder + "/")) files.push_back(f);
      }
      auto loaded = load_rulebook(files);
      std::string message;
      if (!loaded) {
        message = "the built-in rules of " + folder + " do not compile:";
        for (const Diagnostic& d : loaded.error()) message += "\n" + d.to_string();
      } else if (loaded->jurisdiction().id != folder) {
        message = "the built-in rules in " + folder + "/ must declare the jurisdiction " + folder;
      }
      if (!message.empty()) throw std::runtime_error(message);
      out.push_back(std::move(*loaded));
    }
    return out;
  }();
  return books;
}

}  // namespace

std::vector<std::string> builtin_jurisdictions() {
  std::vector<std::string> out;
  for (const Rulebook& book : builtin_rulebooks()) out.push_back(book.jurisdiction().id);
  return out;
}

std::expected<std::reference_wrapper<const Rulebook>, Error> builtin_rulebook(std::string_view jurisdiction) {
  const auto& books = builtin_rulebooks();
  const auto it = std::ranges::find(books, jurisdiction, [](const Rulebook& b) { return std::string_view(b.jurisdiction().id); });
  if (it != books.end()) return std::cref(*it);
  std::string known;
  for (const Rulebook& b : books) known += (known.empty() ? "" : ", ") + b.jurisdiction().id;
  return std::unexpected(Error{Errc::invalid_data, "no built-in rules for jurisdiction " + excerpt(jurisdiction) +
                                                       "; built in: " + known});
}

const Rulebook& builtin_rulebook() {
  const auto& books = builtin_rulebooks();
  if (books.size() != 1) {
    throw std::logic_error("more than one jurisdiction is built in: name one (builtin_rulebook(jurisdiction))");
  }
  return books.front();
}

}  // namespace timescales
