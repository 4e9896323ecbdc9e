// Publication dates as pages state them: date lines and page headers with
// their labels and time zones (ReadDateLine), and whole pages through
// Normalize, where event sentences, quoted posts and citations must never
// give the publication date.
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/time/time.h"
#include "core/normalize/dates.h"
#include "core/normalize/normalizer.h"
#include "gtest/gtest.h"

namespace newsindex {
namespace {

// "2026-03-12T06:41" in UTC, or "" for no time.
std::string Iso(std::optional<absl::Time> t) {
  if (!t.has_value()) return "";
  return absl::FormatTime("%Y-%m-%dT%H:%M", *t, absl::UTCTimeZone());
}

std::string Stated(const std::optional<DateMatch>& d) {
  return d.has_value() ? Iso(ResolveStatedDate(*d)) : "";
}

TEST(ReadDateLineTest, LabelsZonesAndYears) {
  struct Case {
    const char* line;
    const char* published;  // UTC, "" when none is stated with a year
    const char* updated;
  };
  const Case cases[] = {
      // Published and Updated on one line: each by its label.
      {"Published: 12 Mar 2026, 09:41 EAT  |  Updated: 12 Mar 2026, 14:05 EAT",
       "2026-03-12T06:41", "2026-03-12T11:05"},
      {"Updated: 12 Mar 2026, 14:05 EAT | Published: 12 Mar 2026, 09:41 EAT",
       "2026-03-12T06:41", "2026-03-12T11:05"},
      {"First published on 3 May 2026 10:00 GMT, last updated 4 May 2026 "
       "09:00 GMT",
       "2026-05-03T10:00", "2026-05-04T09:00"},
      {"Posted May 3, 2026 at 2:15 pm EDT", "2026-05-03T18:15", ""},
      {"Last modified: 2026-05-04T08:00:00+02:00", "", "2026-05-04T06:00"},
      {"Edited 5 May 2026", "", "2026-05-05T00:00"},
      // Zone abbreviations from the table.
      {"Feb 20, 2026 | 11:58 PM GST", "2026-02-20T19:58", ""},
      {"12 Mar 2026, 09:41 EAT", "2026-03-12T06:41", ""},
      {"Kabul, 3 March 2026, 10:30 AFT", "2026-03-03T06:00", ""},
      {"March 3, 2026 9:00 AM PKT", "2026-03-03T04:00", ""},
      {"3 March 2026 18:45 IST", "2026-03-03T13:15", ""},
      {"3 March 2026 12:00 MSK", "2026-03-03T09:00", ""},
      {"Wed 6 May 2026 08.15 GST", "2026-05-06T04:15", ""},
      {"6 May 2026 08:15 CEST", "2026-05-06T06:15", ""},
      {"6 May 2026 08:15 CET", "2026-05-06T07:15", ""},
      {"6 May 2026 08:15 BST", "2026-05-06T07:15", ""},
      {"6 May 2026 21:00 JST", "2026-05-06T12:00", ""},
      {"6 May 2026 10:00 NPT", "2026-05-06T04:15", ""},
      {"6 May 2026 10:00 IRST", "2026-05-06T06:30", ""},
      {"6 May 2026 10:00 SAST", "2026-05-06T08:00", ""},
      {"6 May 2026 10:00 WAT", "2026-05-06T09:00", ""},
      {"6 May 2026 10:00 AEST", "2026-05-06T00:00", ""},
      {"May 6, 2026 10:00 a.m. ET", "2026-05-06T10:00", ""},  // ET: no table
      {"6 May 2026 10:00 GMT+3", "2026-05-06T07:00", ""},
      {"6 May 2026 10:00 UTC+05:30", "2026-05-06T04:30", ""},
      {"6 May 2026 10:00 +0430", "2026-05-06T05:30", ""},
      {"2026-05-06T10:00:00-05:00", "2026-05-06T15:00", ""},
      {"Fri, 29 May 2026 14:05:00 +0000", "2026-05-29T14:05", ""},
      {"29 May 2026 - 14:05", "2026-05-29T14:05", ""},
      {"Date: 29 May 2026", "2026-05-29T00:00", ""},
      // No year: the date is not taken, whatever the clock says.
      {"Updated on March 3", "", ""},
      {"Published July 3 at 10:00 GMT", "", ""},
      {"SALVADOR, Feb 26", "", ""},
      // Words that look like zones but are not upper case.
      {"29 May 2026 10:00 eat", "2026-05-29T10:00", ""},
      // An impossible date is no date.
      {"Published: 30 Feb 2026", "", ""},
  };
  for (const Case& c : cases) {
    const StatedDates stated = ReadDateLine(c.line);
    EXPECT_EQ(Stated(stated.published), c.published) << c.line;
    EXPECT_EQ(Stated(stated.updated), c.updated) << c.line;
  }
}

TEST(DateFromUrlTest, Paths) {
  struct Case {
    const char* url;
    const char* expected;
  };
  const Case cases[] = {
      {"https://example.com/news/2026/03/12/kenya-uae-pact",
       "2026-03-12T00:00"},
      {"https://example.com/2026-03-12/kenya-uae-pact.html",
       "2026-03-12T00:00"},
      {"https://example.com/world/20260312-kenya", "2026-03-12T00:00"},
      {"https://example.com/2026/3/9/story", "2026-03-09T00:00"},
      {"https://example.com/story?date=2026/03/12", ""},  // query: not a path
      {"https://2026.example.com/12/03/story", ""},
      {"https://example.com/world/2026/13/40/story", ""},
      {"https://example.com/id/12345678", ""},
      {"", ""},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Iso(DateFromUrl(c.url)), c.expected) << c.url;
  }
}

absl::Time Reference() {
  return absl::FromCivil(absl::CivilSecond(2026, 7, 20, 12, 0, 0),
                         absl::UTCTimeZone());
}

const char kStory[] =
    "The government announced on Monday that it would open the new border "
    "crossing to trucks and buses from next week, officials said, after "
    "months of talks between the two neighbours about customs checks.\n\n"
    "Traders welcomed the decision, saying it would cut the time goods spend "
    "waiting at the frontier and lower prices for consumers in both "
    "countries over the coming months.\n";

TEST(PublishedDateTest, PagesStateTheirDates) {
  struct Case {
    std::string name;
    std::string text;
    std::string url;
    const char* published;
    DateSource source;
    const char* updated;
  };
  const std::string story = kStory;
  const Case cases[] = {
      {"published-over-updated",
       "Border crossing to reopen for trucks next week\nBy Jane Doe\n"
       "Published: 12 Mar 2026, 09:41 EAT  |  Updated: 12 Mar 2026, 14:05 "
       "EAT\n\n" +
           story,
       "", "2026-03-12T06:41", DateSource::kByline, "2026-03-12T11:05"},
      {"zone-after-bar",
       "Border crossing to reopen for trucks next week\nBy Our Reporter\n"
       "Feb 20, 2026 | 11:58 PM GST\n\n" +
           story,
       "", "2026-02-20T19:58", DateSource::kByline, ""},
      {"only-updated",
       "Border crossing to reopen for trucks next week\n"
       "Updated 4 May 2026 09:00 GMT\n\n" +
           story,
       "", "2026-05-04T09:00", DateSource::kByline, "2026-05-04T09:00"},
      {"event-sentence-not-a-date",
       "Border crossing to reopen for trucks next week\n\n" + story +
           "\nThe two countries first agreed on the crossing on July 3, 2026, "
           "at a meeting in the capital.\n",
       "", "2026-07-20T12:00", DateSource::kIngestTime, ""},
      {"yearless-event-sentence",
       "Border crossing to reopen for trucks next week\n\n" + story +
           "\nIt follows the recognition of the government on July 3.\n",
       "", "2026-07-20T12:00", DateSource::kIngestTime, ""},
      {"quoted-post-date",
       "Border crossing to reopen for trucks next week\n\n" + story +
           "\n\"The crossing opens next week,\" the minister wrote. "
           "\u2014 Trade Ministry (@TradeMin) May 3, 2026\n",
       "", "2026-07-20T12:00", DateSource::kIngestTime, ""},
      {"citation-date",
       "Border crossing to reopen for trucks next week\n\n" + story +
           "\nSources:\n[1] Customs report, 12 January 2026.\n",
       "", "2026-07-20T12:00", DateSource::kIngestTime, ""},
      {"url-date", "Border crossing to reopen for trucks next week\n\n" + story,
       "https://news.example.com/2026/07/18/border-crossing",
       "2026-07-18T00:00", DateSource::kUrl, ""},
      {"byline-beats-url",
       "Border crossing to reopen for trucks next week\n"
       "Published: 17 July 2026\n\n" +
           story,
       "https://news.example.com/2026/07/18/border-crossing",
       "2026-07-17T00:00", DateSource::kByline, ""},
      {"dateline-with-year",
       "Border crossing to reopen for trucks next week\n\n"
       "KABUL, July 16, 2026 - " +
           story,
       "", "2026-07-16T00:00", DateSource::kDateline, ""},
      {"dateline-without-year",
       "Border crossing to reopen for trucks next week\n\n"
       "KABUL, July 16 - " +
           story,
       "", "2026-07-20T12:00", DateSource::kIngestTime, ""},
      {"yearless-date-line",
       "Border crossing to reopen for trucks next week\n"
       "Updated on July 16\n\n" +
           story,
       "", "2026-07-20T12:00", DateSource::kIngestTime, ""},
  };
  for (const Case& c : cases) {
    RawArticle raw;
    raw.content = c.text;
    raw.url = c.url;
    absl::StatusOr<NormalizedArticle> n =
        Normalizer().Normalize(raw, Reference());
    ASSERT_TRUE(n.ok()) << c.name << ": " << n.status();
    EXPECT_EQ(Iso(n->article.published_at), c.published) << c.name;
    EXPECT_EQ(DateSourceName(n->article.published_at_source),
              std::string(DateSourceName(c.source)))
        << c.name;
    EXPECT_EQ(Iso(n->article.updated_at), c.updated) << c.name;
  }
}

TEST(PublishedDateTest, CallerAndMetadataFirst) {
  RawArticle raw;
  raw.kind = ContentKind::kHtml;
  raw.content =
      "<html><head><script type=\"application/ld+json\">{\"@type\":"
      "\"NewsArticle\",\"datePublished\":\"2026-03-12T09:41:00+03:00\","
      "\"dateModified\":\"2026-03-12T14:05:00+03:00\"}</script>"
      "<meta property=\"article:published_time\" "
      "content=\"2026-03-13T00:00:00Z\"></head><body><article><h1>Border "
      "crossing to reopen for trucks next week</h1><p>" +
      std::string(kStory) + "</p></article></body></html>";
  absl::StatusOr<NormalizedArticle> n =
      Normalizer().Normalize(raw, Reference());
  ASSERT_TRUE(n.ok()) << n.status();
  EXPECT_EQ(Iso(n->article.published_at), "2026-03-12T06:41");
  EXPECT_EQ(n->article.published_at_source, DateSource::kJsonLd);
  EXPECT_EQ(Iso(n->article.updated_at), "2026-03-12T11:05");

  raw.published_at = absl::FromUnixSeconds(1780000000);
  n = Normalizer().Normalize(raw, Reference());
  ASSERT_TRUE(n.ok()) << n.status();
  EXPECT_EQ(n->article.published_at, absl::FromUnixSeconds(1780000000));
  EXPECT_EQ(n->article.published_at_source, DateSource::kCaller);
}

std::string Example(const std::string& name) {
  std::ifstream in(std::string(NEWSINDEX_SOURCE_DIR) + "/examples/" + name,
                   std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(PublishedDateTest, ExamplesStateTheirDates) {
  struct Case {
    const char* file;
    ContentKind kind;
    const char* published;
    DateSource source;
    const char* updated;
  };
  const Case cases[] = {
      // "Published: 12 Mar 2026, 09:41 EAT | Updated: 12 Mar 2026, 14:05 EAT"
      {"kenya_uae_trade_pact.txt", ContentKind::kText, "2026-03-12T06:41",
       DateSource::kByline, "2026-03-12T11:05"},
      // "Feb 20, 2026 | 11:58 PM GST"
      {"sharjah_cricket.txt", ContentKind::kText, "2026-02-20T19:58",
       DateSource::kByline, ""},
      // "Posted by Editorial Desk on 3 February 2026"
      {"trans_afghan_railway.txt", ContentKind::kText, "2026-02-03T00:00",
       DateSource::kByline, ""},
      // Only "Last modified: 21 January 2026".
      {"amazon_carbon_satellite.txt", ContentKind::kText, "2026-01-21T00:00",
       DateSource::kByline, "2026-01-21T00:00"},
      // An empty "Updated on": no date stated.
      {"astana_energy_summit.txt", ContentKind::kText, "2026-07-20T12:00",
       DateSource::kIngestTime, ""},
      {"astana_summit_communique.html", ContentKind::kHtml, "2026-04-15T11:30",
       DateSource::kJsonLd, "2026-04-15T14:05"},
      {"caspian_grain_corridor.html", ContentKind::kHtml, "2026-05-06T04:15",
       DateSource::kMeta, ""},
  };
  for (const Case& c : cases) {
    RawArticle raw;
    raw.kind = c.kind;
    raw.content = Example(c.file);
    ASSERT_FALSE(raw.content.empty()) << c.file;
    absl::StatusOr<NormalizedArticle> n =
        Normalizer().Normalize(raw, Reference());
    ASSERT_TRUE(n.ok()) << c.file << ": " << n.status();
    EXPECT_EQ(Iso(n->article.published_at), c.published) << c.file;
    EXPECT_EQ(n->article.published_at_source, c.source)
        << c.file << ": " << DateSourceName(n->article.published_at_source);
    EXPECT_EQ(Iso(n->article.updated_at), c.updated) << c.file;
  }
}

// The examples' bodies without their page furniture, and their authors.
TEST(ExampleBodiesTest, FurnitureRemoved) {
  struct Case {
    const char* file;
    const char* author;
    std::vector<std::string> absent;
    const char* starts;
  };
  const Case cases[] = {
      {"kenya_uae_trade_pact.txt",
       "Wanjiru Kamau",
       {"Published:", "Share:", "open Mombasa grain corridor",
        "Shilling firms against dollar", "Tea auction prices"},
       "NAIROBI \xE2\x80\x93 Kenya and the United Arab Emirates"},
      // "By Our Sports Reporter" names no one.
      {"sharjah_cricket.txt",
       "",
       {"11:58 PM GST", "Trending Now", "Kenya name young squad"},
       "SHARJAH, United Arab Emirates"},
      {"trans_afghan_railway.txt",
       "",
       {"Introduction\n", "Reading time", "Like Loading"},
       "KABUL, Afghanistan"},
      {"amazon_carbon_satellite.txt",
       "",
       {"Last modified", "3 min read", "ESA delays forest mission",
        "How much carbon does"},
       "S\xC3\x83O JOS\xC3\x89 DOS CAMPOS"},
      {"astana_energy_summit.txt",
       "",
       {"Delegates at the opening session", "Zhunusova", "2 min read",
        "water-for-power swap"},
       "ASTANA, Kazakhstan (Steppe Wire)"},
  };
  for (const Case& c : cases) {
    RawArticle raw;
    raw.content = Example(c.file);
    absl::StatusOr<NormalizedArticle> n =
        Normalizer().Normalize(raw, Reference());
    ASSERT_TRUE(n.ok()) << c.file << ": " << n.status();
    const std::string& body = n->article.body;
    EXPECT_EQ(n->article.author, c.author) << c.file;
    EXPECT_TRUE(absl::StartsWith(body, c.starts)) << c.file << "\n"
                                                  << body.substr(0, 200);
    for (const std::string& a : c.absent) {
      EXPECT_FALSE(absl::StrContains(body, a)) << c.file << ": " << a;
    }
  }
}

}  // namespace
}  // namespace newsindex
