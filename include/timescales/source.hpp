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

// One data file: its path relative to the rules directory ("calendars/england-and-wales.toml"),
// and its text. Files under calendars/ are calendars; every other file holds rules.
struct SourceFile {
  std::string path;
  std::string text;
};

// The files of the project's rules/ directory, compiled in at build time.
std::span<const SourceFile> builtin_sources();

// One file, named by the path given.
std::expected<SourceFile, Error> read_sources_file(const std::filesystem::path& file);

// Every *.toml file below dir, in path order.
std::expected<std::vector<SourceFile>, Error> read_sources(const std::filesystem::path& dir);

}  // namespace timescales
