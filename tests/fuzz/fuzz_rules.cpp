// Fuzz target: the rule compiler (load_rulebook) on one rule file of arbitrary bytes, with the
// built-in calendars (and statutory rules, for local standards) as its reference, the way
// `timescales rules check DIR` compiles a council's files. It must give a rulebook or diagnostics,
// never crash; a rulebook it gives must run its own worked examples through the engine too.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "timescales/examples.hpp"
#include "timescales/load.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::vector<timescales::SourceFile> files{
      {"local/fuzz.toml", std::string(reinterpret_cast<const char*>(data), size)}};
  const auto rules = timescales::load_rulebook(files, &timescales::builtin_rulebook());
  if (!rules) {
    for (const timescales::Diagnostic& d : rules.error()) {
      if (d.message.empty()) std::abort();  // every diagnostic says something
    }
    return 0;
  }
  for (const timescales::ExampleResult& r : timescales::run_examples(*rules)) {
    if (r.rule == nullptr || r.example == nullptr) std::abort();
    (void)r.where();
  }
  return 0;
}
