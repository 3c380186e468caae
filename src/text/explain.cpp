// The sentences of explain.hpp. Each public function switches on the language to that language's
// sentences below: a translation is one more namespace of the same functions and one more case.
#include "timescales/explain.hpp"

#include <utility>

#include "timescales/wording.hpp"

namespace timescales {

namespace {
namespace en {

constexpr Language lang = Language::en;

std::string days(std::int32_t calendar, std::int32_t working) {
  return std::to_string(calendar) + (calendar == 1 ? " day" : " days") + " (" + std::to_string(working) +
         (working == 1 ? " working day" : " working days") + ")";
}

// "25 Dec Christmas Day" (with the year when the span crosses years, "(projected)" when the date
// comes from the pattern rather than a published list).
std::string holiday(const Holiday& h, bool with_year) {
  std::string out = with_year ? to_string(h.date) : day_and_month(h.date, lang);
  out += " " + std::string(holiday_name(h, lang));
  if (h.projected()) out += " (projected)";
  return out;
}

std::string reckoning(const Reckoning& r) {
  const Date due = r.deadline.date;
  const std::string due_text = std::string(weekday_name(weekday(due), lang)) + " " + to_string(due);
  std::string out = to_string(r.start) + " + " + period_words(r.period, lang) + " = " + due_text + ". ";
  switch (r.period.unit) {
    case PeriodUnit::working_days: {
      out += "Day 0 is " + std::string(weekday_name(weekday(r.start), lang)) + " " + to_string(r.start) +
             "; the deadline is the " + ordinal(r.period.count, lang) + " working day after it in calendar " +
             r.calendar + " (C1, C2).";
      if (r.skipped.empty()) {
        out += " No bank holidays fall in between.";
      } else {
        const bool years = civil_from_days(r.start).year != civil_from_days(due).year && r.skipped.size() > 3;
        out += " Bank holidays skipped: ";
        for (std::size_t i = 0; i < r.skipped.size(); ++i) {
          if (i > 0) out += ", ";
          out += holiday(r.skipped[i], years);
        }
        out += ".";
      }
      break;
    }
    case PeriodUnit::days:
    case PeriodUnit::weeks:
      out += "Calendar days (C3): " + std::to_string(due - r.start) +
             " days after the trigger, not moved off weekends or bank holidays.";
      break;
    case PeriodUnit::months: {
      const auto start = civil_from_days(r.start);
      out += "Calendar months, corresponding date (C4)";
      out += r.deadline.month_end_clamped
                 ? ": the target month has no day " + std::to_string(start.day) + ", so the deadline is its last day."
                 : ".";
      break;
    }
  }
  if (r.deadline_holiday != nullptr) {
    out += " The deadline falls on " + std::string(holiday_name(*r.deadline_holiday, lang)) + " and stands (C3, C4).";
  } else if (r.period.unit != PeriodUnit::working_days && is_weekend(due)) {
    out += " The deadline falls on a " + std::string(weekday_name(weekday(due), lang)) + " and stands (C3, C4).";
  }
  return out;
}

std::string working_days_counted(const Reckoning& r) {
  if (r.counted.empty()) return "";
  std::string out = "Working days counted:";
  for (std::size_t i = 0; i < r.counted.size(); ++i) out += (i == 0 ? " " : ", ") + day_and_month(r.counted[i], lang);
  return out + ".";
}

std::string interval(const Obligation& ob) {
  const Variant& v = ob.rule->variants[static_cast<std::size_t>(ob.interval.variant)];
  std::string out;
  if (ob.interval.phase < 0) {
    out = "the first occurrence: within " + period_words(v.first.value_or(ob.period), lang) + " of the trigger";
  } else {
    const Phase& p = v.phases[static_cast<std::size_t>(ob.interval.phase)];
    out = "the interval in force on the date of the previous occurrence (C6)";
    std::string conditions;
    const auto add = [&](const std::string& c) { conditions += (conditions.empty() ? "" : ", ") + c; };
    if (p.during) add("during the first " + period_words(*p.during, lang) + " from the start");
    if (p.until) add("until the first " + std::string(name(*p.until)));
    if (p.after_occurrence) add("after occurrence " + std::to_string(*p.after_occurrence));
    for (const Condition& c : p.when) add("when " + condition_words(c, lang));
    if (!conditions.empty()) out += ", " + conditions;
    out += ": ";
    out += ob.interval.from_variation ? "the interval the review recorded, " + period_words(ob.period, lang)
                                      : "not more than " + period_words(*p.every, lang);
    if (!p.provision.empty()) out += " (" + p.provision + ")";
  }
  if (!v.provision.empty()) out += "; " + v.provision;
  return out;
}

std::string obligation(const Obligation& ob, const EventTable& events, Date as_of) {
  const Rule& r = *ob.rule;
  std::string out = r.id + " (" + std::string(name(ob.standard)) + " standard; rule confidence " +
                    std::string(name(r.confidence)) + "): " + r.title + ".";
  out += " Source: " + r.source.instrument + ", " + r.source.provision + (r.source.url.empty() ? "" : " (" + r.source.url + ")") + ".";
  if (r.confidence != Confidence::confirmed) {
    out += " This rule is " + std::string(name(r.confidence)) + ", not settled law: its source was not read in the "
           "instrument itself (C13).";
  }
  out += " Trigger: " + std::string(name(ob.trigger_event)) + " on " + to_string(ob.trigger_date) +
         " (occurrence " + std::to_string(ob.occurrence) + "); interval: " + interval(ob) + ".";
  if (ob.legal_status_unrecorded) {
    out += " The child's legal status was not recorded, so the exception for a child to whom section 31A of the "
           "Children Act 1989 applies could not be judged; the duty is taken to apply (" + r.except_provision + ").";
  }
  if (ob.standard == Standard::plan) {
    out += " Plan standard (C7): the interval a review set, " + period_words(ob.period, lang) + ".";
    if (ob.capped_by_statute) out += " The statutory deadline comes first, so it is the plan's deadline too.";
  }
  if (const auto r2 = reckon(ob.trigger_date, ob.period, *r.calendar); r2 && !ob.capped_by_statute) {
    out += " Deadline: " + reckoning(*r2);
  } else {
    out += " Deadline: " + to_string(ob.due_date) + ".";
  }
  const std::string completed_by = ob.completed_row ? std::string(name(events.events()[*ob.completed_row].type)) : "";
  const std::string status(status_name(ob.status, lang));
  switch (ob.status) {
    case Status::met:
      out += " Completed by " + completed_by + " on " + to_string(*ob.completed_date) +
             (*ob.completed_date < ob.trigger_date ? ", before the trigger, which the rule allows" : "") + ": " +
             status + ".";
      break;
    case Status::late:
      out += " Completed by " + completed_by + " on " + to_string(*ob.completed_date) + ", " +
             days(ob.days_late, ob.working_days_late) + " after the deadline: " + status + ".";
      break;
    case Status::missed:
      out += " Never done; the duty stopped at " + std::string(name(*ob.stopped_by)) + " on " + to_string(*ob.stopped_on) +
             ", " + days(ob.days_late, ob.working_days_late) + " after the deadline: " + status + " (C9).";
      break;
    case Status::cancelled:
      out += " The duty stopped at " + std::string(name(*ob.stopped_by)) + " on " + to_string(*ob.stopped_on) +
             ", on or before the deadline: " + status + ", counted neither for nor against (C9).";
      break;
    case Status::overdue:
      out += " Not done as of " + to_string(as_of) + ", " + days(ob.days_late, ob.working_days_late) +
             " after the deadline: " + status + ".";
      break;
    case Status::pending:
      out += " Not done yet; the deadline has not passed as of " + to_string(as_of) + ": " + status + ".";
      break;
  }
  return out;
}

std::string finding(const Finding& f) {
  return "The " + std::string(name(f.event)) + " on " + to_string(f.date) + " set " + std::string(name(f.attribute)) +
         " to " + period_words(f.asked, lang) + ", longer than the statutory limit of " + period_words(f.limit, lang) +
         " in force that day for " + f.rule->id + " (" + f.rule->source.provision +
         "): refused, and the statutory interval stands (C7).";
}

std::string reconcile_reason(const Obligation& ob, const EventTable& events) {
  const Rule& r = *ob.rule;
  std::string out;
  if (ob.decided_by_row) {
    const Event& e = events.events()[*ob.decided_by_row];
    out += "the " + std::string(name(e.type)) + " on " + to_string(e.date) + " recorded ";
    out += ob.interval.from_variation || ob.standard == Standard::plan
               ? "a visit interval of " + period_words(e.visit_interval.value_or(ob.period), lang)
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
          const std::string span =
              *earlier.during == Period{12, PeriodUnit::months} ? "year" : period_words(*earlier.during, lang);
          out += "the placement's first " + span + " ended on " + to_string(end->date) + " (C6), ";
        }
      }
    }
  }
  out += std::string(out.empty() ? "the" : "so the") + " interval was " + period_words(ob.period, lang) + " from the " +
         std::string(name(ob.trigger_event)) + " on " + to_string(ob.trigger_date) + ": due " + to_string(ob.due_date);
  if (ob.completed_date) {
    out += *ob.completed_date <= ob.due_date ? "; done " + to_string(*ob.completed_date) + ", on time"
                                             : "; done " + to_string(*ob.completed_date) + ", " +
                                                   std::to_string(ob.days_late) + " days late";
  }
  return out;
}

std::string reconcile_unmatched(std::string_view rule_id) {
  return "no completed occurrence of " + std::string(rule_id) + " on this date by the rules";
}

}  // namespace en
}  // namespace

std::string explain(const Obligation& obligation, const EventTable& events, Date as_of, Language language) {
  switch (language) {
    case Language::en: return en::obligation(obligation, events, as_of);
  }
  std::unreachable();
}

std::string explain(const Finding& finding, Language language) {
  switch (language) {
    case Language::en: return en::finding(finding);
  }
  std::unreachable();
}

std::string explain(const Reckoning& reckoning, Language language) {
  switch (language) {
    case Language::en: return en::reckoning(reckoning);
  }
  std::unreachable();
}

std::string working_days_counted(const Reckoning& reckoning, Language language) {
  switch (language) {
    case Language::en: return en::working_days_counted(reckoning);
  }
  std::unreachable();
}

std::string describe_interval(const Obligation& obligation, Language language) {
  switch (language) {
    case Language::en: return en::interval(obligation);
  }
  std::unreachable();
}

std::string reconcile_reason(const Obligation& obligation, const EventTable& events, Language language) {
  switch (language) {
    case Language::en: return en::reconcile_reason(obligation, events);
  }
  std::unreachable();
}

std::string reconcile_unmatched(std::string_view rule_id, Language language) {
  switch (language) {
    case Language::en: return en::reconcile_unmatched(rule_id);
  }
  std::unreachable();
}

}  // namespace timescales
