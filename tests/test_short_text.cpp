// short_text::same and short_text::after give what == and > on std::string_view give, at every
// size, for texts that differ in any one byte (the words they load overlap, and must not miss
// a byte or read one outside the text).
#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>
#include <string>
#include <string_view>

#include "timescales/short_text.hpp"

namespace short_text = timescales::short_text;

TEST_CASE("short_text: same and after agree with the standard comparisons at every size and byte", "[text]") {
  for (std::size_t n = 0; n <= 40; ++n) {
    const std::string base(n, 'a');
    // Each text compared from a heap buffer of exactly its size, so that a read past its end is
    // one AddressSanitizer sees (a short std::string keeps its text inside the object).
    const auto exact = [](const std::string& text) {
      auto buffer = std::make_unique<char[]>(text.size());
      std::copy(text.begin(), text.end(), buffer.get());
      return buffer;
    };
    const auto base_buffer = exact(base);
    for (std::size_t at = 0; at < n; ++at) {
      for (const char c : {'b', '`', '\x80', '\xFF'}) {  // above and below 'a', and non-ASCII
        std::string other = base;
        other[at] = c;
        const auto other_buffer = exact(other);
        const std::string_view a(base_buffer.get(), n), b(other_buffer.get(), n);
        INFO("size " << n << ", byte " << at << " = " << static_cast<int>(static_cast<unsigned char>(c)));
        CHECK_FALSE(short_text::same(a, b));
        CHECK_FALSE(short_text::same(b, a));
        CHECK(short_text::after(a, b) == (a > b));
        CHECK(short_text::after(b, a) == (b > a));
      }
    }
    CHECK(short_text::same(base, std::string(n, 'a')));
    CHECK_FALSE(short_text::after(base, std::string(n, 'a')));
    CHECK_FALSE(short_text::same(base, base + "a"));  // sizes differ
    CHECK(short_text::after(base + "a", base));
  }
  // ISO dates, as the first pass compares them.
  CHECK(short_text::after("2024-03-01", "2024-02-29"));
  CHECK_FALSE(short_text::after("2023-12-31", "2024-01-01"));
}

TEST_CASE("short_text: copy writes exactly the text's bytes at every size, and returns their end", "[text]") {
  for (std::size_t n = 0; n <= 40; ++n) {
    std::string text;
    for (std::size_t i = 0; i < n; ++i) text += static_cast<char>('a' + i % 26);
    const auto source = std::make_unique<char[]>(n);  // exactly its size, for AddressSanitizer
    std::copy(text.begin(), text.end(), source.get());
    std::string out(n + 2, '#');  // a guard byte either side
    char* const end = short_text::copy(out.data() + 1, std::string_view(source.get(), n));
    INFO("size " << n);
    CHECK(end == out.data() + 1 + n);
    CHECK(out == "#" + text + "#");
  }
}
