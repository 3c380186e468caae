// The date core: parsing, printing, weekdays, and the civil conversions checked against an
// independent implementation (Boost.Date_Time).
#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <cstdint>
#include <limits>
#include <string>

#include "support.hpp"
#include "timescales/date.hpp"

using namespace timescales;
using testing::date_of;

TEST_CASE("parse_date accepts YYYY-MM-DD and reads its fields", "[date]") {
  const auto d = parse_date("2019-01-05");
  REQUIRE(d.has_value());
  CHECK(civil_from_days(*d) == YearMonthDay{2019, 1, 5});

  // Hand count: 1970-01-01 is day 0; 1970..1999 is 30 years with 7 leap years (72, 76, 80, 84,
  // 88, 92, 96), so 2000-01-01 is 30 * 365 + 7 = 10957; 2000-03-01 adds Jan 31 + Feb 29 = 11017.
  CHECK(date_of("1970-01-01").days() == 0);
  CHECK(date_of("1970-01-02").days() == 1);
  CHECK(date_of("1969-12-31").days() == -1);
  CHECK(date_of("2000-01-01").days() == 10957);
  CHECK(date_of("2000-03-01").days() == 11017);
}

TEST_CASE("parse_date rejects malformed text as malformed_date", "[date]") {
  for (const std::string_view text :
       {"2019-1-5", "20190105", "", "2019-01-05x", " 2019-01-05", "2019/01/05", "2019-01-5 ",
        "19-01-05", "2019-0a-05", "+019-01-05", "2019-01--5"}) {
    INFO("input: '" << std::string(text) << "'");
    const auto d = parse_date(text);
    REQUIRE_FALSE(d.has_value());
    CHECK(d.error().code == Errc::malformed_date);
    CHECK_THAT(d.error().message, Catch::Contains("YYYY-MM-DD"));
  }
}

TEST_CASE("parse_date rejects well-formed text naming no real day as impossible_date", "[date]") {
  // 2019 is not a leap year; 2100 is divisible by 100 but not 400, so not a leap year either.
  for (const std::string_view text : {"2019-02-29", "2019-02-30", "2019-13-01", "2019-00-10",
                                      "2019-04-31", "2019-01-00", "2019-01-32", "2100-02-29",
                                      "0000-01-01"}) {
    INFO("input: " << std::string(text));
    const auto d = parse_date(text);
    REQUIRE_FALSE(d.has_value());
    CHECK(d.error().code == Errc::impossible_date);
  }
}

TEST_CASE("leap days: 2020-02-29 and 2000-02-29 exist", "[date]") {
  // 2020 is divisible by 4 and not by 100; 2000 is divisible by 400.
  const auto d2020 = parse_date("2020-02-29");
  REQUIRE(d2020.has_value());
  CHECK(civil_from_days(*d2020) == YearMonthDay{2020, 2, 29});
  CHECK(*d2020 + 1 == date_of("2020-03-01"));
  CHECK(parse_date("2000-02-29").has_value());

  CHECK(is_leap_year(2020));
  CHECK(is_leap_year(2000));
  CHECK_FALSE(is_leap_year(2019));
  CHECK_FALSE(is_leap_year(1900));
  CHECK_FALSE(is_leap_year(2100));
  CHECK(days_in_month(2020, 2) == 29);
  CHECK(days_in_month(2019, 2) == 28);
  CHECK(days_in_month(2019, 4) == 30);
  CHECK(days_in_month(2019, 12) == 31);
}

TEST_CASE("make_date validates like parse_date", "[date]") {
  CHECK(make_date(2020, 2, 29) == date_of("2020-02-29"));
  const auto bad = make_date(2019, 2, 29);
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error().code == Errc::impossible_date);
  CHECK_FALSE(make_date(2019, 13, 1).has_value());
  CHECK_FALSE(make_date(2019, 1, 0).has_value());
}

TEST_CASE("to_string round-trips parse_date", "[date]") {
  for (const std::string_view text :
       {"1990-01-01", "2019-12-20", "2020-02-29", "2060-12-31", "0001-01-01", "9999-12-31",
        "1969-12-31", "1970-01-01"}) {
    CHECK(to_string(date_of(text)) == text);
  }
  // And every day of the supported range (1990-2060) both ways.
  const Date first = date_of("1990-01-01");
  const Date last = date_of("2060-12-31");
  int mismatches = 0;
  for (Date d = first; d <= last; d = d + 1) {
    const auto back = parse_date(to_string(d));
    if (!back || *back != d) ++mismatches;
  }
  CHECK(mismatches == 0);
}

TEST_CASE("to_string is total: a day far outside years 0 to 9999 reads as itself, in ISO's expanded form", "[date]") {
  // Error messages quote day numbers a caller gave (the C API takes any int32 day). Worked by hand:
  // -1,000,000 days is 7 cycles of 400 years (146,097 days) back to -0830-01-01 (day -1,022,679),
  // then 22,679 days on: 62 years with 15 leap days (-828 to -772, -800 among them) to -0768-01-01
  // (day -1,000,034), then 34 days: -0768-02-04. The day after 9999-12-31 (day 2,932,896) is
  // +10000-01-01; the int32 ends were counted by whole cycles then year by year.
  CHECK(to_string(Date::from_days(-1'000'000)) == "-0768-02-04");
  CHECK(to_string(Date::from_days(2'932'896)) == "9999-12-31");
  CHECK(to_string(Date::from_days(2'932'897)) == "+10000-01-01");
  CHECK(to_string(Date::from_days(3'000'000)) == "+10183-09-21");
  CHECK(to_string(Date::from_days(-719'163)) == "0000-12-31");  // year 0: four digits, as write_iso gives
  CHECK(to_string(Date::from_days(std::numeric_limits<std::int32_t>::max())) == "+5881580-07-11");
  CHECK(to_string(Date::from_days(std::numeric_limits<std::int32_t>::min())) == "-5877641-06-23");
}

TEST_CASE("weekday of known dates", "[date]") {
  CHECK(weekday(date_of("1970-01-01")) == Weekday::thursday);   // the epoch
  CHECK(weekday(date_of("1969-07-20")) == Weekday::sunday);     // Apollo 11 landing (before epoch)
  CHECK(weekday(date_of("1969-12-31")) == Weekday::wednesday);  // day -1
  CHECK(weekday(date_of("1900-01-01")) == Weekday::monday);
  CHECK(weekday(date_of("1990-01-01")) == Weekday::monday);     // first day of the supported range
  CHECK(weekday(date_of("2000-01-01")) == Weekday::saturday);
  CHECK(weekday(date_of("2001-09-11")) == Weekday::tuesday);
  CHECK(weekday(date_of("2016-06-23")) == Weekday::thursday);   // EU referendum
  CHECK(weekday(date_of("2019-12-20")) == Weekday::friday);     // docs/conventions.md C2 example
  CHECK(weekday(date_of("2020-02-29")) == Weekday::saturday);
  CHECK(weekday(date_of("2024-01-01")) == Weekday::monday);
  // 2060-01-01: 90 years after 1970 with 22 leap years = 32872 days = 4696 weeks exactly, so a
  // Thursday like the epoch; 2060 is leap, so 31 Dec is 365 days later: Friday.
  CHECK(weekday(date_of("2060-01-01")) == Weekday::thursday);
  CHECK(weekday(date_of("2060-12-31")) == Weekday::friday);

  CHECK(is_weekend(date_of("2019-12-21")));
  CHECK(is_weekend(date_of("2019-12-22")));
  CHECK_FALSE(is_weekend(date_of("2019-12-20")));
  CHECK_FALSE(is_weekend(date_of("2019-12-23")));
}

TEST_CASE("civil conversion agrees with Boost.Date_Time for every day 1990-2060", "[date]") {
  namespace bg = boost::gregorian;
  const bg::date boost_epoch(1970, 1, 1);
  const bg::date first(1990, 1, 1);
  const bg::date last(2060, 12, 31);
  long checked = 0;
  int mismatches = 0;
  for (bg::date b = first; b <= last; b += bg::days(1)) {
    const YearMonthDay ymd{static_cast<int>(b.year()), static_cast<int>(b.month()),
                           static_cast<int>(b.day())};
    const Date ours = days_from_civil(ymd);
    const long boost_days = (b - boost_epoch).days();
    // Boost numbers weekdays Sunday = 0 ... Saturday = 6; ours are ISO, Monday = 1 ... Sunday = 7.
    const int boost_iso_weekday = b.day_of_week().as_number() == 0 ? 7 : b.day_of_week().as_number();
    const bool ok = ours.days() == boost_days && civil_from_days(ours) == ymd &&
                    static_cast<int>(weekday(ours)) == boost_iso_weekday &&
                    make_date(ymd.year, ymd.month, ymd.day) == ours &&
                    days_in_month(ymd.year, ymd.month) == static_cast<int>(b.end_of_month().day());
    if (!ok) {
      if (++mismatches <= 5) {
        FAIL_CHECK("disagreement with Boost on " << ymd.year << "-" << ymd.month << "-" << ymd.day);
      }
    }
    ++checked;
  }
  CHECK(mismatches == 0);
  // 1990-01-01 to 2060-12-31: 71 years, 18 of them leap (1992, 1996, ..., 2060).
  CHECK(checked == 71 * 365 + 18);
}
