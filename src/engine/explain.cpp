#include "timescales/explain.hpp"

#include "timescales/reckoning.hpp"

namespace timescales {

namespace {

std::string days(std::int32_t calendar, std::int32_t working) {
  return std::to_string(calendar) + (calendar == 1 ? " day" : " days") + " (" + std::to_string(working) +
         (working == 1 ? " working day" : " working days") + ")";
}

}  // namespace

std::string describe_interval(const Obligation& ob) {
  const Variant& v = ob.rule->variants[static_cast<std::size_t>(ob.interval.variant)];
  std::string out;
  if (ob.interval.phase < 0) {
    out = "the first occurrence: within " + to_string(v.first.value_or(ob.period)) + " of the trigger";
  } else {
    const Phase& p = v.phases[static_cast<std::size_t>(ob.interval.phase)];
    out = "the interval in force on the date of the previous occurrence (C6)";
    std::string conditions;
    const auto add = [&](const std::string& c) { conditions += (conditions.empty() ? "" : ", ") + c; };
    if (p.during) add("during the first " + to_string(*p.during) + " from the start");
    if (p.until) add("until the first " + std::string(name(*p.until)));
    if (p.after_occurrence) add("after occurrence " + std::to_string(*p.after_occurrence));
    for (const Condition& c : p.when) add("when " + to_string(c));
    if (!conditions.empty()) out += ", " + conditions;
    out += ": ";
    out += ob.interval.from_variation ? "the interval the review recorded, " + to_string(ob.period)
                                      : "not more than " + to_string(*p.every);
    if (!p.provision.empty()) out += " (" + p.provision + ")";
  }
  if (!v.provision.empty()) out += "; " + v.provision;
  return out;
}

std::string explain(const Obligation& ob, const EventTable& events, Date as_of) {
  const Rule& r = *ob.rule;
  std::string out = r.id + " (" + std::string(name(ob.standard)) + " standard; rule confidence " +
                    std::string(name(r.confidence)) + "): " + r.title + ".";
  out += " Source: " + r.source.instrument + ", " + r.source.provision + (r.source.url.empty() ? "" : " (" + r.source.url + ")") + ".";
  if (r.confidence != Confidence::confirmed) {
    out += " This rule is " + std::string(name(r.confidence)) + ", not settled law: its source was not read in the "
           "instrument itself (C13).";
  }
  out += " Trigger: " + std::string(name(ob.trigger_event)) + " on " + to_string(ob.trigger_date) +
         " (occurrence " + std::to_string(ob.occurrence) + "); interval: " + describe_interval(ob) + ".";
  if (ob.legal_status_unrecorded) {
    out += " The child's legal status was not recorded, so the exception for a child to whom section 31A of the "
           "Children Act 1989 applies could not be judged; the duty is taken to apply (" + r.except_provision + ").";
  }
  if (ob.standard == Standard::plan) {
    out += " Plan standard (C7): the interval a review set, " + to_string(ob.period) + ".";
    if (ob.capped_by_statute) out += " The statutory deadline comes first, so it is the plan's deadline too.";
  }
  if (const auto r2 = reckon(ob.trigger_date, ob.period, *r.calendar); r2 && !ob.capped_by_statute) {
    out += " Deadline: " + describe(*r2);
  } else {
    out += " Deadline: " + to_string(ob.due_date) + ".";
  }
  const std::string completed_by = ob.completed_row ? std::string(name(events.events()[*ob.completed_row].type)) : "";
  switch (ob.status) {
    case Status::met:
      out += " Completed by " + completed_by + " on " + to_string(*ob.completed_date) +
             (*ob.completed_date < ob.trigger_date ? ", before the trigger, which the rule allows" : "") +
             ": met.";
      break;
    case Status::late:
      out += " Completed by " + completed_by + " on " + to_string(*ob.completed_date) + ", " +
             days(ob.days_late, ob.working_days_late) + " after the deadline: late.";
      break;
    case Status::missed:
      out += " Never done; the duty stopped at " + std::string(name(*ob.stopped_by)) + " on " + to_string(*ob.stopped_on) +
             ", " + days(ob.days_late, ob.working_days_late) + " after the deadline: missed (C9).";
      break;
    case Status::cancelled:
      out += " The duty stopped at " + std::string(name(*ob.stopped_by)) + " on " + to_string(*ob.stopped_on) +
             ", on or before the deadline: cancelled, counted neither for nor against (C9).";
      break;
    case Status::overdue:
      out += " Not done as of " + to_string(as_of) + ", " + days(ob.days_late, ob.working_days_late) +
             " after the deadline: overdue.";
      break;
    case Status::pending:
      out += " Not done yet; the deadline has not passed as of " + to_string(as_of) + ": pending.";
      break;
  }
  return out;
}

std::string explain(const Finding& f) {
  return "The " + std::string(name(f.event)) + " on " + to_string(f.date) + " set " + std::string(name(f.attribute)) +
         " to " + to_string(f.asked) + ", longer than the statutory limit of " + to_string(f.limit) +
         " in force that day for " + f.rule->id + " (" + f.rule->source.provision +
         "): refused, and the statutory interval stands (C7).";
}

}  // namespace timescales
