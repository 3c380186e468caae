// What `report` and `dashboard` share: the measure catalogue with its targets, the measures
// chosen, and the reporting window.
#include <algorithm>
#include <iostream>

#include "cli/commands.hpp"
#include "timescales/load.hpp"
#include "timescales/load_measures.hpp"

namespace timescales::cli {

namespace {

void print(const Diagnostics& diagnostics) {
  for (const Diagnostic& d : diagnostics) std::cerr << d.to_string() << "\n";
}

}  // namespace

std::expected<MeasureCatalogue, std::string> measure_catalogue(const Rulebook& rules,
                                                               const std::vector<std::string>& definitions) {
  auto carried = rulebook_measures(rules);
  if (!carried) {
    print(carried.error());
    return std::unexpected("the measures of the rules have problems");
  }
  MeasureCatalogue out;
  out.measures = std::move(*carried);
  const auto owner = [&](const std::string& id) -> std::string {
    if (std::ranges::find(builtin_measures(), id, &Measure::id) != builtin_measures().end()) return "a built-in measure";
    return "a measure of the rules (" + std::ranges::find(out.measures, id, &Measure::id)->file + ")";
  };
  const std::size_t of_the_rules = out.measures.size();
  std::vector<SourceFile> target_files = measure_files(rules);  // then each definition
  for (const std::string& path : definitions) {
    auto text = read_sources_file(path);
    if (!text) return std::unexpected(text.error().message);
    auto loaded = load_measures(std::span(&*text, 1), rules);
    if (!loaded) return std::unexpected(path + " has problems; run 'timescales validate-report " + path + "'");
    for (Measure& m : *loaded) {
      // A council's measure may not take the id of one already there: it would be shadowed, or shadow.
      const auto there = std::ranges::find(out.measures, m.id, &Measure::id);
      if (there != out.measures.end()) {
        const bool ours = there < out.measures.begin() + static_cast<std::ptrdiff_t>(of_the_rules);
        return std::unexpected(path + ":" + std::to_string(m.line) + ": measure id '" + m.id + "' is already " +
                               (ours ? owner(m.id) : "defined by another --definition") +
                               "; give the council's measure its own id");
      }
      out.measures.push_back(std::move(m));
    }
    target_files.push_back(*text);
    out.definitions.push_back(std::move(*text));
  }
  auto targets = load_targets(target_files, out.measures);
  if (!targets) {
    print(targets.error());
    return std::unexpected("the targets have problems; run 'timescales validate-report FILE' on the file named");
  }
  out.targets = std::move(*targets);
  return out;
}

Granularity granularity_named(std::string_view period) {
  return period == "month" ? Granularity::month : period == "quarter" ? Granularity::quarter : Granularity::year;
}

std::expected<std::vector<const Measure*>, std::string> chosen_measures(const std::vector<Measure>& catalogue,
                                                                        const std::vector<std::string>& ids, bool all) {
  std::vector<const Measure*> chosen;
  if (all) {
    for (const Measure& m : catalogue) chosen.push_back(&m);
  }
  for (const std::string& id : ids) {
    const auto it = std::ranges::find(catalogue, id, &Measure::id);
    if (it == catalogue.end()) {
      std::string known;
      for (const Measure& m : catalogue) known += "\n  " + m.id;
      return std::unexpected("unknown measure " + excerpt(id, id_excerpt) + "; the measures are:" + known);
    }
    if (std::ranges::find(chosen, &*it) == chosen.end()) chosen.push_back(&*it);  // named twice: shown once
  }
  return chosen;
}

}  // namespace timescales::cli
