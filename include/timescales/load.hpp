// Turning data files into immutable, ready-to-use objects, with diagnostics for everything wrong.
#pragma once

#include <expected>
#include <span>

#include "timescales/calendars.hpp"
#include "timescales/diagnostic.hpp"
#include "timescales/source.hpp"

namespace timescales {

// Builds every calendar among the files (those under calendars/), or says everything wrong
// with them.
std::expected<Calendars, Diagnostics> load_calendars(std::span<const SourceFile> files);

}  // namespace timescales
