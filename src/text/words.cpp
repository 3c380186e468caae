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

std::string_view rule_title(const Rule& rule, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: return rule.title;
  }
  std::unreachable();
}

std::string_view measure_title(const Measure& measure, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: return measure.title;
  }
  std::unreachable();
}

std::string_view status_name(Status status, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: return name(status);  // the status identifiers are English words
  }
  std::unreachable();
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

std::string condition_words(const Condition& condition, Language language) {
  const std::string value = std::visit(
      [](auto v) -> std::string {
        if constexpr (std::is_same_v<decltype(v), bool>) return v ? "true" : "false";
        else return std::string(name(v));
      },
      condition.value);
  switch (language) {
    case Language::en:
    case Language::cy: return std::string(name(condition.attribute)) + " = " + value;
  }
  std::unreachable();
}

std::string in_effect(Date from, std::optional<Date> to, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: return "from " + to_string(from) + (to ? " to " + to_string(*to) : "");
  }
  std::unreachable();
}

std::string_view not_settled_note(Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: return "rests on a rule that is probable or unconfirmed, not settled law (C13)";
  }
  std::unreachable();
}

namespace worklist_text {

std::string heading(Date as_of, Date horizon, Period within, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy:
      return "Open duties on " + to_string(as_of) + ": overdue, and due by " + to_string(horizon) + " (" +
             period_words(within, language) + ")";
  }
  std::unreachable();
}

std::string group(const std::vector<std::string>& columns, const std::vector<std::string>& values, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: {
      if (columns.empty()) return "all";
      std::string out;
      for (std::size_t i = 0; i < columns.size() && i < values.size(); ++i) {
        out += (i ? ", " : "") + columns[i] + " = " + (values[i].empty() ? "(none)" : values[i]);
      }
      return out;
    }
  }
  std::unreachable();
}

std::string counts(std::size_t overdue, std::size_t this_week, std::size_t within_horizon, Period within,
                   Language language) {
  switch (language) {
    case Language::en:
    case Language::cy:
      return std::to_string(overdue) + " overdue, " + std::to_string(this_week) + " due this week, " +
             std::to_string(within_horizon) + " due within " + period_words(within, language);
  }
  std::unreachable();
}

std::string_view nothing_open(Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: return "Nothing overdue or due within the horizon.";
  }
  std::unreachable();
}

}  // namespace worklist_text

namespace workbook_text {

std::string_view obligations_sheet(Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: return "Obligations";
  }
  std::unreachable();
}

std::string_view rejected_sheet(Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: return "Rejected rows";
  }
  std::unreachable();
}

std::string_view contents_sheet(Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: return "Contents";
  }
  std::unreachable();
}

std::string_view summary_sheet(Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: return "Summary";
  }
  std::unreachable();
}

std::string_view worklist_sheet(Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: return "Worklist";
  }
  std::unreachable();
}

std::string_view marked_rows(Language language) {
  switch (language) {
    case Language::en:
    case Language::cy:
      return "Shaded rows rest on a rule that is probable or unconfirmed, not settled law (C13): "
             "their confidence column says which.";
  }
  std::unreachable();
}

std::string_view sheet_column(Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: return "sheet";
  }
  std::unreachable();
}

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

const Words& words(Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: {
      static constexpr Words en{
          .default_title = "Statutory timescales",
          .skip_link = "Skip to the figures",
          .contents = "On this page",
          .headline = "Headline figures",
          .trends = "Trends",
          .teams = "By group",
          .needs_doing = "What needs doing",
          .about = "About these figures",
          .period = "Period",
          .numerator = "Within the timescale",
          .denominator = "Counted",
          .percentage = "Percentage",
          .confidence = "Rule confidence",
          .against_target = "Against target",
          .no_target = "No target set",
          .no_figure = "Nothing counted",
          .partial = "partial",
          .target = "Target",
          .case_id = "Case",
          .duty = "Duty",
          .due = "Due",
          .done = "Done",
          .status = "Status",
          .days_left = "Days left",
          .working_days_left = "Working days left",
          .why = "Why",
          .n = "n=",
          .behind = "Behind the figure",
          .counted_in = "Within the timescale",
          .yes = "yes",
          .no = "no",
          .sort_by = "Sort by",
          .chart_data = "The chart's figures are in the table below it.",
          .case_ids_only = "The page holds case ids only, never names.",
          .nothing_open = "Nothing overdue or due within the horizon.",
      };
      return en;
    }
  }
  std::unreachable();
}

std::string small_figure_words(std::size_t below, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: return "Fewer than " + std::to_string(below) + " duties: read with care";
  }
  std::unreachable();
}

std::string chart_legend(std::size_t below, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy:
      return "On the charts, a hollow point is a period that is not over yet or a figure of fewer than " +
             std::to_string(below) + " duties, and the grey line is the target. Below each period, n is the number "
             "of duties counted.";
  }
  std::unreachable();
}

std::string_view rag_name(Rag rag, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: return rag == Rag::green ? "On target" : rag == Rag::amber ? "Near target" : "Off target";
  }
  std::unreachable();
}

std::string_view rag_symbol(Rag rag) { return rag == Rag::green ? "\u2714" : rag == Rag::amber ? "\u25B2" : "\u2716"; }

std::string_view standard_words(Standard standard, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy:
      return standard == Standard::statutory ? "statutory standard"
             : standard == Standard::plan    ? "plan standard"
                                             : "local standard";
  }
  std::unreachable();
}

std::string period_label(DateRange period, Granularity granularity, Language language) {
  const auto ymd = civil_from_days(period.first);
  switch (language) {
    case Language::en:
    case Language::cy:
      switch (granularity) {
        case Granularity::month: return std::string(month_name(ymd.month, language)) + " " + std::to_string(ymd.year);
        case Granularity::quarter: return financial_year(period.first) + " Q" + std::to_string((ymd.month + 8) % 12 / 3 + 1);
        case Granularity::year: return financial_year(period.first);
        case Granularity::whole: return to_string(period.first) + " to " + to_string(period.last);
      }
  }
  std::unreachable();
}

std::string as_of_line(Date as_of, Granularity granularity, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: {
      const std::string_view by = granularity == Granularity::month     ? "by month"
                                  : granularity == Granularity::quarter ? "by financial quarter"
                                  : granularity == Granularity::year    ? "by financial year"
                                                                        : "over the whole time";
      const bool financial = granularity == Granularity::quarter || granularity == Granularity::year;
      return "Figures as of " + to_string(as_of) + ", " + std::string(by) + (financial ? " (April to March)." : ".");
    }
  }
  std::unreachable();
}

std::string rules_line(std::string_view version, std::string_view fingerprint, std::span<const std::string> origins,
                       Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: {
      std::string from;
      for (const std::string& o : origins) from += (from.empty() ? "" : ", ") + (o.empty() ? std::string("built in") : o);
      return "Computed with timescales " + std::string(version) + ", rules " + std::string(fingerprint) + " (" + from +
             "). Every figure counts children's duties by the rules' statutory timescales; a figure resting on a "
             "rule that is probable or unconfirmed says so (C13).";
    }
  }
  std::unreachable();
}

std::string_view confidence_name(Confidence confidence, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: return name(confidence);
  }
  std::unreachable();
}

std::string listed(std::size_t shown, std::size_t total, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy:
      return "The first " + grouped(shown) + " of the " + grouped(total) + " duties, those due first; timescales "
             "worklist lists them all.";
  }
  std::unreachable();
}

std::string figure_counts(std::size_t numerator, std::size_t denominator, bool has_denominator, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: return has_denominator ? grouped(numerator) + " of " + grouped(denominator) : grouped(numerator);
  }
  std::unreachable();
}

std::string target_words(const Target& target, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: {
      std::string out = "Target: " + number_text(target.value) + "%" + (target.better == Better::higher ? " or more" : " or less");
      if (target.amber > 0) out += " (near: within " + number_text(target.amber) + " points)";
      return out + ", set by " + target.set_by;
    }
  }
  std::unreachable();
}

std::string_view previous_periods(Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: return "Earlier periods:";
  }
  std::unreachable();
}

std::string partial_period(Date to, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy: return "to " + to_string(to) + ": the period is not over";
  }
  std::unreachable();
}

std::string behind(std::size_t shown, std::size_t total, Language language) {
  switch (language) {
    case Language::en:
    case Language::cy:
      if (shown == total) return "The " + grouped(total) + (total == 1 ? " duty" : " duties") + " behind this figure";
      return "The first " + grouped(shown) + " of the " + grouped(total) + " duties behind this figure (those not "
             "met first); timescales report --drill-down lists them all";
  }
  std::unreachable();
}

}  // namespace dashboard_text

}  // namespace timescales
