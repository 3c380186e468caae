// How the library says that something failed: a named code and a message for people.
#pragma once

#include <string>
#include <string_view>
#include <vector>

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

// Why a row of events cannot be used, in English (text), and as a message of the text layer's
// catalogue so that it can be said in another language (reason_in, event.hpp): its English
// pattern, with {0}, {1}... for the fields (a string literal, marked for xgettext by because()
// where it is written), and the fields' values. A reason without a pattern (one worded outside
// the catalogue: a period's parse error) is said as its text.
struct Reason {
  std::string text;
  std::string_view pattern;
  std::vector<std::string> fields;
};
// A reason from its pattern and fields, its text filled in English.
Reason because(std::string_view pattern, std::vector<std::string> fields = {});

}  // namespace timescales
