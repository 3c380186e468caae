// Turning data files into immutable, ready-to-use rulebooks, with diagnostics for everything
// wrong; and the rulebooks built into the library.
#pragma once

#include <expected>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "timescales/calendars.hpp"
#include "timescales/diagnostic.hpp"
#include "timescales/error.hpp"
#include "timescales/rulebook.hpp"
#include "timescales/source.hpp"

namespace timescales {

// Builds every calendar among the files (those under calendars/), or says everything wrong
// with them.
std::expected<Calendars, Diagnostics> load_calendars(std::span<const SourceFile> files);

// Compiles rule files (every file outside calendars/ and measures/) and calendars into a
// rulebook, or says everything wrong with them: unknown keys, wrong types, malformed periods,
// impossible dates, unknown events, calendars and rule ids, duplicate ids, overlapping periods of
// effect, relaxations without the provision that allows them, a file that does not name the
// rulebook's jurisdiction, truncated files.
// `reference` (optional) supplies what the files do not define themselves: the calendars when
// there is no calendars/ among them, the jurisdiction, the date settings, and the rules a local
// standard names. The rulebook keeps every file, so that it can be layered (below).
std::expected<Rulebook, Diagnostics> load_rulebook(std::span<const SourceFile> files,
                                                   const Rulebook* reference = nullptr);

// Whether the files declare their jurisdiction (a [jurisdiction] table), as a whole rulebook such
// as rules/ does. Files that do not are a council's layer, for layer_rulebook.
bool declares_jurisdiction(std::span<const SourceFile> files);

// A council's local directory layered on a rulebook (C12): the base's files and the layer's are
// compiled as one rulebook, so that the layer adds local standards, measures, calendars and
// settings (the WSP switch date among them) and is checked exactly as it will be used. A layer
// makes no law: a rule under an id of the base (even a version outside the base's periods), or
// one claiming the statutory standard, is a diagnostic at its line. Layer again for a further
// directory.
std::expected<Rulebook, Diagnostics> layer_rulebook(const Rulebook& base, std::span<const SourceFile> layer);

// The jurisdictions whose rules are built into the library (a folder of rules/ each, declaring
// itself in a [jurisdiction] table): "wales" today.
std::vector<std::string> builtin_jurisdictions();

// The rules built into the library for one jurisdiction, or an error naming the ones there are.
std::expected<std::reference_wrapper<const Rulebook>, Error> builtin_rulebook(std::string_view jurisdiction);

// The built-in rules while one jurisdiction is built in (throws std::logic_error once there are
// several: then name one). Loading them cannot fail in a released build: the test suite proves it.
const Rulebook& builtin_rulebook();

}  // namespace timescales
