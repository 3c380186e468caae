// Running the worked examples a rule file carries: each example's events through the engine,
// its obligations compared with the ones written by hand. The test suite runs every example of
// every rule; `timescales rules check` runs them for a council's own rule files.
#pragma once

#include <string>
#include <vector>

#include "timescales/rulebook.hpp"

namespace timescales {

struct ExampleResult {
  const Rule* rule = nullptr;
  const Example* example = nullptr;
  std::vector<std::string> differences;  // empty: the example holds

  [[nodiscard]] bool passed() const { return differences.empty(); }
  // "rules/wales/cp.toml:120: wales.cp.icpc example 'ICPC after two strategy discussions'"
  [[nodiscard]] std::string where() const;
};

ExampleResult run_example(const Rulebook& rules, const Rule& rule, const Example& example);

// Every example of every rule version in the rulebook.
std::vector<ExampleResult> run_examples(const Rulebook& rules);

}  // namespace timescales
