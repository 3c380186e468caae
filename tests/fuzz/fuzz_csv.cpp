// Fuzz target: the CSV reader (csv::Reader) and the case-event reader (read_events_csv) on
// arbitrary bytes, and the engine on whatever rows survive. Checks the promises of csv.hpp and
// event_csv.hpp: no crash, no read outside the text, line numbers that never go back, an error
// that sticks, next_plain_fields reading what next() reads, and rows in = rows used + rows rejected. Then the writers (write.hpp): whatever the
// values, the obligations and rejections written as CSV read back with as many fields in every
// row as in the header, no value from the input starts a field as a formula would, and a
// rejection's reason holds no control character (terminal escapes are never echoed raw).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string_view>
#include <vector>

#include "timescales/csv.hpp"
#include "timescales/engine.hpp"
#include "timescales/event_csv.hpp"
#include "timescales/explain.hpp"
#include "timescales/load.hpp"
#include "timescales/write.hpp"

namespace {

void require(bool condition) {
  if (!condition) std::abort();  // a broken promise: libFuzzer reports it as a crash
}

// CSV written by the tool: every row has the header's number of fields; returns the rows.
std::size_t check_csv(std::string_view written) {
  timescales::csv::Reader back(written);
  timescales::csv::Record row;
  std::size_t columns = 0, rows = 0;
  for (;;) {
    const auto more = back.next(row);
    require(more.has_value());
    if (!*more) break;
    if (rows++ == 0) columns = row.fields.size();
    require(row.fields.size() == columns);
    for (const std::string_view f : row.fields) {
      // Only a number the tool computed (days late) may start with '-'.
      const bool number = f.size() > 1 && f[0] == '-' && f.find_first_not_of("0123456789", 1) == std::string_view::npos;
      require(!timescales::spreadsheet_formula(f) || number);
    }
  }
  return rows;
}

// next_plain_fields tried before next() on every record, as the event readers do, reads the
// records, lines and errors that next() alone reads, whatever number of fields it is told to want.
void check_plain_fields(std::string_view text, std::size_t columns) {
  timescales::csv::Reader alone(text), mixed(text);
  timescales::csv::Record a, b;
  std::vector<std::string_view> fields(columns);
  for (;;) {
    const auto more = alone.next(a);
    if (const auto line = mixed.next_plain_fields(fields)) {
      require(more.has_value() && *more && *line == a.line && std::ranges::equal(a.fields, fields));
      require(mixed.offset() == alone.offset() && mixed.line() == alone.line());
      continue;
    }
    const auto other = mixed.next(b);
    require(more.has_value() == other.has_value());
    if (!more) {
      require(more.error() == other.error());
      return;
    }
    require(*more == *other && mixed.offset() == alone.offset());
    if (!*more) return;
    require(a.line == b.line && std::ranges::equal(a.fields, b.fields));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace timescales;
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  // The raw reader.
  csv::Reader reader(text);
  csv::Record record;
  std::size_t last_line = 0, records = 0, first_fields = 0;
  for (;;) {
    const auto more = reader.next(record);
    if (!more) {
      csv::Record again;
      const auto second = reader.next(again);
      require(!second && second.error() == more.error());  // once failed, always failed
      break;
    }
    if (!*more) break;
    require(record.line > last_line);
    require(!record.fields.empty());
    if (records == 0) first_fields = record.fields.size();
    last_line = record.line;
    std::size_t bytes = 0;
    for (const std::string_view f : record.fields) bytes += f.size();
    require(bytes <= size);
    require(++records <= size + 1);
  }

  // The one-pass splitter against the reader it stands in for: told to want one field, two, or
  // as many as the first record has (a header's).
  for (const std::size_t columns : {std::size_t{1}, std::size_t{2}, first_fields}) {
    if (columns >= 1 && columns <= 64) check_plain_fields(text, columns);
  }

  // The event reader, and the engine on what it accepted.
  const Rulebook& rules = builtin_rulebook();
  const DateRange range = rules.calendars().get("england-and-wales")->get().supported();
  const auto table = read_events_csv(text, "fuzz.csv", range);
  if (!table) {
    require(!table.error().message.empty());
    return 0;
  }
  require(table->rows_read() == table->events().size() + table->rejected().size());
  for (const Rejection& r : table->rejected()) {
    require(r.line >= 2 && !r.reason.empty());
    for (const char c : r.reason) require(static_cast<unsigned char>(c) >= 0x20 && c != 0x7F);
  }
  std::ostringstream rejections;
  write_rejections(rejections, *table);
  require(check_csv(rejections.view()) == table->rejected().size() + 1);
  const Evaluation evaluation = evaluate(*table, rules);
  std::size_t shown = 0;
  for (const Obligation& ob : evaluation.obligations) {
    require(ob.rule != nullptr);
    if (shown++ < 8) require(!explain(ob, *table, evaluation.as_of).empty());
  }
  std::ostringstream obligations;
  write_obligations(obligations, evaluation, *table, OutputFormat::csv, false);
  require(check_csv(obligations.view()) == evaluation.obligations.size() + 1);
  return 0;
}
