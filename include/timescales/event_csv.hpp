// Reading case events from CSV (docs/formats.md): a header row in any column order, RFC 4180 quoting,
// UTF-8 with or without a byte-order mark, LF or CRLF. Columns other than the event columns are
// carried through; a council's own column names and date format are read as ReadOptions say. Rows
// that cannot be used are rejected with their line, column and reason;
// a file that cannot be used at all is an error. Rows in = rows used + rows rejected, always.
#pragma once

#include <expected>
#include <filesystem>
#include <istream>
#include <memory>
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

namespace detail {
struct Layout;  // where each column of a file goes (event_csv.cpp)
}  // namespace detail

// Why a file is not read a chunk at a time. `unusable`: it cannot be read as it stands, or no row
// of it can be used (the whole-file reader says which, as ever); otherwise its rows are not in the
// order that chunks need, and `reason` says where.
struct NotChunked {
  bool unusable = false;
  std::string reason;
};

// A file of case events whose rows are grouped by child, the children in case-id order (as
// exports list them), read a few children at a time: each chunk is a table of its own, so memory
// is bounded by a chunk, not the file (streaming `evaluate`, docs/formats.md "Large files").
//
// scan() reads the file once, a block at a time, with the same CSV reader (a record that is one
// plain line, as nearly all are, split in one pass: csv::Reader::next_plain_fields): each record's case id
// (for the order) and date (for the latest date of a row that can be used, the default as_of of
// C9: a row is validated whole only when its date would be a new latest). read(i) then reads chunk
// i again from the file: its rows, validated and rejected as read_events_file would (the same
// lines, reasons and duplicates, as C8's duplicates are one child's). Rows before the first
// child's, or between children, that are rejected whatever they hold (an empty case id, the wrong
// number of fields) do not break the order.
class EventFileChunks {
 public:
  struct Start {  // where a chunk's text starts: its byte in the file, and the physical line there
    std::size_t offset = 0;
    std::size_t line = 0;
  };

  // `chunk_bytes`: a chunk ends at the first child boundary at or after this many bytes.
  // `threads`: a large file is scanned in that many parts at once: the same rows and latest date,
  // though a chunk may end at another child near where two parts meet.
  static std::expected<EventFileChunks, NotChunked> scan(const std::filesystem::path& path, DateRange valid_dates,
                                                         const ReadOptions& options, std::size_t chunk_bytes,
                                                         unsigned threads = 1);

  // The latest date of the rows that can be used (EventTable::latest_date of the whole file).
  [[nodiscard]] Date latest_date() const { return latest_; }
  [[nodiscard]] std::size_t size() const { return starts_.size(); }
  // Chunk i's rows (0 <= i < size()), with the lines of the whole file; an error when the file
  // changed since the scan.
  [[nodiscard]] std::expected<EventTable, ReadError> read(std::size_t chunk) const;

 private:
  EventFileChunks() = default;

  std::filesystem::path path_;
  DateRange valid_dates_;
  DateFormat date_format_;
  std::shared_ptr<const detail::Layout> layout_;
  std::vector<Start> starts_;
  std::size_t end_ = 0;  // the file's size at the scan
  Date latest_;
};

}  // namespace timescales
