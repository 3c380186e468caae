// CompactOptional: std::optional's behaviour, with "none" kept in the value.
#include <optional>

#include "support.hpp"
#include "timescales/compact_optional.hpp"

using namespace timescales;
using testing::date_of;

TEST_CASE("CompactOptional behaves as std::optional for dates, rows and event types", "[obligation]") {
  CompactOptional<Date> date;
  CHECK_FALSE(date.has_value());
  CHECK_FALSE(static_cast<bool>(date));
  CHECK(date == std::nullopt);
  CHECK(date.value_or(date_of("2020-01-01")) == date_of("2020-01-01"));
  CHECK(std::optional<Date>(date) == std::nullopt);

  date = date_of("2019-12-20");
  REQUIRE(date.has_value());
  CHECK(*date == date_of("2019-12-20"));
  CHECK(date->days() == date_of("2019-12-20").days());
  CHECK(date == date_of("2019-12-20"));
  CHECK_FALSE(date == date_of("2019-12-21"));
  CHECK(std::optional<Date>(date) == date_of("2019-12-20"));
  date.reset();
  CHECK(date == std::nullopt);

  // From and to std::optional, both ways, with and without a value.
  const std::optional<std::uint32_t> none;
  const std::optional<std::uint32_t> row0 = 0;  // row 0 is a row, not "none"
  CompactOptional<std::uint32_t> row = none;
  CHECK_FALSE(row.has_value());
  row = row0;
  REQUIRE(row.has_value());
  CHECK(*row == 0);
  CHECK(std::optional<std::uint32_t>(row) == row0);

  CompactOptional<EventType> type;
  CHECK(type == std::nullopt);
  type = EventType::referral;  // the vocabulary's first type (0) is a value too
  CHECK(type == EventType::referral);
  CHECK(type != CompactOptional<EventType>{});
}
