#include "core/text/text.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <ctime>

#include "absl/strings/str_cat.h"
#include "core/text/excerpt.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newsindex {
namespace {

TEST(Utf8Test, ValidityTable) {
  struct Case {
    std::string input;
    bool valid;
  };
  const Case cases[] = {
      {"", true},
      {"plain ascii", true},
      {"caf\xC3\xA9", true},
      {"\xF0\x9F\x87\xB7", true},
      {"\xC3", false},              // truncated
      {"\xC0\xAF", false},          // overlong
      {"\xED\xA0\x80", false},      // surrogate
      {"\xF4\x90\x80\x80", false},  // past U+10FFFF
      {"ok\xFFok", false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(IsValidUtf8(c.input), c.valid) << c.input;
  }
}

TEST(Utf8Test, RepairReplacesEachBadSequence) {
  int replaced = 0;
  EXPECT_EQ(RepairUtf8("a\xFF"
                       "b\xC3",
                       &replaced),
            "a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD");
  EXPECT_EQ(replaced, 2);
}

TEST(NfcTest, ComposesDecomposedAccents) {
  EXPECT_EQ(ToNfc("cafe\xCC\x81"), "caf\xC3\xA9");
  EXPECT_EQ(ToNfc("already nfc"), "already nfc");
}

TEST(WhitespaceTest, Table) {
  struct Case {
    std::string input;
    std::string want;
  };
  const Case cases[] = {
      {"  a   b  ", "a b"},
      {"a\r\nb", "a\nb"},
      {"a\n\n\n\nb", "a\n\nb"},
      {"\n\n a \n\n", "a"},
      {"a\xC2\xA0\xC2\xA0"
       "b",
       "a b"},  // NBSP
      {"a\tb", "a b"},
      {"soft\xC2\xADhyphen", "softhyphen"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(NormalizeWhitespace(c.input), c.want) << c.input;
  }
}

TEST(ControlCharTest, BinaryIsMostlyControl) {
  EXPECT_EQ(ControlCharFraction("text\nwith\ttabs"), 0.0);
  EXPECT_GT(ControlCharFraction(std::string("\x01\x02\x03\x00x", 5)), 0.5);
}

TEST(CodePointTest, CountsCodePoints) {
  EXPECT_EQ(CodePointCount("caf\xC3\xA9"), 4);
  EXPECT_EQ(CodePointCount(""), 0);
}

}  // namespace
}  // namespace newsindex

namespace newsindex {
namespace {

TEST(FoldForIndexingTest, Table) {
  struct Case {
    std::string input;
    std::string want;
  };
  const Case cases[] = {
      {"Russia\xE2\x80\x99s", "Russia's"},               // ’
      {"\xE2\x80\x9CQuoted\xE2\x80\x9D", "\"Quoted\""},  // “ ”
      {"\xC2\xAB"
       "guillemets"
       "\xC2\xBB",
       "\"guillemets\""},  // « »
      {"2020\xE2\x80\x93"
       "2021",
       "2020-2021"},  // –
      {"a\xE2\x80\x94"
       "b",
       "a-b"},  // —
      {"\xE2\x88\x92"
       "5",
       "-5"},                                           // minus
      {"\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\x91", "AB1"},  // full width
      {"\xEF\xAC\x81nance", "finance"},                 // ligature
      {"wait\xE2\x80\xA6", "wait..."},                  // ellipsis
      {"zero\xE2\x80\x8Bwidth", "zerowidth"},
      {"a\xC2\xA0"
       "b",
       "a b"},  // NBSP
      {"Keep Case", "Keep Case"},
      {"caf\xC3\xA9", "caf\xC3\xA9"},
      {"bad\xFF", "bad\xEF\xBF\xBD"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(FoldForIndexing(c.input), c.want) << c.input;
  }
}

// Longest run of code points with a non-zero canonical combining class.
int LongestNonStarterRun(absl::string_view utf8) {
  int longest = 0;
  int run = 0;
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(utf8.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(utf8.data(), i, n, c);
    run = c >= 0 && u_getCombiningClass(c) != 0 ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return longest;
}

// "a" then `count` marks, alternating U+0301 (ccc 230) and U+0316 (ccc
// 220), so canonical reordering has to move every other one.
std::string AlternatingMarks(int count) {
  std::string s = "a";
  for (int i = 0; i < count; ++i) s += i % 2 == 0 ? "\xCC\x81" : "\xCC\x96";
  return s;
}

TEST(StreamSafeTest, Table) {
  const std::string cgj = "\xCD\x8F";
  const std::string acute = "\xCC\x81";
  std::string thirty;
  for (int i = 0; i < 30; ++i) thirty += acute;
  struct Case {
    std::string input;
    std::string want;
  };
  const Case cases[] = {
      {"", ""},
      {"plain ascii", "plain ascii"},
      {"caf\xC3\xA9", "caf\xC3\xA9"},
      {"e" + thirty, "e" + thirty},                        // 30: allowed
      {"e" + thirty + acute, "e" + thirty + cgj + acute},  // 31: split
      {"e" + thirty + "e" + thirty, "e" + thirty + "e" + thirty},
      // U+00E9 decomposes to e + U+0301: its trailing mark counts.
      {"\xC3\xA9" + thirty,
       "\xC3\xA9" + thirty.substr(0, 58) + cgj + thirty.substr(58)},
      {thirty + acute, thirty + cgj + acute},  // no starter before the run
  };
  for (const Case& c : cases) {
    EXPECT_EQ(MakeStreamSafe(c.input), c.want) << c.input;
  }
}

// Reported: 128k alternating marks took 7.5 s in ICU's normalizer, which
// reorders a run by insertion sort. Stream-safe first, it is linear.
TEST(StreamSafeTest, LongRunOfMarksNormalizesFastAndStaysStreamSafe) {
  const std::string marks = AlternatingMarks(128 * 1024);
  const std::clock_t start = std::clock();
  const std::string nfc = ToNfc(marks);
  const std::string folded = FoldForIndexing(marks);
  const double seconds = double(std::clock() - start) / CLOCKS_PER_SEC;
  EXPECT_LT(seconds, 1.0);
  EXPECT_LE(LongestNonStarterRun(nfc), kMaxNonStarterRun);
  EXPECT_LE(LongestNonStarterRun(folded), kMaxNonStarterRun);
  EXPECT_LE(LongestNonStarterRun(MakeStreamSafe(marks)), kMaxNonStarterRun);
  EXPECT_GT(nfc.size(), marks.size());  // every mark kept, CGJs added
}

TEST(FoldCaseTest, LowercasesUnicode) {
  EXPECT_EQ(FoldCase("KABUL \xC3\x89T\xC3\x89"), "kabul \xC3\xA9t\xC3\xA9");
}

TEST(ExcerptTest, CutsLongInputOnACharacterBoundary) {
  EXPECT_EQ(Excerpt("short"), "short");
  const std::string input = std::string(99, 'a') + "\u00e9tail";
  EXPECT_EQ(Excerpt(input), absl::StrCat(std::string(99, 'a'), "... (",
                                         input.size(), " bytes)"));
}

TEST(FoldedPunctuationTest, OneTableForQuotesDashesAndInvisibles) {
  const std::pair<int32_t, const char*> cases[] = {
      {0x2019, "'"}, {0x2039, "\""}, {0x203A, "\""}, {0x00AB, "\""},
      {0x2014, "-"}, {0xFE58, "-"},  {0xFE63, "-"},  {0x2212, "-"},
      {0x200B, ""},  {0x00AD, ""},   {'a', nullptr}, {0x00E9, nullptr},
  };
  for (const auto& [c, folded] : cases) {
    const char* got = FoldedPunctuation(c);
    if (folded == nullptr) {
      EXPECT_EQ(got, nullptr) << c;
    } else {
      ASSERT_NE(got, nullptr) << c;
      EXPECT_STREQ(got, folded) << c;
    }
  }
}

}  // namespace
}  // namespace newsindex
