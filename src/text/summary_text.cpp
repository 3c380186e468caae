// The sentences of evaluate's summary (summary.hpp's summary_text), each a message of the
// catalogue. English keeps the words the summary has always printed ("1 refused variations"):
// scripts read them, so where English has one form both of its forms are the same.
#include "text/catalogue.hpp"
#include "timescales/summary.hpp"
#include "timescales/wording.hpp"

namespace timescales::summary_text {

using text::say;
using text::say_n;

std::string rows(std::size_t read, std::size_t used, std::size_t rejected, Language language) {
  return say_n(language, "events: {0} rows read = {1} used + {2} rejected", "events: {0} rows read = {1} used + {2} rejected",
               read, {std::to_string(read), std::to_string(used), std::to_string(rejected)});
}

std::string after_as_of(std::size_t n, Date as_of, Language language) {
  return say(language, "; {0} dated after {1} not used", {std::to_string(n), to_string(as_of)});
}

std::string as_of(Date as_of, Language language) { return say(language, "; as of {0}", {to_string(as_of)}); }

std::string children(std::size_t n, Date as_of, Language language) {
  return say(language, "children: {0}; as of {1}", {std::to_string(n), to_string(as_of)});
}

std::string obligations(std::size_t total, const std::array<std::size_t, 6>& by_status, Language language) {
  std::string counts;
  for (std::size_t s = 0; s < by_status.size(); ++s) {
    if (s > 0) counts += ", ";
    counts += say(language, "{0} {1}", {status_name(static_cast<Status>(s), language), std::to_string(by_status[s])});
  }
  return say(language, "obligations: {0} ({1})", {std::to_string(total), counts});
}

std::string findings(std::size_t n, Language language) {
  return say_n(language, "findings: {0} refused variations", "findings: {0} refused variations", n, {std::to_string(n)});
}

std::string written_case(std::string_view case_id, std::size_t n, Language language) {
  return say_n(language, "written: case {0} only, {1} obligations", "written: case {0} only, {1} obligations", n,
               {case_id, std::to_string(n)});
}

std::string unjudged(std::size_t n, Date calendar_last, Language language) {
  return say_n(language,
               "cannot be judged: {0} duties whose deadline falls after {1}, the calendar's last date (C1); the first:",
               "cannot be judged: {0} duties whose deadline falls after {1}, the calendar's last date (C1); the first:", n,
               {std::to_string(n), to_string(calendar_last)});
}

std::string unjudged_duty(std::string_view case_id, std::string_view rule, std::string_view event, Date date,
                          Language language) {
  return say(language, "{0} {1} from {2} on {3}", {case_id, rule, event, to_string(date)});
}

std::string after_as_of_lines(Date as_of, Language language) {
  return say(language, "dated after {0}, not used (the first lines):", {to_string(as_of)});
}

std::string rejected_rows(const std::optional<std::string>& file, Language language) {
  if (file) return say(language, "rejected rows written to {0}:", {*file});
  return say(language, "rejected rows (use --rejected FILE for all):");
}

std::string dashboard_written(std::size_t measures, std::size_t targets, std::string_view file, Language language) {
  return say_n(language, "dashboard: {0} measures, {1} targets, written to {2}",
               "dashboard: {0} measures, {1} targets, written to {2}", measures,
               {std::to_string(measures), std::to_string(targets), file});
}

std::string reconciled(const Reconciled& r, Language language) {
  return say(language,
             "reconcile {0}: {1} rows in {2}; {3} occurrences on both sides, {4} agree, {5} classified differently; "
             "{6} only in theirs, {7} only in ours; {8} children affected",
             {r.rule, std::to_string(r.rows), r.file, std::to_string(r.compared), std::to_string(r.agreed),
              std::to_string(r.compared - r.agreed), std::to_string(r.only_theirs), std::to_string(r.only_ours),
              std::to_string(r.children)});
}

std::string reconcile_rejected_rows(const std::optional<std::string>& file, Language language) {
  if (file) {
    return say(language, "rejected rows (the disagreements may come from them, not from the rules) written to {0}:",
               {*file});
  }
  return say(language, "rejected rows (the disagreements may come from them, not from the rules) (use --rejected FILE "
                       "for all):");
}

Headings headings(Language language) {
  using text::marked;
  using text::word;
  return {word(language, marked("summary table", "rule")), word(language, marked("summary table", "standard")),
          word(language, marked("summary table", "confidence")), word(language, marked("summary table", "total")),
          word(language, marked("summary table", "on time"))};
}

std::string on_time_note(Language language) {
  return say(language, "on time = met / (met + late + missed + overdue); pending and cancelled are not counted (C9)");
}

}  // namespace timescales::summary_text
