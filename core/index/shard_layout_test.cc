#include "core/index/shard_layout.h"

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/index/test_util.h"
#include "gtest/gtest.h"

namespace newsindex {
namespace {

std::vector<std::string> Names(const ShardLayout& layout) {
  std::vector<std::string> names;
  for (const ShardLocation& shard : layout.shards) {
    names.push_back(shard.ToString());
  }
  return names;
}

TEST(ShardLayoutTest, FlagsNameTheShards) {
  struct Case {
    const char* db;
    int shard_count;
    const char* shards;
    std::vector<std::string> expected;
  };
  const Case cases[] = {
      {"/data/ix", 0, "", {"/data/ix"}},
      {"/data/ix", 1, "", {"/data/ix/shard-00"}},
      {"/data/ix",
       3,
       "",
       {"/data/ix/shard-00", "/data/ix/shard-01", "/data/ix/shard-02"}},
      {"", 0, "/a,/b", {"/a", "/b"}},
      {"",
       0,
       "tcp://shard-0.shards:7000,/local",
       {"tcp://shard-0.shards:7000", "/local"}},
      {"", 0, "tcp://[::1]:7000", {"tcp://[::1]:7000"}},
  };
  for (const Case& c : cases) {
    absl::StatusOr<ShardLayout> layout =
        MakeShardLayout(c.db, c.shard_count, c.shards);
    ASSERT_TRUE(layout.ok()) << c.db << c.shards << ": " << layout.status();
    EXPECT_EQ(Names(*layout), c.expected);
  }
}

TEST(ShardLayoutTest, RemoteLocationKeepsHostAndPort) {
  absl::StatusOr<ShardLayout> layout =
      MakeShardLayout("", 0, "tcp://10.0.0.7:7000");
  ASSERT_TRUE(layout.ok());
  ASSERT_TRUE(layout->shards[0].remote());
  EXPECT_EQ(layout->shards[0].host, "10.0.0.7");
  EXPECT_EQ(layout->shards[0].port, 7000);
  EXPECT_TRUE(layout->has_remote());
}

TEST(ShardLayoutTest, BadFlagsNameTheFlag) {
  struct Case {
    const char* db;
    int shard_count;
    const char* shards;
    const char* message;
  };
  const Case cases[] = {
      {"", 0, "", "--db: a database directory is needed"},
      {"/d", 0, "/a",
       "--shards: names every shard itself; give it without "
       "--db or --shard-count"},
      {"", 2, "/a",
       "--shards: names every shard itself; give it without "
       "--db or --shard-count"},
      {"/d", -1, "", "--shard-count: must name from 1 to 256 shards, not -1"},
      {"/d", 257, "", "--shard-count: must name from 1 to 256 shards, not 257"},
      {"", 0, "/a,,/b", "--shards: an empty location in the list"},
      {"", 0, "tcp://host",
       "--shards: \"tcp://host\" is not tcp://HOST:PORT "
       "with a port from 1 to 65535"},
      {"", 0, "tcp://:7000",
       "--shards: \"tcp://:7000\" is not tcp://HOST:PORT "
       "with a port from 1 to 65535"},
      {"", 0, "tcp://h:99999",
       "--shards: \"tcp://h:99999\" is not "
       "tcp://HOST:PORT with a port from 1 to 65535"},
  };
  for (const Case& c : cases) {
    absl::StatusOr<ShardLayout> layout =
        MakeShardLayout(c.db, c.shard_count, c.shards);
    ASSERT_FALSE(layout.ok()) << c.db << c.shards;
    EXPECT_EQ(layout.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(layout.status().message(), c.message);
  }
}

TEST(ShardLayoutTest, ShardForIdIsStableAndSpreads) {
  // Fixed values: changing the hash would move every stored article.
  EXPECT_EQ(ShardForId("reuters-1", 4), ShardForId("reuters-1", 4));
  EXPECT_EQ(ShardForId("anything", 1), 0u);
  const size_t a = ShardForId("a", 1000003);
  const size_t b = ShardForId("b", 1000003);
  EXPECT_EQ(a, 0xca978112ca1bbdcaULL % 1000003);  // sha256("a") begins so
  EXPECT_EQ(b, 0x3e23e8160039594aULL % 1000003);  // sha256("b") begins so
  std::vector<int> per_shard(4);
  for (int i = 0; i < 4000; ++i) {
    ++per_shard[ShardForId(absl::StrCat("article-", i), 4)];
  }
  for (int n : per_shard) {
    EXPECT_GT(n, 850);
    EXPECT_LT(n, 1150);
  }
}

TEST(ShardLayoutTest, IdentityIsStampedAndChecked) {
  const std::string path = FreshDbPath("identity");
  const ShardLocation location{.directory = path};
  {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE);
    EXPECT_TRUE(CheckShardIdentity(db, location, 1, 3).ok());
    StampShardIdentity(db, 1, 3);
    db.commit();
  }
  Xapian::Database db(path);
  EXPECT_TRUE(CheckShardIdentity(db, location, 1, 3).ok());
  absl::Status other = CheckShardIdentity(db, location, 0, 2);
  EXPECT_EQ(other.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(other.message(),
            absl::StrCat("shard ", path,
                         " was created as shard 1 of 3, but this layout names "
                         "it shard 0 of 2: the number and order of shards are "
                         "part of the index's identity (reindex to change "
                         "them)"));
}

TEST(ShardLayoutTest, UnshardedIndexWithArticlesIsOnlyShardZeroOfOne) {
  const std::string path = FreshDbPath("legacy");
  {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE);
    db.add_document(Xapian::Document());
    db.commit();
  }
  Xapian::Database db(path);
  const ShardLocation location{.directory = path};
  EXPECT_TRUE(CheckShardIdentity(db, location, 0, 1).ok());
  absl::Status s = CheckShardIdentity(db, location, 0, 2);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("holds 1 articles of an unsharded index"),
            absl::string_view::npos)
      << s;
}

TEST(ShardLayoutTest, LayoutOnDiskMustMatchTheFlags) {
  const std::string parent = FreshDbPath("ondisk");
  absl::StatusOr<ShardLayout> sharded = MakeShardLayout(parent, 2, "");
  absl::StatusOr<ShardLayout> single = MakeShardLayout(parent, 0, "");
  ASSERT_TRUE(sharded.ok() && single.ok());
  EXPECT_TRUE(CheckLayoutOnDisk(*sharded).ok());  // nothing there yet
  EXPECT_TRUE(CheckLayoutOnDisk(*single).ok());
  std::filesystem::create_directories(parent);
  { Xapian::WritableDatabase db(parent + "/shard-00", Xapian::DB_CREATE); }
  absl::Status s = CheckLayoutOnDisk(*single);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("holds a sharded index"), absl::string_view::npos);
  EXPECT_TRUE(CheckLayoutOnDisk(*sharded).ok());

  const std::string plain = FreshDbPath("ondisk-plain");
  { Xapian::WritableDatabase db(plain, Xapian::DB_CREATE); }
  absl::StatusOr<ShardLayout> plain_sharded = MakeShardLayout(plain, 2, "");
  ASSERT_TRUE(plain_sharded.ok());
  s = CheckLayoutOnDisk(*plain_sharded);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("holds an unsharded index"),
            absl::string_view::npos);
}

}  // namespace
}  // namespace newsindex
