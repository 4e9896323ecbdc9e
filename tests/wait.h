// Waiting in integration tests: poll a condition until it holds or a
// deadline passes. The condition is the synchronisation; the pause between
// polls only keeps the loop from spinning.

#ifndef NEWSINDEX_TESTS_WAIT_H_
#define NEWSINDEX_TESTS_WAIT_H_

#include <chrono>
#include <functional>
#include <thread>

namespace newsindex {

// Calls `done` until it returns true (then true) or `timeout` has passed
// (then false, after one last call), pausing `interval` between calls.
inline bool WaitFor(
    const std::function<bool()>& done, std::chrono::milliseconds timeout,
    std::chrono::milliseconds interval = std::chrono::milliseconds(20)) {
  const auto give_up = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() > give_up) return done();
    std::this_thread::sleep_for(interval);
  }
  return true;
}

}  // namespace newsindex

#endif  // NEWSINDEX_TESTS_WAIT_H_
