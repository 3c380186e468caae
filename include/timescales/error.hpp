// How the library says that something failed: a named code and a message for people.
#pragma once

#include <string>

#include "timescales/utf8.hpp"

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

}  // namespace timescales
