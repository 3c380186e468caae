// A report's rows as CSV, a JSON array or a Markdown table (write.hpp), in the columns of
// report.hpp (report_columns), then the `by` columns.
#include <iomanip>
#include <ostream>
#include <sstream>
#include <string>

#include "timescales/utf8.hpp"
#include "timescales/wording.hpp"
#include "timescales/write.hpp"

namespace timescales {

namespace {

std::string percent(const ReportRow& row) {
  const auto p = row.percentage();
  if (!p) return "";
  std::ostringstream out;
  out << std::fixed << std::setprecision(1) << *p;
  return out.str();
}

std::string confidence(const ReportRow& row) { return row.confidence ? std::string(name(*row.confidence)) : std::string(); }

std::string denominator(const ReportRow& row) { return row.has_denominator ? std::to_string(row.denominator) : ""; }

// The group's value of the k-th `by` column: nothing on the row of all.
std::string_view group_value(const ReportRow& row, std::size_t k) {
  return k < row.group.size() ? std::string_view(row.group[k]) : std::string_view();
}

void write_csv(std::ostream& out, const Report& r, std::span<const std::string> by, Language language) {
  bool first = true;
  for (const std::string_view c : report_columns) {
    out << (first ? "" : ",") << c;
    first = false;
  }
  for (const std::string& name : by) {
    out << ',';
    write_csv_value(out, name);
  }
  out << '\n';
  for (const ReportRow& row : r.rows) {
    write_csv_field(out, row.measure->id);
    out << ',' << to_string(row.period.first) << ',' << to_string(row.period.last) << ',';
    write_csv_value(out, row.group_text());
    out << ',' << row.numerator << ',' << denominator(row) << ',' << percent(row) << ',' << confidence(row) << ',';
    write_csv_field(out, measure_title(*row.measure, language));
    for (std::size_t k = 0; k < by.size(); ++k) {
      out << ',';
      write_csv_value(out, group_value(row, k));
    }
    out << '\n';
  }
}

// The keys are report_columns, in order, so that the JSON and the CSV name a value alike.
void write_json(std::ostream& out, const Report& r, std::span<const std::string> by, Language language) {
  out << "[\n";
  for (std::size_t i = 0; i < r.rows.size(); ++i) {
    const ReportRow& row = r.rows[i];
    const auto key = [&](std::size_t k) { out << (k ? ",\"" : "  {\"") << report_columns[k] << "\":"; };
    key(0);
    write_json_string(out, row.measure->id);
    key(1);
    write_json_string(out, to_string(row.period.first));
    key(2);
    write_json_string(out, to_string(row.period.last));
    key(3);
    write_json_string(out, row.group_text());
    key(4);
    out << row.numerator;
    key(5);
    out << (row.has_denominator ? denominator(row) : "null");
    key(6);
    out << (row.percentage() ? percent(row) : "null");
    key(7);
    if (row.confidence) write_json_string(out, confidence(row));
    else out << "null";
    key(8);
    write_json_string(out, measure_title(*row.measure, language));
    static_assert(report_columns.size() == 9, "a new report column is written here too");
    for (std::size_t k = 0; k < by.size(); ++k) {
      out << ',';
      write_json_string(out, by[k]);
      out << ':';
      if (row.all) out << "null";
      else write_json_string(out, group_value(row, k));
    }
    out << "}" << (i + 1 < r.rows.size() ? "," : "") << "\n";
  }
  out << "]\n";
}

// For people: the measure's title beside its id; the `group` column stands for the `by` columns.
void write_markdown(std::ostream& out, const Report& r, Language language) {
  bool marked = false;
  out << "| measure | period | group | numerator | denominator | % | confidence |\n|---|---|---|---|---|---|---|\n";
  for (const ReportRow& row : r.rows) {
    const bool below = row.confidence && *row.confidence != Confidence::confirmed;
    marked = marked || below;
    out << "| " << markdown_cell(measure_title(*row.measure, language)) << " (" << markdown_cell(row.measure->id) << ") | "
        << to_string(row.period.first) << " to " << to_string(row.period.last) << " | " << markdown_cell(row.group_text())
        << " | " << row.numerator << " | " << denominator(row) << " | " << percent(row) << (below ? " *" : "") << " | "
        << confidence(row) << " |\n";
  }
  if (marked) out << "\n\\* " << not_settled_note(language) << ".\n";
}

}  // namespace

void write_report(std::ostream& out, const Report& report, std::span<const std::string> by_names, ReportFormat format,
                  Language language) {
  switch (format) {
    case ReportFormat::csv: write_csv(out, report, by_names, language); break;
    case ReportFormat::json: write_json(out, report, by_names, language); break;
    case ReportFormat::markdown: write_markdown(out, report, language); break;
  }
}

}  // namespace timescales
