// The second legal round (docs/conventions.md C7-C14, docs/rules.md): duplicates, one decision for
// several reports, the s31A exception to the care plan, the WSP regime decided by the registration,
// the switch date as a rulebook setting, key uniqueness. Every expected date is worked out by hand
// in the comment beside it, from the conventions and the bank holiday list.
#include <catch2/catch.hpp>

#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "support.hpp"
#include "timescales/engine.hpp"
#include "timescales/event.hpp"
#include "timescales/explain.hpp"
#include "timescales/generate.hpp"
#include "timescales/event_csv.hpp"
#include "timescales/load.hpp"

namespace {

using namespace timescales;
using timescales::testing::contains;
using timescales::testing::date_of;

struct In {
  std::string case_id, event, date;
  std::vector<std::pair<Attribute, std::string>> attributes{};
  std::string team{};
};

EventTable table_of(const std::vector<In>& rows) {
  EventTable table({"team"});
  std::size_t line = 1;
  for (const In& r : rows) {
    RowText text{r.case_id, r.event, r.date, {}};
    for (const auto& [a, v] : r.attributes) text.attributes[static_cast<std::size_t>(a)] = v;
    const std::string_view carried[] = {r.team};
    table.add_row(++line, text, carried);
  }
  return table;
}

std::vector<const Obligation*> of_rule(const Evaluation&& ev, std::string_view rule) = delete;  // would dangle
std::vector<const Obligation*> of_rule(const Evaluation& ev, std::string_view rule) {
  std::vector<const Obligation*> out;
  for (const Obligation& ob : ev.obligations) {
    if (ob.rule->id == rule) out.push_back(&ob);
  }
  return out;
}

Evaluation run(const EventTable& table, std::string_view as_of, const Rulebook& rules = builtin_rulebook()) {
  EvaluateOptions options;
  options.as_of = date_of(as_of);
  return evaluate(table, rules, options);
}

TEST_CASE("C8 duplicates: an exact copy is rejected naming the first line, and carried columns do not count",
          "[legal2][C8][event_table]") {
  const EventTable table = table_of({
      {"C1", "lac_review", "2021-03-01", {{Attribute::visit_interval, "4 weeks"}}, "North"},   // line 2
      {"C1", "lac_review", "2021-03-01", {{Attribute::visit_interval, "4 weeks"}}, "South"},   // 3: re-keyed
      {"C1", "lac_review", "2021-03-01", {{Attribute::visit_interval, "6 weeks"}}, "North"},   // 4: differs
      {"C2", "lac_review", "2021-03-01", {{Attribute::visit_interval, "4 weeks"}}, "North"},   // 5: another child
      {"C1", "cp_visit", "2021-03-02", {{Attribute::seen_alone, "yes"}}},                      // 6
      {"C1", "cp_visit", "2021-03-02", {{Attribute::seen_alone, "TRUE"}}},                     // 7: same value
      {"C1", "lac_review", "2021-03-01", {{Attribute::visit_interval, "4 weeks"}}, "East"},    // 8: third copy
  });
  CHECK(table.rows_read() == 7);
  CHECK(table.events().size() == 4);
  REQUIRE(table.rejected().size() == 3);
  CHECK(std::tie(table.rejected()[0].line, table.rejected()[0].reason) == std::tuple(std::size_t{3}, std::string("duplicate of line 2")));
  CHECK(std::tie(table.rejected()[1].line, table.rejected()[1].reason) == std::tuple(std::size_t{7}, std::string("duplicate of line 6")));
  CHECK(std::tie(table.rejected()[2].line, table.rejected()[2].reason) == std::tuple(std::size_t{8}, std::string("duplicate of line 2")));
  CHECK(table.rejected()[0].case_id == "C1");
  // The first copy is the one used, with its own carried values.
  CHECK(table.carried(0, 0) == "North");
}

TEST_CASE("C8 duplicates: many rows, many children, in any order", "[legal2][C8][event_table]") {
  // 3,000 distinct events of 300 children, then every tenth row again: 300 copies, each naming the
  // line of its original (line = index + 2).
  std::vector<In> rows;
  for (int i = 0; i < 3000; ++i) {
    rows.push_back({"K" + std::to_string(i % 300), "cp_visit", to_string(date_of("2021-01-01") + i / 300)});
  }
  for (int i = 0; i < 3000; i += 10) rows.push_back(rows[static_cast<std::size_t>(i)]);
  const EventTable table = table_of(rows);
  CHECK(table.events().size() == 3000);
  REQUIRE(table.rejected().size() == 300);
  for (std::size_t k = 0; k < 300; ++k) {
    CHECK(table.rejected()[k].line == 3000 + k + 2);
    CHECK(table.rejected()[k].reason == "duplicate of line " + std::to_string(10 * k + 2));
  }
}

TEST_CASE("C8: a re-keyed review does not move the child into the 6-monthly phase of reviews", "[legal2][C8]") {
  // CPPCR reg 39: first review within 20 working days of Mon 1 Mar 2021 = Mon 29 Mar; second within
  // 3 months of the first (held 25 Mar): 25 Jun. Were the copy of 25 Mar a second review, the next
  // would be 6 months from it.
  const EventTable table = table_of({{"C1", "looked_after_start", "2021-03-01"},
                                     {"C1", "lac_review", "2021-03-25", {}, "North"},
                                     {"C1", "lac_review", "2021-03-25", {}, "South"}});
  const Evaluation ev = run(table, "2021-05-31");
  const auto reviews = of_rule(ev, "wales.lac.review");
  REQUIRE(reviews.size() == 2);
  CHECK(reviews[1]->occurrence == 2);
  CHECK(reviews[1]->due_date == date_of("2021-06-25"));
  CHECK(reviews[1]->status == Status::pending);
}

TEST_CASE("reg 4(3): with no legal status recorded the care plan is owed, and the explanation says why",
          "[legal2][explain]") {
  const EventTable table = table_of({{"C1", "looked_after_start", "2021-03-01"}, {"C1", "placement_start", "2021-03-01"}});
  const Evaluation ev = run(table, "2021-06-30");
  const auto plans = of_rule(ev, "wales.lac.care_plan");
  REQUIRE(plans.size() == 1);
  CHECK(plans[0]->legal_status_unrecorded);
  const std::string why = explain(*plans[0], table, ev.as_of);
  INFO(why);
  CHECK(contains(why, "legal status was not recorded"));
  CHECK(contains(why, "section 31A"));

  // Recorded as accommodated: owed, and nothing to say about it.
  const EventTable known = table_of({{"C1", "looked_after_start", "2021-03-01", {{Attribute::legal_status, "accommodated"}}},
                                     {"C1", "placement_start", "2021-03-01"}});
  const Evaluation ev2 = run(known, "2021-06-30");
  const auto plans2 = of_rule(ev2, "wales.lac.care_plan");
  REQUIRE(plans2.size() == 1);
  CHECK_FALSE(plans2[0]->legal_status_unrecorded);
  CHECK_FALSE(contains(explain(*plans2[0], known, ev2.as_of), "not recorded"));
}

TEST_CASE("A legal status that is not in the vocabulary is a rejected row", "[legal2][event_table]") {
  const EventTable table = table_of({{"C1", "looked_after_start", "2021-03-01", {{Attribute::legal_status, "section 20"}}},
                                     {"C1", "care_leaver_category", "2021-03-01", {{Attribute::category, "3"}}}});
  REQUIRE(table.rejected().size() == 2);
  CHECK(table.rejected()[0].column == "legal_status");
  CHECK(table.rejected()[0].reason == "unknown legal status 'section 20'");
  CHECK(table.rejected()[1].column == "category");
  CHECK(table.rejected()[1].reason == "not a care leaver category: '3' (1 or 2)");
}

// The built-in files, with one more file (a council's) beside them.
std::expected<Rulebook, Diagnostics> with_file(const std::string& path, const std::string& text) {
  std::vector<SourceFile> files(builtin_sources().begin(), builtin_sources().end());
  files.push_back({path, text});
  return load_rulebook(files);
}

TEST_CASE("C10: the WSP switch date is a setting a council may bring forward, not before 2019-11-11",
          "[legal2][C10][rules]") {
  REQUIRE(builtin_rulebook().setting("wsp_switch") != nullptr);
  CHECK(builtin_rulebook().setting("wsp_switch")->value == date_of("2020-04-01"));

  const auto earlier = with_file("local/settings.toml", "[settings]\nwsp_switch = 2020-01-06\n");
  INFO((earlier ? std::string() : earlier.error().front().to_string()));
  REQUIRE(earlier.has_value());
  CHECK(earlier->setting("wsp_switch")->value == date_of("2020-01-06"));
  CHECK(earlier->setting("wsp_switch")->set_in == "local/settings.toml");
  // Every rule naming the setting moved with it: the procedures' ICPC from 6 Jan 2020, the 2008
  // procedures' version until then.
  const RuleFamily* icpc = earlier->family("wales.cp.icpc");
  REQUIRE(icpc != nullptr);
  CHECK(icpc->in_effect(date_of("2020-01-06"))->confidence == Confidence::confirmed);
  CHECK(icpc->in_effect(date_of("2020-01-03"))->confidence == Confidence::probable);

  // A registration of 13 Jan 2020 is then under the procedures: seen alone every 10 working days,
  // 13 Jan + 10 working days = Mon 27 Jan.
  const EventTable table = table_of({{"C1", "cp_registered", "2020-01-13"}});
  const Evaluation brought_forward = run(table, "2020-01-31", *earlier);
  const auto alone = of_rule(brought_forward, "wales.cp.visit.seen_alone");
  REQUIRE(alone.size() == 1);
  CHECK(alone[0]->due_date == date_of("2020-01-27"));
  const Evaluation by_default = run(table, "2020-01-31");
  CHECK(of_rule(by_default, "wales.cp.visit.seen_alone").empty());  // the default: not yet

  const auto too_early = with_file("local/settings.toml", "[settings]\nwsp_switch = 2019-11-10\n");
  REQUIRE_FALSE(too_early.has_value());
  CHECK(contains(too_early.error().front().to_string(), "cannot be before 2019-11-11"));
  const auto unknown = with_file("local/settings.toml", "[settings]\nwsp_swtich = 2020-01-06\n");
  REQUIRE_FALSE(unknown.has_value());
  CHECK(contains(unknown.error().front().to_string(), "did you mean 'wsp_switch'?"));
}

TEST_CASE("C9: events after as_of are not used and are counted", "[legal2][C9]") {
  const EventTable table = table_of({{"C1", "referral", "2021-05-04"}, {"C1", "referral_decision", "2021-05-06"},
                                     {"C2", "referral", "2021-05-05"}});
  const Evaluation ev = run(table, "2021-05-05");
  CHECK(ev.events_used == 2);
  CHECK(ev.events_after_as_of == 1);
  REQUIRE(ev.rows_after_as_of.size() == 1);
  CHECK(table.line(ev.rows_after_as_of.front()) == 3);
  // Judged as things stood on 5 May: Tue 4 May + 1 working day = Wed 5 May, pending that day.
  const auto decisions = of_rule(ev, "wales.assessment.referral_decision");
  REQUIRE(decisions.size() == 2);
  CHECK(decisions[0]->status == Status::pending);
}

TEST_CASE("The obligation key is unique in every output, over generated populations", "[legal2][key][property]") {
  for (const std::uint32_t seed : {1U, 7U, 2024U}) {
    GenerateOptions options;
    options.children = 3000;
    options.seed = seed;
    const Calendar& calendar = builtin_rulebook().calendars().get("england-and-wales")->get();
    std::ostringstream csv;
    generate_events(options, calendar, csv);
    const auto table = read_events_csv(csv.str(), "generated.csv", calendar.supported());
    REQUIRE(table.has_value());
    const Evaluation ev = evaluate(*table, builtin_rulebook());
    REQUIRE(ev.obligations.size() > 10000);
    std::set<std::tuple<std::uint32_t, const Rule*, Standard, EventType, std::int32_t>> keys;
    for (const Obligation& ob : ev.obligations) {
      const auto key = std::tuple(ob.case_index, builtin_rulebook().families()[ob.family].versions.front(), ob.standard,
                                  ob.trigger_event, ob.trigger_date.days());
      if (!keys.insert(key).second) {
        FAIL_CHECK("seed " << seed << ": two obligations of " << table->case_id(ob.case_index) << " share the key "
                           << ob.rule->id << " " << name(ob.standard) << " " << name(ob.trigger_event) << " "
                           << to_string(ob.trigger_date));
      }
    }
  }
}

TEST_CASE("C1: a duty whose deadline falls after the calendar's last date is reported, not dropped",
          "[legal2][C1]") {
  // Thu 1 Dec 2060 + 42 working days is in 2061, beyond the calendar (to 2060-12-31): the Part 3
  // assessment cannot be judged. Its decision, due Fri 2 Dec 2060, can. A strategy discussion of
  // 10 Dec 2060 owes a conference only once one is asked for (11 Dec): 15 working days from 10 Dec
  // reach 2061, so that one cannot be judged either; the second child's discussion, with no
  // request, owes nothing and is not reported.
  const EventTable table = table_of({{"C1", "referral", "2060-12-01"},
                                     {"C1", "strategy_discussion", "2060-12-10"},
                                     {"C1", "icpc_requested", "2060-12-11"},
                                     {"C2", "strategy_discussion", "2060-12-10"}});
  const Evaluation ev = run(table, "2060-12-31");
  REQUIRE(ev.unjudged.size() == 2);
  CHECK(ev.unjudged[0].rule->id == "wales.assessment.part3");
  CHECK(ev.unjudged[0].trigger_date == date_of("2060-12-01"));
  CHECK(ev.unjudged[1].rule->id == "wales.cp.icpc");
  CHECK(table.case_id(ev.unjudged[1].case_index) == "C1");
  const auto decisions = of_rule(ev, "wales.assessment.referral_decision");
  REQUIRE(decisions.size() == 1);
  CHECK(decisions[0]->due_date == date_of("2060-12-02"));
  CHECK(of_rule(ev, "wales.assessment.part3").empty());
}

}  // namespace
