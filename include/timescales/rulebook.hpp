// The compiled rulebook: every rule version and the calendars they count in. Immutable once
// built; copies share one state, so a rulebook is cheap to pass around and safe to read from any
// number of threads at once.
#pragma once

#include <algorithm>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "timescales/calendars.hpp"
#include "timescales/rule.hpp"
#include "timescales/source.hpp"

namespace timescales {

// A date a rulebook may set, which rules name instead of writing it (C10: the date from which the
// Wales Safeguarding Procedures govern, `wsp_switch`). A rule file defines it with its default
// and the earliest value allowed; a council's file may set another value within that range.
struct DateSetting {
  std::string name;
  Date value;     // in force: the default, or the value a file set
  Date earliest;
  std::string summary;
  std::string summary_cy;     // empty: Welsh output shows `summary`
  bool english_only = false;  // as a rule's (rule.hpp): only in a council's layer
  std::string file;  // where it is defined
  int line = 0;
  std::string set_in;  // the file that set another value; empty: the default
};

// The legal system a rulebook's rules belong to ("wales"), declared once in its data by a
// [jurisdiction] table, with the working-day calendar its dates are counted in unless a rule says
// otherwise. Every rule file of the rulebook names it (`jurisdiction = "wales"`), so a council's
// file cannot be layered on another jurisdiction's rules by mistake.
struct Jurisdiction {
  std::string id;
  std::string title;
  std::string title_cy;
  std::string calendar;  // the calendar id
  std::string file;      // where it is declared
  int line = 0;
};

// A duty known to exist whose timescale is not encoded, and why (the law's text was not read).
struct NotEncoded {
  std::string duty;
  std::string provision;  // a citation, as written
  std::string reason;
  std::string duty_cy, reason_cy;  // in Welsh (rules check requires them, as it does a rule's)
  bool english_only = false;       // a council's layer may keep English (docs/rule-format.md)
  std::string file;
  int line = 0;
};

// The versions of one rule id, by date of effect (C10). They never overlap.
struct RuleFamily {
  std::string id;
  std::vector<const Rule*> versions;  // by effective_from

  [[nodiscard]] const Rule* in_effect(Date d) const {
    for (const Rule* r : versions) {
      if (r->in_effect(d)) return r;
    }
    return nullptr;
  }
  [[nodiscard]] const Rule& latest() const { return *versions.back(); }
};

class Rulebook {
 public:
  struct State {
    Calendars calendars;
    std::vector<Rule> rules;  // sorted by id, then effective_from
    std::vector<RuleFamily> families;
    std::vector<DateSetting> settings;  // by name
    std::vector<NotEncoded> not_encoded;
    Jurisdiction jurisdiction;        // empty id: the files declared none (a test's rule files)
    std::vector<SourceFile> sources;  // every file it was compiled from, so that it can be layered
  };

  Rulebook() : state_(std::make_shared<const State>()) {}
  explicit Rulebook(std::shared_ptr<const State> state) : state_(std::move(state)) {}

  [[nodiscard]] const Calendars& calendars() const { return state_->calendars; }
  [[nodiscard]] std::span<const Rule> rules() const { return state_->rules; }
  [[nodiscard]] std::span<const RuleFamily> families() const { return state_->families; }

  [[nodiscard]] const Jurisdiction& jurisdiction() const { return state_->jurisdiction; }
  // The calendar of the jurisdiction: the one dates are checked against and counted in by
  // default. Null when the rulebook declares no jurisdiction.
  [[nodiscard]] const Calendar* jurisdiction_calendar() const { return calendars().find(state_->jurisdiction.calendar); }
  [[nodiscard]] std::span<const SourceFile> sources() const { return state_->sources; }

  [[nodiscard]] std::span<const DateSetting> settings() const { return state_->settings; }
  [[nodiscard]] std::span<const NotEncoded> not_encoded() const { return state_->not_encoded; }
  [[nodiscard]] const DateSetting* setting(std::string_view name) const {
    const auto it = std::ranges::find(state_->settings, name, &DateSetting::name);
    return it == state_->settings.end() ? nullptr : &*it;
  }

  [[nodiscard]] const RuleFamily* family(std::string_view id) const {
    const auto it = std::ranges::find(state_->families, id, &RuleFamily::id);
    return it == state_->families.end() ? nullptr : &*it;
  }

 private:
  std::shared_ptr<const State> state_;
};

}  // namespace timescales
