// Acknowledged articles survive crashes, shutdowns and concurrent clients;
// the database has one writer; search sees what was acknowledged.
#include <signal.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
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
  ASSERT_TRUE(
      Ingest(TextArticle("late", "Late\n\nThe database appeared.")).ok());
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

// One round of the SIGKILL test: writers (unary calls and short streams,
// a hostile article among every few) run until `target` articles are
// acknowledged or every writer has stopped; then ingest-service is killed.
class KillRound {
 public:
  KillRound(int round, size_t target) : round_(round), target_(target) {}

  // Runs the round against `ingest`; returns the ids acknowledged.
  std::vector<std::string> Run(ServiceProcess& ingest) {
    std::vector<std::thread> writers;
    for (int t = 0; t < kUnaryWriters; ++t) {
      writers.emplace_back([&, t] { WriteUnary(ingest, t); });
    }
    writers.emplace_back([&] { WriteStreams(ingest); });
    {
      // Bounded: ends when enough are acknowledged or all writers stopped.
      absl::MutexLock lock(&mu_);
      mu_.Await(absl::Condition(
          +[](KillRound* r) ABSL_EXCLUSIVE_LOCKS_REQUIRED(r->mu_) {
            return r->acked_.size() >= r->target_ || r->running_ == 0;
          },
          this));
    }
    EXPECT_EQ(ingest.Stop(SIGKILL), 128 + SIGKILL);
    stop_ = true;
    for (std::thread& thread : writers) thread.join();
    absl::MutexLock lock(&mu_);
    return acked_;
  }

 private:
  static constexpr int kUnaryWriters = 3;
  static constexpr int kStreamItems = 10;

  v1::IngestArticleRequest Article(const std::string& id, int i) const {
    if (i % 7 == 3) return ClusterTest::HostileArticle(id, i % 3);
    return ClusterTest::TextArticle(
        id, absl::StrCat("Crash test ", id, "\n\nKingfishers nest by rivers."));
  }
  void Acknowledge(const std::string& id) {
    absl::MutexLock lock(&mu_);
    acked_.push_back(id);
  }
  void Stopped() {
    absl::MutexLock lock(&mu_);
    --running_;
  }
  void WriteUnary(ServiceProcess& ingest, int t) {
    auto stub = v1::IngestService::NewStub(ingest.channel());
    for (int i = 0; !stop_.load(); ++i) {
      const std::string id = absl::StrCat("k", round_, "-", t, "-", i);
      v1::IngestArticleResponse response;
      grpc::Status status =
          stub->IngestArticle(Context().get(), Article(id, i), &response);
      if (!status.ok()) break;  // the server is gone
      Acknowledge(id);
    }
    Stopped();
  }
  void WriteStreams(ServiceProcess& ingest) {
    auto stub = v1::IngestService::NewStub(ingest.channel());
    for (int s = 0; !stop_.load(); ++s) {
      auto context = Context();
      v1::IngestArticlesResponse response;
      auto writer = stub->IngestArticles(context.get(), &response);
      std::vector<std::string> ids;
      for (int i = 0; i < kStreamItems; ++i) {
        ids.push_back(absl::StrCat("k", round_, "-s", s, "-", i));
        if (!writer->Write(Article(ids.back(), i))) break;
      }
      writer->WritesDone();
      if (!writer->Finish().ok()) break;
      for (const v1::IngestItemResult& result : response.results()) {
        if (result.status().code() == 0) Acknowledge(ids[result.index()]);
      }
    }
    Stopped();
  }

  const int round_;
  const size_t target_;
  std::atomic<bool> stop_{false};
  absl::Mutex mu_;
  std::vector<std::string> acked_ ABSL_GUARDED_BY(mu_);
  int running_ ABSL_GUARDED_BY(mu_) = kUnaryWriters + 1;
};

TEST_F(DurabilityTest, AcknowledgedArticlesSurviveTenSigkills) {
  constexpr int kRounds = 10;
  std::vector<std::string> acknowledged;
  for (int round = 0; round < kRounds; ++round) {
    ASSERT_NO_FATAL_FAILURE(StartIngest());
    // Kill once a good number of articles have been acknowledged, while
    // writes are still in flight.
    KillRound kill(round, /*target=*/60);
    std::vector<std::string> acked = kill.Run(*ingest_);
    EXPECT_GE(acked.size(), 60u) << "round " << round;
    acknowledged.insert(acknowledged.end(), acked.begin(), acked.end());
  }
  // The database opens again for writing and holds every acknowledged one.
  ASSERT_NO_FATAL_FAILURE(StartIngest());
  ASSERT_NO_FATAL_FAILURE(StartSearch());
  int missing = 0;
  for (const std::string& id : acknowledged) {
    if (!Get(id).ok()) {
      ++missing;
      ADD_FAILURE() << id << " was acknowledged but is missing";
    }
  }
  EXPECT_EQ(missing, 0) << "of " << acknowledged.size() << " acknowledged";
  ASSERT_TRUE(
      Ingest(TextArticle("after", "After\n\nWriting works again.")).ok());
}

TEST_F(DurabilityTest, SigtermDrainsAndExitsCleanly) {
  ASSERT_NO_FATAL_FAILURE(StartIngest());
  ASSERT_TRUE(
      Ingest(TextArticle("t1", "Before stop\n\nCormorants dive.")).ok());
  EXPECT_EQ(ingest_->Stop(SIGTERM), 0) << ingest_->Log();
  EXPECT_THAT(ingest_->Log(), HasSubstr("NOT_SERVING"));
  ASSERT_NO_FATAL_FAILURE(StartSearch());
  EXPECT_TRUE(Get("t1").ok());
  EXPECT_EQ(search_->Stop(SIGTERM), 0);
}

TEST_F(DurabilityTest, SecondWriterOnTheSameDatabaseIsRefused) {
  ASSERT_NO_FATAL_FAILURE(StartIngest());
  auto second = ServiceProcess::Start(
      BinaryPath("ingest-service"), {"--db=" + db_dir_}, MakeTempDir("second"));
  ASSERT_FALSE(second.ok());
  EXPECT_THAT(std::string(second.status().message()), HasSubstr("locked"));
  // The first writer still works.
  EXPECT_TRUE(Ingest(TextArticle("w", "Writer\n\nStill writing.")).ok());
}

TEST_F(DurabilityTest, BadFlagsFailAtStartup) {
  auto bad =
      ServiceProcess::Start(BinaryPath("ingest-service"),
                            {"--db=" + db_dir_, "--log-level=loud"}, work_dir_);
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(std::string(bad.status().message()), HasSubstr("log-level"));
}

}  // namespace
}  // namespace newsindex::testing
