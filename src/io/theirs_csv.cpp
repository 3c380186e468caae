#include "timescales/theirs_csv.hpp"

#include "timescales/csv.hpp"

namespace timescales {

std::expected<std::vector<TheirRow>, ReadError> read_theirs_csv(std::string_view text, const std::string& file) {
  const auto fail = [&](std::size_t line, const std::string& message) {
    return std::unexpected(ReadError{file + (line > 0 ? ":" + std::to_string(line) : "") + ": " + message});
  };
  csv::Reader reader(text);
  csv::Record record;
  auto more = reader.next(record);
  if (!more) return fail(more.error().line, more.error().message);
  if (!*more) return fail(0, "the file is empty; expected a header row case_id,completed_date,on_time");
  constexpr std::size_t none = static_cast<std::size_t>(-1);  // a column index no header can reach
  std::size_t c_case = none, c_date = none, c_on_time = none;
  for (std::size_t i = 0; i < record.fields.size(); ++i) {
    if (record.fields[i] == "case_id") c_case = i;
    if (record.fields[i] == "completed_date") c_date = i;
    if (record.fields[i] == "on_time") c_on_time = i;
  }
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
    row.case_id = std::string(record.fields[c_case]);
    if (row.case_id.empty()) return fail(record.line, "case_id: empty");
    const auto date = parse_date(record.fields[c_date]);
    if (!date) return fail(record.line, "completed_date: " + date.error().message);
    row.completed = *date;
    const auto on_time = parse_boolean(record.fields[c_on_time]);
    if (!on_time) return fail(record.line, "on_time: not a boolean: " + excerpt(record.fields[c_on_time], case_data_excerpt));
    row.on_time = *on_time;
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace timescales
