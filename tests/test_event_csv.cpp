// Reading case events from CSV (docs/formats.md): what a file may look like, which rows are rejected
// with which line, column and reason, and which files cannot be used at all.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "support.hpp"
#include "timescales/engine.hpp"
#include "timescales/event_csv.hpp"
#include "timescales/load.hpp"
#include "timescales/write.hpp"

namespace {

using namespace timescales;
using namespace std::string_literals;
using timescales::testing::contains;
using timescales::testing::date_of;

// The range docs/formats.md and C1 give for dates (the built-in calendar's supported range).
DateRange supported() { return {days_from_civil({1990, 1, 1}), days_from_civil({2060, 12, 31})}; }

std::expected<EventTable, ReadError> read(std::string_view text, const std::string& file = "events.csv") {
  return read_events_csv(text, file, supported());
}

EventTable read_ok(std::string_view text) {
  auto table = read(text);
  if (!table) FAIL("unexpected ReadError: " << table.error().message);
  return std::move(*table);
}

std::string read_error(std::string_view text, const std::string& file = "events.csv") {
  const auto table = read(text, file);
  REQUIRE_FALSE(table.has_value());
  return table.error().message;
}

std::string repeat(std::string_view s, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

// Well-formed UTF-8 (the text written to output files must be).
bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

void check_balance(const EventTable& table) {
  CHECK(table.rows_read() == table.events().size() + table.rejected().size());
}

}  // namespace

TEST_CASE("A byte-order mark, CRLF line ends and columns in any order", "[event_csv]") {
  const EventTable table = read_ok("\xEF\xBB\xBF" "date,team,event,case_id\r\n"
                                   "2021-03-01,North,referral,C1\r\n"
                                   "2021-03-02,North,referral_decision,C1\r\n");
  CHECK(table.rows_read() == 2);
  REQUIRE(table.events().size() == 2);
  CHECK(table.rejected().empty());
  CHECK(table.case_ids() == std::vector<std::string>{"C1"});
  CHECK(table.carried_columns() == std::vector<std::string>{"team"});
  CHECK(table.events()[0].type == EventType::referral);
  CHECK(table.events()[0].date == date_of("2021-03-01"));
  CHECK(table.events()[1].type == EventType::referral_decision);
  CHECK(table.carried(0, 1) == "North");  // no stray CR on the last column
  CHECK(table.line(1) == 3);
}

TEST_CASE("Fields are trimmed of spaces, and the last record need not end with a newline", "[event_csv]") {
  const EventTable table = read_ok("case_id , event,date\n C1 , referral ,  2021-03-01 ");
  REQUIRE(table.events().size() == 1);
  CHECK(table.case_id(0) == "C1");
  CHECK(table.events()[0].type == EventType::referral);
}

TEST_CASE("Quoted fields hold commas, quotes and newlines, and later lines are counted right", "[event_csv]") {
  const std::string text =
      "case_id,event,date,note\n"                           // line 1
      "C1,referral,2021-03-01,\"a, b\nc\"\n"                // lines 2-3
      "C1,bogus,2021-03-02,x\n"                             // line 4
      "\"C2\",\"referral\",\"2021-03-03\",\"say \"\"hi\"\",\r\nok\"\r\n"  // lines 5-6
      "C2,referral,2021-02-30,\"\n\n\"\n"                   // lines 7-9
      "C3,referral,2021-03-04,\n";                          // line 10
  const EventTable table = read_ok(text);
  check_balance(table);
  CHECK(table.rows_read() == 5);
  REQUIRE(table.events().size() == 3);
  CHECK(table.carried(0, 0) == "a, b\nc");
  CHECK(table.case_id(table.events()[1].case_index) == "C2");
  CHECK(table.carried(0, 1) == "say \"hi\",\r\nok");
  CHECK(table.line(0) == 2);
  CHECK(table.line(1) == 5);
  CHECK(table.line(2) == 10);
  REQUIRE(table.rejected().size() == 2);
  CHECK(table.rejected()[0].line == 4);
  CHECK(table.rejected()[0].column == "event");
  CHECK(table.rejected()[1].line == 7);
  CHECK(table.rejected()[1].column == "date");
}

TEST_CASE("Other columns are carried through to the obligations, from the trigger event", "[event_csv]") {
  // A referral on Fri 7 May 2021 by team North; the decision (Mon 10 May, 1 working day: met) is
  // recorded by team South. The obligation carries the trigger's values.
  const EventTable table = read_ok(
      "worker,case_id,event,date,team\n"
      "W1,C1,referral,2021-05-07,North\n"
      "W2,C1,referral_decision,2021-05-10,South\n");
  CHECK(table.carried_columns() == std::vector<std::string>{"worker", "team"});
  EvaluateOptions options;
  options.only_rules = {"wales.assessment.referral_decision"};
  const Evaluation evaluation = evaluate(table, builtin_rulebook(), options);
  REQUIRE(evaluation.obligations.size() == 1);
  const Obligation& ob = evaluation.obligations.front();
  CHECK(ob.status == Status::met);
  CHECK(table.carried(0, ob.trigger_row) == "W1");
  CHECK(table.carried(1, ob.trigger_row) == "North");

  std::ostringstream csv;
  write_obligations(csv, evaluation, table, OutputFormat::csv, false);
  CHECK(csv.str() ==
        "case_id,rule,standard,occurrence,trigger_event,trigger_date,due_date,completed_date,status,days_late,"
        "working_days_late,confidence,worker,team\n"
        "C1,wales.assessment.referral_decision,statutory,1,referral,2021-05-07,2021-05-10,2021-05-10,met,0,0,confirmed,W1,North\n");
}

TEST_CASE("Booleans in every accepted spelling", "[event_csv]") {
  const std::vector<std::string> yes = {"true", "TRUE", "True", "tRuE", "yes", "YES", "Yes", "y", "Y", "1", " yes "};
  const std::vector<std::string> no = {"false", "FALSE", "False", "no", "NO", "No", "n", "N", "0"};
  // One child per row: rows alike in child, event, date and value would be duplicates (C8).
  std::string text = "case_id,event,date,seen_alone,at_home,intended_until_18\n";
  int child = 0;
  const auto row = [&](const std::string& rest) { text += "C" + std::to_string(++child) + "," + rest + "\n"; };
  for (const std::string& s : yes) row("cp_visit,2021-03-01," + s + "," + s + ",");
  for (const std::string& s : no) row("cp_visit,2021-03-01," + s + "," + s + ",");
  for (const std::string& s : yes) row("placement_start,2021-03-01,,," + s);
  for (const std::string& s : no) row("placement_start,2021-03-01,,," + s);
  row("cp_visit,2021-03-01,,,");         // absent: false
  row("placement_start,2021-03-01,,,");  // absent: not recorded
  const EventTable table = read_ok(text);
  REQUIRE(table.rejected().empty());
  const auto& e = table.events();
  REQUIRE(e.size() == 2 * (yes.size() + no.size()) + 2);
  std::size_t i = 0;
  for (const std::string& s : yes) {
    INFO("'" << s << "'");
    CHECK(e[i].seen_alone);
    CHECK(e[i++].at_home);
  }
  for (const std::string& s : no) {
    INFO("'" << s << "'");
    CHECK_FALSE(e[i].seen_alone);
    CHECK_FALSE(e[i++].at_home);
  }
  for (const std::string& s : yes) {
    INFO("'" << s << "'");
    CHECK(e[i++].intended_until_18 == std::optional<bool>(true));
  }
  for (const std::string& s : no) {
    INFO("'" << s << "'");
    CHECK(e[i++].intended_until_18 == std::optional<bool>(false));
  }
  CHECK_FALSE(e[i].seen_alone);
  CHECK_FALSE(e[i++].at_home);
  CHECK_FALSE(e[i].intended_until_18.has_value());
}

TEST_CASE("Each kind of bad row is rejected with its line, column and reason, and good rows are used", "[event_csv]") {
  const std::string e64 = repeat("\xC3\xA9", 64);  // 64 characters (128 bytes): allowed
  const std::string e65 = repeat("\xC3\xA9", 65);  // 65 characters: too long
  const std::string a64 = repeat("a", 64);
  const std::string text =
      "case_id,event,date,placement_type,seen_alone,at_home,intended_until_18,visit_interval\n"  // 1
      "C1,referral,2021-03-01,,,,,\n"                                                            // 2 good
      "C1,home_visit,2021-03-01,,,,,\n"                                                          // 3
      "C1,referral,2019-02-29,,,,,\n"                                                            // 4
      "C1,referral,01/03/2021,,,,,\n"                                                            // 5
      "C1,referral,1989-12-31,,,,,\n"                                                            // 6
      "C1,referral,2061-01-01,,,,,\n"                                                            // 7
      ",referral,2021-03-01,,,,,\n"                                                              // 8
      + e65 + ",referral,2021-03-01,,,,,\n"                                                      // 9
      + e64 + ",referral,2021-03-01,,,,,\n"                                                      // 10 good
      "C1,cp_visit,2021-03-02,,maybe,,,\n"                                                       // 11
      "C1,lac_review,2021-03-02,,,,,6 fortnights\n"                                              // 12
      "C1,placement_start,2021-03-02,foster,,,,\n"                                               // 13
      "C1,referral,2021-03-03\n"                                                                 // 14
      "C1,referral,2021-03-03,,,,,,extra\n"                                                      // 15
      "C2,cp_visit,2021-03-04,,yes,no,,\n"                                                       // 16 good
      "C3,referral,1990-01-01,,,,,\n"                                                            // 17 good
      "C3,referral,2060-12-31,,,,,\n"                                                            // 18 good
      + a64 + ",lac_review,2021-03-05,,,,true,4 weeks\n"                                         // 19 good
      "C1,referral,2021-13-01,,,,,\n"                                                            // 20
      "C1,placement_start,2021-03-02,standard,,,perhaps,\n";                                     // 21
  const EventTable table = read_ok(text);
  check_balance(table);
  CHECK(table.rows_read() == 20);
  CHECK(table.events().size() == 6);

  struct Want {
    std::size_t line;
    std::string column;
    std::string reason;  // a part of it
  };
  const std::vector<Want> want = {
      {3, "event", "unknown event 'home_visit'"},
      {4, "date", "impossible date '2019-02-29'"},
      {5, "date", "malformed date '01/03/2021'"},
      {6, "date", "1989-12-31 is outside the supported range (1990-01-01 to 2060-12-31)"},
      {7, "date", "2061-01-01 is outside the supported range"},
      {8, "case_id", "empty case id"},
      {9, "case_id", "longer than 64 characters"},
      {11, "seen_alone", "not a boolean: 'maybe'"},
      {12, "visit_interval", "malformed period '6 fortnights'"},
      {13, "placement_type", "unknown placement type 'foster'"},
      {14, "", "expected 8 fields, as in the header, found 3"},
      {15, "", "expected 8 fields, as in the header, found 9"},
      {20, "date", "impossible date '2021-13-01'"},
      {21, "intended_until_18", "not a boolean: 'perhaps'"},
  };
  REQUIRE(table.rejected().size() == want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    const Rejection& r = table.rejected()[i];
    INFO("rejection " << i << ": line " << r.line << ", " << r.column << ": " << r.reason);
    CHECK(r.line == want[i].line);
    CHECK(r.column == want[i].column);
    CHECK(contains(r.reason, want[i].reason));
    CHECK(valid_utf8(r.reason));
    CHECK(valid_utf8(r.case_id));
    CHECK(utf8_length(r.case_id) <= max_case_id_length);
  }
  CHECK(table.rejected()[0].case_id == "C1");
  CHECK(table.rejected()[5].case_id.empty());

  // The good rows, in order.
  const auto& used = table.events();
  CHECK(table.line(used[0].row) == 2);
  CHECK(table.case_id(used[1].case_index) == e64);
  CHECK(table.line(used[1].row) == 10);
  CHECK(used[2].type == EventType::cp_visit);
  CHECK(used[2].seen_alone);
  CHECK_FALSE(used[2].at_home);
  CHECK(used[3].date == date_of("1990-01-01"));
  CHECK(used[4].date == date_of("2060-12-31"));
  CHECK(table.case_id(used[5].case_index) == a64);
  CHECK(used[5].visit_interval == std::optional<Period>(Period{4, PeriodUnit::weeks}));
  CHECK(used[5].intended_until_18 == std::optional<bool>(true));
}

TEST_CASE("Case ids are counted in characters, and a rejected one stays valid UTF-8", "[event_csv]") {
  // A three-byte character: 64 of them are 192 bytes and allowed; 65 are rejected, and the case id
  // kept on the rejection (written to the rejected-rows file) must not end in half a character.
  const std::string euro64 = repeat("\xE2\x82\xAC", 64);
  const std::string euro65 = repeat("\xE2\x82\xAC", 65);
  const std::string text = "case_id,event,date\n" + euro64 + ",referral,2021-03-01\n" + euro65 +
                           ",referral,2021-03-01\n" + euro65 + ",referral\n";
  const EventTable table = read_ok(text);
  check_balance(table);
  REQUIRE(table.events().size() == 1);
  CHECK(table.case_id(0) == euro64);
  REQUIRE(table.rejected().size() == 2);
  for (const Rejection& r : table.rejected()) {
    INFO("line " << r.line << ": " << r.reason);
    CHECK(valid_utf8(r.case_id));
    CHECK(utf8_length(r.case_id) <= max_case_id_length);
    CHECK(euro65.starts_with(r.case_id));
  }
  CHECK(table.rejected()[0].column == "case_id");
  CHECK(table.rejected()[1].column.empty());  // the wrong field count

  std::ostringstream rejected;
  write_rejections(rejected, table);
  CHECK(valid_utf8(rejected.str()));
}

TEST_CASE("Messages quote no more than a truncated excerpt of a field", "[event_csv]") {
  const std::string long_value = repeat("x", 200);
  const std::string long_utf8 = repeat("\xE2\x82\xAC", 100);   // 300 bytes
  const std::string long_unit = "6 a" + repeat("\xE2\x82\xAC", 60);  // a period with a long unit
  const std::string text =
      "case_id,event,date,placement_type,seen_alone,visit_interval\n"
      "C1," + long_value + ",2021-03-01,,,\n"
      "C1,referral," + long_value + ",,,\n"
      "C1,placement_start,2021-03-01," + long_value + ",,\n"
      "C1,cp_visit,2021-03-01,," + long_value + ",\n"
      "C1,lac_review,2021-03-01,,,6 " + long_value + "\n"
      "C1,lac_review,2021-03-01,,," + long_value + "\n"
      "C1," + long_utf8 + ",2021-03-01,,,\n"
      "C1,lac_review,2021-03-01,,," + long_unit + "\n";
  const EventTable table = read_ok(text);
  REQUIRE(table.rejected().size() == 8);
  for (const Rejection& r : table.rejected()) {
    INFO("line " << r.line << ", " << r.column << ": " << r.reason);
    CHECK(r.reason.size() < 200);
    CHECK_FALSE(contains(r.reason, repeat("x", 60)));
    CHECK_FALSE(contains(r.reason, repeat("\xE2\x82\xAC", 30)));
    CHECK(valid_utf8(r.reason));
  }
  CHECK(contains(table.rejected()[0].reason, "..."));

  // A header naming a long column twice.
  const std::string message = read_error("case_id,event,date," + long_value + "," + long_value + "\n");
  CHECK(contains(message, "events.csv:1:"));
  CHECK(message.size() < 200);
  CHECK_FALSE(contains(message, repeat("x", 60)));
}

TEST_CASE("A header with no rows is an empty table", "[event_csv]") {
  const EventTable table = read_ok("case_id,event,date,team\n");
  CHECK(table.rows_read() == 0);
  CHECK(table.events().empty());
  CHECK(table.rejected().empty());
  CHECK(table.carried_columns() == std::vector<std::string>{"team"});
}

TEST_CASE("Unusable files give a ReadError naming the file and line", "[event_csv]") {
  SECTION("an empty file, or one holding only a byte-order mark") {
    for (const std::string_view text : {std::string_view(""), std::string_view("\xEF\xBB\xBF"), std::string_view("\n\n")}) {
      const std::string message = read_error(text, "empty.csv");
      INFO(message);
      CHECK(message.starts_with("empty.csv"));
      CHECK(contains(message, "empty"));
    }
  }
  SECTION("a header without case_id, event or date") {
    const std::string one = read_error("case_id,event,when\nC1,referral,2021-03-01\n");
    INFO(one);
    CHECK(one.starts_with("events.csv:1:"));
    CHECK(contains(one, "date"));
    const std::string two = read_error("child,what,date\n");
    INFO(two);
    CHECK(two.starts_with("events.csv:1:"));
    CHECK(contains(two, "case_id"));
    CHECK(contains(two, "event"));
  }
  SECTION("a column named twice in the header") {
    const std::string message = read_error("case_id,event,date,team, team\n");
    INFO(message);
    CHECK(message.starts_with("events.csv:1:"));
    CHECK(contains(message, "team"));
    CHECK(contains(message, "twice"));
  }
  SECTION("a quoted field never closed") {
    const std::string message =
        read_error("case_id,event,date\nC1,referral,2021-03-01\nC1,\"referral,2021-03-02\nC1,referral,2021-03-03\n");
    INFO(message);
    CHECK(message.starts_with("events.csv:3:"));
    CHECK(contains(message, "unterminated"));
  }
  SECTION("a NUL byte") {
    const std::string text = "case_id,event,date\nC1,referral,2021-03-01\n\"C1\nx\",referral,2021-03-01\nC1,refer\0ral,2021-03-02\n"s;
    const std::string message = read_error(text);
    INFO(message);
    CHECK(message.starts_with("events.csv:5:"));  // after a record spanning lines 3-4
    CHECK(contains(message, "NUL"));
  }
  SECTION("bytes that are not UTF-8") {
    const std::string message = read_error("case_id,event,date\nC1,referral,2021-03-01\nC\xC3\x28,referral,2021-03-02\n");
    INFO(message);
    CHECK(message.starts_with("events.csv:3:"));
    CHECK(contains(message, "UTF-8"));
    // Latin-1 text, a common mistake: the header itself.
    const std::string latin1 = read_error("case_id,event,date,r\xE9gion\n");
    CHECK(latin1.starts_with("events.csv:1:"));
  }
  SECTION("a file that does not exist") {
    const std::filesystem::path path = std::filesystem::temp_directory_path() / "timescales-no-such-dir" / "missing.csv";
    const auto table = read_events_file(path, supported());
    REQUIRE_FALSE(table.has_value());
    CHECK(contains(table.error().message, path.string()));
  }
}

TEST_CASE("The table knows its latest date and whether each child's rows are together", "[event_csv][engine]") {
  timescales::EventTable table;
  CHECK_FALSE(table.latest_date().has_value());
  CHECK(table.cases_together());
  table.add_row(2, {"C2", "referral", "2021-03-01"});
  table.add_row(3, {"C2", "referral_decision", "2021-02-26"});  // earlier: the latest stays
  table.add_row(4, {"C1", "referral", "2021-01-04"});           // a new child after C2: still together
  CHECK(table.latest_date() == testing::date_of("2021-03-01"));
  CHECK(table.cases_together());
  table.add_row(5, {"C1", "not_an_event", "2022-01-01"});  // rejected: changes nothing
  CHECK(table.latest_date() == testing::date_of("2021-03-01"));
  table.add_row(6, {"C2", "case_closed", "2021-06-30"});  // C2 again, after C1
  CHECK_FALSE(table.cases_together());
  CHECK(table.latest_date() == testing::date_of("2021-06-30"));
}

namespace {

ReadOptions council_options(std::string_view date_format, ColumnMapping columns) {
  ReadOptions options;
  const auto format = DateFormat::named(date_format);
  REQUIRE(format.has_value());
  options.date_format = *format;
  options.columns = std::move(columns);
  return options;
}

}  // namespace

TEST_CASE("Date formats: %d, %m and %Y in any order with one separator, anything else refused", "[event_csv][date_format]") {
  // Each format reads 5 March 2021 (days_from_civil, worked out independently of the format).
  const Date march5 = days_from_civil({2021, 3, 5});
  const std::vector<std::pair<std::string, std::string>> accepted = {
      {"%Y-%m-%d", "2021-03-05"}, {"%d/%m/%Y", "05/03/2021"}, {"%d/%m/%Y", "5/3/2021"}, {"%d-%m-%Y", "05-03-2021"},
      {"%d.%m.%Y", "05.03.2021"}, {"%m/%d/%Y", "03/05/2021"}, {"%Y/%m/%d", "2021/03/05"}, {"%Y.%d.%m", "2021.05.03"},
  };
  for (const auto& [format, text] : accepted) {
    INFO(format << " " << text);
    const auto f = DateFormat::named(format);
    REQUIRE(f.has_value());
    CHECK(f->text() == format);
    const auto d = f->parse(text);
    REQUIRE(d.has_value());
    CHECK(*d == march5);
  }
  CHECK(DateFormat::named("%Y-%m-%d")->iso());
  CHECK_FALSE(DateFormat::named("%d/%m/%Y")->iso());
  CHECK(DateFormat::named("%d/%m/%Y")->shape() == "DD/MM/YYYY");
  CHECK(DateFormat{}.text() == "%Y-%m-%d");

  // Refused, each with its reason and the rule.
  const std::vector<std::pair<std::string, std::string>> refused = {
      {"%d/%m/%y", "two-digit year"},           {"%d/%m/%Y %H:%M", "time of day"},
      {"%d/%m", "does not name a day, a month and a year"},
      {"%d/%d/%Y", "names a field twice"},      {"%d/%m-%Y", "mixes or repeats separators"},
      {"%d//%m/%Y", "mixes or repeats separators"}, {"%d%m%Y", "no separator"},
      {"%d %m %Y", "is not one this tool reads"},   {"/%d/%m/%Y", "is not one this tool reads"},
      {"%d/%m/%Y/", "is not one this tool reads"},  {"%b %d %Y", "%b"},
      {"%d/%m/%", "lone '%'"},                  {"", "does not name"},
  };
  for (const auto& [format, reason] : refused) {
    INFO(format);
    const auto f = DateFormat::named(format);
    REQUIRE_FALSE(f.has_value());
    CHECK(contains(f.error(), reason));
    CHECK(contains(f.error(), "%d, %m and %Y, each once"));
  }
  // A format written as a spreadsheet writes it gets the strftime spelling.
  CHECK(contains(DateFormat::named("dd/mm/yyyy").error(), "write %d/%m/%Y"));

  // Texts that do not match, and days that do not exist. ISO stays exactly YYYY-MM-DD.
  const DateFormat uk = *DateFormat::named("%d/%m/%Y");
  for (const std::string_view bad : {"2021-03-05", "05/03/21", "05/03/02021", "005/03/2021", "05/03/2021 10:30",
                                     " 05/03/2021", "05.03.2021", "/03/2021", "05/03/", "x5/03/2021"}) {
    INFO(bad);
    const auto d = uk.parse(bad);
    REQUIRE_FALSE(d.has_value());
    CHECK(d.error().code == Errc::malformed_date);
    CHECK(contains(d.error().message, "expected DD/MM/YYYY (the date format %d/%m/%Y)"));
  }
  CHECK(uk.parse("29/02/2021").error().code == Errc::impossible_date);  // 2021 is not a leap year
  CHECK(uk.parse("29/02/2020").value() == days_from_civil({2020, 2, 29}));
  CHECK(uk.parse("31/04/2021").error().code == Errc::impossible_date);
  CHECK(uk.parse("01/13/2021").error().code == Errc::impossible_date);
  CHECK(uk.parse("00/01/2021").error().code == Errc::impossible_date);
  CHECK_FALSE(DateFormat{}.parse("2021-3-5").has_value());
}

TEST_CASE("A council export: its own column names and dd/mm/yyyy give the canonical file's table", "[event_csv][date_format]") {
  // The same three events, written as docs/formats.md writes them and as a council's system
  // exports them (other names, other column order, day first, one without leading zeros).
  const std::string canonical =
      "case_id,event,date,seen_alone,team\n"
      "C1,strategy_discussion,2021-03-01,,North\n"
      "C1,icpc,2021-03-25,,North\n"
      "C1,cp_visit,2021-04-06,yes,North\n";
  const std::string council =
      "Team,Event Date,Child Ref,Event Type,Seen Alone?\n"
      "North,01/03/2021,C1,strategy_discussion,\n"
      "North,25/03/2021,C1,icpc,\n"
      "North,6/4/2021,C1,cp_visit,yes\n";
  const EventTable a = read_ok(canonical);
  const auto b = read_events_csv(council, "council.csv", supported(),
                                 council_options("%d/%m/%Y", {{"Child Ref", "case_id"}, {"Event Type", "event"},
                                                              {"Event Date", "date"}, {"Seen Alone?", "seen_alone"}}));
  REQUIRE(b.has_value());
  REQUIRE(b->rejected().empty());
  REQUIRE(b->events().size() == 3);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(same_content(a.events()[i], b->events()[i]));
    CHECK(b->case_id(b->events()[i].case_index) == "C1");
  }
  CHECK(b->events()[2].date == days_from_civil({2021, 4, 6}));
  CHECK(b->events()[2].seen_alone);
  // Columns not mapped are carried under their own names.
  CHECK(b->carried_columns() == std::vector<std::string>{"Team"});
  CHECK(b->carried(0, b->events()[0].row) == "North");
}

TEST_CASE("With a date format, a date that does not match is a rejected row naming the line, field and format",
          "[event_csv][date_format]") {
  const std::string text =
      "Child,event,When\n"         // 1
      "C1,referral,01/03/2021\n"   // 2 good
      "C1,referral,2021-03-02\n"   // 3: ISO, not the export's format
      "C1,referral,31/02/2021\n"   // 4: no 31 February
      "C1,referral,\n"             // 5: empty
      "C1,referral,31/12/1989\n"   // 6: before the supported range
      "C1,referral,02/03/2021\n";  // 7 good
  const auto table = read_events_csv(text, "council.csv", supported(),
                                     council_options("%d/%m/%Y", {{"Child", "case_id"}, {"When", "date"}}));
  REQUIRE(table.has_value());
  check_balance(*table);
  CHECK(table->events().size() == 2);
  REQUIRE(table->rejected().size() == 4);
  const auto& r = table->rejected();
  // The column is ours (date), as the rejected rows of every input name it.
  CHECK((r[0].line == 3 && r[0].column == "date" && r[0].case_id == "C1"));
  CHECK(r[0].reason == "malformed date '2021-03-02': expected DD/MM/YYYY (the date format %d/%m/%Y)");
  CHECK((r[1].line == 4 && r[1].column == "date"));
  CHECK(r[1].reason == "impossible date '31/02/2021': no such day in the calendar");
  CHECK((r[2].line == 5 && contains(r[2].reason, "expected DD/MM/YYYY")));
  CHECK((r[3].line == 6 && r[3].reason == "1989-12-31 is outside the supported range (1990-01-01 to 2060-12-31)"));
}

TEST_CASE("A column mapping that cannot be used is an error naming the file", "[event_csv][date_format]") {
  const std::string text = "Case ID,event,date,case_id\nC1,referral,2021-03-01,C1\n";
  const auto error = [&](ColumnMapping columns) {
    ReadOptions options;
    options.columns = std::move(columns);
    const auto table = read_events_csv(text, "council.csv", supported(), options);
    REQUIRE_FALSE(table.has_value());
    return table.error().message;
  };
  CHECK(error({{"Child", "case_id"}}) ==
        "council.csv:1: no column 'Child' to map to case_id: the header has no such column");
  CHECK(error({{"Case ID", "case_id"}}) == "council.csv:1: column 'Case ID' is mapped to case_id, which the header has as well");
  const std::string unknown = error({{"Case ID", "case-id"}});
  CHECK(contains(unknown, "council.csv: column mapping 'Case ID'='case-id': 'case-id' is not an event column"));
  CHECK(contains(unknown, "did you mean 'case_id'?"));
  CHECK(contains(unknown, "the event columns are case_id, event, date, placement_type"));
  CHECK(contains(error({{"Case ID", "event"}, {"Case ID", "date"}}), "'Case ID' is mapped twice, to event and date"));
  CHECK(contains(error({{"Case ID", "event"}, {"case_id", "event"}}), "both 'Case ID' and 'case_id' are mapped to event"));
}

TEST_CASE("parse_column_rename splits THEIRS=OURS at the last '='", "[event_csv][date_format]") {
  CHECK(parse_column_rename("Case ID=case_id").value() == ColumnRename{"Case ID", "case_id"});
  CHECK(parse_column_rename("a=b=date").value() == ColumnRename{"a=b", "date"});
  for (const std::string_view bad : {"case_id", "=case_id", "Case ID="}) {
    INFO(bad);
    CHECK(contains(parse_column_rename(bad).error(), "is not THEIRS=OURS"));
  }
}

TEST_CASE("A columns file: the mapping and date format, its problems with file, line and column", "[event_csv][date_format]") {
  const auto good = read_export_format("export.toml",
                                       "# our council's export\n"
                                       "date_format = \"%d/%m/%Y\"\n"
                                       "[columns]\n"
                                       "\"Case ID\" = \"case_id\"\n"
                                       "\"Event Type\" = \"event\"\n");
  REQUIRE(good.has_value());
  CHECK(good->columns == ColumnMapping{{"Case ID", "case_id"}, {"Event Type", "event"}});
  REQUIRE(good->date_format.has_value());
  CHECK(good->date_format->text() == "%d/%m/%Y");

  const auto problems = [](const std::string& text) {
    const auto read = read_export_format("export.toml", text);
    REQUIRE_FALSE(read.has_value());
    std::vector<std::string> out;
    for (const Diagnostic& d : read.error()) out.push_back(d.to_string());
    return out;
  };
  // Line 3, column 7: where the value starts (1-based: `"B" = ` is 6 characters).
  const auto unknown = problems("[columns]\n\"A\" = \"case_id\"\n\"B\" = \"evnt\"\n");
  REQUIRE(unknown.size() == 1);
  CHECK(unknown[0].starts_with("export.toml:3:7: column mapping 'B'='evnt': 'evnt' is not an event column"));
  CHECK(contains(unknown[0], "did you mean 'event'?"));
  const auto twice = problems("[columns]\nA = \"date\"\nB = \"date\"\n");
  REQUIRE(twice.size() == 1);
  CHECK(twice[0].starts_with("export.toml:3:5: column mapping: both 'A' and 'B' are mapped to date"));
  const auto format = problems("date_format = \"%d/%m/%y\"\n[columns]\n");
  REQUIRE(format.size() == 1);
  CHECK(format[0].starts_with("export.toml:1:15: date format '%d/%m/%y' has a two-digit year"));
  const auto not_string = problems("[columns]\nA = 3\n");
  REQUIRE(not_string.size() == 1);
  CHECK(not_string[0].starts_with("export.toml:2:5: columns: the value of 'A' must be a string"));
  CHECK(contains(problems("date_fromat = \"%d/%m/%Y\"\n[columns]\n").front(), "unknown key 'date_fromat'"));
  CHECK(contains(problems("date_format = \"%d/%m/%Y\"\n").front(), "missing required key 'columns'"));
  CHECK(problems("[columns\n").front().starts_with("export.toml:1:"));
}

TEST_CASE("A part formatted into a string is the text formatted into a stream, however long its values",
          "[event_csv]") {
  // Carried values that need quoting, that a spreadsheet would take for formulas, and one far
  // longer than any row the string was reserved for, so that the string grows mid-part.
  const std::string long_value(100'000, 'x');
  std::string text = "case_id,event,date,note\n";
  const std::vector<std::string> notes = {"plain",       "=SUM(A1)",   "-a,\"b\"",     "@x\ny", "a \"quoted\" word",
                                          long_value,    "+" + long_value, "\"" + long_value + "\"", "", "\tTab"};
  for (std::size_t i = 0; i < notes.size(); ++i) {
    std::string quoted = "\"";
    for (const char c : notes[i]) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    text += "C" + std::to_string(i + 1) + ",referral,2021-05-07," + quoted + "\"\n";
  }
  const EventTable table = read_ok(text);
  REQUIRE(table.events().size() == notes.size());
  EvaluateOptions options;
  options.only_rules = {"wales.assessment.referral_decision"};
  const Evaluation evaluation = evaluate(table, builtin_rulebook(), options);
  REQUIRE(evaluation.obligations.size() == notes.size());
  for (const OutputFormat format : {OutputFormat::csv, OutputFormat::json, OutputFormat::jsonl}) {
    for (const bool explain : {false, true}) {
      for (const bool first : {true, false}) {
        const ObligationWriter writer(std::cout, format, explain);
        std::ostringstream streamed;
        writer.format(streamed, evaluation, table, first);
        std::string appended = "kept";  // what the string held before is kept
        writer.format(appended, evaluation, table, first);
        INFO("format " << static_cast<int>(format) << ", explain " << explain << ", first " << first);
        CHECK(appended == "kept" + streamed.str());
      }
    }
  }
  // The neutralising quote, inside the field's quotes when the value needs them (worked by hand
  // from RFC 4180 and docs/formats.md).
  std::string csv;
  ObligationWriter(std::cout, OutputFormat::csv, false).format(csv, evaluation, table, false);
  CHECK(contains(csv, ",'=SUM(A1)\n"));
  CHECK(contains(csv, ",\"'-a,\"\"b\"\"\"\n"));
  CHECK(contains(csv, ",\"'@x\ny\"\n"));
  CHECK(contains(csv, ",'+" + long_value + "\n"));
  CHECK(contains(csv, ",\"\"\"" + long_value + "\"\"\"\n"));
}
