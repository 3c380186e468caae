// docs/rules.md and docs/rules.cy.md are generated from the rule files; this fails when someone forgets
// to regenerate them.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "timescales/catalogue.hpp"
#include "timescales/load.hpp"

TEST_CASE("docs/rules.md is the catalogue generated from the built-in rules", "[docs]") {
  std::ifstream in(TIMESCALES_SOURCE_DIR "/docs/rules.md", std::ios::binary);
  REQUIRE(in);
  std::ostringstream text;
  text << in.rdbuf();
  const std::string generated = timescales::catalogue_markdown(timescales::builtin_rulebook(), timescales::Language::en);
  INFO("regenerate with: build/timescales rules doc > docs/rules.md");
  CHECK(text.str() == generated);
  CHECK(generated.find("DOES NOT HOLD") == std::string::npos);
}

TEST_CASE("docs/rules.cy.md is the Welsh catalogue generated from the built-in rules", "[docs][cymraeg]") {
  std::ifstream in(TIMESCALES_SOURCE_DIR "/docs/rules.cy.md", std::ios::binary);
  REQUIRE(in);
  std::ostringstream text;
  text << in.rdbuf();
  INFO("regenerate with: build/timescales rules doc --lang cy > docs/rules.cy.md");
  CHECK(text.str() == timescales::catalogue_markdown(timescales::builtin_rulebook(), timescales::Language::cy));
}

TEST_CASE("The catalogue names every rule with its citation and quotation", "[docs]") {
  const auto& rules = timescales::builtin_rulebook();
  const std::string doc = timescales::catalogue_markdown(rules, timescales::Language::en);
  for (const timescales::Rule& r : rules.rules()) {
    INFO(r.id);
    CHECK(doc.find("## " + r.id) != std::string::npos);
    CHECK(doc.find(r.source.url) != std::string::npos);
  }
}
