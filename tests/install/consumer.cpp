// A C++ host of the installed static library, compiled with nothing but what pkg-config says
// (timescales.pc) and the installed headers: tests/install/check_install.sh builds and runs it.
// Expected by hand (README, "One deadline"): 2019-12-20 + 15 working days in England and Wales
// skips the weekends and 25 Dec, 26 Dec and 1 Jan: 23, 24, 27, 30, 31 Dec, 2, 3, 6-10, 13, 14,
// 15 Jan, so the 15th is Wednesday 2020-01-15. The rules come from the library (parsed from their
// TOML text by toml++ compiled inside it).
#include <timescales/timescales.hpp>

#include <iostream>

int main() {
  const timescales::Rulebook& rules = timescales::builtin_rulebook();
  auto calendar = rules.calendars().get("england-and-wales");
  auto start = timescales::parse_date("2019-12-20");
  if (!calendar || !start) {
    std::cerr << "consumer: no calendar england-and-wales, or a bad date\n";
    return 1;
  }
  auto due = calendar->get().add_working_days(*start, 15);
  if (!due || timescales::to_string(*due) != "2020-01-15") {
    std::cerr << "consumer: 2019-12-20 + 15 working days is not 2020-01-15\n";
    return 1;
  }
  std::cout << "consumer: 2019-12-20 + 15 working days = " << timescales::to_string(*due) << "\n";
  return 0;
}
