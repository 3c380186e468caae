#include "timescales/reconcile.hpp"

#include <map>
#include <set>

#include "timescales/explain.hpp"

namespace timescales {

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
