#include <catch2/catch.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "timescales/csv.hpp"

namespace {

using timescales::csv::FileError;
using timescales::csv::Reader;
using timescales::csv::Record;

struct Row {
  std::size_t line;
  std::vector<std::string> fields;
  friend bool operator==(const Row&, const Row&) = default;
};

struct Parsed {
  std::vector<Row> rows;
  std::optional<FileError> error;
};

// Reads the whole text, copying each record (views do not outlive the next call).
Parsed parse(std::string_view text) {
  Parsed parsed;
  Reader reader(text);
  Record record;
  for (;;) {
    auto more = reader.next(record);
    if (!more) {
      parsed.error = more.error();
      return parsed;
    }
    if (!*more) return parsed;
    parsed.rows.push_back({record.line, {record.fields.begin(), record.fields.end()}});
  }
}

std::vector<Row> rows_of(std::string_view text) {
  Parsed parsed = parse(text);
  INFO("unexpected error: " << (parsed.error ? parsed.error->message : std::string()));
  REQUIRE_FALSE(parsed.error.has_value());
  return parsed.rows;
}

FileError error_of(std::string_view text) {
  Parsed parsed = parse(text);
  REQUIRE(parsed.error.has_value());
  return *parsed.error;
}

bool is_view_into(std::string_view field, std::string_view text) {
  return field.data() >= text.data() && field.data() + field.size() <= text.data() + text.size();
}

}  // namespace

TEST_CASE("csv: simple records", "[csv]") {
  CHECK(rows_of("case_id,event,date\nC1,referral,2024-01-02\nC2,cp_visit,2024-02-03\n") ==
        std::vector<Row>{{1, {"case_id", "event", "date"}},
                         {2, {"C1", "referral", "2024-01-02"}},
                         {3, {"C2", "cp_visit", "2024-02-03"}}});
}

TEST_CASE("csv: unquoted fields are views into the input", "[csv]") {
  const std::string_view text = "a,\"b\",c\n";
  Reader reader(text);
  Record record;
  REQUIRE(reader.next(record) == true);
  REQUIRE(record.fields.size() == 3);
  for (const auto field : record.fields) CHECK(is_view_into(field, text));
  CHECK(record.fields[1] == "b");
  CHECK(reader.next(record) == false);
  CHECK(reader.next(record) == false);  // and stays at the end
}

TEST_CASE("csv: any number of columns", "[csv]") {
  CHECK(rows_of("a\nb,c\nd,e,f,g,h\n\"\"\n") == std::vector<Row>{{1, {"a"}},
                                                                  {2, {"b", "c"}},
                                                                  {3, {"d", "e", "f", "g", "h"}},
                                                                  {4, {""}}});
}

TEST_CASE("csv: a byte-order mark at the start is skipped", "[csv]") {
  CHECK(rows_of("\xEF\xBB\xBF" "case_id,event\nC1,referral\n") ==
        std::vector<Row>{{1, {"case_id", "event"}}, {2, {"C1", "referral"}}});
  CHECK(rows_of("\xEF\xBB\xBF").empty());
  // Only at the very start: elsewhere it is an ordinary (valid) character, U+FEFF.
  CHECK(rows_of("a\n\xEF\xBB\xBF" "b\n") == std::vector<Row>{{1, {"a"}}, {2, {"\xEF\xBB\xBF" "b"}}});
}

TEST_CASE("csv: CRLF line endings", "[csv]") {
  CHECK(rows_of("a,b\r\nc,d\r\n") == std::vector<Row>{{1, {"a", "b"}}, {2, {"c", "d"}}});
  CHECK(rows_of("a,\r\n,d\r\n") == std::vector<Row>{{1, {"a", ""}}, {2, {"", "d"}}});
}

TEST_CASE("csv: mixed LF, CRLF and lone CR line endings", "[csv]") {
  CHECK(rows_of("a,b\nc,d\r\ne,f\rg,h\r\n") ==
        std::vector<Row>{{1, {"a", "b"}}, {2, {"c", "d"}}, {3, {"e", "f"}}, {4, {"g", "h"}}});
}

TEST_CASE("csv: a quoted field may hold commas", "[csv]") {
  CHECK(rows_of("name,team\n\"Jones, Mary\",\"North, West\"\n") ==
        std::vector<Row>{{1, {"name", "team"}}, {2, {"Jones, Mary", "North, West"}}});
  CHECK(rows_of("\",\",\",,\"\n") == std::vector<Row>{{1, {",", ",,"}}});
}

TEST_CASE("csv: a quoted field may hold newlines, counted for the records after it", "[csv]") {
  CHECK(rows_of("id,note\n"
                "C1,\"first line\nsecond line\nthird line\"\n"
                "C2,plain\n"
                "C3,\"crlf\r\ninside\"\r\n"
                "C4,\"lone\rcr\"\n"
                "C5,end\n") == std::vector<Row>{{1, {"id", "note"}},
                                                {2, {"C1", "first line\nsecond line\nthird line"}},
                                                {5, {"C2", "plain"}},
                                                {6, {"C3", "crlf\r\ninside"}},
                                                {8, {"C4", "lone\rcr"}},
                                                {10, {"C5", "end"}}});
  CHECK(rows_of("\"\n\n\",x\ny\n") == std::vector<Row>{{1, {"\n\n", "x"}}, {4, {"y"}}});
}

TEST_CASE("csv: doubled quotes stand for one quote", "[csv]") {
  CHECK(rows_of("\"say \"\"hello\"\"\",\"\"\"\",\"\"\"\"\"\"\n") ==
        std::vector<Row>{{1, {"say \"hello\"", "\"", "\"\""}}});
  CHECK(rows_of("\"a\"\"b\nc\"\"\",d\n") == std::vector<Row>{{1, {"a\"b\nc\"", "d"}}});
}

TEST_CASE("csv: lenient with stray quotes", "[csv]") {
  // A quote inside an unquoted field is an ordinary character.
  CHECK(rows_of("a\"b,c\"\n") == std::vector<Row>{{1, {"a\"b", "c\""}}});
  // Text after a closing quote is appended to the field.
  CHECK(rows_of("\"a\"b,\"c\" ,\"d\"\"\"e\"f\n") == std::vector<Row>{{1, {"ab", "c ", "d\"e\"f"}}});
}

TEST_CASE("csv: empty fields, and a trailing comma gives an empty last field", "[csv]") {
  CHECK(rows_of(",,\na,,b\n,\na,\n\"\",\"\"\n") == std::vector<Row>{{1, {"", "", ""}},
                                                                    {2, {"a", "", "b"}},
                                                                    {3, {"", ""}},
                                                                    {4, {"a", ""}},
                                                                    {5, {"", ""}}});
  CHECK(rows_of("a,") == std::vector<Row>{{1, {"a", ""}}});
}

TEST_CASE("csv: the final line needs no newline", "[csv]") {
  CHECK(rows_of("a,b\nc,d") == std::vector<Row>{{1, {"a", "b"}}, {2, {"c", "d"}}});
  CHECK(rows_of("a,b\n\"c\nd\"") == std::vector<Row>{{1, {"a", "b"}}, {2, {"c\nd"}}});
  CHECK(rows_of("x") == std::vector<Row>{{1, {"x"}}});
  CHECK(rows_of("").empty());
}

TEST_CASE("csv: blank lines are skipped, line numbers kept", "[csv]") {
  CHECK(rows_of("\n\nh1,h2\n\na,b\r\n\r\n\r\nc,d\n\n") ==
        std::vector<Row>{{3, {"h1", "h2"}}, {5, {"a", "b"}}, {8, {"c", "d"}}});
  CHECK(rows_of("\n\n\n").empty());
  // A line of spaces is not blank: it is a record with one field.
  CHECK(rows_of("a\n  \nb\n") == std::vector<Row>{{1, {"a"}}, {2, {"  "}}, {3, {"b"}}});
}

TEST_CASE("csv: an unterminated quoted field is a file error, at the line where it starts", "[csv]") {
  CHECK(error_of("id,note\nC1,ok\nC2,\"never closed\nmore\nand more\n") ==
        FileError{3, "unterminated quoted field starting on line 3"});
  CHECK(error_of("\"") == FileError{1, "unterminated quoted field starting on line 1"});
  CHECK(error_of("a\n\n\"b\"\"") == FileError{3, "unterminated quoted field starting on line 3"});

  // The records before the problem were returned; after it, the error sticks.
  const Parsed parsed = parse("a\n\"b\n");
  CHECK(parsed.rows == std::vector<Row>{{1, {"a"}}});
  Reader reader("\"");
  Record record;
  CHECK_FALSE(reader.next(record).has_value());
  const auto again = reader.next(record);
  REQUIRE_FALSE(again.has_value());
  CHECK(again.error().line == 1);
}

TEST_CASE("csv: a NUL byte is a file error", "[csv]") {
  using namespace std::string_view_literals;
  CHECK(error_of("a,b\nc,\0d\n"sv) == FileError{2, "binary data: NUL byte on line 2; not a text file"});
  CHECK(error_of("\0"sv) == FileError{1, "binary data: NUL byte on line 1; not a text file"});
  CHECK(error_of("a\n\"x\ny\0\"\n"sv) == FileError{3, "binary data: NUL byte on line 3; not a text file"});
  CHECK(error_of("\"x\"\0\n"sv) == FileError{1, "binary data: NUL byte on line 1; not a text file"});
}

TEST_CASE("csv: invalid UTF-8 is a file error, and valid multibyte text is accepted", "[csv]") {
  CHECK(rows_of("holiday,date\nGŵyl San Steffan,2024-12-26\n\"Dydd Llun y Pasg, ŵ ŷ\",x\n") ==
        std::vector<Row>{{1, {"holiday", "date"}},
                         {2, {"Gŵyl San Steffan", "2024-12-26"}},
                         {3, {"Dydd Llun y Pasg, ŵ ŷ", "x"}}});
  // The edges of each sequence length: U+0080, U+07FF, U+0800, U+D7FF, U+E000, U+FFFF, U+10000,
  // U+10FFFF.
  const std::string edges = "\xC2\x80,\xDF\xBF,\xE0\xA0\x80,\xED\x9F\xBF,\xEE\x80\x80,\xEF\xBF\xBF,"
                            "\xF0\x90\x80\x80,\xF4\x8F\xBF\xBF\n";
  CHECK(rows_of(edges) == std::vector<Row>{{1,
                                            {"\xC2\x80", "\xDF\xBF", "\xE0\xA0\x80", "\xED\x9F\xBF",
                                             "\xEE\x80\x80", "\xEF\xBF\xBF", "\xF0\x90\x80\x80",
                                             "\xF4\x8F\xBF\xBF"}}});

  const FileError bad_on_2{2, "not UTF-8: invalid byte sequence on line 2"};
  CHECK(error_of("a\nLatin-1 caf\xE9\n") == bad_on_2);                // ISO-8859-1 é
  CHECK(error_of("a\n\x80\n") == bad_on_2);                           // stray continuation byte
  CHECK(error_of("a\n\xC0\xAF\n") == bad_on_2);                       // overlong '/'
  CHECK(error_of("a\n\xC1\xBF\n") == bad_on_2);                       // overlong
  CHECK(error_of("a\n\xE0\x80\xAF\n") == bad_on_2);                   // overlong, 3 bytes
  CHECK(error_of("a\n\xF0\x80\x80\xAF\n") == bad_on_2);               // overlong, 4 bytes
  CHECK(error_of("a\n\xED\xA0\x80\n") == bad_on_2);                   // surrogate U+D800
  CHECK(error_of("a\n\xED\xBF\xBF\n") == bad_on_2);                   // surrogate U+DFFF
  CHECK(error_of("a\n\xF4\x90\x80\x80\n") == bad_on_2);               // U+110000
  CHECK(error_of("a\n\xF5\x80\x80\x80\n") == bad_on_2);               // F5 lead byte
  CHECK(error_of("a\n\xFF\n") == bad_on_2);                           // FF
  CHECK(error_of("a\nG\xC5,\n") == bad_on_2);                         // cut short by a comma
  CHECK(error_of("a\n\xE2\x82\n") == bad_on_2);                       // cut short by a newline
  CHECK(error_of("a\n\xE2\x82") == bad_on_2);                         // cut short by the end
  CHECK(error_of("a\n\xF0\x9F\x98") == bad_on_2);                     // cut short by the end
  CHECK(error_of("a\n\"quoted \xC3\"\n") == bad_on_2);                // inside quotes
  CHECK(error_of("a\n\"x\"\xC3\n") == bad_on_2);                      // after a closing quote
  CHECK(error_of("a\n\"x\n\xC3\"\n") == FileError{3, "not UTF-8: invalid byte sequence on line 3"});
  CHECK(error_of("\xEF\xBB") == FileError{1, "not UTF-8: invalid byte sequence on line 1"});  // half a BOM
}

TEST_CASE("csv: a record with 10,000 fields", "[csv]") {
  std::string plain;
  std::string escaped;
  for (int i = 0; i < 10'000; ++i) {
    if (i > 0) {
      plain += ',';
      escaped += ',';
    }
    plain += std::to_string(i);
    escaped += "\"q\"\"" + std::to_string(i) + "\"";  // "q""7" is q"7: held in the reader's scratch
  }
  const std::string text = plain + "\n" + escaped + "\nend\n";
  Reader reader(text);
  Record record;

  REQUIRE(reader.next(record) == true);
  CHECK(record.line == 1);
  REQUIRE(record.fields.size() == 10'000);
  CHECK(record.fields[0] == "0");
  CHECK(record.fields[4'321] == "4321");
  CHECK(record.fields[9'999] == "9999");

  // Every field unescaped into scratch storage: the early views must survive its growth.
  REQUIRE(reader.next(record) == true);
  CHECK(record.line == 2);
  REQUIRE(record.fields.size() == 10'000);
  CHECK(record.fields[0] == "q\"0");
  CHECK(record.fields[1] == "q\"1");
  CHECK(record.fields[4'321] == "q\"4321");
  CHECK(record.fields[9'999] == "q\"9999");
  std::size_t good = 0;
  for (std::size_t i = 0; i < record.fields.size(); ++i) good += record.fields[i] == "q\"" + std::to_string(i);
  CHECK(good == 10'000);

  REQUIRE(reader.next(record) == true);
  CHECK(record.line == 3);
  CHECK(record.fields == std::vector<std::string_view>{"end"});
  CHECK(reader.next(record) == false);
}

TEST_CASE("csv: a large generated input", "[csv]") {
  // A header, then 100,000 records; every tenth (0, 10, 20, ...) has a note over two lines.
  std::string text = "case_id,event,date,note\n";
  for (int i = 0; i < 100'000; ++i) {
    text += "C" + std::to_string(i) + ",cp_visit,2024-01-01,";
    text += i % 10 == 0 ? "\"seen, \"\"alone\"\"\nat home\"\n" : "plain\n";
  }
  Reader reader(text);
  Record record;
  REQUIRE(reader.next(record) == true);
  CHECK(record.line == 1);

  std::size_t records = 0;
  std::size_t fields = 0;
  std::size_t multiline_notes = 0;
  std::size_t wrong_lines = 0;
  std::size_t last_line = 0;
  std::string last_id;
  for (;;) {
    auto more = reader.next(record);
    REQUIRE(more.has_value());
    if (!*more) break;
    // Record i starts on line 2 + i + (how many records before it took two lines).
    const std::size_t i = records;
    if (record.line != 2 + i + (i + 9) / 10) ++wrong_lines;
    ++records;
    fields += record.fields.size();
    if (record.fields.size() == 4 && record.fields[3] == "seen, \"alone\"\nat home") ++multiline_notes;
    last_line = record.line;
    last_id = std::string(record.fields[0]);
  }
  CHECK(records == 100'000);
  CHECK(fields == 400'000);
  CHECK(multiline_notes == 10'000);
  CHECK(wrong_lines == 0);
  CHECK(last_line == 110'001);  // 2 + 99,999 + 10,000 two-line records before it
  CHECK(last_id == "C99999");
}

// The reader scans plain text eight bytes at a time: the cases below put each kind of byte at
// every offset within (and across) those words, and end the text at every length. The expected
// records follow from the rules in csv.hpp, not from the reader.

TEST_CASE("csv: a comma, a line ending or a quote at every offset in a word", "[csv]") {
  for (std::size_t k = 0; k <= 17; ++k) {
    const std::string a(k, 'a');
    INFO("offset " << k);
    CHECK(rows_of(a + ",bcdefghijklmnop\n") == std::vector<Row>{{1, {a, "bcdefghijklmnop"}}});
    CHECK(rows_of("x" + a + "\nbcdefghijklmnop\n") ==
          std::vector<Row>{{1, {"x" + a}}, {2, {"bcdefghijklmnop"}}});
    CHECK(rows_of("x," + a + "\r\nbcdefghijklmnop\r\n") ==
          std::vector<Row>{{1, {"x", a}}, {2, {"bcdefghijklmnop"}}});
    CHECK(rows_of("x" + a + "\rbcdefghijklmnop\r") ==
          std::vector<Row>{{1, {"x" + a}}, {2, {"bcdefghijklmnop"}}});
    // A quoted field starting after the comma, then plain fields again.
    CHECK(rows_of(a + ",\"q,\"\"r\"\"\nq\",bcdefghijklmnop,s\nt\n") ==
          std::vector<Row>{{1, {a, "q,\"r\"\nq", "bcdefghijklmnop", "s"}}, {3, {"t"}}});
    // A quote inside an unquoted field is ordinary.
    CHECK(rows_of("x" + a + "\"b,cdefghijklmnop\n") ==
          std::vector<Row>{{1, {"x" + a + "\"b", "cdefghijklmnop"}}});
    // A tab, like any control byte other than CR and LF, is ordinary text.
    CHECK(rows_of(a + "\tb,cdefghijklmnop\n") ==
          std::vector<Row>{{1, {a + "\tb", "cdefghijklmnop"}}});
    // In a quoted field: the closing quote, a doubled quote, newlines.
    CHECK(rows_of("\"" + a + "\",bcdefghijklmnop\n") ==
          std::vector<Row>{{1, {a, "bcdefghijklmnop"}}});
    CHECK(rows_of("\"" + a + "\"\"bcdefghijklmnop\"\n") ==
          std::vector<Row>{{1, {a + "\"bcdefghijklmnop"}}});
    CHECK(rows_of("\"" + a + "\r\nb\rc\nd,efghijklmnop\"\nz\n") ==
          std::vector<Row>{{1, {a + "\r\nb\rc\nd,efghijklmnop"}}, {5, {"z"}}});
  }
}

TEST_CASE("csv: runs of empty fields, and records of many short fields", "[csv]") {
  CHECK(rows_of(",,,,,,,,,,,,,,,,,,,\n") ==
        std::vector<Row>{{1, std::vector<std::string>(20, "")}});  // 19 commas, 20 fields
  CHECK(rows_of("a,,,,,,,,b\n,,,,,,,,,,,c\n,\n") ==
        std::vector<Row>{{1, {"a", "", "", "", "", "", "", "", "b"}},
                         {2, {"", "", "", "", "", "", "", "", "", "", "", "c"}},
                         {3, {"", ""}}});
  CHECK(rows_of("a,b,c,d,e,f,g,h,i,j,k,l\nm,n,o,p\r\nq,r\rs\n") ==
        std::vector<Row>{{1, {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"}},
                         {2, {"m", "n", "o", "p"}},
                         {3, {"q", "r"}},
                         {4, {"s"}}});
  CHECK(rows_of("C0000001,referral,2019-06-21,,,,,,East,W017\n"
                "C0000001,case_closed,2019-06-27,,,,,,East,W017\n") ==
        std::vector<Row>{
            {1, {"C0000001", "referral", "2019-06-21", "", "", "", "", "", "East", "W017"}},
            {2, {"C0000001", "case_closed", "2019-06-27", "", "", "", "", "", "East", "W017"}}});
}

TEST_CASE("csv: the text may end at any length, with or without a line ending", "[csv]") {
  for (std::size_t n = 0; n <= 20; ++n) {
    const std::string b(n, 'b');
    INFO("length of the last field " << n);
    CHECK(rows_of("a," + b) == std::vector<Row>{{1, {"a", b}}});
    CHECK(rows_of("a," + b + "\n") == std::vector<Row>{{1, {"a", b}}});
    CHECK(rows_of("a," + b + "\r") == std::vector<Row>{{1, {"a", b}}});
    CHECK(rows_of(b + ",") == std::vector<Row>{{1, {b, ""}}});
    CHECK(rows_of("a,\"" + b + "\"") == std::vector<Row>{{1, {"a", b}}});
    CHECK(rows_of("a,\"" + b + "\"c") == std::vector<Row>{{1, {"a", b + "c"}}});
    CHECK(error_of("a\n\"" + b) == FileError{2, "unterminated quoted field starting on line 2"});
    if (n > 0) CHECK(rows_of(b) == std::vector<Row>{{1, {b}}});
  }
}

TEST_CASE("csv: fields are views into the text at every offset", "[csv]") {
  for (std::size_t k = 0; k <= 17; ++k) {
    const std::string text =
        std::string(k, 'a') + ",bb,\"c\",d\te,\xC3\xA9" + std::string(k, 'f') + "\n";
    Reader reader(text);
    Record record;
    REQUIRE(reader.next(record) == true);
    REQUIRE(record.fields.size() == 5);
    for (const auto field : record.fields) CHECK(is_view_into(field, text));
    CHECK(record.fields[4] == "\xC3\xA9" + std::string(k, 'f'));
  }
}

TEST_CASE("csv: multibyte characters at every offset, and across words", "[csv]") {
  const std::vector<std::string> characters = {"\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80",
                                               "\xEF\xBB\xBF"};  // é, €, 😀, U+FEFF
  for (std::size_t k = 0; k <= 17; ++k) {
    const std::string a(k, 'a');
    for (const std::string& c : characters) {
      INFO("offset " << k << ", " << c.size() << " bytes");
      // (A byte-order mark at the very start would be skipped: x first.)
      CHECK(rows_of("x" + a + c + "bcdefghij," + c + "\n") ==
            std::vector<Row>{{1, {"x" + a + c + "bcdefghij", c}}});
      CHECK(rows_of("x" + a + c + c + c + "," + a) ==
            std::vector<Row>{{1, {"x" + a + c + c + c, a}}});
      CHECK(rows_of("\"" + a + c + "\",x\n") == std::vector<Row>{{1, {a + c, "x"}}});
      CHECK(rows_of("\"" + a + "\"" + c + ",x\n") == std::vector<Row>{{1, {a + c, "x"}}});
      CHECK(rows_of("x\n" + a + c) == std::vector<Row>{{1, {"x"}}, {2, {a + c}}});
    }
  }
}

TEST_CASE("csv: invalid UTF-8 and NUL bytes at every offset", "[csv]") {
  const FileError not_utf8_on_2{2, "not UTF-8: invalid byte sequence on line 2"};
  const FileError nul_on_2{2, "binary data: NUL byte on line 2; not a text file"};
  const std::vector<std::string> invalid = {
      "\x80",              // a stray continuation byte
      "\xC3(",             // a lead byte without its continuation
      "\xE2\x82(",         // cut short
      "\xF0\x9F\x98",      // cut short by the comma after it
      "\xC0\xAF",          // overlong
      "\xED\xA0\x80",      // a surrogate
      "\xF4\x90\x80\x80",  // above U+10FFFF
      "\xFF",
  };
  for (std::size_t k = 0; k <= 17; ++k) {
    const std::string a(k, 'a');
    INFO("offset " << k);
    for (const std::string& bad : invalid) {
      CHECK(error_of("h\n" + a + bad + ",bcdefghijklmnop\n") == not_utf8_on_2);
      CHECK(error_of("h\nx," + a + bad) == not_utf8_on_2);               // at the end of the text
      CHECK(error_of("h\n\"" + a + bad + "bcdefghij\"\n") == not_utf8_on_2);  // quoted
      CHECK(error_of("h\n\"\"" + a + bad + "\n") == not_utf8_on_2);         // after a closing quote
    }
    // A sequence cut short by the end of the text.
    CHECK(error_of("h\n" + a + "\xE2\x82") == not_utf8_on_2);
    CHECK(error_of("h\n" + a + "\xF0\x9F\x98") == not_utf8_on_2);
    CHECK(error_of("h\n" + a + "\xC3") == not_utf8_on_2);
    // NUL, unquoted, quoted and after a closing quote.
    const std::string nul(1, '\0');
    CHECK(error_of("h\n" + a + nul + "bcdefghijklmnop\n") == nul_on_2);
    CHECK(error_of("h\nx," + a + nul) == nul_on_2);
    CHECK(error_of("h\n\"" + a + nul + "bcdefghij\"\n") == nul_on_2);
    CHECK(error_of("h\n\"x\"" + a + nul + "\n") == nul_on_2);
  }
}

// next_plain_fields, tried before next() on every record as the event readers read a file: the
// records and lines are those next() alone gives, and the records it took are the plain lines of
// the wanted number of fields.
TEST_CASE("csv: next_plain_fields takes plain lines of the wanted fields only, and reading with it gives next()'s records",
          "[csv]") {
  const std::string text =
      "\xEF\xBB\xBF"
      "case_id,event,date\n"
      "C1,referral,2024-01-02\n"           // plain
      "\n"                                 // blank: left to next(), which skips it
      "C1,\"a, quoted\",2024-01-03\n"      // a quote
      "C2,visit,2024-01-04\r\n"            // CRLF: plain
      "C2,tab\there,2024-01-05\n"          // a control byte
      "C3,caf\xC3\xA9,2024-01-06\n"        // UTF-8
      "C3,,\n"                             // empty fields: plain
      "C4,lone CR\rC5,x,2024-01-07\n"      // a CR alone ends a record: left to next(); then plain
      "C5,two fields only\n"              // fewer fields than wanted
      "C5,four,fields,here\n"             // more
      ",,,,,,,,,,,,,,,,\n"                 // many more, all empty
      "C6,plain,2024-01-08\n"             // plain
      "x,y,z\n"                            // within the text's last eight bytes: left to next()
      "C";                                 // the last line, without an ending
  Reader reader(text);
  Record record;
  std::vector<Row> rows;
  std::vector<std::size_t> plain_lines;
  std::vector<std::string_view> fields(3);
  for (;;) {
    if (const auto line = reader.next_plain_fields(fields)) {
      plain_lines.push_back(*line);
      rows.push_back({*line, {fields.begin(), fields.end()}});
      continue;
    }
    const auto more = reader.next(record);
    REQUIRE(more);
    if (!*more) break;
    rows.push_back({record.line, {record.fields.begin(), record.fields.end()}});
  }
  CHECK(rows == rows_of(text));
  CHECK(plain_lines == std::vector<std::size_t>{1, 2, 5, 8, 10, 14});
  // A long last line without an ending is left to next().
  Reader last("a,b,c\nlong,last line,without an ending");
  CHECK(last.next_plain_fields(fields) == 1);
  CHECK_FALSE(last.next_plain_fields(fields));
  REQUIRE(last.next(record) == true);
  CHECK(record.fields == std::vector<std::string_view>{"long", "last line", "without an ending"});
  // Nothing wanted, nothing taken.
  Reader none("a,b\nc,d\n");
  CHECK_FALSE(none.next_plain_fields({}));
}
