// Reading a council's own report for reconciliation (timescales reconcile --theirs): a CSV with a
// header naming case_id, completed_date and on_time once each, in any column order, RFC 4180
// quoting.
#pragma once

#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "timescales/date.hpp"
#include "timescales/event_csv.hpp"

namespace timescales {

// One row of the council's report: case_id,completed_date,on_time.
struct TheirRow {
  std::size_t line = 0;
  std::string case_id;
  Date completed;
  bool on_time = false;
};

// Any row that cannot be read makes the file unusable: a reconciliation must not guess. Spaces
// and tabs around names and values are ignored, as in the events; a completion date outside
// `valid_dates` (the rules' calendar's range, C1) is an error.
std::expected<std::vector<TheirRow>, ReadError> read_theirs_csv(std::string_view text, const std::string& file_name,
                                                                DateRange valid_dates);

}  // namespace timescales
