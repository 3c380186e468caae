// in_order (src/cli/in_order.hpp), which streaming evaluate spreads its chunks over threads with,
// and available_cores (cores.hpp), the default number of threads. Run under ThreadSanitizer by
// scripts/sanitizers.sh, as every [threads] test.
#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "cli/in_order.hpp"
#include "timescales/cores.hpp"

namespace {

using timescales::cli::in_order;

// A few microseconds of work that differs from item to item, so later items often finish first.
std::size_t slow_square(std::size_t i) {
  std::this_thread::sleep_for(std::chrono::microseconds((i * 7919) % 13 * 50));
  return i * i;
}

}  // namespace

TEST_CASE("in_order: every item made once and used in order, on 1, 2, 3 and 8 threads", "[threads]") {
  for (const std::size_t threads : {1, 2, 3, 8}) {
    INFO(threads << " threads");
    std::vector<std::size_t> used;
    std::atomic<std::size_t> made = 0;
    in_order(200, threads, threads + 1, [&](std::size_t i) { return ++made, slow_square(i); },
             [&](std::size_t i, std::size_t square) {
               CHECK(i == used.size());
               CHECK(square == i * i);
               used.push_back(i);
               return true;
             });
    CHECK(used.size() == 200);
    CHECK(made == 200);
  }
  std::size_t calls = 0;
  in_order(0, 4, 5, [](std::size_t i) { return i; }, [&](std::size_t, std::size_t) { return ++calls, true; });
  CHECK(calls == 0);
}

TEST_CASE("in_order: no more than the window made and not yet used", "[threads]") {
  constexpr std::size_t window = 3;
  std::atomic<std::size_t> made = 0;
  std::size_t used = 0, most_waiting = 0;
  in_order(100, 4, window, [&](std::size_t i) { return ++made, slow_square(i); },
           [&](std::size_t, std::size_t) {
             // Made and not yet used, this one included: never more than the window.
             most_waiting = std::max(most_waiting, made.load() - used);
             ++used;
             std::this_thread::sleep_for(std::chrono::microseconds(200));  // a slow writer
             return true;
           });
  CHECK(used == 100);
  CHECK(most_waiting <= window + 1);  // +1: `made` counts an item as it begins, before its slot is taken
  CHECK(most_waiting >= 2);           // the threads did work ahead
}

TEST_CASE("in_order: use() returning false stops it, and items not begun are never made", "[threads]") {
  std::atomic<std::size_t> made = 0;
  std::vector<std::size_t> used;
  in_order(1000, 2, 3, [&](std::size_t i) { return ++made, slow_square(i); },
           [&](std::size_t i, std::size_t) {
             used.push_back(i);
             return i < 9;
           });
  CHECK(used == std::vector<std::size_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
  CHECK(made <= 10 + 3);  // at most the window beyond the last used
}

TEST_CASE("in_order: what make() or use() throws is thrown to the caller, after the threads end", "[threads]") {
  for (const std::size_t threads : {1, 2, 5}) {
    INFO(threads << " threads");
    std::vector<std::size_t> used;
    const auto make = [](std::size_t i) {
      if (i == 17) throw std::runtime_error("item 17 failed");
      return slow_square(i);
    };
    CHECK_THROWS_WITH(in_order(100, threads, threads + 1, make,
                               [&](std::size_t i, std::size_t) { return used.push_back(i), true; }),
                      "item 17 failed");
    CHECK(used.size() == 17);  // every item before the one that failed, in order
    CHECK_THROWS_WITH(in_order(100, threads, threads + 1, slow_square,
                               [](std::size_t i, std::size_t) -> bool {
                                 if (i == 5) throw std::runtime_error("cannot write 5");
                                 return true;
                               }),
                      "cannot write 5");
  }
}

TEST_CASE("available_cores: the CPUs this process may run on, not the machine's", "[threads]") {
  const unsigned cores = timescales::available_cores();
  CHECK(cores >= 1);
  if (std::thread::hardware_concurrency() > 0) CHECK(cores <= std::thread::hardware_concurrency());
  // A child process allowed one CPU (as `taskset -c 0` would) counts one.
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    cpu_set_t one;
    CPU_ZERO(&one);
    sched_getaffinity(0, sizeof one, &one);
    int first = 0;
    while (first < CPU_SETSIZE && !CPU_ISSET(first, &one)) ++first;
    CPU_ZERO(&one);
    CPU_SET(first, &one);
    if (sched_setaffinity(0, sizeof one, &one) != 0) ::_exit(2);
    ::_exit(timescales::available_cores() == 1 ? 0 : 1);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}
