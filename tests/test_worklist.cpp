// The worklist: open duties on the day, with the days left. Every expected date and count below was
// worked out by hand from the rules (C2: working days from the day after the trigger) and the
// England and Wales bank holidays of 2021 (Good Friday 2 Apr, Easter Monday 5 Apr, 3 May, 31 May).
#include <sstream>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "support.hpp"
#include "timescales/engine.hpp"
#include "timescales/load.hpp"
#include "timescales/worklist.hpp"
#include "timescales/write.hpp"

namespace {

using namespace timescales;
using namespace timescales::testing;  // support.hpp, cli_support.hpp

// As of Wed 30 Jun 2021, with the default horizon of 10 working days: Thu 1, Fri 2, Mon 5 ... Fri 9,
// Mon 12, Tue 13, Wed 14 Jul. The horizon is Wed 14 Jul 2021.
// A conference is owed once it is asked for (icpc_requested), timed from the strategy discussion.
//  C1 North: strategy discussion Mon 21 Jun; ICPC within 15 working days: 22-25 Jun (4), 28-30 (7),
//     1-2 Jul (9), 5-9 (14), Mon 12 Jul (15). Pending, due in 12 days, 8 working days (1, 2, 5-9, 12).
//  C2 South: referral Thu 1 Apr, decided Tue 6 Apr (met, not listed); assessment within 42 working
//     days: 6-9 Apr (4), 12-30 (19), 4-7 May (23), 10-28 (38), 1-4 Jun (42): Fri 4 Jun. Overdue:
//     26 days, 18 working days (7-11, 14-18, 21-25, 28-30 Jun).
//  C3 North: referral Tue 29 Jun; decision within 1 working day: Wed 30 Jun, today: 0 left. Its
//     assessment is due in August, beyond the horizon.
//  C4 South: strategy discussion Wed 30 Jun; ICPC: 1-2 Jul (2), 5-9 (7), 12-16 (12), 19-21 (15):
//     Wed 21 Jul, beyond the horizon of 10 working days, within one of 4 weeks (Wed 28 Jul).
constexpr std::string_view events_csv = open_duties_2021_csv;  // support.hpp

const std::vector<std::string> rules_used{"wales.assessment.part3", "wales.assessment.referral_decision", "wales.cp.icpc"};

struct Listed {
  std::string case_id, rule, due;
  int days_left, working_days_left;
  std::string status;
  friend bool operator==(const Listed&, const Listed&) = default;
};

std::vector<Listed> listed(const Worklist& list, const Evaluation& ev, const EventTable& table) {
  std::vector<Listed> out;
  for (const WorkItem& item : list.items) {
    const Obligation& ob = ev.obligations[item.obligation];
    out.push_back({table.case_id(ob.case_index), ob.rule->id, to_string(ob.due_date), item.days_left,
                   item.working_days_left, std::string(name(ob.status))});
  }
  return out;
}

Evaluation evaluated(const EventTable& table) {
  EvaluateOptions options;
  options.as_of = date_of("2021-06-30");
  options.only_rules = rules_used;
  return evaluate(table, builtin_rulebook(), options);
}

}  // namespace

namespace Catch {
template <>
struct StringMaker<Listed> {
  static std::string convert(const Listed& l) {
    return l.case_id + " " + l.rule + " " + l.due + " " + l.status + " " + std::to_string(l.days_left) + "/" +
           std::to_string(l.working_days_left);
  }
};
}  // namespace Catch

TEST_CASE("worklist: overdue duties and those due within 10 working days, by due date then case", "[worklist]") {
  const EventTable table = table_of(events_csv);
  const Evaluation ev = evaluated(table);
  const auto list = worklist(ev, table, builtin_rulebook());
  REQUIRE(list.has_value());
  CHECK(list->as_of == date_of("2021-06-30"));
  CHECK(list->horizon == date_of("2021-07-14"));
  CHECK(listed(*list, ev, table) == std::vector<Listed>{
                                         {"C2", "wales.assessment.part3", "2021-06-04", -26, -18, "overdue"},
                                         {"C3", "wales.assessment.referral_decision", "2021-06-30", 0, 0, "pending"},
                                         {"C1", "wales.cp.icpc", "2021-07-12", 12, 8, "pending"},
                                     });
}

TEST_CASE("worklist: an overdue duty's days left are minus its days late", "[worklist]") {
  const EventTable table = table_of(events_csv);
  const Evaluation ev = evaluated(table);
  const auto list = worklist(ev, table, builtin_rulebook());
  REQUIRE(list.has_value());
  for (const WorkItem& item : list->items) {
    const Obligation& ob = ev.obligations[item.obligation];
    if (ob.status != Status::overdue) continue;
    CHECK(item.days_left == -ob.days_late);
    CHECK(item.working_days_left == -ob.working_days_late);
  }
}

TEST_CASE("worklist: a longer horizon lists what falls due later", "[worklist]") {
  const EventTable table = table_of(events_csv);
  const Evaluation ev = evaluated(table);
  WorklistOptions options;
  options.within = *parse_period("4 weeks");
  const auto list = worklist(ev, table, builtin_rulebook(), options);
  REQUIRE(list.has_value());
  CHECK(list->horizon == date_of("2021-07-28"));
  // C4's ICPC, Wed 21 Jul: 21 days, 15 working days left.
  CHECK(listed(*list, ev, table).back() == Listed{"C4", "wales.cp.icpc", "2021-07-21", 21, 15, "pending"});
  CHECK(list->items.size() == 4);
}

TEST_CASE("worklist: grouped by team, each group's counts", "[worklist]") {
  const EventTable table = table_of(events_csv);
  const Evaluation ev = evaluated(table);
  WorklistOptions options;
  options.by = {0};  // team
  const auto list = worklist(ev, table, builtin_rulebook(), options);
  REQUIRE(list.has_value());
  CHECK(listed(*list, ev, table) == std::vector<Listed>{
                                         {"C3", "wales.assessment.referral_decision", "2021-06-30", 0, 0, "pending"},
                                         {"C1", "wales.cp.icpc", "2021-07-12", 12, 8, "pending"},
                                         {"C2", "wales.assessment.part3", "2021-06-04", -26, -18, "overdue"},
                                     });
  // This week runs to Sun 4 Jul: C3's decision (30 Jun) is due in it, C1's ICPC (12 Jul) is not.
  const auto groups = worklist_groups(*list, ev, table, options.by);
  REQUIRE(groups.size() == 2);
  CHECK(groups[0].values == std::vector<std::string>{"North"});
  CHECK(std::tie(groups[0].overdue, groups[0].due_this_week, groups[0].due_within_horizon) ==
        std::make_tuple(std::size_t{0}, std::size_t{1}, std::size_t{2}));
  CHECK(groups[1].values == std::vector<std::string>{"South"});
  CHECK(std::tie(groups[1].overdue, groups[1].due_this_week, groups[1].due_within_horizon) ==
        std::make_tuple(std::size_t{1}, std::size_t{0}, std::size_t{0}));
}

TEST_CASE("worklist: a horizon beyond the calendar is an error, not a guess (C1)", "[worklist]") {
  const EventTable table = table_of("case_id,event,date\nC1,referral,2060-12-20\n");
  EvaluateOptions options;
  options.as_of = date_of("2060-12-20");
  const Evaluation ev = evaluate(table, builtin_rulebook(), options);
  const auto list = worklist(ev, table, builtin_rulebook());
  REQUIRE_FALSE(list.has_value());
  CHECK(list.error().code == Errc::date_out_of_range);
}

TEST_CASE("worklist as CSV: the columns once, then the carried ones", "[worklist]") {
  const EventTable table = table_of(events_csv);
  const Evaluation ev = evaluated(table);
  const WorklistOptions options;
  const auto list = worklist(ev, table, builtin_rulebook(), options);
  REQUIRE(list.has_value());
  std::ostringstream out;
  write_worklist(out, *list, ev, table, options, WorklistFormat::csv, Language::en);
  CHECK(out.str() ==
        "case_id,rule,title,standard,occurrence,trigger_event,trigger_date,due_date,status,days_left,working_days_left,"
        "confidence,team\n"
        "C2,wales.assessment.part3,Care and support assessment of a child (Part 3),statutory,1,referral,2021-04-01,"
        "2021-06-04,overdue,-26,-18,confirmed,South\n"
        "C3,wales.assessment.referral_decision,Decision on a report about a child,statutory,1,referral,2021-06-29,"
        "2021-06-30,pending,0,0,confirmed,North\n"
        "C1,wales.cp.icpc,Initial child protection conference,statutory,1,strategy_discussion,2021-06-21,2021-07-12,"
        "pending,12,8,confirmed,North\n");
}

TEST_CASE("cli worklist: CSV on stdout, a summary per team on stderr", "[worklist][cli]") {
  if (!have_cli()) return;
  const TempDir dir("worklist");
  const std::string events = dir.write("events.csv", events_csv);
  const Run r = run_cli("worklist " + shell_quoted(events) + " --as-of 2021-06-30 --by team");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  // Every rule is evaluated here, not only the three above: the rows of those three are as worked out.
  CHECK(has_line(r.out, "C3,wales.assessment.referral_decision,Decision on a report about a child,statutory,1,referral,"
                        "2021-06-29,2021-06-30,pending,0,0,confirmed,North"));
  CHECK(has_line(r.out, "C2,wales.assessment.part3,Care and support assessment of a child (Part 3),statutory,1,referral,"
                        "2021-04-01,2021-06-04,overdue,-26,-18,confirmed,South"));
  CHECK_FALSE(contains(r.out, "C4,wales.cp.icpc"));
  CHECK(contains(r.err, "Open duties on 2021-06-30: overdue, and due by 2021-07-14 (10 working days)\n"));
  CHECK(contains(r.err, "  team = North: "));
  CHECK(contains(r.err, "  team = South: 1 overdue,"));
  CHECK(contains(r.err, "events: 7 rows read = 7 used + 0 rejected"));
}

TEST_CASE("cli worklist: --within, --format markdown and jsonl", "[worklist][cli]") {
  if (!have_cli()) return;
  const TempDir dir("worklist-formats");
  const std::string events = dir.write("events.csv", events_csv);
  const Run longer = run_cli("worklist " + shell_quoted(events) + " --as-of 2021-06-30 --within '4 weeks'");
  REQUIRE(longer.exit_code == 0);
  CHECK(contains(longer.out, "\nC4,wales.cp.icpc,Initial child protection conference,statutory,1,strategy_discussion,"
                             "2021-06-30,2021-07-21,pending,21,15,confirmed,South\n"));

  const Run md = run_cli("worklist " + shell_quoted(events) + " --as-of 2021-06-30 --by team --format markdown");
  REQUIRE(md.exit_code == 0);
  CHECK(md.out.starts_with("# Open duties on 2021-06-30: overdue, and due by 2021-07-14 (10 working days)\n"));
  CHECK(contains(md.out, "\n## team = North\n"));
  CHECK(contains(md.out, "\n## team = South\n"));
  CHECK(contains(md.out, "| C2 | wales.assessment.part3 | Care and support assessment of a child (Part 3) | statutory | 1 | "
                         "referral | 2021-04-01 | 2021-06-04 | overdue | -26 | -18 | confirmed | South |\n"));

  const Run json = run_cli("worklist " + shell_quoted(events) + " --as-of 2021-06-30 --format jsonl");
  REQUIRE(json.exit_code == 0);
  CHECK(contains(json.out, "{\"case_id\":\"C2\",\"rule\":\"wales.assessment.part3\",\"title\":\"Care and support assessment "
                           "of a child (Part 3)\",\"standard\":\"statutory\",\"occurrence\":1,\"trigger_event\":\"referral\","
                           "\"trigger_date\":\"2021-04-01\",\"due_date\":\"2021-06-04\",\"status\":\"overdue\","
                           "\"days_left\":-26,\"working_days_left\":-18,\"confidence\":\"confirmed\",\"team\":\"South\"}\n"));
}

TEST_CASE("cli worklist: unusable arguments and input exit 2 with a clear message", "[worklist][cli]") {
  if (!have_cli()) return;
  const TempDir dir("worklist-errors");
  const std::string events = dir.write("events.csv", events_csv);
  const Run by = run_cli("worklist " + shell_quoted(events) + " --by teem");
  CHECK(by.exit_code == 2);
  CHECK(contains(by.err, "--by 'teem' is not a carried column of " + events + "; its carried columns are team"));
  const Run within = run_cli("worklist " + shell_quoted(events) + " --within 'ten days'");
  CHECK(within.exit_code == 2);
  CHECK(contains(within.err, "timescales worklist: --within: "));
  // A file whose every row is rejected is not an empty worklist: nothing could be judged.
  const std::string bad = dir.write("bad.csv", "case_id,event,date\nC1,referal,2021-06-01\n");
  const Run none = run_cli("worklist " + shell_quoted(bad));
  CHECK(none.exit_code == 2);
  CHECK(contains(none.err, "no row could be used (1 read, 1 rejected)"));
  CHECK(none.out.empty());
}
