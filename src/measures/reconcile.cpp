#include "timescales/reconcile.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "timescales/explain.hpp"

namespace timescales {

Reconciliation reconcile(const Evaluation& evaluation, const EventTable& events, std::string_view rule_id,
                         const std::vector<TheirRow>& theirs, Language language) {
  // A council's report names an occurrence by its child and completion date only, and one event
  // can complete several occurrences (a referral decision settling two referrals): each side is
  // a list per (child, date), theirs in file order and ours in evaluation order, and the two are
  // matched as multisets, so that neither side's rows are lost and the order of the council's
  // file changes nothing.
  using Key = std::pair<std::string_view, Date>;
  struct Sides {
    std::vector<const TheirRow*> theirs;
    std::vector<const Obligation*> ours;
  };
  std::set<std::string_view> children;
  std::map<Key, Sides> by_key;
  for (const TheirRow& row : theirs) {
    children.insert(row.case_id);
    by_key[{row.case_id, row.completed}].theirs.push_back(&row);
  }
  for (const Obligation& ob : evaluation.obligations) {
    if (ob.rule->id != rule_id || ob.standard != Standard::statutory || !ob.completed_date) continue;
    const std::string_view case_id = events.case_id(ob.case_index);
    if (children.contains(case_id)) by_key[{case_id, *ob.completed_date}].ours.push_back(&ob);
  }

  Reconciliation out;
  for (auto& [key, sides] : by_key) {
    const auto on_time = [](const Obligation* ob) { return ob->status == Status::met; };
    const auto disagreement = [&](const TheirRow* row, const Obligation* ob) {
      out.disagreements.push_back({std::string(key.first), key.second,
                                   row != nullptr ? std::optional(row->on_time) : std::nullopt,
                                   ob != nullptr ? std::optional(on_time(ob)) : std::nullopt,
                                   ob != nullptr ? std::optional(ob->due_date) : std::nullopt,
                                   ob != nullptr ? reconcile_reason(*ob, events, language) : reconcile_unmatched(rule_id, language)});
    };
    // First the pairs that agree; what is left on the two sides then differs in every pair (there
    // are two verdicts), so which of ours meets which of theirs changes no row.
    std::vector<const Obligation*> unmatched;
    for (const Obligation* ob : sides.ours) {
      const auto same = std::ranges::find_if(sides.theirs, [&](const TheirRow* row) { return row != nullptr && row->on_time == on_time(ob); });
      if (same == sides.theirs.end()) {
        unmatched.push_back(ob);
        continue;
      }
      *same = nullptr;
      ++out.compared;
      ++out.agreed;
    }
    std::erase(sides.theirs, nullptr);
    const std::size_t both = std::min(unmatched.size(), sides.theirs.size());
    for (std::size_t i = 0; i < both; ++i) disagreement(sides.theirs[i], unmatched[i]);
    out.compared += both;
    for (std::size_t i = both; i < unmatched.size(); ++i) disagreement(nullptr, unmatched[i]);
    for (std::size_t i = both; i < sides.theirs.size(); ++i) disagreement(sides.theirs[i], nullptr);
  }
  // by_key is in (case id, date) order already, and within a key the rows are in a fixed order.
  return out;
}

}  // namespace timescales
