// Vectorised date arithmetic for Python: deadlines (C2-C4), working days (C1, C2) and the
// calendars' holidays. Arrays come in and go out as int64 days (numpy datetime64[D]); the loops
// run without the GIL and stop at the first date the calendar cannot count, whose diagnostic
// becomes the Python exception.
#include <pybind11/stl.h>

#include <array>
#include <optional>
#include <string_view>
#include <vector>

#include "common.hpp"
#include "timescales/load.hpp"
#include "timescales/period.hpp"

namespace timescales::python {

namespace {

const Calendar& calendar_named(const std::string& id) {
  const auto found = builtin_rulebook().calendars().get(id);
  if (!found) fail(found.error());
  return found->get();
}

Error unprintable(const Calendar& cal) {
  return {Errc::date_out_of_range, "a date outside the supported range of calendar " + cal.id() + " (" +
                                       to_string(cal.supported().first) + " to " + to_string(cal.supported().last) +
                                       ")"};
}

void same_length(const Int64Array& a, const Int64Array& b) {
  if (a.ndim() != 1 || b.ndim() != 1 || a.size() != b.size()) {
    throw std::invalid_argument("internal: expected two one-dimensional arrays of the same length");
  }
}

// Runs `one(i)` for every element without the GIL; the first error wins and is raised.
template <class One>
void each(py::ssize_t n, One one) {
  std::optional<Error> error;
  {
    py::gil_scoped_release release;
    for (py::ssize_t i = 0; i < n; ++i) {
      if (auto e = one(i)) {
        error = std::move(*e);
        break;
      }
    }
  }
  if (error) fail(*error);
}

Int64Array due(const Int64Array& days, const std::string& period_text, const std::string& calendar_id) {
  const auto period = parse_period(period_text);
  if (!period) fail(period.error());
  const Calendar& cal = calendar_named(calendar_id);
  Int64Array out(days.size());
  const std::int64_t* in = days.data();
  std::int64_t* res = out.mutable_data();
  const Period p = *period;
  each(days.size(), [&](py::ssize_t i) -> std::optional<Error> {
    const std::int64_t d = in[i];
    if (d == nat) {
      res[i] = nat;
      return std::nullopt;
    }
    if (!printable(d)) return unprintable(cal);
    const auto r = add(to_date(d), p, cal);
    if (!r) return r.error();
    res[i] = r->date.days();
    return std::nullopt;
  });
  return out;
}

Int64Array add_working_days(const Int64Array& days, const Int64Array& counts, const std::string& calendar_id) {
  same_length(days, counts);
  const Calendar& cal = calendar_named(calendar_id);
  Int64Array out(days.size());
  const std::int64_t* in = days.data();
  const std::int64_t* n = counts.data();
  std::int64_t* res = out.mutable_data();
  each(days.size(), [&](py::ssize_t i) -> std::optional<Error> {
    const std::int64_t d = in[i];
    if (d == nat) {
      res[i] = nat;
      return std::nullopt;
    }
    if (!printable(d)) return unprintable(cal);
    constexpr std::int64_t limit = 1'000'000;  // far beyond any supported range: the calendar says so
    const auto count = static_cast<std::int32_t>(n[i] > limit ? limit : n[i] < -limit ? -limit : n[i]);
    if (count != n[i]) {
      return Error{Errc::date_out_of_range, to_string(to_date(d)) + " + " + std::to_string(n[i]) +
                                                " working days falls outside the supported range of calendar " +
                                                cal.id() + " (" + to_string(cal.supported().first) + " to " +
                                                to_string(cal.supported().last) + ")"};
    }
    const auto r = cal.add_working_days(to_date(d), count);
    if (!r) return r.error();
    res[i] = r->days();
    return std::nullopt;
  });
  return out;
}

// Working days in (a, b]; 0 where either is NaT (the Python side masks those).
Int64Array working_days_between(const Int64Array& a, const Int64Array& b, const std::string& calendar_id) {
  same_length(a, b);
  const Calendar& cal = calendar_named(calendar_id);
  Int64Array out(a.size());
  const std::int64_t* from = a.data();
  const std::int64_t* to = b.data();
  std::int64_t* res = out.mutable_data();
  each(a.size(), [&](py::ssize_t i) -> std::optional<Error> {
    if (from[i] == nat || to[i] == nat) {
      res[i] = 0;
      return std::nullopt;
    }
    if (!printable(from[i]) || !printable(to[i])) return unprintable(cal);
    const auto r = cal.working_days_between(to_date(from[i]), to_date(to[i]));
    if (!r) return r.error();
    res[i] = *r;
    return std::nullopt;
  });
  return out;
}

py::array_t<bool> is_working_day(const Int64Array& days, const std::string& calendar_id) {
  const Calendar& cal = calendar_named(calendar_id);
  py::array_t<bool> out(days.size());
  const std::int64_t* in = days.data();
  bool* res = out.mutable_data();
  each(days.size(), [&](py::ssize_t i) -> std::optional<Error> {
    if (in[i] == nat) {
      res[i] = false;
      return std::nullopt;
    }
    if (!printable(in[i])) return unprintable(cal);
    const auto r = cal.is_working_day(to_date(in[i]));
    if (!r) return r.error();
    res[i] = *r;
    return std::nullopt;
  });
  return out;
}

std::string_view kind_name(HolidayKind k) {
  constexpr std::array<std::string_view, 4> names{"regular", "substitute", "special", "closure"};
  return names[static_cast<std::size_t>(k)];
}

std::string_view source_name(HolidaySource s) {
  constexpr std::array<std::string_view, 3> names{"published", "derived", "projected"};
  return names[static_cast<std::size_t>(s)];
}

py::dict holidays(const std::string& calendar_id) {
  const Calendar& cal = calendar_named(calendar_id);
  const auto all = cal.holidays();
  Int64Array date(static_cast<py::ssize_t>(all.size()));
  Int64Array replaces(static_cast<py::ssize_t>(all.size()));
  std::vector<std::string> name, name_cy, kind, source;
  for (std::size_t i = 0; i < all.size(); ++i) {
    const Holiday& h = all[i];
    date.mutable_data()[i] = h.date.days();
    replaces.mutable_data()[i] = h.replaces ? h.replaces->days() : nat;
    name.push_back(h.name);
    name_cy.push_back(h.name_cy);
    kind.emplace_back(kind_name(h.kind));
    source.emplace_back(source_name(h.source));
  }
  py::dict out;
  out["date"] = date;
  out["name"] = name;
  out["name_cy"] = name_cy;
  out["kind"] = kind;
  out["source"] = source;
  out["replaces"] = replaces;
  return out;
}

py::list calendars() {
  py::list out;
  const Calendars& all = builtin_rulebook().calendars();
  for (const std::string& id : all.names()) {
    const Calendar& cal = all.get(id)->get();
    py::dict c;
    c["id"] = cal.id();
    c["title"] = cal.title();
    c["provenance"] = cal.provenance();
    c["supported_from"] = cal.supported().first.days();
    c["supported_to"] = cal.supported().last.days();
    c["listed_from_year"] = cal.listed_years().first;
    c["listed_to_year"] = cal.listed_years().second;
    out.append(c);
  }
  return out;
}

constexpr std::array<std::string_view, 4> unit_names{"working_days", "days", "weeks", "months"};

}  // namespace

void bind_dates(py::module_& m) {
  m.def(
      "parse_date",
      [](const std::string& text) -> std::int64_t {
        const auto d = parse_date(text);
        if (!d) fail(d.error());
        return d->days();
      },
      py::arg("text"), "Days since 1970-01-01 of an ISO date (YYYY-MM-DD); DateError otherwise.");
  m.def(
      "parse_period",
      [](const std::string& text) -> py::tuple {
        const auto p = parse_period(text);
        if (!p) fail(p.error());
        return py::make_tuple(p->count, std::string(unit_names[static_cast<std::size_t>(p->unit)]), to_string(*p));
      },
      py::arg("text"), "(count, unit, canonical text) of a legal period; PeriodError otherwise.");
  m.def("due", &due, py::arg("days"), py::arg("period"), py::arg("calendar"),
        "The deadline `period` after each date (int64 days; NaT stays NaT).");
  m.def("add_working_days", &add_working_days, py::arg("days"), py::arg("counts"), py::arg("calendar"),
        "Each date plus its count of working days (C2: the date is day 0).");
  m.def("working_days_between", &working_days_between, py::arg("a"), py::arg("b"), py::arg("calendar"),
        "Working days in (a, b], negative when b < a; 0 where either is NaT.");
  m.def("is_working_day", &is_working_day, py::arg("days"), py::arg("calendar"), "Whether each date is a working day.");
  m.def("holidays", &holidays, py::arg("calendar"), "Every non-working weekday of a calendar over its supported range.");
  m.def("calendars", &calendars, "The built-in calendars.");
}

}  // namespace timescales::python
