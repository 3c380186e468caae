// Vectorised date arithmetic for Python: deadlines (C2-C4), working days (C1, C2) and the
// calendars' holidays. Arrays come in and go out as int64 days (numpy datetime64[D]); the loops
// run without the GIL and stop at the first date the calendar cannot count, whose diagnostic
// becomes the Python exception.
#include <pybind11/stl.h>

#include <array>
#include <cstring>
#include <expected>
#include <optional>
#include <span>
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

// One date (days since the epoch, not NaT) plus n working days, or the library's message: the
// element both add_working_days paths share.
std::expected<Date, Error> add_working_days_to(std::int64_t d, std::int64_t n, const Calendar& cal) {
  if (!printable(d)) return std::unexpected(unprintable(cal));
  constexpr std::int64_t limit = 1'000'000;  // far beyond any supported range: the calendar says so
  const auto count = static_cast<std::int32_t>(n > limit ? limit : n < -limit ? -limit : n);
  if (count != n) {
    return std::unexpected(Error{Errc::date_out_of_range,
                                 to_string(to_date(d)) + " + " + std::to_string(n) +
                                     " working days falls outside the supported range of calendar " + cal.id() + " (" +
                                     to_string(cal.supported().first) + " to " + to_string(cal.supported().last) + ")"});
  }
  return cal.add_working_days(to_date(d), count);
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
    const auto r = add_working_days_to(d, n[i], cal);
    if (!r) return r.error();
    res[i] = r->days();
    return std::nullopt;
  });
  return out;
}

// The zero-copy path: `dates` is a one-dimensional datetime64 array of any unit and stride (read
// as raw int64 ticks, `per_day` ticks a day, floored to whole days as numpy's cast to [D] does),
// `counts` int64 or int32 of the same length and any stride (stride 0 broadcasts one count), and
// `out` a contiguous int64 array the caller allocated in the dates' unit: the results are written
// there in place, so neither input is converted or copied and no other array is allocated.
// PerDay is the unit's ticks a day as a compile-time constant (a division by it is a multiply),
// or 0 to read `per_day_arg` at run time.
template <class Count, std::int64_t PerDay>
void add_working_days_into(const py::array& dates, const py::array& counts, py::array& out,
                           std::int64_t per_day_arg, const Calendar& cal) {
  const std::int64_t per_day = PerDay != 0 ? PerDay : per_day_arg;
  const py::ssize_t size = dates.shape(0);
  const auto* din = static_cast<const char*>(dates.data());
  const auto* nin = static_cast<const char*>(counts.data());
  auto* res = static_cast<std::int64_t*>(out.mutable_data());
  const py::ssize_t dstride = dates.strides(0);
  const py::ssize_t nstride = counts.ndim() == 0 ? 0 : counts.strides(0);
  const auto floor_days = [per_day](std::int64_t t) {
    if (PerDay == 1) return t;
    return t >= 0 ? t / per_day : -((-(t + 1)) / per_day) - 1;
  };
  // One element as add_working_days above does it: NaT, the range and the count checked, and
  // the library's own message for the first failure.
  const auto one = [&](py::ssize_t i) -> std::optional<Error> {
    std::int64_t d;
    Count c;
    std::memcpy(&d, din + i * dstride, sizeof d);
    std::memcpy(&c, nin + i * nstride, sizeof c);
    if (d == nat) {
      res[i] = nat;
      return std::nullopt;
    }
    const auto r = add_working_days_to(floor_days(d), c, cal);
    if (!r) return r.error();
    res[i] = static_cast<std::int64_t>(r->days()) * per_day;
    return std::nullopt;
  };
  // Blocks go to the calendar's array kernel (two table lookups an element when the block is in
  // range); a NaT is counted from the range's first day and put back after. A block with a date
  // or count the kernel cannot take, or that it refuses, goes element by element, so an error is
  // the same message, for the same first element, as the one-at-a-time path.
  constexpr py::ssize_t block = 1024;
  std::array<Date, block> bdates;
  std::array<std::int32_t, block> bcounts;
  std::array<Date, block> bout;
  std::optional<Error> error;
  {
    py::gil_scoped_release release;
    const Date first = cal.supported().first;
    for (py::ssize_t begin = 0; begin < size && !error; begin += block) {
      const py::ssize_t len = std::min(block, size - begin);
      bool plain = true;
      bool any_nat = false;
      for (py::ssize_t k = 0; k < len; ++k) {
        std::int64_t d;
        Count c;
        std::memcpy(&d, din + (begin + k) * dstride, sizeof d);
        std::memcpy(&c, nin + (begin + k) * nstride, sizeof c);
        const std::int64_t n = c;
        if (d == nat) {
          any_nat = true;
          bdates[static_cast<std::size_t>(k)] = first;
          bcounts[static_cast<std::size_t>(k)] = 1;
          continue;
        }
        d = floor_days(d);
        plain = plain && printable(d) && n >= -1'000'000 && n <= 1'000'000;
        bdates[static_cast<std::size_t>(k)] = to_date(printable(d) ? d : 0);
        bcounts[static_cast<std::size_t>(k)] = static_cast<std::int32_t>(n);
      }
      const auto n = static_cast<std::size_t>(len);
      if (plain && cal.add_working_days(std::span<const Date>(bdates.data(), n),
                                        std::span<const std::int32_t>(bcounts.data(), n),
                                        std::span<Date>(bout.data(), n))) {
        for (py::ssize_t k = 0; k < len; ++k) {
          res[begin + k] = static_cast<std::int64_t>(bout[static_cast<std::size_t>(k)].days()) * per_day;
        }
        if (any_nat) {
          for (py::ssize_t k = 0; k < len; ++k) {
            std::int64_t d;
            std::memcpy(&d, din + (begin + k) * dstride, sizeof d);
            if (d == nat) res[begin + k] = nat;
          }
        }
        continue;
      }
      for (py::ssize_t k = 0; k < len && !error; ++k) error = one(begin + k);
    }
  }
  if (error) fail(*error);
}

void add_working_days_in_place(const py::array& dates, const py::array& counts, py::array& out, std::int64_t per_day,
                               const std::string& calendar_id) {
  const Calendar& cal = calendar_named(calendar_id);
  if (dates.ndim() != 1 || dates.itemsize() != 8 || out.ndim() != 1 || out.itemsize() != 8 ||
      out.shape(0) != dates.shape(0) || !(out.flags() & py::array::c_style) || !out.writeable() || per_day < 1 ||
      (counts.ndim() == 1 && counts.shape(0) != dates.shape(0)) || counts.ndim() > 1) {
    throw std::invalid_argument("internal: add_working_days_in_place takes 1-D int64-sized arrays of one length");
  }
  const bool wide = counts.dtype().kind() == 'i' && counts.dtype().itemsize() == 8;
  if (!wide && !(counts.dtype().kind() == 'i' && counts.dtype().itemsize() == 4)) {
    throw std::invalid_argument("internal: add_working_days_in_place takes int64 or int32 counts");
  }
  const auto run = [&]<std::int64_t PerDay>() {
    if (wide) {
      add_working_days_into<std::int64_t, PerDay>(dates, counts, out, per_day, cal);
    } else {
      add_working_days_into<std::int32_t, PerDay>(dates, counts, out, per_day, cal);
    }
  };
  switch (per_day) {  // days and nanoseconds (pandas' unit) with the division by a constant
    case 1: run.template operator()<1>(); break;
    case ns_a_day: run.template operator()<ns_a_day>(); break;
    default: run.template operator()<0>(); break;
  }
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
  m.def("add_working_days_in_place", &add_working_days_in_place, py::arg("dates"), py::arg("counts"), py::arg("out"),
        py::arg("per_day"), py::arg("calendar"),
        "Zero-copy add_working_days: datetime64 ticks (per_day a day) and int64/int32 counts of any stride into out.");
  m.def("working_days_between", &working_days_between, py::arg("a"), py::arg("b"), py::arg("calendar"),
        "Working days in (a, b], negative when b < a; 0 where either is NaT.");
  m.def("is_working_day", &is_working_day, py::arg("days"), py::arg("calendar"), "Whether each date is a working day.");
  m.def("holidays", &holidays, py::arg("calendar"), "Every non-working weekday of a calendar over its supported range.");
  m.def("calendars", &calendars, "The built-in calendars.");
}

}  // namespace timescales::python
