// Case events: what happened to which child, when (FORMATS.md), and the table of validated rows
// that every reader (CSV, DataFrame, C API) fills. Rows that cannot be used are kept as
// rejections with their reason: nothing is lost.
#pragma once

#include <array>
#include <cstdint>
#include <expected>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "timescales/date.hpp"
#include "timescales/period.hpp"
#include "timescales/vocabulary.hpp"

namespace timescales {

struct Event {
  std::uint32_t case_index = 0;  // into EventTable::case_ids
  std::uint32_t row = 0;         // this event's index in its table (carried values, source line)
  Date date;
  EventType type = EventType::referral;
  PlacementType placement_type = PlacementType::standard;
  bool seen_alone = false;
  bool at_home = false;
  std::optional<bool> intended_until_18;
  std::optional<Period> visit_interval;
};

// A row that could not be used: where it was, which column, and why. `line` is the CSV line
// where the record starts (header = 1), or the caller's row label for other sources.
struct Rejection {
  std::size_t line = 0;
  std::string case_id;
  std::string column;
  std::string reason;
};

inline constexpr std::size_t max_case_id_length = 64;  // characters (FORMATS.md)

// The column values of one input row, as text.
struct RowText {
  std::string_view case_id;
  std::string_view event;
  std::string_view date;
  std::array<std::string_view, attribute_count> attributes{};  // by Attribute; empty = absent
};

// FORMATS.md booleans: true/false, yes/no, y/n, 1/0, in any case.
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
    if (timescales::name(type) == name) return type;
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
  explicit EventTable(std::vector<std::string> carried_columns = {}, DateRange valid_dates = {
                          days_from_civil({1990, 1, 1}), days_from_civil({2060, 12, 31})})
      : carried_names_(std::move(carried_columns)), carried_codes_(carried_names_.size()),
        carried_values_(carried_names_.size()), carried_index_(carried_names_.size()),
        valid_dates_(valid_dates) {}

  // Validates one row and adds it, or records why it cannot be used. `carried` holds the values
  // of the carried columns, in the order of carried_columns(). Returns whether it was used.
  bool add_row(std::size_t line, const RowText& row, std::span<const std::string_view> carried = {}) {
    ++rows_read_;
    auto event = validate(row);
    if (!event) {
      Rejection r = std::move(event.error());
      r.line = line;
      rejected_.push_back(std::move(r));
      return false;
    }
    const std::size_t cases_before = case_ids_.size();
    event->case_index = intern_case(row.case_id);
    // A child seen before, but not in the row just before this one: its rows are not together.
    if (case_ids_.size() == cases_before && !events_.empty() && events_.back().case_index != event->case_index) {
      cases_together_ = false;
    }
    latest_ = events_.empty() ? event->date : std::max(latest_, event->date);
    event->row = static_cast<std::uint32_t>(events_.size());
    events_.push_back(*event);
    lines_.push_back(line);
    for (std::size_t c = 0; c < carried_names_.size(); ++c) {
      carried_codes_[c].push_back(intern_carried(c, c < carried.size() ? carried[c] : std::string_view{}));
    }
    return true;
  }

  // Room for `rows` more rows without reallocating, for a reader that knows about how many.
  void reserve(std::size_t rows) {
    events_.reserve(events_.size() + rows);
    lines_.reserve(lines_.size() + rows);
    for (std::vector<std::uint32_t>& codes : carried_codes_) codes.reserve(codes.size() + rows);
  }

  // A row the reader itself could not split into columns (too few fields, say).
  void reject(std::size_t line, std::string case_id, std::string column, std::string reason) {
    ++rows_read_;
    rejected_.push_back({line, std::move(case_id), std::move(column), std::move(reason)});
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
  std::expected<Event, Rejection> validate(const RowText& row) const {
    const auto reject = [&](std::string_view column, std::string reason) {
      return std::unexpected(Rejection{0, std::string(utf8_prefix(row.case_id, max_case_id_length)),
                                       std::string(column), std::move(reason)});
    };
    if (row.case_id.empty()) return reject("case_id", "empty case id");
    // A UTF-8 character is at least one byte: only a long id can have too many characters.
    if (row.case_id.size() > max_case_id_length && utf8_length(row.case_id) > max_case_id_length) {
      return reject("case_id", "case id longer than " + std::to_string(max_case_id_length) + " characters");
    }
    Event e;
    const auto type = detail::event_type_fast(row.event);
    if (!type) return reject("event", "unknown event " + excerpt(row.event));
    e.type = *type;
    const auto date = parse_date(row.date);
    if (!date) return reject("date", date.error().message);
    if (!valid_dates_.contains(*date)) {
      return reject("date", to_string(*date) + " is outside the supported range (" + to_string(valid_dates_.first) +
                                " to " + to_string(valid_dates_.last) + ")");
    }
    e.date = *date;
    for (const AttributeInfo& a : attribute_infos) {
      const std::string_view text = row.attributes[static_cast<std::size_t>(a.attribute)];
      if (text.empty()) continue;
      const std::string_view column = a.name;  // a std::string only when a row is rejected
      switch (a.kind) {
        case AttributeKind::boolean: {
          const auto b = parse_boolean(text);
          if (!b) return reject(column, "not a boolean: " + excerpt(text) + " (true/false, yes/no, y/n, 1/0)");
          if (!carries(e.type, a.attribute)) break;
          if (a.attribute == Attribute::seen_alone) e.seen_alone = *b;
          if (a.attribute == Attribute::at_home) e.at_home = *b;
          if (a.attribute == Attribute::intended_until_18) e.intended_until_18 = *b;
          break;
        }
        case AttributeKind::period: {
          const auto p = parse_period(text);
          if (!p) return reject(column, p.error().message);
          if (carries(e.type, a.attribute)) e.visit_interval = *p;
          break;
        }
        case AttributeKind::choice: {
          const auto p = placement_type_named(text);
          if (!p) return reject(column, "unknown placement type " + excerpt(text));
          if (carries(e.type, a.attribute)) e.placement_type = *p;
          break;
        }
      }
    }
    return e;
  }

  // Rows of one child usually come together, with the same team and worker: the previous row's
  // codes are tried before the hash tables.
  std::uint32_t intern_case(std::string_view id) {
    if (!case_ids_.empty() && case_ids_[last_case_] == id) return last_case_;
    const auto [it, added] = case_index_.try_emplace(std::string(id), static_cast<std::uint32_t>(case_ids_.size()));
    if (added) case_ids_.emplace_back(id);
    return last_case_ = it->second;
  }

  std::uint32_t intern_carried(std::size_t column, std::string_view value) {
    auto& codes = carried_codes_[column];
    if (!codes.empty() && carried_values_[column][codes.back()] == value) return codes.back();
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
  std::vector<Event> events_;
  std::vector<std::size_t> lines_;
  std::vector<std::string> case_ids_;
  std::unordered_map<std::string, std::uint32_t> case_index_;
  std::uint32_t last_case_ = 0;
  Date latest_;
  bool cases_together_ = true;
  std::vector<Rejection> rejected_;
  std::size_t rows_read_ = 0;
};

}  // namespace timescales
