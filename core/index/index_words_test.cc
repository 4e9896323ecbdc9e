#include "core/index/index_words.h"

#include <map>
#include <vector>

#include "core/text/text.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "xapian.h"

namespace newsindex {
namespace {

using ::testing::ElementsAreArray;

std::vector<std::string> Keys(absl::string_view text) {
  std::vector<std::string> keys;
  ForEachIndexWord(text, [&](const IndexWord& w) {
    keys.push_back(w.key);
    return true;
  });
  return keys;
}

// The unprefixed, unstemmed terms DocumentBuilder's TermGenerator makes of
// the folded text, in position order.
std::vector<std::string> IndexedWords(absl::string_view text) {
  Xapian::Document doc;
  Xapian::TermGenerator generator;
  generator.set_stemmer(Xapian::Stem("english"));
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  generator.set_document(doc);
  generator.index_text(FoldForIndexing(text));
  std::map<Xapian::termpos, std::string> by_position;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
      by_position[*p] = *t;
    }
  }
  std::vector<std::string> words;
  for (const auto& [position, term] : by_position) words.push_back(term);
  return words;
}

TEST(IndexWordsTest, SameWordsAsTheIndex) {
  const char* texts[] = {
      "Russia's army",
      "Russia’s army and the Taliban‘s men",
      "a well-known, state–owned firm — then",
      "Café CAFÉ naïve Zürich São Tomé",
      "ＦＵＬＬ width and the ﬁnance ligature",
      "soft\u00adhyphen and zero\u200bwidth",
      "C++ and C# beat C+++ and x++y",
      "1,000.50 dollars, 3.5% and 2;3 but a,b",
      "AT&T rock'n'roll O'Neill's",
      "under_score words and 'quoted' ones'",
      "",
      "-- ... !!",
  };
  for (const char* text : texts) {
    EXPECT_THAT(Keys(text), ElementsAreArray(IndexedWords(text))) << text;
  }
}

TEST(IndexWordsTest, OffsetsAreInTheOriginalText) {
  struct Case {
    const char* text;
    std::vector<std::pair<int, int>> bytes;
    std::vector<std::pair<int, int>> code_points;
  };
  const Case cases[] = {
      {"Russia’s army", {{0, 10}, {11, 15}}, {{0, 8}, {9, 13}}},
      {"Café well-known",
       {{0, 5}, {6, 10}, {11, 16}},
       {{0, 4}, {5, 9}, {10, 15}}},
  };
  for (const Case& c : cases) {
    std::vector<std::pair<int, int>> bytes, code_points;
    ForEachIndexWord(c.text, [&](const IndexWord& w) {
      bytes.emplace_back(w.byte_start, w.byte_end);
      code_points.emplace_back(w.start, w.end);
      return true;
    });
    EXPECT_EQ(bytes, c.bytes) << c.text;
    EXPECT_EQ(code_points, c.code_points) << c.text;
  }
}

}  // namespace
}  // namespace newsindex
