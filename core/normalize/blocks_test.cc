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

TEST(SplitTextTest, TablesKeepTheirRows) {
  struct Case {
    const char* name;
    std::string text;
    std::vector<std::string> blocks;  // texts, in order
    std::vector<BlockKind> kinds;
  };
  const std::vector<Case> cases = {
      {"rows of figures",
       "Shr 12 cts vs 10 cts\n    Net 2,100,000 vs 1,800,000\n"
       "    Qtly div five cts vs five cts\n",
       {"Shr 12 cts vs 10 cts\nNet 2,100,000 vs 1,800,000\n"
        "Qtly div five cts vs five cts"},
       {BlockKind::kTable}},
      {"aligned columns",
       "         Oats    Rye   Corn\n Stock   1.24   0.99   2.10\n"
       " Sold    0.50   n.a.   1.75\n",
       {"Oats Rye Corn\nStock 1.24 0.99 2.10\nSold 0.50 n.a. 1.75"},
       {BlockKind::kTable}},
      {"one comparison is a table",
       "Chelsea v Birmingham\n",
       {"Chelsea v Birmingham"},
       {BlockKind::kTable}},
      {"prose with figures is not a table",
       "Sales rose to 118,079 from 106,321 in the same period.\n"
       "The company said 2026 would be better.\n",
       {"Sales rose to 118,079 from 106,321 in the same period.",
        "The company said 2026 would be better."},
       {BlockKind::kText, BlockKind::kText}},
      {"bullets are never rows",
       "- one\n- two\n",
       {"- one", "- two"},
       {BlockKind::kListItem, BlockKind::kListItem}},
  };
  for (const Case& c : cases) {
    std::vector<Block> blocks = SplitTextIntoBlocks(c.text);
    ASSERT_EQ(blocks.size(), c.blocks.size()) << c.name;
    for (size_t i = 0; i < blocks.size(); ++i) {
      EXPECT_EQ(blocks[i].text, c.blocks[i]) << c.name;
      EXPECT_EQ(blocks[i].kind, c.kinds[i]) << c.name;
    }
  }
}

// Wire copy: upper-case continuations (names) and indented paragraph
// starts; a dateline put in front of the first line does not set the width.
TEST(SplitTextTest, WireCopyWithCapitalisedContinuations) {
  const std::string text =
      "PORTSMOUTH, Maine, March 2 - Harbour Bancorp said the U.S.\n"
      "Federal Reserve Board approved the acquisition of Harbour by\n"
      "Westfield Financial Corp.\n"
      "    The acquisition still requires approval from the Banking\n"
      "Department in Maine, the company noted.\n";
  std::vector<Block> blocks = SplitTextIntoBlocks(text);
  ASSERT_EQ(blocks.size(), 2u);
  EXPECT_THAT(blocks[0].lines, ElementsAre(1, 2, 3));
  EXPECT_THAT(blocks[1].lines, ElementsAre(4, 5));
}

TEST(SplitTextTest, LongLinesAreNotJoined) {
  std::string long_line(150, 'x');
  std::vector<Block> blocks = SplitTextIntoBlocks(long_line + "\n" + long_line +
                                                  "\n" + long_line + "\n");
  EXPECT_EQ(blocks.size(), 3u);
}

}  // namespace
}  // namespace newsindex
