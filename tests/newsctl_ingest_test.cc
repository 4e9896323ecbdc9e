// newsctl ingest of a large file: batches of
// --batch-size articles, each on its own stream with its own --timeout
// deadline (not one deadline for the whole file), per-article lines only
// with --verbose, and --json the merged reply. A recording fake
// IngestService stands in for the real one, so the test sees every stream.
#include <grpcpp/grpcpp.h>

#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "newsindex/v1/ingest_service.grpc.pb.h"
#include "tests/service_process.h"

namespace newsindex::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

// Answers every stream with one created result per article and records the
// number of articles of each stream and the time its deadline left.
class RecordingIngest final : public v1::IngestService::Service {
 public:
  grpc::Status IngestArticles(
      grpc::ServerContext* context,
      grpc::ServerReader<v1::IngestArticleRequest>* reader,
      v1::IngestArticlesResponse* response) override {
    const auto start = std::chrono::system_clock::now();
    v1::IngestArticleRequest request;
    int n = 0;
    while (reader->Read(&request)) {
      v1::IngestItemResult* result = response->add_results();
      result->set_index(n++);
      result->set_id(request.article().id());
      result->set_created(true);
    }
    response->set_received(n);
    response->set_created(n);
    absl::MutexLock lock(&mu_);
    sizes_.push_back(n);
    time_left_.push_back(context->deadline() - start);
    return grpc::Status::OK;
  }

  std::vector<int> sizes() {
    absl::MutexLock lock(&mu_);
    return sizes_;
  }
  // Per stream, how long its deadline left when the stream started.
  std::vector<std::chrono::system_clock::duration> time_left() {
    absl::MutexLock lock(&mu_);
    return time_left_;
  }

 private:
  absl::Mutex mu_;
  std::vector<int> sizes_ ABSL_GUARDED_BY(mu_);
  std::vector<std::chrono::system_clock::duration> time_left_
      ABSL_GUARDED_BY(mu_);
};

class NewsctlIngestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(),
                             &port_);
    builder.RegisterService(&service_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    file_ = MakeTempDir("newsctl-ingest") + "/big.jsonl";
    std::ofstream out(file_);
    for (int i = 0; i < 25; ++i) {
      out << "{\"id\": \"a" << i << "\", \"text\": \"Story " << i
          << "\\n\\nA heron.\"}\n";
    }
  }
  void TearDown() override { server_->Shutdown(); }

  int Newsctl(std::vector<std::string> args, std::string* out) {
    std::vector<std::string> argv = {
        "/bin/sh",
        "-c",
        "exec \"$@\" 2>&1",
        "sh",
        BinaryPath("newsctl"),
        absl::StrCat("--ingest-addr=127.0.0.1:", port_),
        "ingest",
        file_};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommand(argv, out);
  }

  RecordingIngest service_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
  std::string file_;
};

TEST_F(NewsctlIngestTest, SendsBatchesEachWithItsOwnDeadline) {
  std::string out;
  ASSERT_EQ(Newsctl({"--batch-size=10", "--timeout=600"}, &out), 0) << out;
  EXPECT_THAT(service_.sizes(), ElementsAre(10, 10, 5));
  // Each batch is a call of its own, so each has a whole --timeout left
  // when it starts (one deadline for the file would run down instead).
  for (std::chrono::system_clock::duration left : service_.time_left()) {
    EXPECT_GT(left, std::chrono::seconds(500));
  }
  // Summary only: no per-article lines, no progress bar off a terminal.
  EXPECT_THAT(out, HasSubstr("25 sent, 25 created, 0 updated, 0 failed"));
  EXPECT_THAT(out, Not(HasSubstr("a3 created")));
  EXPECT_THAT(out, Not(HasSubstr("\r")));
}

TEST_F(NewsctlIngestTest, VerboseAndJsonShowEveryArticle) {
  std::string out;
  ASSERT_EQ(Newsctl({"--batch-size=10", "--verbose"}, &out), 0) << out;
  EXPECT_THAT(out, HasSubstr(":1: a0 created"));
  EXPECT_THAT(out, HasSubstr(":25: a24 created"));
  std::string json;
  ASSERT_EQ(Newsctl({"--batch-size=10", "--json"}, &json), 0) << json;
  EXPECT_THAT(json, HasSubstr("\"received\": 25"));
  // Indexes count over the whole file, not per batch.
  EXPECT_THAT(json, HasSubstr("\"index\": 24"));
  EXPECT_THAT(json, HasSubstr("\"id\": \"a24\""));
}

// An older ingest-service: no GetLimits, and a receive limit that a large
// article exceeds, which ends the whole stream with RESOURCE_EXHAUSTED.
// Unary calls store whatever arrives.
class OldIngest final : public v1::IngestService::Service {
 public:
  grpc::Status IngestArticles(
      grpc::ServerContext* /*context*/,
      grpc::ServerReader<v1::IngestArticleRequest>* reader,
      v1::IngestArticlesResponse* response) override {
    v1::IngestArticleRequest request;
    int n = 0;
    while (reader->Read(&request)) {
      v1::IngestItemResult* result = response->add_results();
      result->set_index(n++);
      result->set_id(request.article().id());
      result->set_created(true);
    }
    response->set_received(n);
    response->set_created(n);
    return grpc::Status::OK;
  }
  grpc::Status IngestArticle(grpc::ServerContext* /*context*/,
                             const v1::IngestArticleRequest* request,
                             v1::IngestArticleResponse* response) override {
    absl::MutexLock lock(&mu_);
    unary_ids_.push_back(request->article().id());
    response->set_id(request->article().id());
    response->set_created(true);
    return grpc::Status::OK;
  }
  std::vector<std::string> unary_ids() {
    absl::MutexLock lock(&mu_);
    return unary_ids_;
  }

 private:
  absl::Mutex mu_;
  std::vector<std::string> unary_ids_ ABSL_GUARDED_BY(mu_);
};

// Issue 20, item 10: one record over the size limit used to end `newsctl
// ingest`; the records after it were never sent.
TEST(NewsctlOldServiceTest, ARecordOverTheReceiveLimitFailsAlone) {
  OldIngest service;
  int port = 0;
  grpc::ServerBuilder builder;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(),
                           &port);
  builder.SetMaxReceiveMessageSize(8 * 1024);
  builder.RegisterService(&service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  ASSERT_NE(server, nullptr);
  const std::string file = MakeTempDir("newsctl-old") + "/feed.jsonl";
  {
    std::ofstream out(file);
    for (int i = 0; i < 6; ++i) {
      const std::string body =
          i == 2 ? std::string(20000, 'x') : absl::StrCat("Story ", i);
      out << "{\"id\": \"o" << i << "\", \"text\": \"" << body << "\"}\n";
    }
  }
  std::string out;
  const int exit_code = RunCommand(
      {"/bin/sh", "-c", "exec \"$@\" 2>&1", "sh", BinaryPath("newsctl"),
       absl::StrCat("--ingest-addr=127.0.0.1:", port), "ingest", file,
       "--batch-size=4"},
      &out);
  EXPECT_EQ(exit_code, 1) << out;
  // The first batch (o0-o3) was refused as a whole and went one by one:
  // o2 fails alone; the second batch (o4, o5) goes on a stream.
  EXPECT_THAT(out, HasSubstr(file + ":3: FAILED: "));
  EXPECT_THAT(service.unary_ids(), ElementsAre("o0", "o1", "o3"));
  EXPECT_THAT(out, HasSubstr("6 sent, 5 created, 0 updated, 1 failed"));
  server->Shutdown();
}

}  // namespace
}  // namespace newsindex::testing
