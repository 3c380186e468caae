// timescales generate: synthetic case events (generate.hpp) for trials and benchmarks.
#include <cstdint>
#include <fstream>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "timescales/generate.hpp"
#include "timescales/load.hpp"

namespace timescales::cli {

namespace {

inline constexpr std::uint64_t max_children = 10'000'000;

struct GenerateCommandOptions {
  std::uint64_t children = 0;
  std::uint64_t seed = 0;
  std::string from = "2019-04-01";
  std::string to = "2024-03-31";
  std::optional<std::string> out_file;
};

int run_generate(const GenerateCommandOptions& o) {
  const auto fail = [](const std::string& message) {
    std::cerr << "timescales generate: " << message << "\n";
    return exit_usage;
  };
  if (o.children < 1 || o.children > max_children) {
    return fail("--children must be between 1 and " + std::to_string(max_children) + ", not " +
                std::to_string(o.children));
  }
  const auto from = parse_date(o.from);
  if (!from) return fail("--from: " + from.error().message);
  const auto to = parse_date(o.to);
  if (!to) return fail("--to: " + to.error().message);
  if (*to < *from) return fail("--from " + o.from + " is after --to " + o.to);

  const auto calendars = load_calendars(builtin_sources());
  if (!calendars) {
    for (const auto& d : calendars.error()) std::cerr << d.to_string() << "\n";
    return fail("the calendars could not be loaded");
  }
  const auto calendar = calendars->get("england-and-wales");
  if (!calendar) return fail(calendar.error().message);
  const Calendar& cal = calendar->get();
  if (auto ok = cal.check(*from); !ok) return fail("--from: " + ok.error().message);
  if (auto ok = cal.check(*to); !ok) return fail("--to: " + ok.error().message);

  const GenerateOptions options{o.children, o.seed, *from, *to};
  if (o.out_file) {
    std::ofstream file(*o.out_file, std::ios::binary | std::ios::trunc);
    if (!file) return fail("cannot write " + excerpt(*o.out_file, 200));
    generate_events(options, cal, file);
    file.close();
    if (!file) return fail("writing " + excerpt(*o.out_file, 200) + " failed");
  } else {
    generate_events(options, cal, std::cout);
    std::cout.flush();
    if (!std::cout) return fail("writing to standard output failed");
  }
  return exit_ok;
}

}  // namespace

void add_generate_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<GenerateCommandOptions>();
  CLI::App* generate = app.add_subcommand(
      "generate", "Write realistic synthetic case events as CSV (the events format the other commands read; no JSON form)");
  // Taken as text and checked here, so that every bad value gets the same clear message and exit 2.
  auto children = std::make_shared<std::string>();
  auto seed = std::make_shared<std::string>();
  generate->add_option("--children", *children, "How many children (1 to 10,000,000)")->required()->type_name("N");
  generate->add_option("--seed", *seed, "The random seed (0 to 2^64-1): the same seed, the same output")
      ->required()
      ->type_name("S");
  generate->add_option("--from", options->from, "The first date of the window (YYYY-MM-DD)")
      ->capture_default_str()
      ->type_name("DATE");
  generate->add_option("--to", options->to, "The last date of the window (YYYY-MM-DD)")
      ->capture_default_str()
      ->type_name("DATE");
  generate->add_option("-o,--out", options->out_file, "Write to this file instead of standard output")->type_name("FILE");
  generate->footer("Example: timescales generate --children 1000 --seed 7 --out events.csv");
  generate->callback([options, children, seed, &exit_code] {
    const auto number = [](const std::string& text, std::uint64_t& value) {
      if (text.empty() || text.size() > 20) return false;
      std::uint64_t v = 0;
      for (const char c : text) {
        if (c < '0' || c > '9') return false;
        const std::uint64_t digit = static_cast<std::uint64_t>(c - '0');
        if (v > (UINT64_MAX - digit) / 10) return false;
        v = v * 10 + digit;
      }
      value = v;
      return true;
    };
    if (!number(*children, options->children)) {
      std::cerr << "timescales generate: --children must be a whole number between 1 and "
                << max_children << ", not " << excerpt(*children) << "\n";
      exit_code = exit_usage;
      return;
    }
    if (!number(*seed, options->seed)) {
      std::cerr << "timescales generate: --seed must be a whole number between 0 and 2^64-1, not "
                << excerpt(*seed) << "\n";
      exit_code = exit_usage;
      return;
    }
    exit_code = run_generate(*options);
  });
}

}  // namespace timescales::cli
