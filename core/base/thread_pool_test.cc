#include "core/base/thread_pool.h"

#include <atomic>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/notification.h"
#include "gtest/gtest.h"

namespace newsindex {
namespace {

TEST(ThreadPoolTest, RunsEveryTaskBeforeDestruction) {
  std::atomic<int> count{0};
  {
    ThreadPool pool(3);
    for (int i = 0; i < 1000; ++i) pool.Schedule([&] { ++count; });
  }
  EXPECT_EQ(count.load(), 1000);
}

TEST(ThreadPoolTest, StartHookRunsOncePerThread) {
  std::mutex mu;
  std::set<int> indexes;
  {
    ThreadPool pool(4, [&](int index) {
      std::lock_guard<std::mutex> lock(mu);
      indexes.insert(index);
    });
    EXPECT_EQ(pool.size(), 4);
  }
  EXPECT_EQ(indexes, (std::set<int>{0, 1, 2, 3}));
}

TEST(ThreadPoolTest, ScheduleFirstRunsAheadOfQueuedTasks) {
  std::vector<std::string> order;  // written by the pool's one thread
  absl::Notification started, release;
  {
    ThreadPool pool(1);
    pool.Schedule([&] {
      started.Notify();
      release.WaitForNotification();
    });
    started.WaitForNotification();  // the worker is busy: the rest queue
    pool.Schedule([&] { order.push_back("bulk1"); });
    pool.Schedule([&] { order.push_back("bulk2"); });
    pool.ScheduleFirst([&] { order.push_back("first1"); });
    pool.ScheduleFirst([&] { order.push_back("first2"); });
    EXPECT_EQ(pool.pending(), 4u);
    release.Notify();
  }
  EXPECT_EQ(order,
            (std::vector<std::string>{"first1", "first2", "bulk1", "bulk2"}));
}

TEST(ThreadPoolTest, AtLeastOneThread) {
  ThreadPool pool(0);
  EXPECT_EQ(pool.size(), 1);
}

}  // namespace
}  // namespace newsindex
