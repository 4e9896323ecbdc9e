#include "core/search/snippet.h"

#include "gtest/gtest.h"

namespace newsindex {
namespace {

std::string Snip(const std::string& query_word, const std::string& text,
                 size_t length) {
  Xapian::Stem stemmer("english");
  QueryMatcher matcher(Xapian::Query(query_word), stemmer);
  SnippetOptions options;
  options.length = length;
  options.highlight_start = "[";
  options.highlight_end = "]";
  options.omitted = "...";
  return MakeSnippet(text, matcher.Find(text), options);
}

TEST(SnippetTest, Table) {
  struct Case {
    std::string query;
    std::string text;
    size_t length;
    std::string want;
  };
  const Case cases[] = {
      // Short text: all of it, the match marked.
      {"Zgrain", "Grain prices rose.", 100, "[Grain] prices rose."},
      // No match: the start, cut at a word boundary.
      {"Zwheat", "one two three four five", 12, "one two..."},
      // The match far into the text: a window around it, both ends cut.
      {"Zharbour",
       "Filler words come first here. Then the harbour closed for repairs "
       "and more words follow after it.",
       40, "...here. Then the [harbour] closed for..."},
      // Whitespace runs and paragraph breaks become one space; markup in
      // the text is escaped.
      {"ports", "Ports <b>&</b>\n\nports", 100,
       "[Ports] &lt;b&gt;&amp;&lt;/b&gt; [ports]"},
      // The window with more distinct matches wins over an earlier one.
      {"Zcorn", "corn " + std::string(60, 'x') + " corn corns", 20,
       "...[corn] [corns]"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Snip(c.query, c.text, c.length), c.want) << c.text;
  }
}

}  // namespace
}  // namespace newsindex
