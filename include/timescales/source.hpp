// Where rule and calendar files come from: a directory, or the set compiled into the library
// (so the tool and the bindings work from any directory, with no files installed beside them).
#pragma once

#include <expected>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "timescales/error.hpp"

namespace timescales {

// One data file: its path relative to the directory it was read from
// ("calendars/england-and-wales.toml"), its text, and that directory as the user named it (empty
// for the data built into the library). Files under calendars/ are calendars, files under a
// measures/ folder are measure definitions, every other file holds rules. Messages name a file by
// where() ("my-council/visits.toml"), so a council's file is never mistaken for a built-in one.
struct SourceFile {
  std::string path;
  std::string text;
  std::string origin{};  // empty: built into the library

  [[nodiscard]] std::string where() const {
    if (origin.empty()) return path;
    return origin.ends_with('/') ? origin + path : origin + "/" + path;
  }
};

// Measure definitions are the files under a measures/ folder ("wales/measures/pm24.toml").
inline bool is_measure_file(const std::string& path) {
  return path.starts_with("measures/") || path.find("/measures/") != std::string::npos;
}

// Calendars are the files under calendars/ at the top of a rules directory.
inline bool is_calendar_file(const std::string& path) { return path.starts_with("calendars/"); }

// The files of the project's rules/ directory, compiled in at build time.
std::span<const SourceFile> builtin_sources();

// One file, named by the path given.
std::expected<SourceFile, Error> read_sources_file(const std::filesystem::path& file);

// Every *.toml file below dir, in path order, with dir (as given) as their origin.
std::expected<std::vector<SourceFile>, Error> read_sources(const std::filesystem::path& dir);

}  // namespace timescales
