// The writer's commit observer and last-commit figures (for metrics).
#include <atomic>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "core/index/index_writer.h"
#include "core/index/test_util.h"
#include "gtest/gtest.h"
#include "xapian.h"

namespace newsindex {
namespace {

TEST(IndexWriterCommitTest, ReportsEachCommitAndTheLastOne) {
  const std::string path = FreshDbPath("commit-stats");
  absl::Mutex mu;
  std::vector<CommitStats> commits;
  IndexWriterOptions options;
  options.on_commit = [&](const CommitStats& stats) {
    absl::MutexLock lock(&mu);
    commits.push_back(stats);
  };
  auto writer = IndexWriter::Open(path, options);
  ASSERT_TRUE(writer.ok()) << writer.status();
  const CommitInfo before = (*writer)->last_commit();
  EXPECT_EQ(before.documents, 0u);
  EXPECT_EQ(before.time, absl::InfinitePast());

  ASSERT_TRUE(UpsertSync(**writer, MakeArticle("a", "T", "one")).ok());
  ASSERT_TRUE(UpsertSync(**writer, MakeArticle("b", "T", "two")).ok());
  const CommitInfo after = (*writer)->last_commit();
  EXPECT_EQ(after.documents, 2u);
  EXPECT_GT(after.revision, before.revision);
  EXPECT_NE(after.time, absl::InfinitePast());
  EXPECT_EQ(after.revision, Xapian::Database(path).get_revision());
  EXPECT_EQ((*writer)->queued(), 0u);

  absl::MutexLock lock(&mu);
  size_t operations = 0;
  for (const CommitStats& c : commits) {
    EXPECT_TRUE(c.ok);
    EXPECT_GE(c.commit_time, absl::ZeroDuration());
    operations += c.operations;
  }
  EXPECT_EQ(operations, 2u);
}

}  // namespace
}  // namespace newsindex
