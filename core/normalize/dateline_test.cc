#include "core/normalize/dateline.h"

#include "gtest/gtest.h"

namespace newsindex {
namespace {

TEST(DatelineTest, Table) {
  struct Case {
    std::string text;
    bool found;
    std::string place, source, rest;
    bool has_date;
  };
  const Case cases[] = {
      {"KABUL \xE2\x80\x93 Moscow's recognition", true, "KABUL", "",
       "Moscow's recognition", false},
      {"KABUL, Afghanistan (MNTV) \xE2\x80\x94 The Taliban-led", true,
       "KABUL, Afghanistan", "MNTV", "The Taliban-led", false},
      {"SALVADOR, Feb 26 - Showers continued", true, "SALVADOR", "",
       "Showers continued", true},
      {"NEW YORK, May 29 (Reuters) - Stocks rose", true, "NEW YORK", "Reuters",
       "Stocks rose", true},
      {"WASHINGTON (AP) \xE2\x80\x94 The Senate", true, "WASHINGTON", "AP",
       "The Senate", false},
      {"ST. LOUIS, Mo. - A judge", true, "ST. LOUIS, Mo.", "", "A judge",
       false},
      {"The ministry said - without detail", false, "", "", "", false},
      {"Experts say \xE2\x80\x94 and others agree", false, "", "", "", false},
      {"A - B", false, "", "", "", false},
      {"KABUL: officials said", false, "", "", "", false},
      {"", false, "", "", "", false},
  };
  for (const Case& c : cases) {
    std::optional<Dateline> d = ParseDateline(c.text);
    ASSERT_EQ(d.has_value(), c.found) << c.text;
    if (!c.found) continue;
    EXPECT_EQ(d->place, c.place) << c.text;
    EXPECT_EQ(d->source, c.source) << c.text;
    EXPECT_EQ(c.text.substr(d->length), c.rest) << c.text;
    EXPECT_EQ(d->date.has_value(), c.has_date) << c.text;
  }
}

}  // namespace
}  // namespace newsindex
