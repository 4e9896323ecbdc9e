#include "core/normalize/vocabulary.h"

#include "core/normalize/line_kinds.h"
#include "gtest/gtest.h"

namespace newsindex {
namespace {

TEST(BlockKeyTest, FoldsCasePunctuationAndWidth) {
  EXPECT_EQ(BlockKey("Afghan Embassy, Moscow"), "afghan embassy moscow");
  EXPECT_EQ(BlockKey("  \xE2\x80\x9CRelated\xE2\x80\x9D  Stories! "),
            "related stories");
  EXPECT_EQ(BlockKey("\xE2\x80\x94"), "");
}

TEST(FurnitureTest, Table) {
  struct Case {
    std::string text;
    const char* reason;  // nullptr: not furniture
  };
  const Case cases[] = {
      {"2 min read", "boilerplate"},
      {"12 minute read", "boilerplate"},
      {"No stories found.", "boilerplate"},
      {"Related Stories", "related-links"},
      {"You may also like", "related-links"},
      {"Read more: Ferry operators warn", "related-links"},
      {"Share this article", "navigation"},
      {"Follow us on Telegram", "navigation"},
      {"Advertisement", "navigation"},
      {"\xC2\xA9 2026 Harbour News", "site-footer"},
      {"Copyright 2026 Example Media", "site-footer"},
      {"Photo: Reuters", "caption"},
      {"Political observers say the move has broader implications.", nullptr},
      {"Home secretary resigns", nullptr},
      {"Related stories are rare in this story", nullptr},
  };
  for (const Case& c : cases) {
    const char* got = FurnitureReason(c.text);
    if (c.reason == nullptr) {
      EXPECT_EQ(got, nullptr) << c.text;
    } else {
      ASSERT_NE(got, nullptr) << c.text;
      EXPECT_STREQ(got, c.reason) << c.text;
    }
  }
}

TEST(BylineTest, Table) {
  struct Case {
    std::string text;
    std::string author;  // empty: not a byline
  };
  const Case cases[] = {
      {"By Maria Lindqvist", "Maria Lindqvist"},
      {"BY JANE DOE and John Roe | Reuters", "JANE DOE"},
      {"Written by Ali al Rashid", "Ali al Rashid"},
      {"(Reporting by Ola Nordmann; Editing by Kari Hansen)", "Ola Nordmann"},
      {"By accepting a Taliban ambassador, Russia is signaling", ""},
      {"By the end of the week prices fell.", ""},
      {"Maria Lindqvist", ""},
      {"By Daniyar Seitkali \xC2\xB7 15 April 2026, 16:30 \xC2\xB7 4 min read",
       "Daniyar Seitkali"},
  };
  for (const Case& c : cases) {
    std::optional<std::string> author = ParseByline(c.text);
    EXPECT_EQ(author.value_or(""), c.author) << c.text;
  }
}

TEST(DateLineTest, Table) {
  struct Case {
    std::string text;
    bool date_line;
    bool published;
  };
  const Case cases[] = {
      {"Updated on", true, false},
      {"Updated on May 3, 2026", true, false},
      {"Published 29 May 2026, 10:30", true, true},
      {"Last updated: 3 hours ago", true, false},
      {"Friday, May 29, 2026", true, true},
      {"29 May 2026 10:32 GMT", true, true},
      {"Updated plans were announced by the ministry on Monday.", false, false},
      {"Published by the council, the report urges action.", false, false},
      {"On May 29, 2026 the council met.", false, false},
  };
  for (const Case& c : cases) {
    bool published = false;
    EXPECT_EQ(IsDateLine(c.text, &published), c.date_line) << c.text;
    if (c.date_line) {
      EXPECT_EQ(published, c.published) << c.text;
    }
  }
}

TEST(CopyrightTest, Holder) {
  EXPECT_EQ(CopyrightHolder("\xC2\xA9 2026 The Savannah Ledger. All rights "
                            "reserved."),
            "The Savannah Ledger");
  EXPECT_EQ(CopyrightHolder("Copyright \xC2\xA9 2020-2026 Harbour Media"),
            "Harbour Media");
  EXPECT_EQ(CopyrightHolder("\xC2\xA9 2026 The Meridian Post \xC2\xB7 "
                            "meridianpost.news"),
            "The Meridian Post");
  EXPECT_EQ(CopyrightHolder("The council holds the copyright."), "");
}

TEST(MenuLineTest, Table) {
  EXPECT_TRUE(IsMenuLine("Home | News | Business | Markets"));
  EXPECT_TRUE(IsMenuLine("Cricket > Tri-Series 2026 > Match Report"));
  EXPECT_TRUE(
      IsMenuLine("Home \xE2\x80\xBA Power & Grids \xE2\x80\xBA "
                 "Central Asia"));
  EXPECT_TRUE(IsMenuLine("Share: Facebook Twitter WhatsApp LinkedIn Email"));
  EXPECT_FALSE(
      IsMenuLine("Prices rose 4 pct / year, traders said on Tuesday "
                 "after a long week / of talks / in the city"));
  EXPECT_FALSE(IsMenuLine("Share prices fell on Monday."));
  EXPECT_FALSE(
      IsMenuLine("Experts say \xE2\x80\x94 and others agree "
                 "\xE2\x80\x94 it works."));
}

TEST(DomainLineTest, Table) {
  std::string domain;
  EXPECT_TRUE(IsDomainLine("interbellumnews.com", &domain));
  EXPECT_EQ(domain, "interbellumnews.com");
  EXPECT_TRUE(IsDomainLine("https://www.Example.org/news/", &domain));
  EXPECT_EQ(domain, "example.org");
  EXPECT_FALSE(IsDomainLine("U.S.", &domain));
  EXPECT_FALSE(IsDomainLine("end.", &domain));
  EXPECT_FALSE(IsDomainLine("two words.com", &domain));
  EXPECT_FALSE(IsDomainLine("version 1.2", &domain));
}

TEST(SectionLabelTest, Table) {
  std::string rest;
  EXPECT_TRUE(IsSectionLabel("Introduction: A Diplomatic Shift", &rest));
  EXPECT_EQ(rest, "A Diplomatic Shift");
  EXPECT_TRUE(IsSectionLabel("Story Snapshot", &rest));
  EXPECT_EQ(rest, "");
  EXPECT_TRUE(IsSectionLabel("Key points", &rest));
  EXPECT_FALSE(IsSectionLabel("Formal Acceptance by Russia", &rest));
  EXPECT_FALSE(IsSectionLabel("Russia: What Happened", &rest));
}

TEST(WordStatsTest, CountsStopwordsAndCapitals) {
  WordStats s = CountWords("The Taliban's envoy arrived in Moscow.");
  EXPECT_EQ(s.words, 7);  // the taliban s envoy arrived in moscow
  EXPECT_EQ(s.stopwords, 3);
  EXPECT_EQ(s.capitalized, 3);
  EXPECT_TRUE(EndsSentence("He said.\xE2\x80\x9D"));
  EXPECT_TRUE(EndsSentence("and missile\xE2\x80\xA6"));
  EXPECT_FALSE(EndsSentence("Related Stories"));
}

}  // namespace
}  // namespace newsindex
