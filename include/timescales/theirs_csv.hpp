// Reading a council's own report for reconciliation (timescales reconcile --theirs): a CSV with a
// header naming case_id, completed_date and on_time, in any column order, RFC 4180 quoting.
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

// Any row that cannot be read makes the file unusable: a reconciliation must not guess.
std::expected<std::vector<TheirRow>, ReadError> read_theirs_csv(std::string_view text, const std::string& file_name);

}  // namespace timescales
