// A small, fast RFC 4180 CSV reader. It knows the format, not the law: records are lists of
// fields; what a column means (events, dates) is for the caller.
//
//   csv::Reader reader(text);      // the whole file in memory; the caller keeps it alive
//   csv::Record record;            // reuse one Record: its fields vector keeps its capacity
//   while (true) {
//     auto more = reader.next(record);
//     if (!more) { /* more.error(): the file cannot be used at all */ }
//     if (!*more) break;           // end of input
//     /* record.line, record.fields */
//   }
//
// What it accepts, and the choices it makes where RFC 4180 is silent or strict:
// - A UTF-8 byte-order mark at the very start of the text is skipped.
// - Line endings: LF, CRLF, and a lone CR are all line endings, outside quotes and (for line
//   counting) inside them; the last record need not end with one.
// - Quoted fields may hold commas, CR/LF newlines and doubled quotes ("" stands for "); the
//   newlines are kept as they are in the text.
// - Lenient, like most readers: a quote in the middle of an unquoted field (a"b) is an ordinary
//   character; text after a closing quote and before the next comma or line end ("a"b) is
//   appended to the field (ab), its quotes again ordinary characters.
// - A completely empty line between records is skipped, not returned as a record, but it still
//   counts for line numbers. A line of spaces is a record with one field of spaces.
// - Records may have any number of fields, differing from record to record: checking the count
//   against the header is the caller's business.
// - Record::line is the 1-based physical line where the record starts (the header, if the file
//   has one, is line 1); newlines inside quoted fields count, for the records that follow.
//
// The file cannot be used at all (a FileError, with the line where the problem starts) when it
// holds a quoted field that is never closed, a NUL byte, or bytes that are not UTF-8 (overlong
// forms, surrogates, code points above U+10FFFF, stray continuation bytes, sequences cut short).
// The reader reads as it goes, so a FileError can come after some records have been returned:
// a caller must drop those too. Once it has failed, the reader keeps returning the same error.
// Messages never quote the file's content (case data is sensitive).
//
// Fields are views: into the input text when a field can be used as it stands (every unquoted
// field, and every quoted field without doubled quotes), otherwise into storage owned by the
// Reader. Either way they are valid until the next call to Reader::next() (and while the text
// lives). No input makes the reader throw (only running out of memory can) or read outside the
// text: it is meant to be fuzzed.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace timescales::csv {

struct Record {
  std::size_t line = 0;                  // 1-based physical line where the record starts
  std::vector<std::string_view> fields;  // valid until the next call to Reader::next()
};

// The file cannot be used at all.
struct FileError {
  std::size_t line;
  std::string message;

  friend bool operator==(const FileError&, const FileError&) = default;
};

namespace detail {

// Byte classes: a byte for which the table says true stops the fast scan of a field.
inline constexpr std::array<bool, 256> make_stops(char quote_or_comma) {
  std::array<bool, 256> t{};
  for (std::size_t b = 0x80; b < 256; ++b) t[b] = true;  // the start of a UTF-8 sequence to check
  t[0] = true;                                            // NUL
  t['\n'] = true;
  t['\r'] = true;
  t[static_cast<unsigned char>(quote_or_comma)] = true;
  return t;
}
inline constexpr std::array<bool, 256> unquoted_stops = make_stops(',');
inline constexpr std::array<bool, 256> quoted_stops = make_stops('"');

inline constexpr bool is_continuation(unsigned char b) { return (b & 0xC0) == 0x80; }

// The length of the well-formed UTF-8 sequence at p, whose first byte is not ASCII, or 0 if it
// is not one (Unicode 15, table 3-7).
inline constexpr std::size_t utf8_sequence(const char* p, const char* end) {
  const auto avail = static_cast<std::size_t>(end - p);
  const auto at = [p](std::size_t i) { return static_cast<unsigned char>(p[i]); };
  const unsigned char c = at(0);
  if (c >= 0xC2 && c <= 0xDF) return avail >= 2 && is_continuation(at(1)) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (avail < 3) return 0;
    const unsigned char lo = c == 0xE0 ? 0xA0 : 0x80;  // E0: no overlongs
    const unsigned char hi = c == 0xED ? 0x9F : 0xBF;  // ED: no surrogates
    return at(1) >= lo && at(1) <= hi && is_continuation(at(2)) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (avail < 4) return 0;
    const unsigned char lo = c == 0xF0 ? 0x90 : 0x80;  // F0: no overlongs
    const unsigned char hi = c == 0xF4 ? 0x8F : 0xBF;  // F4: nothing above U+10FFFF
    return at(1) >= lo && at(1) <= hi && is_continuation(at(2)) && is_continuation(at(3)) ? 4 : 0;
  }
  return 0;  // a continuation byte, C0/C1 (overlong), or F5..FF
}

enum class Problem { none, nul, not_utf8 };

// Scans the rest of an unquoted field from p: stops at a comma, CR, LF or the end of the text.
inline Problem scan_unquoted(const char*& p, const char* end) {
  for (;;) {
    while (p != end && !unquoted_stops[static_cast<unsigned char>(*p)]) ++p;
    if (p == end) return Problem::none;
    const auto c = static_cast<unsigned char>(*p);
    if (c < 0x80) return c == 0 ? Problem::nul : Problem::none;  // NUL, or , CR LF
    const std::size_t n = utf8_sequence(p, end);
    if (n == 0) return Problem::not_utf8;
    p += n;
  }
}

}  // namespace detail

class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {
    if (text_.starts_with("\xEF\xBB\xBF")) pos_ = 3;
  }

  // Reads the next record into out. Returns true with a record, false at the end of the input,
  // or a FileError. Views from the previous record are invalid after the call.
  std::expected<bool, FileError> next(Record& out);

 private:
  std::unexpected<FileError> fail(std::size_t line, detail::Problem problem);
  std::unexpected<FileError> fail_unterminated(std::size_t line);

  struct Unescaped {  // a field held in scratch_, its view made once the record is complete
    std::size_t field;
    std::size_t offset;
    std::size_t size;
  };

  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;             // the physical line at pos_
  std::string scratch_;              // unescaped quoted fields of the current record
  std::vector<Unescaped> unescaped_;
  std::optional<FileError> error_;   // once failed, always failed
};

inline std::unexpected<FileError> Reader::fail(std::size_t line, detail::Problem problem) {
  const std::string where = std::to_string(line);
  error_ = problem == detail::Problem::nul
               ? FileError{line, "binary data: NUL byte on line " + where + "; not a text file"}
               : FileError{line, "not UTF-8: invalid byte sequence on line " + where};
  return std::unexpected(*error_);
}

inline std::unexpected<FileError> Reader::fail_unterminated(std::size_t line) {
  error_ = FileError{line, "unterminated quoted field starting on line " + std::to_string(line)};
  return std::unexpected(*error_);
}

inline std::expected<bool, FileError> Reader::next(Record& out) {
  using detail::Problem;
  out.fields.clear();
  if (error_) return std::unexpected(*error_);
  scratch_.clear();
  unescaped_.clear();

  const char* const end = text_.data() + text_.size();
  const char* p = text_.data() + pos_;

  // Empty lines between records are skipped (but counted).
  for (;;) {
    if (p == end) {
      pos_ = text_.size();
      out.line = line_;
      return false;
    }
    if (*p == '\n') {
      ++p;
    } else if (*p == '\r') {
      ++p;
      if (p != end && *p == '\n') ++p;
    } else {
      break;
    }
    ++line_;
  }
  out.line = line_;

  for (;;) {  // one field each time round
    if (p != end && *p == '"') {
      const std::size_t quote_line = line_;
      const char* start = ++p;  // the first byte not yet copied, if the field needs unescaping
      bool in_scratch = false;
      std::size_t offset = 0;
      for (;;) {
        while (p != end && !detail::quoted_stops[static_cast<unsigned char>(*p)]) ++p;
        if (p == end) return fail_unterminated(quote_line);
        const auto c = static_cast<unsigned char>(*p);
        if (c == '"') {
          if (p + 1 == end || p[1] != '"') break;  // the closing quote
          if (!in_scratch) {
            in_scratch = true;
            offset = scratch_.size();
          }
          scratch_.append(start, p + 1);  // up to and including one quote of the pair
          p += 2;
          start = p;
        } else if (c == '\n') {
          ++line_;
          ++p;
        } else if (c == '\r') {
          ++p;
          if (p == end || *p != '\n') ++line_;  // a CRLF is counted at its LF
        } else if (c == 0) {
          return fail(line_, Problem::nul);
        } else {
          const std::size_t n = detail::utf8_sequence(p, end);
          if (n == 0) return fail(line_, Problem::not_utf8);
          p += n;
        }
      }
      const char* const content_end = p++;  // past the closing quote
      if (p != end && *p != ',' && *p != '\n' && *p != '\r') {
        // Text after the closing quote: kept, as part of the field.
        const char* const trailing = p;
        if (const Problem problem = detail::scan_unquoted(p, end); problem != Problem::none) {
          return fail(line_, problem);
        }
        if (!in_scratch) {
          in_scratch = true;
          offset = scratch_.size();
        }
        scratch_.append(start, content_end);
        scratch_.append(trailing, p);
      } else if (in_scratch) {
        scratch_.append(start, content_end);
      }
      if (in_scratch) {
        unescaped_.push_back({out.fields.size(), offset, scratch_.size() - offset});
        out.fields.emplace_back();
      } else {
        out.fields.emplace_back(start, static_cast<std::size_t>(content_end - start));
      }
    } else {
      const char* const start = p;
      if (const Problem problem = detail::scan_unquoted(p, end); problem != Problem::none) {
        return fail(line_, problem);
      }
      out.fields.emplace_back(start, static_cast<std::size_t>(p - start));
    }

    // p is at a comma, a line ending or the end of the text.
    if (p == end) break;
    if (*p == ',') {
      ++p;
      continue;
    }
    if (*p == '\r') ++p;
    if (p != end && *p == '\n') ++p;
    ++line_;
    break;
  }

  // scratch_ no longer grows during this record: its views are now stable.
  const std::string_view scratch(scratch_);
  for (const Unescaped& u : unescaped_) out.fields[u.field] = scratch.substr(u.offset, u.size);
  pos_ = static_cast<std::size_t>(p - text_.data());
  return true;
}

}  // namespace timescales::csv
