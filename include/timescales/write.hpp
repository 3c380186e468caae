// Writing evaluation results in the shared formats (docs/formats.md): obligations as CSV or JSON lines,
// rejected rows, findings. Carried columns follow the fixed ones, with the trigger event's values.
#pragma once

#include <ostream>
#include <string_view>

#include "timescales/engine.hpp"

namespace timescales {

enum class OutputFormat { csv, jsonl };

void write_obligations(std::ostream& out, const Evaluation& evaluation, const EventTable& events,
                       OutputFormat format, bool explain);

// CSV: line,case_id,column,reason.
void write_rejections(std::ostream& out, const EventTable& events);

// CSV: case_id,rule,event,date,attribute,asked,limit,explanation.
void write_findings(std::ostream& out, const Evaluation& evaluation, const EventTable& events);

// One CSV field, quoted when it must be (RFC 4180).
void write_csv_field(std::ostream& out, std::string_view field);

// One JSON string literal, escaped.
void write_json_string(std::ostream& out, std::string_view text);

}  // namespace timescales
