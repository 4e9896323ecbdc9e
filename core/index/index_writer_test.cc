#include "core/index/index_writer.h"

#include <atomic>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/blocking_counter.h"
#include "core/index/schema.h"
#include "core/index/test_util.h"
#include "gtest/gtest.h"
#include "xapian.h"

namespace newsindex {
namespace {

TEST(IndexWriterTest, UpsertReportsCreatedThenReplaced) {
  const std::string path = FreshDbPath("writer");
  auto writer = IndexWriter::Open(path);
  ASSERT_TRUE(writer.ok()) << writer.status();
  auto first = UpsertSync(**writer, MakeArticle("a", "T", "one"));
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE(first->created);
  auto second = UpsertSync(**writer, MakeArticle("a", "T", "two"));
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(second->created);
  EXPECT_EQ((*writer)->committed_count(), 1u);

  // Acknowledged means committed: a separate reader sees it now.
  Xapian::Database reader(path);
  EXPECT_EQ(reader.get_doccount(), 1u);
  EXPECT_TRUE(reader.term_exists(schema::IdTerm("a")));
}

TEST(IndexWriterTest, RepeatsOfOneIdInFlightTogetherLeaveOneArticle) {
  // Queued without waiting, so most land in the same batch: the writer
  // must see its own uncommitted article to replace it.
  const std::string path = FreshDbPath("repeats");
  auto writer = IndexWriter::Open(path);
  ASSERT_TRUE(writer.ok());
  constexpr int kRepeats = 50;
  absl::BlockingCounter done(kRepeats);
  std::atomic<int> created{0}, failed{0};
  for (int i = 0; i < kRepeats; ++i) {
    (*writer)->Upsert(MakeArticle("same", "T", absl::StrCat("version ", i)),
                      [&](absl::StatusOr<UpsertResult> result) {
                        if (!result.ok()) {
                          ++failed;
                        } else if (result->created) {
                          ++created;
                        }
                        done.DecrementCount();
                      });
  }
  done.Wait();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(created.load(), 1);
  EXPECT_EQ((*writer)->committed_count(), 1u);
  Xapian::Database reader(path);
  EXPECT_EQ(reader.get_doccount(), 1u);
  EXPECT_EQ(reader.get_termfreq(schema::IdTerm("same")), 1u);
}

TEST(IndexWriterTest, DeleteOfUnknownIdIsNotFound) {
  auto writer = IndexWriter::Open(FreshDbPath("delete"));
  ASSERT_TRUE(writer.ok());
  EXPECT_EQ(DeleteSync(**writer, "missing").code(),
            absl::StatusCode::kNotFound);
  ASSERT_TRUE(UpsertSync(**writer, MakeArticle("x", "T", "b")).ok());
  EXPECT_TRUE(DeleteSync(**writer, "x").ok());
  EXPECT_EQ(DeleteSync(**writer, "x").code(), absl::StatusCode::kNotFound);
}

TEST(IndexWriterTest, SecondWriterIsRefusedWithAClearError) {
  const std::string path = FreshDbPath("lock");
  auto first = IndexWriter::Open(path);
  ASSERT_TRUE(first.ok());
  auto second = IndexWriter::Open(path);
  EXPECT_EQ(second.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(second.status().message().find("locked"), absl::string_view::npos);
}

TEST(IndexWriterTest, ClosedWriterRefusesNewWork) {
  auto writer = IndexWriter::Open(FreshDbPath("closed"));
  ASSERT_TRUE(writer.ok());
  EXPECT_TRUE((*writer)->Close().ok());
  EXPECT_EQ(UpsertSync(**writer, MakeArticle("a", "T", "b")).status().code(),
            absl::StatusCode::kUnavailable);
}

TEST(IndexWriterTest, ConcurrentUpsertsAllCommit) {
  const std::string path = FreshDbPath("group");
  auto writer = IndexWriter::Open(path);
  ASSERT_TRUE(writer.ok());
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 100; ++i) {
        if (UpsertSync(**writer,
                       MakeArticle(absl::StrCat(t, "-", i), "T", "body words"))
                .ok()) {
          ++ok;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(ok.load(), 400);
  EXPECT_EQ((*writer)->committed_count(), 400u);
}

TEST(IndexWriterTest, QueueLimitIsResourceExhausted) {
  IndexWriterOptions options;
  options.max_queue = 0;
  auto writer = IndexWriter::Open(FreshDbPath("queue"), options);
  ASSERT_TRUE(writer.ok());
  EXPECT_EQ(UpsertSync(**writer, MakeArticle("a", "T", "b")).status().code(),
            absl::StatusCode::kResourceExhausted);
}

TEST(IndexWriterTest, UnwritableDirectoryFailsToOpen) {
  auto writer = IndexWriter::Open("/proc/newsindex-cannot-exist/db");
  EXPECT_FALSE(writer.ok());
}

}  // namespace
}  // namespace newsindex
