// A hostile article in the same writer batch as others costs none of them:
// every acknowledged article is in the index, also after a restart.
#include <signal.h>

#include <fstream>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
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

// A body of about `bytes` bytes that takes the pipeline long to prepare
// (many sentences, many capitalised names).
std::string LargeBody(size_t bytes) {
  std::string body = "The first version\n\n";
  for (int i = 0; body.size() < bytes; ++i) {
    absl::StrAppend(&body,
                    "Minister Anna Berg of Norway met Olaf Dahl in Oslo ",
                    "on day ", i, " to discuss the harbour and its herons. ");
    if (i % 20 == 19) body += "\n\n";
  }
  return body;
}

// Reported: items reached the writer in the order their preparation
// finished, so a large first item overwrote a small later one with the
// same id, both acknowledged. The last item with an id is what is stored.
TEST_F(HostileArticleTest, StreamStoresTheLastItemWithAnId) {
  ASSERT_NO_FATAL_FAILURE(StartIngest({"--workers=4"}));
  ASSERT_NO_FATAL_FAILURE(StartSearch());
  auto context = Context();
  v1::IngestArticlesResponse response;
  auto writer = ingest_stub_->IngestArticles(context.get(), &response);
  ASSERT_TRUE(writer->Write(TextArticle("same", LargeBody(1800 * 1024))));
  ASSERT_TRUE(writer->Write(TextArticle(
      "same", "The corrected copy\n\nHerons wade in the corrected copy.")));
  ASSERT_TRUE(writer->Write(TextArticle("other", "Other\n\nEgrets fish.")));
  writer->WritesDone();
  ASSERT_TRUE(writer->Finish().ok());
  EXPECT_EQ(response.received(), 3);
  EXPECT_EQ(response.failed(), 0);
  absl::StatusOr<v1::Article> stored = Get("same");
  ASSERT_TRUE(stored.ok()) << stored.status();
  EXPECT_EQ(stored->title(), "The corrected copy");
  EXPECT_TRUE(Get("other").ok());
}

// The same through newsctl: a JSONL feed with a corrected copy appended
// keeps the corrected copy.
TEST_F(HostileArticleTest, NewsctlFeedWithCorrectedCopyKeepsIt) {
  ASSERT_NO_FATAL_FAILURE(StartIngest({"--workers=4"}));
  ASSERT_NO_FATAL_FAILURE(StartSearch());
  const std::string feed = work_dir_ + "/feed.jsonl";
  {
    // LargeBody is plain ASCII: only its line breaks need escaping.
    std::ofstream out(feed);
    out << R"({"id": "feed-1", "title": "The first version", "text": ")"
        << absl::StrReplaceAll(LargeBody(1800 * 1024), {{"\n", "\\n"}})
        << "\"}\n"
        << R"({"id": "feed-1", "title": "The corrected copy", )"
        << R"("text": "Herons wade in the corrected copy of the story."})"
        << "\n";
  }
  std::string out;
  ASSERT_EQ(RunCommand({BinaryPath("newsctl"), "ingest", "--ingest-addr",
                        ingest_->address(), "--timeout=120", feed},
                       &out),
            0)
      << out;
  absl::StatusOr<v1::Article> stored = Get("feed-1");
  ASSERT_TRUE(stored.ok()) << stored.status();
  EXPECT_EQ(stored->title(), "The corrected copy");
}

}  // namespace
}  // namespace newsindex::testing
