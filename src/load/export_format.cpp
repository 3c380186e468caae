#include "timescales/export_format.hpp"

#include <algorithm>

#include "load/toml_reader.hpp"
#include "timescales/utf8.hpp"
#include "timescales/vocabulary.hpp"

namespace timescales {

namespace {

std::vector<std::string> event_columns() {
  std::vector<std::string> out{"case_id", "event", "date"};
  for (const AttributeInfo& a : attribute_infos) out.emplace_back(a.name);
  return out;
}

std::string event_column_list() {
  std::string out;
  for (const std::string& name : event_columns()) out += (out.empty() ? "" : ", ") + name;
  return out;
}

}  // namespace

bool is_event_column(std::string_view name) {
  return name == "case_id" || name == "event" || name == "date" || attribute_named(name).has_value();
}

std::expected<ColumnRename, std::string> parse_column_rename(std::string_view text) {
  const auto eq = text.rfind('=');
  if (eq == std::string_view::npos || eq == 0 || eq + 1 == text.size()) {
    return std::unexpected("column mapping " + excerpt(text) + " is not THEIRS=OURS (as \"Case ID=case_id\")");
  }
  return ColumnRename{std::string(text.substr(0, eq)), std::string(text.substr(eq + 1))};
}

std::expected<void, std::string> check_column_mapping(const ColumnMapping& mapping) {
  for (std::size_t i = 0; i < mapping.size(); ++i) {
    const ColumnRename& r = mapping[i];
    if (!is_event_column(r.to)) {
      const auto guess = load::nearest(r.to, event_columns());
      return std::unexpected("column mapping " + excerpt(r.from) + "=" + excerpt(r.to) + ": " + excerpt(r.to) +
                             " is not an event column" + (guess ? " (did you mean '" + *guess + "'?)" : "") +
                             "; the event columns are " + event_column_list());
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (mapping[j].from == r.from) {
        return std::unexpected("column mapping: " + excerpt(r.from) + " is mapped twice, to " + mapping[j].to + " and " + r.to);
      }
      if (mapping[j].to == r.to) {
        return std::unexpected("column mapping: both " + excerpt(mapping[j].from) + " and " + excerpt(r.from) +
                               " are mapped to " + r.to);
      }
    }
  }
  return {};
}

std::expected<ExportFormat, Diagnostics> read_export_format(const std::string& name, const std::string& text) {
  Diagnostics out;
  const auto doc = load::parse_file(name, text, out);
  if (!doc) return std::unexpected(std::move(out));
  load::TableReader top(*doc, name, "", out);
  ExportFormat format;
  if (const auto f = top.string("date_format", false)) {
    auto parsed = DateFormat::named(*f);
    if (parsed) format.date_format = *parsed;
    else top.error(*doc->get("date_format"), parsed.error());
  }
  const toml::table* columns = top.table("columns", true);
  top.finish();
  if (columns != nullptr) {
    for (const auto& [key, value] : *columns) {
      const std::string from(key.str());
      const auto* to = value.as_string();
      if (to == nullptr) {
        out.push_back(load::diagnostic_at(name, value, "columns: the value of " + excerpt(from) +
                                                           " must be a string, the event column it is"));
        continue;
      }
      ColumnMapping one = format.columns;
      one.push_back({from, to->get()});
      if (const auto ok = check_column_mapping(one); !ok) {
        out.push_back(load::diagnostic_at(name, value, ok.error()));
        continue;
      }
      format.columns = std::move(one);
    }
  }
  if (!out.empty()) return std::unexpected(std::move(out));
  return format;
}

}  // namespace timescales
