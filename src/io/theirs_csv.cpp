#include "timescales/theirs_csv.hpp"

#include <array>

#include "timescales/csv.hpp"

namespace timescales {

std::expected<std::vector<TheirRow>, ReadError> read_theirs_csv(std::string_view text, const std::string& file,
                                                                DateRange valid_dates) {
  const auto fail = [&](std::size_t line, const std::string& message) {
    return std::unexpected(ReadError{file + (line > 0 ? ":" + std::to_string(line) : "") + ": " + message});
  };
  csv::Reader reader(text);
  csv::Record record;
  auto more = reader.next(record);
  if (!more) return fail(more.error().line, more.error().message);
  if (!*more) return fail(0, "the file is empty; expected a header row case_id,completed_date,on_time");
  // Spaces and tabs around a name or a value are not part of it, as for the events. A column
  // named twice is refused: which one the council meant is not ours to guess.
  constexpr std::size_t none = static_cast<std::size_t>(-1);  // a column index no header can reach
  constexpr std::array<std::string_view, 3> names = {"case_id", "completed_date", "on_time"};
  std::array<std::size_t, 3> at = {none, none, none};
  for (std::size_t i = 0; i < record.fields.size(); ++i) {
    for (std::size_t k = 0; k < names.size(); ++k) {
      if (csv::trimmed(record.fields[i]) != names[k]) continue;
      if (at[k] != none) return fail(1, "column '" + std::string(names[k]) + "' appears twice in the header");
      at[k] = i;
    }
  }
  const auto [c_case, c_date, c_on_time] = at;
  if (c_case == none || c_date == none || c_on_time == none) {
    return fail(1, "the header must name case_id, completed_date and on_time");
  }
  const std::size_t columns = record.fields.size();
  std::vector<TheirRow> out;
  while (true) {
    more = reader.next(record);
    if (!more) return fail(more.error().line, more.error().message);
    if (!*more) break;
    if (record.fields.size() != columns) {
      return fail(record.line, "expected " + std::to_string(columns) + " fields, found " + std::to_string(record.fields.size()));
    }
    TheirRow row;
    row.line = record.line;
    row.case_id = std::string(csv::trimmed(record.fields[c_case]));
    if (row.case_id.empty()) return fail(record.line, "case_id: empty");
    const std::string_view date_text = csv::trimmed(record.fields[c_date]);
    const auto date = parse_date(date_text);
    if (!date) return fail(record.line, "completed_date: " + date.error().message);
    // C1: no occurrence can be completed outside the calendar's range; such a date is an error
    // in the report, never compared as if it were a real one.
    if (!valid_dates.contains(*date)) {
      return fail(record.line, "completed_date: " + outside_range(*date, valid_dates).text);
    }
    row.completed = *date;
    const std::string_view on_time_text = csv::trimmed(record.fields[c_on_time]);
    const auto on_time = parse_boolean(on_time_text);
    if (!on_time) return fail(record.line, "on_time: not a boolean: " + excerpt(on_time_text, case_data_excerpt));
    row.on_time = *on_time;
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace timescales
