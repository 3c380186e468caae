// The sentences of explain.hpp. Each public function switches on the language to that language's
// sentences below: a translation is one more namespace of the same functions and one more case.
#include "timescales/explain.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "text/catalogue.hpp"
#include "timescales/wording.hpp"

namespace timescales {

namespace {

// One line of a child's timeline: what happened or fell due on a date. `index` is into the list
// the kind names (the table's events, the obligations, the findings, the unjudged duties).
enum class EntryKind : std::uint8_t { event, refused, unjudged, due, as_of };
struct Entry {
  Date date;
  EntryKind kind = EntryKind::event;
  std::size_t index = 0;
};

// The child's entries in date order; on one date, events before what they lead to, and the as-of
// mark after everything dated that day.
std::vector<Entry> timeline_entries(const Evaluation& evaluation, const EventTable& events, std::uint32_t case_index) {
  std::vector<Entry> out;
  for (std::size_t i = 0; i < events.events().size(); ++i) {
    if (events.events()[i].case_index == case_index) out.push_back({events.events()[i].date, EntryKind::event, i});
  }
  for (std::size_t i = 0; i < evaluation.findings.size(); ++i) {
    if (evaluation.findings[i].case_index == case_index) out.push_back({evaluation.findings[i].date, EntryKind::refused, i});
  }
  for (std::size_t i = 0; i < evaluation.unjudged.size(); ++i) {
    const Unjudged& u = evaluation.unjudged[i];
    if (u.case_index == case_index) out.push_back({u.trigger_date, EntryKind::unjudged, i});
  }
  for (std::size_t i = 0; i < evaluation.obligations.size(); ++i) {
    if (evaluation.obligations[i].case_index == case_index) out.push_back({evaluation.obligations[i].due_date, EntryKind::due, i});
  }
  out.push_back({evaluation.as_of, EntryKind::as_of, 0});
  std::ranges::stable_sort(out, [](const Entry& a, const Entry& b) {
    return a.date != b.date ? a.date < b.date : a.kind < b.kind;
  });
  return out;
}

// The sentences that are in the message catalogue (po/): written once, for every language.

// "25 Dec Christmas Day" (with the year when the span crosses years, "(projected)" when the date
// comes from the pattern rather than a published list).
std::string holiday_words(const Holiday& h, bool with_year, Language language) {
  const std::string date = with_year ? to_string(h.date) : day_and_month(h.date, language);
  return h.projected() ? text::say(language, "{0} {1} (projected)", {date, holiday_name(h, language)})
                       : text::say(language, "{0} {1}", {date, holiday_name(h, language)});
}

std::string dated_weekday(Date d, Language language) {
  return text::say(language, "{0} {1}", {weekday_name(weekday(d), language), to_string(d)});
}

std::string reckoning_words(const Reckoning& r, Language language) {
  using text::say;
  const Date due = r.deadline.date;
  std::string out = say(language, "{0} + {1} = {2}.", {to_string(r.start), period_words(r.period, language), dated_weekday(due, language)});
  switch (r.period.unit) {
    case PeriodUnit::working_days: {
      out += " " + say(language, "Day 0 is {0}; the deadline is the {1} working day after it in calendar {2} (C1, C2).",
                       {dated_weekday(r.start, language), ordinal(r.period.count, language), r.calendar});
      if (r.skipped.empty()) {
        out += " " + say(language, "No bank holidays fall in between.");
      } else {
        const bool years = civil_from_days(r.start).year != civil_from_days(due).year && r.skipped.size() > 3;
        std::string list;
        for (std::size_t i = 0; i < r.skipped.size(); ++i) list += (i > 0 ? ", " : "") + holiday_words(r.skipped[i], years, language);
        out += " " + say(language, "Bank holidays skipped: {0}.", {list});
      }
      break;
    }
    case PeriodUnit::days:
    case PeriodUnit::weeks: {
      const auto days = static_cast<unsigned long>(due - r.start);
      out += " " + text::say_n(language, "Calendar days (C3): {0} day after the trigger, not moved off weekends or bank holidays.",
                               "Calendar days (C3): {0} days after the trigger, not moved off weekends or bank holidays.",
                               days, {std::to_string(days)});
      break;
    }
    case PeriodUnit::months:
      out += " " + (r.deadline.month_end_clamped
                        ? say(language, "Calendar months, corresponding date (C4): the target month has no day {0}, so the "
                                        "deadline is its last day.",
                              {std::to_string(civil_from_days(r.start).day)})
                        : say(language, "Calendar months, corresponding date (C4)."));
      break;
  }
  if (r.deadline_holiday != nullptr) {
    out += " " + say(language, "The deadline falls on {0} and stands (C3, C4).", {holiday_name(*r.deadline_holiday, language)});
  } else if (r.period.unit != PeriodUnit::working_days && is_weekend(due)) {
    out += " " + say(language, "The deadline falls on a {0} and stands (C3, C4).", {weekday_name(weekday(due), language)});
  }
  return out;
}

std::string working_days_counted_words(const Reckoning& r, Language language) {
  if (r.counted.empty()) return "";
  std::string list;
  for (std::size_t i = 0; i < r.counted.size(); ++i) list += (i == 0 ? "" : ", ") + day_and_month(r.counted[i], language);
  return text::say(language, "Working days counted: {0}.", {list});
}

namespace en {

constexpr Language lang = Language::en;

std::string days(std::int32_t calendar, std::int32_t working) {
  return std::to_string(calendar) + (calendar == 1 ? " day" : " days") + " (" + std::to_string(working) +
         (working == 1 ? " working day" : " working days") + ")";
}

std::string reckoning(const Reckoning& r) { return reckoning_words(r, lang); }

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

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

std::string timeline(const Evaluation& ev, const EventTable& events, std::uint32_t case_index,
                     const std::vector<Entry>& entries) {
  constexpr std::string_view indent = "                     ";  // under the text, past date and kind
  const auto line = [indent](Date date, std::string_view kind, const std::string& text) {
    std::string head = to_string(date) + "  " + std::string(kind);
    head.resize(std::max<std::size_t>(head.size() + 1, indent.size()), ' ');
    return head + text + "\n";
  };
  std::size_t used = 0, after = 0, duties = 0, refused = 0, unjudged = 0;
  std::array<std::size_t, 6> by_status{};
  for (const Entry& e : entries) {
    switch (e.kind) {
      case EntryKind::event: ++(e.date > ev.as_of ? after : used); break;
      case EntryKind::due: ++duties; ++by_status[static_cast<std::size_t>(ev.obligations[e.index].status)]; break;
      case EntryKind::refused: ++refused; break;
      case EntryKind::unjudged: ++unjudged; break;
      case EntryKind::as_of: break;
    }
  }
  const std::string& id = events.case_id(case_index);
  std::string out = "Case " + id + ", as of " + to_string(ev.as_of) + ": " + plural(used, "event", "events") + " used";
  if (after > 0) out += " (" + std::to_string(after) + " dated after, not used: C9)";
  out += "; " + plural(duties, "duty", "duties");
  std::string statuses;
  for (std::size_t s = 0; s < by_status.size(); ++s) {
    if (by_status[s] > 0) {
      statuses += (statuses.empty() ? "" : ", ") + std::to_string(by_status[s]) + " " +
                  std::string(status_name(static_cast<Status>(s), lang));
    }
  }
  if (!statuses.empty()) out += " (" + statuses + ")";
  if (refused > 0) out += "; " + plural(refused, "refused variation", "refused variations");
  if (unjudged > 0) out += "; " + plural(unjudged, "duty", "duties") + " beyond the calendar";
  out += ".\n";
  for (const Rejection& r : events.rejected()) {
    if (r.case_id == id) out += "Rejected, not used: line " + std::to_string(r.line) + ", " + r.column + ": " + r.reason + ".\n";
  }
  out += "\n";
  for (const Entry& e : entries) {
    switch (e.kind) {
      case EntryKind::event: {
        const Event& event = events.events()[e.index];
        out += line(e.date, "event", std::string(name(event.type)) + " (line " + std::to_string(events.line(event.row)) + ")" +
                                         (e.date > ev.as_of ? ": after the as-of date, not used (C9)" : ""));
        break;
      }
      case EntryKind::due: {
        const Obligation& ob = ev.obligations[e.index];
        std::string head = std::string(rule_title(*ob.rule, lang)) + " (" + ob.rule->id + ", occurrence " +
                           std::to_string(ob.occurrence) + ", " + std::string(name(ob.standard)) + " standard";
        if (ob.rule->confidence != Confidence::confirmed) head += "; rule " + std::string(name(ob.rule->confidence));
        head += "): " + std::string(status_name(ob.status, lang));
        if (ob.completed_date) head += ", done " + to_string(*ob.completed_date);
        out += line(e.date, "due", head);
        out += std::string(indent) + obligation(ob, events, ev.as_of) + "\n";
        break;
      }
      case EntryKind::refused:
        out += line(e.date, "refused", finding(ev.findings[e.index]));
        break;
      case EntryKind::unjudged: {
        const Unjudged& u = ev.unjudged[e.index];
        out += line(e.date, "unjudged", u.rule->id + " from " + std::string(name(u.trigger_event)) +
                                            ": its deadline falls after the calendar's last date, so it is not judged (C1)");
        break;
      }
      case EntryKind::as_of:
        out += line(e.date, "as of", "the day the duties were judged on; the dates below it are later");
        break;
    }
  }
  return out;
}

std::string no_such_case(std::string_view case_id, const EventTable& events) {
  std::size_t rejected = 0;
  for (const Rejection& r : events.rejected()) rejected += r.case_id == case_id ? 1 : 0;
  std::string out = "no usable event of case " + std::string(case_id);
  if (rejected > 0) out += ": its " + plural(rejected, "row was", "rows were") + " rejected (see the rejected rows)";
  return out;
}

}  // namespace en
}  // namespace

std::string explain(const Obligation& obligation, const EventTable& events, Date as_of, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: return en::obligation(obligation, events, as_of);
  }
  std::unreachable();
}

std::string explain(const Finding& finding, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: return en::finding(finding);
  }
  std::unreachable();
}

std::string explain(const Reckoning& reckoning, Language language) {
  return reckoning_words(reckoning, language);
}

std::string working_days_counted(const Reckoning& reckoning, Language language) {
  return working_days_counted_words(reckoning, language);
}

std::string describe_interval(const Obligation& obligation, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: return en::interval(obligation);
  }
  std::unreachable();
}

std::expected<std::string, std::string> case_timeline(const Evaluation& evaluation, const EventTable& events,
                                                      std::string_view case_id, Language language) {
  const auto found = std::ranges::find(events.case_ids(), case_id);
  if (found == events.case_ids().end()) {
    switch (language) {
      case Language::en:
      case Language::cy: return std::unexpected(en::no_such_case(case_id, events));
    }
    std::unreachable();
  }
  const auto case_index = static_cast<std::uint32_t>(found - events.case_ids().begin());
  const std::vector<Entry> entries = timeline_entries(evaluation, events, case_index);
  switch (language) {
    case Language::en:
    case Language::cy: return en::timeline(evaluation, events, case_index, entries);
  }
  std::unreachable();
}

std::string reconcile_reason(const Obligation& obligation, const EventTable& events, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: return en::reconcile_reason(obligation, events);
  }
  std::unreachable();
}

std::string reconcile_unmatched(std::string_view rule_id, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: return en::reconcile_unmatched(rule_id);
  }
  std::unreachable();
}

}  // namespace timescales
