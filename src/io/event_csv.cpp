#include "timescales/event_csv.hpp"

#include <algorithm>
#include <fstream>
#include <unordered_set>

#include "timescales/csv.hpp"

namespace timescales {

namespace {

std::string_view trim_blanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Spaces and tabs around a field are not part of it. Nearly every field has none.
[[gnu::always_inline]] inline std::string_view trimmed(std::string_view s) {
  const auto blank = [](char c) { return c == ' ' || c == '\t'; };
  if (s.empty() || (!blank(s.front()) && !blank(s.back()))) return s;
  return trim_blanks(s);
}

// Where each column of the file goes.
struct Layout {
  std::size_t case_id = npos, event = npos, date = npos;
  std::array<std::size_t, attribute_count> attributes;
  std::vector<std::size_t> carried;  // file columns carried through, in file order
  std::vector<std::string> carried_names;
  std::size_t columns = 0;
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  Layout() { attributes.fill(npos); }
};

std::expected<Layout, ReadError> layout(const csv::Record& header, const std::string& file, const ReadOptions& options) {
  const auto& carry = options.carry;
  if (const auto ok = check_column_mapping(options.columns); !ok) return std::unexpected(ReadError{file + ": " + ok.error()});
  Layout l;
  l.columns = header.fields.size();
  std::unordered_set<std::string_view> seen;  // not a linear search: a hostile header may have 100,000 columns
  std::vector<bool> mapped(options.columns.size());
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    std::string_view name = trimmed(header.fields[i]);
    // The export's own name for an event column is read as ours.
    const auto rename = std::ranges::find(options.columns, name, &ColumnRename::from);
    if (rename != options.columns.end()) {
      mapped[static_cast<std::size_t>(rename - options.columns.begin())] = true;
      name = rename->to;
    }
    if (!seen.insert(name).second) {
      const auto by = std::ranges::find(options.columns, name, &ColumnRename::to);
      if (by != options.columns.end()) {
        return std::unexpected(ReadError{file + ":1: column " + excerpt(by->from) + " is mapped to " + by->to +
                                         ", which the header has as well"});
      }
      return std::unexpected(ReadError{file + ":1: column " + excerpt(name, case_data_excerpt) + " appears twice in the header"});
    }
    if (name == "case_id") l.case_id = i;
    else if (name == "event") l.event = i;
    else if (name == "date") l.date = i;
    else if (const auto a = attribute_named(name)) l.attributes[static_cast<std::size_t>(*a)] = i;
    else if (!carry || std::ranges::find(*carry, name) != carry->end()) {
      l.carried.push_back(i);
      l.carried_names.emplace_back(name);
    }
  }
  for (std::size_t m = 0; m < mapped.size(); ++m) {
    if (!mapped[m]) {
      return std::unexpected(ReadError{file + ":1: no column " + excerpt(options.columns[m].from) + " to map to " +
                                       options.columns[m].to + ": the header has no such column"});
    }
  }
  if (carry) {
    for (const std::string& name : *carry) {
      if (!name.empty() && std::ranges::find(l.carried_names, name) == l.carried_names.end()) {
        return std::unexpected(ReadError{file + ":1: no column " + excerpt(name) + " to carry: the header has no such "
                                         "column, or it is an event column (case_id, event, date, an attribute)"});
      }
    }
  }
  std::string missing;
  for (const auto& [index, name] : {std::pair{l.case_id, "case_id"}, {l.event, "event"}, {l.date, "date"}}) {
    if (index == Layout::npos) missing += (missing.empty() ? "" : ", ") + std::string(name);
  }
  if (!missing.empty()) {
    return std::unexpected(ReadError{file + ":1: missing required column" +
                                     (missing.find(',') != std::string::npos ? "s " : " ") + missing +
                                     " (the header must name case_id, event and date)"});
  }
  return l;
}

}  // namespace

std::expected<EventTable, ReadError> read_events_csv(std::string_view text, const std::string& file,
                                                     DateRange valid_dates, const ReadOptions& options) {
  // Spreadsheets save "Unicode text" as UTF-16: say so, rather than "binary data".
  if (text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF")) {
    return std::unexpected(ReadError{file + ": the file is UTF-16 text (it starts with a UTF-16 byte-order mark); "
                                            "save it as UTF-8 CSV"});
  }
  csv::Reader reader(text);
  csv::Record record;
  const auto first = reader.next(record);
  if (!first) return std::unexpected(ReadError{file + ":" + std::to_string(first.error().line) + ": " + first.error().message});
  if (!*first) return std::unexpected(ReadError{file + ": the file is empty; expected a header row naming case_id, event and date"});
  auto columns = layout(record, file, options);
  if (!columns) return std::unexpected(columns.error());
  const Layout& l = *columns;

  EventTable table(l.carried_names, valid_dates, options.date_format);
  // The table's columns are allocated once rather than grown and copied as rows arrive: the number
  // of rows is estimated from the line ends in the first MiB (and a fifth more, in case rows
  // further on are shorter). A row that is used takes at least 16 bytes (an id, an event of 4 letters, a date, two
  // commas and a line end), which bounds it: a file of blank lines reserves nothing much. An
  // estimate too small only means the columns grow as before. A used row also has a comma for each
  // column after the first three, which bounds the rows of a wide file (each carried column
  // reserves a code per row: 70,000 columns and a file of blank lines must not reserve gigabytes).
  const std::string_view sample = text.substr(0, std::size_t{1} << 20);
  const auto sample_lines = static_cast<std::size_t>(std::count(sample.begin(), sample.end(), '\n')) + 1;
  const std::size_t estimate =
      sample.size() == text.size()
          ? sample_lines
          : static_cast<std::size_t>(static_cast<double>(sample_lines) * 1.2 * static_cast<double>(text.size()) /
                                     static_cast<double>(sample.size()));
  table.reserve(std::min(estimate, text.size() / (16 + (l.columns - 3)) + 1));
  std::vector<std::string_view> carried(l.carried.size());
  while (true) {
    const auto more = reader.next(record);
    if (!more) return std::unexpected(ReadError{file + ":" + std::to_string(more.error().line) + ": " + more.error().message});
    if (!*more) break;
    const auto& f = record.fields;
    if (f.size() != l.columns) {
      const std::string_view case_id = l.case_id < f.size() ? f[l.case_id] : std::string_view{};
      table.reject(record.line, std::string(utf8_prefix(case_id, max_case_id_length)), "",
                   "expected " + std::to_string(l.columns) + " fields, as in the header, found " + std::to_string(f.size()));
      continue;
    }
    RowText row{trimmed(f[l.case_id]), trimmed(f[l.event]), trimmed(f[l.date]), {}};
    for (std::size_t a = 0; a < attribute_count; ++a) {
      if (l.attributes[a] != Layout::npos) row.attributes[a] = trimmed(f[l.attributes[a]]);
    }
    for (std::size_t c = 0; c < l.carried.size(); ++c) carried[c] = f[l.carried[c]];
    table.add_row(record.line, row, carried);
  }
  return table;
}

namespace {

ReadError too_large(const std::string& name, std::size_t max_bytes) {
  return {name + ": the file is larger than " + std::to_string(max_bytes >> 20) +
          " MiB, more than the tool reads; split it, by case, into smaller files"};
}

// Reads `in` in chunks, with checks as it goes: a stream (a pipe, /dev/zero) is refused when it
// passes the limit, and a chunk holding a NUL byte ends the reading (the reader refuses the text at
// that byte, whatever follows). `text` may hold a reservation (a file's known size).
std::expected<EventTable, ReadError> read_chunks(std::istream& in, const std::string& name, std::string text,
                                                 DateRange valid_dates, const ReadOptions& options) {
  const std::size_t max_bytes = options.max_bytes;
  constexpr std::size_t chunk = std::size_t{1} << 20;
  while (in) {
    const std::size_t at = text.size();
    if (at > max_bytes) return std::unexpected(too_large(name, max_bytes));
    const std::size_t want = std::max(chunk, text.capacity() - at);
    text.resize_and_overwrite(at + want, [&](char* data, std::size_t) {
      in.read(data + at, static_cast<std::streamsize>(want));
      return at + static_cast<std::size_t>(in.gcount());
    });
    if (std::string_view(text).substr(at).find('\0') != std::string_view::npos) break;
  }
  if (in.bad()) return std::unexpected(ReadError{name + ": cannot read the file"});
  if (text.size() > max_bytes) return std::unexpected(too_large(name, max_bytes));
  return read_events_csv(text, name, valid_dates, options);
}

}  // namespace

std::expected<EventTable, ReadError> read_events_file(const std::filesystem::path& path, DateRange valid_dates,
                                                      const ReadOptions& options) {
  const std::string name = path.string();
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return std::unexpected(ReadError{name + ": is a directory, not a CSV file of case events"});
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::unexpected(ReadError{name + ": cannot open the file"});
  // A file known to be too large is refused before it is read.
  std::string text;
  if (std::filesystem::is_regular_file(path, ec)) {
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > options.max_bytes) return std::unexpected(too_large(name, options.max_bytes));
    if (!ec) text.reserve(static_cast<std::size_t>(size) + 1);  // + 1: the first read meets the end
  }
  return read_chunks(in, name, std::move(text), valid_dates, options);
}

std::expected<EventTable, ReadError> read_events_stream(std::istream& in, const std::string& name, DateRange valid_dates,
                                                        const ReadOptions& options) {
  return read_chunks(in, name, {}, valid_dates, options);
}

}  // namespace timescales
