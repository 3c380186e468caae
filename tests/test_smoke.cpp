#include <catch2/catch.hpp>

#include "timescales/load.hpp"
#include "timescales/period.hpp"

TEST_CASE("C2 example: 2019-12-20 + 15 working days is 2020-01-15", "[calendar][C2]") {
  const auto cals = timescales::load_calendars(timescales::builtin_sources());
  REQUIRE(cals.has_value());
  const auto& cal = cals->get("england-and-wales")->get();
  const auto due = timescales::add(*timescales::parse_date("2019-12-20"), *timescales::parse_period("15 working days"), cal);
  REQUIRE(due.has_value());
  CHECK(timescales::to_string(due->date) == "2020-01-15");
}
