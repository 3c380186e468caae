// How the library says that something failed: a named code and a message for people.
#pragma once

#include <string>
#include <string_view>

namespace timescales {

enum class Errc {
  malformed_date,     // not YYYY-MM-DD
  impossible_date,    // 2019-02-29, 2019-13-01
  date_out_of_range,  // outside the calendar's supported range (C1)
  malformed_period,   // "15 wrking days", "-3 weeks"
  unknown_calendar,
  invalid_data,       // a data file that does not say what it must
};

struct Error {
  Errc code;
  std::string message;

  friend bool operator==(const Error&, const Error&) = default;
};

// Quotes a piece of user input for an error message, truncated: messages may reach logs, and
// case data is sensitive, so we never echo more than a short field.
inline std::string excerpt(std::string_view field, std::size_t limit = 40) {
  std::string out = "'";
  if (field.size() <= limit) {
    out.append(field);
  } else {
    while (limit > 0 && (static_cast<unsigned char>(field[limit]) & 0xC0) == 0x80) --limit;  // keep UTF-8 whole
    out.append(field.substr(0, limit));
    out.append("...");
  }
  out.push_back('\'');
  return out;
}

}  // namespace timescales
