// Legal periods: "15 working days", "6 weeks", "3 months", parsed from text and added to dates
// the way the conventions count them (C2 working days, C3 days and weeks, C4 months).
#pragma once

#include <array>
#include <cctype>
#include <charconv>
#include <compare>
#include <cstdint>
#include <expected>
#include <string>
#include <string_view>

#include "timescales/calendar.hpp"
#include "timescales/date.hpp"
#include "timescales/error.hpp"

namespace timescales {

enum class PeriodUnit : std::uint8_t { working_days, days, weeks, months };

// Two bytes for the count and one for the unit: an event and an obligation each carry one, and
// there are millions of them.
struct Period {
  std::int16_t count = 0;  // 1..max_period_count
  PeriodUnit unit = PeriodUnit::days;
  friend constexpr bool operator==(Period, Period) = default;
};

// Large enough for any statutory period, small enough that no arithmetic on it can overflow.
inline constexpr std::int32_t max_period_count = 5000;
static_assert(max_period_count <= INT16_MAX, "Period::count holds any count a period may have");

inline std::string to_string(Period p) {
  constexpr std::array<std::string_view, 4> singular{"working day", "day", "week", "month"};
  std::string out = std::to_string(p.count) + " ";
  out += singular[static_cast<std::size_t>(p.unit)];
  if (p.count != 1) out += "s";
  return out;
}

namespace detail {
inline std::string lower_trimmed_words(std::string_view text) {
  std::string out;
  bool space = false;
  for (const char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}
}  // namespace detail

// Accepts "<count> <unit>" with count 1..5000 and unit one of: working day(s), day(s), week(s),
// month(s), in any case and spacing. Anything else is an error that says what was expected.
inline std::expected<Period, Error> parse_period(std::string_view text) {
  const std::string words = detail::lower_trimmed_words(text);
  const auto fail = [&](std::string why) {
    return std::unexpected(Error{Errc::malformed_period, "malformed period " + excerpt(text) +
                                                             ": " + std::move(why)});
  };
  const std::string_view expected_form =
      "expected a whole number and a unit such as '15 working days', '6 weeks', '28 days' or "
      "'3 months'";
  const auto space = words.find(' ');
  if (words.empty() || space == std::string::npos) return fail(std::string(expected_form));
  const std::string_view number = std::string_view(words).substr(0, space);
  const std::string_view unit = std::string_view(words).substr(space + 1);

  std::int64_t count = 0;
  const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), count);
  if (!number.empty() && (number[0] == '-' || number[0] == '+')) {
    return fail("the count must be a positive whole number");
  }
  if (ec != std::errc{} || end != number.data() + number.size()) {
    if (ec == std::errc::result_out_of_range) return fail("the count is too large");
    return fail(std::string(expected_form));
  }
  if (count == 0) return fail("a period of zero makes no deadline; the count must be at least 1");
  if (count > max_period_count) {
    return fail("the count must be at most " + std::to_string(max_period_count));
  }

  struct Spelling {
    std::string_view singular, plural;
    PeriodUnit unit;
  };
  constexpr std::array<Spelling, 4> units{{{"working day", "working days", PeriodUnit::working_days},
                                           {"day", "days", PeriodUnit::days},
                                           {"week", "weeks", PeriodUnit::weeks},
                                           {"month", "months", PeriodUnit::months}}};
  for (const Spelling& s : units) {
    if (unit == s.singular || unit == s.plural) return Period{static_cast<std::int16_t>(count), s.unit};
  }
  if (unit == "year" || unit == "years") {
    return fail("say years in months ('12 months'): the conventions count months (C4)");
  }
  // A near miss names the unit it most likely meant ("wrking days" -> "working days").
  if (unit.find("day") != std::string_view::npos && unit.find(' ') != std::string_view::npos) {
    return fail("unknown unit " + excerpt(unit, 30) + "; did you mean 'working days'?");
  }
  return fail("unknown unit " + excerpt(unit, 30) + "; the units are working days, days, weeks and months");
}

// A deadline and what the arithmetic did to reach it, so explanations can say it.
struct Deadline {
  Date date;
  bool month_end_clamped = false;  // C4: the corresponding day did not exist in the target month
  friend constexpr bool operator==(Deadline, Deadline) = default;
};

// C4: the corresponding date n months later, clamped to that month's last day.
inline Deadline add_months(Date start, std::int32_t n) {
  const auto [y, m, d] = civil_from_days(start);
  const int months = y * 12 + (m - 1) + n;
  const int year = months / 12;
  const int month = months % 12 + 1;
  const int last = days_in_month(year, month);
  return {days_from_civil({year, month, d > last ? last : d}), d > last};
}

// The deadline `period` after `start` (day 0), counted in `calendar` for working days. Days and
// weeks are calendar days never rolled to a working day (C3); months follow C4. Fails only when a
// date falls outside the calendar's supported range.
inline std::expected<Deadline, Error> add(Date start, Period period, const Calendar& calendar) {
  // The engine calls this for every deadline: the range checks are plain comparisons, and only a
  // failure builds an error (out of line, in the calendar).
  const DateRange range = calendar.supported();
  if (!range.contains(start)) [[unlikely]] return std::unexpected(calendar.check(start).error());
  Deadline out;
  switch (period.unit) {
    case PeriodUnit::working_days: {
      auto d = calendar.add_working_days(start, period.count);
      if (!d) [[unlikely]] return std::unexpected(std::move(d.error()));
      out.date = *d;
      break;
    }
    case PeriodUnit::days: out.date = start + period.count; break;
    case PeriodUnit::weeks: out.date = start + 7 * period.count; break;
    case PeriodUnit::months: out = add_months(start, period.count); break;
  }
  if (!range.contains(out.date)) [[unlikely]] return std::unexpected(calendar.check(out.date).error());
  return out;
}

}  // namespace timescales
