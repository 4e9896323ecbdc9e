#include "core/entities/tokens.h"

#include "gtest/gtest.h"

namespace newsindex {
namespace {

TEST(TokensTest, WordsPunctuationAndOffsets) {
  const std::vector<Token> t = Tokenize("Russia’s envoy, Kābul");
  ASSERT_EQ(t.size(), 6u);
  EXPECT_EQ(t[0].key, "russia");
  EXPECT_TRUE(t[0].capitalized);
  EXPECT_EQ(t[1].key, "'");  // typographic apostrophe folded
  EXPECT_FALSE(t[1].word);
  EXPECT_EQ(t[2].key, "s");
  EXPECT_EQ(t[5].key, "kabul");  // diacritics folded
  EXPECT_EQ(t[5].cp_start, 16);  // code points, not bytes
  EXPECT_EQ(t[5].cp_end, 21);
  EXPECT_GT(t[5].start, 16);
}

// Entity keys fold punctuation as index terms do (FoldedPunctuation in
// core/text/text.h), angle quotes and small dashes included.
TEST(TokensTest, PunctuationFoldsAsIndexTermsDo) {
  const std::vector<Token> t = Tokenize("\u2039Riga\u203A \uFE58 `x\u00B4");
  ASSERT_EQ(t.size(), 7u);
  EXPECT_EQ(t[0].key, "\"");
  EXPECT_EQ(t[1].key, "riga");
  EXPECT_EQ(t[2].key, "\"");
  EXPECT_EQ(t[3].key, "-");
  EXPECT_EQ(t[4].key, "'");
  EXPECT_EQ(t[5].key, "x");
  EXPECT_EQ(t[6].key, "'");
}

TEST(TokensTest, FlagsAndLineBreaks) {
  const std::vector<Token> t = Tokenize("ISKP said\nUN");
  EXPECT_TRUE(t[0].all_upper);
  EXPECT_FALSE(t[1].capitalized);
  EXPECT_TRUE(t[2].newline_before);
}

TEST(TokensTest, NameKeyAndSlug) {
  struct Case {
    const char* text;
    const char* key;
    const char* slug;
  } cases[] = {
      {"Russia's", "russia s", "russia-s"},
      {"Zamir Kabulov", "zamir kabulov", "zamir-kabulov"},
      {"ISIS-K", "isis k", "isis-k"},
      {"Kābul", "kabul", "kabul"},
      {"  ", "", ""},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(NameKey(c.text), c.key) << c.text;
    EXPECT_EQ(Slug(c.text), c.slug) << c.text;
  }
}

// Ids keep their letters: ß is ss, other scripts are transliterated
// (issue 26: "Außenministerium" was "auenministerium").
TEST(TokensTest, SlugKeepsLettersOfEveryScript) {
  const std::pair<const char*, const char*> cases[] = {
      {"Außenministerium", "aussenministerium"},
      {"Замир Кабулов", "zamir-kabulov"},
      {"Москва", "moskva"},
      {"Ærø Øresund", "aero-oresund"},
      {"İstanbul", "istanbul"},
      {"طالبان", "talban"},
      {"莫斯科", "mo-si-ke"},
  };
  for (const auto& [text, slug] : cases) {
    EXPECT_EQ(Slug(text), slug) << text;
  }
}

TEST(TokensTest, MatchKeyFoldsSpellingTheHyphensAndDiacritics) {
  struct Case {
    const char* a;
    const char* b;
  } cases[] = {
      {"Organisation of Petroleum Exporting Countries",
       "Organization of the Petroleum-Exporting Countries"},
      {"Ministry of Defence", "Ministry of Defense"},
      {"World Trade Centre", "World Trade Center"},
      {"Privatisation Agency", "Privatization Agency"},
      {"Kābul Harbour", "Kabul Harbor"},
      {"Bank of the West", "Bank of West"},
      {"U.S.", "U S"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(MatchKey(c.a), MatchKey(c.b)) << c.a << " / " << c.b;
  }
  EXPECT_NE(MatchKey("Labour Party"), MatchKey("Labor Party"));
  EXPECT_EQ(FoldSpelling("organisation"), "organization");
  EXPECT_EQ(FoldSpelling("analysed"), "analyzed");
  EXPECT_EQ(FoldSpelling("rise"), "rise");  // stem too short
  EXPECT_EQ(MatchKey("The Hague"), "the hague");
}

TEST(TokensTest, EditDistance) {
  EXPECT_EQ(EditDistance("yaqoob", "yqoob", 2), 1);
  EXPECT_EQ(EditDistance("kabul", "kabul", 1), 0);
  EXPECT_EQ(EditDistance("moscow", "kazan", 1), 2);  // capped at cap + 1
}

}  // namespace
}  // namespace newsindex
