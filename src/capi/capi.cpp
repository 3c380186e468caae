// The C API (include/timescales/timescales.h): a thin layer over the C++ API. Every entry point
// catches everything, so that no exception crosses into a C, .NET or Java host; failures become a
// ts_status and a thread-local message.
#include "timescales/timescales.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <expected>
#include <new>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "timescales/engine.hpp"
#include "timescales/event.hpp"
#include "timescales/explain.hpp"
#include "timescales/load.hpp"
#include "timescales/obligation_columns.hpp"
#include "timescales/source.hpp"
#include "timescales/worklist.hpp"

#ifndef TIMESCALES_VERSION
#error "TIMESCALES_VERSION must be defined by the build"
#endif

// Each handle starts with a tag saying what it is, so that a handle of the wrong kind (a rulebook
// passed as an evaluation) is caught where it can be, rather than read as the other.
enum class HandleTag : std::uint64_t { rulebook = 0x74732d72756c6573, evaluation = 0x74732d6576616c73, freed = 0 };

struct ts_rulebook {
  HandleTag tag = HandleTag::rulebook;
  timescales::Rulebook rules;
};

struct ts_evaluation {
  HandleTag tag = HandleTag::evaluation;
  timescales::Rulebook rules;  // a reference to the compiled rules: obligations point into them
  timescales::EventTable table;
  std::optional<timescales::Evaluation> result;  // reset whenever an event is added
  std::size_t added = 0;                         // rows added: the next row's line is added + 1
  bool broken = false;  // ran out of memory while adding a row: the table may be inconsistent
  unsigned threads = 0;  // ts_evaluation_set_threads: 0, every core the process may use (available_cores)
};

namespace {

using namespace timescales;

// The last failure on this thread. `fixed`, when set, is used instead of `text`: it needs no
// memory, for when there is none left to build a message in.
thread_local std::string t_error_text;
thread_local const char* t_error_fixed = nullptr;

void clear_error() noexcept {
  t_error_text.clear();
  t_error_fixed = nullptr;
}

ts_status fail_fixed(ts_status status, const char* message) noexcept {
  t_error_fixed = message;
  return status;
}

ts_status fail(ts_status status, std::string_view message, std::string_view more = {}) noexcept {
  try {
    t_error_text.assign(message);
    t_error_text.append(more);
    t_error_fixed = nullptr;
  } catch (...) {
    t_error_fixed = "out of memory (while reporting an error)";
  }
  return status;
}

// Runs one entry point's body: no exception escapes.
template <class Body>
ts_status guarded(Body&& body) noexcept {
  clear_error();
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return fail_fixed(TS_OUT_OF_MEMORY, "out of memory");
  } catch (const std::exception& e) {
    return fail(TS_INTERNAL, "internal error: ", e.what());
  } catch (...) {
    return fail_fixed(TS_INTERNAL, "internal error: an unknown exception");
  }
}

ts_status null_argument(const char* name) noexcept { return fail(TS_INVALID_ARGUMENT, name, " must not be NULL"); }

ts_status wrong_handle(const char* name, const char* kind) noexcept {
  return fail(TS_INVALID_ARGUMENT, name, std::string(" is not a ") + kind + " handle (a handle of another kind, or one already freed)");
}

// TS_OK when the rulebook handle can be used.
ts_status usable(const ts_rulebook* rules) noexcept {
  if (rules == nullptr) return null_argument("rules");
  if (rules->tag != HandleTag::rulebook) return wrong_handle("rules", "ts_rulebook");
  return TS_OK;
}

// TS_OK when the evaluation handle can be used.
ts_status usable(const ts_evaluation* ev) noexcept {
  if (ev == nullptr) return null_argument("evaluation");
  if (ev->tag != HandleTag::evaluation) return wrong_handle("evaluation", "ts_evaluation");
  if (ev->broken) {
    return fail_fixed(TS_OUT_OF_MEMORY, "this evaluation ran out of memory while an event was added; free it and start again");
  }
  return TS_OK;
}

// The dates whose ISO text has four-digit years: the only day numbers converted to text.
constexpr Date first_iso_day = days_from_civil({1, 1, 1});
constexpr Date last_iso_day = days_from_civil({9999, 12, 31});

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = 0;
    if (c < 0x80) n = 1;
    else if (c >= 0xC2 && c <= 0xDF) n = 2;
    else if (c >= 0xE0 && c <= 0xEF) n = 3;
    else if (c >= 0xF0 && c <= 0xF4) n = 4;
    if (n == 0 || i + n > s.size()) return false;
    const auto at = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
    for (std::size_t k = 1; k < n; ++k) {
      if ((at(k) & 0xC0) != 0x80) return false;
    }
    if (n == 3 && ((c == 0xE0 && at(1) < 0xA0) || (c == 0xED && at(1) > 0x9F))) return false;  // overlong, surrogate
    if (n == 4 && ((c == 0xF0 && at(1) < 0x90) || (c == 0xF4 && at(1) > 0x8F))) return false;  // overlong, > U+10FFFF
    i += n;
  }
  return true;
}

// A column name as given by the host, safe to keep in a rejection (UTF-8, not too long).
std::string column_label(std::string_view key) {
  if (!valid_utf8(key)) return "";
  return std::string(utf8_prefix(key, max_case_id_length));
}

std::string quoted(std::string_view field) { return valid_utf8(field) ? excerpt(field, case_data_excerpt) : "(not UTF-8)"; }

// The attribute keys an event takes, from the vocabulary (docs/formats.md): "placement_type, ...".
std::string attribute_list() {
  std::string out;
  for (std::size_t a = 0; a < attribute_count; ++a) out += (a ? ", " : "") + std::string(name(static_cast<Attribute>(a)));
  return out;
}

ts_status rejected(const ts_evaluation& ev) {
  const Rejection& r = ev.table.rejected().back();
  return fail(TS_REJECTED, "row " + std::to_string(r.line) + (r.column.empty() ? "" : ": " + r.column), ": " + r.reason);
}

ts_status add_row(ts_evaluation* ev, const char* case_id, const char* event, std::string_view date,
                  const std::optional<Reason>& date_problem, const ts_pair* attributes, std::size_t attribute_count);

// Validates and adds one row: `date` is the date's text, unless `date_problem` says why there is
// none (a day number too far out to write as a date).
ts_status add_event(ts_evaluation* ev, const char* case_id, const char* event, std::string_view date,
                    const std::optional<Reason>& date_problem, const ts_pair* attributes, std::size_t attribute_count) {
  if (const ts_status s = usable(ev); s != TS_OK) return s;
  if (case_id == nullptr) return null_argument("case_id");
  if (event == nullptr) return null_argument("event");
  if (attribute_count > 0 && attributes == nullptr) return null_argument("attributes (with attribute_count > 0)");
  for (std::size_t i = 0; i < attribute_count; ++i) {
    if (attributes[i].key == nullptr) return fail(TS_INVALID_ARGUMENT, "attributes[" + std::to_string(i) + "].key", " must not be NULL");
  }

  try {
    return add_row(ev, case_id, event, date, date_problem, attributes, attribute_count);
  } catch (const std::bad_alloc&) {
    ev->broken = true;
    throw;
  }
}

ts_status add_row(ts_evaluation* ev, const char* case_id, const char* event, std::string_view date,
                  const std::optional<Reason>& date_problem, const ts_pair* attributes, std::size_t attribute_count) {
  ev->result.reset();
  const std::size_t line = ++ev->added;
  const std::string_view id(case_id);
  const std::string id_kept = valid_utf8(id) ? std::string(utf8_prefix(id, max_case_id_length)) : std::string();
  const auto reject = [&](std::string column, Reason reason) {
    ev->table.reject(line, id_kept, std::move(column), std::move(reason));
    return rejected(*ev);
  };

  RowText row{id, event, date, {}};
  const std::vector<std::string>& carried_names = ev->table.carried_columns();
  std::vector<std::string_view> carried(carried_names.size());
  std::vector<bool> carried_given(carried_names.size(), false);
  std::array<bool, timescales::attribute_count> attribute_given{};
  for (std::size_t i = 0; i < attribute_count; ++i) {
    const std::string_view key(attributes[i].key);
    const std::string_view value = attributes[i].value == nullptr ? std::string_view{} : attributes[i].value;
    if (!valid_utf8(value)) return reject(column_label(key), because("not UTF-8"));
    bool* given = nullptr;
    if (const auto a = attribute_named(key)) {
      const auto index = static_cast<std::size_t>(*a);
      given = &attribute_given[index];
      row.attributes[index] = value;
    } else if (const auto it = std::ranges::find(carried_names, key); it != carried_names.end()) {
      const auto index = static_cast<std::size_t>(it - carried_names.begin());
      if (carried_given[index]) return reject(column_label(key), because("given twice"));
      carried_given[index] = true;
      carried[index] = value;
      continue;
    } else {
      return reject(column_label(key), because("unknown attribute or carried column {0} (attributes: {1}; carried "
                                               "columns are named at ts_evaluation_create)",
                                               {quoted(key), attribute_list()}));
    }
    if (*given) return reject(column_label(key), because("given twice"));
    *given = true;
  }
  if (!valid_utf8(id)) return reject("case_id", because("not UTF-8"));
  if (!valid_utf8(row.event)) return reject("event", because("not UTF-8"));
  if (date_problem) {
    // Report the case id's own problems first, as the table would.
    if (id.empty()) return reject("case_id", because("empty case id"));
    if (utf8_length(id) > max_case_id_length) {
      return reject("case_id", because("case id longer than {0} characters", {std::to_string(max_case_id_length)}));
    }
    return reject("date", *date_problem);
  }
  if (!valid_utf8(date)) return reject("date", because("not UTF-8"));
  if (ev->table.add_row(line, row, carried)) return TS_OK;
  return rejected(*ev);
}

const Evaluation* evaluated(const ts_evaluation* ev, ts_status& status) {
  if (status = usable(ev); status != TS_OK) return nullptr;
  if (!ev->result) {
    status = fail(TS_NOT_EVALUATED, "no results: call ts_evaluation_evaluate after adding the events");
    return nullptr;
  }
  return &*ev->result;
}

ts_status evaluate(ts_evaluation* ev, std::optional<Date> as_of) {
  if (as_of && !ev->table.valid_dates().contains(*as_of)) {  // C1: outside the calendar's range is an error
    const DateRange r = ev->table.valid_dates();
    return fail(TS_INVALID_ARGUMENT, "as_of: " + to_string(*as_of) + " is outside the supported range",
                " (" + to_string(r.first) + " to " + to_string(r.last) + ")");
  }
  if (!as_of && !ev->table.latest_date()) {  // C9 takes the latest event date: with none, no date to judge on
    return fail(TS_INVALID_ARGUMENT, "as_of: no event was used, so there is no latest event date to judge on (C9); give as_of");
  }
  EvaluateOptions options;
  options.as_of = as_of;
  options.threads = ev->threads;
  ev->result.reset();
  ev->result = timescales::evaluate(ev->table, ev->rules, options);
  return TS_OK;
}

// One value read from the last evaluation's results, after checking the handle and `out`.
template <class T, class Read>
ts_status read_result(const ts_evaluation* evaluation, T* out, const char* name, Read read) {
  return guarded([&] {
    ts_status status = TS_OK;
    const Evaluation* result = evaluated(evaluation, status);
    if (result == nullptr) return status;
    if (out == nullptr) return null_argument(name);
    *out = static_cast<T>(read(*result));
    return TS_OK;
  });
}

const Obligation* obligation_at(const ts_evaluation* evaluation, std::size_t index, ts_status& status) {
  const Evaluation* result = evaluated(evaluation, status);
  if (result == nullptr) return nullptr;
  if (index >= result->obligations.size()) {
    status = fail(TS_NOT_FOUND, "no obligation " + std::to_string(index),
                  " (there are " + std::to_string(result->obligations.size()) + ")");
    return nullptr;
  }
  return &result->obligations[index];
}

// The language a host names: "en", "cy", or NULL for English.
std::optional<Language> language_arg(const char* language, ts_status& status) {
  if (language == nullptr) return Language::en;
  if (const auto named = language_of(language)) return named;
  status = fail(TS_INVALID_ARGUMENT, "language: " + quoted(language),
                " is not a language of the library: \"en\" (English) or \"cy\" (Cymraeg)");
  return std::nullopt;
}

char* copy_for_caller(const std::string& text) {
  char* out = static_cast<char*>(std::malloc(text.size() + 1));
  if (out == nullptr) throw std::bad_alloc();
  std::memcpy(out, text.c_str(), text.size() + 1);
  return out;
}

// The jurisdiction's calendar of a usable rulebook handle, for the date functions.
const Calendar* calendar_of(const ts_rulebook* rules, ts_status& status) {
  if (status = usable(rules); status != TS_OK) return nullptr;
  const Calendar* calendar = rules->rules.jurisdiction_calendar();
  if (calendar == nullptr) status = fail(TS_RULES_ERROR, "the rulebook declares no jurisdiction, so no calendar");
  return calendar;
}

// A date function's result, or its error (a day outside the calendar, a period that cannot be read).
template <class T>
ts_status give(const std::expected<T, Error>& result, int32_t* out) {
  if (!result) return fail(TS_INVALID_ARGUMENT, result.error().message);
  if constexpr (std::is_same_v<T, Date>) *out = result->days();
  else *out = *result;
  return TS_OK;
}


}  // namespace

extern "C" {

const char* ts_version(void) { return TIMESCALES_VERSION; }

const char* ts_last_error(void) { return t_error_fixed != nullptr ? t_error_fixed : t_error_text.c_str(); }

const char* ts_status_name(ts_status status) {
  switch (status) {
    case TS_OK: return "TS_OK";
    case TS_INVALID_ARGUMENT: return "TS_INVALID_ARGUMENT";
    case TS_REJECTED: return "TS_REJECTED";
    case TS_NOT_FOUND: return "TS_NOT_FOUND";
    case TS_IO_ERROR: return "TS_IO_ERROR";
    case TS_RULES_ERROR: return "TS_RULES_ERROR";
    case TS_NOT_EVALUATED: return "TS_NOT_EVALUATED";
    case TS_OUT_OF_MEMORY: return "TS_OUT_OF_MEMORY";
    case TS_INTERNAL: return "TS_INTERNAL";
  }
  return "TS_UNKNOWN";
}

void ts_free_string(char* text) { std::free(text); }

ts_status ts_date_from_iso(const char* iso, int32_t* day) {
  return guarded([&] {
    if (iso == nullptr) return null_argument("iso");
    if (day == nullptr) return null_argument("day");
    const auto d = parse_date(iso);
    if (!d) return fail(TS_INVALID_ARGUMENT, d.error().message);
    *day = d->days();
    return TS_OK;
  });
}

ts_status ts_date_to_iso(int32_t day, char out[11]) {
  return guarded([&] {
    if (out == nullptr) return null_argument("out");
    const Date d = Date::from_days(day);
    if (d < first_iso_day || d > last_iso_day) {
      return fail(TS_INVALID_ARGUMENT, "day " + std::to_string(day), " is outside years 1 to 9999");
    }
    const std::string text = to_string(d);
    std::memcpy(out, text.c_str(), 11);
    return TS_OK;
  });
}

ts_status ts_rulebook_load_builtin(ts_rulebook** out) {
  return guarded([&] {
    if (out == nullptr) return null_argument("out");
    try {
      *out = new ts_rulebook{.rules = builtin_rulebook()};
    } catch (const std::runtime_error& e) {  // the built-in rules do not compile: a broken build
      return fail(TS_RULES_ERROR, e.what());
    }
    return TS_OK;
  });
}

namespace {

ts_status rules_failed(const char* directory, const Diagnostics& problems) {
  std::string message = "the rules in " + std::string(directory) + " do not compile:";
  for (const Diagnostic& d : problems) message += "\n" + d.to_string();
  return fail(TS_RULES_ERROR, message);
}

}  // namespace

ts_status ts_rulebook_load_directory(const char* directory, ts_rulebook** out) {
  return guarded([&] {
    if (directory == nullptr) return null_argument("directory");
    if (out == nullptr) return null_argument("out");
    const auto files = read_sources(directory);
    if (!files) return fail(TS_IO_ERROR, files.error().message);
    if (!declares_jurisdiction(*files)) {
      return fail(TS_RULES_ERROR, std::string(directory) + " declares no jurisdiction, so it is not a whole rulebook; to "
                                  "add a council's rules to the built-in ones, use ts_rulebook_layer");
    }
    auto loaded = load_rulebook(*files);
    if (!loaded) return rules_failed(directory, loaded.error());
    *out = new ts_rulebook{.rules = std::move(*loaded)};
    return TS_OK;
  });
}

ts_status ts_rulebook_layer(const ts_rulebook* base, const char* directory, ts_rulebook** out) {
  return guarded([&] {
    if (const ts_status st = usable(base); st != TS_OK) return st;
    if (directory == nullptr) return null_argument("directory");
    if (out == nullptr) return null_argument("out");
    const auto files = read_sources(directory);
    if (!files) return fail(TS_IO_ERROR, files.error().message);
    auto layered = layer_rulebook(base->rules, *files);
    if (!layered) return rules_failed(directory, layered.error());
    *out = new ts_rulebook{.rules = std::move(*layered)};
    return TS_OK;
  });
}

ts_status ts_rulebook_rule_count(const ts_rulebook* rules, size_t* count) {
  return guarded([&] {
    if (const ts_status st = usable(rules); st != TS_OK) return st;
    if (count == nullptr) return null_argument("count");
    *count = rules->rules.rules().size();
    return TS_OK;
  });
}

void ts_rulebook_free(ts_rulebook* rules) { delete rules; }


ts_status ts_add_working_days(const ts_rulebook* rules, int32_t day, int32_t n, int32_t* out) {
  return guarded([&] {
    ts_status status = TS_OK;
    const Calendar* calendar = calendar_of(rules, status);
    if (calendar == nullptr) return status;
    if (out == nullptr) return null_argument("out");
    return give(calendar->add_working_days(Date::from_days(day), n), out);
  });
}

ts_status ts_working_days_between(const ts_rulebook* rules, int32_t from, int32_t to, int32_t* out) {
  return guarded([&] {
    ts_status status = TS_OK;
    const Calendar* calendar = calendar_of(rules, status);
    if (calendar == nullptr) return status;
    if (out == nullptr) return null_argument("out");
    return give(calendar->working_days_between(Date::from_days(from), Date::from_days(to)), out);
  });
}

ts_status ts_due(const ts_rulebook* rules, int32_t day, const char* period, int32_t* out) {
  return guarded([&] {
    ts_status status = TS_OK;
    const Calendar* calendar = calendar_of(rules, status);
    if (calendar == nullptr) return status;
    if (period == nullptr) return null_argument("period");
    if (out == nullptr) return null_argument("out");
    const auto parsed = parse_period(period);
    if (!parsed) return fail(TS_INVALID_ARGUMENT, "period: ", parsed.error().message);
    const auto deadline = add(Date::from_days(day), *parsed, *calendar);
    if (!deadline) return fail(TS_INVALID_ARGUMENT, deadline.error().message);
    *out = deadline->date.days();
    return TS_OK;
  });
}

ts_status ts_evaluation_create(const ts_rulebook* rules, const char* const* carried_columns, size_t carried_count,
                               ts_evaluation** out) {
  return guarded([&] {
    if (const ts_status st = usable(rules); st != TS_OK) return st;
    if (out == nullptr) return null_argument("out");
    if (carried_count > 0 && carried_columns == nullptr) return null_argument("carried_columns (with carried_count > 0)");
    std::vector<std::string> names;
    for (std::size_t i = 0; i < carried_count; ++i) {
      const char* name = carried_columns[i];
      const std::string at = "carried_columns[" + std::to_string(i) + "]";
      if (name == nullptr || *name == '\0') return fail(TS_INVALID_ARGUMENT, at, " must be a non-empty name");
      const std::string_view n(name);
      if (!valid_utf8(n)) return fail(TS_INVALID_ARGUMENT, at, " is not UTF-8");
      if (n == "case_id" || n == "event" || n == "date" || attribute_named(n)) {
        return fail(TS_INVALID_ARGUMENT, at, " names an event column, not a carried one: " + excerpt(n));
      }
      if (std::ranges::find(names, n) != names.end()) return fail(TS_INVALID_ARGUMENT, at, " repeats " + excerpt(n));
      names.emplace_back(n);
    }
    DateRange valid{days_from_civil({1990, 1, 1}), days_from_civil({2060, 12, 31})};
    if (const Calendar* calendar = rules->rules.jurisdiction_calendar()) valid = calendar->supported();
    *out = new ts_evaluation{HandleTag::evaluation, rules->rules, EventTable(std::move(names), valid), std::nullopt, 0};
    return TS_OK;
  });
}

void ts_evaluation_free(ts_evaluation* evaluation) { delete evaluation; }

ts_status ts_evaluation_add_event(ts_evaluation* evaluation, const char* case_id, const char* event, const char* date,
                                  const ts_pair* attributes, size_t attribute_count) {
  return guarded([&] {
    if (date == nullptr) return null_argument("date");
    return add_event(evaluation, case_id, event, date, {}, attributes, attribute_count);
  });
}

ts_status ts_evaluation_add_event_days(ts_evaluation* evaluation, const char* case_id, const char* event, int32_t date,
                                       const ts_pair* attributes, size_t attribute_count) {
  return guarded([&] {
    const Date d = Date::from_days(date);
    if (d < first_iso_day || d > last_iso_day) {
      const std::string day = std::to_string(date);
      Reason problem = because("day {0} is outside the supported range", {day});
      if (evaluation != nullptr && evaluation->tag == HandleTag::evaluation) {
        const DateRange r = evaluation->table.valid_dates();
        problem = because("day {0} is outside the supported range ({1} to {2})", {day, to_string(r.first), to_string(r.last)});
      }
      return add_event(evaluation, case_id, event, {}, problem, attributes, attribute_count);
    }
    const std::string text = to_string(d);
    return add_event(evaluation, case_id, event, text, {}, attributes, attribute_count);
  });
}

ts_status ts_evaluation_row_counts(const ts_evaluation* evaluation, size_t* rows, size_t* used, size_t* rejected) {
  return guarded([&] {
    if (const ts_status s = usable(evaluation); s != TS_OK) return s;
    if (rows != nullptr) *rows = evaluation->table.rows_read();
    if (used != nullptr) *used = evaluation->table.events().size();
    if (rejected != nullptr) *rejected = evaluation->table.rejected().size();
    return TS_OK;
  });
}

ts_status ts_evaluation_evaluate(ts_evaluation* evaluation, const char* as_of) {
  return guarded([&] {
    if (const ts_status s = usable(evaluation); s != TS_OK) return s;
    if (as_of == nullptr) return evaluate(evaluation, std::nullopt);
    const auto d = parse_date(as_of);
    if (!d) return fail(TS_INVALID_ARGUMENT, "as_of: ", d.error().message);
    return evaluate(evaluation, *d);
  });
}

ts_status ts_evaluation_evaluate_days(ts_evaluation* evaluation, int32_t as_of) {
  return guarded([&] {
    if (const ts_status s = usable(evaluation); s != TS_OK) return s;
    const Date d = Date::from_days(as_of);
    if (d < first_iso_day || d > last_iso_day) {
      return fail(TS_INVALID_ARGUMENT, "as_of: day " + std::to_string(as_of), " is outside years 1 to 9999");
    }
    return evaluate(evaluation, d);
  });
}

ts_status ts_evaluation_set_threads(ts_evaluation* evaluation, unsigned threads) {
  return guarded([&] {
    if (const ts_status s = usable(evaluation); s != TS_OK) return s;
    if (threads > 1024) return fail(TS_INVALID_ARGUMENT, "threads: " + std::to_string(threads), " is more than 1024");
    evaluation->threads = threads;
    return TS_OK;
  });
}

ts_status ts_evaluation_as_of(const ts_evaluation* evaluation, int32_t* as_of) {
  return read_result(evaluation, as_of, "as_of", [](const Evaluation& result) { return result.as_of.days(); });
}

ts_status ts_evaluation_obligation_count(const ts_evaluation* evaluation, size_t* count) {
  return read_result(evaluation, count, "count", [](const Evaluation& result) { return result.obligations.size(); });
}

ts_status ts_evaluation_days_left(const ts_evaluation* evaluation, size_t index, int32_t* days_left,
                                  int32_t* working_days_left) {
  return guarded([&] {
    ts_status status = TS_OK;
    const Obligation* ob = obligation_at(evaluation, index, status);
    if (ob == nullptr) return status;
    if (days_left == nullptr) return null_argument("days_left");
    if (working_days_left == nullptr) return null_argument("working_days_left");
    const WorkItem item = work_item(*evaluation->result, static_cast<std::uint32_t>(index));
    *days_left = item.days_left;
    *working_days_left = item.working_days_left;
    return TS_OK;
  });
}

ts_status ts_evaluation_obligation(const ts_evaluation* evaluation, size_t index, ts_obligation* out) {
  return guarded([&] {
    ts_status status = TS_OK;
    const Obligation* ob = obligation_at(evaluation, index, status);
    if (ob == nullptr) return status;
    if (out == nullptr) return null_argument("out");
    if (out->struct_size < sizeof out->struct_size) {
      return fail(TS_INVALID_ARGUMENT, "out->struct_size is " + std::to_string(out->struct_size),
                  ": set it to sizeof(ts_obligation) before the call");
    }
    ts_obligation o{};
    o.struct_size = std::min(out->struct_size, sizeof o);
    o.case_id = evaluation->table.case_id(ob->case_index).c_str();
    o.rule_id = ob->rule->id.c_str();
    o.standard = name(ob->standard).data();          // string literals: NUL-terminated, static
    o.trigger_event = name(ob->trigger_event).data();
    o.status_name = name(ob->status).data();
    o.occurrence = ob->occurrence;
    o.trigger_date = ob->trigger_date.days();
    o.due_date = ob->due_date.days();
    o.completed_date = ob->completed_date ? ob->completed_date->days() : 0;
    o.has_completed_date = ob->completed_date ? 1 : 0;
    o.status = static_cast<int32_t>(ob->status);
    o.days_late = ob->days_late;
    o.working_days_late = ob->working_days_late;
    o.confidence = static_cast<int32_t>(ob->rule->confidence);
    // The ABI rule (timescales.h): the host's struct may be older, hence smaller, than ours.
    std::memcpy(out, &o, o.struct_size);
    return TS_OK;
  });
}

ts_status ts_evaluation_obligation_text(const ts_evaluation* evaluation, size_t index, const char* column,
                                        char** text) {
  return guarded([&] {
    ts_status status = TS_OK;
    const Obligation* ob = obligation_at(evaluation, index, status);
    if (ob == nullptr) return status;
    if (column == nullptr) return null_argument("column");
    if (text == nullptr) return null_argument("text");
    const ObligationColumn* c = obligation_column(column);
    if (c == nullptr) return fail(TS_NOT_FOUND, "no obligation column ", quoted(column));
    *text = copy_for_caller(cell_text(*c, ObligationRow{*ob, evaluation->table}));
    return TS_OK;
  });
}

ts_status ts_evaluation_obligation_carried(const ts_evaluation* evaluation, size_t index, const char* column,
                                           const char** value) {
  return guarded([&] {
    ts_status status = TS_OK;
    const Obligation* ob = obligation_at(evaluation, index, status);
    if (ob == nullptr) return status;
    if (column == nullptr) return null_argument("column");
    if (value == nullptr) return null_argument("value");
    const auto& names = evaluation->table.carried_columns();
    const auto it = std::ranges::find(names, std::string_view(column));
    if (it == names.end()) return fail(TS_NOT_FOUND, "no carried column ", quoted(column));
    // A view of a whole std::string kept by the table: NUL-terminated.
    *value = evaluation->table.carried(static_cast<std::size_t>(it - names.begin()), ob->trigger_row).data();
    return TS_OK;
  });
}

ts_status ts_evaluation_explain(const ts_evaluation* evaluation, size_t index, char** text) {
  return ts_evaluation_explain_in(evaluation, index, nullptr, text);
}

ts_status ts_evaluation_explain_in(const ts_evaluation* evaluation, size_t index, const char* language, char** text) {
  return guarded([&] {
    ts_status status = TS_OK;
    const Obligation* ob = obligation_at(evaluation, index, status);
    if (ob == nullptr) return status;
    const auto lang = language_arg(language, status);
    if (!lang) return status;
    if (text == nullptr) return null_argument("text");
    *text = copy_for_caller(explain(*ob, evaluation->table, evaluation->result->as_of, *lang));
    return TS_OK;
  });
}

ts_status ts_evaluation_case_timeline(const ts_evaluation* evaluation, const char* case_id, char** text) {
  return ts_evaluation_case_timeline_in(evaluation, case_id, nullptr, text);
}

ts_status ts_evaluation_case_timeline_in(const ts_evaluation* evaluation, const char* case_id, const char* language,
                                         char** text) {
  return guarded([&] {
    ts_status status = TS_OK;
    const Evaluation* result = evaluated(evaluation, status);
    if (result == nullptr) return status;
    if (case_id == nullptr) return null_argument("case_id");
    const auto lang = language_arg(language, status);
    if (!lang) return status;
    if (text == nullptr) return null_argument("text");
    auto timeline = case_timeline(*result, evaluation->table, case_id, *lang);
    if (!timeline) return fail(TS_NOT_FOUND, timeline.error());
    *text = copy_for_caller(*timeline);
    return TS_OK;
  });
}

ts_status ts_evaluation_finding_count(const ts_evaluation* evaluation, size_t* count) {
  return read_result(evaluation, count, "count", [](const Evaluation& result) { return result.findings.size(); });
}

ts_status ts_evaluation_unjudged_count(const ts_evaluation* evaluation, size_t* count) {
  return read_result(evaluation, count, "count", [](const Evaluation& result) { return result.unjudged.size(); });
}

ts_status ts_evaluation_explain_finding(const ts_evaluation* evaluation, size_t index, char** text) {
  return ts_evaluation_explain_finding_in(evaluation, index, nullptr, text);
}

ts_status ts_evaluation_explain_finding_in(const ts_evaluation* evaluation, size_t index, const char* language,
                                           char** text) {
  return guarded([&] {
    ts_status status = TS_OK;
    const Evaluation* result = evaluated(evaluation, status);
    if (result == nullptr) return status;
    if (index >= result->findings.size()) return fail(TS_NOT_FOUND, "no finding ", std::to_string(index));
    const auto lang = language_arg(language, status);
    if (!lang) return status;
    if (text == nullptr) return null_argument("text");
    *text = copy_for_caller(explain(result->findings[index], *lang));
    return TS_OK;
  });
}

ts_status ts_evaluation_rejection_count(const ts_evaluation* evaluation, size_t* count) {
  return guarded([&] {
    if (const ts_status s = usable(evaluation); s != TS_OK) return s;
    if (count == nullptr) return null_argument("count");
    *count = evaluation->table.rejected().size();
    return TS_OK;
  });
}

ts_status ts_evaluation_rejection(const ts_evaluation* evaluation, size_t index, ts_rejection* out) {
  return guarded([&] {
    if (const ts_status s = usable(evaluation); s != TS_OK) return s;
    const auto& all = evaluation->table.rejected();
    if (index >= all.size()) return fail(TS_NOT_FOUND, "no rejection ", std::to_string(index));
    if (out == nullptr) return null_argument("out");
    const Rejection& r = all[index];
    *out = ts_rejection{r.line, r.case_id.c_str(), r.column.c_str(), r.reason.c_str()};
    return TS_OK;
  });
}

ts_status ts_evaluation_rejection_reason_in(const ts_evaluation* evaluation, size_t index, const char* language,
                                            char** text) {
  return guarded([&] {
    if (const ts_status s = usable(evaluation); s != TS_OK) return s;
    const auto& all = evaluation->table.rejected();
    if (index >= all.size()) return fail(TS_NOT_FOUND, "no rejection ", std::to_string(index));
    ts_status status = TS_OK;
    const auto lang = language_arg(language, status);
    if (!lang) return status;
    if (text == nullptr) return null_argument("text");
    *text = copy_for_caller(reason_in(all[index], *lang));
    return TS_OK;
  });
}

}  // extern "C"
