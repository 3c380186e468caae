// The sentences of explain.hpp, each a message of the catalogue (text/catalogue.hpp), written once
// in English for every language. Rule ids, event and attribute names, provisions and convention
// numbers (C1..C14) are codes and references: the same in every language.
#include "timescales/explain.hpp"

#include <algorithm>
#include <array>

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

// "3 days (2 working days)": how late a duty was.
std::string days(std::int32_t calendar, std::int32_t working, Language language) {
  const auto c = static_cast<unsigned long>(calendar), w = static_cast<unsigned long>(working);
  return text::say(language, "{0} ({1})",
                   {text::say_n(language, "{0} day", "{0} days", c, {std::to_string(calendar)}),
                    text::say_n(language, "{0} working day", "{0} working days", w, {std::to_string(working)})});
}

std::string interval_words(const Obligation& ob, Language language) {
  using text::say;
  const Variant& v = ob.rule->variants[static_cast<std::size_t>(ob.interval.variant)];
  std::string out;
  if (ob.interval.phase < 0) {
    out = say(language, "the first occurrence: within {0} of the trigger", {period_words(v.first.value_or(ob.period), language)});
  } else {
    const Phase& p = v.phases[static_cast<std::size_t>(ob.interval.phase)];
    std::string conditions;
    const auto add = [&](const std::string& c) { conditions += (conditions.empty() ? "" : ", ") + c; };
    if (p.during) add(say(language, "during the first {0} from the start", {period_words(*p.during, language)}));
    if (p.until) add(say(language, "until the first {0}", {name(*p.until)}));
    if (p.after_occurrence) add(say(language, "after occurrence {0}", {std::to_string(*p.after_occurrence)}));
    for (const Condition& c : p.when) add(say(language, "when {0}", {condition_words(c, language)}));
    std::string limit = ob.interval.from_variation
                            ? say(language, "the interval the review recorded, {0}", {period_words(ob.period, language)})
                            : say(language, "not more than {0}", {period_words(*p.every, language)});
    if (!p.provision.empty()) limit = say(language, "{0} ({1})", {limit, p.provision});
    out = conditions.empty()
              ? say(language, "the interval in force on the date of the previous occurrence (C6): {0}", {limit})
              : say(language, "the interval in force on the date of the previous occurrence (C6), {0}: {1}", {conditions, limit});
  }
  if (!v.provision.empty()) out = say(language, "{0}; {1}", {out, v.provision});
  return out;
}

std::string obligation_words(const Obligation& ob, const EventTable& events, Date as_of, Language language) {
  using text::say;
  const Rule& r = *ob.rule;
  const std::string_view confidence = dashboard_text::confidence_name(r.confidence, language);
  std::string out = say(language, "{0} ({1}; rule confidence {2}): {3}.",
                        {r.id, dashboard_text::standard_words(ob.standard, language), confidence, rule_title(r, language)});
  out += " " + (r.source.url.empty()
                    ? say(language, "Source: {0}, {1}.", {r.source.instrument, r.source.provision})
                    : say(language, "Source: {0}, {1} ({2}).", {r.source.instrument, r.source.provision, r.source.url}));
  if (r.confidence != Confidence::confirmed) {
    out += " " + say(language, "This rule is {0}, not settled law: its source was not read in the instrument itself (C13).",
                     {confidence});
  }
  out += " " + say(language, "Trigger: {0} on {1} (occurrence {2}); interval: {3}.",
                   {name(ob.trigger_event), to_string(ob.trigger_date), std::to_string(ob.occurrence),
                    interval_words(ob, language)});
  if (ob.legal_status_unrecorded) {
    out += " " + say(language,
                     "The child's legal status was not recorded, so the exception for a child to whom section 31A of "
                     "the Children Act 1989 applies could not be judged; the duty is taken to apply ({0}).",
                     {r.except_provision});
  }
  if (ob.standard == Standard::plan) {
    out += " " + say(language, "Plan standard (C7): the interval a review set, {0}.", {period_words(ob.period, language)});
    if (ob.capped_by_statute) out += " " + say(language, "The statutory deadline comes first, so it is the plan's deadline too.");
  }
  if (const auto r2 = reckon(ob.trigger_date, ob.period, *r.calendar); r2 && !ob.capped_by_statute) {
    out += " " + say(language, "Deadline: {0}", {reckoning_words(*r2, language)});
  } else {
    out += " " + say(language, "Deadline: {0}.", {to_string(ob.due_date)});
  }
  const std::string_view completed_by = ob.completed_row ? name(events.events()[*ob.completed_row].type) : "";
  const std::string_view status = status_name(ob.status, language);
  const std::string late = days(ob.days_late, ob.working_days_late, language);
  std::string outcome;
  switch (ob.status) {
    case Status::met:
      outcome = *ob.completed_date < ob.trigger_date
                    ? say(language, "Completed by {0} on {1}, before the trigger, which the rule allows: {2}.",
                          {completed_by, to_string(*ob.completed_date), status})
                    : say(language, "Completed by {0} on {1}: {2}.", {completed_by, to_string(*ob.completed_date), status});
      break;
    case Status::late:
      outcome = say(language, "Completed by {0} on {1}, {2} after the deadline: {3}.",
                    {completed_by, to_string(*ob.completed_date), late, status});
      break;
    case Status::missed:
      outcome = say(language, "Never done; the duty stopped at {0} on {1}, {2} after the deadline: {3} (C9).",
                    {name(*ob.stopped_by), to_string(*ob.stopped_on), late, status});
      break;
    case Status::cancelled:
      outcome = say(language,
                    "The duty stopped at {0} on {1}, on or before the deadline: {2}, counted neither for nor against (C9).",
                    {name(*ob.stopped_by), to_string(*ob.stopped_on), status});
      break;
    case Status::overdue:
      outcome = say(language, "Not done as of {0}, {1} after the deadline: {2}.", {to_string(as_of), late, status});
      break;
    case Status::pending:
      outcome = say(language, "Not done yet; the deadline has not passed as of {0}: {1}.", {to_string(as_of), status});
      break;
  }
  return out + " " + outcome;
}

std::string finding_words(const Finding& f, Language language) {
  return text::say(language,
                   "The {0} on {1} set {2} to {3}, longer than the statutory limit of {4} in force that day for {5} "
                   "({6}): refused, and the statutory interval stands (C7).",
                   {name(f.event), to_string(f.date), name(f.attribute), period_words(f.asked, language),
                    period_words(f.limit, language), f.rule->id, f.rule->source.provision});
}

std::string reconcile_reason_words(const Obligation& ob, const EventTable& events, Language language) {
  using text::say;
  const Rule& r = *ob.rule;
  // Why the interval was what it was: what a row recorded, and the earlier phases that had ended.
  std::string recorded;
  if (ob.decided_by_row) {
    const Event& e = events.events()[*ob.decided_by_row];
    const std::string type(name(e.type)), date = to_string(e.date);
    recorded = ob.interval.from_variation || ob.standard == Standard::plan
                   ? say(language, "the {0} on {1} recorded a visit interval of {2}",
                         {type, date, period_words(e.visit_interval.value_or(ob.period), language)})
               : e.intended_until_18.value_or(false)
                   ? say(language, "the {0} on {1} recorded the placement as intended to last until 18", {type, date})
                   : say(language, "the {0} on {1} recorded the placement as not intended to last until 18", {type, date});
  }
  std::string ended;
  if (ob.interval.phase >= 0) {
    const Variant& v = r.variants[static_cast<std::size_t>(ob.interval.variant)];
    for (std::size_t i = 0; i < static_cast<std::size_t>(ob.interval.phase); ++i) {
      const Phase& earlier = v.phases[i];
      if (!earlier.during) continue;
      if (const auto end = add(ob.chain_start, *earlier.during, *r.calendar)) {
        const std::string on = to_string(end->date);
        ended += (ended.empty() ? "" : ", ") +
                 (*earlier.during == Period{12, PeriodUnit::months}
                      ? say(language, "the placement's first year ended on {0} (C6)", {on})
                      : say(language, "the placement's first {0} ended on {1} (C6)", {period_words(*earlier.during, language), on}));
      }
    }
  }
  const std::string period = period_words(ob.period, language), trigger(name(ob.trigger_event));
  const std::string trigger_date = to_string(ob.trigger_date), due = to_string(ob.due_date);
  std::string out;
  if (recorded.empty() && ended.empty()) {
    out = say(language, "the interval was {0} from the {1} on {2}: due {3}", {period, trigger, trigger_date, due});
  } else if (ended.empty()) {
    out = say(language, "{0} and so the interval was {1} from the {2} on {3}: due {4}",
              {recorded, period, trigger, trigger_date, due});
  } else if (recorded.empty()) {
    out = say(language, "{0}, so the interval was {1} from the {2} on {3}: due {4}", {ended, period, trigger, trigger_date, due});
  } else {
    out = say(language, "{0} and {1}, so the interval was {2} from the {3} on {4}: due {5}",
              {recorded, ended, period, trigger, trigger_date, due});
  }
  if (ob.completed_date) {
    const std::string done = to_string(*ob.completed_date);
    // English says "days late" even for one day; the plural forms let other languages agree.
    out = *ob.completed_date <= ob.due_date
              ? say(language, "{0}; done {1}, on time", {out, done})
              : text::say_n(language, "{0}; done {1}, {2} days late", "{0}; done {1}, {2} days late",
                            static_cast<unsigned long>(ob.days_late), {out, done, std::to_string(ob.days_late)});
  }
  return out;
}

// The timeline's line kinds, in the column after the date, indexed by EntryKind.
constexpr std::array line_kinds{text::marked("timeline", "event"), text::marked("timeline", "refused"),
                                text::marked("timeline", "unjudged"), text::marked("timeline", "due"),
                                text::marked("timeline", "as of")};

// "Case C1, as of 2020-06-30: 12 events used; 5 duties (3 met, 2 late)." and the case's rejected rows.
std::string timeline_summary(const Evaluation& ev, const EventTable& events, std::uint32_t case_index,
                             const std::vector<Entry>& entries, Language language) {
  using text::say;
  using text::say_n;
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
  const std::string id = events.case_id(case_index), as_of = to_string(ev.as_of), n_used = std::to_string(used);
  std::string out =
      after > 0 ? say_n(language, "Case {0}, as of {1}: {2} event used ({3} dated after, not used: C9)",
                        "Case {0}, as of {1}: {2} events used ({3} dated after, not used: C9)", used,
                        {id, as_of, n_used, std::to_string(after)})
                : say_n(language, "Case {0}, as of {1}: {2} event used", "Case {0}, as of {1}: {2} events used", used,
                        {id, as_of, n_used});
  std::string duty_count = say_n(language, "{0} duty", "{0} duties", duties, {std::to_string(duties)});
  std::string statuses;
  for (std::size_t s = 0; s < by_status.size(); ++s) {
    if (by_status[s] > 0) {
      statuses += (statuses.empty() ? "" : ", ") +
                  say(language, "{0} {1}", {std::to_string(by_status[s]), status_name(static_cast<Status>(s), language)});
    }
  }
  if (!statuses.empty()) duty_count = say(language, "{0} ({1})", {duty_count, statuses});
  out += "; " + duty_count;
  if (refused > 0) {
    out += "; " + say_n(language, "{0} refused variation", "{0} refused variations", refused, {std::to_string(refused)});
  }
  if (unjudged > 0) {
    out += "; " + say_n(language, "{0} duty beyond the calendar", "{0} duties beyond the calendar", unjudged,
                        {std::to_string(unjudged)});
  }
  out += ".\n";
  for (const Rejection& r : events.rejected()) {
    if (r.case_id == id) {
      out += say(language, "Rejected, not used: line {0}, {1}: {2}.", {std::to_string(r.line), r.column, reason_in(r, language)}) + "\n";
    }
  }
  return out;
}

std::string timeline_words(const Evaluation& ev, const EventTable& events, std::uint32_t case_index,
                           const std::vector<Entry>& entries, Language language) {
  using text::say;
  constexpr std::string_view indent = "                     ";  // under the text, past date and kind
  const auto line = [indent, language](const Entry& e, const std::string& words) {
    std::string head = to_string(e.date) + "  " + std::string(text::word(language, line_kinds[static_cast<std::size_t>(e.kind)]));
    head.resize(std::max<std::size_t>(head.size() + 1, indent.size()), ' ');
    return head + words + "\n";
  };
  std::string out = timeline_summary(ev, events, case_index, entries, language) + "\n";
  for (const Entry& e : entries) {
    switch (e.kind) {
      case EntryKind::event: {
        const Event& event = events.events()[e.index];
        const std::string row = std::to_string(events.line(event.row));
        out += line(e, e.date > ev.as_of ? say(language, "{0} (line {1}): after the as-of date, not used (C9)", {name(event.type), row})
                                         : say(language, "{0} (line {1})", {name(event.type), row}));
        break;
      }
      case EntryKind::due: {
        const Obligation& ob = ev.obligations[e.index];
        const std::string title(rule_title(*ob.rule, language)), occurrence = std::to_string(ob.occurrence);
        const std::string_view standard = dashboard_text::standard_words(ob.standard, language);
        const std::string_view confidence = dashboard_text::confidence_name(ob.rule->confidence, language);
        const std::string_view status = status_name(ob.status, language);
        std::string head = ob.rule->confidence == Confidence::confirmed
                               ? say(language, "{0} ({1}, occurrence {2}, {3}): {4}", {title, ob.rule->id, occurrence, standard, status})
                               : say(language, "{0} ({1}, occurrence {2}, {3}; rule {4}): {5}",
                                     {title, ob.rule->id, occurrence, standard, confidence, status});
        if (ob.completed_date) head = say(language, "{0}, done {1}", {head, to_string(*ob.completed_date)});
        out += line(e, head);
        out += std::string(indent) + obligation_words(ob, events, ev.as_of, language) + "\n";
        break;
      }
      case EntryKind::refused:
        out += line(e, finding_words(ev.findings[e.index], language));
        break;
      case EntryKind::unjudged: {
        const Unjudged& u = ev.unjudged[e.index];
        out += line(e, say(language, "{0} from {1}: its deadline falls after the calendar's last date, so it is not judged (C1)",
                           {u.rule->id, name(u.trigger_event)}));
        break;
      }
      case EntryKind::as_of:
        out += line(e, say(language, "the day the duties were judged on; the dates below it are later"));
        break;
    }
  }
  return out;
}

std::string no_such_case(std::string_view case_id, const EventTable& events, Language language) {
  std::size_t rejected = 0;
  for (const Rejection& r : events.rejected()) rejected += r.case_id == case_id ? 1 : 0;
  if (rejected == 0) return text::say(language, "no usable event of case {0}", {case_id});
  return text::say_n(language, "no usable event of case {0}: its {1} row was rejected (see the rejected rows)",
                     "no usable event of case {0}: its {1} rows were rejected (see the rejected rows)", rejected,
                     {case_id, std::to_string(rejected)});
}

}  // namespace

std::string explain(const Obligation& obligation, const EventTable& events, Date as_of, Language language) {
  return obligation_words(obligation, events, as_of, language);
}

std::string explain(const Finding& finding, Language language) { return finding_words(finding, language); }

std::string explain(const Reckoning& reckoning, Language language) {
  return reckoning_words(reckoning, language);
}

std::string working_days_counted(const Reckoning& reckoning, Language language) {
  return working_days_counted_words(reckoning, language);
}

std::string describe_interval(const Obligation& obligation, Language language) {
  return interval_words(obligation, language);
}

std::expected<std::string, std::string> case_timeline(const Evaluation& evaluation, const EventTable& events,
                                                      std::string_view case_id, Language language) {
  const auto found = std::ranges::find(events.case_ids(), case_id);
  if (found == events.case_ids().end()) return std::unexpected(no_such_case(case_id, events, language));
  const auto case_index = static_cast<std::uint32_t>(found - events.case_ids().begin());
  return timeline_words(evaluation, events, case_index, timeline_entries(evaluation, events, case_index), language);
}

std::string reconcile_reason(const Obligation& obligation, const EventTable& events, Language language) {
  return reconcile_reason_words(obligation, events, language);
}

std::string reconcile_unmatched(std::string_view rule_id, Language language) {
  return text::say(language, "no completed occurrence of {0} on this date by the rules", {rule_id});
}

}  // namespace timescales
