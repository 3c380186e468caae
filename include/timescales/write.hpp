// Writing evaluation results in the shared formats (docs/formats.md): obligations as CSV or JSON lines,
// rejected rows, findings. An obligation's columns are those of obligation_columns.hpp; carried
// columns follow them, with the trigger event's values, then the explanation when asked.
#pragma once

#include <ostream>
#include <span>
#include <string>
#include <string_view>

#include "timescales/engine.hpp"
#include "timescales/language.hpp"
#include "timescales/report.hpp"
#include "timescales/worklist.hpp"

namespace timescales {

// JSON lines: one object per obligation, a line each; JSON: one document, an array of the same
// objects. The keys are the CSV's column names.
enum class OutputFormat { csv, jsonl, json };

// `explain`: an explanation column, in `language`.
void write_obligations(std::ostream& out, const Evaluation& evaluation, const EventTable& events,
                       OutputFormat format, bool explain, Language language = Language::en);

// The same written a part at a time (streaming evaluate: a chunk of children each, with its own
// table), as one write_obligations of them all would write them: the CSV header (from the first
// part's carried columns) or JSON's opening bracket before the first part, the closing bracket at
// finish(). Give it at least one part.
class ObligationWriter {
 public:
  ObligationWriter(std::ostream& out, OutputFormat format, bool explain, Language language = Language::en)
      : out_(out), format_(format), explain_(explain), language_(language) {}
  void write(const Evaluation& part, const EventTable& events);
  void finish();

  // The same in two steps, so that parts can be formatted on other threads: format() writes to
  // `text` what write() would add for `part` as the document's `first` part or a later one (it
  // changes nothing of the writer), and add() then appends that text, the parts in order, with
  // `obligations` the part's count.
  void format(std::ostream& text, const Evaluation& part, const EventTable& events, bool first) const;
  // The same appended to a string (CSV is formatted straight into it).
  void format(std::string& text, const Evaluation& part, const EventTable& events, bool first) const;
  void add(std::string_view text, std::size_t obligations);

 private:
  void join(std::size_t obligations);
  std::ostream& out_;
  OutputFormat format_;
  bool explain_;
  Language language_;
  bool started_ = false;
  std::size_t written_ = 0;  // JSON objects written
};

// A report (report.hpp): its rows as CSV, a JSON array, or a Markdown table, in the columns of
// report_columns, then one column per `by` column (`by_names`, in order) with the group's value.
enum class ReportFormat { csv, json, markdown };
void write_report(std::ostream& out, const Report& report, std::span<const std::string> by_names, ReportFormat format,
                  Language language);

// The report's drill-down: the obligations behind every figure, as CSV: the row's measure, period
// and group, whether the obligation is in the numerator, then the obligation as `evaluate` writes
// it (every column, the carried ones, the explanation when asked).
void write_drill_down(std::ostream& out, const Report& report, const Evaluation& evaluation, const EventTable& events,
                      bool explain, Language language = Language::en);

// The worklist (worklist_columns.hpp, then the carried columns): CSV, JSON lines, a JSON array of
// the same objects, or Markdown for people to read (a heading, then a table per group of the `by`
// columns, with its counts).
enum class WorklistFormat { csv, jsonl, json, markdown };
void write_worklist(std::ostream& out, const Worklist& list, const Evaluation& evaluation, const EventTable& events,
                    const WorklistOptions& options, WorklistFormat format, Language language);

// CSV: line,case_id,column,reason. `header`: false for the parts after the first, when a file is
// written a part at a time (streaming evaluate). The reasons in `language`; the column names are
// the same in every language.
void write_rejections(std::ostream& out, const EventTable& events, bool header = true, Language language = Language::en);

// CSV: case_id,rule,event,date,attribute,asked,limit,explanation. `header` as above.
void write_findings(std::ostream& out, const Evaluation& evaluation, const EventTable& events, bool header = true,
                    Language language = Language::en);

// One CSV field, quoted when it must be (RFC 4180).
void write_csv_field(std::ostream& out, std::string_view field);

// A value that came from the input (a case id, a carried column's name or value, a rejected
// row's case id) as one CSV field: as write_csv_field, but a value a spreadsheet would take for a
// formula (it starts with =, +, -, @, a tab or a carriage return) is neutralised by a leading
// single quote, as OWASP advises against CSV injection: "-3" is written "'-3".
void write_csv_value(std::ostream& out, std::string_view value);
bool spreadsheet_formula(std::string_view value);

// One JSON string literal, escaped.
void write_json_string(std::ostream& out, std::string_view text);

}  // namespace timescales
