// The named calendars a rulebook counts in ("england-and-wales", "england-and-wales+christmas-eve").
// Immutable once built; rules refer to calendars by name.
#pragma once

#include <algorithm>
#include <expected>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "timescales/calendar.hpp"
#include "timescales/error.hpp"

namespace timescales {

class Calendars {
 public:
  Calendars() = default;
  explicit Calendars(std::vector<std::shared_ptr<const Calendar>> calendars)
      : calendars_(std::move(calendars)) {
    std::ranges::sort(calendars_, {}, [](const auto& c) { return c->id(); });
  }

  [[nodiscard]] const Calendar* find(std::string_view id) const {
    const auto it = std::ranges::find(calendars_, id, [](const auto& c) { return std::string_view(c->id()); });
    return it == calendars_.end() ? nullptr : it->get();
  }

  [[nodiscard]] std::expected<std::reference_wrapper<const Calendar>, Error> get(std::string_view id) const {
    if (const Calendar* c = find(id)) return std::cref(*c);
    std::string known;
    for (const auto& c : calendars_) known += (known.empty() ? "" : ", ") + c->id();
    return std::unexpected(Error{Errc::unknown_calendar,
                                 "unknown calendar " + excerpt(id) + "; known calendars: " + known});
  }

  [[nodiscard]] std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& c : calendars_) out.push_back(c->id());
    return out;
  }

 private:
  std::vector<std::shared_ptr<const Calendar>> calendars_;
};

}  // namespace timescales
