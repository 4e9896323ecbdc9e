#include "bench/extraction/shingles.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newsindex::bench {
namespace {

using ::testing::ElementsAre;

TEST(FoldedWordsTest, Table) {
  EXPECT_THAT(FoldedWords("The Cat's  hat, 42!"),
              ElementsAre("the", "cat", "s", "hat", "42"));
  EXPECT_THAT(FoldedWords("Stra\xC3\x9F"
                          "e \xC3\x89"
                          "T\xC3\x89"),
              ElementsAre("stra\xC3\x9F"
                          "e",
                          "\xC3\xA9t\xC3\xA9"));
  // Han characters are words of their own; Latin runs around them too.
  EXPECT_THAT(FoldedWords("\xE4\xB8\xAD\xE6\x96\x87"
                          "abc"),
              ElementsAre("\xE4\xB8\xAD", "\xE6\x96\x87", "abc"));
  EXPECT_THAT(FoldedWords(" -- "), ElementsAre());
}

TEST(CompareShinglesTest, Table) {
  struct Case {
    const char* extracted;
    const char* expected;
    double precision, recall;
  };
  const Case cases[] = {
      {"one two three four five", "one two three four five", 1, 1},
      // Case and punctuation do not matter.
      {"One, two. Three four", "one two three four", 1, 1},
      // Half the extracted shingles are furniture.
      {"a b c d menu e f g", "a b c d", 1.0 / 5, 1},
      // Nothing extracted.
      {"", "a b c d", 0, 0},
      {"", "", 1, 1},
      // Short texts are one shingle.
      {"a b", "a b", 1, 1},
  };
  for (const Case& c : cases) {
    const Overlap o = CompareShingles(c.extracted, c.expected);
    EXPECT_DOUBLE_EQ(o.Precision(), c.precision) << c.extracted;
    EXPECT_DOUBLE_EQ(o.Recall(), c.recall) << c.extracted;
  }
}

TEST(OverlapTest, PooledF1) {
  Overlap total;
  total += Overlap{8, 10, 10};
  total += Overlap{0, 0, 10};
  EXPECT_DOUBLE_EQ(total.Precision(), 0.8);
  EXPECT_DOUBLE_EQ(total.Recall(), 0.4);
  EXPECT_NEAR(total.F1(), 2 * 0.8 * 0.4 / 1.2, 1e-12);
}

TEST(SameWordsTest, Table) {
  EXPECT_TRUE(SameWords("Bridge approved", "bridge  APPROVED!", true));
  EXPECT_FALSE(SameWords("Bridge approved", "Bridge approved | Daily", true));
  EXPECT_TRUE(SameWords("Bridge approved at last",
                        "Bridge approved at last | Daily", false));
  EXPECT_FALSE(SameWords("Bridge", "Bridge approved at last | Daily", false));
  EXPECT_FALSE(SameWords("", "", false));
}

TEST(WordsContainedTest, Table) {
  EXPECT_TRUE(WordsContained("Jane Doe", "By Jane Doe, Reuters"));
  EXPECT_TRUE(WordsContained("By Jane Doe, Reuters", "jane doe"));
  EXPECT_FALSE(WordsContained("John Roe", "By Jane Doe"));
  EXPECT_FALSE(WordsContained("", "By Jane Doe"));
}

}  // namespace
}  // namespace newsindex::bench
