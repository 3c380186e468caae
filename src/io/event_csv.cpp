#include "timescales/event_csv.hpp"

#include <algorithm>
#include <fstream>
#include <ranges>
#include <span>
#include <thread>
#include <unordered_set>
#include <utility>

#include "timescales/csv.hpp"
#include "timescales/short_text.hpp"

namespace timescales {

namespace {

using csv::trimmed;  // spaces and tabs around a field are not part of it

}  // namespace

// Where each column of the file goes.
struct detail::Layout {
  std::size_t case_id = npos, event = npos, date = npos;
  std::array<std::size_t, attribute_count> attributes;
  std::vector<std::size_t> carried;  // file columns carried through, in file order
  std::vector<std::string> carried_names;
  std::size_t columns = 0;
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  Layout() { attributes.fill(npos); }
};

namespace {

using detail::Layout;

std::expected<Layout, ReadError> layout(std::span<const std::string_view> header, const std::string& file,
                                        const ReadOptions& options) {
  const auto& carry = options.carry;
  if (const auto ok = check_column_mapping(options.columns); !ok) return std::unexpected(ReadError{file + ": " + ok.error()});
  Layout l;
  l.columns = header.size();
  std::unordered_set<std::string_view> seen;  // not a linear search: a hostile header may have 100,000 columns
  std::vector<bool> mapped(options.columns.size());
  for (std::size_t i = 0; i < header.size(); ++i) {
    std::string_view name = trimmed(header[i]);
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

// About how many rows `text` holds, to allocate a table's columns once rather than grow and copy
// them as rows arrive: the line ends in the first MiB (and a fifth more, in case rows further on
// are shorter). A row that is used takes at least 16 bytes (an id, an event of 4 letters, a date,
// two commas and a line end), which bounds it: a file of blank lines reserves nothing much. An
// estimate too small only means the columns grow as before. A used row also has a comma for each
// column after the first three, which bounds the rows of a wide file (each carried column
// reserves a code per row: 70,000 columns and a file of blank lines must not reserve gigabytes).
std::size_t estimated_rows(std::string_view text, std::size_t columns) {
  const std::string_view sample = text.substr(0, std::size_t{1} << 20);
  const auto sample_lines = static_cast<std::size_t>(std::count(sample.begin(), sample.end(), '\n')) + 1;
  const std::size_t estimate =
      sample.size() == text.size()
          ? sample_lines
          : static_cast<std::size_t>(static_cast<double>(sample_lines) * 1.2 * static_cast<double>(text.size()) /
                                     static_cast<double>(sample.size()));
  return std::min(estimate, text.size() / (16 + (columns - 3)) + 1);
}

// The event columns of a record that has every column of the header.
// Every member is given its value once (an attribute the file lacks, empty): zeroing the row
// first and then filling it took as long as the rest (a `rep stos` per row).
RowText row_text(std::span<const std::string_view> f, const Layout& l) {
  const auto field = [&](std::size_t i) { return i == Layout::npos ? std::string_view{} : trimmed(f[i]); };
  return [&]<std::size_t... a>(std::index_sequence<a...>) {
    return RowText{field(l.case_id), field(l.event), field(l.date), {field(l.attributes[a])...}};
  }(std::make_index_sequence<attribute_count>{});
}

// The records of `reader` after the header, each added to `table` or rejected.
std::expected<void, ReadError> read_rows(csv::Reader& reader, const Layout& l, const std::string& file, EventTable& table) {
  std::vector<std::string_view> carried(l.carried.size());
  const auto add = [&](std::size_t line, std::span<const std::string_view> f) {
    for (std::size_t c = 0; c < l.carried.size(); ++c) carried[c] = f[l.carried[c]];
    table.add_row(line, row_text(f, l), carried);
  };
  std::vector<std::string_view> plain(l.columns);
  csv::Record record;
  while (true) {
    // Nearly every record is one plain line of the header's fields: split in one pass.
    if (const auto line = reader.next_plain_fields(plain)) {
      add(*line, plain);
      continue;
    }
    const auto more = reader.next(record);
    if (!more) return std::unexpected(ReadError{file + ":" + std::to_string(more.error().line) + ": " + more.error().message});
    if (!*more) return {};
    const auto& f = record.fields;
    if (f.size() != l.columns) {
      const std::string_view case_id = l.case_id < f.size() ? f[l.case_id] : std::string_view{};
      table.reject(record.line, std::string(utf8_prefix(case_id, max_case_id_length)), "",
                   because("expected {0} fields, as in the header, found {1}", {std::to_string(l.columns), std::to_string(f.size())}));
      continue;
    }
    add(record.line, f);
  }
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
  auto columns = layout(record.fields, file, options);
  if (!columns) return std::unexpected(columns.error());
  const Layout& l = *columns;

  EventTable table(l.carried_names, valid_dates, options.date_format);
  table.reserve(estimated_rows(text, l.columns));
  if (auto read = read_rows(reader, l, file, table); !read) return std::unexpected(read.error());
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

namespace timescales {

namespace {

// Appends up to `n` bytes of `in` to `text`; whether the end of the file was reached.
bool append_block(std::istream& in, std::string& text, std::size_t n) {
  const std::size_t at = text.size();
  text.resize_and_overwrite(at + n, [&](char* data, std::size_t) {
    in.read(data + at, static_cast<std::streamsize>(n));
    return at + static_cast<std::size_t>(in.gcount());
  });
  return text.size() < at + n;
}

using Start = EventFileChunks::Start;

// What EventFileChunks::scan learns from the records after the header, or from a part of them:
// where chunks start, whether the children come in case-id order, the latest date of a row that
// can be used, and the first and last children (to join the parts read on several threads).
class OrderScan {
 public:
  OrderScan(const Layout& l, DateRange valid_dates, DateFormat date_format, std::size_t chunk_bytes, Start first)
      : l_(l), valid_dates_(valid_dates), date_format_(date_format), chunk_bytes_(chunk_bytes), starts_{first} {}

  // A record (its fields, and the line where it starts), whose text with any blank lines before
  // it starts at `from`: an error when its child's rows began before, or its case id sorts before
  // the previous child's.
  std::expected<void, std::string> add(std::span<const std::string_view> fields, std::size_t line, Start from) {
    if (fields.size() != l_.columns) return {};  // rejected, whatever it holds
    const std::string_view case_id = trimmed(fields[l_.case_id]);
    // A row whose case id the table refuses (empty, too long) is rejected whatever it holds, so
    // it is no child and may stand anywhere.
    if (case_id_ok(case_id) && !short_text::same(case_id, child_)) {
      if (!child_.empty() && case_id < child_) {
        return std::unexpected("line " + std::to_string(line) + " has a case id that sorts before the one above it: "
                               "the rows are not grouped by child in case-id order");
      }
      // Engine and writers order children by the bytes of their ids, as the comparison above.
      if (!child_.empty() && from.offset - starts_.back().offset >= chunk_bytes_) starts_.push_back(from);
      if (child_.empty()) first_ = {std::string(case_id), from};
      child_.assign(case_id);
    }
    note_date(fields, line);
    return {};
  }
  [[nodiscard]] const std::vector<Start>& starts() const { return starts_; }
  [[nodiscard]] std::optional<Date> latest() const { return latest_; }
  // The first child's id and where its first row starts; the last child's id (empty: none).
  struct First {
    std::string child;
    Start from;
  };
  [[nodiscard]] const std::optional<First>& first() const { return first_; }
  [[nodiscard]] const std::string& last_child() const { return child_; }

 private:
  // Only a row whose date would be a new latest is validated whole (it may yet be rejected, and
  // then its date is not the latest): in a file grouped by child that is a few rows in many.
  // And an ISO date (YYYY-MM-DD, ten characters, which sort as text as they do as dates) no later
  // than the latest as text is not parsed: it cannot be a new latest, whether or not it is a date.
  void note_date(std::span<const std::string_view> fields, std::size_t line) {
    const std::string_view text = trimmed(fields[l_.date]);
    if (date_format_.iso() && text.size() == latest_text_.size() && !short_text::after(text, latest_text_)) return;
    const auto date = date_format_.parse(text);
    if (!date || !valid_dates_.contains(*date) || (latest_ && *date <= *latest_)) return;
    EventTable one({}, valid_dates_, date_format_);
    if (!one.add_row(line, row_text(fields, l_))) return;
    latest_ = *date;
    if (date_format_.iso()) latest_text_.assign(text);  // parse_date took it: YYYY-MM-DD
  }

  const Layout& l_;
  DateRange valid_dates_;
  DateFormat date_format_;
  std::size_t chunk_bytes_;
  std::vector<Start> starts_;
  std::string child_;  // the case id of the rows being read; empty before the first
  std::optional<First> first_;
  std::optional<Date> latest_;
  std::string latest_text_;  // the latest's text, when the format is ISO
};

// Reads the records of `in` from `from` (where a record starts; the file's start, whose byte-order
// mark is skipped), a block at a time, calling visit(its fields, its line, where its text starts)
// for each record that starts before `until`, while visit says to go on (true). `columns`: the
// number of fields a record should have, for the reader's one-pass split of plain lines (0: not
// known, as for the header). Returns where reading stopped: the start of the first record not
// visited, or the end of the file.
template <class Visit>
std::expected<Start, NotChunked> each_record(std::istream& in, Start from, std::size_t until, std::size_t block_bytes,
                                             std::size_t max_bytes, std::size_t columns, Visit visit) {
  const auto unusable = [](std::string why) { return std::unexpected(NotChunked{true, std::move(why)}); };
  in.clear();  // a reading before may have reached the end
  in.seekg(static_cast<std::streamoff>(from.offset));
  std::string block;  // the file from block_offset on, as far as it has been read
  std::size_t block_offset = from.offset;
  std::size_t line = from.line;  // the physical line at block_offset
  std::size_t want = block_bytes;
  bool at_end = append_block(in, block, want);
  if (block_offset == 0 && (block.starts_with("\xFF\xFE") || block.starts_with("\xFE\xFF"))) return unusable("UTF-16");
  std::vector<std::string_view> plain(columns);
  while (true) {
    // Each block is read up to its last record known to be whole (one that something follows:
    // a record, or a CR of a CRLF, may go on in the next block); the rest is read again with it.
    csv::Reader reader = block_offset == 0 ? csv::Reader(block) : csv::Reader(block, line);
    const std::size_t first = reader.offset();
    std::size_t done = first, done_line = reader.line();
    csv::Record record;
    while (true) {
      const Start at{block_offset + reader.offset(), reader.line()};
      if (at.offset >= until) return at;
      if (const auto plain_line = reader.next_plain_fields(plain)) {
        if (!at_end && reader.offset() == block.size()) break;  // as below: read again with more
        const std::expected<bool, NotChunked> go_on = visit(std::span<const std::string_view>(plain), *plain_line, at);
        if (!go_on) return std::unexpected(go_on.error());
        if (!*go_on) return Start{block_offset + reader.offset(), reader.line()};
        done = reader.offset();
        done_line = reader.line();
        continue;
      }
      const auto more = reader.next(record);
      if (!more) {
        if (at_end) return unusable(more.error().message);
        break;  // perhaps only the end of the block: read again with more
      }
      if (!*more) {
        if (at_end) return Start{block_offset + reader.offset(), reader.line()};  // the end of the file
        break;  // the block ends in blank lines: read on
      }
      if (!at_end && reader.offset() == block.size()) break;
      const std::expected<bool, NotChunked> go_on = visit(std::span<const std::string_view>(record.fields), record.line, at);
      if (!go_on) return std::unexpected(go_on.error());
      if (!*go_on) return Start{block_offset + reader.offset(), reader.line()};
      done = reader.offset();
      done_line = reader.line();
    }
    if (done > first) {
      block.erase(0, done);
      block_offset += done;
      line = done_line;
      want = block_bytes;
    } else if (block.size() > max_bytes) {
      return unusable("a record larger than the file limit");
    } else {
      want *= 2;  // a record longer than the block
    }
    at_end = append_block(in, block, want);
    if (in.bad()) return unusable("cannot be read");
  }
}

// One part of the records after the header, scanned on a thread of its own: from `from` (taken
// to be where a record starts, counting its lines from 1) to the first record at or after `until`.
struct ScannedPart {
  std::optional<OrderScan> order;
  Start stopped;  // where the part's reading stopped (its lines counted from the part's start)
};

// The first byte after the first line end at or after `at`, taken to be where a record starts
// (true unless a quoted field holds a line end there, which joining the parts finds out); `end`
// when there is none.
std::size_t line_start_after(const std::filesystem::path& path, std::size_t at, std::size_t end) {
  std::ifstream in(path, std::ios::binary);
  in.seekg(static_cast<std::streamoff>(at));
  std::string window;
  while (at < end) {
    window.clear();
    const bool last = append_block(in, window, std::size_t{64} << 10);
    if (const auto nl = window.find('\n'); nl != std::string::npos) return at + nl + 1;
    at += window.size();
    if (last || window.empty()) break;
  }
  return end;
}

}  // namespace

std::expected<EventFileChunks, NotChunked> EventFileChunks::scan(const std::filesystem::path& path, DateRange valid_dates,
                                                                 const ReadOptions& options, std::size_t chunk_bytes,
                                                                 unsigned threads) {
  const std::string name = path.string();
  const auto unusable = [](std::string why) { return std::unexpected(NotChunked{true, std::move(why)}); };
  std::error_code ec;
  const std::filesystem::file_status status = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(status) || std::filesystem::is_directory(status)) return unusable("not a file");
  if (!std::filesystem::is_regular_file(status)) {
    return std::unexpected(NotChunked{false, "it is not a regular file (a pipe or device can be read only once)"});
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return unusable("cannot be opened");
  // Blocks no larger than a chunk, so that tests with small chunks meet block ends too.
  const std::size_t block_bytes = std::clamp<std::size_t>(chunk_bytes, 1, std::size_t{4} << 20);
  const std::size_t size = std::filesystem::file_size(path, ec);
  if (ec) return unusable("cannot be read");

  // The header.
  std::shared_ptr<Layout> header;
  const auto after_header = each_record(in, {0, 1}, size + 1, block_bytes, options.max_bytes, 0,
                                        [&](std::span<const std::string_view> fields, std::size_t,
                                            Start) -> std::expected<bool, NotChunked> {
                                          auto columns = layout(fields, name, options);
                                          if (!columns) return std::unexpected(NotChunked{true, columns.error().message});
                                          header = std::make_shared<Layout>(std::move(*columns));
                                          return false;
                                        });
  if (!after_header) return std::unexpected(after_header.error());
  if (!header) return unusable("no header");
  const auto scan_part = [&](std::istream& part_in, Start from, std::size_t until, Start first) {
    ScannedPart part;
    part.order.emplace(*header, valid_dates, options.date_format, chunk_bytes, first);
    const auto stopped = each_record(part_in, from, until, block_bytes, options.max_bytes, header->columns,
                                     [&](std::span<const std::string_view> fields, std::size_t line,
                                         Start at) -> std::expected<bool, NotChunked> {
                                       if (const auto ok = part.order->add(fields, line, at); !ok) {
                                         return std::unexpected(NotChunked{false, ok.error()});
                                       }
                                       return true;
                                     });
    if (!stopped) return std::expected<ScannedPart, NotChunked>(std::unexpected(stopped.error()));
    part.stopped = *stopped;
    return std::expected<ScannedPart, NotChunked>(std::move(part));
  };

  EventFileChunks chunks;
  chunks.path_ = path;
  chunks.valid_dates_ = valid_dates;
  chunks.date_format_ = options.date_format;
  chunks.layout_ = header;
  chunks.end_ = size;
  std::optional<Date> latest;

  // On several threads, the records are cut into parts at line ends, each scanned on its own and
  // the parts joined. A cut is right when the part before it stops exactly there (no quoted field
  // holds that line end); when any cut is wrong, or a part finds the order broken or the file
  // unusable, the whole is scanned again on one thread, which says where, with the right line.
  const std::size_t parts = std::min<std::size_t>(threads, (size - after_header->offset) / (std::size_t{4} << 20));
  bool joined = false;
  if (parts > 1) {
    std::vector<std::size_t> cuts{after_header->offset};
    for (std::size_t k = 1; k < parts; ++k) {
      const std::size_t cut = line_start_after(path, after_header->offset + (size - after_header->offset) * k / parts, size);
      if (cut > cuts.back() && cut < size) cuts.push_back(cut);
    }
    cuts.push_back(size);
    std::vector<std::optional<std::expected<ScannedPart, NotChunked>>> scanned(cuts.size() - 1);
    {
      std::vector<std::jthread> pool;
      for (std::size_t k = 1; k + 1 < cuts.size(); ++k) {
        pool.emplace_back([&, k] {
          std::ifstream part_in(path, std::ios::binary);
          scanned[k].emplace(scan_part(part_in, {cuts[k], 1}, cuts[k + 1], {cuts[k], 1}));
        });
      }
      scanned[0].emplace(scan_part(in, *after_header, cuts[1], *after_header));
    }
    joined = true;
    std::string last;  // the last child of the parts joined so far
    std::size_t line = 1;
    for (std::size_t k = 0; k < scanned.size() && joined; ++k) {
      const auto& part = *scanned[k];
      if (!part || part->stopped.offset != cuts[k + 1]) {
        joined = false;
        break;
      }
      // Part k's lines are counted from its start: the line of the whole file there is `line`.
      const std::size_t shift = k == 0 ? 0 : line - 1;
      const auto whole = [shift](Start s) { return Start{s.offset, s.line + shift}; };
      const OrderScan& order = *part->order;
      if (k == 0) {
        chunks.starts_ = order.starts();
      } else if (order.first()) {
        if (!last.empty() && order.first()->child < last) {
          joined = false;
          break;
        }
        // A child that goes on across the cut stays in the chunk before.
        if (order.first()->child != last) chunks.starts_.push_back(whole(order.first()->from));
        for (const Start& s : order.starts() | std::views::drop(1)) chunks.starts_.push_back(whole(s));
      }
      if (!order.last_child().empty()) last = order.last_child();
      if (order.latest() && (!latest || *order.latest() > *latest)) latest = order.latest();
      line = part->stopped.line + shift;
    }
  }
  if (!joined) {
    latest.reset();
    const auto part = scan_part(in, *after_header, size + 1, *after_header);
    if (!part) return std::unexpected(part.error());
    chunks.starts_ = part->order->starts();
    latest = part->order->latest();
  }
  if (!latest) return unusable("no row can be used");
  chunks.latest_ = *latest;
  return chunks;
}

std::expected<EventTable, ReadError> EventFileChunks::read(std::size_t chunk) const {
  const Start& start = starts_[chunk];
  const std::size_t end = chunk + 1 < starts_.size() ? starts_[chunk + 1].offset : end_;
  const std::string name = path_.string();
  std::ifstream in(path_, std::ios::binary);
  std::string text;
  if (in) in.seekg(static_cast<std::streamoff>(start.offset));
  if (in) append_block(in, text, end - start.offset);
  if (text.size() != end - start.offset) return std::unexpected(ReadError{name + ": the file changed while it was read"});
  EventTable table(layout_->carried_names, valid_dates_, date_format_);
  table.reserve(estimated_rows(text, layout_->columns));
  csv::Reader reader(text, start.line);
  if (auto read = read_rows(reader, *layout_, name, table); !read) return std::unexpected(read.error());
  return table;
}

}  // namespace timescales
