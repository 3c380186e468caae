#include "timescales/reconcile.hpp"

#include <map>
#include <set>

#include "timescales/csv.hpp"
#include "timescales/explain.hpp"

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

Reconciliation reconcile(const Evaluation& evaluation, const EventTable& events, std::string_view rule_id,
                         const std::vector<TheirRow>& theirs, Language language) {
  Reconciliation out;
  std::set<std::string_view> children;
  std::map<std::pair<std::string_view, Date>, const TheirRow*> their_rows;
  for (const TheirRow& row : theirs) {
    children.insert(row.case_id);
    their_rows.emplace(std::pair{std::string_view(row.case_id), row.completed}, &row);
  }
  std::map<std::pair<std::string_view, Date>, const Obligation*> ours;
  for (const Obligation& ob : evaluation.obligations) {
    if (ob.rule->id != rule_id || ob.standard != Standard::statutory || !ob.completed_date) continue;
    const std::string_view case_id = events.case_id(ob.case_index);
    if (!children.contains(case_id)) continue;
    ours.emplace(std::pair{case_id, *ob.completed_date}, &ob);
  }
  for (const auto& [key, ob] : ours) {
    const bool on_time = ob->status == Status::met;
    const auto it = their_rows.find(key);
    if (it != their_rows.end()) {
      ++out.compared;
      if (it->second->on_time == on_time) {
        ++out.agreed;
        continue;
      }
    }
    out.disagreements.push_back({std::string(key.first), key.second,
                                 it == their_rows.end() ? std::nullopt : std::optional(it->second->on_time), on_time,
                                 ob->due_date, reconcile_reason(*ob, events, language)});
  }
  for (const auto& [key, row] : their_rows) {
    if (ours.contains(key)) continue;
    out.disagreements.push_back({std::string(key.first), key.second, row->on_time, std::nullopt, std::nullopt,
                                 reconcile_unmatched(rule_id, language)});
  }
  std::ranges::sort(out.disagreements, [](const Disagreement& a, const Disagreement& b) {
    return std::tie(a.case_id, a.completed) < std::tie(b.case_id, b.completed);
  });
  return out;
}

}  // namespace timescales
