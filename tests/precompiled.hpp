// The test suite's precompiled header (tests/CMakeLists.txt): what most test files include, parsed
// once per build instead of once per file. Each test file still includes what it uses itself.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "timescales/timescales.hpp"
