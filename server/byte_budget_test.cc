#include "server/byte_budget.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newsindex {
namespace {

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
