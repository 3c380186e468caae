// Bank holidays: what a calendar's data lists, and the statutory pattern that gives the regular
// holidays of England and Wales for years the data does not list (C1).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "timescales/date.hpp"

namespace timescales {

enum class HolidayKind {
  regular,     // the fixed pattern (Banking and Financial Dealings Act 1971, Schedule 1)
  substitute,  // a regular holiday moved off a weekend
  special,     // one-off or moved by royal proclamation: jubilees, funerals, VE-day moves
  closure,     // a day a calendar variant also treats as non-working (Christmas Eve)
};

// Where a holiday's date comes from. Only `published` and `derived` dates are facts; `projected`
// ones are the pattern's forecast, and explanations say so.
enum class HolidaySource {
  published,  // the government's published list
  derived,    // the statutory pattern for past years, cross-checked against another source
  projected,  // the statutory pattern for years nobody has published yet
};

struct Holiday {
  Date date;
  std::string name;
  std::string name_cy;  // Welsh name, empty where none is published
  HolidayKind kind = HolidayKind::regular;
  HolidaySource source = HolidaySource::published;
  std::optional<Date> replaces;  // a moved day: the regular holiday it replaced


  [[nodiscard]] bool projected() const { return source == HolidaySource::projected; }
};

// Easter Sunday in the Gregorian calendar (the anonymous Gregorian computus).
constexpr Date easter_sunday(int year) {
  const int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
  const int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return days_from_civil({year, month, day});
}

// The first (n = 1) or last (n = -1) Monday of a month.
constexpr Date monday_of_month(int year, int month, int n) {
  if (n > 0) {
    const Date first = days_from_civil({year, month, 1});
    const int offset = (8 - static_cast<int>(weekday(first))) % 7;
    return first + offset;
  }
  const Date last = days_from_civil({year, month, days_in_month(year, month)});
  return last - (static_cast<int>(weekday(last)) - 1);
}

// The regular holidays and substitute days of England and Wales for one year, from the
// statutory pattern: New Year's Day, Good Friday, Easter Monday, the first Monday of May, the last
// Mondays of May and August, Christmas Day and Boxing Day, each moved to the next weekday not
// already a holiday when it falls on a weekend. One-off days cannot be derived and are absent.
inline std::vector<Holiday> statutory_pattern(int year, HolidaySource source) {
  std::vector<Holiday> out;
  const auto add = [&](Date d, std::string name, std::string name_cy, HolidayKind kind) {
    out.push_back({d, std::move(name), std::move(name_cy), kind, source, std::nullopt});
  };
  const auto substitute = [](std::string s) { return s + " (substitute day)"; };
  const auto substitute_cy = [](std::string s) { return s + " (diwrnod yn lle)"; };

  const Date new_year = days_from_civil({year, 1, 1});
  if (is_weekend(new_year)) {
    add(new_year + (weekday(new_year) == Weekday::saturday ? 2 : 1),
        substitute("New Year's Day"), substitute_cy("Dydd Calan"), HolidayKind::substitute);
  } else {
    add(new_year, "New Year's Day", "Dydd Calan", HolidayKind::regular);
  }
  const Date easter = easter_sunday(year);
  add(easter - 2, "Good Friday", "Dydd Gwener y Groglith", HolidayKind::regular);
  add(easter + 1, "Easter Monday", "Dydd Llun y Pasg", HolidayKind::regular);
  add(monday_of_month(year, 5, 1), "Early May bank holiday", "Gŵyl Banc Cyntaf Mai",
      HolidayKind::regular);
  add(monday_of_month(year, 5, -1), "Spring bank holiday", "Gŵyl Banc y Gwanwyn",
      HolidayKind::regular);
  add(monday_of_month(year, 8, -1), "Summer bank holiday", "Gŵyl Banc yr Haf",
      HolidayKind::regular);

  // Christmas and Boxing Day: a weekend day moves to the next weekday that is not taken.
  const Date christmas = days_from_civil({year, 12, 25});
  const Date boxing = christmas + 1;
  Date next_free = boxing + 1;  // the first day a substitute may take
  const auto next_weekday = [&](Date from) {
    while (is_weekend(from)) from = from + 1;
    return from;
  };
  if (is_weekend(christmas)) {
    if (!is_weekend(boxing)) {  // Christmas on Sunday: Boxing Day stands, Christmas moves after it
      add(boxing, "Boxing Day", "Gŵyl San Steffan", HolidayKind::regular);
      add(next_weekday(boxing + 1), substitute("Christmas Day"), substitute_cy("Dydd Nadolig"),
          HolidayKind::substitute);
      return out;
    }
    const Date c = next_weekday(christmas);  // Christmas on Saturday: Monday 27th
    add(c, substitute("Christmas Day"), substitute_cy("Dydd Nadolig"), HolidayKind::substitute);
    next_free = c + 1;
  } else {
    add(christmas, "Christmas Day", "Dydd Nadolig", HolidayKind::regular);
  }
  if (is_weekend(boxing)) {
    add(next_weekday(next_free), substitute("Boxing Day"), substitute_cy("Gŵyl San Steffan"),
        HolidayKind::substitute);
  } else {
    add(boxing, "Boxing Day", "Gŵyl San Steffan", HolidayKind::regular);
  }
  return out;
}

}  // namespace timescales
