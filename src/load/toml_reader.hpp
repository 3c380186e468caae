// Reading typed fields out of toml++ tables while collecting diagnostics with file, line and
// column: wrong types, missing keys, unknown keys (with the nearest known key suggested).
// Internal to the loaders.
#pragma once

#include <toml++/toml.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "timescales/date.hpp"
#include "timescales/diagnostic.hpp"
#include "timescales/period.hpp"

namespace timescales::load {

// The nearest of `candidates` to `word` by edit distance, if close enough to be a likely typo.
std::optional<std::string> nearest(std::string_view word, const std::vector<std::string>& candidates);

// The bounds of a rule, measure or calendar file, checked before it is parsed (the TOML parser
// recurses once per level of nesting, and a hostile file could overflow the stack): its size, and
// its nesting depth, counted as the parts of the table header in force, plus the arrays and inline
// tables open, plus the parts of the dotted key being read.
inline constexpr std::size_t max_file_bytes = std::size_t{1} << 20;
inline constexpr int max_nesting = 24;

// A diagnostic (with the line) when the file is larger or nested deeper than these bounds, or has
// a non-ASCII character where toml++ 3.3 would reach undefined behaviour (see the definition).
std::optional<Diagnostic> check_bounds(const std::string& path, std::string_view text);

// Ids of rules and measures: ASCII letters, digits, '_' and '-', in parts separated by dots, each
// part starting with a letter or digit, at most max_id_length characters ("wales.cp.icpc"). Such
// an id needs no quoting in CSV, JSON or Markdown.
inline constexpr std::size_t max_id_length = 100;
bool valid_id(std::string_view id);

// Parses a whole file; on a syntax error (a truncated file among them), or a file beyond the
// bounds above, adds a diagnostic and returns nothing.
std::optional<toml::table> parse_file(const std::string& path, const std::string& text,
                                      Diagnostics& out);

class TableReader {
 public:
  TableReader(const toml::table& table, std::string file, std::string context, Diagnostics& out)
      : table_(table), file_(std::move(file)), context_(std::move(context)), out_(out) {}

  // Each getter reports a missing required key or a wrong type, and records the key as known.
  std::optional<std::string> string(std::string_view key, bool required);
  // Every integer in these files is a count, a year, a month or a day: one outside 0 to INT32_MAX
  // is reported, never truncated.
  std::optional<std::int64_t> integer(std::string_view key, bool required);
  // An id (valid_id above): reports one that is not.
  std::optional<std::string> id(std::string_view key, bool required);
  // A percentage, 0 to 100, written as an integer or a decimal (a measure's target).
  std::optional<double> percentage(std::string_view key, bool required);
  std::optional<bool> boolean(std::string_view key, bool required);
  std::optional<Date> date(std::string_view key, bool required);  // TOML date or "YYYY-MM-DD"
  std::optional<Period> period(std::string_view key, bool required);
  const toml::table* table(std::string_view key, bool required);
  const toml::array* array(std::string_view key, bool required);
  // A string that must be one of `choices`.
  std::optional<std::string> choice(std::string_view key, bool required,
                                    const std::vector<std::string>& choices);
  // Marks keys as known without reading them (read elsewhere).
  void allow(std::initializer_list<std::string_view> keys);

  // Reports every key of the table that no getter asked for.
  void finish();

  void error(const toml::node& at, std::string message, std::string hint = {});
  void error_here(std::string message, std::string hint = {});  // at the table itself
  [[nodiscard]] const std::string& file() const { return file_; }
  [[nodiscard]] const std::string& context() const { return context_; }
  [[nodiscard]] const toml::table& raw() const { return table_; }

 private:
  const toml::node* get(std::string_view key, bool required);
  void wrong_type(const toml::node& node, std::string_view key, std::string_view wanted);

  const toml::table& table_;
  std::string file_;
  std::string context_;  // "rule wales.cp.icpc", prefixed to messages
  Diagnostics& out_;
  std::vector<std::string> known_;
};

// A diagnostic at a node of a file.
Diagnostic diagnostic_at(const std::string& file, const toml::node& at, std::string message,
                         std::string hint = {});

}  // namespace timescales::load
