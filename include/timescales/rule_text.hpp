// A rule in words, in the reader's language: the sentences of the rule catalogue (Markdown,
// `timescales rules doc`) and of `timescales rules show` (plain text). The faces lay the
// sentences out; they write no words of their own. The two faces word some facts differently
// (the catalogue for a reader of docs/rules.md, `rules show` one fact a line): each form is here,
// side by side, so that a change to one is seen next to the other.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "timescales/language.hpp"
#include "timescales/rule.hpp"
#include "timescales/rulebook.hpp"

namespace timescales {

// A rule's standard and confidence as a reader of `language` sees them: in English the codes the
// rule files and machine columns carry ("statutory", "probable"); in another language the display
// name with the code beside it ("statudol (statutory)"), so a reader can still find the rule
// file's word.
std::string standard_shown(Standard standard, Language language);
std::string confidence_shown(Confidence confidence, Language language);

// The rule catalogue's words. Identifiers are set as Markdown code (`referral`).
namespace catalogue_text {

std::string_view title(Language language);     // the document's heading
std::string_view preamble(Language language);  // what the document is and where the conventions are
std::string_view settings_intro(Language language);
std::vector<std::string_view> settings_columns(Language language);
std::string setting_value(const DateSetting& setting, Language language);  // "2026-04-01 (set in local.toml)"
std::vector<std::string_view> rules_columns(Language language);
std::string_view not_encoded_heading(Language language);
std::string_view not_encoded_intro(Language language);
std::vector<std::string_view> not_encoded_columns(Language language);

// One line each of a rule's section.
std::string version_dates(const Rule& rule, Language language);  // "2016-04-06 to 2019-01-01"
std::string standing(const Rule& rule, Language language);       // "Standard: statutory; confidence: confirmed"
std::string in_effect(const Rule& rule, Language language);      // "In effect: from 2016-04-06 (C10)"
std::string source(const Rule& rule, Language language);
std::string quotation(const Rule& rule, Language language);
std::string trigger(const Rule& rule, Language language);
std::string exception(const Rule& rule, Language language);  // a rule with except_when
std::string completion(const Rule& rule, Language language);
std::string calendar(const Rule& rule, Language language);
std::string stops(const Rule& rule, Language language);
std::string time_limits(const Rule& rule, Language language);  // the heading of the timing lines
// "first within 10 working days of `referral`; then at intervals of not more than 6 months".
std::string timing(const Rule& rule, const Variant& variant, Language language);
std::string variation(const Variation& variation, Language language);

// The worked examples.
std::string_view worked_examples(Language language);
std::string example_as_of(const Example& example, bool holds, Language language);  // "(as of 2020-01-31)"
std::vector<std::string_view> example_event_columns(Language language);
std::string_view no_obligation(Language language);
std::vector<std::string_view> example_expect_columns(Language language);
std::string finding(const ExpectedFinding& finding, Language language);

}  // namespace catalogue_text

// The words of `timescales rules show`: one fact a line, identifiers as they are.
namespace show_text {

std::string standing(const Rule& rule, Language language);  // "standard: ...; in effect ...; calendar: ..."
std::string source(const Rule& rule, Language language);
std::string duty(const Rule& rule, Language language);       // trigger, completion, once or recurring
std::string exception(const Rule& rule, Language language);  // a rule with except_when
std::string regime(EventType regime_from, Language language);
std::string timing_heading(const Variant& variant, Language language);  // "timing for kinship (reg 31(1)):"
std::string first_limit(const Rule& rule, const Variant& variant, Language language);  // "within 10 working days of referral"
std::string phase(const Phase& phase, Language language);  // "then during the first 12 months: every 6 weeks"
std::string stops(const Rule& rule, Language language);
std::string variation(const Variation& variation, Language language);
std::string example(const Example& example, bool holds, Language language);  // "example: ... [holds]"
std::string expected(const ExpectedObligation& expected, Language language);  // "-> statutory #1 due ...: met"

}  // namespace show_text

}  // namespace timescales
