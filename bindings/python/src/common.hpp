// Shared pieces of the Python extension: how library errors become Python exceptions, and how
// dates cross the boundary (int64 days since 1970-01-01, the numpy datetime64[D] representation,
// with numpy's NaT as "no date").
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>

#include "timescales/date.hpp"
#include "timescales/error.hpp"

namespace timescales::python {

namespace py = pybind11;

// numpy's NaT for datetime64[D] viewed as int64.
inline constexpr std::int64_t nat = std::numeric_limits<std::int64_t>::min();
// A day in datetime64[ns]'s ticks: pandas' unit for the dates of the frames it builds, which
// holds the days from 1677-09-22 to 2262-04-11 (days since 1970-01-01 within +-106,751).
inline constexpr std::int64_t ns_a_day = 86'400'000'000'000;
inline constexpr std::int64_t last_ns_day = std::numeric_limits<std::int64_t>::max() / ns_a_day;
inline constexpr std::int64_t first_ns_day = -last_ns_day;

using Int64Array = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>;

// The Python exception a failure becomes (timescales.TimescalesError and its subclasses, all
// ValueError). The message is the library's own diagnostic, unchanged.
enum class Kind { base, date, date_out_of_range, period, calendar, rules, missing_column };

struct Failure : std::runtime_error {
  Kind kind;
  Failure(Kind k, const std::string& message) : std::runtime_error(message), kind(k) {}
};

inline Kind kind_of(Errc code) {
  switch (code) {
    case Errc::malformed_date:
    case Errc::impossible_date: return Kind::date;
    case Errc::date_out_of_range: return Kind::date_out_of_range;
    case Errc::malformed_period: return Kind::period;
    case Errc::unknown_calendar: return Kind::calendar;
    case Errc::invalid_data: return Kind::rules;
  }
  return Kind::base;
}

[[noreturn]] inline void fail(const Error& e) { throw Failure(kind_of(e.code), e.message); }

// The earliest and latest dates the library can print as YYYY-MM-DD; days outside them are
// reported as out of range without being printed.
inline constexpr std::int64_t first_printable = days_from_civil({1, 1, 1}).days();
inline constexpr std::int64_t last_printable = days_from_civil({9999, 12, 31}).days();

inline bool printable(std::int64_t days) { return days >= first_printable && days <= last_printable; }

inline Date to_date(std::int64_t days) { return Date::from_days(static_cast<std::int32_t>(days)); }

void bind_dates(py::module_& m);
void bind_events(py::module_& m);

}  // namespace timescales::python
