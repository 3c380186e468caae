// UTF-8 text helpers: counting characters, and cutting text without splitting a character, for
// limits on input (a case id's 64 characters) and excerpts in messages.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace timescales {

constexpr bool is_utf8_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Characters (code points) in UTF-8 text.
constexpr std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += is_utf8_continuation(c) ? 0 : 1;
  return n;
}

// The first `max` characters of UTF-8 text, never cut inside a character.
constexpr std::string_view utf8_prefix(std::string_view s, std::size_t max) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!is_utf8_continuation(s[i]) && n++ == max) return s.substr(0, i);
  }
  return s;
}

// Quotes a piece of user input for a message, cut to at most `limit` bytes (never inside a
// character): messages may reach logs, and case data is sensitive, so we never echo more than a
// short field.
inline std::string excerpt(std::string_view field, std::size_t limit = 40) {
  std::size_t cut = field.size() < limit ? field.size() : limit;
  while (cut > 0 && cut < field.size() && is_utf8_continuation(field[cut])) --cut;
  return "'" + std::string(field.substr(0, cut)) + (cut < field.size() ? "...'" : "'");
}

}  // namespace timescales
