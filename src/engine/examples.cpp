#include "timescales/examples.hpp"

#include <algorithm>

#include "timescales/engine.hpp"

namespace timescales {

namespace {

std::string describe(const ExpectedObligation& x) {
  std::string out = std::string(name(x.standard)) + " #" + std::to_string(x.occurrence);
  if (x.trigger_date) out += " trigger " + to_string(*x.trigger_date);
  out += " due " + to_string(x.due);
  if (x.completed) out += " completed " + to_string(*x.completed);
  return out + " " + x.status;
}

ExpectedObligation as_expected(const Obligation& ob) {
  return {ob.standard, static_cast<int>(ob.occurrence), ob.trigger_date, ob.due_date, ob.completed_date,
          std::string(name(ob.status))};
}

bool matches(const ExpectedObligation& want, const ExpectedObligation& got) {
  return want.standard == got.standard && want.occurrence == got.occurrence &&
         (!want.trigger_date || want.trigger_date == got.trigger_date) && want.due == got.due &&
         want.completed == got.completed && want.status == got.status;
}

}  // namespace

std::string ExampleResult::where() const {
  return rule->file + ":" + std::to_string(example->line) + ": " + rule->id + " example '" + example->name + "'";
}

ExampleResult run_example(const Rulebook& rules, const Rule& rule, const Example& example) {
  ExampleResult result{&rule, &example, {}};
  EventTable table;
  for (std::size_t i = 0; i < example.events.size(); ++i) {
    const ExampleEvent& e = example.events[i];
    const std::string date = to_string(e.date);
    RowText row{"example", name(e.type), date, {}};
    for (const auto& [attribute, text] : e.attributes) row.attributes[static_cast<std::size_t>(attribute)] = text;
    if (!table.add_row(i + 1, row)) {
      result.differences.push_back("event " + std::to_string(i + 1) + " is not usable: " + table.rejected().back().reason);
    }
  }
  EvaluateOptions options;
  options.as_of = example.as_of;
  options.only_rules = {rule.id};
  const Evaluation evaluation = evaluate(table, rules, options);

  std::vector<ExpectedObligation> got;
  for (const Obligation& ob : evaluation.obligations) got.push_back(as_expected(ob));
  std::vector<bool> used(got.size(), false);
  for (const ExpectedObligation& want : example.expect) {
    const auto it = std::ranges::find_if(got, [&, i = std::size_t{0}](const ExpectedObligation& g) mutable {
      return !used[i++] && matches(want, g);
    });
    if (it == got.end()) {
      result.differences.push_back("expected " + describe(want) + ", not produced");
    } else {
      used[static_cast<std::size_t>(it - got.begin())] = true;
    }
  }
  for (std::size_t i = 0; i < got.size(); ++i) {
    if (!used[i]) result.differences.push_back("produced " + describe(got[i]) + ", not expected");
  }
  std::vector<bool> found(evaluation.findings.size(), false);
  for (const ExpectedFinding& want : example.findings) {
    bool ok = false;
    for (std::size_t i = 0; i < evaluation.findings.size(); ++i) {
      const Finding& f = evaluation.findings[i];
      if (!found[i] && f.date == want.date && parse_period(want.asked) == f.asked) {
        found[i] = ok = true;
        break;
      }
    }
    if (!ok) result.differences.push_back("expected a finding on " + to_string(want.date) + " (asked " + want.asked + "), not produced");
  }
  for (std::size_t i = 0; i < evaluation.findings.size(); ++i) {
    if (!found[i]) {
      result.differences.push_back("produced a finding on " + to_string(evaluation.findings[i].date) + " (asked " +
                                   to_string(evaluation.findings[i].asked) + "), not expected");
    }
  }
  return result;
}

std::vector<ExampleResult> run_examples(const Rulebook& rules) {
  std::vector<ExampleResult> out;
  for (const Rule& rule : rules.rules()) {
    for (const Example& example : rule.examples) out.push_back(run_example(rules, rule, example));
  }
  return out;
}

}  // namespace timescales
