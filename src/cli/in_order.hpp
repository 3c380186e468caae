// in_order: work on items 0..count-1 spread over threads, its results used one by one in order.
// Streaming evaluate reads, evaluates and formats chunks of children on every core, and writes
// them in file order. Written here rather than taken from a library: it is one bounded queue, and
// the libraries that have one (TBB's parallel_pipeline, taskflow) would be a dependency for it.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace timescales::cli {

// Calls make(i) for every i below `count`, on `threads` threads of its own, and use(i, result) on
// the calling thread in order of i. No more than `window` results are made and not yet used, so
// memory is bounded by the window, not by `count`. use() returns false to stop: the items not yet
// begun are never made. What make() or use() throws is thrown here, once every thread has ended.
// make() is called from several threads at once: it must share nothing it changes. With one
// thread (or one item), make() runs on the calling thread, item by item, as a plain loop would.
template <class Make, class Use>
void in_order(std::size_t count, std::size_t threads, std::size_t window, Make make, Use use) {
  using Result = std::invoke_result_t<Make&, std::size_t>;
  if (threads <= 1 || count <= 1) {
    for (std::size_t i = 0; i < count; ++i) {
      if (!use(i, make(i))) return;
    }
    return;
  }
  window = std::max(window, threads);
  struct Slot {
    std::optional<Result> result;
    std::exception_ptr failed;
    bool ready = false;
  };
  std::vector<Slot> slots(window);  // item i waits in slots[i % window]
  std::mutex mutex;
  std::condition_variable changed;
  std::size_t next = 0;  // the next item to begin
  std::size_t used = 0;  // the items below have been used
  bool stop = false;

  const auto work = [&] {
    while (true) {
      std::size_t i = 0;
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return stop || next >= count || next < used + window; });
        if (stop || next >= count) return;
        i = next++;
      }
      Slot made;
      try {
        made.result.emplace(make(i));
      } catch (...) {
        made.failed = std::current_exception();
      }
      made.ready = true;
      {
        std::lock_guard lock(mutex);
        slots[i % window] = std::move(made);
      }
      changed.notify_all();
    }
  };

  std::exception_ptr failed;
  {
    std::vector<std::jthread> pool;
    pool.reserve(threads);
    for (std::size_t t = 0; t < std::min(threads, count); ++t) pool.emplace_back(work);
    try {
      for (std::size_t i = 0; i < count; ++i) {
        Slot slot;
        {
          std::unique_lock lock(mutex);
          changed.wait(lock, [&] { return slots[i % window].ready; });
          slot = std::exchange(slots[i % window], Slot{});
        }
        if (slot.failed) std::rethrow_exception(slot.failed);
        const bool more = use(i, std::move(*slot.result));
        {
          std::lock_guard lock(mutex);
          used = i + 1;
          stop = !more;
        }
        changed.notify_all();
        if (!more) break;
      }
    } catch (...) {
      failed = std::current_exception();
      {
        std::lock_guard lock(mutex);
        stop = true;
      }
      changed.notify_all();
    }
  }  // the threads end here: each finishes the item it has begun, then sees `stop` or the end
  if (failed) std::rethrow_exception(failed);
}

}  // namespace timescales::cli
