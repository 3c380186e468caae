// Hostile input: the corpus in tests/bad-input. Every file there comes with NAME.expect saying
// what must happen to it:
//   result: accepted | unusable    read (rows may still be rejected), or refused as a whole
//   rows: N / used: N              accepted: rows read, rows used (rows = used + rejected, always)
//   reject: LINE COLUMN            accepted: each rejected row, in order (COLUMN "-": the row as a whole)
//   carried: COLUMN VALUE          accepted: the first row's value of a carried column
//   error: TEXT                    unusable: part of the error message
//   private: TEXT                  never in an error message, a rejection or the tool's stderr
// Each file goes through read_events_csv, the engine and explanations, and through the tool
// (`timescales evaluate FILE`): accepted files exit 0, unusable ones exit 2 with a clear message,
// never a crash or an abort. Add a file and its .expect for every bug found.
#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "cli_support.hpp"
#include "support.hpp"
#include "timescales/engine.hpp"
#include "timescales/event_csv.hpp"
#include "timescales/explain.hpp"
#include "timescales/load.hpp"

namespace {

namespace fs = std::filesystem;
using namespace timescales;
using namespace timescales::testing;  // cli_support.hpp, support.hpp

const fs::path corpus = fs::path(TIMESCALES_SOURCE_DIR) / "tests" / "bad-input";

struct Expect {
  bool accepted = false;
  std::size_t rows = 0;
  std::size_t used = 0;
  std::vector<std::pair<std::size_t, std::string>> rejects;
  std::vector<std::pair<std::string, std::string>> carried;
  std::string error;
  std::vector<std::string> secrets;
};

Expect parse_expect(const fs::path& path) {
  Expect e;
  std::istringstream in(slurp(path));
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const auto colon = line.find(": ");
    REQUIRE(colon != std::string::npos);
    const std::string key = line.substr(0, colon), value = line.substr(colon + 2);
    const auto space = value.find(' ');
    if (key == "result") e.accepted = value == "accepted";
    else if (key == "rows") e.rows = std::stoul(value);
    else if (key == "used") e.used = std::stoul(value);
    else if (key == "reject") e.rejects.emplace_back(std::stoul(value.substr(0, space)), value.substr(space + 1));
    else if (key == "carried") e.carried.emplace_back(value.substr(0, space), value.substr(space + 1));
    else if (key == "error") e.error = value;
    else if (key == "private") e.secrets.push_back(value);
    else FAIL("unknown key in " << path << ": " << key);
  }
  return e;
}

DateRange supported() { return builtin_rulebook().calendars().get("england-and-wales")->get().supported(); }

void check_private(std::string_view text, const Expect& e) {
  for (const std::string& s : e.secrets) {
    INFO("must not appear: " << s);
    CHECK_FALSE(contains(text, s));
  }
}

// Reads, evaluates and explains; checks rows in = used + rejected and the privacy of messages.
void read_evaluate(std::string_view text, const Expect* e = nullptr) {
  const auto table = read_events_csv(text, "input.csv", supported());
  if (!table) {
    CHECK_FALSE(table.error().message.empty());
    if (e != nullptr) check_private(table.error().message, *e);
    return;
  }
  CHECK(table->rows_read() == table->events().size() + table->rejected().size());
  for (const Rejection& r : table->rejected()) {
    CHECK(r.line >= 2);
    CHECK_FALSE(r.reason.empty());
    CHECK(utf8_length(r.case_id) <= max_case_id_length);
    CHECK(r.reason.size() < 400);
    if (e != nullptr) check_private(r.reason + "|" + r.case_id + "|" + r.column, *e);
  }
  const Evaluation evaluation = evaluate(*table, builtin_rulebook());
  for (const Obligation& ob : evaluation.obligations) CHECK_FALSE(explain(ob, *table, evaluation.as_of).empty());
}

}  // namespace

TEST_CASE("bad input: every file of tests/bad-input is read, evaluated and refused as its .expect says", "[bad_input]") {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(corpus)) {
    if (entry.is_regular_file() && entry.path().extension() != ".expect") files.push_back(entry.path());
  }
  std::ranges::sort(files);
  REQUIRE(files.size() >= 20);
  for (const fs::path& file : files) {
    DYNAMIC_SECTION(file.filename().string()) {
      fs::path expect_file = file;
      expect_file.replace_extension(".expect");
      REQUIRE(fs::exists(expect_file));
      const Expect e = parse_expect(expect_file);
      const std::string text = slurp(file);
      const auto table = read_events_csv(text, file.filename().string(), supported());

      if (e.accepted) {
        if (!table) FAIL("refused: " << table.error().message);
        CHECK(table->rows_read() == e.rows);
        CHECK(table->events().size() == e.used);
        CHECK(table->rows_read() == table->events().size() + table->rejected().size());
        std::vector<std::pair<std::size_t, std::string>> got;
        for (const Rejection& r : table->rejected()) got.emplace_back(r.line, r.column.empty() ? "-" : r.column);
        CHECK(got == e.rejects);
        for (const auto& [column, value] : e.carried) {
          const auto& names = table->carried_columns();
          const auto it = std::ranges::find(names, column);
          REQUIRE(it != names.end());
          REQUIRE_FALSE(table->events().empty());
          CHECK(table->carried(static_cast<std::size_t>(it - names.begin()), 0) == value);
        }
      } else {
        REQUIRE_FALSE(table.has_value());
        const std::string& message = table.error().message;
        INFO("message: " << message);
        CHECK(contains(message, e.error));
        CHECK(message.starts_with(file.filename().string()));
        check_private(message, e);
      }
      read_evaluate(text, &e);

      if (!std::string(TIMESCALES_CLI).empty()) {
        const Run run = run_cli("evaluate " + shell_quoted(file.string()));
        INFO("stderr: " << run.err);
        REQUIRE(run.exited);
        for (const std::string_view crash : {"terminate called", "Aborted", "what():", "Sanitizer", "core dumped",
                                             "Assertion"}) {
          CHECK_FALSE(contains(run.err, crash));
        }
        check_private(run.err, e);
        if (e.accepted && e.used == 0) {
          // Read, but nothing could be used: no clean run for a CI gate.
          CHECK(run.exit_code == 2);
          CHECK(contains(run.err, "no row could be used (" + std::to_string(e.rows) + " read, " +
                                      std::to_string(e.rows) + " rejected)"));
        } else if (e.accepted) {
          CHECK(run.exit_code == 0);
          const std::size_t rejected = e.rows - e.used;
          CHECK(contains(run.err, "events: " + std::to_string(e.rows) + " rows read = " + std::to_string(e.used) +
                                      " used + " + std::to_string(rejected) + " rejected"));
        } else {
          CHECK(run.exit_code == 2);
          CHECK(run.err.starts_with("timescales evaluate: "));
          CHECK(contains(run.err, e.error));
        }
      }
    }
  }
}

TEST_CASE("bad input: every prefix of quoted CRLF input is read or refused, never crashes", "[bad_input]") {
  // Files cut short anywhere (a transfer interrupted): inside a quote, a CRLF, a BOM, a character.
  for (const char* name : {"bom-crlf-quoted.csv", "quoted-newlines.csv", "latin1.csv"}) {
    const std::string text = slurp(corpus / name);
    for (std::size_t n = 0; n <= text.size(); ++n) read_evaluate(std::string_view(text).substr(0, n));
  }
}

TEST_CASE("bad input: huge fields, rows and headers are handled in proportion", "[bad_input]") {
  const std::string header = "case_id,event,date,notes\n";
  SECTION("a 4 MB case id is rejected, quoted as 64 characters") {
    const std::string text = header + std::string(4'000'000, 'x') + ",referral,2021-03-01,\nC1,referral,2021-03-01,\n";
    const auto table = read_events_csv(text, "huge.csv", supported());
    REQUIRE(table.has_value());
    REQUIRE(table->rejected().size() == 1);
    CHECK(table->rejected()[0].line == 2);
    CHECK(table->rejected()[0].column == "case_id");
    CHECK(table->rejected()[0].case_id.size() == 64);
    CHECK(table->events().size() == 1);
  }
  SECTION("a 4 MB unknown event is quoted as a short excerpt") {
    const std::string text = header + "C1," + std::string(4'000'000, 'e') + ",2021-03-01,\n";
    const auto table = read_events_csv(text, "huge.csv", supported());
    REQUIRE(table.has_value());
    REQUIRE(table->rejected().size() == 1);
    CHECK(table->rejected()[0].reason.size() < 100);
  }
  SECTION("a 4 MB quoted note spanning 100,000 lines is carried whole, and the next row keeps its line") {
    std::string note;
    for (int i = 0; i < 100'000; ++i) note += "line of a long note, with a comma\n";
    const std::string text = header + "C1,referral,2021-03-01,\"" + note + "\"\nC1,bad_event,2021-03-02,\n";
    const auto table = read_events_csv(text, "huge.csv", supported());
    REQUIRE(table.has_value());
    CHECK(table->carried(0, 0) == note);
    REQUIRE(table->rejected().size() == 1);
    CHECK(table->rejected()[0].line == 100'003);
  }
  SECTION("a header of 50,000 columns, and rows of the wrong width") {
    std::string wide = "case_id,event,date";
    for (int i = 0; i < 50'000; ++i) wide += ",c" + std::to_string(i);
    const std::string text = wide + "\nC1,referral,2021-03-01\n";
    const auto table = read_events_csv(text, "wide.csv", supported());
    REQUIRE(table.has_value());
    CHECK(table->rows_read() == 1);
    CHECK(table->rejected().size() == 1);
  }
  SECTION("100,000 bad rows are each rejected and counted") {
    std::string text = header;
    for (int i = 0; i < 100'000; ++i) text += "C" + std::to_string(i) + ",referral,2021-02-30,\n";
    const auto table = read_events_csv(text, "bad.csv", supported());
    REQUIRE(table.has_value());
    CHECK(table->rows_read() == 100'000);
    CHECK(table->rejected().size() == 100'000);
    CHECK(table->rejected().back().line == 100'001);
  }
}
