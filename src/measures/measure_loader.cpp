// Measure definitions into Measures, checked against the rulebook: the rules they name exist and
// are in effect when they report, the standard, basis and statuses make sense, a measure over a
// local standard says so, a plan measure counts a rule that has variations.
#include <set>
#include <stdexcept>

#include "load/toml_reader.hpp"
#include "timescales/load.hpp"
#include "timescales/load_measures.hpp"

namespace timescales {

namespace {

using load::TableReader;

std::vector<std::string> status_names() {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < 6; ++i) out.emplace_back(name(static_cast<Status>(i)));
  return out;
}

std::vector<Status> statuses(TableReader& r, std::string_view key, bool required) {
  std::vector<Status> out;
  const toml::array* list = r.array(key, required);
  if (list == nullptr) return out;
  for (const toml::node& n : *list) {
    const auto* s = n.as_string();
    const auto status = s ? status_named(s->get()) : std::nullopt;
    if (!status) {
      const auto guess = s ? load::nearest(s->get(), status_names()) : std::nullopt;
      r.error(n, "'" + std::string(key) + "' lists statuses (met, late, missed, overdue, pending, cancelled)",
              guess ? "did you mean '" + *guess + "'?" : "");
      continue;
    }
    out.push_back(*status);
  }
  return out;
}

std::optional<MeasureExample> example(const toml::table& t, const std::string& file, Diagnostics& out) {
  TableReader r(t, file, "measure example", out);
  const std::size_t before = out.size();
  MeasureExample ex;
  ex.line = static_cast<int>(t.source().begin.line);
  ex.name = r.string("name", true).value_or("");
  auto as_of = r.date("as_of", true);
  auto from = r.date("from", true);
  auto to = r.date("to", true);
  if (const toml::array* events = r.array("events", true)) {
    for (const toml::node& n : *events) {
      const auto* et = n.as_table();
      if (et == nullptr) {
        r.error(n, "each event must be a table such as { case_id = \"A\", date = 2021-01-04, event = \"referral\" }");
        continue;
      }
      TableReader er(*et, file, "measure example event", out);
      auto case_id = er.string("case_id", true);
      auto date = er.date("date", true);
      auto type_name = er.string("event", true);
      const auto type = type_name ? event_type_named(*type_name) : std::nullopt;
      if (type_name && !type) er.error(*et->get("event"), "unknown event " + excerpt(*type_name));
      ExampleEvent e{date.value_or(Date{}), type.value_or(EventType::referral), {}};
      for (const AttributeInfo& a : attribute_infos) {
        er.allow({a.name});
        const toml::node* v = et->get(a.name);
        if (v == nullptr) continue;
        if (const auto* b = v->as_boolean()) e.attributes.emplace_back(a.attribute, b->get() ? "true" : "false");
        else if (const auto* s = v->as_string()) e.attributes.emplace_back(a.attribute, s->get());
        else er.error(*v, "'" + std::string(a.name) + "' must be a string or a boolean");
      }
      er.finish();
      ex.events.push_back({case_id.value_or(""), std::move(e)});
    }
  }
  if (const toml::table* expect = r.table("expect", true)) {
    TableReader xr(*expect, file, "measure example expect", out);
    auto numerator = xr.integer("numerator", true);
    auto denominator = xr.integer("denominator", false);
    xr.finish();
    if (numerator) ex.numerator = static_cast<std::size_t>(*numerator);
    if (denominator) ex.denominator = static_cast<std::size_t>(*denominator);
  }
  r.finish();
  if (out.size() != before) return std::nullopt;
  ex.as_of = *as_of;
  ex.from = *from;
  ex.to = *to;
  return ex;
}

std::optional<Measure> measure(const toml::table& t, const std::string& file, const Rulebook& rules, Diagnostics& out) {
  const auto* id_node = t.get("id") ? t.get("id")->as_string() : nullptr;
  TableReader r(t, file, id_node && load::valid_id(id_node->get()) ? "measure " + id_node->get() : "measure", out);
  const std::size_t before = out.size();
  Measure m;
  m.file = file;
  m.line = static_cast<int>(t.source().begin.line);
  m.id = r.id("id", true).value_or("");
  m.title = r.string("title", true).value_or("");
  m.title_cy = r.string("title_cy", false).value_or("");
  m.summary = r.string("summary", true).value_or("");
  // Optional here, so that reporting never fails for want of Welsh; `rules check` requires them.
  m.summary_cy = r.string("summary_cy", false).value_or("");
  m.english_only = r.boolean("english_only", false).value_or(false);
  if (const toml::table* source = r.table("source", true)) {
    TableReader s(*source, file, "measure " + m.id + " source", out);
    m.source_name = s.string("name", true).value_or("");
    m.source_url = s.string("url", true).value_or("");
    m.source_definition = s.string("definition", true).value_or("");
    s.finish();
  }
  if (auto s = r.choice("standard", true, {"statutory", "plan", "local"})) {
    m.standard = *s == "plan" ? Standard::plan : *s == "local" ? Standard::local : Standard::statutory;
  }
  if (auto b = r.choice("basis", true, {"completed_in_period", "due_in_period"})) {
    m.basis = *b == "due_in_period" ? Basis::due_in_period : Basis::completed_in_period;
  }
  r.allow({"unit"});
  if (const toml::node* unit = t.get("unit"); unit != nullptr && (!unit->as_string() || unit->as_string()->get() != "children")) {
    r.error(*unit, "'unit' must be \"children\": measures count children's obligations (C11)");
  }
  m.numerator = statuses(r, "numerator", true);
  m.denominator = statuses(r, "denominator", false);
  for (Status s : m.numerator) {
    if (!m.denominator.empty() && std::ranges::find(m.denominator, s) == m.denominator.end()) {
      r.error(*t.get("numerator"), "status '" + std::string(name(s)) + "' is in the numerator but not the denominator");
    }
  }
  // C9: a cancelled obligation counts neither for nor against compliance, and a pending one is not
  // yet judged; neither may be a figure's denominator (or a count's numerator, for cancelled).
  const auto not_counted = [&](std::string_view key, const std::vector<Status>& list, Status s, std::string_view why) {
    if (std::ranges::find(list, s) != list.end()) {
      r.error(*t.get(key), "'" + std::string(key) + "' cannot list " + std::string(name(s)) + ": " + std::string(why) + " (C9)");
    }
  };
  not_counted("denominator", m.denominator, Status::pending, "it is not yet judged for or against compliance");
  not_counted("denominator", m.denominator, Status::cancelled, "it is not counted for or against compliance");
  if (m.denominator.empty()) not_counted("numerator", m.numerator, Status::cancelled, "it is not counted for or against compliance");
  m.reports_from = r.date("reports_from", false);
  m.reports_to = r.date("reports_to", false);
  if (m.reports_from && m.reports_to && *m.reports_to < *m.reports_from) {
    r.error(*t.get("reports_to"), "'reports_to' is before 'reports_from'");
  }

  std::vector<std::string> known;
  for (const RuleFamily& f : rules.families()) known.push_back(f.id);
  if (const toml::array* list = r.array("rules", true)) {
    if (list->empty()) r.error(*list, "'rules' must name at least one rule");
    for (const toml::node& n : *list) {
      const auto* s = n.as_string();
      if (s == nullptr) {
        r.error(n, "'rules' lists rule ids");
        continue;
      }
      const RuleFamily* family = rules.family(s->get());
      if (family == nullptr) {
        const auto guess = load::nearest(s->get(), known);
        r.error(n, "unknown rule " + excerpt(s->get(), id_excerpt), guess ? "did you mean '" + *guess + "'?" : "");
        continue;
      }
      m.rules.push_back(s->get());
      const Rule& shape = *family->versions.front();
      // In effect for the period it reports (C10): some version overlaps [reports_from, reports_to].
      const bool in_effect = std::ranges::any_of(family->versions, [&](const Rule* v) {
        return (!m.reports_to || v->effective_from <= *m.reports_to) &&
               (!m.reports_from || !v->effective_to || *m.reports_from < *v->effective_to);
      });
      if (!in_effect) {
        r.error(n, "rule " + s->get() + " is not in effect in the period this measure reports (C10)");
      }
      if ((shape.standard == Standard::local) != (m.standard == Standard::local)) {
        r.error(n, shape.standard == Standard::local
                       ? "rule " + s->get() + " is a local standard: the measure must say standard = \"local\" (C12)"
                       : "a local measure must count local rules, and " + s->get() + " is statutory (C12)");
      }
      if (m.standard == Standard::plan && !shape.variation) {
        r.error(n, "a plan measure counts plan obligations, and rule " + s->get() + " has no variation (C7)");
      }
    }
  }
  if (const toml::array* examples = r.array("example", false)) {
    for (const toml::node& n : *examples) {
      if (const auto* et = n.as_table()) {
        if (auto ex = example(*et, file, out)) m.examples.push_back(std::move(*ex));
      }
    }
  }
  r.finish();
  if (out.size() != before) return std::nullopt;
  return m;
}

}  // namespace

std::expected<std::vector<Measure>, Diagnostics> load_measures(std::span<const SourceFile> files, const Rulebook& rules) {
  Diagnostics out;
  std::vector<Measure> measures;
  std::set<std::string> ids;
  for (const SourceFile& file : files) {
    const std::string where = file.where();
    auto doc = load::parse_file(where, file.text, out);
    if (!doc) continue;
    TableReader top(*doc, where, "", out);
    top.allow({"title", "description", "target"});  // targets: target.hpp
    const toml::array* list = top.array("measure", false);
    top.finish();
    if (list == nullptr) {
      if (doc->get("measure") == nullptr && doc->get("target") == nullptr) {
        out.push_back({where, 1, 1, "no measures in this file", "measures are [[measure]] tables, targets [[target]] tables"});
      }
      continue;
    }
    for (const toml::node& n : *list) {
      const auto* t = n.as_table();
      if (t == nullptr) continue;
      auto m = measure(*t, where, rules, out);
      if (!m) continue;
      if (!ids.insert(m->id).second) {
        out.push_back({where, m->line, 1, "duplicate measure id '" + m->id + "'", {}});
        continue;
      }
      measures.push_back(std::move(*m));
    }
  }
  if (!out.empty()) return std::unexpected(std::move(out));
  return measures;
}

std::vector<SourceFile> measure_files(const Rulebook& rules) {
  std::vector<SourceFile> files;
  for (const SourceFile& f : rules.sources()) {
    if (is_measure_file(f.path)) files.push_back(f);
  }
  return files;
}

std::expected<std::vector<Measure>, Diagnostics> rulebook_measures(const Rulebook& rules) {
  return load_measures(measure_files(rules), rules);
}

const std::vector<Measure>& builtin_measures() {
  static const std::vector<Measure> measures = [] {
    auto loaded = rulebook_measures(builtin_rulebook());
    if (!loaded) {
      std::string message = "the built-in measures do not compile:";
      for (const Diagnostic& d : loaded.error()) message += "\n" + d.to_string();
      throw std::runtime_error(message);
    }
    return std::move(*loaded);
  }();
  return measures;
}

}  // namespace timescales
