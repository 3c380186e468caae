// Civil dates: the proleptic Gregorian calendar, held as a count of days since 1970-01-01.
// The conversions are Howard Hinnant's public-domain algorithms (chrono-compatible low-level
// date algorithms), written out here. Everything is constexpr and total: what can fail returns
// std::expected with a named error.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <cstdio>
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

// Total over every Date: the shift to 0000-03-01 is done in 64 bits, so that no day overflows
// (the last int32 day is 5881580-07-11, the first -5877641-06-23).
constexpr YearMonthDay civil_from_days(Date d) {
  const std::int64_t z = std::int64_t{d.days()} + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<int>(z - era * 146097);
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int day = doy - (153 * mp + 2) / 5 + 1;
  const int month = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0)), month, day};
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
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    // Each digit's value; a byte that is not a digit gives a value above 9 (unsigned wrap-around).
    const auto at = [&](std::size_t i) { return static_cast<unsigned>(static_cast<unsigned char>(text[i])) - '0'; };
    const unsigned y0 = at(0), y1 = at(1), y2 = at(2), y3 = at(3), m0 = at(5), m1 = at(6), d0 = at(8), d1 = at(9);
    if ((y0 <= 9) & (y1 <= 9) & (y2 <= 9) & (y3 <= 9) & (m0 <= 9) & (m1 <= 9) & (d0 <= 9) & (d1 <= 9)) {
      const int y = static_cast<int>(y0 * 1000 + y1 * 100 + y2 * 10 + y3);
      const int m = static_cast<int>(m0 * 10 + m1);
      const int d = static_cast<int>(d0 * 10 + d1);
      if (y < 1 || m < 1 || m > 12 || d < 1 || (d > 28 && d > days_in_month(y, m))) {
        return std::unexpected(Error{Errc::impossible_date, "impossible date " + excerpt(text, case_data_excerpt) +
                                                                ": no such day in the calendar"});
      }
      return days_from_civil({y, m, d});
    }
  }
  return std::unexpected(
      Error{Errc::malformed_date, "malformed date " + excerpt(text, case_data_excerpt) + ": expected YYYY-MM-DD"});
}

// Writes d as YYYY-MM-DD into out[0..9] (exactly 10 characters, no terminator): what to_string
// returns, for writers that format into a buffer of their own. For a year 0 to 9999 (every date a
// reader accepts and every calendar's range); to_string writes any other as ISO 8601's expanded
// form.
constexpr void write_iso(char* out, Date d) {
  const auto [y, m, day] = civil_from_days(d);
  if (y >= 0 && y <= 9999) {  // every date a reader accepts: two digits at a time
    constexpr std::string_view pairs =
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
        "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
        "8081828384858687888990919293949596979899";
    const auto two = [&](char* at, int v) {
      at[0] = pairs[static_cast<std::size_t>(2 * v)];
      at[1] = pairs[static_cast<std::size_t>(2 * v + 1)];
    };
    two(out, y / 100);
    two(out + 2, y % 100);
    out[4] = '-';
    two(out + 5, m);
    out[7] = '-';
    two(out + 8, day);
    return;
  }
  out[0] = static_cast<char>('0' + (y / 1000) % 10);
  out[1] = static_cast<char>('0' + (y / 100) % 10);
  out[2] = static_cast<char>('0' + (y / 10) % 10);
  out[3] = static_cast<char>('0' + y % 10);
  out[4] = '-';
  out[5] = static_cast<char>('0' + m / 10);
  out[6] = static_cast<char>('0' + m % 10);
  out[7] = '-';
  out[8] = static_cast<char>('0' + day / 10);
  out[9] = static_cast<char>('0' + day % 10);
}

// YYYY-MM-DD; a year outside 0 to 9999 (a day number far out, in an error message) in ISO 8601's
// expanded form with its sign, +10000-01-01 or -0768-02-04, so that no day reads as another.
inline std::string to_string(Date d) {
  const YearMonthDay ymd = civil_from_days(d);
  if (ymd.year < 0 || ymd.year > 9999) {
    std::array<char, 24> buf{};
    const int n = std::snprintf(buf.data(), buf.size(), "%+05d-%02d-%02d", ymd.year, ymd.month, ymd.day);
    return std::string(buf.data(), static_cast<std::size_t>(n));
  }
  std::array<char, 10> buf{};
  write_iso(buf.data(), d);
  return std::string(buf.data(), buf.size());
}

// An inclusive range of dates.
struct DateRange {
  Date first;
  Date last;
  [[nodiscard]] constexpr bool contains(Date d) const { return first <= d && d <= last; }
  friend constexpr bool operator==(DateRange, DateRange) = default;
};

}  // namespace timescales
