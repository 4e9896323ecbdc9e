#include "core/search/change_reader.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/index/sharded_index_writer.h"
#include "core/index/test_util.h"
#include "core/search/searcher.h"
#include "gtest/gtest.h"

namespace newsindex {
namespace {

// "<KIND> <id>" per event.
std::vector<std::string> Describe(const std::vector<ChangeEvent>& events) {
  std::vector<std::string> out;
  for (const ChangeEvent& e : events) {
    out.push_back(absl::StrCat(ChangeKindName(e.kind), " ", e.article_id));
  }
  return out;
}

// Reads the whole feed after `from`, `limits` at a time.
std::vector<ChangeEvent> ReadAll(Searcher& searcher, const std::string& query,
                                 WatchCursor from, ChangeReadLimits limits) {
  std::vector<ChangeEvent> all;
  for (int round = 0; round < 1000; ++round) {
    absl::StatusOr<ChangeBatch> batch =
        searcher.Changes(query, SearchFilter(), from, limits);
    EXPECT_TRUE(batch.ok()) << batch.status();
    if (!batch.ok()) break;
    for (ChangeEvent& e : batch->events) all.push_back(std::move(e));
    from = batch->next;
    if (batch->caught_up) break;
  }
  return all;
}

WatchCursor Start(Searcher& searcher, WatchStart start) {
  absl::StatusOr<WatchCursor> cursor = searcher.WatchFrom(start);
  EXPECT_TRUE(cursor.ok()) << cursor.status();
  return cursor.ok() ? *cursor : WatchCursor{};
}

TEST(WatchCursorTest, EncodesAndDecodes) {
  const WatchCursor c{{0, 17, 4000000000ull}};
  EXPECT_EQ(EncodeWatchCursor(c), "w1:0.17.4000000000");
  auto back = DecodeWatchCursor(EncodeWatchCursor(c), 3, "start_cursor");
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(*back, c);
}

TEST(WatchCursorTest, RefusesMalformedCursors) {
  const std::vector<std::pair<std::string, size_t>> cases = {
      {"", 1},       {"w1:", 1},   {"w2:1", 1}, {"w1:x", 1},
      {"w1:1.2", 1}, {"w1:-1", 1}, {"w1:1", 2}};
  for (const auto& [text, shards] : cases) {
    auto cursor = DecodeWatchCursor(text, shards, "start_cursor");
    EXPECT_TRUE(absl::IsInvalidArgument(cursor.status())) << text;
    EXPECT_NE(cursor.status().message().find("start_cursor"),
              std::string::npos);
  }
}

TEST(ChangeReaderTest, DeliversMatchingChangesOfEachVersionInOrder) {
  const std::string path = FreshDbPath("watch");
  auto writer = IndexWriter::Open(path);
  ASSERT_TRUE(writer.ok());
  Searcher searcher(path, nullptr);
  const WatchCursor from = Start(searcher, {});
  EXPECT_EQ(from, (WatchCursor{{0}}));
  ASSERT_TRUE(UpsertSync(**writer, MakeArticle("a", "T", "kabul news")).ok());
  ASSERT_TRUE(UpsertSync(**writer, MakeArticle("b", "T", "herat news")).ok());
  // "a" stops matching, "b" starts: each version is matched as it was.
  ASSERT_TRUE(UpsertSync(**writer, MakeArticle("a", "T", "herat")).ok());
  ASSERT_TRUE(UpsertSync(**writer, MakeArticle("b", "T", "kabul")).ok());
  ASSERT_TRUE(DeleteSync(**writer, "b").ok());
  ASSERT_TRUE(DeleteSync(**writer, "a").ok());
  const std::vector<ChangeEvent> kabul =
      ReadAll(searcher, "kabul", from, ChangeReadLimits());
  EXPECT_EQ(Describe(kabul),
            (std::vector<std::string>{"ADDED a", "UPDATED b", "DELETED b"}));
  ASSERT_EQ(kabul.size(), 3u);
  ASSERT_TRUE(kabul[0].article.has_value());
  EXPECT_EQ(kabul[0].article->body, "kabul news");
  EXPECT_FALSE(kabul[2].article.has_value());
  // The empty query is the whole feed.
  EXPECT_EQ(ReadAll(searcher, "", from, ChangeReadLimits()).size(), 6u);
}

TEST(ChangeReaderTest, ResumingFromAnEventsCursorDeliversWhatCameAfter) {
  const std::string path = FreshDbPath("watch-resume");
  auto writer = IndexWriter::Open(path);
  ASSERT_TRUE(writer.ok());
  Searcher searcher(path, nullptr);
  const WatchCursor from = Start(searcher, {});
  for (int i = 0; i < 30; ++i) {
    ASSERT_TRUE(UpsertSync(**writer, MakeArticle(absl::StrCat("n", i), "T",
                                                 i % 3 ? "other" : "match"))
                    .ok());
  }
  ChangeReadLimits small;
  small.max_events = 2;
  small.max_scan = 4;
  const std::vector<ChangeEvent> all = ReadAll(searcher, "match", from, small);
  ASSERT_EQ(all.size(), 10u);
  for (size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].article_id, absl::StrCat("n", 3 * i));
    const std::vector<ChangeEvent> rest =
        ReadAll(searcher, "match", all[i].cursor, ChangeReadLimits());
    EXPECT_EQ(rest.size(), all.size() - i - 1) << "after event " << i;
    if (!rest.empty()) {
      EXPECT_EQ(rest[0].article_id, all[i + 1].article_id);
    }
  }
}

TEST(ChangeReaderTest, ACursorPastRetentionNamesTheOldestCursor) {
  const std::string path = FreshDbPath("watch-retention");
  IndexWriterOptions options;
  options.change_log_retention = 5;
  auto writer = IndexWriter::Open(path, options);
  ASSERT_TRUE(writer.ok());
  Searcher searcher(path, nullptr);
  for (int i = 0; i < 8; ++i) {
    ASSERT_TRUE(
        UpsertSync(**writer, MakeArticle(absl::StrCat("r", i), "T", "x")).ok());
  }
  for (const WatchStart& start :
       {WatchStart{WatchStart::Kind::kCursor, WatchCursor{{1}}, {}},
        WatchStart{WatchStart::Kind::kTime, {}, absl::InfinitePast()}}) {
    auto cursor = searcher.WatchFrom(start);
    EXPECT_TRUE(absl::IsOutOfRange(cursor.status())) << cursor.status();
    EXPECT_NE(cursor.status().message().find("restart from is w1:3"),
              std::string::npos)
        << cursor.status();
  }
  auto read = searcher.Changes("", SearchFilter(), WatchCursor{{2}},
                               ChangeReadLimits());
  EXPECT_TRUE(absl::IsOutOfRange(read.status())) << read.status();
  EXPECT_EQ(ReadAll(searcher, "", WatchCursor{{3}}, ChangeReadLimits()).size(),
            5u);
  auto ahead = searcher.WatchFrom(
      WatchStart{WatchStart::Kind::kCursor, WatchCursor{{99}}, {}});
  EXPECT_TRUE(absl::IsFailedPrecondition(ahead.status())) << ahead.status();
}

TEST(ChangeReaderTest, StartsAtATime) {
  const std::string path = FreshDbPath("watch-time");
  auto writer = IndexWriter::Open(path);
  ASSERT_TRUE(writer.ok());
  Searcher searcher(path, nullptr);
  ASSERT_TRUE(UpsertSync(**writer, MakeArticle("old", "T", "x")).ok());
  const absl::Time between = absl::Now();
  ASSERT_TRUE(UpsertSync(**writer, MakeArticle("new", "T", "x")).ok());
  const WatchCursor from = Start(
      searcher, WatchStart{WatchStart::Kind::kTime, WatchCursor{}, between});
  EXPECT_EQ(Describe(ReadAll(searcher, "", from, ChangeReadLimits())),
            (std::vector<std::string>{"ADDED new"}));
}

TEST(ChangeReaderTest, ShardedFeedKeepsEachShardsOrder) {
  const std::string base = FreshDbPath("watch-shards");
  absl::StatusOr<ShardLayout> layout = MakeShardLayout(base, 3, "");
  ASSERT_TRUE(layout.ok());
  auto writer = ShardedIndexWriter::Open(*layout, {});
  ASSERT_TRUE(writer.ok()) << writer.status();
  Searcher searcher(*layout, nullptr);
  const WatchCursor from = Start(searcher, {});
  EXPECT_EQ(from.positions.size(), 3u);
  std::vector<std::string> expected;
  for (int i = 0; i < 40; ++i) {
    const std::string id = absl::StrCat("s", i);
    ASSERT_TRUE(UpsertSync(**writer, MakeArticle(id, "T", "x")).ok());
    expected.push_back("ADDED " + id);
  }
  ChangeReadLimits small;
  small.max_events = 3;
  small.max_scan = 5;
  // One writer call at a time: commit order is the order of the calls.
  EXPECT_EQ(Describe(ReadAll(searcher, "", from, small)), expected);
}

}  // namespace
}  // namespace newsindex
