// The arithmetic from a trigger to its deadline, kept so that a deadline can explain itself:
// which working days were counted, which bank holidays were skipped, whether a month end was
// clamped. Built on demand (explanations), never on the evaluation hot path.
#pragma once

#include <expected>
#include <string>
#include <vector>

#include "timescales/calendar.hpp"
#include "timescales/period.hpp"

namespace timescales {

struct Reckoning {
  Date start;
  Period period;
  Deadline deadline;
  std::string calendar;
  std::vector<Date> counted;     // working-day periods: the working days counted, in order
  std::vector<Holiday> skipped;  // working-day periods: weekday holidays in (start, deadline]
  const Holiday* deadline_holiday = nullptr;  // days/weeks/months: the holiday the deadline falls on
};

inline std::expected<Reckoning, Error> reckon(Date start, Period period, const Calendar& calendar) {
  auto deadline = add(start, period, calendar);
  if (!deadline) return std::unexpected(deadline.error());
  Reckoning r{start, period, *deadline, calendar.id(), {}, {}, nullptr};
  if (period.unit == PeriodUnit::working_days) {
    for (Date d = start + 1; d <= deadline->date; d = d + 1) {
      if (*calendar.is_working_day(d)) r.counted.push_back(d);
    }
    for (const Holiday& h : calendar.holidays_between(start + 1, deadline->date)) {
      if (!is_weekend(h.date)) r.skipped.push_back(h);
    }
  } else {
    r.deadline_holiday = calendar.holiday_on(deadline->date);
  }
  return r;
}

inline std::string ordinal(int n) {
  const int tens = n % 100, units = n % 10;
  const char* suffix = (tens >= 11 && tens <= 13) ? "th"
                       : units == 1                ? "st"
                       : units == 2                ? "nd"
                       : units == 3                ? "rd"
                                                   : "th";
  return std::to_string(n) + suffix;
}

// "25 Dec Christmas Day" (with the year when the span crosses years, "(projected)" when the date
// comes from the pattern rather than a published list).
inline std::string describe_holiday(const Holiday& h, bool with_year) {
  std::string out = with_year ? to_string(h.date) : day_and_month(h.date);
  out += " " + h.name;
  if (h.projected()) out += " (projected)";
  return out;
}

// One paragraph saying how the deadline was reached, citing the convention used.
inline std::string describe(const Reckoning& r) {
  const Date due = r.deadline.date;
  const std::string due_text = std::string(weekday_name(weekday(due))) + " " + to_string(due);
  std::string out = to_string(r.start) + " + " + to_string(r.period) + " = " + due_text + ". ";
  switch (r.period.unit) {
    case PeriodUnit::working_days: {
      out += "Day 0 is " + std::string(weekday_name(weekday(r.start))) + " " + to_string(r.start) +
             "; the deadline is the " + ordinal(r.period.count) + " working day after it in calendar " +
             r.calendar + " (C1, C2).";
      if (r.skipped.empty()) {
        out += " No bank holidays fall in between.";
      } else {
        const bool years = civil_from_days(r.start).year != civil_from_days(due).year &&
                           r.skipped.size() > 3;
        out += " Bank holidays skipped: ";
        for (std::size_t i = 0; i < r.skipped.size(); ++i) {
          if (i > 0) out += ", ";
          out += describe_holiday(r.skipped[i], years);
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
                 ? ": the target month has no day " + std::to_string(start.day) +
                       ", so the deadline is its last day."
                 : ".";
      break;
    }
  }
  if (r.deadline_holiday != nullptr) {
    out += " The deadline falls on " + r.deadline_holiday->name + " and stands (C3, C4).";
  } else if (r.period.unit != PeriodUnit::working_days && is_weekend(due)) {
    out += " The deadline falls on a " + std::string(weekday_name(weekday(due))) +
           " and stands (C3, C4).";
  }
  return out;
}

}  // namespace timescales
