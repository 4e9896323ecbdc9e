// A fixed pool of worker threads running queued tasks in FIFO order, with a
// lane ahead of it for tasks someone is waiting on.
#ifndef NEWSINDEX_CORE_BASE_THREAD_POOL_H_
#define NEWSINDEX_CORE_BASE_THREAD_POOL_H_

#include <deque>
#include <functional>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/functional/any_invocable.h"
#include "absl/synchronization/mutex.h"

namespace newsindex {

class ThreadPool {
 public:
  // Starts `threads` workers (at least one). `on_thread_start`, when given,
  // runs first on each worker with its index, e.g. to set up per-thread
  // state.
  explicit ThreadPool(int threads,
                      std::function<void(int)> on_thread_start = nullptr);
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;
  // Runs every task already scheduled, then joins the workers.
  ~ThreadPool() ABSL_LOCKS_EXCLUDED(mu_);

  // Queues `task`. Thread-safe. Must not be called after destruction began.
  void Schedule(absl::AnyInvocable<void() &&> task) ABSL_LOCKS_EXCLUDED(mu_);
  // Queues `task` ahead of every task queued with Schedule (behind earlier
  // ScheduleFirst ones): for a caller waiting on one task while bulk work
  // is queued. Thread-safe; same restriction as Schedule.
  void ScheduleFirst(absl::AnyInvocable<void() &&> task)
      ABSL_LOCKS_EXCLUDED(mu_);

  int size() const { return static_cast<int>(workers_.size()); }
  // Tasks waiting to start.
  size_t pending() const ABSL_LOCKS_EXCLUDED(mu_);

 private:
  void Work(int index, const std::function<void(int)>& on_thread_start)
      ABSL_LOCKS_EXCLUDED(mu_);

  mutable absl::Mutex mu_;
  std::deque<absl::AnyInvocable<void() &&>> queue_ ABSL_GUARDED_BY(mu_);
  std::deque<absl::AnyInvocable<void() &&>> first_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::thread> workers_;
};

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_BASE_THREAD_POOL_H_
