#include "core/normalize/citations.h"

#include "gtest/gtest.h"

namespace newsindex {
namespace {

TEST(CitationMarkersTest, StripTable) {
  struct Case {
    std::string input, want;
    int removed;
  };
  const Case cases[] = {
      {"relationship.[1][2] Reports", "relationship. Reports", 2},
      {"ties.[1][2][3][5]", "ties.", 4},
      {"sharing.[4]", "sharing.", 1},
      {"step [3, 4] by step", "step by step", 1},
      {"rockfall.[5-6]", "rockfall.", 1},
      {"range [2\xE2\x80\x93"
       "5].",
       "range.", 1},
      {"claim[citation needed].", "claim.", 1},
      {"[PDF] Russian Federation", "[PDF] Russian Federation", 0},
      {"he said [sic] it", "he said [sic] it", 0},
      {"array[1234]", "array[1234]", 0},
      {"unclosed [1 marker", "unclosed [1 marker", 0},
      {"[]", "[]", 0},
  };
  for (const Case& c : cases) {
    int removed = -1;
    EXPECT_EQ(StripCitationMarkers(c.input, &removed), c.want) << c.input;
    EXPECT_EQ(removed, c.removed) << c.input;
  }
}

TEST(SourceListTest, Headers) {
  for (const char* h : {"Sources:", "References", "references:", "Notes:",
                        "Bibliography", "Works cited"}) {
    EXPECT_TRUE(IsSourceListHeader(h)) << h;
  }
  for (const char* h : {"Sources say the deal is close.", "Source", ""}) {
    EXPECT_FALSE(IsSourceListHeader(h)) << h;
  }
}

TEST(SourceListTest, Entries) {
  std::string entry;
  ASSERT_TRUE(ParseSourceListEntry("[1] Web \xE2\x80\x93 Title", &entry));
  EXPECT_EQ(entry, "Web \xE2\x80\x93 Title");
  ASSERT_TRUE(ParseSourceListEntry("12. Journal", &entry));
  EXPECT_EQ(entry, "Journal");
  ASSERT_TRUE(ParseSourceListEntry("- Field notes", &entry));
  EXPECT_EQ(entry, "Field notes");
  EXPECT_FALSE(ParseSourceListEntry("Plain sentence.", &entry));
  EXPECT_FALSE(ParseSourceListEntry("[1]", &entry));
  EXPECT_TRUE(StartsWithReferenceNumber("[9] Web"));
  EXPECT_FALSE(StartsWithReferenceNumber("[PDF] Web"));
}

}  // namespace
}  // namespace newsindex
