// The words of wording.hpp. Each function switches on the language: a translation is one more case.
#include "timescales/wording.hpp"

#include <array>
#include <cstdio>
#include <type_traits>
#include <utility>
#include <variant>

namespace timescales {

std::string_view weekday_name(Weekday weekday, Language language) {
  switch (language) {
    case Language::en: {
      constexpr std::array<std::string_view, 7> names{"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                      "Friday", "Saturday", "Sunday"};
      return names[static_cast<std::size_t>(weekday) - 1];
    }
  }
  std::unreachable();
}

std::string_view month_name(int month, Language language) {
  switch (language) {
    case Language::en: {
      constexpr std::array<std::string_view, 12> names{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
      return names[static_cast<std::size_t>(month) - 1];
    }
  }
  std::unreachable();
}

std::string day_and_month(Date date, Language language) {
  const auto ymd = civil_from_days(date);
  switch (language) {
    case Language::en: return std::to_string(ymd.day) + " " + std::string(month_name(ymd.month, language));
  }
  std::unreachable();
}

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
  }
  std::unreachable();
}

std::string period_words(Period period, Language language) {
  switch (language) {
    case Language::en: return to_string(period);  // the rule format spells periods in English words
  }
  std::unreachable();
}

std::string_view rule_title(const Rule& rule, Language language) {
  switch (language) {
    case Language::en: return rule.title;
  }
  std::unreachable();
}

std::string_view measure_title(const Measure& measure, Language language) {
  switch (language) {
    case Language::en: return measure.title;
  }
  std::unreachable();
}

std::string_view status_name(Status status, Language language) {
  switch (language) {
    case Language::en: return name(status);  // the status identifiers are English words
  }
  std::unreachable();
}

std::string_view holiday_name(const Holiday& holiday, Language language) {
  switch (language) {
    case Language::en: return holiday.name;  // the calendar data names each holiday in English and Welsh
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
    case Language::en: return std::string(name(condition.attribute)) + " = " + value;
  }
  std::unreachable();
}

std::string in_effect(Date from, std::optional<Date> to, Language language) {
  switch (language) {
    case Language::en: return "from " + to_string(from) + (to ? " to " + to_string(*to) : "");
  }
  std::unreachable();
}

std::string_view not_settled_note(Language language) {
  switch (language) {
    case Language::en: return "rests on a rule that is probable or unconfirmed, not settled law (C13)";
  }
  std::unreachable();
}

namespace worklist_text {

std::string heading(Date as_of, Date horizon, Period within, Language language) {
  switch (language) {
    case Language::en:
      return "Open duties on " + to_string(as_of) + ": overdue, and due by " + to_string(horizon) + " (" +
             period_words(within, language) + ")";
  }
  std::unreachable();
}

std::string group(const std::vector<std::string>& columns, const std::vector<std::string>& values, Language language) {
  switch (language) {
    case Language::en: {
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
      return std::to_string(overdue) + " overdue, " + std::to_string(this_week) + " due this week, " +
             std::to_string(within_horizon) + " due within " + period_words(within, language);
  }
  std::unreachable();
}

std::string_view nothing_open(Language language) {
  switch (language) {
    case Language::en: return "Nothing overdue or due within the horizon.";
  }
  std::unreachable();
}

}  // namespace worklist_text

namespace workbook_text {

std::string_view obligations_sheet(Language language) {
  switch (language) {
    case Language::en: return "Obligations";
  }
  std::unreachable();
}

std::string_view rejected_sheet(Language language) {
  switch (language) {
    case Language::en: return "Rejected rows";
  }
  std::unreachable();
}

std::string_view contents_sheet(Language language) {
  switch (language) {
    case Language::en: return "Contents";
  }
  std::unreachable();
}

std::string_view summary_sheet(Language language) {
  switch (language) {
    case Language::en: return "Summary";
  }
  std::unreachable();
}

std::string_view worklist_sheet(Language language) {
  switch (language) {
    case Language::en: return "Worklist";
  }
  std::unreachable();
}

std::string_view marked_rows(Language language) {
  switch (language) {
    case Language::en:
      return "Shaded rows rest on a rule that is probable or unconfirmed, not settled law (C13): "
             "their confidence column says which.";
  }
  std::unreachable();
}

std::string_view sheet_column(Language language) {
  switch (language) {
    case Language::en: return "sheet";
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
    case Language::en: {
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
    case Language::en: return "Fewer than " + std::to_string(below) + " duties: read with care";
  }
  std::unreachable();
}

std::string chart_legend(std::size_t below, Language language) {
  switch (language) {
    case Language::en:
      return "On the charts, a hollow point is a period that is not over yet or a figure of fewer than " +
             std::to_string(below) + " duties, and the grey line is the target. Below each period, n is the number "
             "of duties counted.";
  }
  std::unreachable();
}

std::string_view rag_name(Rag rag, Language language) {
  switch (language) {
    case Language::en: return rag == Rag::green ? "On target" : rag == Rag::amber ? "Near target" : "Off target";
  }
  std::unreachable();
}

std::string_view rag_symbol(Rag rag) { return rag == Rag::green ? "\u2714" : rag == Rag::amber ? "\u25B2" : "\u2716"; }

std::string_view standard_words(Standard standard, Language language) {
  switch (language) {
    case Language::en:
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
    case Language::en: {
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
    case Language::en: {
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
    case Language::en: return name(confidence);
  }
  std::unreachable();
}

std::string listed(std::size_t shown, std::size_t total, Language language) {
  switch (language) {
    case Language::en:
      return "The first " + grouped(shown) + " of the " + grouped(total) + " duties, those due first; timescales "
             "worklist lists them all.";
  }
  std::unreachable();
}

std::string figure_counts(std::size_t numerator, std::size_t denominator, bool has_denominator, Language language) {
  switch (language) {
    case Language::en: return has_denominator ? grouped(numerator) + " of " + grouped(denominator) : grouped(numerator);
  }
  std::unreachable();
}

std::string target_words(const Target& target, Language language) {
  switch (language) {
    case Language::en: {
      std::string out = "Target: " + number_text(target.value) + "%" + (target.better == Better::higher ? " or more" : " or less");
      if (target.amber > 0) out += " (near: within " + number_text(target.amber) + " points)";
      return out + ", set by " + target.set_by;
    }
  }
  std::unreachable();
}

std::string_view previous_periods(Language language) {
  switch (language) {
    case Language::en: return "Earlier periods:";
  }
  std::unreachable();
}

std::string partial_period(Date to, Language language) {
  switch (language) {
    case Language::en: return "to " + to_string(to) + ": the period is not over";
  }
  std::unreachable();
}

std::string behind(std::size_t shown, std::size_t total, Language language) {
  switch (language) {
    case Language::en:
      if (shown == total) return "The " + grouped(total) + (total == 1 ? " duty" : " duties") + " behind this figure";
      return "The first " + grouped(shown) + " of the " + grouped(total) + " duties behind this figure (those not "
             "met first); timescales report --drill-down lists them all";
  }
  std::unreachable();
}

}  // namespace dashboard_text

}  // namespace timescales
