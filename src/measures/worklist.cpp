// The open duties of an evaluation, for the people who act next (worklist.hpp).
#include "timescales/worklist.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace timescales {

namespace {

std::string_view group_value(const EventTable& events, std::size_t column, const Obligation& ob) {
  return events.carried(column, ob.trigger_row);
}

}  // namespace

WorkItem work_item(const Evaluation& evaluation, std::uint32_t obligation) {
  const Obligation& ob = evaluation.obligations[obligation];
  // Both dates are within the calendar: the engine judged the duty with them.
  const std::int32_t working = ob.rule->calendar->working_days_between(evaluation.as_of, ob.due_date).value_or(0);
  return {obligation, ob.due_date - evaluation.as_of, working};
}

std::expected<Worklist, Error> worklist(const Evaluation& evaluation, const EventTable& events, const Rulebook& rules,
                                        const WorklistOptions& options) {
  const Calendar* calendar = rules.jurisdiction_calendar();
  if (calendar == nullptr) return std::unexpected(Error{Errc::invalid_data, "the rulebook declares no jurisdiction, so no calendar"});
  const auto horizon = add(evaluation.as_of, options.within, *calendar);
  if (!horizon) return std::unexpected(horizon.error());
  Worklist out{evaluation.as_of, horizon->date, {}};
  for (std::size_t i = 0; i < evaluation.obligations.size(); ++i) {
    const Obligation& ob = evaluation.obligations[i];
    const bool open = ob.status == Status::overdue || (ob.status == Status::pending && ob.due_date <= out.horizon);
    if (open) out.items.push_back(work_item(evaluation, static_cast<std::uint32_t>(i)));
  }
  // By group, then due date, then case, then the rest of the obligation's key: a stable order
  // for the same input, whatever the order of its rows.
  const auto key = [&](const WorkItem& item) {
    const Obligation& ob = evaluation.obligations[item.obligation];
    return std::tuple(ob.due_date, std::string_view(events.case_id(ob.case_index)), std::string_view(ob.rule->id),
                      ob.standard, ob.trigger_date, ob.occurrence);
  };
  std::ranges::sort(out.items, [&](const WorkItem& a, const WorkItem& b) {
    for (const std::size_t column : options.by) {
      const auto va = group_value(events, column, evaluation.obligations[a.obligation]);
      const auto vb = group_value(events, column, evaluation.obligations[b.obligation]);
      if (va != vb) return va < vb;
    }
    return key(a) < key(b);
  });
  return out;
}

std::vector<WorklistGroup> worklist_groups(const Worklist& list, const Evaluation& evaluation, const EventTable& events,
                                           std::span<const std::size_t> by) {
  // Sunday of as_of's week (ISO weeks run Monday to Sunday).
  const Date sunday = list.as_of + (7 - static_cast<int>(weekday(list.as_of)));
  std::vector<WorklistGroup> groups;
  std::map<std::vector<std::string>, std::size_t> index;
  if (by.empty()) groups.emplace_back();
  for (const WorkItem& item : list.items) {
    const Obligation& ob = evaluation.obligations[item.obligation];
    WorklistGroup* group = by.empty() ? &groups.front() : nullptr;
    if (!by.empty()) {
      std::vector<std::string> values;
      for (const std::size_t column : by) values.emplace_back(group_value(events, column, ob));
      const auto [at, added] = index.try_emplace(values, groups.size());
      if (added) groups.push_back({std::move(values), 0, 0, 0});
      group = &groups[at->second];
    }
    if (ob.status == Status::overdue) {
      ++group->overdue;
    } else {
      ++group->due_within_horizon;
      if (ob.due_date <= sunday) ++group->due_this_week;
    }
  }
  return groups;
}

}  // namespace timescales
