// EventTable::add_rows: rows given as coded columns (a DataFrame's, from the Python bindings) must
// give the same table as the same rows given one by one to add_row: the same events, the same
// rejections with the same reasons, the same children and carried values.
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "support.hpp"
#include "timescales/event.hpp"

namespace {

using namespace timescales;
using timescales::testing::date_of;

// One input row as text; nullopt stands for a missing value (NaN/None in a DataFrame).
using Cell = std::optional<std::string>;
struct Row {
  Cell case_id, event, date;
  std::array<Cell, attribute_count> attributes{};
  std::vector<Cell> carried{};
};

// A column coded as pandas.factorize would, except that every text gets two codes (alternating
// rows): make_events must never assume one code per text, since values that differ only in
// surrounding blanks, or the number 1 and the text "1", are coded apart but read alike.
struct Coded {
  std::vector<std::int64_t> codes;
  std::vector<std::string> values;
  std::vector<std::string_view> texts;

  explicit Coded(const std::vector<Cell>& cells) {
    std::map<std::pair<std::string, bool>, std::int64_t> seen;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (!cells[i]) {
        codes.push_back(-1);
        continue;
      }
      const auto [it, added] = seen.try_emplace({*cells[i], i % 2 == 1}, static_cast<std::int64_t>(values.size()));
      if (added) values.push_back(*cells[i]);
      codes.push_back(it->second);
    }
    texts.assign(values.begin(), values.end());
  }
  [[nodiscard]] CodedColumn column() const { return {codes, texts}; }
};

struct Tables {
  EventTable by_row;
  EventTable coded;
};

// The same rows into two tables, through add_row and through add_rows (lines from 10).
Tables both(const std::vector<Row>& rows, const std::vector<std::string>& carried_names = {}, bool with_attributes = true) {
  const DateRange valid{days_from_civil({1990, 1, 1}), days_from_civil({2060, 12, 31})};
  Tables t{EventTable(carried_names, valid), EventTable(carried_names, valid)};
  const auto text = [](const Cell& c) { return c ? std::string_view(*c) : std::string_view{}; };
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Row& r = rows[i];
    RowText row{text(r.case_id), text(r.event), text(r.date), {}};
    if (with_attributes) {
      for (std::size_t a = 0; a < attribute_count; ++a) row.attributes[a] = text(r.attributes[a]);
    }
    std::vector<std::string_view> carried;
    for (const Cell& c : r.carried) carried.push_back(text(c));
    t.by_row.add_row(10 + i, row, carried);
  }

  const auto column_of = [&](auto cell_of) {
    std::vector<Cell> cells;
    for (const Row& r : rows) cells.push_back(cell_of(r));
    return Coded(cells);
  };
  const Coded ids = column_of([](const Row& r) { return r.case_id; });
  const Coded events = column_of([](const Row& r) { return r.event; });
  const Coded dates = column_of([](const Row& r) { return r.date; });
  std::vector<Coded> attributes;
  for (std::size_t a = 0; a < attribute_count; ++a) {
    attributes.push_back(column_of([a](const Row& r) { return r.attributes[a]; }));
  }
  std::vector<Coded> carried;
  for (std::size_t c = 0; c < carried_names.size(); ++c) {
    carried.push_back(column_of([c](const Row& r) { return c < r.carried.size() ? r.carried[c] : Cell{}; }));
  }
  CodedRows in{rows.size(), 10, ids.column(), events.column(), dates.column(), {}, {}};
  if (with_attributes) {
    for (std::size_t a = 0; a < attribute_count; ++a) in.attributes[a] = attributes[a].column();
  }
  for (const Coded& c : carried) in.carried.push_back(c.column());
  t.coded.add_rows(in);
  return t;
}

void check_same(const EventTable& a, const EventTable& b) {
  REQUIRE(a.rows_read() == b.rows_read());
  CHECK(a.case_ids() == b.case_ids());
  CHECK(a.latest_date() == b.latest_date());
  CHECK(a.cases_together() == b.cases_together());
  REQUIRE(a.events().size() == b.events().size());
  for (std::size_t i = 0; i < a.events().size(); ++i) {
    const Event& x = a.events()[i];
    const Event& y = b.events()[i];
    INFO("event " << i << " from line " << a.line(x.row));
    CHECK(x.case_index == y.case_index);
    CHECK(x.row == y.row);
    CHECK(a.line(x.row) == b.line(y.row));
    CHECK(x.date == y.date);
    CHECK(x.type == y.type);
    CHECK(x.placement_type == y.placement_type);
    CHECK(x.seen_alone == y.seen_alone);
    CHECK(x.at_home == y.at_home);
    CHECK(x.intended_until_18 == y.intended_until_18);
    CHECK(x.visit_interval == y.visit_interval);
    for (std::size_t c = 0; c < a.carried_columns().size(); ++c) CHECK(a.carried(c, x.row) == b.carried(c, y.row));
  }
  REQUIRE(a.rejected().size() == b.rejected().size());
  for (std::size_t i = 0; i < a.rejected().size(); ++i) {
    const Rejection& x = a.rejected()[i];
    const Rejection& y = b.rejected()[i];
    INFO("rejection " << i << " at line " << x.line << ": " << x.column << ": " << x.reason);
    CHECK(x.line == y.line);
    CHECK(x.case_id == y.case_id);
    CHECK(x.column == y.column);
    CHECK(x.reason == y.reason);
  }
}

Row row(Cell id, Cell event, Cell date) { return Row{std::move(id), std::move(event), std::move(date)}; }

Row with(Row r, Attribute a, Cell value) {
  r.attributes[static_cast<std::size_t>(a)] = std::move(value);
  return r;
}

}  // namespace

TEST_CASE("Coded rows: every kind of bad value is rejected as add_row rejects it, in the same column order",
          "[event_table]") {
  const std::string long_id(65, 'x');
  const std::vector<Row> rows = {
      row("C1", "referral", "2021-03-01"),                                        // 10 good
      row("C1", "home_visit", "2021-03-01"),                                      // 11 unknown event
      row("C1", std::nullopt, "2021-03-01"),                                      // 12 missing event
      row("C1", "referral", "2019-02-29"),                                        // 13 impossible date
      row("C1", "referral", std::nullopt),                                        // 14 missing date
      row("C1", "referral", "1989-12-31"),                                        // 15 out of range
      row(std::nullopt, "referral", "2021-03-01"),                                // 16 missing case id
      row(long_id, "referral", "2021-03-01"),                                     // 17 too long
      row(std::nullopt, "home_visit", "garbage"),                                 // 18 case id checked first
      row("C1", "home_visit", "garbage"),                                         // 19 then the event
      with(row("C1", "cp_visit", "garbage"), Attribute::seen_alone, "maybe"),     // 20 then the date
      with(with(row("C2", "cp_visit", "2021-03-04"), Attribute::seen_alone, "yes"), Attribute::at_home, "no"),  // 21 good
      with(with(row("C2", "cp_visit", "2021-03-05"), Attribute::placement_type, "foster"), Attribute::seen_alone,
           "maybe"),                                                               // 22 placement_type before seen_alone
      with(row("C2", "lac_review", "2021-03-06"), Attribute::visit_interval, "6 fortnights"),  // 23
      with(with(row("C3", "placement_start", "2021-03-07"), Attribute::placement_type, "short_breaks"),
           Attribute::intended_until_18, "Y"),                                     // 24 good
      with(row("C3", "referral", "2021-03-08"), Attribute::placement_type, "foster"),  // 25 checked on any event
      with(row("C3", "referral", "2021-03-09"), Attribute::seen_alone, "true"),   // 26 good: ignored on a referral
      with(row("C4", "lac_review", "2021-03-10"), Attribute::visit_interval, "3 months"),  // 27 good
  };
  const Tables t = both(rows);
  check_same(t.by_row, t.coded);

  // And what that is, worked out from docs/formats.md rather than taken from add_row.
  const EventTable& table = t.coded;
  CHECK(table.rows_read() == rows.size());
  CHECK(table.events().size() == 5);  // lines 10, 21, 24, 26 and 27
  const std::vector<std::pair<std::size_t, std::string>> rejected = {
      {11, "event"}, {12, "event"}, {13, "date"}, {14, "date"}, {15, "date"}, {16, "case_id"},
      {17, "case_id"}, {18, "case_id"}, {19, "event"}, {20, "date"}, {22, "placement_type"},
      {23, "visit_interval"}, {25, "placement_type"}};
  REQUIRE(table.rejected().size() == rejected.size());
  for (std::size_t i = 0; i < rejected.size(); ++i) {
    CHECK(table.rejected()[i].line == rejected[i].first);
    CHECK(table.rejected()[i].column == rejected[i].second);
  }
  CHECK(table.rejected()[5].reason == "empty case id");
  CHECK(table.rejected()[6].reason == "case id longer than 64 characters");
  CHECK(table.rejected()[6].case_id == std::string(64, 'x'));  // a prefix, as add_row keeps
  CHECK(table.rejected()[0].reason == "unknown event 'home_visit'");
}

TEST_CASE("Coded rows: the good rows, their children, latest date and carried values", "[event_table]") {
  std::vector<Row> rows = {
      row("C2", "referral", "2021-03-01"),
      row("C9", "not_an_event", "2021-03-02"),  // C9's only row is rejected: C9 is no child of the table
      row("C2", "referral_decision", "2021-02-26"),
      with(with(row("C1", "cp_visit", "2021-04-01"), Attribute::seen_alone, "no"), Attribute::at_home, "1"),
      with(row("C1", "lac_review", "2021-05-01"), Attribute::intended_until_18, "false"),
  };
  rows[0].carried = {"North", "Ann"};
  rows[2].carried = {"North", std::nullopt};
  rows[3].carried = {std::nullopt, "Bob"};
  rows[4].carried = {"South", "Bob"};
  const Tables t = both(rows, {"team", "worker"});
  check_same(t.by_row, t.coded);

  const EventTable& table = t.coded;
  CHECK(table.case_ids() == std::vector<std::string>{"C2", "C1"});
  CHECK(table.latest_date() == date_of("2021-05-01"));
  CHECK(table.cases_together());
  REQUIRE(table.events().size() == 4);
  CHECK(table.line(table.events()[1].row) == 12);
  const Event& visit = table.events()[2];
  CHECK(visit.type == EventType::cp_visit);
  CHECK_FALSE(visit.seen_alone);
  CHECK(visit.at_home);
  CHECK(table.events()[3].intended_until_18 == std::optional<bool>(false));
  CHECK(table.carried(0, table.events()[1].row) == "North");
  CHECK(table.carried(1, table.events()[1].row).empty());  // missing: empty text
  CHECK(table.carried(0, table.events()[2].row).empty());
  CHECK(table.carried(1, table.events()[3].row) == "Bob");
}

TEST_CASE("Coded rows: a child met again after another child clears cases_together", "[event_table]") {
  const Tables t = both({row("C1", "referral", "2021-01-04"), row("C2", "referral", "2021-01-05"),
                         row("C1", "case_closed", "2021-02-01")});
  check_same(t.by_row, t.coded);
  CHECK_FALSE(t.coded.cases_together());
}

TEST_CASE("Coded rows: no attribute columns, and no rows at all", "[event_table]") {
  const Tables some = both({row("C1", "cp_visit", "2021-01-04"), row("C1", "lac_review", "2021-01-05")}, {}, false);
  check_same(some.by_row, some.coded);
  CHECK(some.coded.events().size() == 2);
  const Tables none = both({});
  check_same(none.by_row, none.coded);
  CHECK(none.coded.rows_read() == 0);
  CHECK_FALSE(none.coded.latest_date().has_value());
}

TEST_CASE("Coded rows: random rows of good and bad values give the same table as add_row", "[event_table]") {
  const std::vector<Cell> ids = {"C1", "C2", "C3", " C4", "", std::nullopt, std::string(65, 'z'), "C\xC3\xA9"};
  const std::vector<Cell> events = {"referral", "cp_visit", "placement_start", "lac_review", "case_closed",
                                    "Referral", std::nullopt, ""};
  const std::vector<Cell> dates = {"2021-01-04", "2021-01-05", "2024-02-29", "2023-02-29", "1989-12-31",
                                   "2061-01-01", "04/01/2021", std::nullopt};
  const std::vector<Cell> booleans = {std::nullopt, std::nullopt, "true", "no", "Y", "0", "maybe", ""};
  const std::vector<Cell> placements = {std::nullopt, "standard", "short_breaks", "foster", ""};
  const std::vector<Cell> periods = {std::nullopt, "4 weeks", "3 months", "10 working days", "6 fortnights", "0 weeks"};
  const std::vector<Cell> teams = {std::nullopt, "North", "South", ""};
  for (const unsigned seed : {1u, 2u, 3u, 4u, 5u}) {
    std::mt19937 rng(seed);
    const auto pick = [&](const std::vector<Cell>& from) { return from[rng() % from.size()]; };
    std::vector<Row> rows;
    for (int i = 0; i < 400; ++i) {
      Row r = row(pick(ids), pick(events), pick(dates));
      r.attributes[static_cast<std::size_t>(Attribute::placement_type)] = pick(placements);
      r.attributes[static_cast<std::size_t>(Attribute::seen_alone)] = pick(booleans);
      r.attributes[static_cast<std::size_t>(Attribute::at_home)] = pick(booleans);
      r.attributes[static_cast<std::size_t>(Attribute::intended_until_18)] = pick(booleans);
      r.attributes[static_cast<std::size_t>(Attribute::visit_interval)] = pick(periods);
      r.carried = {pick(teams)};
      rows.push_back(r);
    }
    INFO("seed " << seed);
    const Tables t = both(rows, {"team"});
    check_same(t.by_row, t.coded);
    CHECK(t.coded.events().size() > 0);     // the pools give both kinds
    CHECK(t.coded.rejected().size() > 0);
  }
}
