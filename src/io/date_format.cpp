#include "timescales/date_format.hpp"

#include <algorithm>

namespace timescales {

namespace {

// "dd/mm/yyyy" as a strftime format ("%d/%m/%Y"), for the hint when a format has no '%'.
std::string strftime_spelling(std::string_view format) {
  std::string out;
  for (std::size_t i = 0; i < format.size();) {
    const auto lower = [&](std::size_t n) {
      std::string s(format.substr(i, n));
      for (char& c : s) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
      return s;
    };
    if (lower(4) == "yyyy") out += "%Y", i += 4;
    else if (lower(2) == "dd") out += "%d", i += 2;
    else if (lower(2) == "mm") out += "%m", i += 2;
    else out += format[i++];
  }
  return out;
}

std::string why_not(std::string_view format, std::string_view reason) {
  std::string message = "date format " + excerpt(format) + " " + std::string(reason) +
                        "; a date format is %d, %m and %Y, each once, in any order, with one separator "
                        "('-', '/' or '.') between them, as %d/%m/%Y";
  if (format.find('%') == std::string_view::npos) {
    const std::string spelt = strftime_spelling(format);
    if (spelt != format && DateFormat::named(spelt)) message += " (for " + excerpt(format) + ", write " + spelt + ")";
  }
  return message;
}

}  // namespace

std::expected<DateFormat, std::string> DateFormat::named(std::string_view format) {
  // What a format must not have is said first, wherever it is in the format.
  for (std::size_t i = 0; i + 1 < format.size(); ++i) {
    if (format[i] != '%') continue;
    const char directive = format[++i];
    if (directive == 'y') return std::unexpected(why_not(format, "has a two-digit year (%y), which does not say its century"));
    if (std::string_view("HMSIpTR").find(directive) != std::string_view::npos) {
      return std::unexpected(why_not(format, "has a time of day; events have dates only"));
    }
  }
  DateFormat f;
  std::array<bool, 3> seen{};
  char separator = 0;
  std::size_t fields = 0;
  for (std::size_t i = 0; i < format.size(); ++i) {
    const char c = format[i];
    if (c != '%') {
      if (fields == 0 || fields == 3 || (c != '-' && c != '/' && c != '.')) {
        return std::unexpected(why_not(format, "is not one this tool reads"));
      }
      if ((separator != 0 && c != separator) || format.substr(i + 1).starts_with(c)) {
        return std::unexpected(why_not(format, "mixes or repeats separators"));
      }
      separator = c;
      continue;
    }
    if (i + 1 == format.size()) return std::unexpected(why_not(format, "ends with a lone '%'"));
    const char directive = format[++i];
    Field field{};
    switch (directive) {
      case 'd': field = Field::day; break;
      case 'm': field = Field::month; break;
      case 'Y': field = Field::year; break;
      default:
        return std::unexpected(why_not(format, "has %" + std::string(1, directive) + ", which this tool does not read"));
    }
    if (seen[static_cast<std::size_t>(field)]) return std::unexpected(why_not(format, "names a field twice"));
    if (fields > 0 && (i < 2 || format[i - 2] == '%' || format[i - 2] != separator)) {
      return std::unexpected(why_not(format, "has no separator between two fields"));
    }
    seen[static_cast<std::size_t>(field)] = true;
    f.order_[fields++] = field;
  }
  if (fields != 3) return std::unexpected(why_not(format, "does not name a day, a month and a year"));
  f.separator_ = separator;
  f.iso_ = separator == '-' && f.order_ == std::array{Field::year, Field::month, Field::day};
  return f;
}

std::string DateFormat::text() const {
  std::string out;
  for (std::size_t k = 0; k < 3; ++k) {
    if (k > 0) out += separator_;
    out += order_[k] == Field::day ? "%d" : order_[k] == Field::month ? "%m" : "%Y";
  }
  return out;
}

std::string DateFormat::shape() const {
  std::string out;
  for (std::size_t k = 0; k < 3; ++k) {
    if (k > 0) out += separator_;
    out += order_[k] == Field::day ? "DD" : order_[k] == Field::month ? "MM" : "YYYY";
  }
  return out;
}

namespace {

Reason malformed_reason(std::string_view text, const std::string& shape, const std::string& format) {
  return because("malformed date {0}: expected {1} (the date format {2})", {excerpt(text, case_data_excerpt), shape, format});
}

Reason impossible_reason(std::string_view text) {
  return because("impossible date {0}: no such day in the calendar", {excerpt(text, case_data_excerpt)});
}

}  // namespace

Error DateFormat::malformed(std::string_view text) const {
  return Error{Errc::malformed_date, malformed_reason(text, shape(), this->text()).text};
}

Error DateFormat::impossible(std::string_view text) { return Error{Errc::impossible_date, impossible_reason(text).text}; }

Reason DateFormat::problem(std::string_view text, const Error& error) const {
  Reason why = error.code == Errc::impossible_date ? impossible_reason(text)
               : iso_ ? because("malformed date {0}: expected YYYY-MM-DD", {excerpt(text, case_data_excerpt)})
                      : malformed_reason(text, shape(), this->text());
  // ISO dates are parsed by date.hpp's parse_date, which words its own errors: should the two
  // ever differ, the parser's English is what the row's reason says.
  if (why.text != error.message) return Reason{error.message, {}, {}};
  return why;
}

}  // namespace timescales
