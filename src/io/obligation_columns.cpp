#include "timescales/obligation_columns.hpp"

#include <algorithm>

namespace timescales {

const ObligationColumn* obligation_column(std::string_view name) {
  const auto it = std::ranges::find(obligation_columns, name, &ObligationColumn::name);
  return it == obligation_columns.end() ? nullptr : &*it;
}

std::string cell_text(const ObligationColumn& column, const ObligationRow& row) {
  switch (column.type) {
    case ColumnType::input_text:
    case ColumnType::category: return std::string(column.text(row));
    case ColumnType::integer: return std::to_string(column.integer(row));
    case ColumnType::date: {
      const CompactOptional<Date> d = column.date(row);
      return d ? to_string(*d) : std::string();
    }
  }
  return {};
}

}  // namespace timescales
