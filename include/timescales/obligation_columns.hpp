// The columns an obligation becomes (docs/formats.md, "Obligations"), defined once for every output:
// the tool's CSV and JSON lines and the report's drill-down (src/io/write.cpp), the Python
// DataFrame (bindings/python), and the C API's ts_evaluation_obligation_text.
//
// To add a column, add one entry to obligation_columns below: every output then has it, in that
// place. (The C API's ts_obligation struct is a frozen ABI: a column reaches it only when a field
// is appended there too; until then a C host reads it by name with ts_evaluation_obligation_text.)
//
// In every output the fixed columns come first, in this order; then the carried columns (team,
// worker...: the trigger event's values, EventTable::carried); then, when asked, the explanation.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "timescales/compact_optional.hpp"
#include "timescales/event.hpp"
#include "timescales/obligation.hpp"
#include "timescales/rulebook.hpp"

namespace timescales {

// What a column's reader is given: the obligation and the events it came from.
struct ObligationRow {
  const Obligation& obligation;
  const EventTable& events;
};

// The kind of value a column holds, which decides how each output writes it.
enum class ColumnType : std::uint8_t {
  // Text of an input column of the same name (the case id). CSV neutralises a value a
  // spreadsheet would take for a formula; Python takes the input's own column at the trigger
  // row, keeping its dtype.
  input_text,
  // One of a list of names (a status, a rule id): a categorical in Python, whose categories come
  // from `categories`. Names are letters, digits, '.', '_' and '-' (the loader checks rule ids), so
  // CSV and JSON write them as they are, never quoted or escaped.
  category,
  integer,
  // YYYY-MM-DD; may be absent: an empty field in CSV, null in JSON, NaT in Python.
  date,
};

constexpr std::string_view name(ColumnType t) {
  constexpr std::array<std::string_view, 4> names{"input_text", "category", "integer", "date"};
  return names[static_cast<std::size_t>(t)];
}

// One column. Only the readers of its type are set.
struct ObligationColumn {
  std::string_view name;
  ColumnType type;
  std::string_view (*text)(const ObligationRow&) = nullptr;                 // input_text, category
  std::uint32_t (*code)(const ObligationRow&) = nullptr;                    // category: the text's index
  std::vector<std::string_view> (*categories)(const Rulebook&) = nullptr;   // category: every text, by code
  std::int64_t (*integer)(const ObligationRow&) = nullptr;                  // integer
  CompactOptional<Date> (*date)(const ObligationRow&) = nullptr;            // date (compact: no spills per cell)
};

// The names of an enumeration's values, in order: the categories of a column of that enumeration.
template <class Enum, std::size_t count>
std::vector<std::string_view> enum_names(const Rulebook&) {
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < count; ++i) out.push_back(name(static_cast<Enum>(i)));
  return out;
}

inline constexpr std::array obligation_columns{
    ObligationColumn{.name = "case_id",
                     .type = ColumnType::input_text,
                     .text = [](const ObligationRow& r) -> std::string_view { return r.events.case_id(r.obligation.case_index); }},
    ObligationColumn{.name = "rule",
                     .type = ColumnType::category,
                     .text = [](const ObligationRow& r) -> std::string_view { return r.obligation.rule->id; },
                     .code = [](const ObligationRow& r) -> std::uint32_t { return r.obligation.family; },
                     .categories = [](const Rulebook& book) {
                       std::vector<std::string_view> ids;
                       for (const RuleFamily& f : book.families()) ids.emplace_back(f.id);
                       return ids;
                     }},
    ObligationColumn{.name = "standard",
                     .type = ColumnType::category,
                     .text = [](const ObligationRow& r) { return name(r.obligation.standard); },
                     .code = [](const ObligationRow& r) -> std::uint32_t { return static_cast<std::uint32_t>(r.obligation.standard); },
                     .categories = enum_names<Standard, 3>},
    ObligationColumn{.name = "occurrence",
                     .type = ColumnType::integer,
                     .integer = [](const ObligationRow& r) -> std::int64_t { return r.obligation.occurrence; }},
    ObligationColumn{.name = "trigger_event",
                     .type = ColumnType::category,
                     .text = [](const ObligationRow& r) { return name(r.obligation.trigger_event); },
                     .code = [](const ObligationRow& r) -> std::uint32_t { return static_cast<std::uint32_t>(r.obligation.trigger_event); },
                     .categories = enum_names<EventType, event_type_count>},
    ObligationColumn{.name = "trigger_date",
                     .type = ColumnType::date,
                     .date = [](const ObligationRow& r) -> CompactOptional<Date> { return r.obligation.trigger_date; }},
    ObligationColumn{.name = "due_date",
                     .type = ColumnType::date,
                     .date = [](const ObligationRow& r) -> CompactOptional<Date> { return r.obligation.due_date; }},
    ObligationColumn{.name = "completed_date",
                     .type = ColumnType::date,
                     .date = [](const ObligationRow& r) { return r.obligation.completed_date; }},
    ObligationColumn{.name = "status",
                     .type = ColumnType::category,
                     .text = [](const ObligationRow& r) { return name(r.obligation.status); },
                     .code = [](const ObligationRow& r) -> std::uint32_t { return static_cast<std::uint32_t>(r.obligation.status); },
                     .categories = enum_names<Status, 6>},
    ObligationColumn{.name = "days_late",
                     .type = ColumnType::integer,
                     .integer = [](const ObligationRow& r) -> std::int64_t { return r.obligation.days_late; }},
    ObligationColumn{.name = "working_days_late",
                     .type = ColumnType::integer,
                     .integer = [](const ObligationRow& r) -> std::int64_t { return r.obligation.working_days_late; }},
    ObligationColumn{.name = "confidence",
                     .type = ColumnType::category,
                     .text = [](const ObligationRow& r) { return name(r.obligation.rule->confidence); },
                     .code = [](const ObligationRow& r) -> std::uint32_t { return static_cast<std::uint32_t>(r.obligation.rule->confidence); },
                     .categories = enum_names<Confidence, 3>},
};

// Calls f(i) for every column in order, i a std::integral_constant: the column is then known at
// compile time (constexpr ObligationColumn c = obligation_columns[i]), so that its type's branch is
// chosen and its reader inlined, not called through a pointer per cell. This matters to writers
// that run over millions of obligations.
template <class F>
constexpr void for_each_obligation_column(F&& f) {
  [&]<std::size_t... i>(std::index_sequence<i...>) {
    (f(std::integral_constant<std::size_t, i>{}), ...);
  }(std::make_index_sequence<obligation_columns.size()>{});
}

// The column called `name`, or null.
const ObligationColumn* obligation_column(std::string_view name);

// A cell as plain text: the text, the integer in decimal, the date as YYYY-MM-DD, "" for no date.
std::string cell_text(const ObligationColumn& column, const ObligationRow& row);

}  // namespace timescales
