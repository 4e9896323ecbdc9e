// IndexHandle on a replica directory laid out as xapian-replicate 1.4 lays
// it out: a stub file XAPIANDB ("auto replica_N") naming the live copy, a
// full copy received into the other replica_N (its version file iamglass
// last), then a new stub renamed into place and the old copy deleted.
#include "core/search/database_handle.h"

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/index/test_util.h"
#include "gtest/gtest.h"
#include "xapian.h"

namespace newsindex {
namespace {

namespace fs = std::filesystem;

std::string CopyPath(const std::string& replica, int id) {
  return absl::StrCat(replica, "/replica_", id);
}

// Adds `docs` documents to the glass database at `path` in one commit.
void AddDocuments(const std::string& path, int docs) {
  Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
  for (int i = 0; i < docs; ++i) {
    Xapian::Document doc;
    doc.add_term("word");
    db.add_document(doc);
  }
  db.commit();
}

// Makes replica_`id` live, as xapian-replicate does: a new stub file renamed
// over the old one.
void PointStubAt(const std::string& replica, int id) {
  const std::string tmp = replica + "/XAPIANDB.tmp";
  std::ofstream(tmp) << "# stub written by the test\nauto replica_" << id
                     << "\n";
  fs::rename(tmp, replica + "/XAPIANDB");
}

// A replica directory whose live copy replica_0 holds `docs` documents.
std::string MakeReplica(const std::string& label, int docs) {
  const std::string replica = FreshDbPath(label);
  fs::create_directories(replica);
  AddDocuments(CopyPath(replica, 0), docs);
  PointStubAt(replica, 0);
  return replica;
}

// A full copy of `docs` documents received into replica_`id` and made
// live; the old copy deleted.
void SwitchToFullCopy(const std::string& replica, int id, int docs) {
  AddDocuments(CopyPath(replica, id), docs);
  PointStubAt(replica, id);
  fs::remove_all(CopyPath(replica, 1 - id));
}

// A full copy still being received into replica_`id`: tables without the
// version file.
void StartReceivingCopy(const std::string& replica, int id) {
  const std::string scratch = replica + "/scratch";
  AddDocuments(scratch, 50);
  fs::create_directories(CopyPath(replica, id));
  for (const char* table : {"termlist.glass", "postlist.glass"}) {
    fs::copy_file(fs::path(scratch) / table,
                  fs::path(CopyPath(replica, id)) / table);
  }
  fs::remove_all(scratch);
}

ShardLayout LayoutOf(std::vector<std::string> directories) {
  ShardLayout layout;
  for (std::string& directory : directories) {
    ShardLocation location;
    location.directory = std::move(directory);
    layout.shards.push_back(std::move(location));
  }
  return layout;
}

Xapian::doccount Count(const IndexHandle& handle) {
  return handle.is_open() ? handle.all().get_doccount() : 0;
}

TEST(DatabaseHandleTest, NoDatabaseBeforeTheWriterOrReplicaCreatesIt) {
  const std::string path = FreshDbPath("handle-none");
  fs::create_directories(path);
  IndexHandle db(LayoutOf({path}));
  EXPECT_FALSE(DatabaseExists(path));
  EXPECT_FALSE(db.OpenOrReopen());
  EXPECT_FALSE(db.is_open());
}

TEST(DatabaseHandleTest, OpensAReplicaThroughItsStub) {
  const std::string replica = MakeReplica("handle-open", 3);
  IndexHandle db(LayoutOf({replica}));
  EXPECT_TRUE(DatabaseExists(replica));
  ASSERT_TRUE(db.OpenOrReopen());
  EXPECT_EQ(Count(db), 3u);
}

TEST(DatabaseHandleTest, SeesChangesetsAppliedToTheLiveCopy) {
  const std::string replica = MakeReplica("handle-changeset", 3);
  IndexHandle db(LayoutOf({replica}));
  ASSERT_TRUE(db.OpenOrReopen());
  AddDocuments(CopyPath(replica, 0), 2);
  bool reopened = false;
  ASSERT_TRUE(db.OpenOrReopen(&reopened));
  EXPECT_TRUE(reopened);
  EXPECT_EQ(Count(db), 5u);
}

TEST(DatabaseHandleTest, FollowsASwitchToANewFullCopy) {
  const std::string replica = MakeReplica("handle-switch", 3);
  IndexHandle db(LayoutOf({replica}));
  ASSERT_TRUE(db.OpenOrReopen());
  SwitchToFullCopy(replica, 1, 7);
  bool reopened = false;
  ASSERT_TRUE(db.OpenOrReopen(&reopened));
  EXPECT_TRUE(reopened);
  EXPECT_EQ(Count(db), 7u);
  // And the next switch, back to replica_0.
  SwitchToFullCopy(replica, 0, 9);
  ASSERT_TRUE(db.OpenOrReopen(&reopened));
  EXPECT_TRUE(reopened);
  EXPECT_EQ(Count(db), 9u);
}

TEST(DatabaseHandleTest, NeverReadsACopyBeingReceived) {
  const std::string replica = MakeReplica("handle-receiving", 3);
  IndexHandle db(LayoutOf({replica}));
  StartReceivingCopy(replica, 1);
  ASSERT_TRUE(db.OpenOrReopen());
  EXPECT_EQ(Count(db), 3u);
  bool reopened = true;
  ASSERT_TRUE(db.OpenOrReopen(&reopened));
  EXPECT_FALSE(reopened);
  EXPECT_EQ(Count(db), 3u);
}

// A handle idle across two full copies: its deleted directory is reused
// for the copy being received; it must go to the live copy instead.
TEST(DatabaseHandleTest, IdleHandleSkipsItsOldDirectoryBeingRefilled) {
  const std::string replica = MakeReplica("handle-refill", 3);
  IndexHandle db(LayoutOf({replica}));
  ASSERT_TRUE(db.OpenOrReopen());
  SwitchToFullCopy(replica, 1, 7);
  StartReceivingCopy(replica, 0);
  ASSERT_TRUE(db.OpenOrReopen());
  EXPECT_EQ(Count(db), 7u);
}

// Outside a replica directory a vanished database stays an error: there is
// no stub to find its successor through.
TEST(DatabaseHandleTest, PlainDatabaseGoneIsStillAnError) {
  const std::string path = FreshDbPath("handle-plain");
  AddDocuments(path, 2);
  IndexHandle db(LayoutOf({path}));
  ASSERT_TRUE(db.OpenOrReopen());
  EXPECT_FALSE(IsReplicaDirectory(path));
  fs::remove_all(path);
  EXPECT_THROW(static_cast<void>(db.OpenOrReopen()),
               Xapian::DatabaseOpeningError);
}

// Shards replicated one by one: one shard's switch reopens the index.
TEST(DatabaseHandleTest, FollowsOneReplicaShardsSwitch) {
  const std::string shard0 = MakeReplica("handle-shard0", 3);
  const std::string shard1 = MakeReplica("handle-shard1", 4);
  IndexHandle db(LayoutOf({shard0, shard1}));
  ASSERT_TRUE(db.OpenOrReopen());
  EXPECT_EQ(Count(db), 7u);
  SwitchToFullCopy(shard1, 1, 6);
  bool reopened = false;
  ASSERT_TRUE(db.OpenOrReopen(&reopened));
  EXPECT_TRUE(reopened);
  EXPECT_EQ(Count(db), 9u);
}

}  // namespace
}  // namespace newsindex
