// std::optional's interface in the space of the value itself: one value that no real one takes
// stands for "none". An obligation holds several optional dates and row numbers, and the engine
// writes one obligation per event or so; std::optional would add 4 bytes to each of them.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>

#include "timescales/date.hpp"
#include "timescales/vocabulary.hpp"

namespace timescales {

// The value that means "none": outside every calendar's range, beyond any table's rows, past the
// vocabulary.
template <class T>
struct NoValue;
template <>
struct NoValue<Date> {
  static constexpr Date value = Date::from_days(std::numeric_limits<std::int32_t>::min());
};
template <>
struct NoValue<std::uint32_t> {
  static constexpr std::uint32_t value = std::numeric_limits<std::uint32_t>::max();
};
template <>
struct NoValue<EventType> {
  static constexpr EventType value = static_cast<EventType>(std::numeric_limits<std::uint8_t>::max());
};

template <class T>
class CompactOptional {
 public:
  constexpr CompactOptional() = default;
  constexpr CompactOptional(std::nullopt_t) {}  // NOLINT: converts, as std::optional does
  constexpr CompactOptional(T value) : value_(value) {}  // NOLINT
  constexpr CompactOptional(const std::optional<T>& o) : value_(o ? *o : none) {}  // NOLINT

  [[nodiscard]] constexpr bool has_value() const { return value_ != none; }
  constexpr explicit operator bool() const { return has_value(); }
  // As std::optional's: only when has_value().
  constexpr const T& operator*() const { return value_; }
  constexpr const T* operator->() const { return &value_; }
  [[nodiscard]] constexpr T value_or(T other) const { return has_value() ? value_ : other; }
  constexpr void reset() { value_ = none; }
  constexpr operator std::optional<T>() const {  // NOLINT
    return has_value() ? std::optional<T>(value_) : std::nullopt;
  }

  friend constexpr bool operator==(CompactOptional, CompactOptional) = default;
  friend constexpr bool operator==(CompactOptional a, std::nullopt_t) { return !a.has_value(); }
  friend constexpr bool operator==(CompactOptional a, const T& b) { return a.has_value() && a.value_ == b; }

 private:
  static constexpr T none = NoValue<T>::value;
  T value_ = none;
};

}  // namespace timescales
