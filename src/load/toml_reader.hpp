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

// Parses a whole file; on a syntax error (a truncated file among them) adds a diagnostic and
// returns nothing.
std::optional<toml::table> parse_file(const std::string& path, const std::string& text,
                                      Diagnostics& out);

class TableReader {
 public:
  TableReader(const toml::table& table, std::string file, std::string context, Diagnostics& out)
      : table_(table), file_(std::move(file)), context_(std::move(context)), out_(out) {}

  // Each getter reports a missing required key or a wrong type, and records the key as known.
  std::optional<std::string> string(std::string_view key, bool required);
  std::optional<std::int64_t> integer(std::string_view key, bool required);
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
