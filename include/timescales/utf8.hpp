// UTF-8 text helpers: counting characters, and cutting text without splitting a character, for
// limits on input (a case id's 64 characters) and excerpts in messages; and text from the files
// fitted to where a face shows it (a Markdown cell, one line). What the library says in words is
// the text layer's (wording.hpp).
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
// character): messages may reach logs, so we never echo more than a short excerpt. Case data is
// sensitive (a name typed into the wrong column): what comes from it is quoted to at most
// case_data_excerpt bytes, which keeps a date whole. Control characters (a terminal's escape
// sequences among them: ESC, and the C1 controls U+0080 to U+009F) are shown as \xNN or \uNNNN,
// never written raw.
inline constexpr std::size_t case_data_excerpt = 16;
// A rule or measure id is at most 100 characters: a mistyped one is quoted whole.
inline constexpr std::size_t id_excerpt = 100;
inline std::string excerpt(std::string_view field, std::size_t limit = 40) {
  std::size_t cut = field.size() < limit ? field.size() : limit;
  while (cut > 0 && cut < field.size() && is_utf8_continuation(field[cut])) --cut;
  constexpr char hex[] = "0123456789abcdef";
  std::string out = "'";
  for (std::size_t i = 0; i < cut; ++i) {
    const auto c = static_cast<unsigned char>(field[i]);
    if (c < 0x20 || c == 0x7F) {
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 0xF];
    } else if (c == 0xC2 && i + 1 < cut && static_cast<unsigned char>(field[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(field[i + 1]) <= 0x9F) {
      const auto c1 = static_cast<unsigned char>(field[++i]);
      out += "\\u00";
      out += hex[c1 >> 4];
      out += hex[c1 & 0xF];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + (cut < field.size() ? "...'" : "'");
}

// Text for one cell of a Markdown table: a '|' would end the cell and a line end the row, so the
// one is escaped (with a backslash, as are backslashes) and the other becomes a space. '<' is
// written as an entity, so that no HTML in a value (a carried column) reaches a rendered page.
inline std::string markdown_cell(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (c == '<') {
      out += "&lt;";
      continue;
    }
    if (c == '|' || c == '\\') out += '\\';
    out += (c == '\n' || c == '\r') ? ' ' : c;
  }
  return out;
}

// Text from a rule file shown on one line: line ends become spaces, leading spaces go.
inline std::string one_line(std::string_view text) {
  std::string out;
  for (const char c : text) out.push_back(c == '\n' ? ' ' : c);
  while (!out.empty() && out.front() == ' ') out.erase(out.begin());
  return out;
}

}  // namespace timescales
