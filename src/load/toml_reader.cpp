#include "load/toml_reader.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <numeric>

namespace timescales::load {

namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

std::string_view type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a number";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    case toml::node_type::array: return "an array";
    case toml::node_type::table: return "a table";
    default: return "nothing";
  }
}

// The character at a 1-based line and column as toml++ counts them (a column is a character, not
// a byte; a byte order mark is not one), as its UTF-8 bytes; nothing when there is none there.
std::optional<std::string> character_at(std::string_view text, std::size_t bom, std::size_t line,
                                        std::size_t column) {
  std::size_t i = bom;
  for (std::size_t l = 1; l < line; ++l) {
    i = text.find('\n', i);
    if (i == std::string_view::npos) return std::nullopt;
    ++i;
  }
  for (std::size_t c = 1; i < text.size() && text[i] != '\n'; ++c) {
    std::size_t end = i + 1;
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
    if (c == column) return std::string(text.substr(i, end - i));
    i = end;
  }
  return std::nullopt;
}

// "U+0175" for the UTF-8 bytes of one character (their lead byte's payload, then 6 bits a byte).
std::string code_point_name(std::string_view utf8) {
  const auto lead = static_cast<unsigned char>(utf8[0]);
  std::uint32_t cp = lead >= 0xF0 ? lead & 0x07u : lead >= 0xE0 ? lead & 0x0Fu : lead & 0x1Fu;
  for (const char b : utf8.substr(1)) cp = (cp << 6) | (static_cast<unsigned char>(b) & 0x3Fu);
  char name[16];
  std::snprintf(name, sizeof name, "U+%04X", static_cast<unsigned>(cp));
  return name;
}

}  // namespace

std::optional<std::string> nearest(std::string_view word, const std::vector<std::string>& candidates) {
  std::optional<std::string> best;
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const std::string& c : candidates) {
    const std::size_t d = edit_distance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

Diagnostic diagnostic_at(const std::string& file, const toml::node& at, std::string message,
                         std::string hint) {
  const auto& where = at.source().begin;
  return {file, static_cast<int>(where.line), static_cast<int>(where.column), std::move(message),
          std::move(hint)};
}

std::optional<Diagnostic> check_bounds(const std::string& path, std::string_view text) {
  if (text.size() > max_file_bytes) {
    return Diagnostic{path, 0, 0, "the file has " + std::to_string(text.size()) + " bytes, more than a rule, measure or "
                                      "calendar file may have (" + std::to_string(max_file_bytes) + ")", {}};
  }
  // A lexical scan of the TOML: strings and comments are skipped; table headers, brackets, braces
  // and the dots of keys are counted.
  //
  // It also refuses one text that toml++ 3.3 (Debian 12's) cannot take: a non-ASCII character
  // after a backslash in a multi-line string. Its whitespace test reaches __builtin_unreachable on
  // most non-ASCII characters (marzer/tomlplusplus#190, #295; fixed upstream after 3.3);
  // parse_toml keeps every other non-ASCII character away from that test.
  int line = 1, header = 0, open = 0, dots = 0;
  bool line_start = true, in_header = false;
  const auto too_deep = [&]() -> std::optional<Diagnostic> {
    if (header + open + dots <= max_nesting) return std::nullopt;
    return Diagnostic{path, line, 0, "nested more than " + std::to_string(max_nesting) +
                                         " levels deep (tables, arrays and the parts of dotted keys)", {}};
  };
  const auto non_ascii = [&](std::size_t at) { return at < text.size() && static_cast<unsigned char>(text[at]) >= 0x80; };
  const auto refuse = [&](std::size_t at, std::string message) {
    // The column in characters, as toml++ counts it: UTF-8 continuation bytes do not count.
    const std::size_t newline = at == 0 ? std::string_view::npos : text.rfind('\n', at - 1);
    const std::size_t line_begin = newline == std::string_view::npos ? 0 : newline + 1;
    const auto column = 1 + std::ranges::count_if(text.substr(line_begin, at - line_begin),
                                                  [](char b) { return (static_cast<unsigned char>(b) & 0xC0) != 0x80; });
    return Diagnostic{path, line, static_cast<int>(column), std::move(message), {}};
  };
  // A multi-line basic string's backslash at i: the character it escapes, or after a line-ending
  // backslash the first one past the whitespace and line breaks it trims.
  const auto after_backslash = [&](std::size_t i) -> std::optional<Diagnostic> {
    if (non_ascii(i + 1)) {
      return refuse(i + 1, "a backslash followed by a non-ASCII character, which is not a TOML escape; "
                           "write the character itself or \\uXXXX");
    }
    std::size_t j = i + 1;
    bool line_break = false;
    for (; j < text.size() && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r' || text[j] == '\n'); ++j) {
      line_break = line_break || text[j] == '\n';
    }
    if (!line_break || !non_ascii(j)) return std::nullopt;
    const int backslash_line = line;
    line += static_cast<int>(std::ranges::count(text.substr(i, j - i), '\n'));
    return refuse(j, "a non-ASCII character straight after a line-ending backslash (line " +
                         std::to_string(backslash_line) + "): the TOML reader cannot take it there; "
                         "write it as \\uXXXX, or put an ASCII character before it");
  };
  const std::size_t bom = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;  // a UTF-8 byte order mark is allowed
  for (std::size_t i = bom; i < text.size(); ++i) {
    const char c = text[i];
    const bool at_line_start = line_start;
    if (c != ' ' && c != '\t') line_start = false;
    switch (c) {
      case '\n':
        ++line;
        line_start = true;
        dots = 0;
        in_header = false;
        break;
      case '#':
        while (i + 1 < text.size() && text[i + 1] != '\n') ++i;
        break;
      case '"':
      case '\'': {
        const bool multi = text.substr(i, 3) == std::string(3, c);
        i += multi ? 3 : 1;
        for (; i < text.size(); ++i) {
          if (text[i] == '\n') {
            ++line;
            if (!multi) break;  // an unterminated string: the parser says so
          } else if (c == '"' && text[i] == '\\') {
            if (multi) {
              if (auto d = after_backslash(i)) return d;
            }
            if (i + 1 < text.size() && text[i + 1] == '\n') ++line;
            ++i;
          } else if (text[i] == c && (!multi || text.substr(i, 3) == std::string(3, c))) {
            if (multi) {
              i += 2;
              while (i + 1 < text.size() && text[i + 1] == c) ++i;  // up to two quotes end the content
            }
            break;
          }
        }
        if (i < text.size() && text[i] == '\n') line_start = true, dots = 0, in_header = false;
        break;
      }
      case '[':
        if (at_line_start && open == 0) {
          in_header = true;
          header = 1;
          while (i + 1 < text.size() && text[i + 1] == '[') ++i;
        } else if (!in_header) {
          ++open;
          dots = 0;
        }
        break;
      case '{':
        ++open;
        dots = 0;
        break;
      case ']':
        if (in_header) in_header = false;
        else if (open > 0) --open;
        break;
      case '}':
        if (open > 0) --open;
        break;
      case '.':
        if (in_header) ++header;
        else ++dots;
        break;
      case '=':
      case ',':
        dots = 0;
        break;
      default:
        break;
    }
    if (auto d = too_deep()) return d;
  }
  return std::nullopt;
}

bool valid_id(std::string_view id) {
  if (id.empty() || id.size() > max_id_length) return false;
  bool part_start = true;
  for (const char c : id) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (c == '.') {
      if (part_start) return false;
      part_start = true;
    } else if (alnum || (!part_start && (c == '_' || c == '-'))) {
      part_start = false;
    } else {
      return false;
    }
  }
  return !part_start;
}

std::optional<toml::table> parse_file(const std::string& path, const std::string& text,
                                      Diagnostics& out) {
  if (auto d = check_bounds(path, text)) {
    out.push_back(std::move(*d));
    return std::nullopt;
  }
  // toml++ 3.3 tests characters for whitespace wherever a value, key or separator may end, and that
  // test is undefined behaviour for most non-ASCII characters (see check_bounds). TOML 1.0 allows
  // them only in strings and comments, where the test never runs. So a text with any is first
  // parsed as a copy in which each non-ASCII character is one '@': the same lines and columns, and
  // '@' is valid in strings and comments and nowhere else. Only when the copy parses is the text
  // itself parsed; an error at an '@' is reported as the character it stands for.
  const std::size_t bom = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  const bool has_non_ascii = std::ranges::any_of(text.begin() + static_cast<std::ptrdiff_t>(bom), text.end(),
                                                 [](char b) { return static_cast<unsigned char>(b) >= 0x80; });
  if (has_non_ascii) {
    std::string copy = text.substr(0, bom);
    for (std::size_t i = bom; i < text.size(); ++i) {
      const auto b = static_cast<unsigned char>(text[i]);
      if (b < 0x80) copy += text[i];
      else if ((b & 0xC0) != 0x80) copy += '@';  // a lead byte; its continuation bytes add nothing
      else if (i == bom || static_cast<unsigned char>(text[i - 1]) < 0x80) copy += '@';  // a stray one
    }
    try {
      (void)toml::parse(copy, path);
    } catch (const toml::parse_error& e) {
      const auto& where = e.source().begin;
      std::string message = "not valid TOML: " + std::string(e.description());
      if (const auto c = character_at(text, bom, where.line, where.column); c && c->size() > 1) {
        message = "a non-ASCII character (" + code_point_name(*c) + ") outside quotes and comments; TOML allows them only in "
                  "strings and comments (a key with one must be quoted)";
      }
      out.push_back({path, static_cast<int>(where.line), static_cast<int>(where.column), std::move(message), {}});
      return std::nullopt;
    }
  }
  try {
    return toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    const auto& where = e.source().begin;
    out.push_back({path, static_cast<int>(where.line), static_cast<int>(where.column),
                   "not valid TOML: " + std::string(e.description()), {}});
    return std::nullopt;
  }
}

void TableReader::error(const toml::node& at, std::string message, std::string hint) {
  out_.push_back(diagnostic_at(file_, at, context_.empty() ? std::move(message) : context_ + ": " + message,
                               std::move(hint)));
}

void TableReader::error_here(std::string message, std::string hint) {
  error(table_, std::move(message), std::move(hint));
}

const toml::node* TableReader::get(std::string_view key, bool required) {
  known_.emplace_back(key);
  const toml::node* node = table_.get(key);
  if (node == nullptr && required) error_here("missing required key '" + std::string(key) + "'");
  return node;
}

void TableReader::wrong_type(const toml::node& node, std::string_view key, std::string_view wanted) {
  error(node, "'" + std::string(key) + "' must be " + std::string(wanted) + ", not " +
                  std::string(type_name(node)));
}

std::optional<std::string> TableReader::string(std::string_view key, bool required) {
  const toml::node* node = get(key, required);
  if (node == nullptr) return std::nullopt;
  if (const auto* s = node->as_string()) {
    // A required text left empty is as missing as one left out (a citation of "" cites nothing).
    if (required && s->get().find_first_not_of(" \t\r\n") == std::string::npos) {
      error(*node, "'" + std::string(key) + "' is empty: give its text");
      return std::nullopt;
    }
    return s->get();
  }
  wrong_type(*node, key, "a string");
  return std::nullopt;
}

std::optional<std::int64_t> TableReader::integer(std::string_view key, bool required) {
  const toml::node* node = get(key, required);
  if (node == nullptr) return std::nullopt;
  if (const auto* i = node->as_integer()) {
    if (i->get() >= 0 && i->get() <= std::numeric_limits<std::int32_t>::max()) return i->get();
    error(*node, "'" + std::string(key) + "' must be from 0 to " + std::to_string(std::numeric_limits<std::int32_t>::max()) +
                     ", not " + std::to_string(i->get()));
    return std::nullopt;
  }
  wrong_type(*node, key, "an integer");
  return std::nullopt;
}

std::optional<double> TableReader::percentage(std::string_view key, bool required) {
  const toml::node* node = get(key, required);
  if (node == nullptr) return std::nullopt;
  std::optional<double> value;
  if (const auto* i = node->as_integer()) value = static_cast<double>(i->get());
  if (const auto* f = node->as_floating_point()) value = f->get();
  if (!value) {
    wrong_type(*node, key, "a percentage (a number)");
    return std::nullopt;
  }
  if (!(*value >= 0 && *value <= 100)) {  // NaN too
    error(*node, "'" + std::string(key) + "' is a percentage: from 0 to 100");
    return std::nullopt;
  }
  return value;
}

std::optional<std::string> TableReader::id(std::string_view key, bool required) {
  auto value = string(key, required);
  if (!value || valid_id(*value)) return value;
  error(*table_.get(key), "'" + std::string(key) + "' " + excerpt(*value) + " is not a valid id",
        "letters, digits, '_' and '-' in parts separated by dots, such as 'local.council.visit'; at most " +
            std::to_string(max_id_length) + " characters");
  return std::nullopt;
}

std::optional<bool> TableReader::boolean(std::string_view key, bool required) {
  const toml::node* node = get(key, required);
  if (node == nullptr) return std::nullopt;
  if (const auto* b = node->as_boolean()) return b->get();
  wrong_type(*node, key, "true or false");
  return std::nullopt;
}

std::optional<Date> TableReader::date(std::string_view key, bool required) {
  const toml::node* node = get(key, required);
  if (node == nullptr) return std::nullopt;
  if (const auto* d = node->as_date()) {
    const toml::date v = d->get();
    auto made = make_date(v.year, v.month, v.day);
    if (made) return *made;
    error(*node, "'" + std::string(key) + "': " + made.error().message);
    return std::nullopt;
  }
  if (const auto* s = node->as_string()) {
    auto parsed = parse_date(s->get());
    if (parsed) return *parsed;
    error(*node, "'" + std::string(key) + "': " + parsed.error().message);
    return std::nullopt;
  }
  wrong_type(*node, key, "a date (YYYY-MM-DD)");
  return std::nullopt;
}

std::optional<Period> TableReader::period(std::string_view key, bool required) {
  const toml::node* node = get(key, required);
  if (node == nullptr) return std::nullopt;
  const auto* s = node->as_string();
  if (s == nullptr) {
    wrong_type(*node, key, "a period such as \"15 working days\"");
    return std::nullopt;
  }
  auto parsed = parse_period(s->get());
  if (parsed) return *parsed;
  error(*node, "'" + std::string(key) + "': " + parsed.error().message);
  return std::nullopt;
}

const toml::table* TableReader::table(std::string_view key, bool required) {
  const toml::node* node = get(key, required);
  if (node == nullptr) return nullptr;
  if (const auto* t = node->as_table()) return t;
  wrong_type(*node, key, "a table");
  return nullptr;
}

const toml::array* TableReader::array(std::string_view key, bool required) {
  const toml::node* node = get(key, required);
  if (node == nullptr) return nullptr;
  if (const auto* a = node->as_array()) return a;
  wrong_type(*node, key, "an array");
  return nullptr;
}

std::optional<std::string> TableReader::choice(std::string_view key, bool required,
                                               const std::vector<std::string>& choices) {
  auto value = string(key, required);
  if (!value) return std::nullopt;
  if (std::ranges::find(choices, *value) != choices.end()) return value;
  std::string list;
  for (const auto& c : choices) list += (list.empty() ? "" : ", ") + c;
  const auto guess = nearest(*value, choices);
  error(*table_.get(key), "'" + std::string(key) + "' must be one of " + list + ", not " + excerpt(*value),
        guess ? "did you mean '" + *guess + "'?" : "");
  return std::nullopt;
}

void TableReader::allow(std::initializer_list<std::string_view> keys) {
  for (auto k : keys) known_.emplace_back(k);
}

void TableReader::finish() {
  for (const auto& [key, node] : table_) {
    const std::string_view name = key.str();
    if (std::ranges::find(known_, name) != known_.end()) continue;
    const auto guess = nearest(name, known_);
    error(node, "unknown key '" + std::string(name) + "'",
          guess ? "did you mean '" + *guess + "'?" : "");
    // Point at the key that is wrong, not at its value.
    if (const auto& at = key.source().begin; at.line > 0) {
      out_.back().line = static_cast<int>(at.line);
      out_.back().column = static_cast<int>(at.column);
    }
  }
}

}  // namespace timescales::load
