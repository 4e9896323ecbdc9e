#include "ingest-service/same_id_sequencer.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newsindex {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

class SameIdSequencerTest : public ::testing::Test {
 protected:
  // A write that records the item's number.
  SameIdSequencer::Write Recording(int index) {
    return [this, index] { written_.push_back(index); };
  }

  SameIdSequencer sequencer_;
  std::vector<int> written_;
};

// Reported: a large first item finished after a small later one with the
// same id and overwrote it. The earlier one is now not written; its
// outcome is the later one's.
TEST_F(SameIdSequencerTest, EarlierItemPreparedLastIsSuperseded) {
  sequencer_.Started(0);
  sequencer_.Started(1);
  EXPECT_FALSE(sequencer_.Prepared(1, "x", Recording(1)).has_value());
  EXPECT_FALSE(sequencer_.Prepared(0, "x", Recording(0)).has_value());
  EXPECT_THAT(written_, ElementsAre(1));
  EXPECT_THAT(sequencer_.Written(1, "x", absl::OkStatus()), ElementsAre(0));
}

TEST_F(SameIdSequencerTest, SupersededAfterTheLaterOneIsWrittenGetsItsStatus) {
  sequencer_.Started(0);
  sequencer_.Started(1);
  EXPECT_FALSE(sequencer_.Prepared(1, "x", Recording(1)).has_value());
  EXPECT_THAT(sequencer_.Written(1, "x", absl::UnavailableError("disk")),
              IsEmpty());
  std::optional<SameIdSequencer::Superseded> late =
      sequencer_.Prepared(0, "x", Recording(0));
  ASSERT_TRUE(late.has_value());
  EXPECT_EQ(late->by, 1);
  EXPECT_EQ(late->status.code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(written_, ElementsAre(1));
}

TEST_F(SameIdSequencerTest, InOrderItemsAreBothWrittenInOrder) {
  for (int i = 0; i < 3; ++i) sequencer_.Started(i);
  EXPECT_FALSE(sequencer_.Prepared(0, "x", Recording(0)).has_value());
  EXPECT_FALSE(sequencer_.Prepared(1, "y", Recording(1)).has_value());
  EXPECT_THAT(sequencer_.Written(0, "x", absl::OkStatus()), IsEmpty());
  EXPECT_FALSE(sequencer_.Prepared(2, "x", Recording(2)).has_value());
  EXPECT_THAT(written_, ElementsAre(0, 1, 2));
  EXPECT_THAT(sequencer_.Written(2, "x", absl::OkStatus()), IsEmpty());
}

// Items prepared while a write of their id is being handed over wait for
// it, and only the latest of them follows it.
TEST_F(SameIdSequencerTest, ItemsPreparedDuringAWriteFollowIt) {
  for (int i = 0; i < 3; ++i) sequencer_.Started(i);
  EXPECT_FALSE(
      sequencer_
          .Prepared(
              0, "x",
              [this] {
                written_.push_back(0);
                EXPECT_FALSE(
                    sequencer_.Prepared(1, "x", Recording(1)).has_value());
                EXPECT_FALSE(
                    sequencer_.Prepared(2, "x", Recording(2)).has_value());
              })
          .has_value());
  EXPECT_THAT(written_, ElementsAre(0, 2));
  EXPECT_THAT(sequencer_.Written(0, "x", absl::OkStatus()), IsEmpty());
  EXPECT_THAT(sequencer_.Written(2, "x", absl::OkStatus()), ElementsAre(1));
}

TEST_F(SameIdSequencerTest, AbandonedItemsSupersedeNothing) {
  sequencer_.Started(0);
  sequencer_.Started(1);
  sequencer_.Abandoned(1);
  EXPECT_FALSE(sequencer_.Prepared(0, "x", Recording(0)).has_value());
  EXPECT_THAT(written_, ElementsAre(0));
}

}  // namespace
}  // namespace newsindex
