#include "timescales/cores.hpp"

#include <algorithm>
#include <fstream>
#include <string>
#include <thread>

#if defined(__linux__)
#include <sched.h>
#endif

namespace timescales {

namespace {

// A cgroup's CPU quota as a number of cores, rounded up: cgroup v2's cpu.max ("max 100000" when
// unlimited, else "QUOTA PERIOD"), or v1's cfs_quota_us and cfs_period_us (-1 when unlimited).
// 0 when there is none, or it cannot be read (not Linux, no cgroup file system).
unsigned quota_cores() {
  long long quota = -1, period = 0;
  if (std::ifstream v2("/sys/fs/cgroup/cpu.max"); v2) {
    std::string limit;
    v2 >> limit >> period;
    if (v2 && limit != "max") quota = std::stoll(limit);
  } else {
    std::ifstream q("/sys/fs/cgroup/cpu/cpu.cfs_quota_us"), p("/sys/fs/cgroup/cpu/cpu.cfs_period_us");
    if (q && p) q >> quota, p >> period;
  }
  if (quota <= 0 || period <= 0) return 0;
  return static_cast<unsigned>((quota + period - 1) / period);
}

}  // namespace

unsigned available_cores() {
  unsigned cores = std::thread::hardware_concurrency();
#if defined(__linux__)
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) == 0) cores = static_cast<unsigned>(CPU_COUNT(&set));
#endif
  try {
    if (const unsigned quota = quota_cores(); quota > 0) cores = std::min(cores, quota);
  } catch (const std::exception&) {  // a cpu.max we cannot read as numbers: no quota known
  }
  return std::max(cores, 1U);
}

}  // namespace timescales
