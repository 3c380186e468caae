// The words of wording.hpp. Each function switches on the language: a translation is one more case.
#include "timescales/wording.hpp"

#include <array>
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

}  // namespace timescales
