// Calendar files (rules/calendars/*.toml) into Calendars. A calendar either lists holidays itself
// or `extends` another and adds annual closures (Christmas Eve).
#include <map>
#include <memory>

#include "load/toml_reader.hpp"
#include "timescales/load.hpp"

namespace timescales {

namespace load {

// The one way to a Calendar: from a calendar file's whole definition (calendar.hpp says why).
struct CalendarLoader {
  static std::expected<Calendar, Error> build(CalendarDefinition def) { return Calendar::build(std::move(def)); }
};

}  // namespace load

namespace {

struct ParsedCalendar {
  CalendarDefinition definition;
  std::optional<std::string> extends;
  std::string file;
};

HolidaySource holiday_source(const std::string& s) {
  if (s == "govuk") return HolidaySource::published;
  if (s == "rules") return HolidaySource::derived;
  return HolidaySource::projected;
}

HolidayKind holiday_kind(const std::string& s) {
  if (s == "substitute") return HolidayKind::substitute;
  if (s == "special") return HolidayKind::special;
  return HolidayKind::regular;
}

std::optional<ParsedCalendar> parse_calendar(const SourceFile& file, const toml::table& doc,
                                             Diagnostics& out) {
  load::TableReader top(doc, file.where(), "", out);
  ParsedCalendar parsed;
  parsed.file = file.where();
  auto id = top.string("id", true);
  auto title = top.string("title", true);
  top.string("title_cy", false);
  auto provenance = top.string("provenance", true);
  parsed.extends = top.string("extends", false);
  const std::size_t errors_before = out.size();

  if (!parsed.extends) {
    if (const auto* range = top.table("supported", true)) {
      load::TableReader r(*range, file.where(), "supported", out);
      auto from = r.date("from", true);
      auto to = r.date("to", true);
      r.finish();
      if (from && to) parsed.definition.supported = {*from, *to};
    }
    if (const auto* years = top.table("listed_years", true)) {
      load::TableReader r(*years, file.where(), "listed_years", out);
      auto from = r.integer("from", true);
      auto to = r.integer("to", true);
      r.finish();
      if (from && to) {
        parsed.definition.listed_from_year = static_cast<int>(*from);
        parsed.definition.listed_to_year = static_cast<int>(*to);
      }
    }
    if (const auto* holidays = top.array("holidays", true)) {
      for (const toml::node& node : *holidays) {
        const auto* entry = node.as_table();
        if (entry == nullptr) {
          out.push_back(load::diagnostic_at(file.where(), node, "each holiday must be a table"));
          continue;
        }
        load::TableReader h(*entry, file.where(), "holiday", out);
        auto date = h.date("date", true);
        auto name = h.string("name", true);
        auto name_cy = h.string("name_cy", false);
        auto kind = h.choice("kind", true, {"regular", "substitute", "special"});
        auto source = h.choice("source", true, {"govuk", "rules", "projected"});
        auto replaces = h.date("replaces", false);
        h.finish();
        if (date && name && kind && source) {
          parsed.definition.listed.push_back({*date, *name, name_cy.value_or(""),
                                              holiday_kind(*kind), holiday_source(*source),
                                              replaces});
        }
      }
    }
  }
  if (const auto* closures = top.array("closures", false)) {
    for (const toml::node& node : *closures) {
      const auto* entry = node.as_table();
      if (entry == nullptr) {
        out.push_back(load::diagnostic_at(file.where(), node, "each closure must be a table"));
        continue;
      }
      load::TableReader c(*entry, file.where(), "closure", out);
      auto month = c.integer("month", true);
      auto day = c.integer("day", true);
      auto name = c.string("name", true);
      auto name_cy = c.string("name_cy", false);
      c.finish();
      if (month && day && name) {
        if (!make_date(2000, static_cast<int>(*month), static_cast<int>(*day))) {
          c.error_here("closure " + *name + " has no such day of the year");
          continue;
        }
        parsed.definition.closures.push_back(
            {static_cast<int>(*month), static_cast<int>(*day), *name, name_cy.value_or("")});
      }
    }
  }
  top.finish();
  if (!id || !title || !provenance || out.size() != errors_before) return std::nullopt;
  parsed.definition.id = *id;
  parsed.definition.title = *title;
  parsed.definition.provenance = *provenance;
  return parsed;
}

}  // namespace

std::expected<Calendars, Diagnostics> load_calendars(std::span<const SourceFile> files) {
  Diagnostics out;
  std::vector<toml::table> docs;  // kept alive while parsed calendars point into them
  docs.reserve(files.size());
  std::map<std::string, ParsedCalendar> parsed;
  for (const SourceFile& file : files) {
    if (!is_calendar_file(file.path)) continue;
    auto doc = load::parse_file(file.where(), file.text, out);
    if (!doc) continue;
    docs.push_back(std::move(*doc));
    auto cal = parse_calendar(file, docs.back(), out);
    if (!cal) continue;
    const std::string id = cal->definition.id;
    if (parsed.contains(id)) {
      out.push_back({file.where(), 1, 1, "calendar id '" + id + "' is already defined in " + parsed[id].file, {}});
      continue;
    }
    parsed.emplace(id, std::move(*cal));
  }

  std::vector<std::shared_ptr<const Calendar>> built;
  for (auto& [id, cal] : parsed) {
    CalendarDefinition def = cal.definition;
    if (cal.extends) {
      const auto base = parsed.find(*cal.extends);
      if (base == parsed.end() || base->second.extends) {
        out.push_back({cal.file, 1, 1, "calendar " + id + " extends unknown calendar '" + *cal.extends + "'",
                       "it must name a calendar that lists its own holidays"});
        continue;
      }
      const CalendarDefinition& b = base->second.definition;
      def.listed = b.listed;
      def.listed_from_year = b.listed_from_year;
      def.listed_to_year = b.listed_to_year;
      def.supported = b.supported;
      def.closures.insert(def.closures.begin(), b.closures.begin(), b.closures.end());
    }
    auto calendar = load::CalendarLoader::build(std::move(def));
    if (!calendar) {
      out.push_back({cal.file, 0, 0, calendar.error().message, {}});
      continue;
    }
    built.push_back(std::make_shared<const Calendar>(std::move(*calendar)));
  }
  if (!out.empty()) return std::unexpected(std::move(out));
  return Calendars(std::move(built));
}

}  // namespace timescales
