// `timescales evaluate --stream`: a file grouped by child in case-id order is read, evaluated and
// written a chunk of children at a time, and must write exactly what reading it whole writes: the
// obligations, --rejected, --findings and the summary on standard error, byte for byte. Chunks are
// forced small (--chunk-bytes, a hidden option for tests) so that many children straddle where a
// block or chunk would end.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "support.hpp"

namespace {

using namespace timescales::testing;  // cli_support.hpp, support.hpp

// A generated population of `children` (the generator lists each child's rows together, children
// in id order), as lines (the header first).
std::vector<std::string> population(const TempDir& dir, int children, int seed) {
  const std::string file = dir.file("generated.csv");
  REQUIRE(run_cli("generate --children " + std::to_string(children) + " --seed " + std::to_string(seed) + " -o " +
                  shell_quoted(file))
              .exit_code == 0);
  std::vector<std::string> lines = lines_of(slurp(file));
  REQUIRE(lines.size() > 100);
  return lines;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  return text;
}

// What one evaluation wrote: obligations, rejected rows, findings, standard error, exit code.
struct Outputs {
  std::string obligations, rejected, findings, err;
  int exit_code = -1;
};

Outputs evaluated(const TempDir& dir, const std::string& events, const std::string& options) {
  const std::string out = dir.file("out"), rejected = dir.file("rejected.csv"), findings = dir.file("findings.csv");
  const Run r = run_cli("evaluate " + shell_quoted(events) + " " + options + " -o " + shell_quoted(out) + " --rejected " +
                        shell_quoted(rejected) + " --findings " + shell_quoted(findings));
  Outputs o{slurp(out), slurp(rejected), slurp(findings), r.err, r.exit_code};
  std::filesystem::remove(out);
  std::filesystem::remove(rejected);
  std::filesystem::remove(findings);
  return o;
}

// The file evaluated whole (--stream off) and streamed in chunks of `chunk_bytes` (--stream on,
// which fails rather than read the file whole) write the same bytes. The outputs' paths are the
// same in both runs, as the summary names --rejected's.
void same_streamed(const TempDir& dir, const std::string& events, const std::string& options, int chunk_bytes,
                   int exit_code = 0) {
  INFO(options << " --chunk-bytes " << chunk_bytes);
  const Outputs whole = evaluated(dir, events, options + " --stream off");
  const Outputs streamed = evaluated(dir, events, options + " --stream on --chunk-bytes " + std::to_string(chunk_bytes));
  REQUIRE(whole.exit_code == exit_code);
  CHECK(streamed.exit_code == whole.exit_code);
  CHECK(lines_of(whole.obligations).size() > 10);
  CHECK(streamed.obligations == whole.obligations);
  CHECK(streamed.rejected == whole.rejected);
  CHECK(streamed.findings == whole.findings);
  CHECK(streamed.err == whole.err);
}

// The largest resident set (KiB) of `timescales ARGS` (shell-quoted), and its exit status. Measured
// from a process of its own: a process's children's peak is the largest of every child it waited
// for, and this test process has run others.
std::array<long, 2> peak_kib(const std::string& args) {
  std::array<int, 2> fds{};
  REQUIRE(::pipe(fds.data()) == 0);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::close(fds[0]);
    const std::string command = shell_quoted(TIMESCALES_CLI) + " " + args + " >/dev/null 2>&1";
    const int status = std::system(command.c_str());
    rusage usage{};
    ::getrusage(RUSAGE_CHILDREN, &usage);
    const std::array<long, 2> out{usage.ru_maxrss, WIFEXITED(status) ? WEXITSTATUS(status) : -1};
    const bool sent = ::write(fds[1], out.data(), sizeof out) == static_cast<ssize_t>(sizeof out);
    ::_exit(sent ? 0 : 1);
  }
  ::close(fds[1]);
  std::array<long, 2> in{-1, -1};
  const bool got = ::read(fds[0], in.data(), sizeof in) == static_cast<ssize_t>(sizeof in);
  ::close(fds[0]);
  ::waitpid(pid, nullptr, 0);
  REQUIRE(got);
  return in;
}

}  // namespace

TEST_CASE("evaluate streaming holds a chunk, not the file: its peak memory is a fraction of reading whole", "[cli_evaluate][streaming][large]") {
  if (!have_cli()) return;
  TempDir dir;
  // About 360,000 events, 19 MB: reading whole holds the text, the table and every obligation.
  const std::string events = dir.file("events.csv");
  REQUIRE(run_cli("generate --children 20000 --seed 2 -o " + shell_quoted(events)).exit_code == 0);
  const auto whole = peak_kib("evaluate " + shell_quoted(events) + " -o /dev/null --stream off");
  const auto streamed = peak_kib("evaluate " + shell_quoted(events) + " -o /dev/null --stream on --chunk-bytes 500000");
  INFO("peak: read whole " << whole[0] << " KiB, streamed " << streamed[0] << " KiB");
  CHECK(whole[1] == 0);
  CHECK(streamed[1] == 0);
  CHECK(whole[0] > 40'000);
  CHECK(streamed[0] * 2 < whole[0]);
}

TEST_CASE("evaluate streams a file grouped by child in id order: the same obligations, files and summary as read whole", "[cli_evaluate][streaming]") {
  if (!have_cli()) return;
  TempDir dir;
  const std::string events = dir.write("events.csv", joined(population(dir, fewer_under_sanitizers(300), 11)));
  for (const int chunk_bytes : {1, 700, 5000, 100000, 1 << 30}) same_streamed(dir, events, "", chunk_bytes);
  same_streamed(dir, events, "--format jsonl --explain", 3000);
  same_streamed(dir, events, "--format json", 3000);
  same_streamed(dir, events, "--threads 1 --carry team", 3000);
  // Rows after --as-of: counted, listed, not used, in the same order. (Without --as-of, the
  // summaries compared above name the same as_of: the whole file's latest date, not the first
  // chunk's.)
  same_streamed(dir, events, "--as-of 2023-06-30", 3000);
  // --stream auto (the default) streams it too, without a word more on standard error.
  const Outputs automatic = evaluated(dir, events, "--chunk-bytes 3000");
  const Outputs whole = evaluated(dir, events, "--stream off");
  CHECK(automatic.obligations == whole.obligations);
  CHECK(automatic.err == whole.err);
  // CRLF line ends: a CR at the end of a block may be followed by its LF in the next.
  std::string crlf;
  for (const char c : slurp(events)) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  const std::string windows = dir.write("crlf.csv", crlf);
  for (const int chunk_bytes : {1, 333, 4096}) same_streamed(dir, windows, "", chunk_bytes);
  // A byte-order mark: skipped at the start of the file only, whatever the first block holds.
  const std::string marked = dir.write("bom.csv", "\xEF\xBB\xBF" + slurp(events));
  for (const int chunk_bytes : {1, 2000}) same_streamed(dir, marked, "", chunk_bytes);
}

TEST_CASE("evaluate streams rejected rows, duplicates, blank lines and quoted fields on the lines reading whole gives", "[cli_evaluate][streaming]") {
  if (!have_cli()) return;
  TempDir dir;
  std::vector<std::string> lines = population(dir, 200, 5);
  const std::size_t columns = static_cast<std::size_t>(std::ranges::count(lines[0], ',')) + 1;
  // Every 37th row spoilt in turn: an unknown event, a bad date, the wrong number of fields, an
  // empty case id, a case id of over 64 characters (its own child's id and 70 x's, which sorts
  // between that child and the next: rejected, it is no child, so the order still holds); every
  // 53rd repeated (a duplicate, C8); a blank line and a quoted field with a
  // line break now and then (line numbers must still agree).
  std::vector<std::string> spoilt{lines[0]};
  for (std::size_t i = 1; i < lines.size(); ++i) {
    std::string line = lines[i];
    const std::size_t first_comma = line.find(',');
    if (i % 37 == 0) {
      switch (i / 37 % 5) {
        case 0: line.replace(line.find(',', first_comma + 1) + 1, 0, "x"); break;  // the second column spoilt
        case 1: line += ",extra"; break;
        case 2: line = line.substr(first_comma); break;  // no case id
        case 3: line.replace(first_comma, 0, std::string(70, 'x')); break;  // too long a case id
        default: line.replace(first_comma + 1, 0, "bogus_"); break;
      }
    }
    spoilt.push_back(line);
    if (i % 53 == 0) spoilt.push_back(line);
    if (i % 41 == 0) spoilt.emplace_back("");
    if (i % 97 == 0 && columns > 3) spoilt.push_back(line.substr(0, line.rfind(',')) + ",\"a\nb\"");
  }
  const std::string events = dir.write("spoilt.csv", joined(spoilt));
  const Outputs whole = evaluated(dir, events, "--stream off");
  CHECK(lines_of(whole.rejected).size() > 20);
  for (const int chunk_bytes : {1, 900, 20000}) same_streamed(dir, events, "", chunk_bytes);
  same_streamed(dir, events, "--strict", 900, 1);  // rows were rejected: exit 1 both ways
}

TEST_CASE("evaluate streams a file whose later dates as text are no dates or rejected rows: as of the whole file's latest", "[cli_evaluate][streaming]") {
  if (!have_cli()) return;
  TempDir dir;
  std::vector<std::string> lines = population(dir, 60, 9);
  REQUIRE(lines[0].starts_with("case_id,event,date,"));
  // The last child's last row, with another event and date: the first pass skips a date no later,
  // as text, than the latest so far, and validates a row whose date would be a new latest.
  const std::string last = lines.back();
  const std::string id = last.substr(0, last.find(','));
  const std::string rest = last.substr(last.find(',', last.find(',') + 1) + 1);
  const std::string after_date = rest.substr(rest.find(','));
  for (const auto& [event, date] : std::vector<std::pair<std::string, std::string>>{
           {"referral", "2025-03-30"},       // a new latest
           {"referral", "2025-03-29"},       // earlier as text: skipped
           {"referral", "2025-13-01"},       // later as text, but no date
           {"no_such_event", "2025-06-30"},  // later, but the row is rejected
           {"referral", "2025-03-31"}}) {    // the latest
    lines.push_back(id + "," + event + "," + date + after_date);
  }
  const std::string events = dir.write("later.csv", joined(lines));
  const Outputs whole = evaluated(dir, events, "--stream off");
  CHECK(contains(whole.err, "as of 2025-03-31"));
  for (const int chunk_bytes : {1, 5000}) same_streamed(dir, events, "", chunk_bytes);
}

TEST_CASE("evaluate does not stream a file whose children are not in id order: it says why and reads it whole", "[cli_evaluate][streaming]") {
  if (!have_cli()) return;
  TempDir dir;
  std::vector<std::string> lines = population(dir, 150, 7);
  // The last row moved to the top: its child's rows are no longer together.
  std::rotate(lines.begin() + 1, lines.end() - 1, lines.end());
  const std::string events = dir.write("unordered.csv", joined(lines));
  const Outputs whole = evaluated(dir, events, "--stream off");
  const Outputs automatic = evaluated(dir, events, "--chunk-bytes 1000");
  CHECK(automatic.exit_code == 0);
  CHECK(automatic.obligations == whole.obligations);
  CHECK(automatic.rejected == whole.rejected);
  CHECK(automatic.findings == whole.findings);
  const std::string note = "timescales evaluate: not streamed (" + events +
                           ": line 3 has a case id that sorts before the one above it: the rows are not grouped by "
                           "child in case-id order): the whole file is held in memory, about 3 times its size "
                           "(docs/formats.md, \"Large files\")\n";
  CHECK(automatic.err == note + whole.err);
  // A file no larger than a chunk is one chunk either way: read whole, without a word.
  CHECK(evaluated(dir, events, "").err == whole.err);

  const Outputs on = evaluated(dir, events, "--stream on --chunk-bytes 1000");
  CHECK(on.exit_code == 2);
  CHECK(contains(on.err, "timescales evaluate: --stream on: cannot stream: " + events + ": line 3 has a case id"));
  CHECK(on.obligations.empty());
}

TEST_CASE("evaluate reads whole what it cannot stream: standard input, --case, --summary, --format xlsx", "[cli_evaluate][streaming]") {
  if (!have_cli()) return;
  TempDir dir;
  const std::string events = dir.write("events.csv", joined(population(dir, 100, 3)));
  const std::string whole = stdout_of("evaluate " + shell_quoted(events) + " --stream off").out;
  const Run piped = run_cli("evaluate - --chunk-bytes 1000 < " + shell_quoted(events));
  CHECK(piped.exit_code == 0);
  CHECK(piped.out == whole);
  CHECK(contains(piped.err, "not streamed (standard input can be read only once, and streaming reads the file twice)"));
  const std::vector<std::pair<std::string, std::string>> refused{
      {"- < " + shell_quoted(events), "standard input can be read only once"},
      {shell_quoted(events) + " --case " + lines_of(whole)[1].substr(0, lines_of(whole)[1].find(',')), "--case picks one child"},
      {shell_quoted(events) + " --summary", "--summary counts the whole file"},
      {shell_quoted(events) + " --format xlsx -o " + shell_quoted(dir.file("out.xlsx")), "--format xlsx is one workbook"}};
  for (const auto& [args, why] : refused) {
    const Run r = run_cli("evaluate " + args + " --stream on");
    INFO(args << ": " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "timescales evaluate: --stream on: cannot stream: " + why));
    const Run automatic = run_cli("evaluate " + args + " --chunk-bytes 1000");
    CHECK(automatic.exit_code == 0);
    CHECK(contains(automatic.err, "not streamed (" + why));
  }
  const Run bad = run_cli("evaluate " + shell_quoted(events) + " --stream sometimes");
  CHECK(bad.exit_code == 2);
  CHECK(contains(bad.err, "--stream"));
}

TEST_CASE("evaluate streams the files of a file that cannot be read as the whole-file reader does: its error, no usable rows", "[cli_evaluate][streaming]") {
  if (!have_cli()) return;
  TempDir dir;
  const std::vector<std::pair<std::string, std::string>> files{
      {"unterminated.csv", "case_id,event,date\nA,referral,2021-03-01\nB,referral,\"2021-03-02\n"},
      {"no-usable.csv", "case_id,event,date\nA,bogus,2021-03-01\nB,referral,not-a-date\n"},
      {"no-header.csv", ""},
      {"bad-header.csv", "case_id,event\nA,referral\n"}};
  for (const auto& [name, text] : files) {
    const std::string events = dir.write(name, text);
    const Outputs whole = evaluated(dir, events, "--stream off");
    const Outputs streamed = evaluated(dir, events, "--stream on --chunk-bytes 1");
    INFO(name << ": " << whole.err);
    CHECK(whole.exit_code == 2);
    CHECK(streamed.exit_code == 2);
    CHECK(streamed.err == whole.err);
    CHECK(streamed.rejected == whole.rejected);
  }
}

TEST_CASE("evaluate streams on 1, 2 and 3 threads the same bytes: each chunk on a thread, written in file order", "[cli_evaluate][streaming][threads]") {
  if (!have_cli()) return;
  TempDir dir;
  const std::string events = dir.write("events.csv", joined(population(dir, fewer_under_sanitizers(300), 13)));
  for (const char* threads : {"--threads 1", "--threads 2", "--threads 3"}) {
    same_streamed(dir, events, threads, 2000);
    same_streamed(dir, events, std::string(threads) + " --format json", 2000);
    same_streamed(dir, events, std::string(threads) + " --format jsonl --explain --as-of 2022-12-31", 2000);
  }
  // A JSON array whose first chunks have no obligation (their children's rows all rejected):
  // the bracket, then the first object, with no comma between.
  std::vector<std::string> lines = population(dir, 60, 17);
  const auto commas = static_cast<std::size_t>(std::ranges::count(lines[0], ','));
  for (std::size_t i = 1; i < lines.size() / 2; ++i) {
    lines[i] = lines[i].substr(0, lines[i].find(',')) + ",bogus,2021-01-01" + std::string(commas - 2, ',');
  }
  const std::string half = dir.write("half-rejected.csv", joined(lines));
  for (const char* threads : {"--threads 1", "--threads 3"}) same_streamed(dir, half, std::string(threads) + " --format json", 700);
}

// A file of about 9.5 MB (over twice the 4 MiB a part of the first pass must have), which the
// first pass reads in two parts at once, cut at a line end near the middle. 180,000 events:
// [large], left out under the sanitizers, as other populations of over 100,000 events.
std::vector<std::string> large_population(const TempDir& dir) { return population(dir, 10'000, 19); }

TEST_CASE("evaluate's first pass reads a large file in parts at once, and finds the chunks and as_of one pass would", "[cli_evaluate][streaming][threads][large]") {
  if (!have_cli()) return;
  TempDir dir;
  const std::vector<std::string> lines = large_population(dir);
  const std::string events = dir.write("large.csv", joined(lines));
  REQUIRE(std::filesystem::file_size(events) > (std::size_t{9} << 20));
  same_streamed(dir, events, "--threads 2", 100'000);
  same_streamed(dir, events, "--threads 3 --format jsonl", 1'000'000);
  same_streamed(dir, events, "--threads 2 --as-of 2022-03-31", 100'000);

  // A quoted field holding line ends across the middle of the file: the cut there is not where a
  // record starts, so the parts do not meet, and the file is read again in one pass.
  std::vector<std::string> quoted = lines;
  std::size_t bytes = 0, middle = 1;
  for (const std::string& line : lines) bytes += line.size() + 1;
  // The note (1.4 MB) put where the old file's middle was; the new file's middle, 0.7 MB on, is in it.
  for (std::size_t at = lines[0].size() + 1; middle < quoted.size() && at < bytes / 2; ++middle) at += lines[middle].size() + 1;
  std::string note = "\"";
  for (int i = 0; i < 200'000; ++i) note += "a note\n";
  note += "\"";
  const std::string& row = lines[middle];
  quoted.insert(quoted.begin() + static_cast<std::ptrdiff_t>(middle), row.substr(0, row.rfind(',') + 1) + note);
  const std::string across = dir.write("quoted-across.csv", joined(quoted));
  same_streamed(dir, across, "--threads 2", 100'000);

  // The order broken three quarters of the way in, where the second part finds it: the line named
  // is the file's, as one pass names it.
  std::vector<std::string> unordered = lines;
  const std::size_t late = unordered.size() * 3 / 4;
  unordered.insert(unordered.begin() + static_cast<std::ptrdiff_t>(late), unordered.back());
  unordered.pop_back();
  const std::string broken = dir.write("broken-late.csv", joined(unordered));
  const std::string why = "line " + std::to_string(late + 2) + " has a case id that sorts before the one above it";
  for (const char* threads : {"--threads 1", "--threads 2"}) {
    const Outputs on = evaluated(dir, broken, std::string(threads) + " --stream on --chunk-bytes 100000");
    INFO(threads << ": " << on.err);
    CHECK(on.exit_code == 2);
    CHECK(contains(on.err, "--stream on: cannot stream: " + broken + ": " + why));
  }
}
