// Hostile HTML: every case is read without the tree builder,
// with a warning naming the limit, instead of taking seconds to minutes of
// CPU in Gumbo. The inputs are smaller than the reported ones (100k
// "<div></x>", 100k attributes, 230k unclosed tags) but over the limits;
// the test asserts the outcome, not time.
#include "core/normalize/html/html_limits.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/time.h"
#include "core/normalize/html/html_scan.h"
#include "core/normalize/normalizer.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newsindex {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr char kStory[] =
    "<p>The council voted on Tuesday to approve the bridge across the "
    "harbour, ending years of argument.</p>";

std::string Repeat(int n, const char* pattern) {
  std::string out;
  for (int i = 0; i < n; ++i) {
    absl::StrAppend(&out,
                    absl::StrReplaceAll(pattern, {{"$", absl::StrCat(i)}}));
  }
  return out;
}

struct HostileCase {
  const char* name;
  std::string html;
  const char* limit;  // the limit named in the warning
};

TEST(HtmlLimitsTest, HostilePagesAreFlattenedNamingTheLimit) {
  const HostileCase cases[] = {
      // Stray end tags close nothing: 20k nested divs for the parser.
      {"div and stray end tag", Repeat(20000, "<div></x>"), "max_depth"},
      // "<div/>" opens a div in HTML.
      {"self-closed divs", Repeat(20000, "<div/>"), "max_depth"},
      // Formatting elements closed by </p> are reopened before every text.
      {"unclosed formatting", Repeat(3000, "<p><b id=$>x</p>"),
       "max_parse_work"},
      {"attributes on one tag",
       absl::StrCat("<div ", Repeat(10000, "a$=1 "), ">"),
       "max_attributes_per_element"},
      {"elements", Repeat(160000, "<i>x</i>"), "max_elements"},
      {"parse work",
       absl::StrCat(Repeat(250, "<div>"), Repeat(9000, "<i></i>")),
       "max_parse_work"},
      // Formatting elements the parser would recreate in every paragraph.
      {"recreated formatting",
       absl::StrCat(Repeat(200, "<p><b id=$>x</p>"), Repeat(2000, "<p>x</p>")),
       "max_parse_work"},
  };
  Normalizer normalizer;
  for (const HostileCase& c : cases) {
    RawArticle raw;
    raw.kind = ContentKind::kHtml;
    raw.content =
        absl::StrCat("<html><body>", kStory, c.html, kStory, "</body></html>");
    absl::StatusOr<NormalizedArticle> n =
        normalizer.Normalize(raw, absl::FromUnixSeconds(1780000000));
    ASSERT_TRUE(n.ok()) << c.name << ": " << n.status();
    EXPECT_THAT(n->warnings, Contains(HasSubstr(c.limit))) << c.name;
    EXPECT_THAT(n->warnings,
                Contains(HasSubstr("read without the tree builder")))
        << c.name;
    EXPECT_THAT(n->article.body, HasSubstr("The council voted")) << c.name;
  }
}

TEST(HtmlLimitsTest, OrdinaryMarkupIsWithinTheLimits) {
  const std::string pages[] = {
      absl::StrCat("<html><body>", Repeat(200, "<div>"), kStory,
                   Repeat(200, "</div>"), "</body></html>"),
      // Unclosed <p>, <li>, <td> and a second <a> close implicitly.
      absl::StrCat("<ul>", Repeat(2000, "<li><a href=/$>x<a href=/y>y"),
                   "</ul><table>", Repeat(2000, "<tr><td>1<td>2"), "</table>"),
      Repeat(2000, "<p>Text <b>bold</b> <i>it</i></p>"),
      // Foreign content self-closes.
      absl::StrCat("<svg>", Repeat(2000, "<path d='M0 0'/>"), "</svg>"),
      // '>' inside a quoted value, comments, scripts.
      absl::StrCat("<div title='a>b'>", Repeat(2000, "<!-- <div> -->"),
                   "<script>", Repeat(2000, "<div>"), "</script></div>"),
  };
  const HtmlLimits limits;
  for (const std::string& page : pages) {
    const HtmlShape shape = MeasureHtml(page, limits);
    EXPECT_THAT(ExceededHtmlLimit(shape, limits), IsEmpty())
        << page.substr(0, 80);
    EXPECT_LE(shape.max_depth, 202) << page.substr(0, 80);
  }
}

TEST(HtmlLimitsTest, LimitsAreOptions) {
  HtmlLimits limits;
  limits.max_elements = 10;
  const HtmlShape shape = MeasureHtml(Repeat(11, "<i>x</i>"), limits);
  EXPECT_EQ(ExceededHtmlLimit(shape, limits),
            "more than 10 elements (max_elements)");
  limits = HtmlLimits();
  limits.max_attributes_per_element = 2;
  EXPECT_EQ(ExceededHtmlLimit(MeasureHtml("<a b=1 c='>' d>", limits), limits),
            "more than 2 attributes on one element "
            "(max_attributes_per_element)");
}

TEST(ReadHtmlTagTest, Table) {
  struct Case {
    const char* html;
    HtmlTag::Kind kind;
    const char* name;
    int attributes;
    size_t end;
  };
  const Case cases[] = {
      {"<DIV class=a id=\"b>c\">x", HtmlTag::kStart, "div", 2, 22},
      {"</p >x", HtmlTag::kEnd, "p", 0, 5},
      {"<!-- a > b -->x", HtmlTag::kSkipped, "", 0, 14},
      {"<!DOCTYPE html>x", HtmlTag::kSkipped, "", 0, 15},
      {"< b", HtmlTag::kText, "", 0, 1},
      {"<br/>", HtmlTag::kStart, "br", 0, 5},
      {"<a href='x", HtmlTag::kStart, "a", 1, 10},
      {"<a b c=d e = 'f'>", HtmlTag::kStart, "a", 3, 17},
  };
  for (const Case& c : cases) {
    const HtmlTag tag = ReadHtmlTag(c.html, 0);
    EXPECT_EQ(tag.kind, c.kind) << c.html;
    EXPECT_EQ(tag.name, c.name) << c.html;
    EXPECT_EQ(tag.attributes, c.attributes) << c.html;
    EXPECT_EQ(tag.end, c.end) << c.html;
  }
}

TEST(DecodeEntitiesTest, Table) {
  struct Case {
    const char* in;
    const char* out;
  };
  const Case cases[] = {
      {"Tom &amp; Jerry", "Tom & Jerry"},
      {"&lt;b&gt; &quot;q&quot; &apos;", "<b> \"q\" '"},
      {"caf&eacute; &hearts; &notin;", "caf\xC3\xA9 \xE2\x99\xA5 \xE2\x88\x89"},
      {"&#8217;&#x2019;&#X2019;", "\xE2\x80\x99\xE2\x80\x99\xE2\x80\x99"},
      {"&#x1F600;", "\xF0\x9F\x98\x80"},
      // Windows-1252 fix-up of the C1 range: &#150; is an en dash.
      {"1&#150;2",
       "1\xE2\x80\x93"
       "2"},
      // Legacy names without ';'.
      {"&copy 2026", "\xC2\xA9 2026"},
      {"&nbsp;", "\xC2\xA0"},
      // Not references: kept as written.
      {"&bogus; & a && b;", "&bogus; & a && b;"},
      {"a < b and <i>", "a < b and <i>"},
      {"\nline\nbreaks\n", "\nline\nbreaks\n"},
      {"", ""},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(DecodeEntities(c.in), c.out) << c.in;
  }
}

}  // namespace
}  // namespace newsindex
