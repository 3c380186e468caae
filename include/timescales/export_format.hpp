// How a council's export writes its case events, when not as docs/formats.md does: its own names
// for the event columns ("Case ID" for case_id) and its date format (dd/mm/yyyy). Given to the
// CSV reader (ReadOptions), the DataFrame reader and the tool (--column, --columns, --date-format);
// docs/formats.md, "Council exports".
#pragma once

#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "timescales/date_format.hpp"
#include "timescales/diagnostic.hpp"

namespace timescales {

// One of the export's header names read as one of ours.
struct ColumnRename {
  std::string from;  // theirs: "Case ID"
  std::string to;    // an event column: case_id, event, date or an attribute
  friend bool operator==(const ColumnRename&, const ColumnRename&) = default;
};
using ColumnMapping = std::vector<ColumnRename>;

// Whether a name is one of the event columns a mapping may give (case_id, event, date, the attributes).
bool is_event_column(std::string_view name);

// "Case ID=case_id": split at the last '=' (an event column's name has none), or why not.
std::expected<ColumnRename, std::string> parse_column_rename(std::string_view text);

// A mapping the reader can use: every target an event column, and no name mapped from or to twice.
// Otherwise what is wrong, naming the names.
std::expected<void, std::string> check_column_mapping(const ColumnMapping& mapping);

// What a columns file (TOML) says:
//   date_format = "%d/%m/%Y"        # optional
//   [columns]
//   "Case ID" = "case_id"
struct ExportFormat {
  ColumnMapping columns;
  std::optional<DateFormat> date_format;
};

// Reads a columns file; its problems with file, line and column. `name` names it in messages.
std::expected<ExportFormat, Diagnostics> read_export_format(const std::string& name, const std::string& text);

}  // namespace timescales
