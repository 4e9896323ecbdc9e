#include "core/normalize/blocks.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newsindex {
namespace {

using ::testing::ElementsAre;

TEST(SplitTextTest, KeepsInputLineNumbers) {
  std::vector<Block> blocks =
      SplitTextIntoBlocks("\nTitle\r\n\r\nFirst  line\rSecond\n\n\n");
  ASSERT_EQ(blocks.size(), 3u);
  EXPECT_EQ(blocks[0].text, "Title");
  EXPECT_THAT(blocks[0].lines, ElementsAre(2));
  EXPECT_EQ(blocks[1].text, "First line");
  EXPECT_THAT(blocks[1].lines, ElementsAre(4));
  EXPECT_TRUE(blocks[1].blank_before);
  EXPECT_THAT(blocks[2].lines, ElementsAre(5));
  EXPECT_FALSE(blocks[2].blank_before);
}

TEST(SplitTextTest, BulletsAreListItems) {
  std::vector<Block> blocks =
      SplitTextIntoBlocks("Key points\n- one\n\xE2\x80\xA2 two\n* three\n");
  ASSERT_EQ(blocks.size(), 4u);
  EXPECT_EQ(blocks[0].kind, BlockKind::kText);
  for (int i = 1; i < 4; ++i) EXPECT_EQ(blocks[i].kind, BlockKind::kListItem);
}

TEST(SplitTextTest, JoinsHardWrappedParagraphs) {
  const std::string text =
      "HALDEN, Nov 3 - Timber prices rose for the third week in\n"
      "a row as sawmills in the northern region struggled to keep up\n"
      "with demand from builders, traders said on Tuesday.\n"
      "    Prices for spruce logs were up 4 pct from a week earlier,\n"
      "while pine gained 2 pct, according to the regional forestry\n"
      "board, which publishes a weekly survey of mill gate prices.\n"
      "    The board expects prices to level off.\n";
  std::vector<Block> blocks = SplitTextIntoBlocks(text);
  ASSERT_EQ(blocks.size(), 3u);
  EXPECT_THAT(blocks[0].lines, ElementsAre(1, 2, 3));
  EXPECT_NE(blocks[0].text.find("third week in a row as sawmills"),
            std::string::npos);
  EXPECT_THAT(blocks[1].lines, ElementsAre(4, 5, 6));
  EXPECT_THAT(blocks[2].lines, ElementsAre(7));
}

TEST(SplitTextTest, LongLinesAreNotJoined) {
  std::string long_line(150, 'x');
  std::vector<Block> blocks = SplitTextIntoBlocks(
      long_line + "\n" + long_line + "\n" + long_line + "\n");
  EXPECT_EQ(blocks.size(), 3u);
}

}  // namespace
}  // namespace newsindex
