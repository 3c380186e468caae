// `[[target]]` tables into Targets, checked against the measures they set.
#include <algorithm>

#include "load/toml_reader.hpp"
#include "timescales/load.hpp"
#include "timescales/load_measures.hpp"
#include "timescales/target.hpp"

namespace timescales {

namespace {

using load::TableReader;

std::optional<Target> target(const toml::table& t, const std::string& file, std::span<const Measure> measures,
                             Diagnostics& out) {
  TableReader r(t, file, "target", out);
  const std::size_t before = out.size();
  Target target;
  target.file = file;
  target.line = static_cast<int>(t.source().begin.line);
  target.measure = r.id("measure", true).value_or("");
  target.value = r.percentage("value", true).value_or(0);
  if (auto b = r.choice("better", false, {"higher", "lower"})) target.better = *b == "lower" ? Better::lower : Better::higher;
  target.amber = r.percentage("amber", false).value_or(0);
  target.set_by = r.string("set_by", true).value_or("");
  r.finish();
  if (out.size() != before) return std::nullopt;
  const auto it = std::ranges::find(measures, target.measure, &Measure::id);
  if (it == measures.end()) {
    std::vector<std::string> known;
    for (const Measure& m : measures) known.push_back(m.id);
    const auto guess = load::nearest(target.measure, known);
    r.error(*t.get("measure"), "unknown measure " + excerpt(target.measure, id_excerpt),
            guess ? "did you mean '" + *guess + "'?" : "");
    return std::nullopt;
  }
  if (it->denominator.empty()) {
    r.error(*t.get("measure"), "measure " + target.measure + " is a count, not a percentage: a target is a percentage");
    return std::nullopt;
  }
  return target;
}

}  // namespace

std::expected<std::vector<Target>, Diagnostics> load_targets(std::span<const SourceFile> files,
                                                             std::span<const Measure> measures) {
  Diagnostics out;
  std::vector<Target> targets;
  for (const SourceFile& file : files) {
    const std::string where = file.where();
    auto doc = load::parse_file(where, file.text, out);
    if (!doc) continue;
    const toml::node* list = doc->get("target");
    if (list == nullptr) continue;
    if (!list->is_array_of_tables()) {
      out.push_back(load::diagnostic_at(where, *list, "'target' must be [[target]] tables"));
      continue;
    }
    for (const toml::node& n : *list->as_array()) {
      auto t = target(*n.as_table(), where, measures, out);
      if (!t) continue;
      if (const Target* earlier = target_of(targets, *std::ranges::find(measures, t->measure, &Measure::id))) {
        out.push_back({where, t->line, 1, "measure " + t->measure + " already has a target (" + earlier->file + ":" +
                                              std::to_string(earlier->line) + ")", "a measure has one target"});
        continue;
      }
      targets.push_back(std::move(*t));
    }
  }
  if (!out.empty()) return std::unexpected(std::move(out));
  return targets;
}

std::expected<std::vector<Target>, Diagnostics> rulebook_targets(const Rulebook& rules, std::span<const Measure> measures) {
  return load_targets(measure_files(rules), measures);
}

const Target* target_of(std::span<const Target> targets, const Measure& measure) {
  const auto it = std::ranges::find(targets, measure.id, &Target::measure);
  return it == targets.end() ? nullptr : &*it;
}

}  // namespace timescales
