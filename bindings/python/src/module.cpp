// timescales._core: the library's face for Python. The public API is the pure-Python package
// around it (bindings/python/timescales); this module only moves arrays in and out.
#include <array>

#include "common.hpp"

namespace timescales::python {

namespace {

// The exception classes, created once at import and never freed (they live as long as the module).
std::array<PyObject*, 7> exception_classes{};

PyObject* make_exception(py::module_& m, const char* name, PyObject* base, const char* doc) {
  const std::string qualified = std::string("timescales.") + name;
  PyObject* cls = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, base, nullptr);
  if (cls == nullptr) throw py::error_already_set();
  m.add_object(name, py::handle(cls));
  return cls;
}

}  // namespace

}  // namespace timescales::python

PYBIND11_MODULE(_core, m) {
  using namespace timescales::python;
  m.doc() = "The compiled core of timescales (use the `timescales` package, not this module).";

  auto& cls = exception_classes;
  cls[static_cast<int>(Kind::base)] = make_exception(m, "TimescalesError", PyExc_ValueError,
      "Something timescales cannot do with the input given; the message says what and why.");
  PyObject* base = cls[static_cast<int>(Kind::base)];
  cls[static_cast<int>(Kind::date)] = make_exception(m, "DateError", base,
      "A date that is not an ISO 8601 calendar date (YYYY-MM-DD) or names no day in the calendar.");
  cls[static_cast<int>(Kind::date_out_of_range)] = make_exception(m, "DateOutOfRangeError", cls[static_cast<int>(Kind::date)],
      "A date outside the calendar's supported range (C1): an error, never a silent guess.");
  cls[static_cast<int>(Kind::period)] = make_exception(m, "PeriodError", base,
      "A period that is not '<count> <unit>' with a unit of working days, days, weeks or months.");
  cls[static_cast<int>(Kind::calendar)] = make_exception(m, "CalendarError", base, "An unknown calendar name.");
  cls[static_cast<int>(Kind::rules)] = make_exception(m, "RulesError", base,
      "Rule or calendar files that do not compile; the message lists every problem.");
  cls[static_cast<int>(Kind::missing_column)] = make_exception(m, "MissingColumnError", base,
      "Case events without a required column (case_id, event, date).");

  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const Failure& e) {
      PyErr_SetString(exception_classes[static_cast<int>(e.kind)], e.what());
    }
  });

  bind_dates(m);
  bind_events(m);
}
