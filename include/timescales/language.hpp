// The languages the library's sentences are written in: English, and Welsh (Cymraeg), which Welsh
// councils must offer under the Welsh Language Standards (No. 1) Regulations 2015. Every function
// of the text layer (wording.hpp, explain.hpp, rule_text.hpp) takes one. English sentences are
// written in the code; Welsh ones come from the message catalogue po/cy.po (docs/cymraeg.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace timescales {

enum class Language : std::uint8_t { en, cy };

// The language's code as HTML's lang attribute and BCP 47 write it: "en", "cy".
constexpr std::string_view code(Language language) {
  switch (language) {
    case Language::en: return "en";
    case Language::cy: return "cy";
  }
  return "en";
}

// The language a code names ("en", "cy"; the CLI's --lang, Python's lang=), or none.
constexpr std::optional<Language> language_of(std::string_view code) {
  if (code == "en") return Language::en;
  if (code == "cy") return Language::cy;
  return std::nullopt;
}

}  // namespace timescales
