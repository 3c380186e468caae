// Comparing the short texts that every row of a large file holds (case ids, event names, ISO
// dates, a team or worker) inline, a few words at a time, instead of by a call to memcmp: those
// calls were a tenth of the instructions of reading a row (callgrind, benchmarks/RESULTS.md).
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace timescales::short_text {

// The eight bytes at p, the first in the lowest byte whatever the platform.
inline std::uint64_t load_word(const char* p) {
  std::uint64_t word;
  std::memcpy(&word, p, sizeof word);  // no alignment needed; compiles to one load
  if constexpr (std::endian::native == std::endian::big) word = std::byteswap(word);
  return word;
}

// The four bytes at p, likewise.
inline std::uint32_t load_half(const char* p) {
  std::uint32_t half;
  std::memcpy(&half, p, sizeof half);
  if constexpr (std::endian::native == std::endian::big) half = std::byteswap(half);
  return half;
}

// a == b. Texts of 4 to 32 bytes are compared as words that may overlap (never reading outside
// either text); shorter and longer ones as the standard library compares them.
[[gnu::always_inline]] inline bool same(std::string_view a, std::string_view b) {
  const std::size_t n = a.size();
  if (n != b.size()) return false;
  const char* const x = a.data();
  const char* const y = b.data();
  if (n >= 8 && n <= 16) return ((load_word(x) ^ load_word(y)) | (load_word(x + n - 8) ^ load_word(y + n - 8))) == 0;
  if (n >= 4 && n < 8) return ((load_half(x) ^ load_half(y)) | (load_half(x + n - 4) ^ load_half(y + n - 4))) == 0;
  if (n > 16 && n <= 32) {
    return ((load_word(x) ^ load_word(y)) | (load_word(x + 8) ^ load_word(y + 8)) |
            (load_word(x + n - 16) ^ load_word(y + n - 16)) | (load_word(x + n - 8) ^ load_word(y + n - 8))) == 0;
  }
  return a == b;
}

// a > b as text compares (byte by byte, unsigned), for texts of 8 to 16 bytes of one size (ISO
// dates) as two words whose first byte is made the highest; otherwise as the standard library.
[[gnu::always_inline]] inline bool after(std::string_view a, std::string_view b) {
  const std::size_t n = a.size();
  if (n != b.size() || n < 8 || n > 16) return a > b;
  const auto word = [](const char* p) { return std::byteswap(load_word(p)); };
  const std::uint64_t a1 = word(a.data()), b1 = word(b.data());
  if (a1 != b1) return a1 > b1;
  return word(a.data() + n - 8) > word(b.data() + n - 8);  // the overlapping bytes are equal
}

}  // namespace timescales::short_text
