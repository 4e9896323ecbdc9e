#include "ingest-service/stream_limits.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newsindex {
namespace {

TEST(StreamSlotsTest, LimitsPerConnectionAndInTotal) {
  StreamLimits limits;
  limits.max_streams_per_connection = 2;
  limits.max_streams = 3;
  StreamSlots slots(limits);
  EXPECT_TRUE(slots.Acquire("a").ok());
  EXPECT_TRUE(slots.Acquire("a").ok());
  absl::Status third = slots.Acquire("a");
  EXPECT_EQ(third.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(third.message(), ::testing::HasSubstr("limit 2"));
  EXPECT_TRUE(slots.Acquire("b").ok());
  absl::Status total = slots.Acquire("c");
  EXPECT_EQ(total.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(total.message(), ::testing::HasSubstr("limit 3"));
  slots.Release("a");
  EXPECT_TRUE(slots.Acquire("c").ok());
  EXPECT_EQ(slots.open(), 3);
}

TEST(ByteBudgetTest, ParksWhenSpentAndResumesAllOnRelease) {
  ByteBudget budget(100);
  int resumed = 0;
  EXPECT_TRUE(budget.HasRoomOrPark([&] { ++resumed; }));
  budget.Charge(60);
  EXPECT_TRUE(budget.HasRoomOrPark([&] { ++resumed; }));
  budget.Charge(60);
  EXPECT_FALSE(budget.HasRoomOrPark([&] { ++resumed; }));
  EXPECT_FALSE(budget.HasRoomOrPark([&] { ++resumed; }));
  EXPECT_EQ(resumed, 0);
  budget.Release(10);  // 110: still spent
  EXPECT_EQ(resumed, 0);
  budget.Release(60);  // 50: room
  EXPECT_EQ(resumed, 2);
  budget.Release(50);
  EXPECT_EQ(resumed, 2);
  EXPECT_EQ(budget.in_use(), 0);
  EXPECT_EQ(budget.peak(), 120);
}

}  // namespace
}  // namespace newsindex
