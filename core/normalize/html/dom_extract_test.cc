// Main-content extraction through Normalize on small pages.
#include "core/normalize/html/dom_extract.h"

#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "core/normalize/normalizer.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newsindex {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

absl::StatusOr<NormalizedArticle> NormalizeHtml(const std::string& html) {
  RawArticle raw;
  raw.kind = ContentKind::kHtml;
  raw.content = html;
  return Normalizer().Normalize(raw, absl::FromUnixSeconds(1780000000));
}

std::string Reason(const NormalizedArticle& n, absl::string_view text) {
  for (const RemovedLine& r : n.removed) {
    if (absl::StrContains(r.text, text)) return r.reason;
  }
  return "";
}

constexpr char kParagraphs[] =
    "<p>The council voted on Tuesday to approve the bridge across the "
    "harbour, ending a decade of argument about its cost.</p>"
    "<p>Work will start in the spring, the mayor said, and the first cars "
    "should cross it in three years.</p>"
    "<p>Opponents, who had argued for a tunnel, said they would not "
    "challenge the vote in court.</p>";

TEST(DomExtractTest, SidebarCommentsAndRelatedLeave) {
  const std::string page = absl::StrCat(
      "<html><head><title>Bridge approved | Harbour Daily</title></head>"
      "<body><div class='sidebar'><p>Most read: the ten best beaches of the "
      "coast, ranked by our readers, with photos and maps.</p></div>"
      "<div class='story-body'>",
      kParagraphs,
      "</div><div class='comments'><p>Great news, finally, after all these "
      "years of waiting, well done everyone!</p></div>"
      "<div class='related'><p>Ferry fares rise again as fuel costs climb "
      "across the region this winter.</p></div></body></html>");
  absl::StatusOr<NormalizedArticle> n = NormalizeHtml(page);
  ASSERT_TRUE(n.ok()) << n.status();
  EXPECT_THAT(n->article.body, HasSubstr("The council voted"));
  EXPECT_THAT(n->article.body, HasSubstr("challenge the vote in court."));
  EXPECT_THAT(n->article.body, Not(HasSubstr("beaches")));
  EXPECT_THAT(n->article.body, Not(HasSubstr("Great news")));
  EXPECT_THAT(n->article.body, Not(HasSubstr("Ferry fares")));
  EXPECT_EQ(Reason(*n, "Great news"), "comments");
  EXPECT_EQ(Reason(*n, "Ferry fares"), "related-links");
  EXPECT_EQ(n->article.title, "Bridge approved");
}

TEST(DomExtractTest, ArticleSplitIntoSiblingDivsIsMerged) {
  const std::string page = absl::StrCat(
      "<html><body><div id='page'><div class='nav'><a href=/>Home</a> "
      "<a href=/n>News</a></div><div class='text'>",
      kParagraphs, "</div><div class='text'>", kParagraphs,
      "</div><div class='text'><p>The bridge will carry a cycle lane and "
      "two footpaths, the plans show.</p></div></div></body></html>");
  absl::StatusOr<NormalizedArticle> n = NormalizeHtml(page);
  ASSERT_TRUE(n.ok()) << n.status();
  EXPECT_THAT(n->article.body, HasSubstr("The council voted"));
  EXPECT_THAT(n->article.body, HasSubstr("a cycle lane"));
  EXPECT_THAT(n->article.body, Not(HasSubstr("Home")));
}

TEST(DomExtractTest, HiddenTextIsNotTaken) {
  absl::StatusOr<NormalizedArticle> n = NormalizeHtml(absl::StrCat(
      "<html><body><article><p><span aria-hidden='true'>**WRONG**</span>"
      "The council voted on Tuesday to approve the bridge across the "
      "harbour.</p><div style='display: none'>Hidden promotion text that "
      "no reader sees on the page at all.</div>",
      kParagraphs, "</article></body></html>"));
  ASSERT_TRUE(n.ok()) << n.status();
  EXPECT_THAT(n->article.body, HasSubstr("The council voted on Tuesday"));
  EXPECT_THAT(n->article.body, Not(HasSubstr("WRONG")));
  EXPECT_THAT(n->article.body, Not(HasSubstr("Hidden promotion")));
}

TEST(DomExtractTest, BylineElementGivesTheAuthor) {
  absl::StatusOr<NormalizedArticle> n = NormalizeHtml(absl::StrCat(
      "<html><body><article><h1>Bridge approved</h1><span class='byline'>"
      "By Maria Lindqvist</span>",
      kParagraphs, "</article></body></html>"));
  ASSERT_TRUE(n.ok()) << n.status();
  EXPECT_EQ(n->article.author, "Maria Lindqvist");
  EXPECT_THAT(n->article.body, Not(HasSubstr("Lindqvist")));
}

// Pages with visible text are never refused: the densest run is kept.
TEST(DomExtractTest, PagesWithVisibleTextAreNotRefused) {
  const struct {
    const char* html;
    const char* body;
  } cases[] = {
      {"<html><body>Test</body></html>", "Test"},
      {"<html><body><a href='javascript:'><p>abc</p><p>def</p>ghi</a>"
       "</body></html>",
       "abc\n\ndef\n\nghi"},
  };
  for (const auto& c : cases) {
    absl::StatusOr<NormalizedArticle> n = NormalizeHtml(c.html);
    ASSERT_TRUE(n.ok()) << c.html << ": " << n.status();
    EXPECT_EQ(n->article.body, c.body) << c.html;
    EXPECT_THAT(n->warnings, Contains(HasSubstr("densest run"))) << c.html;
  }
}

// Golden pages: a breadcrumb <title> and a page opening with
// a menu keep their headline.
TEST(DomExtractTest, BreadcrumbTitleAndMenuPage) {
  absl::StatusOr<NormalizedArticle> n = NormalizeHtml(absl::StrCat(
      "<html><head><title>Home | World | Asia | Opinion | Video</title>"
      "</head><body><div class='menu'><a href=/>Menu</a></div>"
      "<div class='breadcrumbs'><a href=/>Security</a> | "
      "<a href=/af>Afghanistan</a></div><article>"
      "<h1>Council approves the new harbour bridge</h1>",
      kParagraphs, "</article></body></html>"));
  ASSERT_TRUE(n.ok()) << n.status();
  EXPECT_EQ(n->article.title, "Council approves the new harbour bridge");
  EXPECT_EQ(n->article.source, "");
  EXPECT_EQ(Reason(*n, "Menu"), "navigation");
  EXPECT_EQ(Reason(*n, "Afghanistan"), "navigation");
  EXPECT_THAT(n->article.body, HasSubstr("The council voted"));
}

TEST(DensestRunTest, Table) {
  auto block = [](const char* text, int links, Zone zone = Zone::kUnknown) {
    Block b;
    b.text = text;
    b.link_chars = links;
    b.zone = zone;
    return b;
  };
  const std::vector<Block> blocks = {
      block("Home News Sport", 15, Zone::kNavigation),
      block("A first paragraph of text", 0),
      block("A second paragraph", 0),
      block("Related link one two three four", 31),
      block("Footer text", 0, Zone::kFooter),
  };
  EXPECT_EQ(DensestRun(blocks), (std::vector<size_t>{1, 2}));
  EXPECT_TRUE(DensestRun({block("Home", 4, Zone::kNavigation)}).empty());
  EXPECT_EQ(DensestRun({block("abc", 3), block("def", 3)}),
            (std::vector<size_t>{0, 1}));
}

}  // namespace
}  // namespace newsindex
