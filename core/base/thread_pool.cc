#include "core/base/thread_pool.h"

#include <algorithm>
#include <utility>

namespace newsindex {

ThreadPool::ThreadPool(int threads, std::function<void(int)> on_thread_start) {
  threads = std::max(1, threads);
  workers_.reserve(threads);
  for (int i = 0; i < threads; ++i) {
    workers_.emplace_back(
        [this, i, on_thread_start] { Work(i, on_thread_start); });
  }
}

ThreadPool::~ThreadPool() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  for (std::thread& worker : workers_) worker.join();
}

void ThreadPool::Schedule(absl::AnyInvocable<void() &&> task) {
  absl::MutexLock lock(&mu_);
  queue_.push_back(std::move(task));
}

void ThreadPool::ScheduleFirst(absl::AnyInvocable<void() &&> task) {
  absl::MutexLock lock(&mu_);
  first_.push_back(std::move(task));
}

size_t ThreadPool::pending() const {
  absl::MutexLock lock(&mu_);
  return queue_.size() + first_.size();
}

void ThreadPool::Work(int index,
                      const std::function<void(int)>& on_thread_start) {
  if (on_thread_start) on_thread_start(index);
  while (true) {
    absl::AnyInvocable<void() &&> task;
    {
      absl::MutexLock lock(&mu_);
      mu_.Await(absl::Condition(
          +[](ThreadPool* pool) ABSL_EXCLUSIVE_LOCKS_REQUIRED(pool->mu_) {
            return !pool->queue_.empty() || !pool->first_.empty() ||
                   pool->stopping_;
          },
          this));
      auto& from = first_.empty() ? queue_ : first_;
      if (from.empty()) return;  // stopping and drained
      task = std::move(from.front());
      from.pop_front();
    }
    std::move(task)();
  }
}

}  // namespace newsindex
