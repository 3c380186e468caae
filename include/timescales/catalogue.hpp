// The rule catalogue as Markdown (docs/rules.md): what councils and inspectors read. Generated
// from the rule files, never written by hand: `timescales rules doc > docs/rules.md`.
#pragma once

#include <string>

#include "timescales/rulebook.hpp"

namespace timescales {

std::string catalogue_markdown(const Rulebook& rules);

}  // namespace timescales
