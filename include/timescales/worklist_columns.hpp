// The columns of the worklist, defined once for every output: the tool's CSV, JSON lines and
// Markdown (src/io/write_worklist.cpp) and the Python DataFrame (bindings/python). Most are columns
// of the obligation outputs, read and written as there (obligation_columns.hpp); the worklist adds
// the rule's title and the days left. The carried columns (team, worker) follow them.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "timescales/language.hpp"
#include "timescales/obligation_columns.hpp"
#include "timescales/wording.hpp"
#include "timescales/worklist.hpp"

namespace timescales {

struct WorklistRow {
  const WorkItem& item;
  const Obligation& obligation;
  const EventTable& events;
  Language language;
  [[nodiscard]] ObligationRow obligation_row() const { return {obligation, events}; }
};

// One column: either one of the obligation columns (`shared`), or the worklist's own text (free
// text: quoted and escaped as each format needs) or integer.
struct WorklistColumn {
  std::string_view name;
  const ObligationColumn* shared = nullptr;
  std::string_view (*text)(const WorklistRow&) = nullptr;
  std::int64_t (*integer)(const WorklistRow&) = nullptr;
};

// The obligation column called `name`; a name that is not one does not compile.
consteval const ObligationColumn* obligation_column_named(std::string_view name) {
  for (const ObligationColumn& c : obligation_columns) {
    if (c.name == name) return &c;
  }
  throw "not a column of obligation_columns";
}

inline constexpr std::array worklist_columns{
    WorklistColumn{.name = "case_id", .shared = obligation_column_named("case_id")},
    WorklistColumn{.name = "rule", .shared = obligation_column_named("rule")},
    WorklistColumn{.name = "title",
                   .text = [](const WorklistRow& r) { return rule_title(*r.obligation.rule, r.language); }},
    WorklistColumn{.name = "standard", .shared = obligation_column_named("standard")},
    WorklistColumn{.name = "occurrence", .shared = obligation_column_named("occurrence")},
    WorklistColumn{.name = "trigger_event", .shared = obligation_column_named("trigger_event")},
    WorklistColumn{.name = "trigger_date", .shared = obligation_column_named("trigger_date")},
    WorklistColumn{.name = "due_date", .shared = obligation_column_named("due_date")},
    WorklistColumn{.name = "status", .shared = obligation_column_named("status")},
    WorklistColumn{.name = "days_left",
                   .integer = [](const WorklistRow& r) -> std::int64_t { return r.item.days_left; }},
    WorklistColumn{.name = "working_days_left",
                   .integer = [](const WorklistRow& r) -> std::int64_t { return r.item.working_days_left; }},
    WorklistColumn{.name = "confidence", .shared = obligation_column_named("confidence")},
};

}  // namespace timescales
