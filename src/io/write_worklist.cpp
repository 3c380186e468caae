// The worklist in CSV, JSON lines and Markdown. A worklist is small (the open duties, not every
// obligation), so it is written a field at a time; the columns are those of worklist_columns.hpp.
#include <ostream>
#include <string>

#include "timescales/utf8.hpp"
#include "timescales/worklist_columns.hpp"
#include "timescales/write.hpp"

namespace timescales {

namespace {

// A cell as text, for CSV and Markdown.
std::string cell(const WorklistColumn& column, const WorklistRow& row) {
  if (column.shared != nullptr) return cell_text(*column.shared, row.obligation_row());
  if (column.text != nullptr) return std::string(column.text(row));
  return std::to_string(column.integer(row));
}

// What a spreadsheet or a Markdown table must not see raw: cells from the input (the case id,
// carried values) may hold anything.
bool from_input(const WorklistColumn& column) {
  return column.shared != nullptr && column.shared->type == ColumnType::input_text;
}

void write_csv(std::ostream& out, const Worklist& list, const Evaluation& evaluation, const EventTable& events,
               Language language) {
  const auto& carried = events.carried_columns();
  bool first = true;
  for (const WorklistColumn& c : worklist_columns) {
    out << (first ? "" : ",") << c.name;
    first = false;
  }
  for (const std::string& name : carried) {
    out << ',';
    write_csv_value(out, name);
  }
  out << '\n';
  for (const WorkItem& item : list.items) {
    const Obligation& ob = evaluation.obligations[item.obligation];
    const WorklistRow row{item, ob, events, language};
    first = true;
    for (const WorklistColumn& c : worklist_columns) {
      if (!first) out << ',';
      first = false;
      if (from_input(c)) write_csv_value(out, cell(c, row));
      else write_csv_field(out, cell(c, row));
    }
    for (std::size_t k = 0; k < carried.size(); ++k) {
      out << ',';
      write_csv_value(out, events.carried(k, ob.trigger_row));
    }
    out << '\n';
  }
}

// One object per item: a line each (JSON lines), or the elements of one array (JSON).
void write_json_objects(std::ostream& out, const Worklist& list, const Evaluation& evaluation, const EventTable& events,
                        Language language, bool array) {
  const auto& carried = events.carried_columns();
  if (array) out << '[';
  for (const WorkItem& item : list.items) {
    const Obligation& ob = evaluation.obligations[item.obligation];
    const WorklistRow row{item, ob, events, language};
    if (array) out << (&item == &list.items.front() ? "\n" : ",\n");
    out << '{';
    bool first = true;
    for (const WorklistColumn& c : worklist_columns) {
      out << (first ? "" : ",") << '"' << c.name << "\":";
      first = false;
      if (c.integer != nullptr || (c.shared != nullptr && c.shared->type == ColumnType::integer)) {
        out << cell(c, row);
      } else if (c.shared != nullptr && c.shared->type == ColumnType::date && cell(c, row).empty()) {
        out << "null";
      } else {
        write_json_string(out, cell(c, row));
      }
    }
    for (std::size_t k = 0; k < carried.size(); ++k) {
      out << ',';
      write_json_string(out, carried[k]);
      out << ':';
      write_json_string(out, events.carried(k, ob.trigger_row));
    }
    out << (array ? "}" : "}\n");
  }
  if (array) out << (list.items.empty() ? "]\n" : "\n]\n");
}

void write_markdown(std::ostream& out, const Worklist& list, const Evaluation& evaluation, const EventTable& events,
                    const WorklistOptions& options, Language language) {
  const auto& carried = events.carried_columns();
  std::vector<std::string> by_names;
  for (const std::size_t k : options.by) by_names.push_back(carried[k]);
  out << "# " << markdown_cell(worklist_text::heading(list.as_of, list.horizon, options.within, language)) << "\n";
  const std::vector<WorklistGroup> groups = worklist_groups(list, evaluation, events, options.by);
  bool marked = false;
  std::size_t next = 0;  // items are sorted by group first: each group's rows are consecutive
  for (const WorklistGroup& g : groups) {
    out << "\n## " << markdown_cell(worklist_text::group(by_names, g.values, language)) << "\n\n"
        << markdown_cell(worklist_text::counts(g.overdue, g.due_this_week, g.due_within_horizon, options.within, language))
        << "\n\n";
    const std::size_t rows = g.overdue + g.due_within_horizon;
    if (rows == 0) {
      out << worklist_text::nothing_open(language) << "\n";
      continue;
    }
    out << '|';
    for (const WorklistColumn& c : worklist_columns) out << ' ' << c.name << " |";
    for (const std::string& name : carried) out << ' ' << markdown_cell(name) << " |";
    out << "\n|";
    for (std::size_t i = 0; i < worklist_columns.size() + carried.size(); ++i) out << "---|";
    out << '\n';
    for (std::size_t n = 0; n < rows; ++n, ++next) {
      const WorkItem& item = list.items[next];
      const Obligation& ob = evaluation.obligations[item.obligation];
      const WorklistRow row{item, ob, events, language};
      out << '|';
      for (const WorklistColumn& c : worklist_columns) {
        std::string text = markdown_cell(cell(c, row));
        if (c.name == "confidence" && ob.rule->confidence != Confidence::confirmed) {
          text += " \\*";
          marked = true;
        }
        out << ' ' << text << " |";
      }
      for (std::size_t k = 0; k < carried.size(); ++k) out << ' ' << markdown_cell(events.carried(k, ob.trigger_row)) << " |";
      out << '\n';
    }
  }
  if (marked) out << "\n\\* " << not_settled_note(language) << ".\n";
}

}  // namespace

void write_worklist(std::ostream& out, const Worklist& list, const Evaluation& evaluation, const EventTable& events,
                    const WorklistOptions& options, WorklistFormat format, Language language) {
  switch (format) {
    case WorklistFormat::csv: write_csv(out, list, evaluation, events, language); break;
    case WorklistFormat::jsonl: write_json_objects(out, list, evaluation, events, language, false); break;
    case WorklistFormat::json: write_json_objects(out, list, evaluation, events, language, true); break;
    case WorklistFormat::markdown: write_markdown(out, list, evaluation, events, options, language); break;
  }
}

}  // namespace timescales
