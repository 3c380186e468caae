// Comparing and copying the short texts that every row of a large file holds (case ids, event
// names, ISO dates, a team or worker) inline, a few words at a time, instead of by calls to
// memcmp and memcpy: the comparisons were a tenth of the instructions of reading a row
// (callgrind, benchmarks/NOTES.md).
#pragma once

#include <array>
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

// Copies s to `to`, which has room for s.size() bytes, and returns the end: texts of 4 to 32
// bytes as words that may overlap, inline; others by memcpy (the writers' cells: case ids, rule
// ids, teams, whose calls to memcpy were a twentieth of writing CSV).
[[gnu::always_inline]] inline char* copy(char* to, std::string_view s) {
  const std::size_t n = s.size();
  const char* const from = s.data();
  // Bytes moved as they lie (no byte order to mind): all loaded, then all stored.
  const auto move = [&]<class Word>(Word, std::size_t second) {
    Word a, b;
    std::memcpy(&a, from, sizeof a);
    std::memcpy(&b, from + second, sizeof b);
    std::memcpy(to, &a, sizeof a);
    std::memcpy(to + second, &b, sizeof b);
  };
  if (n >= 8 && n <= 16) {
    move(std::uint64_t{}, n - 8);
  } else if (n >= 4 && n < 8) {
    move(std::uint32_t{}, n - 4);
  } else if (n > 16 && n <= 32) {
    move(std::array<std::uint64_t, 2>{}, n - 16);
  } else if (n != 0) {  // an empty view may have no data at all
    std::memcpy(to, from, n);
  }
  return to + n;
}

}  // namespace timescales::short_text
