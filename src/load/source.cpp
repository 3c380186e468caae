#include "timescales/source.hpp"

#include <algorithm>
#include <fstream>

#include "load/toml_reader.hpp"

namespace timescales {

namespace {

namespace fs = std::filesystem;

// A data file read in chunks, never more than one byte beyond load::max_file_bytes (a path such
// as /dev/zero or a pipe that never ends is refused, not read whole).
std::expected<std::string, Error> read_bounded(const fs::path& file, const std::string& name) {
  std::error_code ec;
  if (fs::is_directory(file, ec)) {
    return std::unexpected(Error{Errc::invalid_data, name + " is a directory, not a file"});
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::unexpected(Error{Errc::invalid_data, "cannot read " + name});
  std::string text;
  constexpr std::size_t chunk = std::size_t{1} << 16;
  while (in && text.size() <= load::max_file_bytes) {
    const std::size_t at = text.size();
    text.resize(at + chunk);
    in.read(text.data() + at, static_cast<std::streamsize>(chunk));
    text.resize(at + static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) return std::unexpected(Error{Errc::invalid_data, "cannot read " + name});
  if (text.size() > load::max_file_bytes) {
    return std::unexpected(Error{Errc::invalid_data, name + " is larger than a rule, measure or calendar file may be (" +
                                                         std::to_string(load::max_file_bytes) + " bytes)"});
  }
  return text;
}

}  // namespace

std::expected<SourceFile, Error> read_sources_file(const std::filesystem::path& file) {
  auto text = read_bounded(file, file.string());
  if (!text) return std::unexpected(std::move(text.error()));
  return SourceFile{file.string(), std::move(*text), {}};
}

std::expected<std::vector<SourceFile>, Error> read_sources(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    const bool exists = fs::exists(dir, ec);
    return std::unexpected(Error{Errc::invalid_data, "rules directory " + dir.string() +
                                                         (exists ? " is not a directory" : " does not exist")});
  }
  // Every filesystem error (a symbolic link that loops, a directory that cannot be read, an entry
  // removed meanwhile) is an error naming the path, never an exception.
  const auto cannot = [&](const fs::path& path, const std::error_code& why) {
    return std::unexpected(Error{Errc::invalid_data, "cannot read " + path.string() + ": " + why.message()});
  };
  std::vector<SourceFile> out;
  fs::recursive_directory_iterator it(dir, ec);
  if (ec) return cannot(dir, ec);
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    const fs::path& path = it->path();
    if (path.extension() != ".toml") continue;
    const fs::file_status status = it->status(ec);
    if (!fs::status_known(status) || (ec && status.type() != fs::file_type::not_found)) {
      return cannot(path, ec ? ec : std::make_error_code(std::errc::io_error));
    }
    ec.clear();
    if (!fs::is_regular_file(status)) continue;
    auto text = read_bounded(path, path.string());
    if (!text) return std::unexpected(std::move(text.error()));
    const fs::path relative = fs::relative(path, dir, ec);
    if (ec) return cannot(path, ec);
    out.push_back({relative.generic_string(), std::move(*text), dir.string()});
  }
  if (ec) return std::unexpected(Error{Errc::invalid_data, "cannot list " + dir.string() + ": " + ec.message()});
  if (out.empty()) {
    return std::unexpected(Error{Errc::invalid_data, "rules directory " + dir.string() + " holds no .toml file"});
  }
  std::ranges::sort(out, {}, &SourceFile::path);
  return out;
}

}  // namespace timescales
