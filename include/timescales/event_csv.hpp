// Reading case events from CSV (docs/formats.md): a header row in any column order, RFC 4180 quoting,
// UTF-8 with or without a byte-order mark, LF or CRLF. Columns other than the event columns are
// carried through; a council's own column names and date format are read as ReadOptions say. Rows
// that cannot be used are rejected with their line, column and reason;
// a file that cannot be used at all is an error. Rows in = rows used + rows rejected, always.
#pragma once

#include <expected>
#include <filesystem>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "timescales/event.hpp"
#include "timescales/export_format.hpp"

namespace timescales {

// The file cannot be used at all: what is wrong, naming the file and, where there is one, the line.
struct ReadError {
  std::string message;
};

// The largest file read_events_file reads by default: beyond it (or when memory runs out) the file is
// refused with a message, rather than read until the process is killed.
inline constexpr std::size_t max_events_file_bytes = std::size_t{4} << 30;

struct ReadOptions {
  // The columns carried through to the outputs. Nothing: every column that is not an event column
  // (each is then copied into every output row). Otherwise only these, in file order; the file's
  // other extra columns are read but not kept. A name the header does not have is an error.
  std::optional<std::vector<std::string>> carry;
  // A council export's own names for the event columns (checked with check_column_mapping): each
  // must be in the header, and is read as the event column it maps to.
  ColumnMapping columns;
  DateFormat date_format;  // how the date column writes its dates
  std::size_t max_bytes = max_events_file_bytes;  // read_events_file only
};

std::expected<EventTable, ReadError> read_events_csv(std::string_view text, const std::string& file_name,
                                                     DateRange valid_dates, const ReadOptions& options = {});

// Reads the file in bounded chunks (a pipe or /dev/zero as well as a file) and then as
// read_events_csv does; a file larger than options.max_bytes, or a directory, is an error.
std::expected<EventTable, ReadError> read_events_file(const std::filesystem::path& path, DateRange valid_dates,
                                                      const ReadOptions& options = {});

// The same from a stream (standard input), named `name` in messages.
std::expected<EventTable, ReadError> read_events_stream(std::istream& in, const std::string& name, DateRange valid_dates,
                                                        const ReadOptions& options = {});

}  // namespace timescales
