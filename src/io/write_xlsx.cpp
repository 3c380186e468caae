// Excel workbooks with libxlsxwriter (write_xlsx.hpp). The library writes the file's XML and zip;
// what is ours is which columns go where and how they are shown.
#include "timescales/write_xlsx.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "timescales/explain.hpp"
#include "timescales/obligation_columns.hpp"
#include "timescales/utf8.hpp"
#include "timescales/wording.hpp"
#include "timescales/worklist_columns.hpp"

namespace timescales {

namespace {

constexpr lxw_row_t max_rows = 1'048'576;  // Excel's limits, the header row included
constexpr std::size_t max_columns = 16'384;

std::expected<void, std::string> too_wide(std::size_t columns) {
  return std::unexpected(std::to_string(columns) + " columns are more than an Excel sheet holds (16,384): choose fewer "
                         "with --carry, or write csv");
}

// Text as a cell may hold it: XML 1.0 cannot carry most control characters, so they become
// U+FFFD; Excel holds at most 32,767 characters in a cell.
std::string cell_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\t' && c != '\n' && c != '\r') out += "\xEF\xBF\xBD";
    else out += c;
  }
  if (utf8_length(out) > 32'767) out = std::string(utf8_prefix(out, 32'767));
  return out;
}

// One workbook being written. Rows go in order (constant memory: a million obligations do not
// need a million rows in memory).
class Workbook {
 public:
  explicit Workbook(const std::string& path) {
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    book_ = workbook_new_opt(path.c_str(), &options);
    if (book_ == nullptr) return;
    header_ = workbook_add_format(book_);
    format_set_bold(header_);
    format_set_bottom(header_, LXW_BORDER_THIN);
    for (const bool shaded : {false, true}) {
      lxw_format* date = workbook_add_format(book_);
      format_set_num_format(date, "yyyy-mm-dd");
      lxw_format* percent = workbook_add_format(book_);
      format_set_num_format(percent, "0.0");
      lxw_format* plain = workbook_add_format(book_);
      format_set_text_wrap(plain);
      format_set_align(plain, LXW_ALIGN_VERTICAL_TOP);
      for (lxw_format* f : {date, percent}) format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
      if (shaded) {
        for (lxw_format* f : {date, percent, plain}) format_set_bg_color(f, 0xFCE4D6);  // a light orange
      }
      formats_[shaded] = {plain, date, percent};
    }
  }
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;
  ~Workbook() {
    if (book_ != nullptr) workbook_close(book_);  // only after a failure: close() frees it otherwise
  }

  [[nodiscard]] bool opened() const { return book_ != nullptr; }

  // A new sheet with its header row, frozen and filtered over `rows` data rows.
  lxw_worksheet* sheet(std::string_view wanted, const std::vector<std::string>& header, lxw_row_t rows,
                       const std::vector<double>& widths = {}) {
    lxw_worksheet* ws = workbook_add_worksheet(book_, sheet_name(wanted, names_).c_str());
    for (std::size_t i = 0; i < header.size(); ++i) {
      const auto c = static_cast<lxw_col_t>(i);
      const double width = i < widths.size() ? widths[i] : std::clamp(static_cast<double>(header[i].size()) + 4, 10.0, 30.0);
      worksheet_set_column(ws, c, c, width, nullptr);
      worksheet_write_string(ws, 0, c, cell_text(header[i]).c_str(), header_);
    }
    worksheet_freeze_panes(ws, 1, 0);
    if (!header.empty()) worksheet_autofilter(ws, 0, 0, rows, static_cast<lxw_col_t>(header.size() - 1));
    return ws;
  }

  void text(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, std::string_view value, bool shaded = false) {
    if (value.empty()) {
      if (shaded) worksheet_write_blank(ws, r, c, formats_[shaded].plain);
      return;
    }
    worksheet_write_string(ws, r, c, cell_text(value).c_str(), formats_[shaded].plain);
  }
  void number(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, double value, bool shaded = false) {
    worksheet_write_number(ws, r, c, value, formats_[shaded].plain);
  }
  void percentage(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, std::optional<double> value, bool shaded = false) {
    if (value) worksheet_write_number(ws, r, c, *value, formats_[shaded].percent);
    else if (shaded) worksheet_write_blank(ws, r, c, formats_[shaded].plain);
  }
  void date(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, std::optional<Date> value, bool shaded = false) {
    if (!value) {
      if (shaded) worksheet_write_blank(ws, r, c, formats_[shaded].plain);
      return;
    }
    const auto [y, m, d] = civil_from_days(*value);
    lxw_datetime dt{y, m, d, 0, 0, 0.0};
    worksheet_write_datetime(ws, r, c, &dt, formats_[shaded].date);
  }
  // A cell of one of the obligation columns, typed as its column is.
  void cell(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const ObligationColumn& column, const ObligationRow& row,
            bool shaded) {
    switch (column.type) {
      case ColumnType::input_text:
      case ColumnType::category: text(ws, r, c, column.text(row), shaded); break;
      case ColumnType::integer: number(ws, r, c, static_cast<double>(column.integer(row)), shaded); break;
      case ColumnType::date: {
        const CompactOptional<Date> d = column.date(row);
        date(ws, r, c, d ? std::optional<Date>(*d) : std::nullopt, shaded);
        break;
      }
    }
  }

  std::expected<void, std::string> close(const std::string& path) {
    const lxw_error error = workbook_close(book_);
    book_ = nullptr;
    if (error != LXW_NO_ERROR) return std::unexpected(path + ": cannot be written: " + lxw_strerror(error));
    return {};
  }

 private:
  struct Formats {
    lxw_format* plain = nullptr;
    lxw_format* date = nullptr;
    lxw_format* percent = nullptr;
  };
  lxw_workbook* book_ = nullptr;
  lxw_format* header_ = nullptr;
  Formats formats_[2];
  std::vector<std::string> names_;
};

std::expected<void, std::string> cannot_open(const std::string& path) {
  return std::unexpected(path + ": cannot be created");
}

bool below_confirmed(Confidence c) { return c != Confidence::confirmed; }

}  // namespace

std::string sheet_name(std::string_view wanted, std::vector<std::string>& taken) {
  std::string base;
  for (const char c : wanted) base += std::string_view("[]:*?/\\").find(c) == std::string_view::npos ? c : '_';
  while (!base.empty() && base.front() == '\'') base.erase(base.begin());  // Excel refuses a leading or trailing '
  while (!base.empty() && base.back() == '\'') base.pop_back();
  if (base.empty()) base = "_";
  const auto lower = [](std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  std::string name = std::string(utf8_prefix(base, 31));
  for (int n = 2; std::ranges::any_of(taken, [&](const std::string& t) { return lower(t) == lower(name); }); ++n) {
    const std::string suffix = " (" + std::to_string(n) + ")";
    name = std::string(utf8_prefix(base, 31 - suffix.size())) + suffix;
  }
  taken.push_back(name);
  return name;
}

std::expected<void, std::string> write_obligations_xlsx(const std::string& path, const Evaluation& evaluation,
                                                        const EventTable& events, bool explain, Language language) {
  if (const std::size_t columns = obligation_columns.size() + events.carried_columns().size() + (explain ? 1 : 0);
      columns > max_columns) {
    return too_wide(columns);
  }
  if (evaluation.obligations.size() >= max_rows) {
    return std::unexpected(std::to_string(evaluation.obligations.size()) +
                           " obligations are more than one Excel sheet holds (1,048,575): write them as csv");
  }
  Workbook book(path);
  if (!book.opened()) return cannot_open(path);
  std::vector<std::string> header;
  std::vector<double> widths;
  for (const ObligationColumn& c : obligation_columns) {
    header.emplace_back(c.name);
    widths.push_back(c.name == "rule" ? 36 : c.type == ColumnType::date ? 12 : std::max(10.0, c.name.size() + 4.0));
  }
  for (const std::string& c : events.carried_columns()) header.push_back(c);
  if (explain) header.emplace_back("explanation");
  const auto rows = static_cast<lxw_row_t>(evaluation.obligations.size());
  lxw_worksheet* ws = book.sheet(workbook_text::obligations_sheet(language), header, rows, widths);
  if (explain) worksheet_set_column(ws, static_cast<lxw_col_t>(header.size() - 1), static_cast<lxw_col_t>(header.size() - 1), 80, nullptr);
  lxw_row_t r = 1;
  for (const Obligation& ob : evaluation.obligations) {
    const ObligationRow row{ob, events};
    const bool shaded = below_confirmed(ob.rule->confidence);
    lxw_col_t c = 0;
    for (const ObligationColumn& column : obligation_columns) book.cell(ws, r, c++, column, row, shaded);
    for (std::size_t k = 0; k < events.carried_columns().size(); ++k) book.text(ws, r, c++, events.carried(k, ob.trigger_row), shaded);
    if (explain) book.text(ws, r, c++, timescales::explain(ob, events, evaluation.as_of), shaded);
    ++r;
  }
  if (!events.rejected().empty()) {
    const std::vector<std::string> rejected_header{"line", "case_id", "column", "reason"};  // write.hpp's CSV
    lxw_worksheet* rejected = book.sheet(workbook_text::rejected_sheet(language), rejected_header,
                                         static_cast<lxw_row_t>(events.rejected().size()), {8, 16, 18, 80});
    lxw_row_t rr = 1;
    for (const Rejection& x : events.rejected()) {
      if (rr >= max_rows) break;
      book.number(rejected, rr, 0, static_cast<double>(x.line));
      book.text(rejected, rr, 1, x.case_id);
      book.text(rejected, rr, 2, x.column);
      book.text(rejected, rr, 3, reason_in(x, language));
      ++rr;
    }
  }
  return book.close(path);
}

std::expected<void, std::string> write_report_xlsx(const std::string& path, const Report& report,
                                                   std::span<const std::string> by_names, Language language) {
  Workbook book(path);
  if (!book.opened()) return cannot_open(path);
  // The measures in the order of their rows, each with its rows.
  std::vector<const Measure*> measures;
  std::map<const Measure*, std::vector<const ReportRow*>> rows_of;
  for (const ReportRow& row : report.rows) {
    if (!rows_of.contains(row.measure)) measures.push_back(row.measure);
    rows_of[row.measure].push_back(&row);
  }
  // Constant memory writes sheets in order: the contents first, naming the sheets that follow.
  std::vector<std::string> names = {std::string(workbook_text::contents_sheet(language))};
  std::vector<std::string> sheet_of;
  {
    std::vector<std::string> taken = names;
    for (const Measure* m : measures) sheet_of.push_back(sheet_name(m->id, taken));
  }
  lxw_worksheet* contents = book.sheet(workbook_text::contents_sheet(language),
                                       {std::string(workbook_text::sheet_column(language)), "measure", "title"},
                                       static_cast<lxw_row_t>(measures.size()), {32, 40, 80});
  lxw_row_t r = 1;
  for (std::size_t i = 0; i < measures.size(); ++i, ++r) {
    book.text(contents, r, 0, sheet_of[i]);
    book.text(contents, r, 1, measures[i]->id);
    book.text(contents, r, 2, measure_title(*measures[i], language));
  }
  book.text(contents, r + 1, 0, workbook_text::marked_rows(language));

  std::vector<std::string> header(report_columns.begin(), report_columns.end());
  for (const std::string& b : by_names) header.push_back(b);
  std::vector<double> widths{36, 12, 12, 20, 11, 13, 12, 12, 60};
  for (std::size_t i = 0; i < measures.size(); ++i) {
    const auto& rows = rows_of[measures[i]];
    lxw_worksheet* ws = book.sheet(sheet_of[i], header, static_cast<lxw_row_t>(rows.size()), widths);
    lxw_row_t rr = 1;
    for (const ReportRow* row : rows) {
      const bool shaded = row->confidence && below_confirmed(*row->confidence);
      lxw_col_t c = 0;
      book.text(ws, rr, c++, row->measure->id, shaded);
      book.date(ws, rr, c++, row->period.first, shaded);
      book.date(ws, rr, c++, row->period.last, shaded);
      book.text(ws, rr, c++, row->group_text(), shaded);
      book.number(ws, rr, c++, static_cast<double>(row->numerator), shaded);
      if (row->has_denominator) book.number(ws, rr, c++, static_cast<double>(row->denominator), shaded);
      else book.text(ws, rr, c++, "", shaded);
      book.percentage(ws, rr, c++, row->percentage(), shaded);
      book.text(ws, rr, c++, row->confidence ? name(*row->confidence) : std::string_view(), shaded);
      book.text(ws, rr, c++, measure_title(*row->measure, language), shaded);
      for (std::size_t k = 0; k < by_names.size(); ++k) {
        book.text(ws, rr, c++, k < row->group.size() ? std::string_view(row->group[k]) : std::string_view(), shaded);
      }
      ++rr;
    }
  }
  return book.close(path);
}

std::expected<void, std::string> write_worklist_xlsx(const std::string& path, const Worklist& list,
                                                     const Evaluation& evaluation, const EventTable& events,
                                                     const WorklistOptions& options, Language language) {
  if (const std::size_t columns = worklist_columns.size() + events.carried_columns().size(); columns > max_columns) {
    return too_wide(columns);
  }
  Workbook book(path);
  if (!book.opened()) return cannot_open(path);
  const auto& carried = events.carried_columns();
  std::vector<std::string> by_names;
  for (const std::size_t k : options.by) by_names.push_back(carried[k]);
  const std::vector<WorklistGroup> groups = worklist_groups(list, evaluation, events, options.by);

  // The summary: each group's counts, naming its sheet.
  std::vector<std::string> taken = {std::string(workbook_text::summary_sheet(language))};
  std::vector<std::string> sheet_of;
  for (const WorklistGroup& g : groups) {
    sheet_of.push_back(sheet_name(by_names.empty() ? std::string(workbook_text::worklist_sheet(language))
                                                   : worklist_text::group(by_names, g.values, language),
                                  taken));
  }
  std::vector<std::string> summary_header{std::string(workbook_text::sheet_column(language))};
  for (const std::string& b : by_names) summary_header.push_back(b);
  for (const char* c : {"overdue", "due_this_week", "due_within_horizon"}) summary_header.emplace_back(c);
  lxw_worksheet* summary = book.sheet(workbook_text::summary_sheet(language), summary_header,
                                      static_cast<lxw_row_t>(groups.size()));
  lxw_row_t r = 1;
  for (std::size_t i = 0; i < groups.size(); ++i, ++r) {
    lxw_col_t c = 0;
    book.text(summary, r, c++, sheet_of[i]);
    for (std::size_t k = 0; k < by_names.size(); ++k) book.text(summary, r, c++, groups[i].values[k]);
    book.number(summary, r, c++, static_cast<double>(groups[i].overdue));
    book.number(summary, r, c++, static_cast<double>(groups[i].due_this_week));
    book.number(summary, r, c++, static_cast<double>(groups[i].due_within_horizon));
  }
  book.text(summary, r + 1, 0, worklist_text::heading(list.as_of, list.horizon, options.within, language));
  book.text(summary, r + 2, 0, workbook_text::marked_rows(language));

  std::vector<std::string> header;
  std::vector<double> widths;
  for (const WorklistColumn& c : worklist_columns) {
    header.emplace_back(c.name);
    widths.push_back(c.name == "title" ? 50 : c.name == "rule" ? 36 : std::max(11.0, c.name.size() + 4.0));
  }
  for (const std::string& c : carried) header.push_back(c);
  std::size_t next = 0;  // items are sorted by group first: each group's rows are consecutive
  for (std::size_t i = 0; i < groups.size(); ++i) {
    const std::size_t rows = groups[i].overdue + groups[i].due_within_horizon;
    lxw_worksheet* ws = book.sheet(sheet_of[i], header, static_cast<lxw_row_t>(rows), widths);
    for (lxw_row_t rr = 1; rr <= rows; ++rr, ++next) {
      const WorkItem& item = list.items[next];
      const Obligation& ob = evaluation.obligations[item.obligation];
      const WorklistRow row{item, ob, events, language};
      const bool shaded = below_confirmed(ob.rule->confidence);
      lxw_col_t c = 0;
      for (const WorklistColumn& column : worklist_columns) {
        if (column.shared != nullptr) book.cell(ws, rr, c++, *column.shared, row.obligation_row(), shaded);
        else if (column.text != nullptr) book.text(ws, rr, c++, column.text(row), shaded);
        else book.number(ws, rr, c++, static_cast<double>(column.integer(row)), shaded);
      }
      for (std::size_t k = 0; k < carried.size(); ++k) book.text(ws, rr, c++, events.carried(k, ob.trigger_row), shaded);
    }
  }
  return book.close(path);
}

}  // namespace timescales
