#include "core/index/sharded_index_writer.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/index/schema.h"
#include "core/index/test_util.h"
#include "gtest/gtest.h"

namespace newsindex {
namespace {

constexpr int kShards = 3;

std::unique_ptr<ShardedIndexWriter> OpenSharded(const std::string& parent,
                                                int count) {
  absl::StatusOr<ShardLayout> layout = MakeShardLayout(parent, count, "");
  EXPECT_TRUE(layout.ok()) << layout.status();
  absl::StatusOr<std::unique_ptr<ShardedIndexWriter>> writer =
      ShardedIndexWriter::Open(*layout, {});
  EXPECT_TRUE(writer.ok()) << writer.status();
  return writer.ok() ? *std::move(writer) : nullptr;
}

TEST(ShardedIndexWriterTest, EachArticleLivesInTheShardItsIdHashesTo) {
  const std::string parent = FreshDbPath("sharded");
  std::unique_ptr<ShardedIndexWriter> writer = OpenSharded(parent, kShards);
  ASSERT_NE(writer, nullptr);
  std::vector<std::string> ids;
  for (int i = 0; i < 30; ++i) {
    ids.push_back(absl::StrCat("article-", i));
    ASSERT_TRUE(UpsertSync(*writer, MakeArticle(ids.back(), "Title",
                                                "Body text about oil."))
                    .ok());
  }
  // Replacing an id stays in its shard: no duplicate anywhere.
  ASSERT_TRUE(
      UpsertSync(*writer, MakeArticle("article-7", "New", "Body.")).ok());
  ASSERT_TRUE(DeleteSync(*writer, "article-8").ok());
  EXPECT_EQ(DeleteSync(*writer, "article-8").code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(writer->committed_count(), 29u);
  EXPECT_EQ(writer->last_commit().documents, 29u);
  ASSERT_TRUE(writer->Close().ok());

  Xapian::Database all;
  for (int shard = 0; shard < kShards; ++shard) {
    Xapian::Database db(absl::StrCat(parent, "/shard-0", shard));
    EXPECT_EQ(db.get_metadata(std::string(schema::kShardMetadataKey)),
              absl::StrCat(shard, "/", kShards));
    for (const std::string& id : ids) {
      const bool expected =
          ShardForId(id, kShards) == static_cast<size_t>(shard) &&
          id != "article-8";
      EXPECT_EQ(db.term_exists(schema::IdTerm(id)), expected)
          << id << " in shard " << shard;
    }
    all.add_database(db);
  }
  EXPECT_EQ(all.get_doccount(), 29u);
}

TEST(ShardedIndexWriterTest, NearDuplicatesAreFoundInOtherShards) {
  const std::string parent = FreshDbPath("sharded-dup");
  std::unique_ptr<ShardedIndexWriter> writer = OpenSharded(parent, kShards);
  ASSERT_NE(writer, nullptr);
  // Two ids that live in different shards.
  const std::string first = "wire-1";
  std::string second;
  for (int i = 2; second.empty(); ++i) {
    const std::string id = absl::StrCat("wire-", i);
    if (ShardForId(id, kShards) != ShardForId(first, kShards)) second = id;
  }
  Article a = MakeArticle(first, "Dam opens", "The dam opened on Monday.");
  a.simhash = "00000000000000ff";
  Article b = MakeArticle(second, "Dam opens", "The dam opened Monday.");
  b.simhash = "00000000000000fe";  // one bit away
  absl::StatusOr<UpsertResult> original = UpsertSync(*writer, a);
  ASSERT_TRUE(original.ok());
  absl::StatusOr<UpsertResult> copy = UpsertSync(*writer, b);
  ASSERT_TRUE(copy.ok()) << copy.status();
  EXPECT_EQ(copy->duplicate_of, first);
  EXPECT_EQ(copy->cluster_key, original->cluster_key);
}

TEST(ShardedIndexWriterTest, AnotherShardCountIsRefused) {
  const std::string parent = FreshDbPath("sharded-count");
  {
    std::unique_ptr<ShardedIndexWriter> writer = OpenSharded(parent, 2);
    ASSERT_NE(writer, nullptr);
    ASSERT_TRUE(UpsertSync(*writer, MakeArticle("a", "T", "Body.")).ok());
  }
  absl::StatusOr<ShardLayout> three = MakeShardLayout(parent, 3, "");
  ASSERT_TRUE(three.ok());
  absl::StatusOr<std::unique_ptr<ShardedIndexWriter>> reopened =
      ShardedIndexWriter::Open(*three, {});
  ASSERT_FALSE(reopened.ok());
  EXPECT_EQ(reopened.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(reopened.status().message().find(
                "was created as shard 0 of 2, but this layout names it shard "
                "0 of 3"),
            absl::string_view::npos)
      << reopened.status();

  absl::StatusOr<ShardLayout> single = MakeShardLayout(parent, 0, "");
  ASSERT_TRUE(single.ok());
  reopened = ShardedIndexWriter::Open(*single, {});
  ASSERT_FALSE(reopened.ok());
  EXPECT_NE(reopened.status().message().find("holds a sharded index"),
            absl::string_view::npos);
}

TEST(ShardedIndexWriterTest, ReorderedShardsAreRefused) {
  const std::string a = FreshDbPath("order-a");
  const std::string b = FreshDbPath("order-b");
  {
    absl::StatusOr<ShardLayout> layout =
        MakeShardLayout("", 0, absl::StrCat(a, ",", b));
    ASSERT_TRUE(layout.ok());
    ASSERT_TRUE(ShardedIndexWriter::Open(*layout, {}).ok());
  }
  absl::StatusOr<ShardLayout> swapped =
      MakeShardLayout("", 0, absl::StrCat(b, ",", a));
  ASSERT_TRUE(swapped.ok());
  absl::StatusOr<std::unique_ptr<ShardedIndexWriter>> writer =
      ShardedIndexWriter::Open(*swapped, {});
  EXPECT_EQ(writer.status().code(), absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace newsindex
