#include "timescales/write.hpp"

#include <array>

#include "timescales/explain.hpp"

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

constexpr std::array<std::string_view, 11> fixed_columns{
    "case_id", "rule", "standard", "occurrence", "trigger_event", "trigger_date", "due_date",
    "completed_date", "status", "days_late", "working_days_late"};

void write_csv(std::ostream& out, const Evaluation& ev, const EventTable& events, bool explain) {
  for (std::size_t i = 0; i < fixed_columns.size(); ++i) out << (i ? "," : "") << fixed_columns[i];
  for (const std::string& c : events.carried_columns()) {
    out << ',';
    write_csv_field(out, c);
  }
  if (explain) out << ",explanation";
  out << '\n';
  for (const Obligation& ob : ev.obligations) {
    write_csv_field(out, events.case_id(ob.case_index));
    out << ',' << ob.rule->id << ',' << name(ob.standard) << ',' << ob.occurrence << ',' << name(ob.trigger_event)
        << ',' << to_string(ob.trigger_date) << ',' << to_string(ob.due_date) << ','
        << (ob.completed_date ? to_string(*ob.completed_date) : "") << ',' << name(ob.status) << ','
        << ob.days_late << ',' << ob.working_days_late;
    for (std::size_t c = 0; c < events.carried_columns().size(); ++c) {
      out << ',';
      write_csv_field(out, events.carried(c, ob.trigger_row));
    }
    if (explain) {
      out << ',';
      write_csv_field(out, timescales::explain(ob, events, ev.as_of));
    }
    out << '\n';
  }
}

void write_jsonl(std::ostream& out, const Evaluation& ev, const EventTable& events, bool explain) {
  for (const Obligation& ob : ev.obligations) {
    out << "{\"case_id\":";
    write_json_string(out, events.case_id(ob.case_index));
    out << ",\"rule\":\"" << ob.rule->id << "\",\"standard\":\"" << name(ob.standard) << "\",\"occurrence\":"
        << ob.occurrence << ",\"trigger_event\":\"" << name(ob.trigger_event) << "\",\"trigger_date\":\""
        << to_string(ob.trigger_date) << "\",\"due_date\":\"" << to_string(ob.due_date) << "\",\"completed_date\":";
    if (ob.completed_date) out << '"' << to_string(*ob.completed_date) << '"'; else out << "null";
    out << ",\"status\":\"" << name(ob.status) << "\",\"days_late\":" << ob.days_late
        << ",\"working_days_late\":" << ob.working_days_late;
    for (std::size_t c = 0; c < events.carried_columns().size(); ++c) {
      out << ',';
      write_json_string(out, events.carried_columns()[c]);
      out << ':';
      write_json_string(out, events.carried(c, ob.trigger_row));
    }
    if (explain) {
      out << ",\"explanation\":";
      write_json_string(out, timescales::explain(ob, events, ev.as_of));
    }
    out << "}\n";
  }
}

}  // namespace

void write_obligations(std::ostream& out, const Evaluation& ev, const EventTable& events, OutputFormat format,
                       bool explain) {
  if (format == OutputFormat::csv) write_csv(out, ev, events, explain);
  else write_jsonl(out, ev, events, explain);
}

void write_rejections(std::ostream& out, const EventTable& events) {
  out << "line,case_id,column,reason\n";
  for (const Rejection& r : events.rejected()) {
    out << r.line << ',';
    write_csv_field(out, r.case_id);
    out << ',';
    write_csv_field(out, r.column);
    out << ',';
    write_csv_field(out, r.reason);
    out << '\n';
  }
}

void write_findings(std::ostream& out, const Evaluation& ev, const EventTable& events) {
  out << "case_id,rule,event,date,attribute,asked,limit,explanation\n";
  for (const Finding& f : ev.findings) {
    write_csv_field(out, events.case_id(f.case_index));
    out << ',' << f.rule->id << ',' << name(f.event) << ',' << to_string(f.date) << ',' << name(f.attribute) << ','
        << to_string(f.asked) << ',' << to_string(f.limit) << ',';
    write_csv_field(out, explain(f));
    out << '\n';
  }
}

}  // namespace timescales
