// The synthetic event generator: deterministic, valid by the event format, sorted, in the window.
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "cli_support.hpp"
#include "support.hpp"
#include "timescales/event.hpp"
#include "timescales/generate.hpp"

namespace {

using namespace timescales::testing;  // cli_support.hpp, support.hpp

std::string generated(std::uint64_t children, std::uint64_t seed, std::string_view from = "2019-04-01",
                      std::string_view to = "2024-03-31") {
  std::ostringstream out;
  timescales::generate_events({children, seed, date_of(from), date_of(to)}, england_and_wales(), out);
  return out.str();
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (;;) {
    const auto at = text.find(separator, start);
    if (at == std::string_view::npos) {
      out.push_back(text.substr(start));
      return out;
    }
    out.push_back(text.substr(start, at - start));
    start = at + 1;
  }
}

// The data lines (without the header), checking the header on the way.
std::vector<std::string_view> data_lines(std::string_view csv) {
  REQUIRE(!csv.empty());
  REQUIRE(csv.back() == '\n');
  auto lines = split(csv.substr(0, csv.size() - 1), '\n');
  REQUIRE(lines.front() == timescales::generated_header);
  lines.erase(lines.begin());
  return lines;
}

}  // namespace

TEST_CASE("generate: the same seed gives byte-identical output, another seed other output", "[generate]") {
  const std::string a = generated(300, 42);
  CHECK(a == generated(300, 42));
  CHECK(a != generated(300, 43));
  CHECK(generated(300, 42, "2020-01-01", "2021-12-31") != a);
}

TEST_CASE("generate: every row is a valid event, in the window, sorted by case then date", "[generate]") {
  const std::string csv = generated(2000, 7);
  const auto lines = data_lines(csv);
  REQUIRE(lines.size() > 2000 * 5);
  constexpr std::size_t columns = 12;  // the header's
  // The duplicates expected (C8): rows equal to an earlier one in everything but the carried
  // columns, by line, with the line of the first; and how many of them differ in the worker.
  std::map<std::string_view, std::size_t> first_line;
  std::map<std::size_t, std::size_t> duplicate_of;
  std::map<std::size_t, std::string_view> worker_of;
  std::size_t rekeyed = 0;
  std::set<std::string_view> legal_on_starts, categories;
  std::size_t unrecorded_starts = 0;

  timescales::EventTable table({"team", "worker"});
  const timescales::Date from = date_of("2019-04-01");
  const timescales::Date to = date_of("2024-03-31");
  std::set<std::string_view> cases;
  std::array<std::size_t, timescales::event_type_count> seen{};
  std::string_view previous_case;
  timescales::Date previous_date;
  bool sorted = true;
  std::size_t line = 1;
  for (const std::string_view text : lines) {
    ++line;
    const auto fields = split(text, ',');
    REQUIRE(fields.size() == columns);
    timescales::RowText row;
    row.case_id = fields[0];
    row.event = fields[1];
    row.date = fields[2];
    // The generated columns: placement_type, seen_alone, at_home, intended_until_18, visit_interval,
    // legal_status, category, in the order of the attributes.
    for (std::size_t a = 0; a < 7; ++a) row.attributes[a] = fields[3 + a];
    const std::array<std::string_view, 2> carried{fields[10], fields[11]};
    table.add_row(line, row, carried);

    const std::string_view content = text.substr(0, text.size() - fields[10].size() - fields[11].size() - 2);
    worker_of[line] = fields[11];
    if (const auto [at, fresh] = first_line.emplace(content, line); !fresh) {
      duplicate_of[line] = at->second;
      if (worker_of[at->second] != fields[11]) ++rekeyed;
    }
    // legal_status only on the starts of being looked after and of placements; category only on
    // care_leaver_category, where it is always given.
    if (fields[1] == "looked_after_start" || fields[1] == "placement_start") {
      if (fields[8].empty()) ++unrecorded_starts;
      else legal_on_starts.insert(fields[8]);
    } else {
      CHECK(fields[8].empty());
    }
    if (fields[1] == "care_leaver_category") categories.insert(fields[9]);
    else CHECK(fields[9].empty());

    const auto date = timescales::parse_date(fields[2]);
    REQUIRE(date);
    CHECK(from <= *date);
    CHECK(*date <= to);
    if (fields[0] == previous_case) {
      if (*date < previous_date) sorted = false;
    } else if (fields[0] < previous_case) {
      sorted = false;
    }
    previous_case = fields[0];
    previous_date = *date;
    cases.insert(fields[0]);
    CHECK(!fields[10].empty());
    CHECK(!fields[11].empty());
    if (const auto type = timescales::event_type_named(fields[1])) ++seen[static_cast<std::size_t>(*type)];
  }
  CHECK(sorted);
  // The only rows rejected are the duplicates, each naming its first (C8); some are re-keyed
  // under another worker, some exact copies.
  std::map<std::size_t, std::size_t> rejected;
  for (const auto& r : table.rejected()) {
    INFO(r.line << " " << r.column << ": " << r.reason);
    CHECK(r.reason.starts_with("duplicate of line "));
    rejected[r.line] = std::stoul(r.reason.substr(std::string_view("duplicate of line ").size()));
  }
  CHECK(rejected == duplicate_of);
  CHECK(rekeyed > 0);
  CHECK(rekeyed < duplicate_of.size());
  CHECK(duplicate_of.size() < lines.size() / 500);  // occasional
  CHECK(table.events().size() == lines.size() - duplicate_of.size());
  // Legal statuses: orders, accommodation, and starts where none was recorded; both categories.
  CHECK(legal_on_starts.contains("accommodated"));
  CHECK(legal_on_starts.contains("interim_care_order"));
  CHECK(legal_on_starts.contains("care_order"));
  CHECK(unrecorded_starts > 0);
  CHECK(categories == std::set<std::string_view>{"1", "2"});
  CHECK(cases.size() == 2000);
  CHECK(*cases.begin() == "C0000001");
  CHECK(*cases.rbegin() == "C0002000");
  // Every event of the vocabulary turns up in a population this size.
  for (std::size_t e = 0; e < timescales::event_type_count; ++e) {
    INFO(timescales::name(static_cast<timescales::EventType>(e)));
    CHECK(seen[e] > 0);
  }
}

TEST_CASE("generate: a short window keeps every date inside it", "[generate]") {
  const std::string csv = generated(500, 3, "2022-02-10", "2022-03-15");
  const timescales::Date from = date_of("2022-02-10");
  const timescales::Date to = date_of("2022-03-15");
  std::set<std::string_view> cases;
  for (const std::string_view text : data_lines(csv)) {
    const auto fields = split(text, ',');
    REQUIRE(fields.size() == 12);
    const auto date = timescales::parse_date(fields[2]);
    REQUIRE(date);
    CHECK(from <= *date);
    CHECK(*date <= to);
    cases.insert(fields[0]);
  }
  CHECK(cases.size() == 500);  // every child has at least a referral
  // A one-day window still works.
  const auto one_day = data_lines(generated(20, 1, "2021-06-01", "2021-06-01"));
  CHECK(one_day.size() >= 20);
}

TEST_CASE("generate: the preconditions are checked", "[generate]") {
  std::ostringstream out;
  CHECK_THROWS_AS(timescales::generate_events({10, 1, date_of("2024-01-02"), date_of("2024-01-01")},
                                              england_and_wales(), out),
                  std::invalid_argument);
  CHECK_THROWS_AS(timescales::generate_events({10, 1, date_of("1980-01-01"), date_of("2024-01-01")},
                                              england_and_wales(), out),
                  std::invalid_argument);
}

TEST_CASE("timescales generate: output, --out and usage errors", "[generate][cli]") {
  if (!have_cli()) return;
  const Run r = both_of("generate --children 50 --seed 9");
  CHECK(r.exit_code == 0);
  CHECK(r.out == generated(50, 9));

  // --out writes the same bytes to a file, and nothing to standard output.
  std::array<char, 32> path{"/tmp/timescales-gen-XXXXXX"};
  const int fd = mkstemp(path.data());
  REQUIRE(fd >= 0);
  close(fd);
  const Run to_file = both_of("generate --children 50 --seed 9 --out " + shell_quoted(path.data()));
  CHECK(to_file.exit_code == 0);
  CHECK(to_file.out.empty());
  const std::string contents = slurp(path.data());
  CHECK(contents == r.out);
  std::remove(path.data());

  const Run usage_children = stderr_of("generate --children 0 --seed 1");
  CHECK(usage_children.exit_code == 2);
  CHECK_THAT(usage_children.out, Catch::Contains("--children"));
  CHECK(stdout_of("generate --children 10000001 --seed 1").exit_code == 2);
  CHECK(stdout_of("generate --children ten --seed 1").exit_code == 2);
  CHECK(stdout_of("generate --children 5 --seed -1").exit_code == 2);
  const Run backwards = both_of("generate --children 5 --seed 1 --from 2024-01-01 --to 2023-01-01");
  CHECK(backwards.exit_code == 2);
  CHECK_THAT(backwards.out, Catch::Contains("after --to"));
  const Run bad_date = both_of("generate --children 5 --seed 1 --from 2023-02-30");
  CHECK(bad_date.exit_code == 2);
  CHECK_THAT(bad_date.out, Catch::Contains("--from"));
  CHECK(stdout_of("generate --children 5 --seed 1 --to 2023-1-1").exit_code == 2);
  CHECK(stdout_of("generate --seed 1").exit_code == 2);
  CHECK(stdout_of("generate --children 5 --seed 1 --out /nonexistent-dir/x.csv").exit_code == 2);
}
