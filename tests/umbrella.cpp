// Compiled against a copy of the installed headers only (tests/CMakeLists.txt): the umbrella
// header, and everything it includes, is installed and builds clean under the project's warnings.
#include <timescales/timescales.hpp>
