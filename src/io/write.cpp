#include "timescales/write.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "timescales/append_to.hpp"
#include "timescales/explain.hpp"
#include "timescales/obligation_columns.hpp"
#include "timescales/short_text.hpp"

namespace timescales {

void write_csv_field(std::ostream& out, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out << field;
    return;
  }
  out << '"';
  for (char c : field) {
    if (c == '"') out << '"';
    out << c;
  }
  out << '"';
}

bool spreadsheet_formula(std::string_view value) {
  if (value.empty()) return false;
  switch (value.front()) {  // not string_view::find: a call to memchr for every value written
    case '=': case '+': case '-': case '@': case '\t': case '\r': return true;
    default: return false;
  }
}

void write_csv_value(std::ostream& out, std::string_view value) {
  if (spreadsheet_formula(value)) write_csv_field(out, "'" + std::string(value));
  else write_csv_field(out, value);
}

void write_json_string(std::ostream& out, std::string_view text) {
  out << '"';
  for (const char c : text) {
    switch (c) {
      case '"': out << "\\\""; break;
      case '\\': out << "\\\\"; break;
      case '\n': out << "\\n"; break;
      case '\r': out << "\\r"; break;
      case '\t': out << "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          constexpr std::array<char, 16> hex{'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
          out << "\\u00" << hex[static_cast<unsigned char>(c) >> 4] << hex[static_cast<unsigned char>(c) & 0xF];
        } else {
          out << c;
        }
    }
  }
  out << '"';
}

namespace {

// Rows are formatted into a buffer of our own and handed to the stream a block at a time: an
// ostream insertion per field (a sentry, locale-aware integers) costs far more than the text.
// Or straight into a string (a chunk's text, formatted on a thread of its own): each row is
// written inside the string's resize_and_overwrite, into the string's own storage (copying each
// block of a buffer into the string was a twentieth of the streamed tool's time).
// row(n, body): body writes one row of at most n - 1 characters; the writes themselves do not
// check, so n must bound them (csv_cell_bound), and row() adds the line end.
class BlockWriter {
 public:
  explicit BlockWriter(std::ostream& out) : out_(&out), dates_(date_cache_size) { grow(2 * block); }
  // Appends to `text`.
  explicit BlockWriter(std::string& text) : text_(&text), dates_(date_cache_size) {}
  BlockWriter(const BlockWriter&) = delete;
  BlockWriter& operator=(const BlockWriter&) = delete;
  ~BlockWriter() {
    if (out_ != nullptr) flush();
  }

  template <class Body>
  void row(std::size_t n, Body body) {
    if (text_ == nullptr) {
      if (static_cast<std::size_t>(end_ - at_) < n) {
        flush();
        if (static_cast<std::size_t>(end_ - at_) < n) grow(n);
      }
      body();
      *at_++ = '\n';
      if (static_cast<std::size_t>(at_ - buf_.get()) >= block) flush();
      return;
    }
    // The string grows as it would by appending (twice its capacity when full); only what the
    // row writes becomes part of it.
    const std::size_t used = text_->size();
    text_->resize_and_overwrite(used + n, [&](char* p, std::size_t) {
      at_ = p + used;
      body();
      *at_++ = '\n';
      return static_cast<std::size_t>(at_ - p);
    });
  }
  void put(char c) { *at_++ = c; }
  void put(std::string_view s) { at_ = short_text::copy(at_, s); }
  // YYYY-MM-DD; the text of recent days is kept (a population spans a few thousand days).
  void date(Date d) {
    CachedDate& c = dates_[static_cast<std::size_t>(d.days()) % date_cache_size];
    if (!c.valid || c.day != d.days()) {
      write_iso(c.text.data(), d);
      c.day = d.days();
      c.valid = true;
    }
    std::memcpy(at_, c.text.data(), 10);
    at_ += 10;
  }
  template <class Int>
  void integer(Int v) {
    at_ = std::to_chars(at_, at_ + 20, v).ptr;
  }
  // RFC 4180, as write_csv_field writes `prefix` + f (a prefix that needs no quoting): at most
  // 2 * size + 2 characters and the prefix.
  void field(std::string_view f, std::string_view prefix = {}) {
    bool plain = true;
    for (const char c : f) {
      if (c == ',' || c == '"' || c == '\r' || c == '\n') {
        plain = false;
        break;
      }
    }
    if (!plain) *at_++ = '"';
    put(prefix);
    if (plain) {
      put(f);
      return;
    }
    for (const char c : f) {
      if (c == '"') *at_++ = '"';
      *at_++ = c;
    }
    *at_++ = '"';
  }
  // A value from the input (a case id, a carried value): as field(), neutralised with a leading
  // quote when a spreadsheet would take it for a formula (write_csv_value). At most 2 * size + 2
  // characters either way: the neutralising quote is one more, but the value's first character
  // (= + - @ tab CR) is never a double quote, so never doubled. Nothing is allocated: a row is
  // written inside std::string::resize_and_overwrite, which must not throw.
  void value(std::string_view f) { field(f, spreadsheet_formula(f) ? "'" : ""); }

 private:
  static constexpr std::size_t block = std::size_t{1} << 16;
  static constexpr std::size_t date_cache_size = 4096;
  struct CachedDate {
    std::int32_t day = 0;
    bool valid = false;
    std::array<char, 10> text{};
  };

  void flush() {
    if (at_ != buf_.get()) out_->write(buf_.get(), at_ - buf_.get());
    at_ = buf_.get();
  }
  void grow(std::size_t n) {  // only when the buffer is empty
    buf_ = std::make_unique_for_overwrite<char[]>(n);
    at_ = buf_.get();
    end_ = at_ + n;
  }

  std::ostream* out_ = nullptr;  // one of these two
  std::string* text_ = nullptr;
  std::unique_ptr<char[]> buf_;
  char* at_ = nullptr;
  char* end_ = nullptr;
  std::vector<CachedDate> dates_;
};

// One cell as CSV, through a BlockWriter (inside row()) or a StreamCells.
template <class Out>
void write_csv_cell(Out& w, const ObligationColumn& c, const ObligationRow& r) {
  switch (c.type) {
    case ColumnType::input_text: w.value(c.text(r)); break;
    case ColumnType::category: w.put(c.text(r)); break;
    case ColumnType::integer: w.integer(c.integer(r)); break;
    case ColumnType::date:
      if (const CompactOptional<Date> d = c.date(r)) w.date(*d);
      break;
  }
}

// The most a cell can take in a BlockWriter, its comma included (BlockWriter::value's bound).
std::size_t csv_cell_bound(const ObligationColumn& c, const ObligationRow& r) {
  switch (c.type) {
    case ColumnType::input_text: return 2 * c.text(r).size() + 3;
    case ColumnType::category: return c.text(r).size() + 1;
    case ColumnType::integer: return 21;
    case ColumnType::date: return 11;
  }
  return 0;
}

// write_csv_cell's cells on a plain stream, for outputs off the hot path (the drill-down).
struct StreamCells {
  std::ostream& out;
  void value(std::string_view v) { write_csv_value(out, v); }
  void put(std::string_view s) { out << s; }
  void integer(std::int64_t v) { out << v; }
  void date(Date d) { out << to_string(d); }
};

// `header`: false for the parts after the first (ObligationWriter).
void write_csv(BlockWriter& w, const Evaluation& ev, const EventTable& events, bool explain, Language language,
               bool header) {
  if (header) {
    std::size_t size = 32;
    for (const ObligationColumn& c : obligation_columns) size += c.name.size() + 1;
    for (const std::string& c : events.carried_columns()) size += 2 * c.size() + 3;
    w.row(size, [&] {
      for (const ObligationColumn& c : obligation_columns) {
        if (&c != &obligation_columns.front()) w.put(',');
        w.put(c.name);
      }
      for (const std::string& c : events.carried_columns()) {
        w.put(',');
        w.value(c);
      }
      if (explain) w.put(",explanation");
    });
  }
  const std::size_t carried = events.carried_columns().size();
  std::string explanation;
  for (const Obligation& ob : ev.obligations) {
    const ObligationRow row{ob, events};
    std::size_t size = 1;  // the newline
    for_each_obligation_column([&](auto i) {
      constexpr ObligationColumn c = obligation_columns[i];
      size += csv_cell_bound(c, row);
    });
    for (std::size_t c = 0; c < carried; ++c) size += 2 * events.carried(c, ob.trigger_row).size() + 3;
    if (explain) {
      explanation = timescales::explain(ob, events, ev.as_of, language);
      size += 2 * explanation.size() + 3;
    }
    w.row(size, [&] {
      for_each_obligation_column([&](auto i) {
        constexpr ObligationColumn c = obligation_columns[i];
        if (i) w.put(',');
        write_csv_cell(w, c, row);
      });
      for (std::size_t c = 0; c < carried; ++c) {
        w.put(',');
        w.value(events.carried(c, ob.trigger_row));
      }
      if (explain) {
        w.put(',');
        w.field(explanation);
      }
    });
  }
}

// One object per obligation: a line each (JSON lines), or elements of one array (JSON): each
// element after a newline, with a comma before every one but the part's first (ObligationWriter
// puts the comma between parts, and the brackets).
void write_json_objects(std::ostream& out, const Evaluation& ev, const EventTable& events, bool explain, Language language,
                        bool array) {
  bool first = true;
  for (const Obligation& ob : ev.obligations) {
    const ObligationRow row{ob, events};
    if (array) out << (std::exchange(first, false) ? "\n" : ",\n");
    for_each_obligation_column([&](auto i) {
      constexpr ObligationColumn c = obligation_columns[i];
      out << (i ? ',' : '{');
      write_json_string(out, c.name);
      out << ':';
      switch (c.type) {
        case ColumnType::input_text: write_json_string(out, c.text(row)); break;
        case ColumnType::category: out << '"' << c.text(row) << '"'; break;
        case ColumnType::integer: out << c.integer(row); break;
        case ColumnType::date:
          if (const CompactOptional<Date> d = c.date(row)) write_json_string(out, to_string(*d));
          else out << "null";
          break;
      }
    });
    for (std::size_t c = 0; c < events.carried_columns().size(); ++c) {
      out << ',';
      write_json_string(out, events.carried_columns()[c]);
      out << ':';
      write_json_string(out, events.carried(c, ob.trigger_row));
    }
    if (explain) {
      out << ",\"explanation\":";
      write_json_string(out, timescales::explain(ob, events, ev.as_of, language));
    }
    out << (array ? "}" : "}\n");
  }
}

}  // namespace

void ObligationWriter::write(const Evaluation& part, const EventTable& events) {
  join(part.obligations.size());
  format(out_, part, events, !started_);
  written_ += part.obligations.size();
  started_ = true;
}

void ObligationWriter::format(std::ostream& text, const Evaluation& part, const EventTable& events, bool first) const {
  if (format_ == OutputFormat::csv) {
    BlockWriter w(text);
    write_csv(w, part, events, explain_, language_, first);
  } else {
    const bool array = format_ == OutputFormat::json;
    if (array && first) text << '[';
    write_json_objects(text, part, events, explain_, language_, array);
  }
}

void ObligationWriter::format(std::string& text, const Evaluation& part, const EventTable& events, bool first) const {
  if (format_ == OutputFormat::csv) {
    BlockWriter w(text);
    write_csv(w, part, events, explain_, language_, first);
    return;
  }
  AppendTo buffer(text);
  std::ostream out(&buffer);
  format(out, part, events, first);
}

void ObligationWriter::add(std::string_view text, std::size_t obligations) {
  join(obligations);
  out_ << text;
  written_ += obligations;
  started_ = true;
}

// A JSON array's parts are joined by a comma, as its elements are: between two parts that have
// elements, so never straight after the opening bracket.
void ObligationWriter::join(std::size_t obligations) {
  if (format_ == OutputFormat::json && written_ > 0 && obligations > 0) out_ << ',';
}

void ObligationWriter::finish() {
  if (format_ == OutputFormat::json) out_ << (written_ == 0 ? "]\n" : "\n]\n");
}

void write_obligations(std::ostream& out, const Evaluation& ev, const EventTable& events, OutputFormat format,
                       bool explain, Language language) {
  ObligationWriter writer(out, format, explain, language);
  writer.write(ev, events);
  writer.finish();
}

void write_drill_down(std::ostream& out, const Report& report, const Evaluation& evaluation, const EventTable& events,
                      bool explain, Language language) {
  out << "measure,period_start,period_end,group,in_numerator";
  for (const ObligationColumn& c : obligation_columns) out << ',' << c.name;
  for (const std::string& c : events.carried_columns()) {
    out << ',';
    write_csv_value(out, c);
  }
  if (explain) out << ",explanation";
  out << '\n';
  StreamCells cells{out};
  for (const DrillDown& d : report.drill_down) {
    const ReportRow& row = report.rows[d.row];
    write_csv_field(out, row.measure->id);
    out << ',' << to_string(row.period.first) << ',' << to_string(row.period.last) << ',';
    write_csv_value(out, row.group_text());
    out << ',' << (d.in_numerator ? "true" : "false");
    const ObligationRow ob{*d.obligation, events};
    for (const ObligationColumn& c : obligation_columns) {
      out << ',';
      write_csv_cell(cells, c, ob);
    }
    for (std::size_t c = 0; c < events.carried_columns().size(); ++c) {
      out << ',';
      write_csv_value(out, events.carried(c, d.obligation->trigger_row));
    }
    if (explain) {
      out << ',';
      write_csv_field(out, timescales::explain(*d.obligation, events, evaluation.as_of, language));
    }
    out << '\n';
  }
}

void write_rejections(std::ostream& out, const EventTable& events, bool header, Language language) {
  if (header) out << "line,case_id,column,reason\n";
  for (const Rejection& r : events.rejected()) {
    out << r.line << ',';
    write_csv_value(out, r.case_id);
    out << ',';
    write_csv_value(out, r.column);
    out << ',';
    write_csv_field(out, reason_in(r, language));
    out << '\n';
  }
}

void write_findings(std::ostream& out, const Evaluation& ev, const EventTable& events, bool header, Language language) {
  if (header) out << "case_id,rule,event,date,attribute,asked,limit,explanation\n";
  for (const Finding& f : ev.findings) {
    write_csv_value(out, events.case_id(f.case_index));
    out << ',';
    write_csv_field(out, f.rule->id);
    out << ',' << name(f.event) << ',' << to_string(f.date) << ',' << name(f.attribute) << ','
        << to_string(f.asked) << ',' << to_string(f.limit) << ',';
    write_csv_field(out, explain(f, language));
    out << '\n';
  }
}

}  // namespace timescales
