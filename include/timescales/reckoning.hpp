// The arithmetic from a trigger to its deadline, kept so that a deadline can explain itself:
// which working days were counted, which bank holidays were skipped, whether a month end was
// clamped. Built on demand (explanations), never on the evaluation hot path; explain.hpp puts it
// into words.
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

}  // namespace timescales
