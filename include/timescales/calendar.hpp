// The working-day calendar (C1, C2): which days are working days, and counting them in O(1).
// A Calendar is built once from data (rules/calendars/*.toml) and is immutable afterwards, so one
// instance is safely shared by every thread.
//
// Only the calendar loader builds one (load_calendars, and through it builtin_rulebook() and
// load_rulebook). The one-off holidays (jubilees, state funerals) exist only in the calendar files;
// the statutory pattern (holiday.hpp) cannot derive them, so a calendar made from a definition by
// hand would count 2022-09-19, the Queen's funeral, as a working day and silently move deadlines.
// Hence no public constructor and a private build(): any Calendar one can hold came from its data.
#pragma once

#include <algorithm>
#include <cstdint>
#include <expected>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "timescales/date.hpp"
#include "timescales/error.hpp"
#include "timescales/holiday.hpp"

namespace timescales {

namespace load {
struct CalendarLoader;  // src/load/calendar_loader.cpp: the only code that builds a Calendar
}

// A day every year that a calendar variant treats as non-working on weekdays (Christmas Eve).
struct AnnualClosure {
  int month;
  int day;
  std::string name;
  std::string name_cy;
};

// What a calendar file says. Inside [listed_from_year, listed_to_year] the listed holidays are the
// whole truth; other years of the supported range come from the statutory pattern, as projected.
struct CalendarDefinition {
  std::string id;
  std::string title;
  std::string provenance;
  std::vector<Holiday> listed;
  int listed_from_year = 0;
  int listed_to_year = -1;
  DateRange supported;
  std::vector<AnnualClosure> closures;
};

class Calendar {
 public:
  [[nodiscard]] const std::string& id() const { return def_.id; }
  [[nodiscard]] const std::string& title() const { return def_.title; }
  [[nodiscard]] const std::string& provenance() const { return def_.provenance; }
  [[nodiscard]] DateRange supported() const { return def_.supported; }
  [[nodiscard]] std::pair<int, int> listed_years() const {
    return {def_.listed_from_year, def_.listed_to_year};
  }
  [[nodiscard]] std::span<const Holiday> holidays() const { return holidays_; }

  // An error naming the calendar and its range when d is outside it; nothing otherwise.
  [[nodiscard]] std::expected<void, Error> check(Date d) const {
    if (def_.supported.contains(d)) return {};
    return std::unexpected(out_of_range(d));
  }

  [[nodiscard]] std::expected<bool, Error> is_working_day(Date d) const {
    if (auto ok = check(d); !ok) return std::unexpected(ok.error());
    return is_working_unchecked(index(d));
  }

  // C2: d is day 0 whether or not it is a working day; the result is the nth working day after
  // it (n > 0), or the |n|th working day before it (n < 0). n = 0 gives d itself.
  [[nodiscard]] std::expected<Date, Error> add_working_days(Date d, std::int32_t n) const {
    if (!def_.supported.contains(d)) [[unlikely]] return std::unexpected(out_of_range(d));
    if (n == 0) return d;
    const std::int64_t k = kth_working_day(index(d), n);
    if (k < 1 || k > static_cast<std::int64_t>(working_day_.size())) [[unlikely]] {
      return std::unexpected(beyond_range(d, n));
    }
    return def_.supported.first + working_day_[static_cast<std::size_t>(k - 1)];
  }

  // The same for whole arrays: out[i] = dates[i] + ns[i] working days. All three spans have one
  // length. A block of elements at a time: when every date of the block is in range, every n is
  // positive and the latest date plus the largest n stays in range (the count of working days
  // only grows with the date), each element is two table lookups with no check at all; any other
  // block goes one call at a time. An error is the first failing element's, prefixed with its
  // position ("element 12: ..."); `out` is then unspecified.
  [[nodiscard]] std::expected<void, Error> add_working_days(std::span<const Date> dates,
                                                            std::span<const std::int32_t> ns,
                                                            std::span<Date> out) const {
    if (dates.size() != ns.size() || dates.size() != out.size()) [[unlikely]] {
      return std::unexpected(Error{Errc::invalid_data, "add_working_days: the dates, counts and results differ in length"});
    }
    // Locals, so that the compiler need not reload them after each store to `out`.
    const Date first = def_.supported.first;
    const std::int32_t* through = working_through_.data();
    const std::int32_t* nth = working_day_.data();
    const auto last_at = static_cast<std::uint32_t>(working_through_.size() - 1);
    const auto positions = static_cast<std::uint64_t>(working_day_.size());
    constexpr std::size_t block = 1024;  // small enough to stay in the L1 cache between the passes
    for (std::size_t begin = 0; begin < dates.size(); begin += block) {
      const std::size_t end = std::min(dates.size(), begin + block);
      // Cheap bounds for the block. A date before the range wraps to a large unsigned index, so
      // one maximum catches both ends. Every n - 1 is >= 0 when the OR of them all is, and is at
      // most that OR then (an OR of non-negative numbers is at least each of them).
      std::uint32_t latest = 0;
      std::uint32_t n_bits = 0;
      for (std::size_t i = begin; i < end; ++i) {  // unsigned arithmetic: no overflow for any input
        latest = std::max(latest, static_cast<std::uint32_t>(dates[i].days()) - static_cast<std::uint32_t>(first.days()));
        n_bits |= static_cast<std::uint32_t>(ns[i]) - 1U;
      }
      const bool simple = latest <= last_at && (n_bits >> 31) == 0 &&
                          static_cast<std::uint64_t>(through[latest]) + n_bits < positions;
      if (simple) [[likely]] {
        for (std::size_t i = begin; i < end; ++i) {
          out[i] = first + nth[through[dates[i] - first] + ns[i] - 1];
        }
        continue;
      }
      for (std::size_t i = begin; i < end; ++i) {
        auto r = add_working_days(dates[i], ns[i]);
        if (!r) return std::unexpected(Error{r.error().code, "element " + std::to_string(i) + ": " + r.error().message});
        out[i] = *r;
      }
    }
    return {};
  }

  // Working days in (a, b]; negative when b < a.
  [[nodiscard]] std::expected<std::int32_t, Error> working_days_between(Date a, Date b) const {
    if (auto ok = check(a); !ok) return std::unexpected(ok.error());
    if (auto ok = check(b); !ok) return std::unexpected(ok.error());
    return working_through_[index(b)] - working_through_[index(a)];
  }

  // The holidays (not weekends) in [a, b], in date order.
  [[nodiscard]] std::span<const Holiday> holidays_between(Date a, Date b) const {
    const auto lo = std::lower_bound(holidays_.begin(), holidays_.end(), a,
                                     [](const Holiday& h, Date d) { return h.date < d; });
    const auto hi = std::upper_bound(lo, holidays_.end(), b,
                                     [](Date d, const Holiday& h) { return d < h.date; });
    return {lo, hi};
  }

  [[nodiscard]] const Holiday* holiday_on(Date d) const {
    const auto found = holidays_between(d, d);
    return found.empty() ? nullptr : &found.front();
  }

 private:
  friend struct load::CalendarLoader;
  static std::expected<Calendar, Error> build(CalendarDefinition def);
  explicit Calendar(CalendarDefinition def) : def_(std::move(def)) {}

  [[nodiscard]] std::size_t index(Date d) const {
    return static_cast<std::size_t>(d - def_.supported.first);
  }
  [[nodiscard]] bool is_working_unchecked(std::size_t i) const {
    return working_through_[i] != (i == 0 ? 0 : working_through_[i - 1]);
  }
  // C2 on the tables: for day index i (day 0) and n != 0, the position k (1-based) in
  // working_day_ of the answer; outside [1, working_day_.size()] when it is beyond the range.
  [[nodiscard]] std::int64_t kth_working_day(std::size_t i, std::int32_t n) const {
    const std::int64_t through = working_through_[i];  // working days in [first, day 0]
    return n > 0 ? through + n : through - (is_working_unchecked(i) ? 1 : 0) + n + 1;
  }
  // The messages are built out of line: the hot paths above only branch to them.
  [[gnu::cold, gnu::noinline]] [[nodiscard]] Error out_of_range(Date d) const {
    return {Errc::date_out_of_range, to_string(d) + " is outside the supported range of calendar " +
                                         def_.id + " (" + to_string(def_.supported.first) +
                                         " to " + to_string(def_.supported.last) + ")"};
  }
  [[gnu::cold, gnu::noinline]] [[nodiscard]] Error beyond_range(Date d, std::int32_t n) const {
    return {Errc::date_out_of_range, to_string(d) + " + " + std::to_string(n) +
                                         " working days falls outside the supported range of "
                                         "calendar " + def_.id + " (" +
                                         to_string(def_.supported.first) + " to " +
                                         to_string(def_.supported.last) + ")"};
  }

  CalendarDefinition def_;
  std::vector<Holiday> holidays_;              // listed, pattern and closures, sorted by date
  std::vector<std::int32_t> working_through_;  // [i]: working days in [first, first + i]
  std::vector<std::int32_t> working_day_;      // [k]: offset from first of the (k+1)th working day
};

inline std::expected<Calendar, Error> Calendar::build(CalendarDefinition def) {
  const auto invalid = [&](std::string what) {
    return std::unexpected(Error{Errc::invalid_data, "calendar " + def.id + ": " + what});
  };
  if (def.supported.last < def.supported.first) return invalid("supported range is empty");
  const int first_year = civil_from_days(def.supported.first).year;
  const int last_year = civil_from_days(def.supported.last).year;

  std::vector<Holiday> all;
  for (const Holiday& h : def.listed) {
    const int y = civil_from_days(h.date).year;
    if (y < def.listed_from_year || y > def.listed_to_year) {
      return invalid("holiday " + to_string(h.date) + " lies outside the listed years " +
                     std::to_string(def.listed_from_year) + "-" +
                     std::to_string(def.listed_to_year));
    }
    all.push_back(h);
  }
  for (int y = first_year; y <= last_year; ++y) {
    if (y < def.listed_from_year || y > def.listed_to_year) {
      for (Holiday& h : statutory_pattern(y, HolidaySource::projected)) all.push_back(std::move(h));
    }
  }
  const auto by_date = [](const Holiday& a, const Holiday& b) { return a.date < b.date; };
  std::ranges::sort(all, by_date);
  for (std::size_t i = 1; i < all.size(); ++i) {
    if (all[i].date == all[i - 1].date) {
      return invalid("holiday " + to_string(all[i].date) + " is listed twice");
    }
  }
  // Closures add only weekdays that are not holidays already (no substitute days for them).
  std::vector<Holiday> closures;
  for (int y = first_year; y <= last_year; ++y) {
    for (const AnnualClosure& c : def.closures) {
      const auto d = make_date(y, c.month, c.day);
      if (!d) return invalid("closure " + c.name + " is not a date");
      if (!is_weekend(*d) && !std::ranges::binary_search(all, *d, {}, &Holiday::date)) {
        closures.push_back({*d, c.name, c.name_cy, HolidayKind::closure, HolidaySource::derived, std::nullopt});
      }
    }
  }
  all.insert(all.end(), closures.begin(), closures.end());
  std::ranges::sort(all, by_date);

  Calendar cal(std::move(def));
  const auto& range = cal.def_.supported;
  std::erase_if(all, [&](const Holiday& h) { return !range.contains(h.date); });
  cal.holidays_ = std::move(all);
  const auto days = static_cast<std::size_t>(range.last - range.first + 1);
  cal.working_through_.resize(days);
  std::int32_t count = 0;
  auto next_holiday = cal.holidays_.begin();
  for (std::size_t i = 0; i < days; ++i) {
    const Date d = range.first + static_cast<std::int32_t>(i);
    bool holiday = false;
    if (next_holiday != cal.holidays_.end() && next_holiday->date == d) {
      holiday = true;
      ++next_holiday;
    }
    if (!holiday && !is_weekend(d)) {
      ++count;
      cal.working_day_.push_back(static_cast<std::int32_t>(i));
    }
    cal.working_through_[i] = count;
  }
  return cal;
}

}  // namespace timescales
