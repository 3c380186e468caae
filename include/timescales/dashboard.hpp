// The dashboard: one self-contained HTML page for a board, its managers and each team (the tool's
// `dashboard` command, Python's timescales.dashboard). Headline figures against their targets,
// trends by period, the figures by group, the worklist, and the duties behind each figure with
// their explanations. Its figures are a Report's (report.hpp), so they are the figures of
// `timescales report` for the same arguments; the page adds no arithmetic of its own.
//
// The page needs no other host: Chart.js (Debian's libjs-chart.js), the page's script and its
// styles (src/dashboard/) are embedded at build time, and the data sits in the page as JSON. The
// charts have their figures in a table beside them, and red, amber and green always come with
// words and a symbol (WCAG 2.2 AA). A tool, not the library: built into timescales_dashboard.
#pragma once

#include <cstddef>
#include <ostream>
#include <span>
#include <string>
#include <vector>

#include "timescales/engine.hpp"
#include "timescales/language.hpp"
#include "timescales/report.hpp"
#include "timescales/rulebook.hpp"
#include "timescales/target.hpp"
#include "timescales/worklist.hpp"

namespace timescales {

struct DashboardOptions {
  // The page's heading, the council's own words: `title` in English, `title_cy` in the Welsh copy
  // (the page carries both). Empty: the text layer's heading; a Welsh copy without title_cy shows
  // `title`, as a rule without title_cy shows its title.
  std::string title;
  std::string title_cy;
  Granularity granularity = Granularity::quarter;
  std::vector<std::size_t> by;  // carried columns the report was grouped by (its Groups), in order
  Period within{10, PeriodUnit::working_days};  // the worklist's horizon
  // The duties listed behind one figure of the latest period, and in one group of the worklist, at
  // most; behind a figure of an earlier period, `rows_behind_earlier`. The page says how many more
  // there are. Bounds the page for a national population (docs/dashboard.md).
  std::size_t rows_behind = 200;
  std::size_t rows_behind_earlier = 20;
  // Measure and target files given beside the rulebook (--definition): part of what the page says
  // the figures were computed with.
  std::vector<SourceFile> definitions;
};

// A figure of fewer children than this is marked as small: one child moves it by 10 points or more.
inline constexpr std::size_t small_figure = 10;

// Writes the page. `report` counts `evaluation`'s obligations (grouped by `options.by` when given);
// `targets` are those set for its measures. The page is in every language, with a switch between
// them on it; `language` is the one it opens in. An error only when the worklist's horizon falls
// outside the calendar.
std::expected<void, std::string> write_dashboard(std::ostream& out, const Report& report, std::span<const Target> targets,
                                                 const Evaluation& evaluation, const EventTable& events,
                                                 const Rulebook& rules, const DashboardOptions& options,
                                                 Language language);

// What the page says the figures were computed with: the version, a fingerprint of every rule,
// measure and target file (the rulebook's and `definitions`), so that two pages with the same
// fingerprint were computed from the same rules, and where those files came from.
struct RulesVersion {
  std::string version;      // "0.1.0"
  std::string fingerprint;  // 8 hex digits
  std::vector<std::string> origins;  // directories and files as given; "" for the built-in rules
};
RulesVersion rules_version(const Rulebook& rules, std::span<const SourceFile> definitions = {});

}  // namespace timescales
