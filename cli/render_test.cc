#include "cli/render.h"

#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newsindex::cli {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines = absl::StrSplit(text, '\n');
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

TEST(UseColorTest, OnlyOnATerminalWithoutNoColor) {
  struct Case {
    bool tty;
    const char* no_color;
    bool want;
  };
  const Case cases[] = {
      {true, nullptr, true}, {true, "", true},        {true, "1", false},
      {true, "0", false},    {false, nullptr, false}, {false, "", false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(UseColor(c.tty, c.no_color), c.want)
        << c.tty << " " << (c.no_color ? c.no_color : "(unset)");
  }
}

TEST(DisplayWidthTest, Table) {
  struct Case {
    std::string text;
    int want;
  };
  const Case cases[] = {
      {"", 0},
      {"abc", 3},
      {"Zürich", 6},               // 7 bytes
      {"Москва", 6},               // 12 bytes
      {"e\u0301", 1},              // combining acute accent
      {"東京", 4},                 // wide
      {"ＡＢ", 4},                 // fullwidth
      {"a\u200bb", 2},             // zero width space (format)
      {"\033[1;33mhi\033[0m", 2},  // escapes take no width
      {"\u2588\u2588\u2588", 3},   // bar blocks
      {std::string("a\xff"
                   "b"),
       3},  // invalid byte: one column
  };
  for (const Case& c : cases) {
    EXPECT_EQ(DisplayWidth(c.text), c.want) << c.text;
  }
}

TEST(TruncateToWidthTest, Table) {
  struct Case {
    const char* text;
    int width;
    const char* want;
  };
  const Case cases[] = {
      {"short", 10, "short"},
      {"exactly", 7, "exactly"},
      {"too long text", 8, "too lon\u2026"},
      {"Москва-река", 7, "Москва\u2026"},
      {"東京都庁", 5, "東京\u2026"},
      {"abc", 1, "\u2026"},
      {"abc", 0, ""},
  };
  for (const Case& c : cases) {
    const std::string got = TruncateToWidth(c.text, c.width);
    EXPECT_EQ(got, c.want) << c.text;
    EXPECT_LE(DisplayWidth(got), c.width) << c.text;
  }
}

TEST(PrintableTest, ControlCharactersCannotReachTheTerminal) {
  EXPECT_EQ(Printable("plain Zürich"), "plain Zürich");
  EXPECT_EQ(Printable("a\tb\nc\r\nd"), "a b c  d");
  EXPECT_EQ(Printable("evil\033[2Jtitle"), "evil\uFFFD[2Jtitle");
  EXPECT_EQ(Printable("bell\a"), "bell\uFFFD");
  EXPECT_EQ(Printable("c1\u009b31m"), "c1\uFFFD31m");
  EXPECT_EQ(Printable(std::string("bad\xc3")), "bad\uFFFD");
  EXPECT_EQ(PrintableLines("one\r\ntwo\033\nthree"), "one\ntwo\uFFFD\nthree");
}

TEST(StyleTest, ColourOnlyWhenAsked) {
  EXPECT_EQ(Bold("x", false), "x");
  EXPECT_EQ(Bold("x", true), "\033[1mx\033[0m");
  EXPECT_EQ(Dim("x", true), "\033[2mx\033[0m");
  EXPECT_EQ(Bold("", true), "");
}

TEST(RenderSnippetTest, Table) {
  struct Case {
    std::string snippet;
    bool color;
    std::string want;
  };
  const Case cases[] = {
      {"the <em>grain</em> export", false, "the [grain] export"},
      {"the <em>grain</em> export", true, "the \033[1;33mgrain\033[0m export"},
      {"<em>a</em> <em>b</em>", false, "[a] [b]"},
      {"  line one\n\nline   two  ", false, "line one line two"},
      {"unclosed <em>match", false, "unclosed [match]"},
      {"stray</em> close", false, "stray close"},
      {"<em><em>nested</em>", false, "[nested]"},
      {"no markup", true, "no markup"},
      {"escape \033[31m <em>x</em>", false, "escape \uFFFD[31m [x]"},
      {"Zürich <em>Москва</em>", false, "Zürich [Москва]"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(RenderSnippet(c.snippet, c.color), c.want) << c.snippet;
  }
}

TEST(RenderSnippetTest, CustomTags) {
  EXPECT_EQ(RenderSnippet("a <b>x</b> c", false, "<b>", "</b>"), "a [x] c");
}

TEST(RenderTableTest, ColumnsAlignByDisplayWidth) {
  Table table;
  table.header = {"NAME", "ARTICLES"};
  table.align = {Align::kLeft, Align::kRight};
  table.rows = {{"Zürich", "3"}, {"Москва", "12"}, {"東京", "7"}, {"x", "100"}};
  EXPECT_THAT(Lines(RenderTable(table, false)),
              ElementsAre("NAME    ARTICLES",  //
                          "Zürich         3",  //
                          "Москва        12",  //
                          "東京           7",  //
                          "x            100"));
}

TEST(RenderTableTest, NoTrailingSpacesAndShortRows) {
  Table table;
  table.header = {"A", "B", "C"};
  table.rows = {{"long value", "b"}, {"x", "y", "z"}};
  EXPECT_THAT(Lines(RenderTable(table, false)),
              ElementsAre("A           B  C",  //
                          "long value  b",     //
                          "x           y  z"));
}

TEST(RenderTableTest, HeaderIsBoldWithColourAndStillAligned) {
  Table table;
  table.header = {"K", "V"};
  table.rows = {{"key", "v"}};
  EXPECT_THAT(Lines(RenderTable(table, true)),
              ElementsAre("\033[1mK\033[0m    \033[1mV\033[0m", "key  v"));
}

TEST(RenderTableTest, WithoutHeaderAndWithTruncation) {
  Table table;
  table.max_cell_width = 5;
  table.last_unbounded = true;
  table.rows = {{"abcdefgh", "unbounded last column"}, {"ab", "c"}};
  EXPECT_THAT(Lines(RenderTable(table, false)),
              ElementsAre("abcd\u2026  unbounded last column", "ab     c"));
}

TEST(RenderTableTest, EmptyTableIsEmpty) {
  EXPECT_EQ(RenderTable(Table(), false), "");
}

TEST(BarTest, Table) {
  struct Case {
    int64_t count, max;
    int width;
    int blocks;
  };
  const Case cases[] = {
      {10, 10, 40, 40}, {5, 10, 40, 20}, {1, 1000, 40, 1}, {0, 10, 40, 0},
      {3, 0, 40, 0},    {7, 7, 0, 0},    {20, 10, 8, 8},   {1, 3, 10, 3},
  };
  for (const Case& c : cases) {
    const std::string bar = Bar(c.count, c.max, c.width);
    EXPECT_EQ(DisplayWidth(bar), c.blocks) << c.count << "/" << c.max;
    EXPECT_EQ(bar.size(), c.blocks * std::string("\u2588").size());
  }
}

TEST(RenderHistogramTest, FortyBlocksOffATerminal) {
  const std::string out = RenderHistogram(
      {{"2025-04", 2}, {"2025-05", 4}, {"2025-06", 0}}, "MONTH", 0, false);
  const std::vector<std::string> lines = Lines(out);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0], "MONTH    ARTICLES");
  EXPECT_EQ(lines[1], "2025-04         2  " + Bar(2, 4, 40));
  EXPECT_EQ(lines[2], "2025-05         4  " + Bar(4, 4, 40));
  EXPECT_EQ(lines[3], "2025-06         0");
}

TEST(RenderHistogramTest, BarsFillTheTerminalWidth) {
  const std::string out =
      RenderHistogram({{"2025-05-01", 1}, {"2025-05-02", 3}}, "DAY", 60, false);
  const std::vector<std::string> lines = Lines(out);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(DisplayWidth(lines[2]), 60);
  EXPECT_LE(DisplayWidth(lines[1]), 60);
  // Narrow terminals still get 10 blocks.
  const std::string narrow =
      RenderHistogram({{"2025-05", 9}}, "MONTH", 5, false);
  EXPECT_EQ(DisplayWidth(Lines(narrow)[1]), 7 + 2 + 8 + 2 + 10);
}

TEST(FormatTest, TimesTypesAndDecimals) {
  google::protobuf::Timestamp t;
  EXPECT_EQ(FormatTime(t), "");
  t.set_seconds(1748512800);  // 2025-05-29T10:00:00Z
  EXPECT_EQ(FormatTime(t), "2025-05-29 10:00");
  EXPECT_EQ(EntityTypeName(v1::PERSON), "person");
  EXPECT_EQ(EntityTypeName(v1::ORGANIZATION), "organization");
  EXPECT_EQ(EntityTypeName(v1::LOCATION), "location");
  EXPECT_EQ(EntityTypeName(v1::OTHER), "other");
  EXPECT_EQ(EntityTypeName(v1::ENTITY_TYPE_UNSPECIFIED), "");
  EXPECT_EQ(FormatDecimal(0.534), "0.53");
  EXPECT_EQ(FormatDecimal(-1.2), "-1.20");
  EXPECT_EQ(FormatDecimal(-0.001), "0.00");
  EXPECT_EQ(FormatDecimal(12), "12.00");
}

TEST(RenderQueryNotesTest, WarningsThenExpansions) {
  v1::SearchResponse response;
  EXPECT_EQ(RenderQueryNotes(response), "");
  response.add_warnings("place:Atlantis: no place is known by this name");
  v1::QueryInterpretation* russia = response.add_interpretations();
  russia->set_text("Russia");
  russia->set_entity_id("country:ru");
  russia->set_entity_name("Russia");
  for (const char* alias : {"Russian Federation", "Russian", "Russians"}) {
    russia->add_aliases(alias);
  }
  v1::QueryInterpretation* bare = response.add_interpretations();
  bare->set_text("ISKP");
  bare->set_entity_id("org:iskp");
  bare->set_entity_name("ISKP");
  EXPECT_THAT(
      Lines(RenderQueryNotes(response, 2)),
      ElementsAre("warning: place:Atlantis: no place is known by this name",
                  "Russia: also searched Russian Federation, Russian, +1 more "
                  "(country:ru)",
                  "ISKP: also searched articles linked to ISKP (org:iskp)"));
}

}  // namespace
}  // namespace newsindex::cli
