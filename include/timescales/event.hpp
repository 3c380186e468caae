// Case events: what happened to which child, when (docs/formats.md), and the table of validated rows
// that every reader (CSV, DataFrame, C API) fills. Rows that cannot be used are kept as
// rejections with their reason: nothing is lost.
#pragma once

#include <array>
#include <cstdint>
#include <expected>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "timescales/date.hpp"
#include "timescales/date_format.hpp"
#include "timescales/language.hpp"
#include "timescales/period.hpp"
#include "timescales/short_text.hpp"
#include "timescales/utf8.hpp"
#include "timescales/vocabulary.hpp"

namespace timescales {

struct Event {
  std::uint32_t case_index = 0;  // into EventTable::case_ids
  std::uint32_t row = 0;         // this event's index in its table (carried values, source line)
  Date date;
  EventType type = EventType::referral;
  PlacementType placement_type = PlacementType::standard;
  bool seen_alone : 1 = false;
  bool at_home : 1 = false;
  std::uint8_t category : 2 = 0;  // a care leaver's category, 1 or 2; 0: none recorded
  LegalStatus legal_status = LegalStatus::not_recorded;
  std::optional<bool> intended_until_18;
  std::optional<Period> visit_interval;
};
static_assert(sizeof(Event) <= 24, "keep Event small: a table holds one per row");

// Whether two events say the same thing: the same event on the same date with the same
// attributes. Their child, row and carried columns are not compared (C8: duplicates).
constexpr bool same_content(const Event& a, const Event& b) {
  return a.date == b.date && a.type == b.type && a.placement_type == b.placement_type &&
         a.seen_alone == b.seen_alone && a.at_home == b.at_home && a.category == b.category &&
         a.legal_status == b.legal_status && a.intended_until_18 == b.intended_until_18 &&
         a.visit_interval == b.visit_interval;
}

// A row that could not be used: where it was, which column, and why. `line` is the CSV line
// where the record starts (header = 1), or the caller's row label for other sources.
struct Rejection {
  std::size_t line = 0;
  std::string case_id;
  std::string column;
  std::string reason;  // in English
  // The reason as a message of the catalogue (see Reason, error.hpp), for reason_in: its English
  // pattern (empty: the reason has none, and is said as it is) and its fields' values.
  std::string_view pattern;
  std::vector<std::string> fields;
};

// The rejection's reason in `language`: its pattern translated and filled, or `reason` itself in
// English or when it has no pattern.
std::string reason_in(const Rejection& rejection, Language language);

inline constexpr std::size_t max_case_id_length = 64;  // characters (docs/formats.md)

// A case id the table takes: not empty and at most max_case_id_length characters. (A UTF-8
// character is at least one byte: only a long id can have too many characters.)
inline bool case_id_ok(std::string_view id) {
  return !id.empty() && (id.size() <= max_case_id_length || utf8_length(id) <= max_case_id_length);
}

// Why a date cannot be used: outside the calendar's range (C1). One sentence for the events' rows
// and a council's report alike.
inline Reason outside_range(Date d, DateRange range) {
  return because("{0} is outside the supported range ({1} to {2})", {to_string(d), to_string(range.first), to_string(range.last)});
}

// The column values of one input row, as text.
struct RowText {
  std::string_view case_id;
  std::string_view event;
  std::string_view date;
  std::array<std::string_view, attribute_count> attributes{};  // by Attribute; empty = absent
};

// A column of many rows as codes into its distinct texts, as a DataFrame column after
// factorizing: row i's text is texts[codes[i]], and code -1 is a missing value (empty text).
// Several codes may stand for the same text.
struct CodedColumn {
  std::span<const std::int64_t> codes;
  std::span<const std::string_view> texts;
};

// Many rows given column by column, each column coded (a DataFrame's). Row i is read from line
// first_line + i. Every code must be -1 or index its column's texts.
struct CodedRows {
  std::size_t rows = 0;
  std::size_t first_line = 0;
  CodedColumn case_id;
  CodedColumn event;
  CodedColumn date;
  std::array<std::optional<CodedColumn>, attribute_count> attributes{};  // by Attribute; none = absent
  std::vector<CodedColumn> carried;  // in the order of carried_columns(); missing ones are empty
};

// docs/formats.md booleans: true/false, yes/no, y/n, 1/0, in any case.
constexpr std::optional<bool> parse_boolean(std::string_view text) {
  if (text == "true") return true;  // the usual spellings first
  if (text == "false") return false;
  const auto is = [&](std::string_view word) {
    if (text.size() != word.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i) {
      const char c = text[i];
      if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) != word[i]) return false;
    }
    return true;
  };
  if (is("true") || is("yes") || is("y") || is("1")) return true;
  if (is("false") || is("no") || is("n") || is("0")) return false;
  return std::nullopt;
}

namespace detail {

// event_type_named by a small open-addressing table on (length, first and last character): one
// or two comparisons per row instead of a walk through the vocabulary.
struct EventNameIndex {
  static constexpr std::size_t slots = 64;
  std::array<std::uint8_t, slots> slot{};  // event type + 1; 0: empty

  static constexpr std::size_t hash(std::string_view n) {
    if (n.empty()) return 0;
    return (n.size() * 7 + static_cast<unsigned char>(n.front()) * 3 + static_cast<unsigned char>(n.back())) % slots;
  }
  constexpr EventNameIndex() {
    for (const EventInfo& e : event_infos) {
      std::size_t h = hash(e.name);
      while (slot[h] != 0) h = (h + 1) % slots;
      slot[h] = static_cast<std::uint8_t>(static_cast<std::size_t>(e.type) + 1);
    }
  }
};
inline constexpr EventNameIndex event_name_index{};

constexpr std::optional<EventType> event_type_fast(std::string_view name) {
  for (std::size_t h = EventNameIndex::hash(name);; h = (h + 1) % EventNameIndex::slots) {
    const std::uint8_t s = event_name_index.slot[h];
    if (s == 0) return std::nullopt;
    const auto type = static_cast<EventType>(s - 1);
    if consteval {
      if (timescales::name(type) == name) return type;
    } else {
      if (short_text::same(timescales::name(type), name)) return type;
    }
  }
}
constexpr bool event_name_index_complete() {
  for (const EventInfo& e : event_infos) {
    if (event_type_fast(e.name) != e.type) return false;
  }
  return true;
}
static_assert(event_name_index_complete());
static_assert(event_type_fast("case_closed") == EventType::case_closed);
static_assert(!event_type_fast("Referral") && !event_type_fast("") && !event_type_fast("referral "));

}  // namespace detail

// Validated events of many children, with the columns carried through to the outputs.
class EventTable {
 public:
  // `date_format`: how the rows write their dates (ISO 8601 unless a council's export says otherwise).
  explicit EventTable(std::vector<std::string> carried_columns = {}, DateRange valid_dates = {
                          days_from_civil({1990, 1, 1}), days_from_civil({2060, 12, 31})},
                      DateFormat date_format = {})
      : carried_names_(std::move(carried_columns)), carried_codes_(carried_names_.size()),
        carried_values_(carried_names_.size()), carried_index_(carried_names_.size()),
        valid_dates_(valid_dates), date_format_(date_format) {}

  // Validates one row and adds it, or records why it cannot be used. `carried` holds the values
  // of the carried columns, in the order of carried_columns(). Returns whether it was used.
  bool add_row(std::size_t line, const RowText& row, std::span<const std::string_view> carried = {}) {
    ++rows_read_;
    // Every field is checked before the event is appended, the values kept in locals, and the
    // event then filled where it lies, as add_rows does: an Event built on the stack field by
    // field and copied whole stalled on store forwarding (half of checking a row, perf annotate).
    const auto reject_row = [&](std::string column, Reason reason) {
      rejected_.push_back(rejection(line, row.case_id, {std::move(column), std::move(reason)}));
      return false;
    };
    if (!case_id_ok(row.case_id)) return reject_row("case_id", case_id_problem(row.case_id));
    const auto type = detail::event_type_fast(row.event);
    if (!type) return reject_row("event", event_problem(row.event));
    const std::int32_t day = day_in_range(row.date);
    if (day == no_day) return reject_row("date", date_problem(row.date));
    std::array<AttributeValue, attribute_count> values;  // read where the row gives one
    for (const AttributeInfo& a : attribute_infos) {
      const std::string_view text = row.attributes[static_cast<std::size_t>(a.attribute)];
      if (!text.empty() && !parse_attribute(a, text, values[static_cast<std::size_t>(a.attribute)])) {
        return reject_row(std::string(a.name), attribute_problem(a, text));
      }
    }
    const std::size_t cases_before = case_ids_.size();
    const std::uint32_t case_index = intern_case(row.case_id);
    const bool was_together = cases_together_;
    const bool new_case = case_ids_.size() != cases_before;
    Event& e = append(line, case_index, new_case, Date::from_days(day));
    e.type = *type;
    for (const AttributeInfo& a : attribute_infos) {
      if (!row.attributes[static_cast<std::size_t>(a.attribute)].empty()) {
        apply(e, a.attribute, values[static_cast<std::size_t>(a.attribute)]);
      }
    }
    if (!kept_unless_duplicate(row.case_id, new_case, was_together)) return false;
    for (std::size_t c = 0; c < carried_names_.size(); ++c) {
      carried_codes_[c].push_back(intern_carried(c, c < carried.size() ? carried[c] : std::string_view{}));
    }
    return true;
  }

  // Adds many rows, as add_row would one by one (the same events, rejections and reasons), but
  // checks each distinct text of a column once rather than once per row: what is left per row
  // is looking up its codes.
  void add_rows(const CodedRows& in) {
    reserve(in.rows);
    // Per column, what each code's text is: a value, or why it cannot be used.
    const auto case_checks = checked(in.case_id, [](std::string_view t) -> std::expected<void, Reason> {
      if (!case_id_ok(t)) return std::unexpected(case_id_problem(t));
      return {};
    });
    const auto types = checked(in.event, [](std::string_view t) -> std::expected<EventType, Reason> {
      if (const auto type = detail::event_type_fast(t)) return *type;
      return std::unexpected(event_problem(t));
    });
    const auto dates = checked(in.date, [this](std::string_view t) -> std::expected<Date, Reason> {
      if (const std::int32_t day = day_in_range(t); day != no_day) return Date::from_days(day);
      return std::unexpected(date_problem(t));
    });
    std::array<std::vector<std::expected<AttributeValue, Reason>>, attribute_count> attributes;
    for (const AttributeInfo& a : attribute_infos) {
      const auto& column = in.attributes[static_cast<std::size_t>(a.attribute)];
      if (!column) continue;
      attributes[static_cast<std::size_t>(a.attribute)] =
          checked(*column, [&](std::string_view t) -> std::expected<AttributeValue, Reason> {
            AttributeValue value;
            if (t.empty()) return value;  // not given
            if (parse_attribute(a, t, value)) return value;
            return std::unexpected(attribute_problem(a, t));
          });
    }
    // Codes are interned when a row first uses them, as add_row interns: a child whose every row
    // is rejected is not a child of the table.
    constexpr std::uint32_t unseen = UINT32_MAX;
    std::vector<std::uint32_t> case_of(in.case_id.texts.size(), unseen);
    std::vector<std::vector<std::uint32_t>> carried_of(carried_names_.size());
    for (std::size_t c = 0; c < carried_of.size(); ++c) {
      carried_of[c].assign(c < in.carried.size() ? in.carried[c].texts.size() + 1 : 1, unseen);  // [0]: missing
    }
    for (std::size_t i = 0; i < in.rows; ++i) {
      ++rows_read_;
      const std::size_t line = in.first_line + i;
      const std::int64_t case_code = in.case_id.codes[i];
      const std::string_view case_id = case_code < 0 ? std::string_view{} : in.case_id.texts[static_cast<std::size_t>(case_code)];
      const auto fail = [&](std::string_view column, const Reason& reason) {
        rejected_.push_back(rejection(line, case_id, {std::string(column), reason}));
      };
      if (const auto& ok = at_code(case_checks, case_code); !ok) {
        fail("case_id", ok.error());
        continue;
      }
      const auto& type = at_code(types, in.event.codes[i]);
      if (!type) {
        fail("event", type.error());
        continue;
      }
      const auto& date = at_code(dates, in.date.codes[i]);
      if (!date) {
        fail("date", date.error());
        continue;
      }
      std::array<const AttributeValue*, attribute_count> given{};
      bool used = true;
      for (const AttributeInfo& a : attribute_infos) {
        const auto& column = in.attributes[static_cast<std::size_t>(a.attribute)];
        if (!column) continue;
        const auto& value = at_code(attributes[static_cast<std::size_t>(a.attribute)], column->codes[i]);
        if (!value) {
          fail(a.name, value.error());
          used = false;
          break;
        }
        given[static_cast<std::size_t>(a.attribute)] = &*value;
      }
      if (!used) continue;
      const std::size_t cases_before = case_ids_.size();
      std::uint32_t& index = case_of[static_cast<std::size_t>(case_code)];
      if (index == unseen) index = intern_case(case_id);
      const bool was_together = cases_together_;
      const bool new_case = case_ids_.size() != cases_before;
      // Filled where it lies: a local filled field by field and copied whole stalls on store
      // forwarding, which was most of this loop's time.
      Event& e = append(line, index, new_case, *date);
      e.type = *type;
      for (const AttributeInfo& a : attribute_infos) {
        const AttributeValue* value = given[static_cast<std::size_t>(a.attribute)];
        if (value != nullptr && value->present) apply(e, a.attribute, *value);
      }
      if (!kept_unless_duplicate(case_id, new_case, was_together)) continue;
      for (std::size_t c = 0; c < carried_names_.size(); ++c) {
        const std::int64_t code = c < in.carried.size() ? in.carried[c].codes[i] : -1;
        std::uint32_t& value = carried_of[c][static_cast<std::size_t>(code + 1)];
        if (value == unseen) {
          value = intern_carried(c, code < 0 ? std::string_view{} : in.carried[c].texts[static_cast<std::size_t>(code)]);
        }
        carried_codes_[c].push_back(value);
      }
    }
  }

  // Room for `rows` more rows without reallocating, for a reader that knows about how many.
  void reserve(std::size_t rows) {
    events_.reserve(events_.size() + rows);
    lines_.reserve(lines_.size() + rows);
    for (std::vector<std::uint32_t>& codes : carried_codes_) codes.reserve(codes.size() + rows);
  }

  // A row the reader itself could not split into columns (too few fields, say).
  void reject(std::size_t line, std::string case_id, std::string column, Reason reason) {
    ++rows_read_;
    rejected_.push_back(rejection(line, case_id, {std::move(column), std::move(reason)}));
  }

  [[nodiscard]] std::size_t rows_read() const { return rows_read_; }
  [[nodiscard]] const std::vector<Event>& events() const { return events_; }
  [[nodiscard]] const std::vector<Rejection>& rejected() const { return rejected_; }
  [[nodiscard]] const std::vector<std::string>& case_ids() const { return case_ids_; }
  [[nodiscard]] const std::string& case_id(std::uint32_t index) const { return case_ids_[index]; }
  [[nodiscard]] std::size_t line(std::uint32_t row) const { return lines_[row]; }
  [[nodiscard]] const std::vector<std::string>& carried_columns() const { return carried_names_; }
  [[nodiscard]] std::string_view carried(std::size_t column, std::uint32_t row) const {
    return carried_values_[column][carried_codes_[column][row]];
  }
  [[nodiscard]] DateRange valid_dates() const { return valid_dates_; }
  // The latest event date (the default as_of, C9), when there are events.
  [[nodiscard]] std::optional<Date> latest_date() const {
    return events_.empty() ? std::nullopt : std::optional(latest_);
  }
  // Whether each child's rows are consecutive (as exports usually list them), so that the engine
  // can read them in place.
  [[nodiscard]] bool cases_together() const { return cases_together_; }

 private:
  // A value of an attribute, parsed from its text; `present` is false when none was given.
  struct AttributeValue {
    bool present = false;
    bool flag = false;
    Period period;
    std::uint8_t choice = 0;  // the index among the attribute's choices
  };
  // Why a row cannot be used: the column and the reason.
  struct Problem {
    std::string column;
    Reason reason;
  };

  // Each field's check, shared by add_row and add_rows so that both say the same: a quick test
  // giving the value (case_id_ok, above), and the reason built only when it fails.
  [[gnu::cold, gnu::noinline]] static Reason case_id_problem(std::string_view id) {
    if (id.empty()) return because("empty case id");
    return because("case id longer than {0} characters", {std::to_string(max_case_id_length)});
  }
  [[gnu::cold, gnu::noinline]] static Reason event_problem(std::string_view text) {
    return because("unknown event {0}", {excerpt(text, case_data_excerpt)});
  }
  // The day a date text names, when it is a date in the valid range; otherwise no_day. A plain
  // number, not an optional: it stays in a register (see add_row).
  static constexpr std::int32_t no_day = std::numeric_limits<std::int32_t>::min();
  std::int32_t day_in_range(std::string_view text) const {
    const auto date = date_format_.parse(text);
    return date && valid_dates_.contains(*date) ? date->days() : no_day;
  }
  [[gnu::cold, gnu::noinline]] Reason date_problem(std::string_view text) const {
    const auto date = date_format_.parse(text);
    if (!date) return date_format_.problem(text, date.error());
    return outside_range(*date, valid_dates_);
  }
  // A non-empty attribute text's value, written field by field into `v`; false when the text is
  // not one of the attribute's values.
  static bool parse_attribute(const AttributeInfo& a, std::string_view text, AttributeValue& v) {
    v.present = true;
    switch (a.kind) {
      case AttributeKind::boolean: {
        const auto b = parse_boolean(text);
        if (!b) return false;
        v.flag = *b;
        return true;
      }
      case AttributeKind::period: {
        const auto p = parse_period(text);
        if (!p) return false;
        v.period = *p;
        return true;
      }
      case AttributeKind::choice: {
        const auto c = choice_named(a.attribute, text);
        if (!c) return false;
        v.choice = *c;
        return true;
      }
    }
    return false;
  }
  [[gnu::cold, gnu::noinline]] static Reason attribute_problem(const AttributeInfo& a, std::string_view text) {
    switch (a.kind) {
      case AttributeKind::boolean:
        return because("not a boolean: {0} (true/false, yes/no, y/n, 1/0)", {excerpt(text, case_data_excerpt)});
      case AttributeKind::period: return Reason{parse_period(text).error().message, {}, {}};  // English only, for now
      case AttributeKind::choice: break;
    }
    switch (a.attribute) {
      case Attribute::legal_status: return because("unknown legal status {0}", {excerpt(text, case_data_excerpt)});
      case Attribute::category: return because("not a care leaver category: {0} (1 or 2)", {excerpt(text, case_data_excerpt)});
      default: return because("unknown placement type {0}", {excerpt(text, case_data_excerpt)});
    }
  }
  // An attribute is read on the events that carry it (docs/formats.md) and checked on every event.
  static void apply(Event& e, Attribute a, const AttributeValue& v) {
    if (!carries(e.type, a)) return;
    switch (a) {
      case Attribute::placement_type: e.placement_type = static_cast<PlacementType>(v.choice); break;
      case Attribute::seen_alone: e.seen_alone = v.flag; break;
      case Attribute::at_home: e.at_home = v.flag; break;
      case Attribute::intended_until_18: e.intended_until_18 = v.flag; break;
      case Attribute::visit_interval: e.visit_interval = v.period; break;
      case Attribute::legal_status: e.legal_status = static_cast<LegalStatus>(v.choice + 1); break;
      case Attribute::category: e.category = static_cast<std::uint8_t>(v.choice + 1); break;
    }
  }

  static Rejection rejection(std::size_t line, std::string_view case_id, Problem problem) {
    Rejection r;
    r.line = line;
    r.case_id = std::string(utf8_prefix(case_id, max_case_id_length));
    r.column = std::move(problem.column);
    r.reason = std::move(problem.reason.text);
    r.pattern = problem.reason.pattern;
    r.fields = std::move(problem.reason.fields);
    return r;
  }

  // Each distinct text of a column checked once: [code] -> check(texts[code]).
  template <class Check>
  static std::vector<std::invoke_result_t<Check, std::string_view>> checked(const CodedColumn& column, Check check) {
    std::vector<std::invoke_result_t<Check, std::string_view>> out;
    out.reserve(column.texts.size() + 1);
    for (const std::string_view text : column.texts) out.push_back(check(text));
    out.push_back(check(std::string_view{}));  // last: a missing value, read as empty text
    return out;
  }
  template <class T>
  static const T& at_code(const std::vector<T>& checks, std::int64_t code) {
    return code < 0 ? checks.back() : checks[static_cast<std::size_t>(code)];
  }

  // Appends an event of the child `case_index` (`new_case`: first seen in this row) on `date`,
  // for the caller to fill in with the rest where it lies.
  Event& append(std::size_t line, std::uint32_t case_index, bool new_case, Date date) {
    // A child seen before, but not in the row just before this one: its rows are not together.
    if (!new_case && !events_.empty() && events_.back().case_index != case_index) cases_together_ = false;
    latest_ = std::max(latest_, date);
    Event& e = events_.emplace_back();
    e.case_index = case_index;
    e.row = static_cast<std::uint32_t>(events_.size() - 1);
    e.date = date;
    lines_.push_back(line);
    return e;
  }

  // C8: a row identical to an earlier one in child, event, date and every attribute is the same
  // event. The last appended event is kept and remembered unless it is such a copy: then it is
  // taken back and the row rejected, naming the line of the first. Carried columns are not
  // compared (a re-keyed row is not a second event).
  //
  // While each child's rows come together (as exports list them) only the current child's events
  // are remembered, in a set small enough to stay in cache; from the first row that breaks that,
  // every event is.
  bool kept_unless_duplicate(std::string_view case_id, bool new_case, bool was_together) {
    const Event& e = events_.back();
    if (!copies_.all && !cases_together_) copies_.remember_all(events_);
    if (!copies_.all && e.case_index != copies_.child) copies_.start_child(e.case_index, e.row);
    copies_.make_room(events_);
    std::size_t slot = copies_.slot_of(e);
    for (; copies_.slots[slot] != 0; slot = copies_.next(slot)) {
      const Event& earlier = events_[copies_.slots[slot] - 1];
      if (new_case || earlier.case_index != e.case_index || !same_content(earlier, e)) continue;
      const std::size_t first_line = lines_[earlier.row];
      const std::size_t line = lines_.back();
      events_.pop_back();
      lines_.pop_back();
      cases_together_ = was_together;
      rejected_.push_back(rejection(line, case_id, {"", because("duplicate of line {0}", {std::to_string(first_line)})}));
      return false;
    }
    copies_.put(slot, e.row);
    return true;
  }

  // The events remembered for finding copies: open addressing with linear probing, at most half
  // full. `slots` hold row + 1 (0: empty).
  struct Copies {
    std::vector<std::uint32_t> slots = std::vector<std::uint32_t>(64);
    std::vector<std::uint32_t> used;  // filled slots, to empty them for the next child
    bool all = false;                 // every event, not only the current child's
    std::uint32_t child = UINT32_MAX;
    std::uint32_t first_row = 0;      // the current child's first event (its events follow it)

    static std::size_t hash(const Event& e) {
      std::uint64_t h = (std::uint64_t{e.case_index} << 32) ^ static_cast<std::uint32_t>(e.date.days());
      h = h * 0x9E3779B97F4A7C15ULL ^ (static_cast<std::uint64_t>(e.type) | std::uint64_t{e.seen_alone} << 8 |
                                        std::uint64_t{e.at_home} << 9 | std::uint64_t{e.category} << 10 |
                                        static_cast<std::uint64_t>(e.placement_type) << 12 |
                                        static_cast<std::uint64_t>(e.legal_status) << 16);
      return static_cast<std::size_t>((h ^ (h >> 31)) * 0xBF58476D1CE4E5B9ULL >> 20);
    }
    [[nodiscard]] std::size_t slot_of(const Event& e) const { return hash(e) & (slots.size() - 1); }
    [[nodiscard]] std::size_t next(std::size_t slot) const { return (slot + 1) & (slots.size() - 1); }
    void put(std::size_t slot, std::uint32_t row) {
      slots[slot] = row + 1;
      if (!all) used.push_back(static_cast<std::uint32_t>(slot));
    }
    void start_child(std::uint32_t case_index, std::uint32_t row) {
      if (slots.size() > 1024) {
        slots.assign(64, 0);  // after a child with many events: small again, to stay in cache
      } else {
        for (const std::uint32_t slot : used) slots[slot] = 0;
      }
      used.clear();
      child = case_index;
      first_row = row;
    }
    // Room for the events held and one more (the last of `events`, not yet held).
    void make_room(const std::vector<Event>& events) {
      const std::size_t held = all ? events.size() - 1 : used.size();
      if (2 * (held + 1) <= slots.size()) return;
      std::size_t size = slots.size();
      while (2 * (held + 1) > size) size *= 2;
      rebuild(events, size);
    }
    // From the first row whose child's rows are not together: every event but the last.
    void remember_all(const std::vector<Event>& events) {
      all = true;
      used.clear();
      std::size_t size = 64;
      while (2 * events.size() > size) size *= 2;
      rebuild(events, size);
    }
    void rebuild(const std::vector<Event>& events, std::size_t size) {
      slots.assign(size, 0);
      used.clear();
      const std::size_t from = all ? 0 : first_row;
      for (std::size_t row = from; row + 1 < events.size(); ++row) {
        std::size_t slot = slot_of(events[row]);
        while (slots[slot] != 0) slot = next(slot);
        put(slot, static_cast<std::uint32_t>(row));
      }
    }
  };

  // Rows of one child usually come together, with the same team and worker: the previous row's
  // codes are tried before the hash tables.
  std::uint32_t intern_case(std::string_view id) {
    if (!case_ids_.empty() && short_text::same(case_ids_[last_case_], id)) return last_case_;
    const auto [it, added] = case_index_.try_emplace(std::string(id), static_cast<std::uint32_t>(case_ids_.size()));
    if (added) case_ids_.emplace_back(id);
    return last_case_ = it->second;
  }

  std::uint32_t intern_carried(std::size_t column, std::string_view value) {
    auto& codes = carried_codes_[column];
    if (!codes.empty() && short_text::same(carried_values_[column][codes.back()], value)) return codes.back();
    auto& index = carried_index_[column];
    const auto [it, added] = index.try_emplace(std::string(value), static_cast<std::uint32_t>(carried_values_[column].size()));
    if (added) carried_values_[column].emplace_back(value);
    return it->second;
  }

  std::vector<std::string> carried_names_;
  std::vector<std::vector<std::uint32_t>> carried_codes_;  // [column][row] -> value code
  std::vector<std::vector<std::string>> carried_values_;   // [column][code] -> value
  std::vector<std::unordered_map<std::string, std::uint32_t>> carried_index_;
  DateRange valid_dates_;
  DateFormat date_format_;
  std::vector<Event> events_;
  std::vector<std::size_t> lines_;
  std::vector<std::string> case_ids_;
  std::unordered_map<std::string, std::uint32_t> case_index_;
  std::uint32_t last_case_ = 0;
  Date latest_ = Date::from_days(std::numeric_limits<std::int32_t>::min());  // before any event
  bool cases_together_ = true;
  std::vector<Rejection> rejected_;
  std::size_t rows_read_ = 0;
  Copies copies_;
};

}  // namespace timescales
