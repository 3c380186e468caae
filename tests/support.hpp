// Shared helpers for the test suite: the built-in calendars (loaded once), date literals, event
// tables from CSV text, searching text, and Catch printers so that failures show dates and error
// codes by name. Helpers for running the command-line tool are in cli_support.hpp.
#pragma once

#include <catch2/catch.hpp>

#include <initializer_list>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "timescales/calendar.hpp"
#include "timescales/date.hpp"
#include "timescales/error.hpp"
#include "timescales/event_csv.hpp"
#include "timescales/holiday.hpp"
#include "timescales/load.hpp"

namespace timescales::testing {

// Under a sanitizer the suite runs about ten times slower. The tests that compare two ways of
// evaluating a generated population (streamed against read whole, several threads against one)
// take a third of its children there: the same code paths, since the tests set the chunk sizes
// and thread cut-offs that decide them, with fewer rows through them (TIMESCALES_SANITIZED:
// tests/CMakeLists.txt).
inline constexpr int fewer_under_sanitizers(int children) {
#ifdef TIMESCALES_SANITIZED
  return children / 3;
#else
  return children;
#endif
}

// The calendars built into the library, loaded once for the whole test run.
inline const Calendars& builtin_calendars() {
  static const Calendars calendars = [] {
    auto loaded = load_calendars(builtin_sources());
    if (!loaded) {
      std::string why = "the built-in calendars do not load:";
      for (const Diagnostic& d : loaded.error()) why += "\n  " + d.to_string();
      throw std::runtime_error(why);
    }
    return std::move(*loaded);
  }();
  return calendars;
}

inline const Calendar& calendar(std::string_view id) {
  const Calendar* found = builtin_calendars().find(id);
  if (found == nullptr) throw std::runtime_error("no built-in calendar " + std::string(id));
  return *found;
}

inline const Calendar& england_and_wales() { return calendar("england-and-wales"); }
inline const Calendar& with_christmas_eve() { return calendar("england-and-wales+christmas-eve"); }

// A date literal for tests: "2019-12-20". Throws (failing the test) on a bad literal.
inline Date date_of(std::string_view text) {
  const auto d = parse_date(text);
  if (!d) throw std::invalid_argument("bad date literal in a test: " + d.error().message);
  return *d;
}

inline std::vector<Date> dates_of(std::initializer_list<std::string_view> texts) {
  std::vector<Date> out;
  for (const std::string_view t : texts) out.push_back(date_of(t));
  return out;
}

// The events of a test's CSV text, read over 1990 to 2060. Throws (failing the test) if the text
// cannot be read or any row is rejected.
inline EventTable table_of(std::string_view csv) {
  auto table = read_events_csv(csv, "events.csv", DateRange{date_of("1990-01-01"), date_of("2060-12-31")});
  if (!table) throw std::runtime_error(table.error().message);
  if (!table->rejected().empty()) throw std::runtime_error("a test's events were rejected: " + table->rejected().front().reason);
  return std::move(*table);
}

// Four children's duties open on Wed 30 Jun 2021, worked by hand in tests/test_worklist.cpp (the
// worklist) and used again by the grouped summary (tests/test_cli_evaluate.cpp).
inline constexpr std::string_view open_duties_2021_csv =
    "case_id,event,date,team\n"
    "C1,strategy_discussion,2021-06-21,North\n"
    "C1,icpc_requested,2021-06-22,North\n"
    "C2,referral,2021-04-01,South\n"
    "C2,referral_decision,2021-04-06,South\n"
    "C3,referral,2021-06-29,North\n"
    "C4,strategy_discussion,2021-06-30,South\n"
    "C4,icpc_requested,2021-06-30,South\n";

// Whether `part` occurs in `text`.
inline bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

// The lines of `text`, without their newlines.
inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// Whether `text` has a line that is exactly `line`.
inline bool has_line(const std::string& text, std::string_view line) {
  for (const std::string& l : lines_of(text)) {
    if (l == line) return true;
  }
  return false;
}

}  // namespace timescales::testing

namespace Catch {

template <>
struct StringMaker<timescales::Date> {
  static std::string convert(timescales::Date d) { return timescales::to_string(d); }
};

template <>
struct StringMaker<timescales::Errc> {
  static std::string convert(timescales::Errc e) {
    switch (e) {
      case timescales::Errc::malformed_date: return "malformed_date";
      case timescales::Errc::impossible_date: return "impossible_date";
      case timescales::Errc::date_out_of_range: return "date_out_of_range";
      case timescales::Errc::malformed_period: return "malformed_period";
      case timescales::Errc::unknown_calendar: return "unknown_calendar";
      case timescales::Errc::invalid_data: return "invalid_data";
    }
    return "Errc(" + std::to_string(static_cast<int>(e)) + ")";
  }
};

template <>
struct StringMaker<timescales::HolidayKind> {
  static std::string convert(timescales::HolidayKind k) {
    switch (k) {
      case timescales::HolidayKind::regular: return "regular";
      case timescales::HolidayKind::substitute: return "substitute";
      case timescales::HolidayKind::special: return "special";
      case timescales::HolidayKind::closure: return "closure";
    }
    return "HolidayKind(" + std::to_string(static_cast<int>(k)) + ")";
  }
};

template <>
struct StringMaker<timescales::HolidaySource> {
  static std::string convert(timescales::HolidaySource s) {
    switch (s) {
      case timescales::HolidaySource::published: return "published";
      case timescales::HolidaySource::derived: return "derived";
      case timescales::HolidaySource::projected: return "projected";
    }
    return "HolidaySource(" + std::to_string(static_cast<int>(s)) + ")";
  }
};

}  // namespace Catch
