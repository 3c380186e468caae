// Civil dates: the proleptic Gregorian calendar, held as a count of days since 1970-01-01.
// The conversions are Howard Hinnant's public-domain algorithms (chrono-compatible low-level
// date algorithms), written out here. Everything is constexpr and total: what can fail returns
// std::expected with a named error.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <expected>
#include <string>
#include <string_view>

#include "timescales/error.hpp"

namespace timescales {

class Date {
 public:
  constexpr Date() = default;
  static constexpr Date from_days(std::int32_t days_since_epoch) { return Date{days_since_epoch}; }
  [[nodiscard]] constexpr std::int32_t days() const { return days_; }

  friend constexpr auto operator<=>(Date, Date) = default;
  friend constexpr Date operator+(Date d, std::int32_t n) { return Date{d.days_ + n}; }
  friend constexpr Date operator-(Date d, std::int32_t n) { return Date{d.days_ - n}; }
  friend constexpr std::int32_t operator-(Date a, Date b) { return a.days_ - b.days_; }

 private:
  constexpr explicit Date(std::int32_t d) : days_(d) {}
  std::int32_t days_ = 0;
};

struct YearMonthDay {
  int year;
  int month;  // 1..12
  int day;    // 1..31
  friend constexpr bool operator==(YearMonthDay, YearMonthDay) = default;
};

// ISO weekday numbers: Monday = 1 ... Sunday = 7.
enum class Weekday { monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday };

constexpr bool is_leap_year(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

constexpr int days_in_month(int y, int m) {
  constexpr std::array<int, 12> lengths{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap_year(y) ? 29 : lengths[static_cast<std::size_t>(m - 1)];
}

// Precondition: a valid date (use make_date for untrusted input).
constexpr Date days_from_civil(YearMonthDay ymd) {
  const int y = ymd.year - (ymd.month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int mp = (ymd.month + 9) % 12;  // March = 0
  const int doy = (153 * mp + 2) / 5 + ymd.day - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return Date::from_days(era * 146097 + doe - 719468);
}

constexpr YearMonthDay civil_from_days(Date d) {
  const int z = d.days() + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int day = doy - (153 * mp + 2) / 5 + 1;
  const int month = mp < 10 ? mp + 3 : mp - 9;
  return {yoe + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

// The year bound keeps every date inside int32 arithmetic and four-digit ISO text.
constexpr std::expected<Date, Error> make_date(int y, int m, int d) {
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) {
    return std::unexpected(Error{Errc::impossible_date, "no such date: " + std::to_string(y) + "-" +
                                                            std::to_string(m) + "-" +
                                                            std::to_string(d)});
  }
  return days_from_civil({y, m, d});
}

constexpr Weekday weekday(Date d) {
  // 1970-01-01 was a Thursday (ISO 4).
  const int w = ((d.days() % 7) + 7 + 3) % 7;  // Monday = 0
  return static_cast<Weekday>(w + 1);
}

constexpr bool is_weekend(Date d) { return weekday(d) >= Weekday::saturday; }

// Parses exactly YYYY-MM-DD. Says whether the text is malformed or names an impossible date.
constexpr std::expected<Date, Error> parse_date(std::string_view text) {
  const auto digit = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9'; };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !digit(0) || !digit(1) ||
      !digit(2) || !digit(3) || !digit(5) || !digit(6) || !digit(8) || !digit(9)) {
    return std::unexpected(
        Error{Errc::malformed_date, "malformed date " + excerpt(text) + ": expected YYYY-MM-DD"});
  }
  const auto num = [&](std::size_t at, std::size_t len) {
    int v = 0;
    for (std::size_t i = at; i < at + len; ++i) v = v * 10 + (text[i] - '0');
    return v;
  };
  const int y = num(0, 4), m = num(5, 2), d = num(8, 2);
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) {
    return std::unexpected(Error{Errc::impossible_date, "impossible date " + excerpt(text) +
                                                            ": no such day in the calendar"});
  }
  return days_from_civil({y, m, d});
}

inline std::string to_string(Date d) {
  const auto [y, m, day] = civil_from_days(d);
  std::array<char, 11> buf{};
  buf[0] = static_cast<char>('0' + (y / 1000) % 10);
  buf[1] = static_cast<char>('0' + (y / 100) % 10);
  buf[2] = static_cast<char>('0' + (y / 10) % 10);
  buf[3] = static_cast<char>('0' + y % 10);
  buf[4] = '-';
  buf[5] = static_cast<char>('0' + m / 10);
  buf[6] = static_cast<char>('0' + m % 10);
  buf[7] = '-';
  buf[8] = static_cast<char>('0' + day / 10);
  buf[9] = static_cast<char>('0' + day % 10);
  return std::string(buf.data(), 10);
}

constexpr std::string_view weekday_name(Weekday w) {
  constexpr std::array<std::string_view, 7> names{"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                  "Friday", "Saturday", "Sunday"};
  return names[static_cast<std::size_t>(w) - 1];
}

constexpr std::string_view month_name(int m) {
  constexpr std::array<std::string_view, 12> names{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  return names[static_cast<std::size_t>(m) - 1];
}

// "25 Dec": how explanations name a day whose year is clear from context.
inline std::string day_and_month(Date d) {
  const auto ymd = civil_from_days(d);
  return std::to_string(ymd.day) + " " + std::string(month_name(ymd.month));
}

// An inclusive range of dates.
struct DateRange {
  Date first;
  Date last;
  [[nodiscard]] constexpr bool contains(Date d) const { return first <= d && d <= last; }
  friend constexpr bool operator==(DateRange, DateRange) = default;
};

}  // namespace timescales
