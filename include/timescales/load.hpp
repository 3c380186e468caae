// Turning data files into immutable, ready-to-use objects, with diagnostics for everything wrong.
#pragma once

#include <expected>
#include <span>

#include "timescales/calendars.hpp"
#include "timescales/diagnostic.hpp"
#include "timescales/measure.hpp"
#include "timescales/rulebook.hpp"
#include "timescales/source.hpp"

namespace timescales {

// Builds every calendar among the files (those under calendars/), or says everything wrong
// with them.
std::expected<Calendars, Diagnostics> load_calendars(std::span<const SourceFile> files);

// Compiles rule files (every file not under calendars/) and calendars into a rulebook, or says
// everything wrong with them: unknown keys, wrong types, malformed periods, impossible dates,
// unknown events, calendars and rule ids, duplicate ids, overlapping periods of effect, relaxations
// without the provision that allows them, truncated files.
// `reference` (optional) supplies what the files do not define themselves: the calendars when
// there is no calendars/ among them, and the rules a local standard names (a council's local rules
// checked against the built-in statutory ones).
std::expected<Rulebook, Diagnostics> load_rulebook(std::span<const SourceFile> files,
                                                   const Rulebook* reference = nullptr);

// The rules built into the library. Loading them cannot fail in a released build: the test suite
// proves it.
const Rulebook& builtin_rulebook();

// Measure definitions: files under a measures/ folder ("wales/measures/pm24.toml"). Rule files
// are every other file outside calendars/.
bool is_measure_file(const std::string& path);

// Compiles measure definitions, checked against the rulebook (the rules they count exist, are in
// effect when the measure reports, and fit its standard), or says everything wrong with them.
std::expected<std::vector<Measure>, Diagnostics> load_measures(std::span<const SourceFile> files, const Rulebook& rules);

// The measures built into the library.
const std::vector<Measure>& builtin_measures();

}  // namespace timescales
