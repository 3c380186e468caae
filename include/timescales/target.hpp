// Targets: what a council or its board set a measure's percentage to reach, and how near counts
// as amber. Data, like the measures: `[[target]]` tables in a measure file of a council's local
// directory (--local) or a --definition file. The built-in measures carry none: the law sets
// timescales, not targets, and a target is a council's to set.
#pragma once

#include <expected>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "timescales/diagnostic.hpp"
#include "timescales/measure.hpp"
#include "timescales/rulebook.hpp"
#include "timescales/source.hpp"

namespace timescales {

enum class Better : std::uint8_t { higher, lower };
constexpr std::string_view name(Better b) { return b == Better::higher ? "higher" : "lower"; }

// Red, amber or green: a figure against its target.
enum class Rag : std::uint8_t { green, amber, red };
constexpr std::string_view name(Rag r) { return r == Rag::green ? "green" : r == Rag::amber ? "amber" : "red"; }

struct Target {
  std::string measure;  // the measure's id
  double value = 0;     // percent
  Better better = Better::higher;
  double amber = 0;     // percentage points short of the target still judged amber
  std::string set_by;   // who set it, and when: "Improvement Board, 2024-25"
  std::string file;
  int line = 0;
};

// Green on or beyond the target, amber within the band short of it, red beyond the band.
//   judge({.value = 90, .amber = 5}, 86.0) == Rag::amber
constexpr Rag judge(const Target& t, double percentage) {
  const double short_by = t.better == Better::higher ? t.value - percentage : percentage - t.value;
  if (short_by <= 0) return Rag::green;
  return short_by <= t.amber ? Rag::amber : Rag::red;
}

// The `[[target]]` tables of measure files, checked against the measures they set: the measure
// exists, is a percentage (has a denominator), has one target only.
std::expected<std::vector<Target>, Diagnostics> load_targets(std::span<const SourceFile> files,
                                                             std::span<const Measure> measures);

// The targets of a rulebook's measure files (those of a council's local directory layered on it).
std::expected<std::vector<Target>, Diagnostics> rulebook_targets(const Rulebook& rules, std::span<const Measure> measures);

// The target of `measure`, if one was set.
const Target* target_of(std::span<const Target> targets, const Measure& measure);

}  // namespace timescales
