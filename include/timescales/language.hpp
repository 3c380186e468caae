// The languages the library's sentences are written in. Every function of the text layer
// (wording.hpp, explain.hpp, rule_text.hpp) takes one; a new language is a new enumerator and a
// translation in each of those functions, nothing else.
#pragma once

#include <cstdint>
#include <string_view>

namespace timescales {

enum class Language : std::uint8_t { en };

// The language's code as HTML's lang attribute and BCP 47 write it: "en".
constexpr std::string_view code(Language language) {
  switch (language) {
    case Language::en: return "en";
  }
  return "en";
}

}  // namespace timescales
