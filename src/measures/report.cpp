#include "timescales/report.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace timescales {

std::vector<DateRange> periods(Date from, Date to, Granularity granularity) {
  std::vector<DateRange> out;
  if (to < from) return out;
  if (granularity == Granularity::whole) return {{from, to}};
  const int months = granularity == Granularity::month ? 1 : granularity == Granularity::quarter ? 3 : 12;
  // The period containing `from`: aligned to April (month 4) in steps of `months`.
  const auto ymd = civil_from_days(from);
  int index = ymd.year * 12 + (ymd.month - 1) - 3;  // months since April of year 0
  index -= ((index % months) + months) % months;
  while (true) {
    const int y = (index + 3) / 12, m = (index + 3) % 12 + 1;
    const Date start = days_from_civil({y, m, 1});
    const int end_index = index + months - 1 + 3;
    const int ey = end_index / 12, em = end_index % 12 + 1;
    const Date end = days_from_civil({ey, em, days_in_month(ey, em)});
    if (start > to) break;
    out.push_back({start, end});
    index += months;
  }
  return out;
}

Date default_report_from(const EventTable& events, Date as_of) {
  Date earliest = as_of;
  for (const Event& e : events.events()) earliest = std::min(earliest, e.date);
  return periods(earliest, earliest, Granularity::year).front().first;  // its financial year
}

std::optional<ReportOptions> report_options(const Evaluation& evaluation, const EventTable& events,
                                            Granularity granularity, std::optional<Date> from, std::optional<Date> to,
                                            std::span<const std::size_t> by) {
  ReportOptions options;
  options.granularity = granularity;
  options.from = from.value_or(default_report_from(events, evaluation.as_of));
  options.to = to.value_or(evaluation.as_of);
  if (options.to < options.from) return std::nullopt;
  if (!by.empty()) options.groups = groups_by(evaluation, events, by);
  return options;
}

Groups groups_by(const Evaluation& evaluation, const EventTable& events, std::span<const std::size_t> by) {
  std::map<std::vector<std::string_view>, std::uint32_t> index;  // in value order
  std::vector<std::vector<std::string_view>> keys;
  keys.reserve(evaluation.obligations.size());
  for (const Obligation& ob : evaluation.obligations) {
    std::vector<std::string_view> values;
    for (const std::size_t column : by) values.push_back(events.carried(column, ob.trigger_row));
    index.emplace(values, 0);
    keys.push_back(std::move(values));
  }
  Groups out;
  for (auto& [values, g] : index) {
    g = static_cast<std::uint32_t>(out.values.size());
    out.values.emplace_back(values.begin(), values.end());
  }
  out.of.reserve(keys.size());
  for (const auto& values : keys) out.of.push_back(index.at(values));
  return out;
}

Report report(std::span<const Measure* const> measures, const Evaluation& evaluation, const ReportOptions& options) {
  Report out;
  const auto add_row = [&](const Measure& m, DateRange span, std::uint32_t group, std::span<const Obligation* const> obs) {
    const std::size_t row = out.rows.size();
    const bool all = group == Groups::none;
    out.rows.push_back({&m, span, all ? std::vector<std::string>{} : options.groups->values[group], group, all, 0, 0,
                        !m.denominator.empty(), std::nullopt});
    for (const Obligation* ob : obs) {
      auto& confidence = out.rows[row].confidence;
      confidence = lowest(confidence.value_or(Confidence::confirmed), ob->rule->confidence);
      const bool numerator = m.numerates_named(*ob);  // every obligation here is of a rule m names
      out.rows[row].numerator += numerator ? 1 : 0;
      if (!m.denominator.empty()) out.rows[row].denominator += 1;
      out.drill_down.push_back({row, ob, numerator});
    }
  };
  // Each measure's periods: a measure reports only the years it was defined for (PM24: 2016-17 to
  // 2019-20), and a period cut by --from or --to is labelled with the days it counts.
  const std::vector<DateRange> all_spans = periods(options.from, options.to, options.granularity);
  std::vector<std::vector<DateRange>> spans(measures.size());
  for (std::size_t mi = 0; mi < measures.size(); ++mi) {
    const Measure& m = *measures[mi];
    for (DateRange span : all_spans) {
      if ((m.reports_from && span.last < *m.reports_from) || (m.reports_to && span.first > *m.reports_to)) continue;
      spans[mi].push_back({std::max(span.first, options.from), std::min(span.last, options.to)});
    }
  }
  // One pass over the obligations for every measure at once: an obligation is offered only to the
  // measures that name its rule (looked up once per rule, not compared by id per obligation and
  // measure), and goes to the period holding its basis date, keeping the evaluation's order.
  std::unordered_map<const Rule*, std::vector<std::size_t>> measures_of;
  const auto measures_naming = [&](const Rule* rule) -> const std::vector<std::size_t>& {
    auto [it, inserted] = measures_of.try_emplace(rule);
    if (inserted)
      for (std::size_t mi = 0; mi < measures.size(); ++mi)
        if (measures[mi]->names(*rule)) it->second.push_back(mi);
    return it->second;
  };
  std::vector<std::vector<std::vector<const Obligation*>>> counted(measures.size());
  for (std::size_t mi = 0; mi < measures.size(); ++mi) counted[mi].resize(spans[mi].size());
  for (const Obligation& ob : evaluation.obligations) {
    for (const std::size_t mi : measures_naming(ob.rule)) {
      const Measure& m = *measures[mi];
      if (!m.counts_named(ob)) continue;
      const auto date = m.basis_date(ob);
      if (!date || *date < options.from || options.to < *date) continue;
      const auto after = std::ranges::upper_bound(spans[mi], *date, {}, &DateRange::first);
      if (after == spans[mi].begin()) continue;
      const auto span = after - 1;
      if (span->contains(*date)) counted[mi][static_cast<std::size_t>(span - spans[mi].begin())].push_back(&ob);
    }
  }
  for (std::size_t mi = 0; mi < measures.size(); ++mi) {
    for (std::size_t i = 0; i < spans[mi].size(); ++i) {
      add_row(*measures[mi], spans[mi][i], Groups::none, counted[mi][i]);
      if (!options.groups) continue;
      std::map<std::uint32_t, std::vector<const Obligation*>> groups;  // in the groups' order
      for (const Obligation* ob : counted[mi][i]) {
        const std::uint32_t g = options.groups->of[static_cast<std::size_t>(ob - evaluation.obligations.data())];
        if (g != Groups::none) groups[g].push_back(ob);
      }
      for (const auto& [g, obs] : groups) add_row(*measures[mi], spans[mi][i], g, obs);
    }
  }
  return out;
}

MeasureExampleResult run_measure_example(const Measure& measure, const MeasureExample& example, const Rulebook& rules) {
  MeasureExampleResult result;
  EventTable table;
  for (std::size_t i = 0; i < example.events.size(); ++i) {
    const auto& [case_id, e] = example.events[i];
    const std::string date = to_string(e.date);
    RowText row{case_id, name(e.type), date, {}};
    for (const auto& [attribute, text] : e.attributes) row.attributes[static_cast<std::size_t>(attribute)] = text;
    if (!table.add_row(i + 1, row)) {
      result.differences.push_back("event " + std::to_string(i + 1) + " is not usable: " + table.rejected().back().reason);
    }
  }
  EvaluateOptions options;
  options.as_of = example.as_of;
  options.only_rules = measure.rules;
  const Evaluation evaluation = evaluate(table, rules, options);
  const Measure* one[] = {&measure};
  const Report r = report(one, evaluation, {example.from, example.to, Granularity::whole, std::nullopt});
  if (r.rows.empty()) {  // no window, or one outside the years the measure reports: nothing counted
    const auto bound = [](const std::optional<Date>& d) { return d ? to_string(*d) : std::string("any date"); };
    result.differences.push_back(
        example.to < example.from
            ? "the example's window ends (" + to_string(example.to) + ") before it starts (" + to_string(example.from) + ")"
            : "the example's window " + to_string(example.from) + " to " + to_string(example.to) +
                  " is outside the years the measure reports (" + bound(measure.reports_from) + " to " +
                  bound(measure.reports_to) + ")");
    return result;
  }
  result.numerator = r.rows.front().numerator;
  result.denominator = r.rows.front().denominator;
  if (result.numerator != example.numerator) {
    result.differences.push_back("numerator: expected " + std::to_string(example.numerator) + ", got " + std::to_string(result.numerator));
  }
  if (example.denominator && result.denominator != *example.denominator) {
    result.differences.push_back("denominator: expected " + std::to_string(*example.denominator) + ", got " +
                                 std::to_string(result.denominator));
  }
  return result;
}

}  // namespace timescales
