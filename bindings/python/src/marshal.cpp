// Case events in, obligations and measures out, in bulk. The Python side turns each DataFrame
// column into integer codes and the distinct values they stand for (text_codes below for columns of
// Python str, pandas.factorize for the rest), once; here the rows are validated into an
// EventTable, evaluated and reported without the GIL, and the results come back as numpy arrays
// (plus lists of text for the few text columns). No Python code runs per row.
#include <pybind11/stl.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "common.hpp"
#include "timescales/cores.hpp"
#include "timescales/dashboard.hpp"
#include "timescales/engine.hpp"
#include "timescales/event.hpp"
#include "timescales/explain.hpp"
#include "timescales/export_format.hpp"
#include "timescales/load.hpp"
#include "timescales/load_measures.hpp"
#include "timescales/obligation_columns.hpp"
#include "timescales/report.hpp"
#include "timescales/short_text.hpp"
#include "timescales/source.hpp"
#include "timescales/target.hpp"
#include "timescales/wording.hpp"
#include "timescales/worklist.hpp"
#include "timescales/worklist_columns.hpp"

namespace timescales::python {

namespace {

// One column as codes into its distinct values (code -1: a missing value), as the table reads it.
struct TextColumn {
  Int64Array codes;                     // keeps the codes alive
  std::vector<std::string> values;      // owns the texts
  std::vector<std::string_view> texts;  // views of `values`, for CodedColumn

  static TextColumn from(const py::handle& pair, py::ssize_t rows, const std::string& name) {
    const auto t = py::reinterpret_borrow<py::tuple>(pair);
    TextColumn c{t[0].cast<Int64Array>(), t[1].cast<std::vector<std::string>>(), {}};
    if (c.codes.ndim() != 1 || c.codes.size() != rows) {
      throw std::invalid_argument("internal: column " + name + " has the wrong number of codes");
    }
    // Every code in -1..n-1, tested without a branch per row so that the loop vectorises.
    const std::int64_t* codes = c.codes.data();
    const auto n = static_cast<std::uint64_t>(c.values.size());
    bool out_of_range = false;
    for (py::ssize_t i = 0; i < rows; ++i) out_of_range |= static_cast<std::uint64_t>(codes[i] + 1) > n;
    if (out_of_range) throw std::invalid_argument("internal: column " + name + " has a code out of range");
    c.texts.assign(c.values.begin(), c.values.end());
    return c;
  }

  [[nodiscard]] CodedColumn coded() const {
    return {{codes.data(), static_cast<std::size_t>(codes.size())}, texts};
  }
};

// A datetime column (int64 days, NaT for none) coded like a text column: each distinct day is
// written as YYYY-MM-DD once, and the table parses each text once. NaT is a missing value; a day
// too far out to print gets a text that is not a date (make_events words its reason).
struct DayColumn {
  std::vector<std::int64_t> codes;
  std::vector<std::string> values;
  std::vector<std::string_view> texts;

  DayColumn(const std::int64_t* days, std::size_t rows) : codes(rows) {
    std::unordered_map<std::int64_t, std::int64_t> index;
    // A child's events come close together in time: a small direct-mapped cache answers most rows.
    std::vector<std::pair<std::int64_t, std::int64_t>> recent(4096, {nat, -1});
    for (std::size_t i = 0; i < rows; ++i) {
      const std::int64_t day = days[i];
      if (day == nat) {
        codes[i] = -1;
        continue;
      }
      auto& [seen, code] = recent[static_cast<std::size_t>(day) & (recent.size() - 1)];
      if (seen != day) {
        const auto [it, added] = index.try_emplace(day, static_cast<std::int64_t>(values.size()));
        if (added) values.push_back(printable(day) ? to_string(to_date(day)) : std::string("(unprintable)"));
        seen = day;
        code = it->second;
      }
      codes[i] = code;
    }
    texts.assign(values.begin(), values.end());
  }

  [[nodiscard]] CodedColumn coded() const { return {codes, texts}; }
};

// A part of a joined text: a code per row (a 1-D array of signed integers of any width, such as
// a categorical's int8 codes, read where it lies) into the part's texts.
class PartCodes {
 public:
  PartCodes(const py::array& codes, const char* who) : array_(py::array::ensure(codes, py::array::c_style)) {
    if (!array_ || array_.ndim() != 1 || array_.dtype().kind() != 'i' ||
        (array_.itemsize() != 1 && array_.itemsize() != 2 && array_.itemsize() != 4 && array_.itemsize() != 8)) {
      throw py::type_error(std::string(who) + ": a part's codes must be a 1-D array of signed integers");
    }
    if (!array_.dtype().attr("isnative").cast<bool>()) {  // byte-swapped: read in this machine's order
      array_ = py::array::ensure(array_.attr("astype")(array_.dtype().attr("newbyteorder")("=")), py::array::c_style);
    }
    data_ = array_.data();
    width_ = array_.itemsize();
  }
  [[nodiscard]] py::ssize_t size() const { return array_.size(); }
  std::int64_t operator[](std::size_t r) const {
    switch (width_) {
      case 1: return static_cast<const std::int8_t*>(data_)[r];
      case 2: return static_cast<const std::int16_t*>(data_)[r];
      case 4: return static_cast<const std::int32_t*>(data_)[r];
      default: return static_cast<const std::int64_t*>(data_)[r];
    }
  }

 private:
  py::array array_;  // keeps the codes alive
  const void* data_ = nullptr;
  py::ssize_t width_ = 8;
};
using Parts = std::vector<std::pair<py::array, std::vector<std::string>>>;

// obligation_keys (timescales/_evaluation.py) in one pass: row r's text is str(first[r]), then
// each part's text for the row (a code into the part's texts), joined by `sep`; an object array
// of str. The same join row by row in Python took about half of evaluate()'s time outside the
// engine at a million obligations (benchmarks/NOTES.md, "Obligation keys").
py::array join_texts(const py::array& first, const Parts& given_parts, const std::string& sep) {
  if (first.ndim() != 1 || first.dtype().kind() != 'O') throw py::type_error("join_texts: first must be a 1-D object array");
  const py::array items_array = py::array::ensure(first, py::array::c_style);
  const py::ssize_t n = items_array.size();
  std::vector<std::pair<PartCodes, const std::vector<std::string>&>> parts;
  for (const auto& [codes, texts] : given_parts) parts.emplace_back(PartCodes(codes, "join_texts"), texts);
  for (const auto& [codes, texts] : parts) {
    if (codes.size() != n) throw py::value_error("join_texts: every part has a code per row");
    for (py::ssize_t r = 0; r < n; ++r) {
      const std::int64_t code = codes[static_cast<std::size_t>(r)];
      if (code < 0 || static_cast<std::size_t>(code) >= texts.size()) {
        throw py::value_error("join_texts: a code has no text (row " + std::to_string(r) + ")");
      }
    }
  }
  PyObject* const* items = static_cast<PyObject* const*>(items_array.data());
  py::array out = py::module_::import("numpy").attr("empty")(n, "object");
  PyObject** slots = static_cast<PyObject**>(out.mutable_data());  // each None until replaced
  std::string row;
  for (py::ssize_t r = 0; r < n; ++r) {
    // str(value), as pandas' astype(str) gives it: the value itself when it is a str.
    const py::object text = py::reinterpret_steal<py::object>(PyObject_Str(items[r]));
    if (!text) throw py::error_already_set();
    Py_ssize_t size = 0;
    const char* utf8 = PyUnicode_AsUTF8AndSize(text.ptr(), &size);
    if (utf8 == nullptr) throw py::error_already_set();  // a lone surrogate
    row.assign(utf8, static_cast<std::size_t>(size));
    for (const auto& [codes, texts] : parts) {
      row += sep;
      row += texts[static_cast<std::size_t>(codes[static_cast<std::size_t>(r)])];
    }
    PyObject* joined = PyUnicode_DecodeUTF8(row.data(), static_cast<Py_ssize_t>(row.size()), "strict");
    if (joined == nullptr) throw py::error_already_set();
    Py_DECREF(slots[r]);
    slots[r] = joined;
  }
  return out;
}

// Runs body(range, begin, end) over the rows [0, n) cut into `ranges` ranges, each on a thread of
// its own (the first on this one): for loops over rows that write each row's own place. What a
// range throws (running out of memory) is thrown again once all are done, the first range's first.
template <class Body>
void over_row_ranges(std::size_t n, std::size_t ranges, const Body& body) {
  const auto bound = [&](std::size_t range) { return n * range / ranges; };
  std::vector<std::exception_ptr> failed(ranges);
  const auto run = [&](std::size_t range) {
    try {
      body(range, bound(range), bound(range + 1));
    } catch (...) {
      failed[range] = std::current_exception();
    }
  };
  {
    std::vector<std::jthread> pool;
    for (std::size_t t = 1; t < ranges; ++t) pool.emplace_back(run, t);
    run(0);
  }
  for (const std::exception_ptr& e : failed) {
    if (e) std::rethrow_exception(e);
  }
}

// How many threads a loop over n rows uses: `threads` (0: every core), fewer when each would have
// less than about 100,000 rows, for which starting a thread costs more than it saves.
std::size_t row_ranges(std::size_t n, unsigned threads) {
  constexpr std::size_t rows_a_thread = 100'000;
  const std::size_t wanted = threads == 0 ? available_cores() : threads;
  return std::clamp<std::size_t>(n / rows_a_thread, 1, wanted);
}

// The same join for case ids held as Arrow text, from the column's own buffers (its offsets, 32-
// or 64-bit, already sliced to the rows, and its UTF-8 data) to the buffers of an Arrow
// large_string array (64-bit offsets, data), so that no Python str is made, neither for a case id
// nor for a key: (offsets, data) as numpy arrays, which the Python side wraps without copying.
// Without the GIL and over `threads` threads (0: every core), in two passes: each row's length
// (checking its codes and offsets), then, the offsets summed and the data allocated, the texts.
template <class Offset>
py::tuple join_arrow_texts_of(const Offset* offsets, py::ssize_t n, const std::uint8_t* data, std::size_t data_size,
                              const Parts& parts, const std::string& sep, unsigned threads) {
  struct Part {
    PartCodes codes;
    std::vector<std::string_view> texts;
  };
  std::vector<Part> views;
  for (const auto& [codes, texts] : parts) {
    views.push_back({PartCodes(codes, "join_arrow_texts"), std::vector<std::string_view>(texts.begin(), texts.end())});
    if (views.back().codes.size() != n) throw py::value_error("join_arrow_texts: every part has a code per row");
  }
  const auto rows = static_cast<std::size_t>(n);
  const std::size_t ranges = row_ranges(rows, threads);
  const auto case_id = [&](std::size_t r) {
    return std::string_view(reinterpret_cast<const char*>(data) + offsets[r], static_cast<std::size_t>(offsets[r + 1] - offsets[r]));
  };

  // Each row's length in out_offsets[r + 1]; the first faulty row of each range, if any, with why.
  py::array_t<std::int64_t> out_offsets(n + 1);
  std::int64_t* const to = out_offsets.mutable_data();
  struct Fault {
    std::size_t row = 0;
    const char* what = nullptr;
  };
  std::vector<Fault> faults(ranges);
  {
    py::gil_scoped_release release;
    over_row_ranges(rows, ranges, [&](std::size_t range, std::size_t begin, std::size_t end) {
      for (std::size_t r = begin; r < end; ++r) {
        if (offsets[r] < 0 || offsets[r + 1] < offsets[r] || static_cast<std::size_t>(offsets[r + 1]) > data_size) {
          faults[range] = {r, "the offsets do not fit the data"};
          return;
        }
        auto length = static_cast<std::int64_t>(offsets[r + 1] - offsets[r]);
        for (const Part& part : views) {
          const std::int64_t code = part.codes[r];
          if (static_cast<std::uint64_t>(code) >= part.texts.size()) {
            faults[range] = {r, "a code has no text"};
            return;
          }
          length += static_cast<std::int64_t>(sep.size() + part.texts[static_cast<std::size_t>(code)].size());
        }
        to[r + 1] = length;
      }
    });
  }
  for (const Fault& f : faults) {
    if (f.what != nullptr) throw py::value_error("join_arrow_texts: " + std::string(f.what) + " (row " + std::to_string(f.row) + ")");
  }
  to[0] = 0;
  for (std::size_t r = 0; r < rows; ++r) to[r + 1] += to[r];

  py::array_t<std::uint8_t> out_data(static_cast<py::ssize_t>(to[rows]));
  char* const start = reinterpret_cast<char*>(out_data.mutable_data());
  {
    py::gil_scoped_release release;
    // Most pieces are a one-byte separator or a short text: copied inline (short_text.hpp).
    const auto put = [](char* at, std::string_view text) {
      if (text.size() == 1) {
        *at = text[0];
        return at + 1;
      }
      return short_text::copy(at, text);
    };
    over_row_ranges(rows, ranges, [&](std::size_t, std::size_t begin, std::size_t end) {
      for (std::size_t r = begin; r < end; ++r) {
        char* at = put(start + to[r], case_id(r));
        for (const Part& part : views) at = put(put(at, sep), part.texts[static_cast<std::size_t>(part.codes[r])]);
      }
    });
  }
  return py::make_tuple(out_offsets, out_data);
}

py::tuple join_arrow_texts(const py::array& offsets, const py::array_t<std::uint8_t, py::array::c_style>& data,
                           const Parts& parts, const std::string& sep, unsigned threads) {
  if (offsets.ndim() != 1 || offsets.size() < 1 || !(offsets.flags() & py::array::c_style)) {
    throw py::type_error("join_arrow_texts: offsets must be a contiguous 1-D array of at least one offset");
  }
  const py::ssize_t n = offsets.size() - 1;
  const auto size = static_cast<std::size_t>(data.size());
  // By equivalence, not identity: an int64 dtype object need not be numpy's own (an unpickled
  // array's is another object that compares equal), and a byte-swapped one is refused.
  if (py::isinstance<py::array_t<std::int32_t>>(offsets)) {
    return join_arrow_texts_of(static_cast<const std::int32_t*>(offsets.data()), n, data.data(), size, parts, sep, threads);
  }
  if (py::isinstance<py::array_t<std::int64_t>>(offsets)) {
    return join_arrow_texts_of(static_cast<const std::int64_t*>(offsets.data()), n, data.data(), size, parts, sep, threads);
  }
  throw py::type_error("join_arrow_texts: offsets must be int32 (Arrow string) or int64 (large_string)");
}

// codes_and_values (the Python side) for a column of Python objects, in one pass without pandas:
// (int64 codes, each distinct value's text), or None when the column holds anything but exact
// str, True/False and missing values (None, float NaN, `na` = pandas.NA), or text that is not
// valid UTF-8 (lone surrogates). pandas.factorize plus text_of handle those, as before.
//
// The result is the same as factorize's up to the numbering of the codes, which make_events never
// looks at (only at the text of each row and whether it is missing): a missing value is -1, True
// and False are "true" and "false", text is trimmed of spaces and tabs when `trim` (byte-wise, which
// is str.strip(" \t") on UTF-8). Equal values are found by identity first (pandas' CSV reader and
// most columns share one str object per distinct value), then by str's cached hash and content.
py::object text_codes(const py::array& values, bool trim, const py::handle& na) {
  if (values.ndim() != 1 || values.dtype().kind() != 'O' || values.strides(0) != static_cast<py::ssize_t>(sizeof(PyObject*))) {
    return py::none();
  }
  const py::ssize_t n = values.size();
  PyObject* const* items = static_cast<PyObject* const*>(values.data());
  Int64Array codes(n);
  std::int64_t* out = codes.mutable_data();

  // Open addressing on Python's hash; a slot's key is the first object seen with its value.
  struct Slot {
    PyObject* key = nullptr;
    Py_hash_t hash = 0;
    std::int64_t code = 0;
  };
  std::vector<Slot> slots(64);
  std::vector<PyObject*> distinct;  // borrowed: the array holds them
  const auto same = [](PyObject* a, PyObject* b) {
    return a == b || (PyUnicode_CheckExact(a) && PyUnicode_CheckExact(b) && PyUnicode_Compare(a, b) == 0);
  };
  const auto insert = [&](PyObject* key, Py_hash_t hash, std::int64_t code) {
    std::size_t i = static_cast<std::size_t>(hash) & (slots.size() - 1);
    while (slots[i].key != nullptr) i = (i + 1) & (slots.size() - 1);
    slots[i] = {key, hash, code};
  };
  // Most rows repeat one of a few objects (an event name, True, NaN): a small direct-mapped cache
  // by address answers them before any hashing. Addresses are stable here: the array holds every
  // object, and no Python code runs in this loop.
  struct Seen {
    PyObject* object = nullptr;
    std::int64_t code = 0;
  };
  std::array<Seen, 256> seen{};
  for (py::ssize_t r = 0; r < n; ++r) {
    PyObject* o = items[r];
    Seen& cached = seen[(reinterpret_cast<std::uintptr_t>(o) >> 4) & (seen.size() - 1)];
    if (cached.object == o) {
      out[r] = cached.code;
      continue;
    }
    std::int64_t code = -1;
    if (o == Py_None || o == na.ptr() || (PyFloat_Check(o) && std::isnan(PyFloat_AS_DOUBLE(o)))) {
      code = -1;
    } else if (PyUnicode_CheckExact(o) || PyBool_Check(o)) {
      const Py_hash_t hash = PyObject_Hash(o);  // cached in a str after the first time
      if (hash == -1) {
        PyErr_Clear();
        return py::none();
      }
      std::size_t i = static_cast<std::size_t>(hash) & (slots.size() - 1);
      while (slots[i].key != nullptr && !(slots[i].hash == hash && same(slots[i].key, o))) i = (i + 1) & (slots.size() - 1);
      if (slots[i].key != nullptr) {
        code = slots[i].code;
      } else {
        code = static_cast<std::int64_t>(distinct.size());
        distinct.push_back(o);
        slots[i] = {o, hash, code};
        if (distinct.size() * 2 > slots.size()) {  // keep the table at most half full
          std::vector<Slot> old(slots.size() * 2);
          old.swap(slots);
          for (const Slot& s : old) {
            if (s.key != nullptr) insert(s.key, s.hash, s.code);
          }
        }
      }
    } else {
      return py::none();  // a number, a date, bytes, a str subclass...: pandas' way
    }
    cached = {o, code};
    out[r] = code;
  }

  py::list texts(distinct.size());
  for (std::size_t i = 0; i < distinct.size(); ++i) {
    PyObject* o = distinct[i];
    if (PyBool_Check(o)) {
      texts[i] = py::str(o == Py_True ? "true" : "false");
      continue;
    }
    Py_ssize_t size = 0;
    const char* utf8 = PyUnicode_AsUTF8AndSize(o, &size);
    if (utf8 == nullptr) {
      PyErr_Clear();
      return py::none();
    }
    std::string_view text(utf8, static_cast<std::size_t>(size));
    if (trim) {
      const std::size_t first = text.find_first_not_of(" \t");
      text = first == std::string_view::npos ? std::string_view{} : text.substr(first, text.find_last_not_of(" \t") - first + 1);
    }
    texts[i] = text.size() == static_cast<std::size_t>(size) ? py::reinterpret_borrow<py::str>(o)
                                                             : py::str(text.data(), text.size());
  }
  return py::make_tuple(std::move(codes), std::move(texts));
}

// A validated event table, and the reasons the DataFrame path words differently from the CSV one
// (a missing date is NaT or None, not an empty field).
struct Events {
  std::shared_ptr<const EventTable> table;
  std::unordered_map<std::size_t, Reason> reasons;  // rejected index -> reason
};

struct Rules {
  Rulebook book;
  std::vector<std::string> only;  // evaluate only these rule ids (empty: every rule)
  // Where the book came from, as absolute paths, so that pickling can load it again: a whole
  // rulebook's directory (none: the built-in rules) and the local directories layered on it.
  std::optional<std::string> directory;
  std::vector<std::string> local;
};

void check_rule_ids(const Rulebook& book, const std::vector<std::string>& ids) {
  for (const std::string& id : ids) {
    if (book.family(id) == nullptr) {
      throw Failure(Kind::base, "unknown rule " + excerpt(id, id_excerpt) + "; timescales.rules() lists the rules");
    }
  }
}

// An evaluation kept for explanations: the rulebook (obligations point into it), the events and
// the result.
struct Result {
  Rulebook book;
  std::shared_ptr<const EventTable> table;
  std::unordered_map<std::size_t, Reason> reasons;
  Evaluation evaluation;
};

const Calendar& main_calendar(const Rulebook& book) {
  const Calendar* cal = book.jurisdiction_calendar();
  if (cal == nullptr) throw Failure(Kind::rules, "the rulebook declares no jurisdiction, so no calendar to check dates against");
  return *cal;
}

Events make_events(const Rules& rules, py::ssize_t rows, const py::tuple& case_id, const py::tuple& event,
                   const std::optional<py::tuple>& date_text, const std::optional<Int64Array>& date_days,
                   const py::dict& attributes, const py::list& carried, const std::string& date_format) {
  const auto format = DateFormat::named(date_format);
  if (!format) throw Failure(Kind::base, "date_format: " + format.error());
  const TextColumn ids = TextColumn::from(case_id, rows, "case_id");
  const TextColumn events = TextColumn::from(event, rows, "event");
  std::optional<TextColumn> dates;
  if (date_text) dates = TextColumn::from(*date_text, rows, "date");
  if (!dates && (!date_days || date_days->ndim() != 1 || date_days->size() != rows)) {
    throw std::invalid_argument("internal: no date column of the right length");
  }
  std::array<std::optional<TextColumn>, attribute_count> attrs;
  for (const auto& [key, value] : attributes) {
    const auto name = key.cast<std::string>();
    const auto a = attribute_named(name);
    if (!a) throw std::invalid_argument("internal: not an attribute: " + name);
    attrs[static_cast<std::size_t>(*a)] = TextColumn::from(value, rows, name);
  }
  std::vector<std::string> carried_names;
  std::vector<TextColumn> carried_columns;
  for (const py::handle item : carried) {
    const auto pair = py::reinterpret_borrow<py::tuple>(item);
    carried_names.push_back(pair[0].cast<std::string>());
    carried_columns.push_back(TextColumn::from(pair[1], rows, carried_names.back()));
  }

  const DateRange valid = main_calendar(rules.book).supported();
  // Days (a datetime64 column) go to the table as ISO text: the format is the text column's.
  const DateFormat used = dates ? *format : DateFormat{};
  auto table = std::make_shared<EventTable>(carried_names, valid, used);
  Events out;
  {
    py::gil_scoped_release release;
    const std::int64_t* days = date_days ? date_days->data() : nullptr;
    std::optional<DayColumn> day_column;
    if (!dates) day_column.emplace(days, static_cast<std::size_t>(rows));
    CodedRows in{static_cast<std::size_t>(rows), 0, ids.coded(), events.coded(),
                 dates ? dates->coded() : day_column->coded(), {}, {}};
    for (std::size_t a = 0; a < attribute_count; ++a) {
      if (attrs[a]) in.attributes[a] = attrs[a]->coded();
    }
    for (const TextColumn& c : carried_columns) in.carried.push_back(c.coded());
    table->add_rows(in);

    // A date the DataFrame did not give (NaT, None, NaN, or empty text, as pandas reads an empty
    // cell as NaT) or that cannot be written as text is worded for a DataFrame rather than as the
    // CSV reader words an empty or malformed field.
    const auto& rejected = table->rejected();
    const auto no_text = [&](std::int64_t code) { return code < 0 || dates->texts[static_cast<std::size_t>(code)].empty(); };
    for (std::size_t r = 0; r < rejected.size(); ++r) {
      if (rejected[r].column != "date") continue;
      const std::size_t i = rejected[r].line;
      const bool missing = dates ? no_text(dates->codes.data()[i]) : days[i] == nat;
      if (missing) {
        out.reasons[r] = because("missing date (NaT or empty): expected {0}", {used.shape()});
      } else if (!dates && !printable(days[i])) {
        out.reasons[r] = because("the date is outside the supported range ({0} to {1})", {to_string(valid.first), to_string(valid.last)});
      }
    }
  }
  out.table = std::move(table);
  return out;
}

template <class T>
py::array_t<T> array_of(std::size_t n) {
  return py::array_t<T>(static_cast<py::ssize_t>(n));
}

py::dict rejected_columns(const EventTable& table, const std::unordered_map<std::size_t, Reason>& reasons,
                          Language language) {
  const auto& rejected = table.rejected();
  auto row = array_of<std::int64_t>(rejected.size());
  // A duplicate names the row it copies by the DataFrame's index label, which Python writes
  // (_rejected_frame): here its position, or -1, and the sentence with {0} for the label.
  auto duplicate_of = array_of<std::int64_t>(rejected.size());
  Rejection duplicate;
  const Reason copy_of = because("duplicate of row {0}", {"{0}"});
  duplicate.pattern = copy_of.pattern;
  duplicate.reason = copy_of.text;
  duplicate.fields = copy_of.fields;
  std::vector<std::string> case_id, column, reason;
  for (std::size_t i = 0; i < rejected.size(); ++i) {
    const Rejection& r = rejected[i];
    row.mutable_data()[i] = static_cast<std::int64_t>(r.line);
    duplicate_of.mutable_data()[i] =
        r.pattern == "duplicate of line {0}" && r.fields.size() == 1 ? std::stoll(r.fields[0]) : std::int64_t{-1};
    case_id.push_back(r.case_id);
    column.push_back(r.column);
    const auto it = reasons.find(i);
    if (it == reasons.end()) {
      reason.push_back(reason_in(r, language));
    } else {
      Rejection worded = r;  // as the DataFrame path words it
      worded.reason = it->second.text;
      worded.pattern = it->second.pattern;
      worded.fields = it->second.fields;
      reason.push_back(reason_in(worded, language));
    }
  }
  py::dict out;
  out["row"] = row;
  out["case_id"] = case_id;
  out["column"] = column;
  out["reason"] = reason;
  out["duplicate_of"] = duplicate_of;
  out["duplicate_reason"] = reason_in(duplicate, language);
  return out;
}

std::vector<std::string> family_ids(const Rulebook& book) {
  std::vector<std::string> ids;
  for (const RuleFamily& f : book.families()) ids.push_back(f.id);
  return ids;
}

// lang= of the Python API ("en", "cy"): checked there with its message; here, a last guard.
Language language_named(const std::string& code) {
  const auto language = language_of(code);
  if (!language) throw py::value_error("lang must be 'en' or 'cy', not '" + code + "'");
  return *language;
}

// The key's date part, one way for evaluate_events and obligation_keys (_evaluation._day_codes):
// `days` (a day per obligation, each printable as YYYY-MM-DD, from `first` to `last`) made codes
// into the texts of days, in place. Dates close together, as usual, take the texts of every day
// from the first to the last (a code is the distance from the first), made at once; dates spread
// thin over a long span (more days than four an obligation) the texts of the distinct days.
py::tuple day_codes(py::array_t<std::int32_t> days, std::int32_t first, std::int32_t last) {
  const auto n = static_cast<std::size_t>(days.size());
  std::int32_t* const code = days.mutable_data();
  std::vector<std::string> texts;
  if (n == 0) return py::make_tuple(days, texts);
  if (static_cast<std::int64_t>(last) - first < 4 * static_cast<std::int64_t>(n) + 1000) {
    texts.reserve(static_cast<std::size_t>(last - first) + 1);
    for (std::int32_t d = first; d <= last; ++d) texts.push_back(to_string(Date::from_days(d)));
    for (std::size_t r = 0; r < n; ++r) code[r] -= first;
    return py::make_tuple(days, texts);
  }
  std::vector<std::int32_t> distinct(code, code + n);
  std::ranges::sort(distinct);
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  for (const std::int32_t d : distinct) texts.push_back(to_string(Date::from_days(d)));
  for (std::size_t r = 0; r < n; ++r) code[r] = static_cast<std::int32_t>(std::ranges::lower_bound(distinct, code[r]) - distinct.begin());
  return py::make_tuple(days, texts);
}

// day_codes for Python: int64 days (datetime64[D]) copied into codes; None when one is NaT or not
// printable as YYYY-MM-DD, which the caller codes its own way.
std::optional<py::tuple> day_codes_of(const Int64Array& days) {
  if (days.ndim() != 1) throw py::type_error("day_codes: days must be a 1-D array");
  const auto n = static_cast<std::size_t>(days.size());
  auto codes = array_of<std::int32_t>(n);
  std::int32_t* const out = codes.mutable_data();
  std::int32_t first = INT32_MAX, last = INT32_MIN;
  for (std::size_t r = 0; r < n; ++r) {
    const std::int64_t day = days.data()[r];
    if (day == nat || !printable(day)) return std::nullopt;
    out[r] = static_cast<std::int32_t>(day);
    first = std::min(first, out[r]);
    last = std::max(last, out[r]);
  }
  return day_codes(codes, first, last);
}

py::tuple evaluate_events(const Events& events, const Rules& rules, std::optional<std::int64_t> as_of,
                          const std::vector<std::string>& only_rules, bool explain_each, unsigned threads,
                          const std::string& lang) {
  const Language language = language_named(lang);
  EvaluateOptions options;
  options.threads = threads;
  if (as_of) {
    const Calendar& cal = main_calendar(rules.book);
    if (!printable(*as_of)) fail(Error{Errc::date_out_of_range, "as_of is outside the supported range of calendar " + cal.id()});
    if (auto ok = cal.check(to_date(*as_of)); !ok) fail(ok.error());
    options.as_of = to_date(*as_of);
  }
  check_rule_ids(rules.book, only_rules);
  options.only_rules = only_rules.empty() ? rules.only : only_rules;

  auto result = std::make_shared<Result>(Result{rules.book, events.table, events.reasons, {}});
  {
    py::gil_scoped_release release;
    result->evaluation = evaluate(*events.table, rules.book, options);
  }
  const Evaluation& ev = result->evaluation;
  const EventTable& table = *events.table;
  const std::size_t n = ev.obligations.size();

  // Each obligation column as an array, filled in one pass over the obligations: categories as
  // codes of the width pandas gives them (int8 below 127 categories), so that the Categorical is
  // made on them without a copy; dates as datetime64[ns] (NaT for none), the unit of the result's
  // columns, so that none is converted (a third of the frame's time outside the engine, as
  // days). input_text columns are taken from the input frame by _api.py.
  std::array<py::array, obligation_columns.size()> arrays;
  std::array<void*, obligation_columns.size()> out{};  // the arrays' data: mutable_data() checks on every call
  std::array<py::ssize_t, obligation_columns.size()> width{};
  py::dict categories;
  for (std::size_t i = 0; i < obligation_columns.size(); ++i) {
    const ObligationColumn& c = obligation_columns[i];
    switch (c.type) {
      case ColumnType::input_text: continue;
      case ColumnType::category: {
        std::vector<std::string> names;
        for (const std::string_view name : c.categories(rules.book)) names.emplace_back(name);
        arrays[i] = names.size() < 127     ? py::array(array_of<std::int8_t>(n))
                    : names.size() < 32767 ? py::array(array_of<std::int16_t>(n))
                                           : py::array(array_of<std::int32_t>(n));
        categories[py::str(c.name.data(), c.name.size())] = names;
        break;
      }
      case ColumnType::integer:
      case ColumnType::date: arrays[i] = array_of<std::int64_t>(n); break;
    }
    out[i] = arrays[i].mutable_data();
    width[i] = arrays[i].itemsize();
  }
  // The trigger dates' part of each obligation's key (_evaluation.keys_of): a code per obligation
  // into the texts of its days, first the day itself (its code once the days are known).
  auto trigger_day = array_of<std::int32_t>(n);
  auto trigger_pos = array_of<std::int64_t>(n);
  std::vector<std::string> explanations(explain_each ? n : 0);
  const std::size_t ranges = row_ranges(n, threads);
  std::vector<std::pair<std::int32_t, std::int32_t>> day_span(ranges, {INT32_MAX, INT32_MIN});  // each range's
  std::vector<std::optional<Date>> beyond_ns(ranges);  // each range's first date datetime64[ns] cannot hold
  {
    std::int64_t* const pos_out = trigger_pos.mutable_data();
    std::int32_t* const day_out = trigger_day.mutable_data();
    py::gil_scoped_release release;
    // On the evaluation's threads, a range of obligations each (its explanations too).
    over_row_ranges(n, ranges, [&](std::size_t range, std::size_t begin, std::size_t end) {
      auto [first_day, last_day] = day_span[range];
      for (std::size_t r = begin; r < end; ++r) {
        const Obligation& ob = ev.obligations[r];
        const ObligationRow row{ob, table};
        pos_out[r] = static_cast<std::int64_t>(table.line(ob.trigger_row));
        const std::int32_t day = ob.trigger_date.days();
        day_out[r] = day;
        first_day = std::min(first_day, day);
        last_day = std::max(last_day, day);
        for_each_obligation_column([&](auto i) {
          constexpr ObligationColumn c = obligation_columns[i];
          switch (c.type) {
            case ColumnType::input_text: break;
            case ColumnType::category: {
              const auto code = static_cast<std::int32_t>(c.code(row));
              if (width[i] == 1) static_cast<std::int8_t*>(out[i])[r] = static_cast<std::int8_t>(code);
              else if (width[i] == 2) static_cast<std::int16_t*>(out[i])[r] = static_cast<std::int16_t>(code);
              else static_cast<std::int32_t*>(out[i])[r] = code;
              break;
            }
            case ColumnType::integer: static_cast<std::int64_t*>(out[i])[r] = c.integer(row); break;
            case ColumnType::date: {
              // An obligation's dates are in its calendar's range (1990 to 2060, say), which a
              // council's calendar could stretch beyond datetime64[ns]'s: refused below, not wrapped.
              const CompactOptional<Date> d = c.date(row);
              std::int64_t ticks = nat;
              if (d && (d->days() < first_ns_day || d->days() > last_ns_day)) {
                if (!beyond_ns[range]) beyond_ns[range] = *d;
              } else if (d) {
                ticks = std::int64_t{d->days()} * ns_a_day;
              }
              static_cast<std::int64_t*>(out[i])[r] = ticks;
              break;
            }
          }
        });
        if (explain_each) explanations[r] = explain(ob, table, ev.as_of, language);
      }
      day_span[range] = {first_day, last_day};
    });
  }
  for (const std::optional<Date>& d : beyond_ns) {
    if (d) {
      throw Failure(Kind::date_out_of_range, "an obligation's date, " + to_string(*d) + ", is outside what pandas' "
                                             "datetime64[ns] holds (1677-09-22 to 2262-04-11)");
    }
  }

  py::dict cols;
  cols["trigger_pos"] = trigger_pos;
  for (std::size_t i = 0; i < obligation_columns.size(); ++i) {
    const ObligationColumn& c = obligation_columns[i];
    if (c.type != ColumnType::input_text) cols[py::str(c.name.data(), c.name.size())] = arrays[i];
  }
  std::int32_t first_day = INT32_MAX, last_day = INT32_MIN;
  for (const auto& [first, last] : day_span) {
    first_day = std::min(first_day, first);
    last_day = std::max(last_day, last);
  }
  cols["trigger_day"] = day_codes(trigger_day, first_day, last_day);
  cols["categories"] = categories;
  if (explain_each) cols["explanation"] = explanations;

  // Findings (C7): refused variations, with the row of the event that asked.
  const std::size_t nf = ev.findings.size();
  auto finding_pos = array_of<std::int64_t>(nf);
  auto finding_date = array_of<std::int64_t>(nf);
  std::vector<std::string> f_rule, f_event, f_attribute, f_asked, f_limit, f_explanation;
  for (std::size_t i = 0; i < nf; ++i) {
    const Finding& f = ev.findings[i];
    finding_pos.mutable_data()[i] = static_cast<std::int64_t>(table.line(f.row));
    finding_date.mutable_data()[i] = f.date.days();
    f_rule.push_back(f.rule->id);
    f_event.emplace_back(name(f.event));
    f_attribute.emplace_back(name(f.attribute));
    f_asked.push_back(to_string(f.asked));
    f_limit.push_back(to_string(f.limit));
    f_explanation.push_back(explain(f, language));
  }
  py::dict findings;
  findings["pos"] = finding_pos;
  findings["rule"] = f_rule;
  findings["event"] = f_event;
  findings["date"] = finding_date;
  findings["attribute"] = f_attribute;
  findings["asked"] = f_asked;
  findings["limit"] = f_limit;
  findings["explanation"] = f_explanation;
  cols["findings"] = findings;
  cols["rejected"] = rejected_columns(table, events.reasons, language);
  cols["as_of"] = ev.as_of.days();
  cols["rows_read"] = table.rows_read();
  cols["events_used"] = ev.events_used;
  cols["events_after_as_of"] = ev.events_after_as_of;
  auto after = array_of<std::int64_t>(ev.rows_after_as_of.size());  // C9: their positions, reported
  for (std::size_t i = 0; i < ev.rows_after_as_of.size(); ++i) {
    after.mutable_data()[i] = static_cast<std::int64_t>(table.line(ev.rows_after_as_of[i]));
  }
  cols["after_as_of"] = after;
  // C1: duties whose deadline falls beyond the calendar, not judged: their trigger rows and rules.
  auto unjudged_pos = array_of<std::int64_t>(ev.unjudged.size());
  std::vector<std::string> unjudged_rule, unjudged_event;
  for (std::size_t i = 0; i < ev.unjudged.size(); ++i) {
    unjudged_pos.mutable_data()[i] = static_cast<std::int64_t>(table.line(ev.unjudged[i].trigger_row));
    unjudged_rule.push_back(ev.unjudged[i].rule->id);
    unjudged_event.emplace_back(name(ev.unjudged[i].trigger_event));
  }
  py::dict unjudged;
  unjudged["pos"] = unjudged_pos;
  unjudged["rule"] = unjudged_rule;
  unjudged["trigger_event"] = unjudged_event;
  cols["unjudged"] = unjudged;
  cols["children"] = table.case_ids().size();
  return py::make_tuple(result, cols);
}

Granularity granularity_named(const std::string& text) {
  if (text == "month") return Granularity::month;
  if (text == "quarter") return Granularity::quarter;
  if (text == "year") return Granularity::year;
  if (text == "whole") return Granularity::whole;
  throw Failure(Kind::base, "period must be month, quarter, year or whole (Welsh financial year, April to March), not " +
                                excerpt(text));
}

// The measures a rulebook carries (the built-in ones, and a local layer's), compiled against it.
std::vector<Measure> measures_of(const Rulebook& book) {
  auto measures = rulebook_measures(book);
  if (!measures) {
    std::string message;
    for (const Diagnostic& d : measures.error()) message += d.to_string() + "\n";
    throw Failure(Kind::rules, message + "the rulebook's measures do not compile");
  }
  return std::move(*measures);
}

const Measure& measure_named(const std::vector<Measure>& all, const std::string& id) {
  const auto it = std::ranges::find(all, id, &Measure::id);
  if (it == all.end()) {
    std::string known;
    for (const Measure& m : all) known += "\n  " + m.id;
    throw Failure(Kind::base, "unknown measure " + excerpt(id, id_excerpt) + "; the measures are:" + known);
  }
  return *it;
}

// The dashboard page (dashboard.hpp) of a whole evaluation, as `timescales dashboard` writes it for
// the same arguments: every measure of the rulebook (or those named), its targets, by the carried
// columns named.
std::string dashboard_page(const Result& result, const std::vector<std::string>& measure_ids,
                           const std::vector<std::string>& by, const std::string& period, std::optional<std::int64_t> from,
                           std::optional<std::int64_t> to, const std::string& within, const std::string& title,
                           std::size_t rows_behind, const std::string& lang, const std::string& title_cy) {
  const Language language = language_named(lang);
  const std::vector<Measure> all = measures_of(result.book);
  const auto targets = rulebook_targets(result.book, all);
  if (!targets) {
    std::string message;
    for (const Diagnostic& d : targets.error()) message += d.to_string() + "\n";
    throw Failure(Kind::rules, message + "the rulebook's targets do not compile");
  }
  std::vector<const Measure*> chosen;
  if (measure_ids.empty()) {
    for (const Measure& m : all) chosen.push_back(&m);
  }
  for (const std::string& id : measure_ids) {
    const Measure* m = &measure_named(all, id);
    if (std::ranges::find(chosen, m) == chosen.end()) chosen.push_back(m);  // named twice: shown once
  }
  const EventTable& table = *result.table;
  DashboardOptions options;
  options.granularity = granularity_named(period);
  if (options.granularity == Granularity::whole) throw Failure(Kind::base, "period must be month, quarter or year");
  const auto horizon = parse_period(within);
  if (!horizon) throw Failure(Kind::period, "within: " + horizon.error().message);
  options.within = *horizon;
  options.title = title;
  options.title_cy = title_cy;
  options.rows_behind = rows_behind;
  for (const std::string& name : by) {
    const auto it = std::ranges::find(table.carried_columns(), name);
    if (it == table.carried_columns().end()) throw Failure(Kind::base, "by=" + excerpt(name) + " is not a carried column");
    options.by.push_back(static_cast<std::size_t>(it - table.carried_columns().begin()));
  }
  for (const auto& d : {from, to}) {
    if (d && !printable(*d)) throw Failure(Kind::date_out_of_range, "from_ or to is outside the dates the library can print");
  }
  const auto window = report_options(result.evaluation, table, options.granularity,
                                     from ? std::optional(to_date(*from)) : std::nullopt,
                                     to ? std::optional(to_date(*to)) : std::nullopt, options.by);
  if (!window) throw Failure(Kind::base, "to is before from_");
  std::ostringstream out;
  std::expected<void, std::string> written;
  {
    py::gil_scoped_release release;
    const Report r = report(chosen, result.evaluation, *window);
    written = write_dashboard(out, r, *targets, result.evaluation, table, result.book, options, language);
  }
  if (!written) throw Failure(Kind::period, "within: " + written.error());
  return out.str();
}

// The open duties of an evaluation (worklist.hpp): positions into its obligations, with the days
// left and the rule's title. Python groups by its own columns (a stable sort keeps this order).
py::dict worklist_result(const Result& result, const std::string& within, const std::string& lang) {
  const Language language = language_named(lang);
  const auto period = parse_period(within);
  if (!period) throw Failure(Kind::base, "within: " + period.error().message);
  WorklistOptions options;
  options.within = *period;
  const auto list = worklist(result.evaluation, *result.table, result.book, options);
  if (!list) throw Failure(Kind::date_out_of_range, "within: " + list.error().message);
  const std::size_t n = list->items.size();
  auto position = array_of<std::int64_t>(n);
  auto days = array_of<std::int32_t>(n);
  auto working = array_of<std::int32_t>(n);
  std::vector<std::string> title;
  title.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const WorkItem& item = list->items[i];
    position.mutable_at(i) = item.obligation;
    days.mutable_at(i) = item.days_left;
    working.mutable_at(i) = item.working_days_left;
    title.emplace_back(rule_title(*result.evaluation.obligations[item.obligation].rule, language));
  }
  py::dict out;
  out["position"] = position;
  out["days_left"] = days;
  out["working_days_left"] = working;
  out["title"] = title;
  out["horizon"] = list->horizon.days();
  return out;
}

// Measures over an evaluation's obligations, or over some of them (`positions`, in order: the rows
// a filtered DataFrame kept), each figure for all and, with `group_of` (per counted obligation: its
// group, or -1), for each group, whose `by` values are `group_values` (as text).
py::dict report_result(const Result& result, const std::vector<std::string>& measure_ids, const std::string& period,
                       std::optional<std::int64_t> from, std::optional<std::int64_t> to,
                       std::optional<py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>> positions,
                       std::optional<py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>> group_of,
                       std::vector<std::vector<std::string>> group_values, const std::string& lang) {
  const Language language = language_named(lang);
  const std::vector<Measure> all = measures_of(result.book);
  std::vector<const Measure*> chosen;
  if (measure_ids.empty()) {
    for (const Measure& m : all) chosen.push_back(&m);
  }
  for (const std::string& id : measure_ids) chosen.push_back(&measure_named(all, id));
  ReportOptions options;
  options.granularity = granularity_named(period);
  const EventTable& table = *result.table;
  Evaluation subset;  // the obligations counted, when not all of them
  const Evaluation* ev = &result.evaluation;
  if (positions) {
    subset.as_of = ev->as_of;
    const auto p = positions->unchecked<1>();
    subset.obligations.reserve(static_cast<std::size_t>(p.shape(0)));
    for (py::ssize_t i = 0; i < p.shape(0); ++i) {
      if (p(i) < 0 || static_cast<std::size_t>(p(i)) >= ev->obligations.size()) {
        throw Failure(Kind::base, "internal: an obligation's position is outside the evaluation");
      }
      subset.obligations.push_back(ev->obligations[static_cast<std::size_t>(p(i))]);
    }
    ev = &subset;
  }
  for (const auto& d : {from, to}) {
    if (d && !printable(*d)) throw Failure(Kind::date_out_of_range, "from_ or to is outside the dates the library can print");
  }
  const auto window = report_options(*ev, table, options.granularity, from ? std::optional(to_date(*from)) : std::nullopt,
                                     to ? std::optional(to_date(*to)) : std::nullopt);  // as the tool
  if (!window) throw Failure(Kind::base, "to is before from_");
  options.from = window->from;
  options.to = window->to;
  if (group_of) {
    const auto g = group_of->unchecked<1>();
    if (static_cast<std::size_t>(g.shape(0)) != ev->obligations.size()) {
      throw Failure(Kind::base, "internal: one group per obligation counted is needed");
    }
    const std::size_t group_count = group_values.size();
    Groups groups;
    groups.values = std::move(group_values);
    groups.of.reserve(ev->obligations.size());
    for (py::ssize_t i = 0; i < g.shape(0); ++i) {
      groups.of.push_back(g(i) < 0 || static_cast<std::size_t>(g(i)) >= group_count ? Groups::none
                                                                                     : static_cast<std::uint32_t>(g(i)));
    }
    options.groups = std::move(groups);
  }

  Report r;
  {
    py::gil_scoped_release release;
    r = report(chosen, *ev, options);
  }
  const std::size_t n = r.rows.size();
  auto start = array_of<std::int64_t>(n), end = array_of<std::int64_t>(n);
  auto numerator = array_of<std::int64_t>(n), denominator = array_of<std::int64_t>(n);
  auto has_denominator = array_of<bool>(n);
  auto percentage = array_of<double>(n);
  auto group = array_of<std::int64_t>(n);  // -1: the row of all
  std::vector<std::string> measure, title, group_text;
  auto confidence = array_of<std::int8_t>(n);  // -1: the row counts no obligation
  for (std::size_t i = 0; i < n; ++i) {
    const ReportRow& row = r.rows[i];
    confidence.mutable_data()[i] = row.confidence ? static_cast<std::int8_t>(*row.confidence) : -1;
    measure.push_back(row.measure->id);
    title.emplace_back(measure_title(*row.measure, language));
    group.mutable_data()[i] = row.all ? -1 : static_cast<std::int64_t>(row.group_index);
    group_text.push_back(row.group_text());
    start.mutable_data()[i] = row.period.first.days();
    end.mutable_data()[i] = row.period.last.days();
    numerator.mutable_data()[i] = static_cast<std::int64_t>(row.numerator);
    denominator.mutable_data()[i] = static_cast<std::int64_t>(row.denominator);
    has_denominator.mutable_data()[i] = row.has_denominator;
    percentage.mutable_data()[i] = row.percentage().value_or(std::nan(""));
  }
  py::dict out;
  out["measure"] = measure;
  out["title"] = title;
  out["period_start"] = start;
  out["period_end"] = end;
  out["group_index"] = group;
  out["group"] = group_text;
  out["numerator"] = numerator;
  out["denominator"] = denominator;
  out["has_denominator"] = has_denominator;
  out["percentage"] = percentage;
  out["confidence"] = confidence;
  out["from"] = options.from.days();
  out["to"] = options.to.days();
  return out;
}

std::int64_t date_or_nat(const std::optional<Date>& d) { return d ? d->days() : nat; }

py::dict rules_catalogue(const Rules& rules) {
  std::vector<std::string> id, title, title_cy, standard, confidence, instrument, provision, url, quote, calendar,
      trigger, completed_by, summary, summary_cy, local_for, file;
  std::vector<bool> recurring;
  std::vector<std::int64_t> from, to;
  for (const Rule& r : rules.book.rules()) {
    id.push_back(r.id);
    title.push_back(r.title);
    title_cy.push_back(r.title_cy);
    standard.emplace_back(name(r.standard));
    confidence.emplace_back(name(r.confidence));
    instrument.push_back(r.source.instrument);
    provision.push_back(r.source.provision);
    url.push_back(r.source.url);
    quote.push_back(r.source.quote);
    from.push_back(r.effective_from.days());
    to.push_back(date_or_nat(r.effective_to));
    calendar.push_back(r.calendar_id);
    trigger.emplace_back(name(r.trigger));
    completed_by.emplace_back(name(r.completed_by));
    recurring.push_back(r.recurring);
    summary.push_back(r.summary);
    summary_cy.push_back(r.summary_cy);
    local_for.push_back(r.local_standard_for.value_or(""));
    file.push_back(r.file);
  }
  py::dict out;
  out["id"] = id;
  out["title"] = title;
  out["standard"] = standard;
  out["confidence"] = confidence;
  out["instrument"] = instrument;
  out["provision"] = provision;
  out["url"] = url;
  out["effective_from"] = from;
  out["effective_to"] = to;
  out["title_cy"] = title_cy;
  out["calendar"] = calendar;
  out["trigger"] = trigger;
  out["completed_by"] = completed_by;
  out["recurring"] = recurring;
  out["local_standard_for"] = local_for;
  out["quote"] = quote;
  out["summary"] = summary;
  out["summary_cy"] = summary_cy;
  out["file"] = file;
  return out;
}

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

std::string joined(const std::vector<Status>& statuses) {
  std::string out;
  for (const Status s : statuses) out += (out.empty() ? "" : ", ") + std::string(name(s));
  return out;
}

py::dict measures_catalogue(const Rules& book) {
  std::vector<std::string> id, title, title_cy, standard, basis, rules, numerator, denominator, source_name, source_url,
      summary, summary_cy;
  std::vector<std::int64_t> from, to;
  for (const Measure& m : measures_of(book.book)) {
    id.push_back(m.id);
    title.push_back(m.title);
    title_cy.push_back(m.title_cy);
    standard.emplace_back(name(m.standard));
    basis.emplace_back(name(m.basis));
    rules.push_back(joined(m.rules));
    numerator.push_back(joined(m.numerator));
    denominator.push_back(joined(m.denominator));
    source_name.push_back(m.source_name);
    source_url.push_back(m.source_url);
    summary.push_back(m.summary);
    summary_cy.push_back(m.summary_cy);
    from.push_back(date_or_nat(m.reports_from));
    to.push_back(date_or_nat(m.reports_to));
  }
  py::dict out;
  out["id"] = id;
  out["title"] = title;
  out["standard"] = standard;
  out["basis"] = basis;
  out["rules"] = rules;
  out["numerator"] = numerator;
  out["denominator"] = denominator;
  out["reports_from"] = from;
  out["reports_to"] = to;
  out["source_name"] = source_name;
  out["source_url"] = source_url;
  out["title_cy"] = title_cy;
  out["summary"] = summary;
  out["summary_cy"] = summary_cy;
  return out;
}

Failure rules_failed(const std::string& dir, const Diagnostics& problems) {
  std::string message;
  for (const Diagnostic& d : problems) message += (d.file.empty() ? dir : std::string()) + d.to_string() + "\n";
  return Failure(Kind::rules, message + "the rules in " + dir + " do not compile");
}

// A council's local directories layered, in order, on a rulebook (the tool's --local DIR, C12).
Rules layer_rules(const Rules& base, const std::vector<std::string>& local) {
  if (!base.only.empty() && !local.empty()) {
    throw Failure(Kind::base, "a selection of rules cannot have local rules layered on it: layer first, "
                              "load_rules(local=...), then select(ids)");
  }
  Rulebook book = base.book;
  std::vector<std::string> sources = base.local;
  for (const std::string& dir : local) {
    sources.push_back(std::filesystem::absolute(dir).string());
    const auto files = read_sources(dir);
    if (!files) fail(files.error());
    auto layered = layer_rulebook(book, *files);
    if (!layered) throw rules_failed(dir, layered.error());
    book = std::move(*layered);
  }
  if (!local.empty()) measures_of(book);  // a layer's measures are checked when it is loaded, as `rules check`
  return Rules{std::move(book), base.only, base.directory, std::move(sources)};
}

// The rulebook the tool's --rules DIR and --local DIR give: the built-in rules, or a whole
// rulebook from `directory`, with each local directory layered on in order.
Rules load_rules(const std::optional<std::string>& directory, const std::vector<std::string>& local) {
  Rulebook book = builtin_rulebook();
  if (directory) {
    const auto files = read_sources(*directory);
    if (!files) fail(files.error());
    if (!declares_jurisdiction(*files)) {
      throw Failure(Kind::rules, *directory + " declares no jurisdiction, so it is not a whole rulebook; to add a "
                                 "council's rules to the built-in ones, give it as local=");
    }
    auto loaded = load_rulebook(*files);
    if (!loaded) throw rules_failed(*directory, loaded.error());
    book = std::move(*loaded);
    measures_of(book);
  }
  std::optional<std::string> whole;
  if (directory) whole = std::filesystem::absolute(*directory).string();
  return layer_rules(Rules{std::move(book), {}, std::move(whole), {}}, local);
}

std::vector<std::string> names_of(auto&& name_at, std::size_t count) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < count; ++i) out.emplace_back(name_at(i));
  return out;
}

}  // namespace

void bind_events(py::module_& m) {
  py::class_<Rules>(m, "Rulebook", "A compiled rulebook: rules and the calendars they count in (immutable).")
      .def_property_readonly("rule_ids", [](const Rules& r) { return r.only.empty() ? family_ids(r.book) : r.only; })
      .def(
          "select",
          [](const Rules& r, const std::vector<std::string>& ids) {
            check_rule_ids(r.book, ids);
            return Rules{r.book, ids, r.directory, r.local};
          },
          py::arg("ids"), "The same rulebook, evaluating only these rule ids.")
      .def("__len__", [](const Rules& r) { return r.book.rules().size(); })
      .def("__repr__", [](const Rules& r) {
        return "<timescales.Rulebook: " + std::to_string(r.book.families().size()) + " rules, " +
               std::to_string(r.book.rules().size()) + " versions" +
               (r.only.empty() ? std::string() : "; evaluating " + std::to_string(r.only.size()) + " of them") + ">";
      })
      // Pickled as where it came from, and loaded again from there when unpickled (the files are
      // read again: timescales.Evaluation checks that they give the same obligations).
      .def(py::pickle(
          [](const Rules& r) { return py::make_tuple(r.directory, r.local, r.only); },
          [](const py::tuple& state) {
            Rules r = load_rules(state[0].cast<std::optional<std::string>>(), state[1].cast<std::vector<std::string>>());
            const auto only = state[2].cast<std::vector<std::string>>();
            check_rule_ids(r.book, only);
            r.only = only;
            return r;
          }))
      // A rulebook is immutable and shared: copies are the same rulebook.
      .def("__copy__", [](const py::object& self) { return self; })
      .def("__deepcopy__", [](const py::object& self, const py::object&) { return self; }, py::arg("memo"));
  m.def("builtin_rulebook", [] { return Rules{builtin_rulebook(), {}, {}, {}}; }, "The rules compiled into the library.");
  m.def("load_rulebook", &load_rules, py::arg("directory"), py::arg("local"),
        "The built-in rules or a whole rulebook from a directory (--rules DIR), with local directories layered on "
        "(--local DIR).");
  m.def("layer_rulebook", &layer_rules, py::arg("rules"), py::arg("local"),
        "A rulebook with a council's local directories layered on it, in order (--local DIR).");

  py::class_<Events>(m, "Events", "Validated case events (an EventTable).")
      .def_property_readonly("rows_read", [](const Events& e) { return e.table->rows_read(); })
      .def_property_readonly("used", [](const Events& e) { return e.table->events().size(); })
      .def_property_readonly("rejected", [](const Events& e) { return e.table->rejected().size(); });
  m.def("join_texts", &join_texts, py::arg("first"), py::arg("parts"), py::arg("sep"),
        "str(first[r]) and each part's texts[codes[r]], joined by sep, for every row r: an object array of str.");
  m.def("join_arrow_texts", &join_arrow_texts, py::arg("offsets"), py::arg("data"), py::arg("parts"), py::arg("sep"),
        py::arg("threads") = 0,
        "join_texts for Arrow text: from a string column's offsets (sliced to its rows) and data to an Arrow "
        "large_string's (offsets, data), without Python str objects.");
  m.def("day_codes", &day_codes_of, py::arg("days"),
        "int64 days as (int32 codes, texts): the texts of every day from the first to the last, or of the distinct "
        "days when they are spread thin; None when a day is NaT or not printable as YYYY-MM-DD.");
  m.def("available_cores", &available_cores,
        "The cores this process may use (its CPU affinity, within a cgroup's CPU quota): what threads=0 means.");
  m.def("text_codes", &text_codes, py::arg("values"), py::arg("trim"), py::arg("na"),
        "(codes, texts) of an object array of str, bools and missing values; None for anything else.");
  m.def("make_events", &make_events, py::arg("rules"), py::arg("rows"), py::arg("case_id"), py::arg("event"),
        py::arg("date_text"), py::arg("date_days"), py::arg("attributes"), py::arg("carried"),
        py::arg("date_format") = "%Y-%m-%d",
        "Validate columns (codes, values) into an event table; rejected rows are kept with their reasons.");
  m.def(
      "date_format",
      [](const std::string& text) {
        const auto format = DateFormat::named(text);
        if (!format) throw Failure(Kind::base, "date_format: " + format.error());
        return format->text();
      },
      py::arg("text"), "A date format's text as the library reads it, or TimescalesError saying why not.");
  m.def(
      "check_column_mapping",
      [](const std::vector<std::pair<std::string, std::string>>& pairs) {
        ColumnMapping mapping;
        for (const auto& [from, to] : pairs) mapping.push_back({from, to});
        if (const auto ok = check_column_mapping(mapping); !ok) throw Failure(Kind::base, ok.error());
      },
      py::arg("pairs"), "TimescalesError unless every (theirs, ours) maps to an event column, each once.");
  m.def(
      "read_export_format",
      [](const std::string& name, const std::string& text) {
        auto format = read_export_format(name, text);
        if (!format) {
          std::string message;
          for (const Diagnostic& d : format.error()) message += (message.empty() ? "" : "\n") + d.to_string();
          throw Failure(Kind::base, message);
        }
        std::vector<std::pair<std::string, std::string>> pairs;
        for (const ColumnRename& r : format->columns) pairs.emplace_back(r.from, r.to);
        return py::make_tuple(pairs, format->date_format ? py::object(py::str(format->date_format->text())) : py::none());
      },
      py::arg("name"), py::arg("text"), "A columns file's ([(theirs, ours)], date format or None), or TimescalesError with its problems.");

  py::class_<Result, std::shared_ptr<Result>>(m, "Evaluation", "An evaluation, kept to explain its obligations.")
      .def("__len__", [](const Result& r) { return r.evaluation.obligations.size(); })
      .def_property_readonly("as_of", [](const Result& r) { return r.evaluation.as_of.days(); })
      .def_property_readonly("children", [](const Result& r) { return r.table->case_ids().size(); })
      .def(
          "explain",
          [](const Result& r, std::size_t i, const std::string& lang) {
            if (i >= r.evaluation.obligations.size()) throw py::index_error("no such obligation");
            return explain(r.evaluation.obligations[i], *r.table, r.evaluation.as_of, language_named(lang));
          },
          py::arg("index"), py::arg("lang") = "en", "The explanation of obligation `index` (its row in evaluate's result).")
      .def(
          "timeline",
          [](const Result& r, const std::string& case_id, const std::string& lang) {
            auto text = case_timeline(r.evaluation, *r.table, case_id, language_named(lang));
            if (!text) throw Failure(Kind::base, text.error());
            return *text;
          },
          py::arg("case_id"), py::arg("lang") = "en", "One child's events and duties in date order, each duty with its explanation.")
      .def(
          "find",
          [](const Result& r, const std::string& case_id, const std::string& rule, const std::string& standard,
             std::int64_t occurrence, std::int64_t trigger_date, std::int64_t due_date, std::int64_t hint) -> std::int64_t {
            const auto matches = [&](std::size_t i) {
              const Obligation& ob = r.evaluation.obligations[i];
              return r.table->case_id(ob.case_index) == case_id && ob.rule->id == rule && name(ob.standard) == standard &&
                     ob.occurrence == occurrence && ob.trigger_date.days() == trigger_date &&
                     ob.due_date.days() == due_date;
            };
            const std::size_t n = r.evaluation.obligations.size();
            if (hint >= 0 && static_cast<std::size_t>(hint) < n && matches(static_cast<std::size_t>(hint))) return hint;
            for (std::size_t i = 0; i < n; ++i) {
              if (matches(i)) return static_cast<std::int64_t>(i);
            }
            return -1;
          },
          py::arg("case_id"), py::arg("rule"), py::arg("standard"), py::arg("occurrence"), py::arg("trigger_date"),
          py::arg("due_date"), py::arg("hint"), "The index of the obligation with these keys, or -1.");
  m.def("evaluate", &evaluate_events, py::arg("events"), py::arg("rules"), py::arg("as_of"), py::arg("only_rules"),
        py::arg("explain"), py::arg("threads") = 0U, py::arg("lang") = "en",
        "Evaluate an event table on `threads` threads (0: every core), without the GIL: (Evaluation, dict of columns).");
  m.def("report", &report_result, py::arg("evaluation"), py::arg("measures"), py::arg("period"), py::arg("from_"),
        py::arg("to"), py::arg("positions"), py::arg("group_of"), py::arg("group_values"), py::arg("lang") = "en",
        "Count measures over periods (and groups) of an evaluation's obligations, or of some of them.");
  m.def("worklist", &worklist_result, py::arg("evaluation"), py::arg("within"), py::arg("lang") = "en",
        "The open duties of an evaluation: positions, days left, working days left, titles, the horizon.");
  m.def("dashboard", &dashboard_page, py::arg("evaluation"), py::arg("measures"), py::arg("by"), py::arg("period"),
        py::arg("from_"), py::arg("to"), py::arg("within"), py::arg("title"), py::arg("rows_behind"), py::arg("lang") = "en",
        py::arg("title_cy") = "", "The dashboard page of an evaluation, as `timescales dashboard` writes it.");
  m.def("rules_catalogue", &rules_catalogue, py::arg("rules"), "Every rule version of a rulebook, as columns.");
  m.def("measures_catalogue", &measures_catalogue, py::arg("rules"), "A rulebook's measures (the built-in ones, and its local layers'), as columns.");

  py::list columns;  // (name, type) of each obligation column, in order: _api.py builds the DataFrame from them
  for (const ObligationColumn& c : obligation_columns) {
    const std::string_view type = name(c.type);
    columns.append(py::make_tuple(py::str(c.name.data(), c.name.size()), py::str(type.data(), type.size())));
  }
  m.attr("OBLIGATION_COLUMNS") = columns;
  py::list worklist_names;  // the worklist's columns, in order (worklist_columns.hpp)
  for (const WorklistColumn& c : worklist_columns) worklist_names.append(py::str(c.name.data(), c.name.size()));
  m.attr("WORKLIST_COLUMNS") = worklist_names;
  m.attr("DEFAULT_WORKLIST_HORIZON") = py::str(default_worklist_horizon.data(), default_worklist_horizon.size());
  // The dashboard marks a figure of fewer duties than this as small; so does timescales.plot.
  m.attr("SMALL_FIGURE") = small_figure;
  m.attr("STANDARDS") = names_of([](std::size_t i) { return name(static_cast<Standard>(i)); }, 3);
  m.attr("STATUSES") = names_of([](std::size_t i) { return name(static_cast<Status>(i)); }, 6);
  m.attr("EVENTS") = names_of([](std::size_t i) { return name(static_cast<EventType>(i)); }, event_type_count);
  m.attr("ATTRIBUTES") = names_of([](std::size_t i) { return name(static_cast<Attribute>(i)); }, attribute_count);
  m.attr("PLACEMENT_TYPES") = names_of([](std::size_t i) { return placement_type_names[i]; }, placement_type_names.size());
  m.attr("LEGAL_STATUSES") = names_of([](std::size_t i) { return legal_status_names[i]; }, legal_status_names.size());
  m.attr("CONFIDENCES") = names_of([](std::size_t i) { return name(static_cast<Confidence>(i)); }, 3);
}

}  // namespace timescales::python
