// Explanations, in the reader's language: how a deadline was reached from its trigger (bank
// holidays skipped, month ends clamped), which interval of a rule applied, how an obligation
// ended, why a variation was refused, and why the rules judged an occurrence as they did (the
// reason a reconciliation gives a council analyst).
#pragma once

#include <expected>
#include <string>
#include <string_view>

#include "timescales/engine.hpp"
#include "timescales/language.hpp"
#include "timescales/reckoning.hpp"

namespace timescales {

// The rule and its citation, the arithmetic from trigger to deadline, the variation applied, and
// how the obligation ended. The faces that offer no choice of language yet get English.
std::string explain(const Obligation& obligation, const EventTable& events, Date as_of,
                    Language language = Language::en);

std::string explain(const Finding& finding, Language language = Language::en);

// One paragraph saying how a deadline was reached, citing the convention used (`due --explain`).
std::string explain(const Reckoning& reckoning, Language language);

// "Working days counted: 2 Jan, 3 Jan." (empty when the period is not in working days).
std::string working_days_counted(const Reckoning& reckoning, Language language);

// "the interval in force on the date of the previous occurrence (C6), during the first 12
// months from the start: not more than 6 weeks (reg 31(2))": which interval of the rule set a
// deadline.
std::string describe_interval(const Obligation& obligation, Language language);

// One child's timeline (`evaluate --case ID --explain`): the child's events, every duty at its due
// date with its explanation, refused variations and duties beyond the calendar, in date order,
// with the as-of date marked and the child's rejected rows listed first. An error in words when
// the table has no usable row of that case id.
std::expected<std::string, std::string> case_timeline(const Evaluation& evaluation, const EventTable& events,
                                                      std::string_view case_id, Language language = Language::en);

// Why the rules judged a completed occurrence as they did, in a sentence a council analyst can
// check against their own report.
std::string reconcile_reason(const Obligation& obligation, const EventTable& events, Language language);

// Why a completed occurrence in the council's report has no counterpart by the rules.
std::string reconcile_unmatched(std::string_view rule_id, Language language);

}  // namespace timescales
