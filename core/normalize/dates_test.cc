#include "core/normalize/dates.h"

#include "absl/time/clock.h"
#include "gtest/gtest.h"

namespace newsindex {
namespace {

absl::Time Utc(int y, int m, int d, int hh = 0, int mm = 0, int ss = 0) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, mm, ss),
                         absl::UTCTimeZone());
}

TEST(FindDatesTest, Formats) {
  struct Case {
    std::string text;
    int year, month, day;
    std::string matched;
  };
  const Case cases[] = {
      {"on 2026-05-29 at noon", 2026, 5, 29, "2026-05-29"},
      {"May 29, 2026", 2026, 5, 29, "May 29, 2026"},
      {"since May 29 2026.", 2026, 5, 29, "May 29 2026"},
      {"May 29th, 2026", 2026, 5, 29, "May 29th, 2026"},
      {"29 May 2026", 2026, 5, 29, "29 May 2026"},
      {"the 3rd of July", 0, 7, 3, "3rd of July"},
      {"on Nov. 3 the", 0, 11, 3, "Nov. 3"},
      {"Sept 9", 0, 9, 9, "Sept 9"},
      {"SALVADOR, Feb 26 -", 0, 2, 26, "Feb 26"},
      {"JULY 4", 0, 7, 4, "JULY 4"},
      {"Fri, 29 May 2026 14:05:00 +0000", 2026, 5, 29,
       "29 May 2026 14:05:00 +0000"},
  };
  for (const Case& c : cases) {
    std::vector<DateMatch> found = FindDates(c.text);
    ASSERT_EQ(found.size(), 1u) << c.text;
    EXPECT_EQ(found[0].year, c.year) << c.text;
    EXPECT_EQ(found[0].month, c.month) << c.text;
    EXPECT_EQ(found[0].day, c.day) << c.text;
    EXPECT_EQ(c.text.substr(found[0].begin, found[0].end - found[0].begin),
              c.matched);
  }
}

TEST(FindDatesTest, NotDates) {
  for (const char* text :
       {"It may 5 times", "in April 2022", "05/06/2026", "May", "may 29",
        "3 million", "Mayhem 3", "at 10:30", "Marching 5", ""}) {
    EXPECT_TRUE(FindDates(text).empty()) << text;
  }
}

TEST(FindDatesTest, TimesAndZones) {
  std::vector<DateMatch> d = FindDates("2026-05-29T14:05:30+02:00");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(ResolveDate(d[0], absl::Now()), Utc(2026, 5, 29, 12, 5, 30));
  d = FindDates("May 29, 2026, 2:05 pm EDT");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(ResolveDate(d[0], absl::Now()), Utc(2026, 5, 29, 18, 5, 0));
}

TEST(ResolveDateTest, YearlessAgainstReference) {
  struct Case {
    std::string text;
    absl::Time reference;
    std::optional<absl::Time> want;
  };
  const Case cases[] = {
      // The latest occurrence not after the reference (plus a day).
      {"Nov. 3", Utc(2026, 11, 21), Utc(2026, 11, 3)},
      {"Dec. 20", Utc(2026, 1, 5), Utc(2025, 12, 20)},
      {"Nov. 22", Utc(2026, 11, 21), Utc(2026, 11, 22)},  // one day slack
      {"July 3", Utc(2026, 11, 21), Utc(2026, 7, 3)},
      // Too long before the reference to tell: left empty.
      {"Nov. 30", Utc(2026, 11, 21), std::nullopt},
      {"July 3", Utc(2026, 6, 1), std::nullopt},
      // Impossible dates.
      {"Feb 30", Utc(2026, 11, 21), std::nullopt},
      {"Feb 29", Utc(2026, 11, 21), std::nullopt},  // 2025, 2026 not leap
  };
  for (const Case& c : cases) {
    std::vector<DateMatch> d = FindDates(c.text);
    ASSERT_EQ(d.size(), 1u) << c.text;
    EXPECT_EQ(ResolveDate(d[0], c.reference), c.want) << c.text;
  }
}

TEST(ParseDateTimeTest, MetadataValues) {
  EXPECT_EQ(ParseDateTime("2026-05-29T09:30:00+02:00"),
            Utc(2026, 5, 29, 7, 30));
  EXPECT_EQ(ParseDateTime("2026-05-29T09:30:00.123Z").has_value(), true);
  EXPECT_EQ(ParseDateTime("2026-05-29"), Utc(2026, 5, 29));
  EXPECT_EQ(ParseDateTime("Fri, 29 May 2026 09:30:00 GMT"),
            Utc(2026, 5, 29, 9, 30));
  EXPECT_EQ(ParseDateTime("May 29, 2026"), Utc(2026, 5, 29));
  EXPECT_EQ(ParseDateTime("yesterday"), std::nullopt);
  EXPECT_EQ(ParseDateTime("Nov. 3"), std::nullopt);  // no year, no reference
  EXPECT_EQ(ParseDateTime(""), std::nullopt);
}

TEST(FindDatesTest, LinearOnLongInput) {
  std::string text;
  for (int i = 0; i < 200000; ++i) text += "May 1 ";
  EXPECT_EQ(FindDates(text).size(), 200000u);
  EXPECT_TRUE(FindDates(std::string(1 << 20, 'M')).empty());
  EXPECT_TRUE(FindDates(std::string(1 << 20, '7')).empty());
}

}  // namespace
}  // namespace newsindex
