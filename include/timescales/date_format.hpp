// How an input writes its dates (docs/formats.md, "Date formats"): ISO 8601 by default, or a
// council export's own order of day, month and year. A small strftime subset, chosen so that
// every format reads each date one way only: %d, %m and %Y, each once, in any order, between them
// one separator, the same twice: '-', '/' or '.'. Two-digit years (%y) and times of day are not
// read (which century, which day at midnight would be guesses).
#pragma once

#include <array>
#include <cstdint>
#include <expected>
#include <string>
#include <string_view>

#include "timescales/date.hpp"
#include "timescales/error.hpp"

namespace timescales {

class DateFormat {
 public:
  constexpr DateFormat() = default;  // %Y-%m-%d

  // The format a strftime-style text names, or why it cannot be read (naming the text, and the
  // format meant where it looks like "dd/mm/yyyy").
  static std::expected<DateFormat, std::string> named(std::string_view format);

  // "%d/%m/%Y": what named() reads back to this format.
  [[nodiscard]] std::string text() const;
  // "DD/MM/YYYY": the shape of a date in this format, for messages.
  [[nodiscard]] std::string shape() const;
  [[nodiscard]] constexpr bool iso() const { return iso_; }

  // The date a text names. ISO 8601 is parse_date exactly (YYYY-MM-DD); in the other formats the
  // day and month have one or two digits (1/2/2024, as spreadsheets write them) and the year four.
  // Says whether the text does not match the format or names a day the calendar does not have.
  [[nodiscard]] std::expected<Date, Error> parse(std::string_view text) const {
    if (iso_) return parse_date(text);
    std::array<int, 3> value{};  // by Field
    std::size_t at = 0;
    for (std::size_t k = 0; k < 3; ++k) {
      if (k > 0) {
        if (at >= text.size() || text[at] != separator_) return std::unexpected(malformed(text));
        ++at;
      }
      const std::size_t start = at;
      int v = 0;
      while (at < text.size() && text[at] >= '0' && text[at] <= '9' && at - start < 4) v = v * 10 + (text[at++] - '0');
      const std::size_t digits = at - start;
      const Field field = order_[k];
      if (field == Field::year ? digits != 4 : (digits < 1 || digits > 2)) return std::unexpected(malformed(text));
      value[static_cast<std::size_t>(field)] = v;
    }
    if (at != text.size()) return std::unexpected(malformed(text));
    const int y = value[static_cast<std::size_t>(Field::year)], m = value[static_cast<std::size_t>(Field::month)],
              d = value[static_cast<std::size_t>(Field::day)];
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return std::unexpected(impossible(text));
    return days_from_civil({y, m, d});
  }
  // Why `text` is not a date in this format (`error`, what parse said), as the reason of a
  // rejected row, sayable in another language.
  [[gnu::cold]] Reason problem(std::string_view text, const Error& error) const;

 private:
  enum class Field : std::uint8_t { day, month, year };
  [[gnu::cold]] Error malformed(std::string_view text) const;
  [[gnu::cold]] static Error impossible(std::string_view text);

  std::array<Field, 3> order_{Field::year, Field::month, Field::day};
  char separator_ = '-';
  bool iso_ = true;
};

}  // namespace timescales
