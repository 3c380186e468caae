// in_order: work on items 0..count-1 spread over threads, its results used one by one in order.
// Streaming evaluate reads, evaluates and formats chunks of children on every core, and writes
// them in file order. Written here rather than taken from a library: it is one bounded queue, and
// the libraries that have one (TBB's parallel_pipeline, taskflow) would be a dependency for it.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <deque>
#include <exception>
#include <optional>
#include <semaphore>
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
  // A slot a result waits in (item i in slots[i % window]), and a semaphore per slot saying it
  // is there. `room` holds a permit for each result that may be made and not yet used: a thread
  // takes one before it takes the next item, and the calling thread gives it back once the item
  // is used, so item i + window is taken only after item i has left its slot. Semaphores and
  // atomics rather than std::condition_variable: its wait() is a newer libstdc++ symbol
  // (GLIBCXX_3.4.30, GCC 12) than the Python wheel's manylinux_2_34 allows (docs/install.md);
  // these are wholly in the headers.
  struct Slot {
    std::optional<Result> result;
    std::exception_ptr failed;
  };
  std::vector<Slot> slots(window);
  std::deque<std::binary_semaphore> ready;  // a deque: a semaphore cannot be moved
  for (std::size_t k = 0; k < window; ++k) ready.emplace_back(0);
  std::counting_semaphore<> room(static_cast<std::ptrdiff_t>(window));
  std::atomic<std::size_t> next = 0;  // the next item to take
  std::atomic<bool> stop = false;

  const auto work = [&] {
    while (true) {
      room.acquire();
      const std::size_t i = next.fetch_add(1);
      if (i >= count || stop.load()) {
        room.release();  // for the other threads, which may be waiting for a permit to see the end
        return;
      }
      Slot& slot = slots[i % window];
      try {
        slot.result.emplace(make(i));
      } catch (...) {
        slot.failed = std::current_exception();
      }
      ready[i % window].release();
    }
  };

  std::exception_ptr failed;
  {
    std::vector<std::jthread> pool;
    pool.reserve(threads);
    for (std::size_t t = 0; t < std::min(threads, count); ++t) pool.emplace_back(work);
    try {
      for (std::size_t i = 0; i < count; ++i) {
        ready[i % window].acquire();
        Slot slot = std::exchange(slots[i % window], Slot{});
        if (slot.failed) std::rethrow_exception(slot.failed);
        const bool more = use(i, std::move(*slot.result));
        if (!more) {
          stop.store(true);
          break;
        }
        room.release();
      }
    } catch (...) {
      failed = std::current_exception();
      stop.store(true);
    }
    // Every thread still waiting for a permit gets one, sees the end or `stop`, and gives it back.
    room.release(static_cast<std::ptrdiff_t>(pool.size()));
  }  // the threads end here: each finishes the item it has begun, then sees `stop` or the end
  if (failed) std::rethrow_exception(failed);
}

}  // namespace timescales::cli
