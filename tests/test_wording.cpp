// The text layer in English: names, deadline arithmetic, and a rule's sentences, against text
// written by hand.
#include <catch2/catch.hpp>

#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "support.hpp"
#include "text/catalogue.hpp"
#include "timescales/engine.hpp"
#include "timescales/event_csv.hpp"
#include "timescales/explain.hpp"
#include "timescales/rule_text.hpp"
#include "timescales/wording.hpp"

using namespace timescales;
using testing::date_of;
using testing::has_line;
using testing::england_and_wales;

namespace {

constexpr Language en = Language::en;

Period period(std::string_view text) { return *parse_period(text); }

// A recurring local rule for standard placements: a visit within a week, then every 6 weeks in
// the first year, then every 3 months; not owed to a child on remand.
Rule visiting_rule() {
  Rule r;
  r.id = "local.visit";
  r.trigger = EventType::placement_start;
  r.completed_by = EventType::lac_visit;
  r.completed_if = {{Attribute::placement_type, PlacementType::standard}};
  r.except_when = {{Attribute::legal_status, LegalStatus::remand}};
  r.except_provision = "reg 4(3)";
  r.recurring = true;
  Phase first_year;
  first_year.during = period("12 months");
  first_year.every = period("6 weeks");
  first_year.provision = "reg 31(2)";
  Phase after;
  after.every = period("3 months");
  r.variants = {{{PlacementType::standard}, period("1 week"), {first_year, after}, ""}};
  return r;
}

}  // namespace

TEST_CASE("names of days, months and statuses, ordinals and periods", "[wording]") {
  CHECK(weekday_name(Weekday::monday, en) == "Monday");
  CHECK(weekday_name(Weekday::wednesday, en) == "Wednesday");
  CHECK(weekday_name(Weekday::sunday, en) == "Sunday");
  CHECK(month_name(1, en) == "Jan");
  CHECK(month_name(12, en) == "Dec");
  CHECK(day_and_month(date_of("2019-12-25"), en) == "25 Dec");
  CHECK(day_and_month(date_of("2020-01-01"), en) == "1 Jan");
  CHECK(ordinal(1, en) == "1st");
  CHECK(ordinal(2, en) == "2nd");
  CHECK(ordinal(3, en) == "3rd");
  CHECK(ordinal(4, en) == "4th");
  CHECK(ordinal(11, en) == "11th");
  CHECK(ordinal(12, en) == "12th");
  CHECK(ordinal(13, en) == "13th");
  CHECK(ordinal(21, en) == "21st");
  CHECK(ordinal(112, en) == "112th");
  CHECK(ordinal(122, en) == "122nd");
  CHECK(period_words(period("1 working day"), en) == "1 working day");
  CHECK(period_words(period("15 working days"), en) == "15 working days");
  CHECK(period_words(period("6 weeks"), en) == "6 weeks");
  CHECK(status_name(Status::met, en) == "met");
  CHECK(status_name(Status::cancelled, en) == "cancelled");
  CHECK(in_effect(date_of("2016-04-06"), std::nullopt, en) == "from 2016-04-06");
  CHECK(in_effect(date_of("2016-04-06"), date_of("2019-01-01"), en) == "from 2016-04-06 to 2019-01-01");
}

TEST_CASE("a holiday's name and a condition in words", "[wording]") {
  const Holiday* christmas = england_and_wales().holiday_on(date_of("2019-12-25"));
  REQUIRE(christmas != nullptr);
  CHECK(holiday_name(*christmas, en) == "Christmas Day");
  CHECK(condition_words({Attribute::placement_type, PlacementType::short_breaks}, en) == "placement_type = short_breaks");
  CHECK(condition_words({Attribute::seen_alone, true}, en) == "seen_alone = true");
  CHECK(condition_words({Attribute::legal_status, LegalStatus::care_order}, en) == "legal_status = care_order");
}

TEST_CASE("deadline arithmetic in words (due --explain)", "[wording][reckoning]") {
  const auto christmas = reckon(date_of("2019-12-20"), period("15 working days"), england_and_wales());
  REQUIRE(christmas.has_value());
  CHECK(explain(*christmas, en) ==
        "2019-12-20 + 15 working days = Wednesday 2020-01-15. Day 0 is Friday 2019-12-20; the deadline is the 15th "
        "working day after it in calendar england-and-wales (C1, C2). Bank holidays skipped: 25 Dec Christmas Day, "
        "26 Dec Boxing Day, 1 Jan New Year's Day.");
  CHECK(working_days_counted(*christmas, en) ==
        "Working days counted: 23 Dec, 24 Dec, 27 Dec, 30 Dec, 31 Dec, 2 Jan, 3 Jan, 6 Jan, 7 Jan, 8 Jan, 9 Jan, "
        "10 Jan, 13 Jan, 14 Jan, 15 Jan.");

  const auto leap = reckon(date_of("2019-11-30"), period("3 months"), england_and_wales());
  REQUIRE(leap.has_value());
  CHECK(explain(*leap, en) ==
        "2019-11-30 + 3 months = Saturday 2020-02-29. Calendar months, corresponding date (C4): the target month has "
        "no day 30, so the deadline is its last day. The deadline falls on a Saturday and stands (C3, C4).");
  CHECK(working_days_counted(*leap, en).empty());
}

TEST_CASE("a rule's timing and conditions, in the catalogue's words and in rules show's", "[wording][rules]") {
  const Rule r = visiting_rule();
  const Variant& v = r.variants.front();
  CHECK(catalogue_text::timing(r, v, en) ==
        "Placement types `standard`: first within 1 week of `placement_start`; then during the first 12 months, "
        "at intervals of not more than 6 weeks (reg 31(2)); then at intervals of not more than 3 months");
  CHECK(catalogue_text::time_limits(r, en) == "Time limits (recurring, C5, C6):");
  CHECK(catalogue_text::completion(r, en) == "Completed by: `lac_visit` with `placement_type = standard`");
  CHECK(catalogue_text::exception(r, en) == "Not owed when, at the trigger, `legal_status = remand` (reg 4(3))");

  CHECK(show_text::timing_heading(v, en) == "timing for standard:");
  CHECK(show_text::first_limit(r, v, en) == "first: within 1 week of placement_start");
  CHECK(show_text::phase(v.phases[0], en) == "then during the first 12 months: every 6 weeks (reg 31(2))");
  CHECK(show_text::phase(v.phases[1], en) == "then: every 3 months");
  // The sentence whose drifted copy once aborted `rules show` on a placement_type condition.
  CHECK(show_text::duty(r, en) == "trigger: placement_start; completed by: lac_visit with placement_type = standard; recurring");
  CHECK(show_text::exception(r, en) == "not owed when: legal_status = remand (reg 4(3))");
}

TEST_CASE("a reconcile reason for a row the rules do not have", "[wording][reconcile]") {
  CHECK(reconcile_unmatched("wales.lac.visit", en) == "no completed occurrence of wales.lac.visit on this date by the rules");
}

// Cymraeg: the message catalogue po/cy.po, its plural rule and the Welsh ordinals. The expected
// Welsh is the catalogue's intended text, written out by hand; the ordinals are the written
// abbreviations listed in docs/cymraeg.md.
TEST_CASE("Cymraeg: the README's due example, word for word", "[wording][reckoning][cymraeg]") {
  constexpr Language cy = Language::cy;
  const auto christmas = reckon(date_of("2019-12-20"), period("15 working days"), england_and_wales());
  REQUIRE(christmas.has_value());
  CHECK(explain(*christmas, cy) ==
        "2019-12-20 + 15 diwrnod gwaith = dydd Mercher 2020-01-15. Diwrnod 0 yw dydd Gwener 2019-12-20; y dyddiad "
        "terfyn yw'r 15fed diwrnod gwaith ar ei ôl yng nghalendr england-and-wales (C1, C2). Gwyliau banc a "
        "hepgorwyd: 25 Rhag Dydd Nadolig, 26 Rhag Gŵyl San Steffan, 1 Ion Dydd Calan.");
  CHECK(working_days_counted(*christmas, cy) ==
        "Diwrnodau gwaith a gyfrifwyd: 23 Rhag, 24 Rhag, 27 Rhag, 30 Rhag, 31 Rhag, 2 Ion, 3 Ion, 6 Ion, 7 Ion, "
        "8 Ion, 9 Ion, 10 Ion, 13 Ion, 14 Ion, 15 Ion.");
  const auto leap = reckon(date_of("2019-11-30"), period("3 months"), england_and_wales());
  REQUIRE(leap.has_value());
  CHECK(explain(*leap, cy) ==
        "2019-11-30 + 3 mis = dydd Sadwrn 2020-02-29. Misoedd calendr, y dyddiad cyfatebol (C4): nid oes diwrnod 30 "
        "yn y mis targed, felly ei ddiwrnod olaf yw'r dyddiad terfyn. Mae'r dyddiad terfyn yn disgyn ar benwythnos "
        "(dydd Sadwrn), ac mae'n sefyll (C3, C4).");
}

TEST_CASE("Cymraeg: plural forms come from the catalogue's rule (a soft mutation after 2)", "[wording][cymraeg]") {
  constexpr Language cy = Language::cy;
  // Plural-Forms of po/cy.po: 0, 1, 2, 3 and 6 each a form, the rest one more.
  CHECK(period_words(period("1 month"), cy) == "1 mis");
  CHECK(period_words(period("2 months"), cy) == "2 fis");
  CHECK(period_words(period("3 months"), cy) == "3 mis");
  CHECK(period_words(period("2 working days"), cy) == "2 ddiwrnod gwaith");
  CHECK(period_words(period("42 working days"), cy) == "42 diwrnod gwaith");
  CHECK(period_words(period("2 weeks"), cy) == "2 wythnos");
  CHECK(period_words(period("2 days"), cy) == "2 ddiwrnod");
  // English is the message ids themselves: unchanged.
  CHECK(period_words(period("1 working day"), Language::en) == "1 working day");
  CHECK(period_words(period("2 months"), Language::en) == "2 months");
}

TEST_CASE("Cymraeg: ordinals, weekdays and months", "[wording][cymraeg]") {
  constexpr Language cy = Language::cy;
  const std::vector<std::pair<int, std::string>> ordinals{
      {1, "1af"},   {2, "2il"},   {3, "3ydd"},  {4, "4ydd"},  {5, "5ed"},   {6, "6ed"},   {7, "7fed"},
      {10, "10fed"}, {11, "11eg"}, {12, "12fed"}, {13, "13eg"}, {15, "15fed"}, {18, "18fed"}, {19, "19eg"},
      {20, "20fed"}, {21, "21ain"}, {30, "30ain"}, {31, "31ain"}, {40, "40fed"}, {42, "42ain"}, {50, "50fed"}};
  for (const auto& [n, text] : ordinals) CHECK(ordinal(n, cy) == text);
  CHECK(weekday_name(Weekday::monday, cy) == "dydd Llun");
  CHECK(weekday_name(Weekday::sunday, cy) == "dydd Sul");
  CHECK(month_name(2, cy) == "Chwef");
  CHECK(month_name(5, cy) == "Mai");
  CHECK(month_name(5, Language::en) == "May");
  CHECK(day_and_month(date_of("2020-07-01"), cy) == "1 Gorff");
}

TEST_CASE("Cymraeg: rejected rows' reasons, word for word, and in English each is its pattern filled", "[wording][cymraeg]") {
  constexpr Language cy = Language::cy;
  const auto table = read_events_csv(
      "case_id,event,date,seen_alone,placement_type,legal_status,category,visit_interval\n"
      ",referral,2021-03-01,,,,,\n"
      "C1,home_visit,2021-03-01,,,,,\n"
      "C1,referral,2021-13-01,,,,,\n"
      "C1,referral,1900-01-01,,,,,\n"
      "C1,lac_visit,2021-03-01,maybe,,,,\n"
      "C1,placement_start,2021-03-01,,hotel,,,\n"
      "C1,looked_after_start,2021-03-01,,,s99,,\n"
      "C1,care_leaver_category,2021-03-01,,,,3,\n"
      "C1,referral,2021-03-01,,,,,\n"
      "C1,referral,2021-03-01,,,,,\n"
      "C1,referral\n"
      "C1,lac_review,2021-03-02,,,,,3 fortnights\n",
      "events.csv", england_and_wales().supported());
  REQUIRE(table);
  const auto& rejected = table->rejected();
  REQUIRE(rejected.size() == 11);
  std::vector<std::string> welsh;
  for (const Rejection& r : rejected) {
    INFO(r.line << ": " << r.reason);
    CHECK(reason_in(r, en) == r.reason);  // English: unchanged, byte for byte
    if (r.pattern.empty()) {
      CHECK(reason_in(r, cy) == r.reason);  // worded outside the catalogue: said as it is
    } else {
      CHECK(text::fill(r.pattern, std::span<const std::string>(r.fields)) == r.reason);
    }
    welsh.push_back(reason_in(r, cy));
  }
  CHECK(welsh[0] == "dynodwr achos gwag");
  CHECK(welsh[1] == "digwyddiad anhysbys 'home_visit'");
  CHECK(welsh[2] == "dyddiad amhosibl '2021-13-01': nid oes diwrnod o'r fath yn y calendr");
  CHECK(rejected[2].reason == "impossible date '2021-13-01': no such day in the calendar");
  CHECK(welsh[3].starts_with("mae 1900-01-01 y tu allan i'r ystod a gefnogir ("));
  CHECK(welsh[4] == "nid gwerth Boole: 'maybe' (true/false, yes/no, y/n, 1/0)");
  CHECK(welsh[5] == "math o leoliad anhysbys 'hotel'");
  CHECK(welsh[6] == "statws cyfreithiol anhysbys 's99'");
  CHECK(welsh[7] == "nid categori ymadawr gofal: '3' (1 neu 2)");
  CHECK(welsh[8] == "dyblyg o linell 10");
  CHECK(welsh[9] == "disgwylid nifer y meysydd yn y pennawd, 8; cafwyd 2");
  CHECK(rejected[10].pattern.empty());  // a period's parse error: English for now
}

TEST_CASE("Cymraeg: the worklist's words, status names and sheet names", "[wording][cymraeg]") {
  constexpr Language cy = Language::cy;
  CHECK(worklist_text::heading(date_of("2024-03-28"), date_of("2024-04-11"), period("10 working days"), cy) ==
        "Dyletswyddau agored ar 2024-03-28: wedi pasio'r dyddiad terfyn, ac i'w cyflawni erbyn 2024-04-11 "
        "(10 diwrnod gwaith)");
  CHECK(worklist_text::counts(3, 2, 5, period("2 working days"), cy) ==
        "3 wedi pasio'r dyddiad terfyn, 2 i'w cyflawni yr wythnos hon, 5 i'w cyflawni o fewn 2 ddiwrnod gwaith");
  CHECK(worklist_text::group({"team", "worker"}, {"North", ""}, cy) == "team = North, worker = (dim)");
  CHECK(worklist_text::group({}, {}, cy) == "y cyfan");
  CHECK(status_name(Status::overdue, cy) == "wedi pasio'r dyddiad terfyn");
  CHECK(status_name(Status::met, cy) == "cyflawnwyd");
  CHECK(name(Status::met) == "met");  // the machine code, the same in every language
  CHECK(workbook_text::rejected_sheet(cy) == "Rhesi a wrthodwyd");
  CHECK(workbook_text::worklist_sheet(cy) == "Rhestr waith");
  CHECK(in_effect(date_of("2016-04-06"), std::nullopt, cy) == "o 2016-04-06 ymlaen");
  CHECK(in_effect(date_of("2016-04-06"), date_of("2019-01-01"), cy) == "o 2016-04-06 tan 2019-01-01");
  Rule rule;
  rule.title = "Initial child protection conference";
  CHECK(rule_title(rule, cy) == "Initial child protection conference");  // no Welsh title yet
  rule.title_cy = "Cynhadledd amddiffyn plant gychwynnol";
  CHECK(rule_title(rule, cy) == "Cynhadledd amddiffyn plant gychwynnol");
  CHECK(rule_title(rule, en) == "Initial child protection conference");
}

TEST_CASE("Cymraeg: the dashboard's words, with a soft mutation after 1 and 2", "[wording][cymraeg]") {
  constexpr Language cy = Language::cy;
  CHECK(dashboard_text::words(cy).headline == "Prif ffigurau");
  CHECK(dashboard_text::words(cy).working_days_left == "Diwrnodau gwaith ar ôl");
  CHECK(dashboard_text::words(en).headline == "Headline figures");
  CHECK(dashboard_text::behind(1, 1, cy) == "Y 1 ddyletswydd y tu ôl i'r ffigur hwn");
  CHECK(dashboard_text::behind(2, 2, cy) == "Y 2 ddyletswydd y tu ôl i'r ffigur hwn");
  CHECK(dashboard_text::behind(52, 52, cy) == "Y 52 dyletswydd y tu ôl i'r ffigur hwn");
  CHECK(dashboard_text::behind(200, 5312, cy) ==
        "Y 200 cyntaf o'r 5,312 dyletswydd y tu ôl i'r ffigur hwn (y rhai na chawsant eu cyflawni yn gyntaf); mae "
        "timescales report --drill-down yn eu rhestru i gyd");
  CHECK(dashboard_text::small_figure_words(10, cy) == "Llai na 10 dyletswydd: darllenwch yn ofalus");
  CHECK(dashboard_text::figure_counts(45, 52, true, cy) == "45 o 52");
  CHECK(dashboard_text::rag_name(Rag::amber, cy) == "Yn agos at y targed");
  CHECK(dashboard_text::standard_words(Standard::local, cy) == "safon leol");
  CHECK(dashboard_text::confidence_name(Confidence::probable, cy) == "tebygol");
  CHECK(dashboard_text::period_label({date_of("2023-04-01"), date_of("2023-04-30")}, Granularity::month, cy) ==
        "Ebr 2023");
  CHECK(dashboard_text::period_label({date_of("2023-07-01"), date_of("2023-09-30")}, Granularity::quarter, cy) ==
        "2023-24 Ch2");
  CHECK(dashboard_text::as_of_line(date_of("2024-03-28"), Granularity::quarter, cy) ==
        "Ffigurau fel ar 2024-03-28, fesul chwarter ariannol (Ebrill i Fawrth).");
  Target target;
  target.value = 90;
  target.amber = 5;
  target.set_by = "Swyddfa'r Cyfarwyddwr (2024-25)";
  CHECK(dashboard_text::target_words(target, cy) ==
        "Targed: 90% neu fwy (agos: o fewn 5 o bwyntiau), wedi'i osod gan Swyddfa'r Cyfarwyddwr (2024-25)");
  CHECK(dashboard_text::target_words(target, en) ==
        "Target: 90% or more (near: within 5 points), set by Swyddfa'r Cyfarwyddwr (2024-25)");
}

// A looked-after child's first month: placed on Mon 1 Mar 2021, visited on Fri 5 Mar, the case
// reviewed on Thu 1 Apr, 3 days after the 20 working days (Mon 29 Mar); the review asked for
// 3-monthly visits, beyond the statutory 6 weeks of the first year.
constexpr std::string_view first_month_csv =
    "case_id,event,date,visit_interval\n"
    "C2,looked_after_start,2021-03-01,\n"
    "C2,placement_start,2021-03-01,\n"
    "C2,lac_visit,2021-03-05,\n"
    "C2,lac_review,2021-04-01,3 months\n";

Evaluation evaluate_as_of(const EventTable& table, std::string_view as_of) {
  EvaluateOptions options;
  options.as_of = date_of(as_of);
  return evaluate(table, builtin_rulebook(), options);
}

const Obligation& first_of(const Evaluation& evaluation, std::string_view rule) {
  for (const Obligation& ob : evaluation.obligations) {
    if (ob.rule->id == rule && ob.standard == Standard::statutory) return ob;
  }
  throw std::runtime_error("no obligation of " + std::string(rule));
}

TEST_CASE("Cymraeg: a child's timeline, word for word", "[wording][timeline][cymraeg]") {
  constexpr Language cy = Language::cy;
  const EventTable table = testing::table_of(first_month_csv);
  const Evaluation evaluation = evaluate_as_of(table, "2021-03-20");
  const auto timeline = case_timeline(evaluation, table, "C2", cy);
  REQUIRE(timeline.has_value());
  // The duties' count is followed by their statuses, which are words.cpp's.
  CHECK(timeline->starts_with("Achos C2, ar 2021-03-20: defnyddiwyd 3 digwyddiad (1 â dyddiad diweddarach, heb eu "
                              "defnyddio: C9); 5 dyletswydd ("));
  CHECK(has_line(*timeline, "2021-03-01  digwyddiad looked_after_start (llinell 2)"));
  CHECK(has_line(*timeline, "2021-03-20  barnwyd  y diwrnod y barnwyd y dyletswyddau arno; mae'r dyddiadau oddi "
                            "tano yn ddiweddarach"));
  CHECK(has_line(*timeline, "2021-04-01  digwyddiad lac_review (llinell 5): ar ôl y dyddiad barnu, heb ei ddefnyddio (C9)"));
  // Two events used: the soft mutation after 2.
  CHECK(case_timeline(evaluate_as_of(table, "2021-03-04"), table, "C2", cy)
            ->starts_with("Achos C2, ar 2021-03-04: defnyddiwyd 2 ddigwyddiad (2 â dyddiad diweddarach, heb eu "
                          "defnyddio: C9); "));
}

TEST_CASE("Cymraeg: no such case, a refused variation and reconcile reasons, word for word", "[wording][reconcile][cymraeg]") {
  constexpr Language cy = Language::cy;
  const EventTable table = testing::table_of(first_month_csv);
  const Evaluation evaluation = evaluate_as_of(table, "2021-04-01");
  CHECK(case_timeline(evaluation, table, "C9", cy).error() == "dim digwyddiad defnyddiadwy yn achos C9");
  const auto rejected = read_events_csv("case_id,event,date\nC4,referral,2021-02-30\nC4,referral,2021-13-01\nC5,referral,2021-03-01\n",
                                        "events.csv", DateRange{date_of("1990-01-01"), date_of("2060-12-31")});
  REQUIRE(rejected.has_value());
  CHECK(case_timeline(evaluation, *rejected, "C4", cy).error() ==
        "dim digwyddiad defnyddiadwy yn achos C4: gwrthodwyd 2 res o'r achos (gweler y rhesi a wrthodwyd)");

  REQUIRE(evaluation.findings.size() == 1);
  CHECK(explain(evaluation.findings.front(), cy) ==
        "Rhoddodd y digwyddiad lac_review ar 2021-04-01 y gwerth 3 mis i visit_interval, sy'n hwy na'r terfyn statudol "
        "o 6 wythnos a oedd mewn grym y diwrnod hwnnw ar gyfer wales.lac.visit (reg 31; reg 62(3)(c) for short "
        "breaks): fe'i gwrthodwyd, ac mae'r ysbaid statudol yn sefyll (C7).");

  CHECK(reconcile_reason(first_of(evaluation, "wales.lac.visit"), table, cy) ==
        "yr ysbaid oedd 1 wythnos o'r digwyddiad placement_start ar 2021-03-01: dyddiad terfyn 2021-03-08; gwnaed "
        "2021-03-05, mewn pryd");
  const Obligation& review = first_of(evaluation, "wales.lac.review");
  CHECK(reconcile_reason(review, table, cy) ==
        "yr ysbaid oedd 20 diwrnod gwaith o'r digwyddiad looked_after_start ar 2021-03-01: dyddiad terfyn 2021-03-29; "
        "gwnaed 2021-04-01, 3 diwrnod yn hwyr");
  const std::string why = explain(review, table, evaluation.as_of, cy);
  CHECK(testing::contains(why, " Dyddiad terfyn: 2021-03-01 + 20 diwrnod gwaith = dydd Llun 2021-03-29. "));
  CHECK(testing::contains(why, " Cwblhawyd gan lac_review ar 2021-04-01, 3 diwrnod (3 diwrnod gwaith) ar ôl y dyddiad "
                               "terfyn: "));
  CHECK(reconcile_unmatched("wales.lac.visit", cy) ==
        "dim achlysur wedi'i gwblhau o wales.lac.visit ar y dyddiad hwn yn ôl y rheolau");
}

// The rule catalogue's and `rules show`'s sentences in Welsh: the identifiers (events, placement
// types, provisions) stay as the rule file writes them; the periods take the catalogue's plural
// forms. Conditions are left out: their words are words.cpp's.
TEST_CASE("Cymraeg: a rule's timing, in the catalogue's words and in rules show's", "[wording][rules][cymraeg]") {
  constexpr Language cy = Language::cy;
  const Rule r = visiting_rule();
  const Variant& v = r.variants.front();
  CHECK(catalogue_text::timing(r, v, cy) ==
        "Mathau o leoliad `standard`: y tro cyntaf o fewn 1 wythnos ar ôl `placement_start`; yna yn ystod y cyfnod "
        "cyntaf o 12 mis, fesul ysbaid o ddim mwy na 6 wythnos (reg 31(2)); yna fesul ysbaid o ddim mwy na 3 mis");
  CHECK(catalogue_text::time_limits(r, cy) == "Terfynau amser (cylchol, C5, C6):");

  CHECK(show_text::timing_heading(v, cy) == "amseru ar gyfer standard:");
  CHECK(show_text::first_limit(r, v, cy) == "y tro cyntaf: o fewn 1 wythnos ar ôl placement_start");
  CHECK(show_text::phase(v.phases[0], cy) == "yna yn ystod y cyfnod cyntaf o 12 mis: bob 6 wythnos (reg 31(2))");
  CHECK(show_text::phase(v.phases[1], cy) == "yna: bob 3 mis");
  Phase two_months;
  two_months.every = period("2 months");
  CHECK(show_text::phase(two_months, cy) == "yna: bob 2 fis");
}

TEST_CASE("Cymraeg: the rule catalogue's headings, columns and worked examples", "[wording][rules][cymraeg]") {
  constexpr Language cy = Language::cy;
  CHECK(catalogue_text::title(cy) == "Catalog y rheolau");
  CHECK(catalogue_text::rules_columns(cy) ==
        std::vector<std::string_view>{"rheol", "teitl", "safon", "hyder", "mewn grym", "ffynhonnell"});
  CHECK(catalogue_text::example_expect_columns(cy) ==
        std::vector<std::string_view>{"safon", "achlysur", "dyddiad terfyn", "cwblhawyd", "statws"});
  const Example ex{"first visit late", date_of("2020-01-31"), {}, {}, {}, 0};
  CHECK(catalogue_text::example_as_of(ex, false, cy) == "(ar 2020-01-31; NID YW'N GYWIR)");
  CHECK(show_text::example(ex, true, cy) == "enghraifft: first visit late (ar 2020-01-31) [cywir]");
  const ExpectedObligation late{Standard::statutory, 2, {}, date_of("2020-01-10"), date_of("2020-01-14"), "late"};
  CHECK(show_text::expected(late, cy) == "-> statutory #2 dyddiad terfyn 2020-01-10, cwblhawyd 2020-01-14: late");
  CHECK(catalogue_text::finding({date_of("2020-02-01"), "8 weeks"}, cy) ==
        "Canfyddiad: gwrthodir yr amrywiad ar 2020-02-01 sy'n gofyn am 8 weeks.");
}

TEST_CASE("Cymraeg: a rule's duty and dates of effect, one message each", "[wording][rules][cymraeg]") {
  constexpr Language cy = Language::cy;
  Rule r;
  r.trigger = EventType::strategy_discussion;
  r.completed_by = EventType::icpc;
  r.committed_by = EventType::icpc_requested;
  r.effective_from = date_of("2008-04-01");
  r.effective_to = date_of("2020-04-01");
  r.regime_from = EventType::cp_registered;
  CHECK(show_text::duty(r, cy) ==
        "digwyddiad cychwynnol: strategy_discussion; cwblheir gan: icpc; yn ddyledus unwaith y cofnodir icpc_requested; "
        "unwaith yn unig");
  CHECK(catalogue_text::in_effect(r, cy) ==
        "Mewn grym: o 2008-04-01 hyd at 2020-04-01 (heb gynnwys y dyddiad hwnnw); bernir yn ôl dyddiad y "
        "`cp_registered` diweddaraf i'r plentyn (C10)");
  CHECK(catalogue_text::version_dates(r, cy) == "2008-04-01 i 2020-04-01");
  CHECK(catalogue_text::in_effect(r, en) ==
        "In effect: from 2008-04-01 to 2020-04-01 (exclusive); judged by the date of the child's latest "
        "`cp_registered` (C10)");
}

TEST_CASE("Cymraeg: a child's timeline lists its rejected rows with their reasons in Welsh", "[wording][cymraeg]") {
  const auto table = read_events_csv("case_id,event,date\nC1,referral,2021-03-01\nC1,home_visit,2021-03-02\n", "events.csv",
                                     england_and_wales().supported());
  REQUIRE(table);
  const Evaluation evaluation = evaluate_as_of(*table, "2021-03-31");
  const auto welsh = case_timeline(evaluation, *table, "C1", Language::cy);
  REQUIRE(welsh);
  CHECK(has_line(*welsh, "Gwrthodwyd, heb ei defnyddio: llinell 3, event: digwyddiad anhysbys 'home_visit'."));
  const auto english = case_timeline(evaluation, *table, "C1", Language::en);
  REQUIRE(english);
  CHECK(has_line(*english, "Rejected, not used: line 3, event: unknown event 'home_visit'."));
}
