// How many cores this process may use: what "every core" means for --threads 0 and threads=0.
#pragma once

namespace timescales {

// The cores this process may run on: the CPUs of its affinity mask, fewer where a Linux cgroup's
// CPU quota allows less (a container limited to 2 CPUs on a 64-core host gets 2, where
// std::thread::hardware_concurrency() would say 64). At least 1.
unsigned available_cores();

}  // namespace timescales
