#include "core/search/match_offsets.h"

#include "gtest/gtest.h"

namespace newsindex {
namespace {

TEST(MatchOffsetsTest, StemAwareAndCodePointOffsets) {
  Xapian::Stem stemmer("english");
  struct Case {
    Xapian::Query query;
    std::string text;
    std::vector<std::pair<int, int>> want;
  };
  const Case cases[] = {
      {Xapian::Query("Zcorridor"),
       "Corridors and a corridor.",
       {{0, 9}, {16, 24}}},
      {Xapian::Query("grain"), "Café grain", {{5, 10}}},
      {Xapian::Query(Xapian::Query::OP_AND, Xapian::Query("Zwheat"),
                     Xapian::Query("XE:country:kz")),
       "Wheat from “Kazakh” fields",
       {{0, 5}}},
      {Xapian::Query("nothing"), "No match here", {}},
      // The matcher skips stemming words whose first two bytes no query
      // stem has; Porter2's exceptional forms must still match.
      {Xapian::Query("Zdie"), "dying", {{0, 5}}},
      {Xapian::Query("Zlie"), "lying", {{0, 5}}},
      {Xapian::Query("Ztie"), "tying", {{0, 5}}},
      {Xapian::Query("Zgentl"), "Gently", {{0, 6}}},
      {Xapian::Query("Zski"), "skis and skies", {{0, 4}}},
      {Xapian::Query("Zsky"), "skies", {{0, 5}}},
      // The index keeps "russia's" whole, with any apostrophe.
      {Xapian::Query("russia's"),
       "Russia’s army, Russia's",
       {{0, 8}, {15, 23}}},
      {Xapian::Query("Zrussia"), "Russia’s army", {{0, 8}}},
      {Xapian::Query("russia"), "Russia’s army", {}},
      // Diacritics and width as the index folds them; hyphens split.
      {Xapian::Query("café"), "CAFÉ ＣＡＦÉ", {{0, 4}, {5, 9}}},
      {Xapian::Query("known"), "well-known, well–known", {{5, 10}, {17, 22}}},
  };
  for (const Case& c : cases) {
    std::vector<MatchSpan> spans = FindMatchSpans(c.query, c.text, stemmer);
    std::vector<std::pair<int, int>> got;
    for (const MatchSpan& s : spans) got.emplace_back(s.start, s.end);
    EXPECT_EQ(got, c.want) << c.text;
  }
}

TEST(MatchOffsetsTest, ByteOffsetsOfMultibyteText) {
  Xapian::Stem stemmer("english");
  std::vector<MatchSpan> spans =
      FindMatchSpans(Xapian::Query("grain"), "Café grain", stemmer);
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_EQ(spans[0].byte_start, 6);  // "é" is two bytes
  EXPECT_EQ(spans[0].byte_end, 11);
}

TEST(MatchOffsetsTest, Limit) {
  Xapian::Stem stemmer("english");
  EXPECT_EQ(FindMatchSpans(Xapian::Query("a"), "a a a a a", stemmer, 3).size(),
            3u);
}

}  // namespace
}  // namespace newsindex
