#include "timescales/source.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace timescales {

std::expected<SourceFile, Error> read_sources_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::unexpected(Error{Errc::invalid_data, "cannot read " + file.string()});
  std::ostringstream text;
  text << in.rdbuf();
  return SourceFile{file.string(), std::move(text).str()};
}

std::expected<std::vector<SourceFile>, Error> read_sources(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return std::unexpected(Error{Errc::invalid_data, "rules directory " + dir.string() + " does not exist"});
  }
  std::vector<SourceFile> out;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_regular_file() || it->path().extension() != ".toml") continue;
    std::ifstream in(it->path(), std::ios::binary);
    if (!in) return std::unexpected(Error{Errc::invalid_data, "cannot read " + it->path().string()});
    std::ostringstream text;
    text << in.rdbuf();
    out.push_back({fs::relative(it->path(), dir).generic_string(), std::move(text).str()});
  }
  if (ec) return std::unexpected(Error{Errc::invalid_data, "cannot list " + dir.string() + ": " + ec.message()});
  std::ranges::sort(out, {}, &SourceFile::path);
  return out;
}

}  // namespace timescales
