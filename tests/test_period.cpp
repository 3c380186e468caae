// Legal periods: parsing, adding them to dates (C2 working days, C3 days and weeks, C4 months),
// and the reckoning that explains a deadline.
#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <string>
#include <vector>

#include "support.hpp"
#include "timescales/period.hpp"
#include "timescales/explain.hpp"

using namespace timescales;
using testing::date_of;
using testing::dates_of;
using testing::england_and_wales;

namespace {

Period period(std::string_view text) {
  const auto p = parse_period(text);
  INFO("period '" << std::string(text) << "'");
  REQUIRE(p.has_value());
  return *p;
}

Deadline deadline(std::string_view start, std::string_view p) {
  const auto d = add(date_of(start), period(p), england_and_wales());
  INFO(std::string(start) << " + " << std::string(p));
  REQUIRE(d.has_value());
  return *d;
}

}  // namespace

TEST_CASE("parse_period accepts a count and a unit", "[period]") {
  CHECK(period("15 working days") == Period{15, PeriodUnit::working_days});
  CHECK(period("1 working day") == Period{1, PeriodUnit::working_days});
  CHECK(period("6 weeks") == Period{6, PeriodUnit::weeks});
  CHECK(period("1 week") == Period{1, PeriodUnit::weeks});
  CHECK(period("28 days") == Period{28, PeriodUnit::days});
  CHECK(period("1 day") == Period{1, PeriodUnit::days});
  CHECK(period("3 months") == Period{3, PeriodUnit::months});
  CHECK(period("12 months") == Period{12, PeriodUnit::months});
  CHECK(period("5000 days") == Period{5000, PeriodUnit::days});  // max_period_count
  // Any case, any spacing.
  CHECK(period("15 Working Days") == Period{15, PeriodUnit::working_days});
  CHECK(period("6 WEEKS") == Period{6, PeriodUnit::weeks});
  CHECK(period("3 MoNtHs") == Period{3, PeriodUnit::months});
  CHECK(period("  15   working    days  ") == Period{15, PeriodUnit::working_days});
  CHECK(period("6\tweeks") == Period{6, PeriodUnit::weeks});
  CHECK(period(" 28 days\n") == Period{28, PeriodUnit::days});
}

TEST_CASE("parse_period rejects what is not a period, saying why", "[period]") {
  const auto rejected = [](std::string_view text) {
    const auto p = parse_period(text);
    INFO("period '" << std::string(text) << "'");
    REQUIRE_FALSE(p.has_value());
    CHECK(p.error().code == Errc::malformed_period);
    return p.error().message;
  };
  CHECK_THAT(rejected("15 wrking days"), Catch::Contains("working days"));
  CHECK_THAT(rejected("15 wrking days"), Catch::Contains("did you mean"));
  CHECK_THAT(rejected("-3 weeks"), Catch::Contains("positive"));
  CHECK_THAT(rejected("+3 weeks"), Catch::Contains("positive"));
  CHECK_THAT(rejected("0 months"), Catch::Contains("zero"));
  CHECK_THAT(rejected("3 fortnights"), Catch::Contains("fortnights"));
  CHECK_THAT(rejected("2 years"), Catch::Contains("months"));
  CHECK_THAT(rejected("5001 days"), Catch::Contains("at most 5000"));
  CHECK_THAT(rejected("99999999999999999999999 days"), Catch::Contains("too large"));
  for (const std::string_view text : {"", "   ", "weeks", "1.5 weeks", "15", "six weeks",
                                      "15working days", "3 months later", "15 working"}) {
    rejected(text);
  }
}

TEST_CASE("a period prints as it is written", "[period]") {
  CHECK(to_string(Period{15, PeriodUnit::working_days}) == "15 working days");
  CHECK(to_string(Period{1, PeriodUnit::working_days}) == "1 working day");
  CHECK(to_string(Period{6, PeriodUnit::weeks}) == "6 weeks");
  CHECK(to_string(Period{1, PeriodUnit::weeks}) == "1 week");
  CHECK(to_string(Period{3, PeriodUnit::months}) == "3 months");
  for (const std::string_view text : {"15 working days", "6 weeks", "28 days", "3 months", "1 month"}) {
    CHECK(to_string(period(text)) == text);
  }
}

TEST_CASE("working-day periods count working days (C2)", "[period][C2]") {
  // See the C2 example in test_calendar.cpp for the count.
  const Deadline d = deadline("2019-12-20", "15 working days");
  CHECK(d.date == date_of("2020-01-15"));
  CHECK_FALSE(d.month_end_clamped);
}

TEST_CASE("day and week periods are calendar days, never rolled (C3)", "[period][C3]") {
  // 2024-02-19 (Mon) + 42 days: 10 days to 29 Feb (2024 is leap), 31 to 31 Mar, 1 more: 1 April,
  // which is Easter Monday 2024 (Easter Sunday 31 March). It stands.
  const Deadline easter = deadline("2024-02-19", "6 weeks");
  CHECK(easter.date == date_of("2024-04-01"));
  CHECK_FALSE(easter.month_end_clamped);
  CHECK_FALSE(*england_and_wales().is_working_day(easter.date));

  // A Saturday deadline stands: Sat 2019-12-21 + 1 week = Sat 2019-12-28.
  CHECK(deadline("2019-12-21", "1 week").date == date_of("2019-12-28"));
  // Wed 2019-12-18 + 1 week = Christmas Day, not moved.
  CHECK(deadline("2019-12-18", "1 week").date == date_of("2019-12-25"));
  // Fri 2019-12-20 + 1 day = Sat 21.
  CHECK(deadline("2019-12-20", "1 day").date == date_of("2019-12-21"));
  // 28 days: 2020-02-01 + 28 = 29 Feb (leap); 2019-02-01 + 28 = 1 March.
  CHECK(deadline("2020-02-01", "28 days").date == date_of("2020-02-29"));
  CHECK(deadline("2019-02-01", "28 days").date == date_of("2019-03-01"));
  // 2019-12-20 + 28 days: 11 to 31 Dec, 17 more: 2020-01-17.
  CHECK(deadline("2019-12-20", "28 days").date == date_of("2020-01-17"));
}

TEST_CASE("month periods use the corresponding date, clamped to the month's end (C4)",
          "[period][C4]") {
  struct Case {
    std::string_view start, period, due;
    bool clamped;
  };
  const std::vector<Case> cases{
      // The examples of docs/conventions.md C4.
      {"2019-02-28", "3 months", "2019-05-28", false},  // not snapped to 31 May
      {"2019-11-30", "3 months", "2020-02-29", true},   // February 2020 has no 30th: its last day
      {"2020-01-31", "1 month", "2020-02-29", true},
      // Non-leap February.
      {"2019-01-31", "1 month", "2019-02-28", true},
      {"2019-01-30", "1 month", "2019-02-28", true},
      {"2019-01-28", "1 month", "2019-02-28", false},  // the 28th exists
      {"2020-01-29", "1 month", "2020-02-29", false},  // the 29th exists in 2020
      // A leap day: 2021 has no 29 February.
      {"2020-02-29", "12 months", "2021-02-28", true},
      {"2020-02-29", "48 months", "2024-02-29", false},
      {"2020-02-29", "1 month", "2020-03-29", false},
      // 30-day months.
      {"2019-08-31", "1 month", "2019-09-30", true},
      {"2019-07-31", "1 month", "2019-08-31", false},
      {"2019-03-31", "1 month", "2019-04-30", true},
      // Across a year end.
      {"2019-12-31", "2 months", "2020-02-29", true},
      {"2019-10-31", "3 months", "2020-01-31", false},
      {"2019-12-15", "1 month", "2020-01-15", false},
      {"2019-12-20", "12 months", "2020-12-20", false},
  };
  for (const Case& c : cases) {
    INFO(std::string(c.start) << " + " << std::string(c.period));
    const Deadline d = deadline(c.start, c.period);
    CHECK(d.date == date_of(c.due));
    CHECK(d.month_end_clamped == c.clamped);
  }
}

TEST_CASE("Boost's month arithmetic snaps month ends, ours does not (C4)", "[period][C4]") {
  // Boost.Date_Time's months duration treats a month-end start as "end of month": 28 Feb 2019 is
  // the last day of February, so Boost gives 31 March. C4 forbids that; we give 28 March.
  // This is the only place the project may use boost::gregorian::months: as the contrast.
  const boost::gregorian::date boost_result =
      boost::gregorian::date(2019, 2, 28) + boost::gregorian::months(1);
  CHECK(boost_result == boost::gregorian::date(2019, 3, 31));
  const Deadline ours = deadline("2019-02-28", "1 month");
  CHECK(ours.date == date_of("2019-03-28"));
  CHECK_FALSE(ours.month_end_clamped);
}

TEST_CASE("a deadline outside the calendar's range is an error", "[period][C1]") {
  const Calendar& cal = england_and_wales();
  // 2060-12-01 + 1 month = 2061-01-01, beyond 2060-12-31.
  const auto months = add(date_of("2060-12-01"), period("1 month"), cal);
  REQUIRE_FALSE(months.has_value());
  CHECK(months.error().code == Errc::date_out_of_range);
  CHECK_THAT(months.error().message, Catch::Contains("england-and-wales"));
  const auto days = add(date_of("2060-12-31"), period("1 day"), cal);
  REQUIRE_FALSE(days.has_value());
  CHECK(days.error().code == Errc::date_out_of_range);
  const auto start = add(date_of("1989-12-31"), period("1 day"), cal);
  REQUIRE_FALSE(start.has_value());
  CHECK(start.error().code == Errc::date_out_of_range);
  // Christmas 2060 falls on Saturday (substitutes 27, 28): from Fri 24, 29, 30, 31 are the last
  // working days of the range.
  const auto working = add(date_of("2060-12-24"), period("4 working days"), cal);
  REQUIRE_FALSE(working.has_value());
  CHECK(working.error().code == Errc::date_out_of_range);
  CHECK(add(date_of("2060-11-30"), period("1 month"), cal)->date == date_of("2060-12-30"));
}

TEST_CASE("reckon and describe the C2 example", "[reckoning][C2]") {
  const auto r = reckon(date_of("2019-12-20"), period("15 working days"), england_and_wales());
  REQUIRE(r.has_value());
  CHECK(r->deadline.date == date_of("2020-01-15"));
  CHECK(r->calendar == "england-and-wales");
  // The 15 working days of docs/conventions.md C2, in order.
  CHECK(r->counted == dates_of({"2019-12-23", "2019-12-24", "2019-12-27", "2019-12-30",
                                "2019-12-31", "2020-01-02", "2020-01-03", "2020-01-06",
                                "2020-01-07", "2020-01-08", "2020-01-09", "2020-01-10",
                                "2020-01-13", "2020-01-14", "2020-01-15"}));
  // The skipped bank holidays: exactly Christmas Day, Boxing Day and New Year's Day.
  REQUIRE(r->skipped.size() == 3);
  CHECK(r->skipped[0].date == date_of("2019-12-25"));
  CHECK(r->skipped[0].name == "Christmas Day");
  CHECK(r->skipped[1].date == date_of("2019-12-26"));
  CHECK(r->skipped[1].name == "Boxing Day");
  CHECK(r->skipped[2].date == date_of("2020-01-01"));
  CHECK(r->skipped[2].name == "New Year's Day");
  CHECK(r->deadline_holiday == nullptr);

  const std::string text = explain(*r, Language::en);
  CHECK_THAT(text, Catch::StartsWith("2019-12-20 + 15 working days = Wednesday 2020-01-15."));
  CHECK_THAT(text, Catch::Contains("Day 0 is Friday 2019-12-20"));
  CHECK_THAT(text, Catch::Contains("15th working day"));
  CHECK_THAT(text, Catch::Contains(
                       "Bank holidays skipped: 25 Dec Christmas Day, 26 Dec Boxing Day, 1 Jan New Year's Day."));
  CHECK_THAT(text, !Catch::Contains("projected"));
}

TEST_CASE("reckon and explain other periods", "[reckoning][C3][C4]") {
  const Calendar& cal = england_and_wales();
  SECTION("a week period ending on Easter Monday stands (C3)") {
    const auto r = reckon(date_of("2024-02-19"), period("6 weeks"), cal);
    REQUIRE(r.has_value());
    CHECK(r->counted.empty());
    CHECK(r->skipped.empty());
    REQUIRE(r->deadline_holiday != nullptr);
    CHECK(r->deadline_holiday->name == "Easter Monday");
    const std::string text = explain(*r, Language::en);
    CHECK_THAT(text, Catch::StartsWith("2024-02-19 + 6 weeks = Monday 2024-04-01."));
    CHECK_THAT(text, Catch::Contains("42 days after the trigger"));
    CHECK_THAT(text, Catch::Contains("falls on Easter Monday and stands"));
  }
  SECTION("a weekend deadline stands (C3)") {
    const auto r = reckon(date_of("2019-12-21"), period("1 week"), cal);
    REQUIRE(r.has_value());
    CHECK_THAT(explain(*r, Language::en), Catch::Contains("falls on a Saturday and stands"));
  }
  SECTION("a clamped month end says so (C4)") {
    const auto r = reckon(date_of("2019-11-30"), period("3 months"), cal);
    REQUIRE(r.has_value());
    CHECK(r->deadline.month_end_clamped);
    const std::string text = explain(*r, Language::en);
    CHECK_THAT(text, Catch::StartsWith("2019-11-30 + 3 months = Saturday 2020-02-29."));
    CHECK_THAT(text, Catch::Contains("no day 30"));
  }
  SECTION("projected holidays are marked") {
    // Thu 2031-04-10 + 2: [11 Good Friday, 14 Easter Monday, both projected] 15 (1), 16 (2).
    const auto r = reckon(date_of("2031-04-10"), period("2 working days"), cal);
    REQUIRE(r.has_value());
    CHECK(r->deadline.date == date_of("2031-04-16"));
    CHECK(r->counted == dates_of({"2031-04-15", "2031-04-16"}));
    CHECK_THAT(explain(*r, Language::en), Catch::Contains(
                                 "11 Apr Good Friday (projected), 14 Apr Easter Monday (projected)"));
  }
  SECTION("no holidays in between") {
    const auto r = reckon(date_of("2024-06-14"), period("5 working days"), cal);
    REQUIRE(r.has_value());
    CHECK(r->deadline.date == date_of("2024-06-21"));  // Fri 14 -> 17, 18, 19, 20, Fri 21
    CHECK_THAT(explain(*r, Language::en), Catch::Contains("No bank holidays fall in between."));
  }
}
