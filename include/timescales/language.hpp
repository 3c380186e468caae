// The languages the library's sentences are written in. Every function of the text layer
// (wording.hpp, explain.hpp, rule_text.hpp) takes one; a new language is a new enumerator and a
// translation in each of those functions, nothing else.
#pragma once

#include <cstdint>

namespace timescales {

enum class Language : std::uint8_t { en };

}  // namespace timescales
