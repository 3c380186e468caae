// `timescales due`: the command-line face of the period arithmetic, run as a child process.
#include <string>

#include "cli_support.hpp"
#include "support.hpp"

using namespace timescales::testing;  // cli_support.hpp, support.hpp

TEST_CASE("timescales due prints the C2 deadline", "[cli][C2]") {
  if (!have_cli()) return;
  const Run r = both_of("due 2019-12-20 '15 working days'");
  CHECK(r.exit_code == 0);
  CHECK(r.out == "2020-01-15\n");  // nothing else, and nothing on stderr
  // Other units (C3, C4), hand-counted in test_period.cpp.
  CHECK(stdout_of("due 2024-02-19 '6 weeks'").out == "2024-04-01\n");
  CHECK(stdout_of("due 2019-11-30 '3 months'").out == "2020-02-29\n");
}

TEST_CASE("timescales due --explain names the skipped bank holidays and counted days", "[cli][C2]") {
  if (!have_cli()) return;
  const Run r = stdout_of("due 2019-12-20 '15 working days' --explain");
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::StartsWith("2020-01-15\n"));
  CHECK_THAT(r.out, Catch::Contains("25 Dec Christmas Day, 26 Dec Boxing Day, 1 Jan New Year's Day"));
  CHECK_THAT(r.out, Catch::Contains("Working days counted: 23 Dec, 24 Dec, 27 Dec, 30 Dec, 31 Dec, "
                                    "2 Jan, 3 Jan, 6 Jan, 7 Jan, 8 Jan, 9 Jan, 10 Jan, 13 Jan, "
                                    "14 Jan, 15 Jan."));
}

TEST_CASE("timescales due --explain --lang cy explains in Welsh, with the same date line and JSON fields", "[cli][C2][cymraeg]") {
  if (!have_cli()) return;
  const Run r = both_of("due 2019-12-20 '15 working days' --explain --lang cy");
  CHECK(r.exit_code == 0);
  CHECK(r.out == "2020-01-15\n"
                 "2019-12-20 + 15 diwrnod gwaith = dydd Mercher 2020-01-15. Diwrnod 0 yw dydd Gwener 2019-12-20; y "
                 "dyddiad terfyn yw'r 15fed diwrnod gwaith ar ei ôl yng nghalendr england-and-wales (C1, C2). Gwyliau "
                 "banc a hepgorwyd: 25 Rhag Dydd Nadolig, 26 Rhag Gŵyl San Steffan, 1 Ion Dydd Calan.\n"
                 "Diwrnodau gwaith a gyfrifwyd: 23 Rhag, 24 Rhag, 27 Rhag, 30 Rhag, 31 Rhag, 2 Ion, 3 Ion, 6 Ion, "
                 "7 Ion, 8 Ion, 9 Ion, 10 Ion, 13 Ion, 14 Ion, 15 Ion.\n");
  const Run json = stdout_of("due 2019-12-20 '15 working days' --explain --lang cy --format json");
  CHECK_THAT(json.out, Catch::Contains("\"deadline\":\"2020-01-15\""));
  CHECK_THAT(json.out, Catch::Contains("Gwyliau banc a hepgorwyd"));
  const Run bad = stderr_of("due 2019-12-20 '15 working days' --explain --lang fr");
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.out, Catch::Contains("--lang: fr not in {en,cy}"));
}

TEST_CASE("timescales due --calendar counts in the named calendar", "[cli][C1]") {
  if (!have_cli()) return;
  // Mon 2024-12-23 + 1: base calendar Tue 24; with Christmas Eve closed, Fri 27.
  CHECK(stdout_of("due 2024-12-23 '1 working day'").out == "2024-12-24\n");
  const Run eve = stdout_of("due 2024-12-23 '1 working day' --calendar england-and-wales+christmas-eve");
  CHECK(eve.exit_code == 0);
  CHECK(eve.out == "2024-12-27\n");
  // --rules with the project's rules directory gives the same answers as the built-in rules.
  const Run dir = stdout_of(std::string("due 2019-12-20 '15 working days' --rules '") +
                            TIMESCALES_SOURCE_DIR + "/rules'");
  CHECK(dir.exit_code == 0);
  CHECK(dir.out == "2020-01-15\n");
}

TEST_CASE("timescales due rejects bad input with exit code 2 and a message", "[cli]") {
  if (!have_cli()) return;
  SECTION("a malformed period") {
    const Run r = stderr_of("due 2019-12-20 '15 wrking days'");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.out, Catch::Contains("malformed period"));
    CHECK_THAT(r.out, Catch::Contains("did you mean 'working days'"));
    CHECK(stdout_of("due 2019-12-20 '15 wrking days'").out.empty());
  }
  SECTION("a period of years") {
    const Run r = stderr_of("due 2019-12-20 '2 years'");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.out, Catch::Contains("months"));
  }
  SECTION("an impossible date") {
    const Run r = stderr_of("due 2019-02-29 '15 working days'");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.out, Catch::Contains("impossible date"));
    CHECK_THAT(r.out, Catch::Contains("2019-02-29"));
  }
  SECTION("a malformed date") {
    const Run r = stderr_of("due 2019-1-5 '15 working days'");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.out, Catch::Contains("YYYY-MM-DD"));
  }
  SECTION("an unknown calendar") {
    const Run r = stderr_of("due 2019-12-20 '15 working days' --calendar narnia");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.out, Catch::Contains("unknown calendar 'narnia'"));
    CHECK_THAT(r.out, Catch::Contains("england-and-wales"));  // lists the known ones
  }
  SECTION("a date outside the calendar") {
    const Run r = stderr_of("due 2061-01-01 '1 day'");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.out, Catch::Contains("outside the supported range of calendar england-and-wales"));
  }
  SECTION("a missing argument") {
    const Run r = both_of("due 2019-12-20");
    CHECK(r.exit_code == 2);
  }
}
