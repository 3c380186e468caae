// Fuzz target: the period parser (parse_period). Any text gives a period or an error naming what
// was expected; a period prints back to text that parses to the same period, and adding it to a
// date in the calendar's range gives a deadline or a range error, never a crash or an overflow.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "timescales/load.hpp"
#include "timescales/period.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace timescales;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto period = parse_period(text);
  if (!period) {
    if (period.error().code != Errc::malformed_period || period.error().message.empty()) std::abort();
    return 0;
  }
  if (period->count < 1 || period->count > max_period_count) std::abort();
  const auto again = parse_period(to_string(*period));
  if (!again || *again != *period) std::abort();
  const Calendar& calendar = builtin_rulebook().calendars().get("england-and-wales")->get();
  const DateRange range = calendar.supported();
  const std::int32_t span = range.last - range.first;
  const std::int32_t offset = size == 0 ? 0 : static_cast<std::int32_t>(data[0] * 131 + data[size - 1]) % (span + 1);
  const auto due = add(range.first + offset, *period, calendar);
  if (due && !(due->date > range.first + offset && range.contains(due->date))) std::abort();
  return 0;
}
