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

}  // namespace
}  // namespace newsindex
