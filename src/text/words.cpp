// The words of wording.hpp: from the message catalogues (text/catalogue.hpp), and where a
// language's grammar needs code (ordinals), a case for each language.
#include "timescales/wording.hpp"

#include "text/catalogue.hpp"

#include <array>
#include <cstdio>
#include <type_traits>
#include <utility>
#include <variant>

namespace timescales {

// Weekday and month names are English message ids with a context, so that "May" the month is not
// "May" the verb to a translator.
std::string_view weekday_name(Weekday weekday, Language language) {
  using text::marked;
  constexpr std::array names{marked("weekday", "Monday"),   marked("weekday", "Tuesday"), marked("weekday", "Wednesday"),
                             marked("weekday", "Thursday"), marked("weekday", "Friday"),  marked("weekday", "Saturday"),
                             marked("weekday", "Sunday")};
  return text::word(language, names[static_cast<std::size_t>(weekday) - 1]);
}

std::string_view month_name(int month, Language language) {
  using text::marked;
  constexpr std::array names{marked("month", "Jan"), marked("month", "Feb"), marked("month", "Mar"), marked("month", "Apr"),
                             marked("month", "May"), marked("month", "Jun"), marked("month", "Jul"), marked("month", "Aug"),
                             marked("month", "Sep"), marked("month", "Oct"), marked("month", "Nov"), marked("month", "Dec")};
  return text::word(language, names[static_cast<std::size_t>(month) - 1]);
}

std::string day_and_month(Date date, Language language) {
  const auto ymd = civil_from_days(date);
  return text::say(language, "{0} {1}", {std::to_string(ymd.day), month_name(ymd.month, language)});
}

// Ordinal suffixes are grammar rather than words, so they are written here, for each language.
std::string ordinal(int n, Language language) {
  switch (language) {
    case Language::en: {
      const int tens = n % 100, units = n % 10;
      const char* suffix = (tens >= 11 && tens <= 13) ? "th"
                           : units == 1                ? "st"
                           : units == 2                ? "nd"
                           : units == 3                ? "rd"
                                                       : "th";
      return std::to_string(n) + suffix;
    }
    case Language::cy: {
      // The written abbreviations of the Welsh (vigesimal) ordinals: the last letters of the last
      // word, 1af (cyntaf) to 20fed (ugeinfed), then "ain" for those ending "ar hugain", "a
      // deugain", "a thrigain" (21ain, 30ain), and "fed" for 40fed, 50fed, 60fed, 80fed and 100fed
      // (docs/cymraeg.md gives the sources; above 100 it is unconfirmed).
      constexpr std::array<std::string_view, 21> first{"fed", "af",  "il",  "ydd", "ydd", "ed",  "ed",
                                                       "fed", "fed", "fed", "fed", "eg",  "fed", "eg",
                                                       "eg",  "fed", "eg",  "eg",  "fed", "eg",  "fed"};
      const std::string_view suffix = n >= 0 && n <= 20                                   ? first[static_cast<std::size_t>(n)]
                                      : n < 100 && n != 40 && n != 50 && n != 60 && n != 80 ? "ain"
                                                                                            : "fed";
      return std::to_string(n) + std::string(suffix);
    }
  }
  std::unreachable();
}

std::string period_words(Period period, Language language) {
  const std::string n = std::to_string(period.count);
  const auto count = static_cast<unsigned long>(period.count);
  switch (period.unit) {
    case PeriodUnit::working_days: return text::say_n(language, "{0} working day", "{0} working days", count, {n});
    case PeriodUnit::days: return text::say_n(language, "{0} day", "{0} days", count, {n});
    case PeriodUnit::weeks: return text::say_n(language, "{0} week", "{0} weeks", count, {n});
    case PeriodUnit::months: return text::say_n(language, "{0} month", "{0} months", count, {n});
  }
  std::unreachable();
}

// The rule and measure files carry a Welsh title and summary; a council's rule written in English
// only (english_only) keeps its English ones.
namespace {
std::string_view in_language(const std::string& english, const std::string& welsh, Language language) {
  return language == Language::cy && !welsh.empty() ? welsh : english;
}
}  // namespace

std::string_view rule_title(const Rule& rule, Language language) { return in_language(rule.title, rule.title_cy, language); }

std::string_view measure_title(const Measure& measure, Language language) {
  return in_language(measure.title, measure.title_cy, language);
}

std::string_view rule_summary(const Rule& rule, Language language) {
  return in_language(rule.summary, rule.summary_cy, language);
}

std::string_view measure_summary(const Measure& measure, Language language) {
  return in_language(measure.summary, measure.summary_cy, language);
}

std::string_view setting_summary(const DateSetting& setting, Language language) {
  return in_language(setting.summary, setting.summary_cy, language);
}

std::string_view not_encoded_duty(const NotEncoded& entry, Language language) {
  return in_language(entry.duty, entry.duty_cy, language);
}

std::string_view not_encoded_reason(const NotEncoded& entry, Language language) {
  return in_language(entry.reason, entry.reason_cy, language);
}

// The display name; name(Status) stays the code that machine columns carry.
std::string_view status_name(Status status, Language language) {
  using text::marked;
  constexpr std::array names{marked("status", "met"),     marked("status", "late"),    marked("status", "missed"),
                             marked("status", "overdue"), marked("status", "pending"), marked("status", "cancelled")};
  return text::word(language, names[static_cast<std::size_t>(status)]);
}

std::string_view standard_name(Standard standard, Language language) {
  using text::marked;
  constexpr std::array names{marked("standard, one word", "statutory"), marked("standard, one word", "plan"),
                             marked("standard, one word", "local")};
  return text::word(language, names[static_cast<std::size_t>(standard)]);
}

// The calendar data names each holiday in English and Welsh; a one-off holiday whose Welsh name
// was not published keeps its English one (docs/cymraeg.md).
std::string_view holiday_name(const Holiday& holiday, Language language) {
  switch (language) {
    case Language::en: return holiday.name;
    case Language::cy: return holiday.name_cy.empty() ? holiday.name : holiday.name_cy;
  }
  std::unreachable();
}

// Attributes and values are the rule format's identifiers, the same in every language.
std::string condition_words(const Condition& condition, Language /*language*/) {
  const std::string value = std::visit(
      [](auto v) -> std::string {
        if constexpr (std::is_same_v<decltype(v), bool>) return v ? "true" : "false";
        else return std::string(name(v));
      },
      condition.value);
  return std::string(name(condition.attribute)) + " = " + value;
}

std::string in_effect(Date from, std::optional<Date> to, Language language) {
  if (!to) return text::say(language, "from {0}", {to_string(from)});
  return text::say(language, "from {0} to {1}", {to_string(from), to_string(*to)});
}

std::string_view not_settled_note(Language language) {
  return text::word(language,
                    text::marked("note", "rests on a rule that is probable or unconfirmed, not settled law (C13)"));
}

namespace worklist_text {

std::string heading(Date as_of, Date horizon, Period within, Language language) {
  return text::say(language, "Open duties on {0}: overdue, and due by {1} ({2})",
                   {to_string(as_of), to_string(horizon), period_words(within, language)});
}

std::string group(const std::vector<std::string>& columns, const std::vector<std::string>& values, Language language) {
  if (columns.empty()) return std::string(text::word(language, text::marked("worklist group", "all")));
  std::string out;
  for (std::size_t i = 0; i < columns.size() && i < values.size(); ++i) {
    // Column names are the data's own; only a missing value is a word.
    const std::string_view value =
        values[i].empty() ? text::word(language, text::marked("worklist group", "(none)")) : values[i];
    out += (i ? ", " : "") + columns[i] + " = " + std::string(value);
  }
  return out;
}

std::string counts(std::size_t overdue, std::size_t this_week, std::size_t within_horizon, Period within,
                   Language language) {
  return text::say(language, "{0} overdue, {1} due this week, {2} due within {3}",
                   {std::to_string(overdue), std::to_string(this_week), std::to_string(within_horizon),
                    period_words(within, language)});
}

std::string_view nothing_open(Language language) {
  return text::word(language, text::marked("worklist", "Nothing overdue or due within the horizon."));
}

}  // namespace worklist_text

namespace workbook_text {

// Sheet names are at most 31 characters in every language (Excel's limit).
std::string_view obligations_sheet(Language language) {
  return text::word(language, text::marked("sheet", "Obligations"));
}

std::string_view rejected_sheet(Language language) {
  return text::word(language, text::marked("sheet", "Rejected rows"));
}

std::string_view contents_sheet(Language language) {
  return text::word(language, text::marked("sheet", "Contents"));
}

std::string_view summary_sheet(Language language) {
  return text::word(language, text::marked("sheet", "Summary"));
}

std::string_view worklist_sheet(Language language) {
  return text::word(language, text::marked("sheet", "Worklist"));
}

std::string_view marked_rows(Language language) {
  return text::word(language,
                    text::marked("workbook", "Shaded rows rest on a rule that is probable or unconfirmed, not settled "
                                             "law (C13): their confidence column says which."));
}

std::string_view sheet_column(Language language) { return text::word(language, text::marked("column", "sheet")); }

}  // namespace workbook_text


namespace dashboard_text {

namespace {

// "90", "92.5": a target's number as it was written, to one decimal.
std::string number_text(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  std::string out = buffer;
  if (out.ends_with(".0")) out.resize(out.size() - 2);
  return out;
}

// "5,312": thousands separated, as people read counts.
std::string grouped(std::size_t n) {
  std::string digits = std::to_string(n);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), ",");
  return digits;
}

// The financial year a date is in, as "2023-24" (April to March).
std::string financial_year(Date date) {
  const auto ymd = civil_from_days(date);
  const int start = ymd.month >= 4 ? ymd.year : ymd.year - 1;
  const int end = (start + 1) % 100;
  return std::to_string(start) + "-" + (end < 10 ? "0" : "") + std::to_string(end);
}

}  // namespace

namespace {

Words words_in(Language language) {
  const auto w = [language](text::Marked message) { return text::word(language, message); };
  using text::marked;
  return {
      .default_title = w(marked("dashboard", "Statutory timescales")),
      .skip_link = w(marked("dashboard", "Skip to the figures")),
      .contents = w(marked("dashboard", "On this page")),
      .headline = w(marked("dashboard", "Headline figures")),
      .trends = w(marked("dashboard", "Trends")),
      .teams = w(marked("dashboard", "By group")),
      .needs_doing = w(marked("dashboard", "What needs doing")),
      .about = w(marked("dashboard", "About these figures")),
      .period = w(marked("dashboard", "Period")),
      .numerator = w(marked("dashboard", "Within the timescale")),
      .denominator = w(marked("dashboard", "Counted")),
      .percentage = w(marked("dashboard", "Percentage")),
      .confidence = w(marked("dashboard", "Rule confidence")),
      .against_target = w(marked("dashboard", "Against target")),
      .no_target = w(marked("dashboard", "No target set")),
      .no_figure = w(marked("dashboard", "Nothing counted")),
      .partial = w(marked("dashboard", "partial")),
      .target = w(marked("dashboard", "Target")),
      .case_id = w(marked("dashboard", "Case")),
      .duty = w(marked("dashboard", "Duty")),
      .due = w(marked("dashboard", "Due")),
      .done = w(marked("dashboard", "Done")),
      .status = w(marked("dashboard", "Status")),
      .days_left = w(marked("dashboard", "Days left")),
      .working_days_left = w(marked("dashboard", "Working days left")),
      .why = w(marked("dashboard", "Why")),
      .n = w(marked("dashboard", "n=")),
      .behind = w(marked("dashboard", "Behind the figure")),
      .counted_in = w(marked("dashboard", "Within the timescale")),
      .yes = w(marked("dashboard", "yes")),
      .no = w(marked("dashboard", "no")),
      .sort_by = w(marked("dashboard", "Sort by")),
      .chart_data = w(marked("dashboard", "The chart's figures are in the table below it.")),
      .case_ids_only = w(marked("dashboard", "The page holds case ids only, never names.")),
      .nothing_open = worklist_text::nothing_open(language),
  };
}

}  // namespace

// The views point into the embedded catalogues, so each language's table is built once.
const Words& words(Language language) {
  static const std::array all{words_in(Language::en), words_in(Language::cy)};
  return all[static_cast<std::size_t>(language)];
}

// English says "duties" for every number, as it always has; the Welsh forms follow the number.
std::string small_figure_words(std::size_t below, Language language) {
  return text::say_n(language, "Fewer than {0} duties: read with care", "Fewer than {0} duties: read with care", below,
                     {std::to_string(below)});
}

std::string chart_legend(std::size_t below, Language language) {
  return text::say_n(language,
                     "On the charts, a hollow point is a period that is not over yet or a figure of fewer than {0} "
                     "duties, and the grey line is the target. Below each period, n is the number of duties counted.",
                     "On the charts, a hollow point is a period that is not over yet or a figure of fewer than {0} "
                     "duties, and the grey line is the target. Below each period, n is the number of duties counted.",
                     below, {std::to_string(below)});
}

std::string_view rag_name(Rag rag, Language language) {
  using text::marked;
  constexpr std::array names{marked("rag", "On target"), marked("rag", "Near target"), marked("rag", "Off target")};
  return text::word(language, names[static_cast<std::size_t>(rag)]);
}

std::string_view rag_symbol(Rag rag) { return rag == Rag::green ? "\u2714" : rag == Rag::amber ? "\u25B2" : "\u2716"; }

std::string_view switch_to(Language language) { return language == Language::cy ? "Cymraeg" : "English"; }

std::string_view standard_words(Standard standard, Language language) {
  using text::marked;
  constexpr std::array names{marked("standard", "statutory standard"), marked("standard", "plan standard"),
                             marked("standard", "local standard")};
  return text::word(language, names[static_cast<std::size_t>(standard)]);
}

std::string period_label(DateRange period, Granularity granularity, Language language) {
  const auto ymd = civil_from_days(period.first);
  switch (granularity) {
    case Granularity::month:
      return text::say(language, "{0} {1}", {month_name(ymd.month, language), std::to_string(ymd.year)});
    case Granularity::quarter:
      return text::say(language, "{0} Q{1}",
                       {financial_year(period.first), std::to_string((ymd.month + 8) % 12 / 3 + 1)});
    case Granularity::year: return financial_year(period.first);
    case Granularity::whole:
      return text::say(language, "{0} to {1}", {to_string(period.first), to_string(period.last)});
  }
  std::unreachable();
}

std::string as_of_line(Date as_of, Granularity granularity, Language language) {
  const std::string date = to_string(as_of);
  switch (granularity) {
    case Granularity::month: return text::say(language, "Figures as of {0}, by month.", {date});
    case Granularity::quarter:
      return text::say(language, "Figures as of {0}, by financial quarter (April to March).", {date});
    case Granularity::year:
      return text::say(language, "Figures as of {0}, by financial year (April to March).", {date});
    case Granularity::whole: return text::say(language, "Figures as of {0}, over the whole time.", {date});
  }
  std::unreachable();
}

std::string rules_line(std::string_view version, std::string_view fingerprint, std::span<const std::string> origins,
                       Language language) {
  const std::string_view built_in = text::word(language, text::marked("rules", "built in"));
  std::string from;
  for (const std::string& o : origins) from += (from.empty() ? "" : ", ") + (o.empty() ? std::string(built_in) : o);
  return text::say(language,
                   "Computed with timescales {0}, rules {1} ({2}). Every figure counts children's duties by the rules' "
                   "statutory timescales; a figure resting on a rule that is probable or unconfirmed says so (C13).",
                   {version, fingerprint, from});
}

// The display name; name(Confidence) stays the code that rule files and machine columns carry.
std::string_view confidence_name(Confidence confidence, Language language) {
  using text::marked;
  constexpr std::array names{marked("confidence", "confirmed"), marked("confidence", "probable"),
                             marked("confidence", "unconfirmed")};
  return text::word(language, names[static_cast<std::size_t>(confidence)]);
}

// English says "duties" for every total, as it always has (listed and behind's first n are fewer
// than their total); the Welsh forms follow the total.
std::string listed(std::size_t shown, std::size_t total, Language language) {
  return text::say_n(language,
                     "The first {0} of the {1} duties, those due first; timescales worklist lists them all.",
                     "The first {0} of the {1} duties, those due first; timescales worklist lists them all.", total,
                     {grouped(shown), grouped(total)});
}

std::string figure_counts(std::size_t numerator, std::size_t denominator, bool has_denominator, Language language) {
  if (!has_denominator) return grouped(numerator);
  return text::say(language, "{0} of {1}", {grouped(numerator), grouped(denominator)});
}

std::string target_words(const Target& target, Language language) {
  const std::string value = number_text(target.value) + "%";
  const bool higher = target.better == Better::higher;
  if (target.amber > 0) {
    const std::string amber = number_text(target.amber);
    const std::initializer_list<std::string_view> fields{value, amber, target.set_by};
    return higher ? text::say(language, "Target: {0} or more (near: within {1} points), set by {2}", fields)
                  : text::say(language, "Target: {0} or less (near: within {1} points), set by {2}", fields);
  }
  return higher ? text::say(language, "Target: {0} or more, set by {1}", {value, target.set_by})
                : text::say(language, "Target: {0} or less, set by {1}", {value, target.set_by});
}

std::string_view previous_periods(Language language) {
  return text::word(language, text::marked("dashboard", "Earlier periods:"));
}

std::string partial_period(Date to, Language language) {
  return text::say(language, "to {0}: the period is not over", {to_string(to)});
}

std::string behind(std::size_t shown, std::size_t total, Language language) {
  const std::string n = grouped(total);
  if (shown == total) {
    return text::say_n(language, "The {0} duty behind this figure", "The {0} duties behind this figure", total, {n});
  }
  return text::say_n(language,
                     "The first {0} of the {1} duties behind this figure (those not met first); timescales report "
                     "--drill-down lists them all",
                     "The first {0} of the {1} duties behind this figure (those not met first); timescales report "
                     "--drill-down lists them all",
                     total, {grouped(shown), n});
}

}  // namespace dashboard_text

}  // namespace timescales
