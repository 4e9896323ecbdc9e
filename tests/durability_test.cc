// Acknowledged articles survive crashes, shutdowns and concurrent clients;
// the database has one writer; search sees what was acknowledged.
#include <signal.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/cluster.h"

namespace newsindex::testing {
namespace {

using ::testing::HasSubstr;

class DurabilityTest : public ClusterTest {};

TEST_F(DurabilityTest, SearchStartsBeforeTheDatabaseExists) {
  ASSERT_NO_FATAL_FAILURE(StartSearch());
  auto health = grpc::health::v1::Health::NewStub(search_->channel());
  grpc::health::v1::HealthCheckRequest request;
  grpc::health::v1::HealthCheckResponse response;
  ASSERT_TRUE(health->Check(Context().get(), request, &response).ok());
  EXPECT_EQ(response.status(), grpc::health::v1::HealthCheckResponse::SERVING);
  request.set_service("newsindex.v1.SearchService");
  ASSERT_TRUE(health->Check(Context().get(), request, &response).ok());
  EXPECT_EQ(response.status(), grpc::health::v1::HealthCheckResponse::SERVING);

  auto empty = Search("anything");
  ASSERT_TRUE(empty.ok()) << empty.status();
  EXPECT_EQ(empty->hits_size(), 0);

  ASSERT_NO_FATAL_FAILURE(StartIngest());
  ASSERT_TRUE(Ingest(TextArticle("late", "Late\n\nThe database appeared.")).ok());
  // Acknowledged means committed; the next search reopens and sees it.
  auto found = Search("appeared");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->hits_size(), 1);
}

TEST_F(DurabilityTest, ManyConcurrentClientsAllLand) {
  ASSERT_NO_FATAL_FAILURE(StartIngest());
  ASSERT_NO_FATAL_FAILURE(StartSearch());
  constexpr int kThreads = 8;
  constexpr int kPerThread = 25;
  std::atomic<int> created{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto stub = v1::IngestService::NewStub(ingest_->channel());
      for (int i = 0; i < kPerThread; ++i) {
        v1::IngestArticleResponse response;
        grpc::Status status = stub->IngestArticle(
            Context().get(),
            TextArticle(absl::StrCat("c", t, "-", i),
                        absl::StrCat("Concurrent ", t, " ", i,
                                     "\n\nPelicans gathered by the lake.")),
            &response);
        if (status.ok() && response.created()) ++created;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(created.load(), kThreads * kPerThread);
  // Identical bodies are near-duplicates: count them without collapse.
  auto all = Search("pelicans", 1, "", /*collapse=*/false);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->total_size(), kThreads * kPerThread);
}

TEST_F(DurabilityTest, AcknowledgedArticlesSurviveSigkill) {
  ASSERT_NO_FATAL_FAILURE(StartIngest());
  std::mutex mu;
  std::vector<std::string> acknowledged;
  std::atomic<bool> stop{false};
  std::vector<std::thread> writers;
  for (int t = 0; t < 4; ++t) {
    writers.emplace_back([&, t] {
      auto stub = v1::IngestService::NewStub(ingest_->channel());
      for (int i = 0; !stop.load(); ++i) {
        const std::string id = absl::StrCat("k", t, "-", i);
        v1::IngestArticleResponse response;
        grpc::Status status = stub->IngestArticle(
            Context().get(),
            TextArticle(id, absl::StrCat("Crash test ", id,
                                         "\n\nKingfishers nest by rivers.")),
            &response);
        if (!status.ok()) return;  // the server is gone
        std::lock_guard<std::mutex> lock(mu);
        acknowledged.push_back(id);
      }
    });
  }
  // Kill once a good number of articles have been acknowledged, while
  // writes are still in flight.
  while (true) {
    {
      std::lock_guard<std::mutex> lock(mu);
      if (acknowledged.size() >= 200) break;
    }
    std::this_thread::yield();
  }
  EXPECT_EQ(ingest_->Stop(SIGKILL), 128 + SIGKILL);
  stop = true;
  for (std::thread& thread : writers) thread.join();

  // The database opens again for writing and holds every acknowledged one.
  ASSERT_NO_FATAL_FAILURE(StartIngest());
  ASSERT_NO_FATAL_FAILURE(StartSearch());
  for (const std::string& id : acknowledged) {
    EXPECT_TRUE(Get(id).ok()) << id << " was acknowledged but is missing";
  }
  ASSERT_TRUE(Ingest(TextArticle("after", "After\n\nWriting works again.")).ok());
}

TEST_F(DurabilityTest, SigtermDrainsAndExitsCleanly) {
  ASSERT_NO_FATAL_FAILURE(StartIngest());
  ASSERT_TRUE(Ingest(TextArticle("t1", "Before stop\n\nCormorants dive.")).ok());
  EXPECT_EQ(ingest_->Stop(SIGTERM), 0) << ingest_->Log();
  EXPECT_THAT(ingest_->Log(), HasSubstr("NOT_SERVING"));
  ASSERT_NO_FATAL_FAILURE(StartSearch());
  EXPECT_TRUE(Get("t1").ok());
  EXPECT_EQ(search_->Stop(SIGTERM), 0);
}

TEST_F(DurabilityTest, SecondWriterOnTheSameDatabaseIsRefused) {
  ASSERT_NO_FATAL_FAILURE(StartIngest());
  auto second = ServiceProcess::Start(BinaryPath("ingest-service"),
                                      {"--db=" + db_dir_}, MakeTempDir("second"));
  ASSERT_FALSE(second.ok());
  EXPECT_THAT(std::string(second.status().message()), HasSubstr("locked"));
  // The first writer still works.
  EXPECT_TRUE(Ingest(TextArticle("w", "Writer\n\nStill writing.")).ok());
}

TEST_F(DurabilityTest, BadFlagsFailAtStartup) {
  auto bad = ServiceProcess::Start(BinaryPath("ingest-service"),
                                   {"--db=" + db_dir_, "--log-level=loud"},
                                   work_dir_);
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(std::string(bad.status().message()), HasSubstr("log-level"));
}

}  // namespace
}  // namespace newsindex::testing
