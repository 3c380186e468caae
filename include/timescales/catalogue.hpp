// The rule catalogue as Markdown (docs/rules.md): what councils and inspectors read. Generated
// from the rule files, never written by hand: `timescales rules doc > docs/rules.md`.
#pragma once

#include <string>

#include "timescales/language.hpp"
#include "timescales/rulebook.hpp"

namespace timescales {

// The Markdown layout is here; its words are rule_text.hpp's.
std::string catalogue_markdown(const Rulebook& rules, Language language);

}  // namespace timescales
