#include "core/index/change_log.h"

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "core/index/index_writer.h"
#include "core/index/schema.h"
#include "core/index/sharded_index_writer.h"
#include "core/index/test_util.h"
#include "gtest/gtest.h"
#include "xapian.h"

namespace newsindex {
namespace {

struct Logged {
  uint64_t sequence;
  ChangeKind kind;
  std::string id;
  bool operator==(const Logged&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Logged& l) {
  return os << l.sequence << " " << ChangeKindName(l.kind) << " " << l.id;
}

// Every entry the shard at `path` holds, in order.
std::vector<Logged> ReadLog(const std::string& path) {
  Xapian::Database db(path);
  const ChangeLogBounds bounds = ReadChangeLogBounds(db);
  std::vector<Logged> out;
  for (uint64_t s = bounds.first; s <= bounds.last; ++s) {
    auto change = ReadChange(db, s);
    EXPECT_TRUE(change.ok()) << change.status();
    EXPECT_TRUE(change->has_value()) << "entry " << s << " missing";
    if (!change.ok() || !change->has_value()) continue;
    out.push_back(
        {(*change)->sequence, (*change)->kind, (*change)->article_id});
  }
  return out;
}

TEST(ChangeLogTest, EncodeDecodeRoundTrips) {
  const std::vector<ChangeRecord> cases = {
      {1, ChangeKind::kAdded, "a", absl::FromUnixMicros(1), "doc"},
      {7, ChangeKind::kUpdated, std::string(300, 'x'),
       absl::FromUnixSeconds(1780000000), ""},
      {9, ChangeKind::kDeleted, "id\twith\nodd bytes",
       absl::FromUnixMicros(123456789), std::string("\0\1\2", 3)},
  };
  for (const ChangeRecord& c : cases) {
    auto back = DecodeChange(c.sequence, EncodeChange(c));
    ASSERT_TRUE(back.ok()) << back.status();
    EXPECT_EQ(back->kind, c.kind);
    EXPECT_EQ(back->article_id, c.article_id);
    EXPECT_EQ(back->committed, c.committed);
    EXPECT_EQ(back->document, c.document);
  }
}

TEST(ChangeLogTest, MalformedValuesAreRefused) {
  for (const std::string& bad :
       {std::string(), std::string("A"), std::string(25, 'A'),
        absl::StrCat("Z", std::string(16, '0'), "00000001", "a"),
        absl::StrCat("A", std::string(16, '0'), "000000ff", "a")}) {
    EXPECT_FALSE(DecodeChange(1, bad).ok()) << bad;
  }
}

TEST(ChangeLogTest, KeysSortInSequenceOrder) {
  EXPECT_LT(ChangeKey(9), ChangeKey(10));
  EXPECT_LT(ChangeKey(0xff), ChangeKey(0x100));
  EXPECT_TRUE(absl::StartsWith(ChangeKey(1), schema::kChangeMetadataPrefix));
}

TEST(ChangeLogTest, WriterLogsAddsUpdatesAndDeletesInCommitOrder) {
  const std::string path = FreshDbPath("changelog");
  {
    auto writer = IndexWriter::Open(path);
    ASSERT_TRUE(writer.ok()) << writer.status();
    ASSERT_TRUE(UpsertSync(**writer, MakeArticle("a", "T", "one")).ok());
    ASSERT_TRUE(UpsertSync(**writer, MakeArticle("b", "T", "two")).ok());
    ASSERT_TRUE(UpsertSync(**writer, MakeArticle("a", "T", "three")).ok());
    ASSERT_TRUE(DeleteSync(**writer, "b").ok());
    // Deleting an unknown id changes nothing, so logs nothing.
    EXPECT_FALSE(DeleteSync(**writer, "nobody").ok());
  }
  const std::vector<Logged> expected = {{1, ChangeKind::kAdded, "a"},
                                        {2, ChangeKind::kAdded, "b"},
                                        {3, ChangeKind::kUpdated, "a"},
                                        {4, ChangeKind::kDeleted, "b"}};
  EXPECT_EQ(ReadLog(path), expected);
  // The sequence goes on after a reopen.
  {
    auto writer = IndexWriter::Open(path);
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE(UpsertSync(**writer, MakeArticle("c", "T", "four")).ok());
  }
  EXPECT_EQ(ReadLog(path).back(), (Logged{5, ChangeKind::kAdded, "c"}));
}

TEST(ChangeLogTest, EntriesHoldTheVersionTheyRecord) {
  const std::string path = FreshDbPath("changelog-version");
  {
    auto writer = IndexWriter::Open(path);
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE(UpsertSync(**writer, MakeArticle("a", "T", "kabul")).ok());
    ASSERT_TRUE(UpsertSync(**writer, MakeArticle("a", "T", "herat")).ok());
    ASSERT_TRUE(DeleteSync(**writer, "a").ok());
  }
  Xapian::Database db(path);
  const std::vector<std::pair<uint64_t, std::string>> cases = {
      {1, "kabul"}, {2, "herat"}, {3, "herat"}};
  for (const auto& [sequence, word] : cases) {
    auto change = ReadChange(db, sequence);
    ASSERT_TRUE(change.ok() && change->has_value());
    Xapian::Document doc = Xapian::Document::unserialise((*change)->document);
    Xapian::TermIterator t = doc.termlist_begin();
    t.skip_to(word);
    EXPECT_TRUE(t != doc.termlist_end() && *t == word)
        << "entry " << sequence << " lacks " << word;
  }
}

TEST(ChangeLogTest, RetentionKeepsTheNewestEntries) {
  const std::string path = FreshDbPath("changelog-retention");
  IndexWriterOptions options;
  options.change_log_retention = 3;
  {
    auto writer = IndexWriter::Open(path, options);
    ASSERT_TRUE(writer.ok());
    for (int i = 0; i < 5; ++i) {
      ASSERT_TRUE(
          UpsertSync(**writer, MakeArticle(absl::StrCat("a", i), "T", "x"))
              .ok());
    }
  }
  Xapian::Database db(path);
  const ChangeLogBounds bounds = ReadChangeLogBounds(db);
  EXPECT_EQ(bounds.first, 3u);
  EXPECT_EQ(bounds.last, 5u);
  auto trimmed = ReadChange(db, 2);
  ASSERT_TRUE(trimmed.ok());
  EXPECT_FALSE(trimmed->has_value());
  EXPECT_EQ(ReadLog(path).front(), (Logged{3, ChangeKind::kAdded, "a2"}));
}

TEST(ChangeLogTest, FailedOperationLeavesNoEntry) {
  const std::string path = FreshDbPath("changelog-failed");
  IndexWriterOptions options;
  options.after_add_for_test = [](const std::string& id) {
    if (id == "bad") throw std::runtime_error("injected");
  };
  {
    auto writer = IndexWriter::Open(path, options);
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE(UpsertSync(**writer, MakeArticle("good", "T", "x")).ok());
    EXPECT_FALSE(UpsertSync(**writer, MakeArticle("bad", "T", "x")).ok());
    ASSERT_TRUE(UpsertSync(**writer, MakeArticle("next", "T", "x")).ok());
  }
  const std::vector<Logged> expected = {{1, ChangeKind::kAdded, "good"},
                                        {2, ChangeKind::kAdded, "next"}};
  EXPECT_EQ(ReadLog(path), expected);
}

TEST(ChangeLogTest, FirstChangeAtOrAfterFindsByTime) {
  const std::string path = FreshDbPath("changelog-time");
  absl::Time between;
  {
    auto writer = IndexWriter::Open(path);
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE(UpsertSync(**writer, MakeArticle("a", "T", "x")).ok());
    ASSERT_TRUE(UpsertSync(**writer, MakeArticle("b", "T", "x")).ok());
    between = absl::Now();
    ASSERT_TRUE(UpsertSync(**writer, MakeArticle("c", "T", "x")).ok());
  }
  Xapian::Database db(path);
  const ChangeLogBounds bounds = ReadChangeLogBounds(db);
  EXPECT_EQ(FirstChangeAtOrAfter(db, bounds, absl::InfinitePast()), 1u);
  EXPECT_EQ(FirstChangeAtOrAfter(db, bounds, between), 3u);
  EXPECT_EQ(FirstChangeAtOrAfter(db, bounds, absl::InfiniteFuture()), 4u);
}

TEST(ChangeLogTest, EachShardHasItsOwnSequence) {
  const std::string base = FreshDbPath("changelog-shards");
  absl::StatusOr<ShardLayout> made = MakeShardLayout(base, 2, "");
  ASSERT_TRUE(made.ok()) << made.status();
  const ShardLayout layout = *made;
  {
    auto writer = ShardedIndexWriter::Open(layout, {});
    ASSERT_TRUE(writer.ok()) << writer.status();
    for (int i = 0; i < 20; ++i) {
      ASSERT_TRUE(
          UpsertSync(**writer, MakeArticle(absl::StrCat("s", i), "T", "x"))
              .ok());
    }
  }
  uint64_t total = 0;
  for (const ShardLocation& shard : layout.shards) {
    std::vector<Logged> log = ReadLog(shard.directory);
    for (size_t i = 0; i < log.size(); ++i) EXPECT_EQ(log[i].sequence, i + 1);
    total += log.size();
  }
  EXPECT_EQ(total, 20u);
}

}  // namespace
}  // namespace newsindex
