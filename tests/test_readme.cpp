// The README's C++ example, compiled and checked: documentation that cannot drift from the code.
#include <catch2/catch.hpp>

#include <sstream>

#include "timescales/engine.hpp"
#include "timescales/explain.hpp"
#include "timescales/load.hpp"

TEST_CASE("README example: an ICPC after a strategy discussion is met", "[readme]") {
  const timescales::Rulebook& rules = timescales::builtin_rulebook();
  timescales::EventTable events;
  events.add_row(1, {"C1", "strategy_discussion", "2021-01-11"});
  events.add_row(2, {"C1", "icpc", "2021-01-29"});
  const timescales::Evaluation result = timescales::evaluate(events, rules);
  std::ostringstream out;
  for (const timescales::Obligation& ob : result.obligations) out << timescales::explain(ob, events, result.as_of) << "\n";
  REQUIRE(result.obligations.size() == 1);
  // Mon 11 Jan 2021 + 15 working days = Mon 1 Feb 2021 (C2); held 29 Jan.
  CHECK(timescales::to_string(result.obligations[0].due_date) == "2021-02-01");
  CHECK(result.obligations[0].status == timescales::Status::met);
  CHECK(out.str().find("wales.cp.icpc") != std::string::npos);
  CHECK(out.str().find("met.") != std::string::npos);
}
