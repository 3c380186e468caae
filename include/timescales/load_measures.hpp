// Measure definitions (files under a measures/ folder) into Measures, checked against the
// rulebook they count: a layer above the rules, which know nothing of measures.
#pragma once

#include <expected>
#include <span>
#include <vector>

#include "timescales/diagnostic.hpp"
#include "timescales/measure.hpp"
#include "timescales/rulebook.hpp"
#include "timescales/source.hpp"

namespace timescales {

// Compiles measure definitions, checked against the rulebook (the rules they count exist, are in
// effect when the measure reports, and fit its standard), or says everything wrong with them.
std::expected<std::vector<Measure>, Diagnostics> load_measures(std::span<const SourceFile> files, const Rulebook& rules);

// A rulebook's measure files (the built-in ones, and those of its local layers): where its
// measures and targets are read from.
std::vector<SourceFile> measure_files(const Rulebook& rules);

// The measures a rulebook carries: its files under measures/ (the built-in ones, and those of a
// council's local directory layered on it), checked against it.
std::expected<std::vector<Measure>, Diagnostics> rulebook_measures(const Rulebook& rules);

// The measures built into the library, for the built-in rulebook.
const std::vector<Measure>& builtin_measures();

}  // namespace timescales
