#include "timescales/reconcile.hpp"

#include <map>
#include <set>

namespace timescales {

std::string reason(const Obligation& ob, const EventTable& events) {
  const Rule& r = *ob.rule;
  std::string out;
  if (ob.decided_by_row) {
    const Event& e = events.events()[*ob.decided_by_row];
    out += "the " + std::string(name(e.type)) + " on " + to_string(e.date) + " recorded ";
    out += ob.interval.from_variation || ob.standard == Standard::plan
               ? "a visit interval of " + to_string(e.visit_interval.value_or(ob.period))
               : std::string(e.intended_until_18.value_or(false) ? "the placement as intended to last until 18"
                                                                 : "the placement as not intended to last until 18");
    out += " and ";
  }
  if (ob.interval.phase >= 0) {
    const Variant& v = r.variants[static_cast<std::size_t>(ob.interval.variant)];
    for (std::size_t i = 0; i < static_cast<std::size_t>(ob.interval.phase); ++i) {
      const Phase& earlier = v.phases[i];
      if (earlier.during) {
        if (const auto end = add(ob.chain_start, *earlier.during, *r.calendar)) {
          const std::string span = *earlier.during == Period{12, PeriodUnit::months} ? "year" : to_string(*earlier.during);
          out += "the placement's first " + span + " ended on " + to_string(end->date) + " (C6), ";
        }
      }
    }
  }
  out += std::string(out.empty() ? "the" : "so the") + " interval was " + to_string(ob.period) + " from the " +
         std::string(name(ob.trigger_event)) + " on " + to_string(ob.trigger_date) + ": due " + to_string(ob.due_date);
  if (ob.completed_date) {
    out += *ob.completed_date <= ob.due_date ? "; done " + to_string(*ob.completed_date) + ", on time"
                                             : "; done " + to_string(*ob.completed_date) + ", " +
                                                   std::to_string(ob.days_late) + " days late";
  }
  return out;
}

Reconciliation reconcile(const Evaluation& evaluation, const EventTable& events, std::string_view rule_id,
                         const std::vector<TheirRow>& theirs) {
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
                                 ob->due_date, reason(*ob, events)});
  }
  for (const auto& [key, row] : their_rows) {
    if (ours.contains(key)) continue;
    out.disagreements.push_back({std::string(key.first), key.second, row->on_time, std::nullopt, std::nullopt,
                                 "no completed occurrence of " + std::string(rule_id) + " on this date by the rules"});
  }
  std::ranges::sort(out.disagreements, [](const Disagreement& a, const Disagreement& b) {
    return std::tie(a.case_id, a.completed) < std::tie(b.case_id, b.completed);
  });
  return out;
}

}  // namespace timescales
