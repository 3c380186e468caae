// Obligations and findings in words: the rule and its citation, the arithmetic from trigger to
// deadline (bank holidays skipped, month ends clamped), the variation applied, and how it ended.
#pragma once

#include <string>

#include "timescales/engine.hpp"

namespace timescales {

std::string explain(const Obligation& obligation, const EventTable& events, Date as_of);

std::string explain(const Finding& finding);

// "after the previous occurrence, during 12 months: every 6 weeks (reg 31(2))": which interval of
// the rule set a deadline.
std::string describe_interval(const Obligation& obligation);

}  // namespace timescales
