// The test suite's precompiled header (tests/CMakeLists.txt).
#pragma GCC system_header
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
