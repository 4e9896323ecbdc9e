// A hostile article in the same writer batch as others costs none of them:
// every acknowledged article is in the index, also after a restart.
#include <signal.h>

#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "gtest/gtest.h"
#include "tests/cluster.h"

namespace newsindex::testing {
namespace {

class HostileArticleTest : public ClusterTest {
 protected:
  // Restarts ingest-service and starts search-service, then expects every
  // id of `acked` to be found.
  void ExpectAllSurviveRestart(const std::vector<std::string>& acked) {
    EXPECT_EQ(ingest_->Stop(SIGKILL), 128 + SIGKILL);
    ASSERT_NO_FATAL_FAILURE(StartIngest());
    ASSERT_NO_FATAL_FAILURE(StartSearch());
    for (const std::string& id : acked) {
      EXPECT_TRUE(Get(id).ok()) << id << " was acknowledged but is missing";
    }
  }
};

TEST_F(HostileArticleTest, StreamKeepsEveryAcknowledgedArticle) {
  ASSERT_NO_FATAL_FAILURE(StartIngest());
  auto context = Context();
  v1::IngestArticlesResponse response;
  auto writer = ingest_stub_->IngestArticles(context.get(), &response);
  std::vector<std::string> ids;
  for (int i = 0; i < 200; ++i) {
    const std::string id = absl::StrCat("s", i);
    ids.push_back(id);
    v1::IngestArticleRequest request =
        i % 50 == 25 ? HostileArticle(id, (i / 50) % 3)
                     : TextArticle(id, absl::StrCat("Stream ", i,
                                                    "\n\nHerons wade.", i));
    ASSERT_TRUE(writer->Write(request));
  }
  writer->WritesDone();
  ASSERT_TRUE(writer->Finish().ok());
  std::vector<std::string> acked;
  for (const v1::IngestItemResult& result : response.results()) {
    if (result.status().code() == 0) acked.push_back(ids[result.index()]);
  }
  // The hostile ones are indexed too (their long fields bounded).
  EXPECT_EQ(acked.size(), ids.size());
  ASSERT_NO_FATAL_FAILURE(ExpectAllSurviveRestart(acked));
}

TEST_F(HostileArticleTest, ConcurrentUnaryCallsKeepEveryAcknowledgedArticle) {
  ASSERT_NO_FATAL_FAILURE(StartIngest());
  absl::Mutex mu;
  std::vector<std::string> acked;
  int failed = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      auto stub = v1::IngestService::NewStub(ingest_->channel());
      for (int i = 0; i < 12; ++i) {
        const std::string id = absl::StrCat("u", t, "-", i);
        v1::IngestArticleRequest request =
            i == 6 ? HostileArticle(id, t % 3)
                   : TextArticle(
                         id, absl::StrCat("Unary ", id, "\n\nEgrets fish."));
        v1::IngestArticleResponse response;
        grpc::Status status =
            stub->IngestArticle(Context().get(), request, &response);
        absl::MutexLock lock(&mu);
        if (status.ok()) {
          acked.push_back(id);
        } else {
          ++failed;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failed, 0);
  EXPECT_EQ(acked.size(), 96u);
  ASSERT_NO_FATAL_FAILURE(ExpectAllSurviveRestart(acked));
}

}  // namespace
}  // namespace newsindex::testing
