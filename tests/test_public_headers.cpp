// The stable API: timescales/timescales.hpp includes every C++ header that is installed (the list
// TIMESCALES_PUBLIC_HEADERS in CMakeLists.txt; tests/umbrella.cpp shows it includes no other).
#include <filesystem>
#include <sstream>
#include <string>

#include "cli_support.hpp"
#include "support.hpp"

using timescales::testing::contains;
using timescales::testing::slurp;

TEST_CASE("the umbrella header includes every installed C++ header", "[api]") {
  const std::string umbrella =
      slurp(std::filesystem::path(TIMESCALES_SOURCE_DIR) / "include" / "timescales" / "timescales.hpp");
  REQUIRE_FALSE(umbrella.empty());
  std::istringstream headers(TIMESCALES_PUBLIC_HEADERS);
  int checked = 0;
  for (std::string header; headers >> header;) {
    if (header == "timescales.hpp" || header == "timescales.h") continue;  // itself; the C API
    INFO(header);
    CHECK(contains(umbrella, "#include \"timescales/" + header + "\""));
    ++checked;
  }
  CHECK(checked > 0);  // the list reached the test
}
