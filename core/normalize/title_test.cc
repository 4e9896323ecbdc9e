#include "core/normalize/title.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace newsindex {
namespace {

TEST(TitleTest, BreadcrumbsAreRecognised) {
  struct Case {
    const char* text;
    bool breadcrumb;
  };
  const Case cases[] = {
      {"Home | World | Asia | Opinion | Video", true},
      {"Security | Afghanistan", true},
      {"News > UK > Politics", true},
      {"Home \xE2\x80\xBA Energy \xE2\x80\xBA Central Asia", true},
      {"Sport / Football", true},
      {"News > Politics > Elections", true},
      {"Home \xC2\xB7 World \xC2\xB7 Europe", true},
      {"Bridge approved after decade of planning | Harbour Daily", false},
      {"24/7 coverage", false},
      {"Harbour council approves the new bridge", false},
      {"Profits rose 12% | The company said it would expand.", false},
      {"Counting the cost: floods across the delta region this week | "
       "Analysis",
       false},
      {"", false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(IsBreadcrumb(c.text), c.breadcrumb) << c.text;
  }
}

TEST(TitleTest, ShapesThatAreNeverTitlesScoreZero) {
  for (const char* text :
       {"Home | World | Asia", "", "Updated on 3 May 2026",
        "one two three four five six seven eight nine ten eleven twelve "
        "thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty "
        "twenty-one twenty-two twenty-three twenty-four twenty-five "
        "twenty-six"}) {
    EXPECT_EQ(ScoreTitleCandidate({text, TitleOrigin::kCaller}), 0) << text;
  }
  EXPECT_GT(ScoreTitleCandidate({"Bridge approved", TitleOrigin::kTextLine}),
            0);
}

TEST(TitleTest, TrustedOriginsWinAndRuledOutOnesNever) {
  const std::vector<TitleCandidate> candidates = {
      {"Home | News | Business", TitleOrigin::kJsonLd},
      {"Harbour bridge approved after long debate", TitleOrigin::kTitleTag},
      {"Harbour bridge approved", TitleOrigin::kHeading},
  };
  EXPECT_EQ(ChooseTitle(candidates), 2);
  EXPECT_EQ(ChooseTitle({{"Security | Afghanistan", TitleOrigin::kCaller}}),
            -1);
  // One word is a poor title: a longer candidate of a weaker origin wins.
  EXPECT_EQ(
      ChooseTitle({{"Menu", TitleOrigin::kHeading},
                   {"Floods close the river port", TitleOrigin::kTextLine}}),
      1);
}

}  // namespace
}  // namespace newsindex
