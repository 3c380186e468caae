// Excel workbooks, for the managers and analysts who live in Excel (the tool's --format xlsx),
// written with libxlsxwriter. The columns are those of the CSV outputs (obligation_columns.hpp,
// report.hpp, worklist_columns.hpp); dates are Excel dates, the header row is frozen and filtered,
// and rows resting on a probable or unconfirmed rule are shaded (C13).
//
// A tool, not the library: built into timescales_tools, so that neither the library nor the C API
// depends on libxlsxwriter. Not installed.
#pragma once

#include <expected>
#include <span>
#include <string>

#include "timescales/engine.hpp"
#include "timescales/language.hpp"
#include "timescales/report.hpp"
#include "timescales/worklist.hpp"

namespace timescales {

// Every obligation on one sheet (with the carried columns and, when asked, the explanations),
// and the rejected rows on another. An error when there are more obligations than a sheet holds
// (1,048,575) or the file cannot be written.
std::expected<void, std::string> write_obligations_xlsx(const std::string& path, const Evaluation& evaluation,
                                                        const EventTable& events, bool explain, Language language);

// A contents sheet naming each measure's sheet, then one sheet per measure.
std::expected<void, std::string> write_report_xlsx(const std::string& path, const Report& report,
                                                   std::span<const std::string> by_names, Language language);

// A summary sheet (each group's counts), then one sheet per group of the `by` columns (one sheet
// of every open duty without them).
std::expected<void, std::string> write_worklist_xlsx(const std::string& path, const Worklist& list,
                                                     const Evaluation& evaluation, const EventTable& events,
                                                     const WorklistOptions& options, Language language);

// The name a sheet can have for `wanted`: the characters Excel refuses ([ ] : * ? / \) replaced,
// cut to 31 characters, and made unique among `taken` (compared without case, as Excel does) by
// a " (2)" suffix. Adds it to `taken`.
std::string sheet_name(std::string_view wanted, std::vector<std::string>& taken);

}  // namespace timescales
