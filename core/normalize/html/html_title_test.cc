#include "core/normalize/html/html_title.h"

#include <string>

#include "gtest/gtest.h"

namespace newsindex {
namespace {

TEST(SplitTitleSiteSuffixTest, Table) {
  const struct {
    const char* title;
    const char* headline;
    const char* site;
  } cases[] = {
      {"Bridge Approved | Harbour Daily", "Bridge Approved", "Harbour Daily"},
      {"Bridge Approved - The Harbour Daily News", "Bridge Approved",
       "The Harbour Daily News"},
      // One word would be left: the title stays whole.
      {"Google - Site Reliability Engineering",
       "Google - Site Reliability Engineering", ""},
      {"No suffix here", "No suffix here", ""},
  };
  for (const auto& c : cases) {
    std::string site;
    EXPECT_EQ(SplitTitleSiteSuffix(c.title, &site), c.headline) << c.title;
    EXPECT_EQ(site, c.site) << c.title;
  }
}

TEST(ChooseHtmlTitleTest, Table) {
  struct Case {
    const char* name;
    HtmlMetadata meta;
    const char* title;
    const char* site;
  };
  auto meta = [](const char* ld, const char* og, const char* tab,
                 std::vector<std::string> h1s) {
    HtmlMetadata m;
    m.ld_headline = ld;
    m.og_title = og;
    m.title = tab;
    m.h1s = std::move(h1s);
    return m;
  };
  const Case cases[] = {
      {"metadata first", meta("", "Bridge approved", "Home | Harbour", {}),
       "Bridge approved", ""},
      {"tab title without its suffix",
       meta("", "", "Bridge approved at last | Harbour Daily", {"Menu"}),
       "Bridge approved at last", "Harbour Daily"},
      {"a breadcrumb is never a title",
       meta("", "", "Home | World | Asia | Opinion | Video",
            {"Floods close the coastal road"}),
       "Floods close the coastal road", ""},
      {"an h1 agreeing with the tab title",
       meta("", "", "Silicon Exposed: Open flow for logic devices",
            {"Open flow for logic devices"}),
       "Open flow for logic devices", ""},
      {"JSON-LD over og:title",
       meta("Floods close road", "Floods close road - Daily", "", {}),
       "Floods close road", ""},
      {"nothing", meta("", "", "", {}), "", ""},
      {"white space collapsed", meta("", " Two\n  lines ", "", {}), "Two lines",
       ""},
  };
  for (const Case& c : cases) {
    std::string site;
    EXPECT_EQ(ChooseHtmlTitle(c.meta, &site), c.title) << c.name;
    EXPECT_EQ(site, c.site) << c.name;
  }
}

TEST(BylineNameTest, Table) {
  EXPECT_EQ(BylineName("By Jane Doe"), "Jane Doe");
  EXPECT_EQ(BylineName("  by: Jane Doe "), "Jane Doe");
  EXPECT_EQ(BylineName("Written by Jane Doe"), "Jane Doe");
  EXPECT_EQ(BylineName("Byron Smith"), "Byron Smith");
  EXPECT_EQ(BylineName(""), "");
}

}  // namespace
}  // namespace newsindex
