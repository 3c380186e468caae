// The worklist: every open duty on the day statuses are judged (C9), for the people who act next.
// Overdue duties, and pending ones that fall due within a horizon ("10 working days" by default),
// with the days left (negative when overdue), sorted by group, due date, then case.
//
// The days left count from as_of to the due date: calendar days, and working days in the rule's
// own calendar (working days in (as_of, due]; negative, as working_days_late, when overdue). So an
// overdue duty's days_left is minus its days_late, and a duty due today has 0 left.
#pragma once

#include <cstdint>
#include <expected>
#include <span>
#include <string>
#include <vector>

#include "timescales/engine.hpp"
#include "timescales/error.hpp"
#include "timescales/period.hpp"

namespace timescales {

struct WorkItem {
  std::uint32_t obligation = 0;  // its index in Evaluation::obligations
  std::int32_t days_left = 0;
  std::int32_t working_days_left = 0;
};

struct WorklistOptions {
  // Pending duties due on or before as_of + within (counted in the jurisdiction's calendar).
  Period within{10, PeriodUnit::working_days};
  // Carried columns (their index in EventTable::carried_columns()) to group by: the items are
  // sorted by their values (the trigger event's) first, in this order.
  std::vector<std::size_t> by;
};

// One obligation of an evaluation with its days left: the worklist's row, and what a case
// management system shows beside a duty (ts_evaluation_days_left).
WorkItem work_item(const Evaluation& evaluation, std::uint32_t obligation);

// The default horizon, as the tool and Python write it.
inline constexpr std::string_view default_worklist_horizon = "10 working days";

struct Worklist {
  Date as_of;
  Date horizon;  // the last due date a pending duty may have to be listed
  std::vector<WorkItem> items;
};

// The open duties of an evaluation. Fails only when the horizon falls outside the calendar.
std::expected<Worklist, Error> worklist(const Evaluation& evaluation, const EventTable& events, const Rulebook& rules,
                                        const WorklistOptions& options = {});

// A group's counts, for the summary a manager reads first.
struct WorklistGroup {
  std::vector<std::string> values;  // the group's values of the `by` columns (empty: everything)
  std::size_t overdue = 0;
  std::size_t due_this_week = 0;    // pending, due on or before the Sunday of as_of's week
  std::size_t due_within_horizon = 0;  // pending, due by the horizon (this week's included)
};

// One group per distinct value of the `by` columns among the items, in the items' order; one
// group of everything when `by` is empty.
std::vector<WorklistGroup> worklist_groups(const Worklist& list, const Evaluation& evaluation, const EventTable& events,
                                           std::span<const std::size_t> by);

}  // namespace timescales
