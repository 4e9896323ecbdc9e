#include "cli/raw_input.h"

#include "gtest/gtest.h"

namespace newsindex {
namespace {

TEST(RawInputTest, ByExtension) {
  struct Case {
    std::string name;
    std::string contents;
    size_t items;
    ContentKind kind;
  };
  const Case cases[] = {
      {"a.txt", "Title\n\nBody", 1, ContentKind::kText},
      {"a.html", "<html><body>x</body></html>", 1, ContentKind::kHtml},
      {"a.HTM", "<p>x</p>", 1, ContentKind::kHtml},
      {"a.json", R"({"title":"T","body":"B"})", 1, ContentKind::kText},
      {"a.json", R"([{"body":"B"},{"html":"<p>x</p>"}])", 2,
       ContentKind::kText},
      {"a.jsonl", "{\"body\":\"B\"}\n\n{\"body\":\"C\"}\n", 2,
       ContentKind::kText},
      {"-", "<!doctype html><p>x</p>", 1, ContentKind::kHtml},
      {"-", "{\"body\":\"B\"}", 1, ContentKind::kText},
      {"-", "Plain words", 1, ContentKind::kText},
      // Not UTF-8: raw bytes, for the service to decode.
      {"cafe.txt", "Caf\xe9\n\nUn caf\xe9 cr\xe8me.", 1, ContentKind::kRaw},
      {"page.html", "<p>Caf\xe9</p>", 1, ContentKind::kRaw},
      {"bin.txt", std::string("\x89PNG\r\n\x1a\n\0\0\xff\xfe", 12), 1,
       ContentKind::kRaw},
      {"-", "Caf\xe9", 1, ContentKind::kRaw},
      // Valid UTF-8 with NULs stays text (the service refuses it as binary).
      {"nul.txt", std::string("a\0b", 3), 1, ContentKind::kText},
      {"utf8.txt", "Caf\xc3\xa9", 1, ContentKind::kText},
  };
  for (const Case& c : cases) {
    std::vector<InputItem> items = ReadInput(c.name, c.contents);
    ASSERT_EQ(items.size(), c.items) << c.name << " " << c.contents;
    ASSERT_TRUE(items[0].article.ok()) << items[0].article.status();
    EXPECT_EQ(items[0].article->kind, c.kind) << c.name;
  }
}

TEST(RawInputTest, BadJsonSaysWhyAndWhere) {
  std::vector<InputItem> items = ReadInput(
      "feed.jsonl", "{\"body\":\"B\"}\n{\"body\":\"Caf\xe9\"}\n{oops}\n");
  ASSERT_EQ(items.size(), 3u);
  EXPECT_TRUE(items[0].article.ok());
  EXPECT_EQ(items[1].origin, "feed.jsonl:2");
  ASSERT_FALSE(items[1].article.ok());
  EXPECT_NE(items[1].article.status().message().find("not UTF-8"),
            std::string::npos)
      << items[1].article.status();
  EXPECT_EQ(items[2].origin, "feed.jsonl:3");
  ASSERT_FALSE(items[2].article.ok());
  EXPECT_NE(items[2].article.status().message().find("column"),
            std::string::npos)
      << items[2].article.status();
  items = ReadInput("one.json", "[{\"body\":");
  ASSERT_EQ(items.size(), 1u);
  ASSERT_FALSE(items[0].article.ok());
  EXPECT_NE(items[0].article.status().message().find("not valid JSON"),
            std::string::npos);
}

TEST(RawInputTest, JsonFieldsAndDates) {
  auto raw = RawArticleFromJson(
      R"({"id":"r-1","url":"u","title":"T","source":"S","language":"en",)"
      R"("published_at":"2026-05-29T10:00:00Z","body":"B"})");
  ASSERT_TRUE(raw.ok()) << raw.status();
  EXPECT_EQ(raw->id, "r-1");
  EXPECT_EQ(raw->title, "T");
  EXPECT_EQ(raw->source, "S");
  ASSERT_TRUE(raw->published_at.has_value());
  EXPECT_EQ(absl::ToUnixSeconds(*raw->published_at), 1780048800);

  auto reuters = RawArticleFromJson(
      R"({"id":"reuters-1","date":"26-FEB-1987 15:01:01.79","body":"B"})");
  ASSERT_TRUE(reuters.ok()) << reuters.status();
  EXPECT_EQ(absl::ToUnixSeconds(*reuters->published_at), 541350061);
}

// Bad metadata costs the metadata, never the article.
TEST(RawInputTest, DatesWithTrailingNotesOrUnreadableAreNotFatal) {
  auto noted = RawArticleFromJson(
      R"({"date":"27-MAR-1987 00:02:59.13   RM","body":"B"})");
  ASSERT_TRUE(noted.ok()) << noted.status();
  ASSERT_TRUE(noted->published_at.has_value());
  EXPECT_EQ(absl::ToUnixSeconds(*noted->published_at), 543801779);

  std::vector<std::string> warnings;
  auto unreadable =
      RawArticleFromJson(R"({"body":"B","date":"yesterday"})", &warnings);
  ASSERT_TRUE(unreadable.ok()) << unreadable.status();
  EXPECT_FALSE(unreadable->published_at.has_value());
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].substr(0, 12), "published_at");

  std::vector<InputItem> items =
      ReadInput("x.jsonl", R"({"body":"ok","date":"soon"})");
  ASSERT_EQ(items.size(), 1u);
  EXPECT_TRUE(items[0].article.ok());
  EXPECT_EQ(items[0].warnings.size(), 1u);
}

TEST(RawInputTest, DatelineFieldLeadsTheText) {
  auto raw = RawArticleFromJson(
      R"({"dateline":"SALVADOR, Feb 26 -","body":"Showers continued."})");
  ASSERT_TRUE(raw.ok()) << raw.status();
  EXPECT_EQ(raw->content, "SALVADOR, Feb 26 - Showers continued.");
  // Not repeated when the text already starts with it.
  auto again = RawArticleFromJson(
      R"({"dateline":"KABUL -","body":"KABUL - Talks resumed."})");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->content, "KABUL - Talks resumed.");
}

TEST(RawInputTest, BadRecordsNameTheProblem) {
  struct Case {
    std::string json;
    std::string want;
  };
  const Case cases[] = {
      {"not json", "record"},
      {"[1]", "record"},
      {R"({"title":"no body"})", "body"},
      {R"({"body":"B","title":5})", "title"},
  };
  for (const Case& c : cases) {
    auto raw = RawArticleFromJson(c.json);
    ASSERT_FALSE(raw.ok()) << c.json;
    EXPECT_EQ(raw.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(raw.status().message().substr(0, c.want.size()), c.want)
        << c.json;
  }
  std::vector<InputItem> items =
      ReadInput("x.jsonl", "{\"body\":\"ok\"}\nbroken\n");
  ASSERT_EQ(items.size(), 2u);
  EXPECT_TRUE(items[0].article.ok());
  EXPECT_FALSE(items[1].article.ok());
  EXPECT_EQ(items[1].origin, "x.jsonl:2");
}

}  // namespace
}  // namespace newsindex
