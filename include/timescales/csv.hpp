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

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <expected>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "timescales/short_text.hpp"

namespace timescales::csv {

struct Record {
  std::size_t line = 0;                  // 1-based physical line where the record starts
  std::vector<std::string_view> fields;  // valid until the next call to Reader::next()
};

// A field without the spaces and tabs around it: the readers of case events and of a council's
// report take " C1 " as C1, as spreadsheets pad cells. (The reader itself keeps fields as they
// are: trimming is the caller's choice.) Nearly every field has none, so that is checked first.
inline std::string_view trim_blanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}
[[gnu::always_inline]] inline std::string_view trimmed(std::string_view s) {
  const auto blank = [](char c) { return c == ' ' || c == '\t'; };
  if (s.empty() || (!blank(s.front()) && !blank(s.back()))) return s;
  return trim_blanks(s);
}

// The file cannot be used at all.
struct FileError {
  std::size_t line;
  std::string message;

  friend bool operator==(const FileError&, const FileError&) = default;
};

namespace detail {

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

// Scanning a field for the next byte that needs a look: a control byte (below 0x20: NUL, CR,
// LF, and others such as tab, which are then passed over), a byte of 0x80 or above (UTF-8 to
// validate), or a delimiter (a comma in an unquoted field, a quote in a quoted one). Plain ASCII
// text is skipped eight bytes at a time, as one 64-bit word ("SWAR").

// A byte is a stop if it is a control byte, not ASCII, or the delimiter.
template <char delimiter>
inline constexpr bool is_stop(char c) {
  const auto b = static_cast<unsigned char>(c);
  return b < 0x20 || b >= 0x80 || c == delimiter;
}

using short_text::load_word;  // the eight bytes at p (p + 8 <= end), the first in the lowest byte

// The high bit of each byte of word that is a stop (a control byte, not ASCII, or one of the
// delimiters), and no other bit. Exact for every byte, as no sum carries into the next byte
// (each stays below 0x100): every set bit marks a stop, not only the lowest.
template <char... delimiters>
inline constexpr std::uint64_t stop_bits(std::uint64_t word) {
  constexpr std::uint64_t ones = 0x0101010101010101;  // 0x01 in every byte
  constexpr std::uint64_t low7 = 0x7F * ones;
  static_assert(((delimiters >= 0x20 && delimiters < 0x7F) && ...));
  const std::uint64_t ascii = word & low7;  // each byte's low 7 bits
  // The high bit set where the low 7 bits are 0x20 or more (+ 0x60 reaches 0x80)...
  std::uint64_t ordinary = ascii + (0x80 - 0x20) * ones;
  // ... and differ from each delimiter (a nonzero XOR + 0x7F reaches 0x80).
  ((ordinary &= (ascii ^ (delimiters * ones)) + low7), ...);
  // A stop where that bit is clear, or where the byte itself is 0x80 or more.
  return (~ordinary | word) & (0x80 * ones);
}

// The first stop at or after p, or end.
template <char delimiter>
inline const char* find_stop(const char* p, const char* end) {
  while (end - p >= 8) {
    if (const std::uint64_t stops = stop_bits<delimiter>(load_word(p)); stops != 0) {
      return p + static_cast<unsigned>(std::countr_zero(stops)) / 8;
    }
    p += 8;
  }
  while (p != end && !is_stop<delimiter>(*p)) ++p;  // the last 0 to 7 bytes of the text
  return p;
}

// Appends a field. The reallocation, rare since a Record keeps its capacity, is kept out of line
// so that the loop calling this keeps its values in registers.
[[gnu::cold, gnu::noinline]] inline void grow(std::vector<std::string_view>& fields) {
  fields.reserve(2 * fields.capacity() + 16);
}
inline void append(std::vector<std::string_view>& fields, const char* p, const char* end) {
  if (fields.size() == fields.capacity()) [[unlikely]] grow(fields);
  fields.emplace_back(p, static_cast<std::size_t>(end - p));
}

// Where plain_fields stopped (returned by value, so that p can stay in a register).
struct PlainStop {
  const char* p;
  bool ended;  // the record's last field was appended, and p is at its line ending
};

// The common case, a word at a time: unquoted fields of plain ASCII, often several in a word.
// Appends the fields from p that end in a comma or a line ending, up to the record's end or to
// the start of a field it leaves to the general loop: one holding a quote (at its start, a
// quoted field), a byte that needs a look (non-ASCII, a control byte), or reaching into the last
// 8 bytes of the text. Out of line: it has all the registers to itself.
[[gnu::noinline]] inline PlainStop plain_fields(const char* p, const char* end,
                                                std::vector<std::string_view>& fields) {
  for (const char* word = p; end - word >= 8; word += 8) {
    std::uint64_t stops = stop_bits<',', '"'>(load_word(word));
    for (; stops != 0; stops &= stops - 1) {  // each stop in the word, the first first
      const char* const stop = word + static_cast<unsigned>(std::countr_zero(stops)) / 8;
      const char c = *stop;
      if (c == ',') {
        append(fields, p, stop);
        p = stop + 1;  // the next field
      } else if (c == '\n' || c == '\r') {
        append(fields, p, stop);
        return {stop, true};
      } else {
        return {p, false};  // a quote, or a byte that needs a look
      }
    }
  }
  return {p, false};
}

enum class Problem { none, nul, not_utf8 };

// Validates the UTF-8 sequences of a run of non-ASCII bytes starting at p, leaving p after it.
inline bool skip_utf8(const char*& p, const char* end) {
  do {
    const std::size_t n = utf8_sequence(p, end);
    if (n == 0) return false;
    p += n;
  } while (p != end && static_cast<unsigned char>(*p) >= 0x80);
  return true;
}

// Scans the rest of an unquoted field from p: stops at a comma, CR, LF or the end of the text.
inline Problem scan_unquoted(const char*& p, const char* end) {
  for (;;) {
    p = find_stop<','>(p, end);
    if (p == end) return Problem::none;
    const auto c = static_cast<unsigned char>(*p);
    if (c == ',' || c == '\n' || c == '\r') return Problem::none;
    if (c >= 0x80) {
      if (!skip_utf8(p, end)) return Problem::not_utf8;
    } else if (c == 0) {
      return Problem::nul;
    } else {
      ++p;  // another control byte, such as a tab: ordinary text
    }
  }
}

}  // namespace detail

class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {
    if (text_.starts_with("\xEF\xBB\xBF")) pos_ = 3;
  }
  // A part of a file that starts where a record starts, on physical line `line` (streaming: a
  // file read a block at a time). No byte-order mark is looked for: it can only start the file.
  Reader(std::string_view text, std::size_t line) : text_(text), line_(line) {}

  // Where the next record (or the blank lines before it) starts: its byte in the text, and the
  // physical line there. Only meaningful while no error has been returned.
  [[nodiscard]] std::size_t offset() const { return pos_; }
  [[nodiscard]] std::size_t line() const { return line_; }

  // Reads the next record into out. Returns true with a record, false at the end of the input,
  // or a FileError. Views from the previous record are invalid after the call.
  std::expected<bool, FileError> next(Record& out);

  // The next record when it is one plain line of exactly fields.size() fields: ASCII from space
  // to DEL with no quote, ended by LF or CRLF, so that its fields are its text between commas, as
  // next() gives them. They are written to `fields` (views into the text), the reader moved past
  // the record, and its line returned; otherwise nothing, the reader not moved (though `fields`
  // may have been written), and next() reads what is there (blank lines, quoted fields, UTF-8 to
  // validate, control bytes, a record of another number of fields, a record whose line end is not
  // within the whole eight-byte words from its start, as near the text's end). One pass over the
  // record and no vector to grow: for a reader that knows how many fields a record should have
  // (the header's) and tries this before next() on every record.
  std::optional<std::size_t> next_plain_fields(std::span<std::string_view> fields);

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

inline std::optional<std::size_t> Reader::next_plain_fields(std::span<std::string_view> fields) {
  if (error_ || fields.empty()) return std::nullopt;
  const char* const begin = text_.data() + pos_;
  const char* const end = text_.data() + text_.size();
  const char* field = begin;  // where the current field starts
  std::size_t n = 0;          // the fields before it
  for (const char* word = begin; end - word >= 8; word += 8) {
    for (std::uint64_t stops = detail::stop_bits<',', '"'>(detail::load_word(word)); stops != 0; stops &= stops - 1) {
      const char* const stop = word + static_cast<unsigned>(std::countr_zero(stops)) / 8;
      if (*stop == ',') {
        if (n + 1 == fields.size()) return std::nullopt;  // more fields than wanted
        fields[n++] = std::string_view(field, static_cast<std::size_t>(stop - field));
        field = stop + 1;
        continue;
      }
      std::size_t ending = 0;
      if (*stop == '\n') ending = 1;
      else if (*stop == '\r' && stop + 1 != end && stop[1] == '\n') ending = 2;
      // A quote, another control byte, non-ASCII; a blank line; fewer fields than wanted.
      if (ending == 0 || stop == begin || n + 1 != fields.size()) return std::nullopt;
      fields[n] = std::string_view(field, static_cast<std::size_t>(stop - field));
      pos_ = static_cast<std::size_t>(stop - text_.data()) + ending;
      return line_++;
    }
  }
  return std::nullopt;  // the record reaches into the text's last eight bytes
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

  for (;;) {  // each time round: the fields the fast path takes, then one it leaves
    const detail::PlainStop plain = detail::plain_fields(p, end, out.fields);
    p = plain.p;
    if (plain.ended) {
      // The fast path took the rest of the record: p is at its line ending.
    } else if (p != end && *p == '"') {
      const std::size_t quote_line = line_;
      const char* start = ++p;  // the first byte not yet copied, if the field needs unescaping
      bool in_scratch = false;
      std::size_t offset = 0;
      for (;;) {
        p = detail::find_stop<'"'>(p, end);
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
        } else if (c >= 0x80) {
          if (!detail::skip_utf8(p, end)) return fail(line_, Problem::not_utf8);
        } else if (c == 0) {
          return fail(line_, Problem::nul);
        } else {
          ++p;  // another control byte, such as a tab: ordinary text
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
