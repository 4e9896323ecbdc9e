#include "core/base/thread_pool.h"

#include <atomic>
#include <set>
#include <thread>

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

TEST(ThreadPoolTest, AtLeastOneThread) {
  ThreadPool pool(0);
  EXPECT_EQ(pool.size(), 1);
}

}  // namespace
}  // namespace newsindex
