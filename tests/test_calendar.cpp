// The working-day calendar (C1, C2). Every expected date below is counted by hand from
// docs/conventions.md and the bank-holiday list; the comments show the count.
#include <random>
#include <string>
#include <unordered_set>
#include <vector>

#include "cli_support.hpp"
#include "support.hpp"
#include "timescales/calendar.hpp"
#include "timescales/period.hpp"

using namespace timescales;
using testing::date_of;
using testing::have_cli;
using testing::stdout_of;
using testing::england_and_wales;
using testing::with_christmas_eve;

namespace {

bool working(const Calendar& cal, std::string_view d) {
  const auto w = cal.is_working_day(date_of(d));
  REQUIRE(w.has_value());
  return *w;
}

Date plus(const Calendar& cal, std::string_view d, std::int32_t n) {
  const auto r = cal.add_working_days(date_of(d), n);
  INFO(std::string(d) << " + " << n << " working days");
  REQUIRE(r.has_value());
  return *r;
}

std::int32_t between(const Calendar& cal, std::string_view a, std::string_view b) {
  const auto r = cal.working_days_between(date_of(a), date_of(b));
  REQUIRE(r.has_value());
  return *r;
}

}  // namespace

TEST_CASE("C2 example: Friday 2019-12-20 + 15 working days is 2020-01-15", "[calendar][C2]") {
  // Day 0 Fri 20 Dec. Counted: 23 Mon (1), 24 Tue (2), [25 Christmas, 26 Boxing Day], 27 Fri (3),
  // 30 Mon (4), 31 Tue (5), [1 Jan New Year's Day], 2 Thu (6), 3 Fri (7), 6 (8), 7 (9), 8 (10),
  // 9 (11), 10 (12), 13 (13), 14 (14), 15 Wed (15).
  const Calendar& cal = england_and_wales();
  CHECK(plus(cal, "2019-12-20", 15) == date_of("2020-01-15"));
  CHECK(plus(cal, "2019-12-20", 1) == date_of("2019-12-23"));
  CHECK(plus(cal, "2019-12-20", 3) == date_of("2019-12-27"));
  CHECK(plus(cal, "2019-12-20", 5) == date_of("2019-12-31"));
  CHECK(plus(cal, "2019-12-20", 6) == date_of("2020-01-02"));
  CHECK_FALSE(working(cal, "2019-12-25"));
  CHECK_FALSE(working(cal, "2019-12-26"));
  CHECK_FALSE(working(cal, "2020-01-01"));
  CHECK(working(cal, "2019-12-24"));
  CHECK(working(cal, "2019-12-27"));
}

TEST_CASE("a Saturday trigger is day 0", "[calendar][C2]") {
  const Calendar& cal = england_and_wales();
  // Sat 2019-12-21: Sat 21 and Sun 22 are not working days, so the count is the same as from
  // Friday 20 (see the C2 example): 15th working day is 2020-01-15.
  CHECK(plus(cal, "2019-12-21", 15) == date_of("2020-01-15"));
  // Sat 2024-06-15 (no bank holidays in June 2024): 1 -> Mon 17, 5 -> Fri 21, 10 -> Fri 28.
  CHECK(plus(cal, "2024-06-15", 1) == date_of("2024-06-17"));
  CHECK(plus(cal, "2024-06-15", 5) == date_of("2024-06-21"));
  CHECK(plus(cal, "2024-06-15", 10) == date_of("2024-06-28"));
  CHECK(plus(cal, "2024-06-16", 1) == date_of("2024-06-17"));  // Sunday too
}

TEST_CASE("a trigger on a bank holiday is day 0", "[calendar][C2]") {
  const Calendar& cal = england_and_wales();
  // Wed 2019-12-25 (Christmas Day): 26 Boxing Day, so 1 -> Fri 27; 27 (1), 30 (2), 31 (3).
  CHECK(plus(cal, "2019-12-25", 1) == date_of("2019-12-27"));
  CHECK(plus(cal, "2019-12-25", 3) == date_of("2019-12-31"));
  // Mon 2020-04-13 (Easter Monday): 1 -> Tue 14.
  CHECK(plus(cal, "2020-04-13", 1) == date_of("2020-04-14"));
  // Day 0 is the trigger whatever it is: n = 0 gives the holiday itself.
  CHECK(plus(cal, "2019-12-25", 0) == date_of("2019-12-25"));
}

TEST_CASE("Christmas on Friday (2020), Saturday (2021) and Sunday (2022)", "[calendar][C1][C2]") {
  const Calendar& cal = england_and_wales();
  SECTION("2020: Christmas Friday, Boxing Day substitute Monday 28th") {
    CHECK(working(cal, "2020-12-24"));         // Thu
    CHECK_FALSE(working(cal, "2020-12-25"));   // Fri, Christmas Day
    CHECK_FALSE(working(cal, "2020-12-26"));   // Sat
    CHECK_FALSE(working(cal, "2020-12-27"));   // Sun
    CHECK_FALSE(working(cal, "2020-12-28"));   // Mon, Boxing Day (substitute day)
    CHECK(working(cal, "2020-12-29"));         // Tue
    CHECK_FALSE(working(cal, "2021-01-01"));   // Fri, New Year's Day
    // Thu 24: 29 Tue (1), 30 (2), 31 (3), [1 Jan Fri, 2-3 weekend], 4 Jan Mon (4).
    CHECK(plus(cal, "2020-12-24", 1) == date_of("2020-12-29"));
    CHECK(plus(cal, "2020-12-24", 3) == date_of("2020-12-31"));
    CHECK(plus(cal, "2020-12-24", 4) == date_of("2021-01-04"));
    const Holiday* h = cal.holiday_on(date_of("2020-12-28"));
    REQUIRE(h != nullptr);
    CHECK(h->name == "Boxing Day (substitute day)");
    CHECK(h->kind == HolidayKind::substitute);
  }
  SECTION("2021: Christmas Saturday, substitutes Monday 27th and Tuesday 28th") {
    CHECK(working(cal, "2021-12-24"));         // Fri
    CHECK_FALSE(working(cal, "2021-12-27"));   // Mon, Christmas Day (substitute day)
    CHECK_FALSE(working(cal, "2021-12-28"));   // Tue, Boxing Day (substitute day)
    CHECK(working(cal, "2021-12-29"));         // Wed
    CHECK_FALSE(working(cal, "2022-01-03"));   // Mon, New Year's Day (substitute day)
    // Fri 24: 29 Wed (1), 30 (2), 31 Fri (3), [1-2 Jan weekend, 3 Jan substitute], 4 Tue (4).
    CHECK(plus(cal, "2021-12-24", 1) == date_of("2021-12-29"));
    CHECK(plus(cal, "2021-12-24", 3) == date_of("2021-12-31"));
    CHECK(plus(cal, "2021-12-24", 4) == date_of("2022-01-04"));
  }
  SECTION("2022: Christmas Sunday, Boxing Day Monday 26th, Christmas substitute Tuesday 27th") {
    CHECK(working(cal, "2022-12-23"));         // Fri
    CHECK_FALSE(working(cal, "2022-12-26"));   // Mon, Boxing Day
    CHECK_FALSE(working(cal, "2022-12-27"));   // Tue, Christmas Day (substitute day)
    CHECK(working(cal, "2022-12-28"));         // Wed
    CHECK_FALSE(working(cal, "2023-01-02"));   // Mon, New Year's Day (substitute day)
    // Fri 23: 28 Wed (1), 29 (2), 30 Fri (3), [31 Sat, 1 Sun, 2 Jan substitute], 3 Tue (4).
    CHECK(plus(cal, "2022-12-23", 1) == date_of("2022-12-28"));
    CHECK(plus(cal, "2022-12-23", 4) == date_of("2023-01-03"));
    const Holiday* h = cal.holiday_on(date_of("2022-12-27"));
    REQUIRE(h != nullptr);
    CHECK(h->name == "Christmas Day (substitute day)");
  }
}

TEST_CASE("VE Day moves: 1995 and 2020", "[calendar][C1]") {
  const Calendar& cal = england_and_wales();
  // 1995: the early May bank holiday moved from Mon 1 May to Mon 8 May.
  CHECK(working(cal, "1995-05-01"));
  CHECK_FALSE(working(cal, "1995-05-08"));
  CHECK(plus(cal, "1995-04-28", 1) == date_of("1995-05-01"));  // Fri -> Mon 1 May
  CHECK(plus(cal, "1995-05-05", 1) == date_of("1995-05-09"));  // Fri -> (Mon 8 holiday) Tue 9
  // 2020: moved from Mon 4 May to Fri 8 May.
  CHECK(working(cal, "2020-05-04"));
  CHECK_FALSE(working(cal, "2020-05-08"));
  CHECK(plus(cal, "2020-05-01", 1) == date_of("2020-05-04"));  // Fri -> Mon 4 May
  CHECK(plus(cal, "2020-05-07", 1) == date_of("2020-05-11"));  // Thu -> (Fri 8 holiday) Mon 11
}

TEST_CASE("jubilees, the state funeral and the coronation", "[calendar][C1]") {
  const Calendar& cal = england_and_wales();
  // Golden Jubilee 2002: Mon 3 and Tue 4 June off; 27 May (usual spring holiday) worked.
  CHECK_FALSE(working(cal, "2002-06-03"));
  CHECK_FALSE(working(cal, "2002-06-04"));
  CHECK(working(cal, "2002-05-27"));
  CHECK(plus(cal, "2002-05-31", 1) == date_of("2002-06-05"));  // Fri -> Wed 5 June
  // Diamond Jubilee 2012: Mon 4 and Tue 5 June off; 28 May worked.
  CHECK_FALSE(working(cal, "2012-06-04"));
  CHECK_FALSE(working(cal, "2012-06-05"));
  CHECK(working(cal, "2012-05-28"));
  CHECK(plus(cal, "2012-06-01", 1) == date_of("2012-06-06"));  // Fri -> Wed 6 June
  // Platinum Jubilee 2022: Thu 2 and Fri 3 June off; 30 May worked.
  CHECK_FALSE(working(cal, "2022-06-02"));
  CHECK_FALSE(working(cal, "2022-06-03"));
  CHECK(working(cal, "2022-05-30"));
  CHECK(plus(cal, "2022-06-01", 1) == date_of("2022-06-06"));  // Wed -> Mon 6 June
  // State funeral of Queen Elizabeth II: Mon 19 September 2022.
  CHECK_FALSE(working(cal, "2022-09-19"));
  CHECK(plus(cal, "2022-09-16", 1) == date_of("2022-09-20"));  // Fri -> Tue 20
  // Coronation of King Charles III: Mon 8 May 2023 (and the usual early May Monday, 1 May).
  CHECK_FALSE(working(cal, "2023-05-08"));
  CHECK_FALSE(working(cal, "2023-05-01"));
  CHECK(plus(cal, "2023-05-05", 1) == date_of("2023-05-09"));  // Fri -> Tue 9
  // The millennium holiday and the 2011 royal wedding.
  CHECK_FALSE(working(cal, "1999-12-31"));
  CHECK_FALSE(working(cal, "2011-04-29"));
}

// A calendar made from a definition by hand would lack the one-off holidays (calendar.hpp), so none
// can be: no public build(), no constructor from a definition, none by default. The concept is
// shown able to tell on a class that does have a public build().
template <class C>
concept built_by_hand = requires(CalendarDefinition def) { C::build(std::move(def)); };
struct PublicBuild {
  static int build(CalendarDefinition def);
};
static_assert(built_by_hand<PublicBuild>);
static_assert(!built_by_hand<Calendar>);
static_assert(!std::is_constructible_v<Calendar, CalendarDefinition>);
static_assert(!std::is_default_constructible_v<Calendar>);

TEST_CASE("every way to a calendar has the one-off holidays: 2022-09-16 + 1 working day = 2022-09-20",
          "[calendar][C1]") {
  // Fri 16 Sep 2022; Mon 19 Sep, the Queen's funeral, is a one-off holiday: day 1 is Tue 20 Sep.
  const Date friday = date_of("2022-09-16");
  const Date tuesday = date_of("2022-09-20");
  const auto rules_dir = read_sources(std::filesystem::path(TIMESCALES_SOURCE_DIR) / "rules");
  REQUIRE(rules_dir.has_value());
  const auto calendars_builtin = load_calendars(builtin_sources());
  const auto calendars_dir = load_calendars(*rules_dir);
  const auto rulebook_builtin = load_rulebook(builtin_sources());
  const auto rulebook_dir = load_rulebook(*rules_dir);
  REQUIRE(calendars_builtin.has_value());
  REQUIRE(calendars_dir.has_value());
  REQUIRE(rulebook_builtin.has_value());
  REQUIRE(rulebook_dir.has_value());
  const RuleFamily* decision = builtin_rulebook().family("wales.assessment.referral_decision");
  REQUIRE(decision != nullptr);
  const std::vector<std::pair<std::string, const Calendar*>> ways = {
      {"builtin_rulebook().calendars()", builtin_rulebook().calendars().find("england-and-wales")},
      {"a rule's calendar", decision->in_effect(friday)->calendar},
      {"load_calendars(builtin_sources())", calendars_builtin->find("england-and-wales")},
      {"load_calendars(read_sources(rules/))", calendars_dir->find("england-and-wales")},
      {"load_rulebook(builtin_sources())", rulebook_builtin->calendars().find("england-and-wales")},
      {"load_rulebook(read_sources(rules/))", rulebook_dir->calendars().find("england-and-wales")},
  };
  for (const auto& [way, cal] : ways) {
    INFO(way);
    REQUIRE(cal != nullptr);
    CHECK(cal->id() == "england-and-wales");
    CHECK(cal->add_working_days(friday, 1) == tuesday);
    CHECK(add(friday, Period{1, PeriodUnit::working_days}, *cal)->date == tuesday);
  }
  if (!have_cli()) return;
  CHECK(stdout_of("due 2022-09-16 '1 working day'").out == "2022-09-20\n");
  CHECK(stdout_of("due 2022-09-16 '1 working day' --rules '" TIMESCALES_SOURCE_DIR "/rules'").out == "2022-09-20\n");
}

TEST_CASE("years beyond the list come from the statutory pattern and are projected", "[calendar][C1]") {
  const Calendar& cal = england_and_wales();
  // Easter 2031 is Sunday 13 April: Good Friday 11 April, Easter Monday 14 April.
  CHECK_FALSE(working(cal, "2031-04-14"));
  CHECK_FALSE(working(cal, "2031-04-11"));
  const Holiday* monday = cal.holiday_on(date_of("2031-04-14"));
  REQUIRE(monday != nullptr);
  CHECK(monday->name == "Easter Monday");
  CHECK(monday->projected());
  // Thu 10 April 2031: [11 Good Friday, 12-13 weekend, 14 Easter Monday] -> Tue 15.
  CHECK(plus(cal, "2031-04-10", 1) == date_of("2031-04-15"));
  // Years before the list are projected too: 1990-12-25 (Tuesday).
  const Holiday* christmas_1990 = cal.holiday_on(date_of("1990-12-25"));
  REQUIRE(christmas_1990 != nullptr);
  CHECK(christmas_1990->projected());
  // A listed, published day is not.
  const Holiday* christmas_2019 = cal.holiday_on(date_of("2019-12-25"));
  REQUIRE(christmas_2019 != nullptr);
  CHECK_FALSE(christmas_2019->projected());
  CHECK(christmas_2019->source == HolidaySource::published);
}

TEST_CASE("the Christmas Eve variant closes 24 December on weekdays only", "[calendar][C1]") {
  const Calendar& eve = with_christmas_eve();
  const Calendar& base = england_and_wales();
  CHECK(eve.supported() == base.supported());
  // 2024-12-24 is a Tuesday.
  CHECK_FALSE(working(eve, "2024-12-24"));
  CHECK(working(base, "2024-12-24"));
  const Holiday* h = eve.holiday_on(date_of("2024-12-24"));
  REQUIRE(h != nullptr);
  CHECK(h->kind == HolidayKind::closure);
  CHECK(h->name == "Christmas Eve");
  // Mon 23 Dec 2024: variant [24 Eve, 25, 26] -> Fri 27; base -> Tue 24.
  CHECK(plus(eve, "2024-12-23", 1) == date_of("2024-12-27"));
  CHECK(plus(base, "2024-12-23", 1) == date_of("2024-12-24"));
  // (Fri 20, Tue 31 Dec 2024]: base counts 23, 24, 27, 30, 31 = 5; the variant drops 24 = 4.
  CHECK(between(base, "2024-12-20", "2024-12-31") == 5);
  CHECK(between(eve, "2024-12-20", "2024-12-31") == 4);

  // 2022-12-24 is a Saturday: no substitute, so the variant counts like the base calendar.
  CHECK(eve.holiday_on(date_of("2022-12-24")) == nullptr);
  CHECK(working(eve, "2022-12-28"));
  CHECK(plus(eve, "2022-12-23", 1) == date_of("2022-12-28"));
  CHECK(between(eve, "2022-12-01", "2022-12-31") == between(base, "2022-12-01", "2022-12-31"));

  // 2021-12-24 is a Friday: Thu 23 -> [24 Eve, 25-26 weekend, 27-28 substitutes] -> Wed 29.
  CHECK(plus(eve, "2021-12-23", 1) == date_of("2021-12-29"));
  CHECK(plus(base, "2021-12-23", 1) == date_of("2021-12-24"));
  // A projected year: 2040-12-24 is a Monday (1 Jan 2040 is a Sunday; 24 Dec is 358 days on in
  // a leap year, 358 = 51 weeks + 1 day).
  CHECK_FALSE(working(eve, "2040-12-24"));
  CHECK(working(base, "2040-12-24"));
}

TEST_CASE("dates outside the supported range are errors naming the calendar", "[calendar][C1]") {
  const Calendar& cal = england_and_wales();
  CHECK(cal.supported() == DateRange{date_of("1990-01-01"), date_of("2060-12-31")});
  const auto out_of_range = [](const Error& e, std::string_view calendar_id) {
    CHECK(e.code == Errc::date_out_of_range);
    CHECK_THAT(e.message, Catch::Contains(std::string(calendar_id)));
  };
  for (const std::string_view d : {"1989-12-31", "2061-01-01"}) {
    INFO(std::string(d));
    const auto w = cal.is_working_day(date_of(d));
    REQUIRE_FALSE(w.has_value());
    out_of_range(w.error(), "england-and-wales");
    CHECK_THAT(w.error().message, Catch::Contains(std::string(d)));
    const auto a = cal.add_working_days(date_of(d), 1);
    REQUIRE_FALSE(a.has_value());
    out_of_range(a.error(), "england-and-wales");
    const auto b = cal.working_days_between(date_of("2000-01-01"), date_of(d));
    REQUIRE_FALSE(b.has_value());
    out_of_range(b.error(), "england-and-wales");
  }
  // The edges themselves are inside.
  CHECK(cal.is_working_day(date_of("1990-01-01")).has_value());
  CHECK(cal.is_working_day(date_of("2060-12-31")).has_value());

  // Christmas 2060 is a Saturday: substitutes Mon 27 and Tue 28. From Fri 24: 29 (1), 30 (2),
  // Fri 31 (3), and the 4th working day would be in 2061.
  CHECK(plus(cal, "2060-12-24", 3) == date_of("2060-12-31"));
  const auto beyond = cal.add_working_days(date_of("2060-12-24"), 4);
  REQUIRE_FALSE(beyond.has_value());
  out_of_range(beyond.error(), "england-and-wales");
  const auto last_plus_one = cal.add_working_days(date_of("2060-12-31"), 1);
  REQUIRE_FALSE(last_plus_one.has_value());
  out_of_range(last_plus_one.error(), "england-and-wales");

  // Backwards: 1990-01-01 is a Monday and New Year's Day, so Tue 2 Jan is the first working day.
  CHECK(plus(cal, "1990-01-03", -1) == date_of("1990-01-02"));
  const auto before = cal.add_working_days(date_of("1990-01-02"), -1);
  REQUIRE_FALSE(before.has_value());
  out_of_range(before.error(), "england-and-wales");

  // The variant names itself.
  const auto eve = with_christmas_eve().is_working_day(date_of("2061-01-01"));
  REQUIRE_FALSE(eve.has_value());
  out_of_range(eve.error(), "england-and-wales+christmas-eve");
}

TEST_CASE("working_days_between counts working days after a up to and including b, negative when b < a", "[calendar][C2]") {
  const Calendar& cal = england_and_wales();
  CHECK(between(cal, "2019-12-20", "2020-01-15") == 15);   // the C2 example
  CHECK(between(cal, "2020-01-15", "2019-12-20") == -15);
  CHECK(between(cal, "2019-12-20", "2019-12-20") == 0);
  CHECK(between(cal, "2019-12-19", "2019-12-20") == 1);    // b (Fri) counted
  CHECK(between(cal, "2019-12-20", "2019-12-23") == 1);    // a (Fri) not counted, Mon counted
  CHECK(between(cal, "2019-12-20", "2019-12-22") == 0);    // only the weekend
  CHECK(between(cal, "2019-12-21", "2019-12-23") == 1);    // from a Saturday
  CHECK(between(cal, "2019-12-24", "2019-12-27") == 1);    // over 25, 26: only Fri 27
  CHECK(between(cal, "2019-12-27", "2019-12-24") == -1);
  CHECK(between(cal, "2019-12-24", "2019-12-26") == 0);    // holidays only
}

TEST_CASE("add_working_days with n = 0 and negative n", "[calendar][C2]") {
  const Calendar& cal = england_and_wales();
  // n = 0 is day 0 itself, working day or not.
  CHECK(plus(cal, "2019-12-20", 0) == date_of("2019-12-20"));
  CHECK(plus(cal, "2019-12-21", 0) == date_of("2019-12-21"));
  CHECK(plus(cal, "2020-01-01", 0) == date_of("2020-01-01"));
  // Back from Wed 15 Jan 2020: 14 (1), 13 (2), 10 (3), 9 (4), 8 (5), 7 (6), 6 (7), 3 (8), 2 (9),
  // [1 Jan], 31 Dec (10), 30 (11), 27 (12), [26, 25], 24 (13), 23 (14), Fri 20 (15).
  CHECK(plus(cal, "2020-01-15", -15) == date_of("2019-12-20"));
  CHECK(plus(cal, "2020-01-15", -1) == date_of("2020-01-14"));
  // From a non-working day, the first working day before it is -1.
  CHECK(plus(cal, "2019-12-26", -1) == date_of("2019-12-24"));   // Boxing Day -> Tue 24
  CHECK(plus(cal, "2019-12-28", -1) == date_of("2019-12-27"));   // Sat -> Fri 27
  CHECK(plus(cal, "2020-01-01", -3) == date_of("2019-12-27"));   // 31 (1), 30 (2), 27 (3)
  CHECK(plus(cal, "2019-12-23", -1) == date_of("2019-12-20"));   // Mon -> Fri
}

TEST_CASE("add_working_days over arrays gives what one call at a time gives", "[calendar][C2]") {
  const Calendar& cal = england_and_wales();
  // The cases above, at once: Fri 2019-12-20 + 15 (the C2 example), Sat 2019-12-21 + 15 (day 0 a
  // Saturday), Christmas Day 2019 + 1 (over Boxing Day to Fri 27), n = 0 on New Year's Day,
  // back 15 from 2020-01-15, back 1 from Boxing Day 2019 (Tue 24).
  const std::vector<Date> dates{date_of("2019-12-20"), date_of("2019-12-21"), date_of("2019-12-25"),
                                date_of("2020-01-01"), date_of("2020-01-15"), date_of("2019-12-26")};
  const std::vector<std::int32_t> ns{15, 15, 1, 0, -15, -1};
  std::vector<Date> out(dates.size());
  REQUIRE(cal.add_working_days(dates, ns, out).has_value());
  CHECK(out == std::vector<Date>{date_of("2020-01-15"), date_of("2020-01-15"), date_of("2019-12-27"),
                                 date_of("2020-01-01"), date_of("2019-12-20"), date_of("2019-12-24")});
  // Empty arrays are fine.
  CHECK(cal.add_working_days(std::span<const Date>{}, std::span<const std::int32_t>{}, std::span<Date>{}).has_value());
}

TEST_CASE("add_working_days over arrays names the first element that fails", "[calendar][C1][C2]") {
  const Calendar& cal = england_and_wales();
  std::vector<Date> out(4);
  // Element 1 is before the range; element 3 would be too, but the first is reported.
  const std::vector<Date> before{date_of("2000-01-04"), date_of("1989-12-31"), date_of("2000-01-04"),
                                 date_of("1989-01-01")};
  const std::vector<std::int32_t> ones{1, 1, 1, 1};
  const auto a = cal.add_working_days(before, ones, out);
  REQUIRE_FALSE(a.has_value());
  CHECK(a.error().code == Errc::date_out_of_range);
  CHECK_THAT(a.error().message, Catch::StartsWith("element 1: 1989-12-31 is outside"));
  // Element 2 lands beyond the range: Fri 2060-12-24 + 4 working days is in 2061 (see above).
  const std::vector<Date> near_end{date_of("2060-12-24"), date_of("2060-12-24"), date_of("2060-12-24"),
                                   date_of("2060-12-24")};
  const std::vector<std::int32_t> ns{3, 0, 4, -1};
  const auto b = cal.add_working_days(near_end, ns, out);
  REQUIRE_FALSE(b.has_value());
  CHECK_THAT(b.error().message, Catch::StartsWith("element 2: 2060-12-24 + 4 working days falls outside"));
  // In a long array (worked in blocks), the element's own position: 2,500 copies of the C2
  // example, with the 2,001st counting back instead and the 2,400th beyond the range.
  std::vector<Date> many(2500, date_of("2019-12-20"));
  std::vector<std::int32_t> fifteen(2500, 15);
  std::vector<Date> results(2500);
  fifteen[2000] = -15;  // back from Fri 2019-12-20: 15 working days before is Fri 2019-11-29
  REQUIRE(cal.add_working_days(many, fifteen, results).has_value());
  CHECK(results[1999] == date_of("2020-01-15"));
  CHECK(results[2000] == date_of("2019-11-29"));
  CHECK(results[2499] == date_of("2020-01-15"));
  many[2399] = date_of("2061-01-01");
  const auto d = cal.add_working_days(many, fifteen, results);
  REQUIRE_FALSE(d.has_value());
  CHECK_THAT(d.error().message, Catch::StartsWith("element 2399: 2061-01-01 is outside"));
  // Lengths must agree.
  const std::vector<Date> three(3, date_of("2000-01-04"));
  const auto c = cal.add_working_days(three, ones, out);
  REQUIRE_FALSE(c.has_value());
  CHECK(c.error().code == Errc::invalid_data);
}

// ---- Properties -------------------------------------------------------------------------------

namespace {

// The obviously-correct reference: a working day is a weekday whose date is not in the holiday
// list; count by stepping one day at a time. (weekday() itself is checked against Boost in
// test_date.cpp.)
struct Reference {
  std::unordered_set<std::int32_t> holidays;

  explicit Reference(const Calendar& cal) {
    for (const Holiday& h : cal.holidays()) holidays.insert(h.date.days());
  }
  [[nodiscard]] bool working(Date d) const { return !is_weekend(d) && !holidays.contains(d.days()); }
};

}  // namespace

TEST_CASE("properties of add_working_days over random dates", "[calendar][C2][property]") {
  const Calendar& cal = england_and_wales();
  std::mt19937 rng(20191220);
  // Dates 1991-2059 and |n| <= 240 (under a year of working days) stay inside 1990-2060.
  std::uniform_int_distribution<std::int32_t> day(date_of("1991-01-01").days(),
                                                  date_of("2059-12-31").days());
  std::uniform_int_distribution<std::int32_t> count(-240, 240);
  int failures = 0;
  std::vector<Date> dates;
  std::vector<std::int32_t> ns;
  std::vector<Date> singly;
  for (int i = 0; i < 20000 && failures < 5; ++i) {
    const Date d = Date::from_days(day(rng));
    const std::int32_t n = count(rng);
    const auto r = cal.add_working_days(d, n);
    dates.push_back(d);
    ns.push_back(n);
    singly.push_back(r.value_or(Date{}));
    const auto d_working = cal.is_working_day(d);
    REQUIRE(r.has_value());
    REQUIRE(d_working.has_value());
    bool ok = true;
    if (n == 0) {
      ok = *r == d;
    } else {
      ok = *cal.is_working_day(*r) && (n > 0 ? *r > d : *r < d);
      if (n > 0) {
        // n working days in (d, r].
        ok = ok && *cal.working_days_between(d, *r) == n;
      } else {
        // |n| working days in [r, d): (r, d] holds |n| - 1 of them plus d itself if it works.
        ok = ok && *cal.working_days_between(*r, d) == -n - 1 + (*d_working ? 1 : 0);
        // And the identity of the header holds when day 0 is itself a working day.
        if (*d_working) ok = ok && *cal.working_days_between(d, *r) == n;
      }
    }
    if (!ok) {
      ++failures;
      FAIL_CHECK(to_string(d) << " + " << n << " working days gave " << to_string(*r));
    }
  }
  CHECK(failures == 0);

  // The array form gives element for element what one call at a time gives.
  std::vector<Date> together(dates.size());
  REQUIRE(cal.add_working_days(dates, ns, together).has_value());
  CHECK(together == singly);

  // Results strictly increase with n, for n from -40 to 40.
  failures = 0;
  for (int i = 0; i < 2000 && failures < 5; ++i) {
    const Date d = Date::from_days(day(rng));
    Date previous = *cal.add_working_days(d, -40);
    for (std::int32_t n = -39; n <= 40; ++n) {
      const Date next = *cal.add_working_days(d, n);
      // n = 0 is d itself, which lies strictly between the results for -1 and 1 either way.
      if (!(next > previous)) {
        ++failures;
        FAIL_CHECK("not increasing at " << to_string(d) << ", n = " << n);
        break;
      }
      previous = next;
    }
  }
  CHECK(failures == 0);
}

TEST_CASE("add_working_days and working_days_between agree with a day-by-day count, 1995-2030",
          "[calendar][C2][property]") {
  for (const Calendar* cal : {&england_and_wales(), &with_christmas_eve()}) {
    INFO("calendar " << cal->id());
    const Reference ref(*cal);
    long mismatches = 0;
    long compared = 0;
    const auto report = [&](Date d, int n, Date got, Date want) {
      if (++mismatches <= 5) {
        FAIL_CHECK(to_string(d) << " + " << n << ": got " << to_string(got) << ", counted "
                                << to_string(want));
      }
    };
    for (Date d = date_of("1995-01-01"); d <= date_of("2030-12-31"); d = d + 1) {
      // Forward: step a day at a time; the nth working day met is the answer for n.
      Date step = d;
      for (int n = 1; n <= 60; ++n) {
        do step = step + 1;
        while (!ref.working(step));
        const Date got = *cal->add_working_days(d, n);
        if (got != step) report(d, n, got, step);
        // The inverse: n working days in (d, got].
        if (*cal->working_days_between(d, got) != n) report(d, n, got, step);
        ++compared;
      }
      // Backward likewise.
      step = d;
      for (int n = 1; n <= 60; ++n) {
        do step = step - 1;
        while (!ref.working(step));
        const Date got = *cal->add_working_days(d, -n);
        if (got != step) report(d, -n, got, step);
      }
      // working_days_between(d, d + k) is the number of working days in (d, d + k].
      std::int32_t counted = 0;
      for (int k = 0; k <= 90; ++k) {
        if (k > 0 && ref.working(d + k)) ++counted;
        const std::int32_t got = *cal->working_days_between(d, d + k);
        const std::int32_t back = *cal->working_days_between(d + k, d);
        if (got != counted || back != -counted) {
          if (++mismatches <= 5) {
            FAIL_CHECK("working_days_between(" << to_string(d) << ", +" << k << ") = " << got
                                               << " / " << back << ", counted " << counted);
          }
        }
      }
      if (ref.working(d) != *cal->is_working_day(d)) {
        if (++mismatches <= 5) FAIL_CHECK("is_working_day disagrees on " << to_string(d));
      }
    }
    CHECK(mismatches == 0);
    CHECK(compared == 13149L * 60);  // 36 years, 9 of them leap: 36 * 365 + 9 = 13149 days
  }
}
