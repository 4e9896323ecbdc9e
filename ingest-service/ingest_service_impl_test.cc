// The IngestArticles stream reactor in process: a real pipeline and writer
// on a temporary database behind an in-process gRPC server, so the
// reactor's counting, its failures-only reply past max_stream_results, the
// stream slots and the byte budget's back-pressure are seen one by one.
#include "ingest-service/ingest_service_impl.h"

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "core/base/clock.h"
#include "core/entities/gazetteer.h"
#include "core/entities/rule_entity_extractor.h"
#include "core/index/test_util.h"
#include "core/normalize/normalizer.h"
#include "gtest/gtest.h"
#include "tests/wait.h"

namespace newsindex {
namespace {

class StreamReactorTest : public ::testing::Test {
 protected:
  void Start(const StreamLimits& limits) {
    ShardLayout layout;
    layout.shards = {ShardLocation{.directory = FreshDbPath("reactor")}};
    absl::StatusOr<std::unique_ptr<ShardedIndexWriter>> writer =
        ShardedIndexWriter::Open(layout, IndexWriterOptions());
    ASSERT_TRUE(writer.ok()) << writer.status();
    writer_ = *std::move(writer);
    service_ = std::make_unique<IngestServiceImpl>(
        &pipeline_, writer_.get(), &pool_, nullptr, nullptr, limits);
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(),
                             &port);
    builder.RegisterService(service_.get());
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    stub_ = v1::IngestService::NewStub(grpc::CreateChannel(
        absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials()));
  }

  void TearDown() override {
    if (server_ != nullptr) server_->Shutdown();
    if (writer_ != nullptr) {
      ASSERT_TRUE(writer_->Close().ok());
    }
  }

  static v1::IngestArticleRequest Article(int i, bool bad = false) {
    v1::IngestArticleRequest request;
    v1::RawArticle* a = request.mutable_article();
    a->set_id(absl::StrCat("a", i));
    // An article without text is refused (INVALID_ARGUMENT, article.text).
    if (!bad) {
      a->set_text(absl::StrCat("Article ", i,
                               " tells of cranes and ferries in the harbour."));
    }
    return request;
  }

  // Sends `count` articles on one stream, every `bad_every`-th of them
  // refused (0: none), and returns the reply.
  grpc::Status Stream(int count, int bad_every,
                      v1::IngestArticlesResponse* response) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(30));
    auto writer = stub_->IngestArticles(&context, response);
    for (int i = 0; i < count; ++i) {
      const bool bad = bad_every > 0 && i % bad_every == 0;
      if (!writer->Write(Article(i, bad))) break;
    }
    writer->WritesDone();
    return writer->Finish();
  }

  Normalizer normalizer_;
  Gazetteer gazetteer_;
  RuleEntityExtractor extractor_{&gazetteer_};
  SystemClock clock_;
  IngestPipeline pipeline_{&normalizer_, &extractor_, &clock_};
  ThreadPool pool_{2};
  std::unique_ptr<ShardedIndexWriter> writer_;
  std::unique_ptr<IngestServiceImpl> service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<v1::IngestService::Stub> stub_;
};

TEST_F(StreamReactorTest, CountsEveryItemAndListsEachResult) {
  Start(StreamLimits());
  v1::IngestArticlesResponse response;
  ASSERT_TRUE(Stream(10, 5, &response).ok());
  EXPECT_EQ(response.received(), 10);
  EXPECT_EQ(response.created(), 8);
  EXPECT_EQ(response.updated(), 0);
  EXPECT_EQ(response.failed(), 2);  // items 0 and 5
  EXPECT_EQ(response.omitted_results(), 0);
  ASSERT_EQ(response.results_size(), 10);
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(response.results(i).index(), i);  // in stream order
    EXPECT_EQ(response.results(i).status().code() != 0, i % 5 == 0) << i;
  }
  // The same ids again: updates, not creations.
  v1::IngestArticlesResponse again;
  ASSERT_TRUE(Stream(10, 0, &again).ok());
  EXPECT_EQ(again.created(), 2);
  EXPECT_EQ(again.updated(), 8);
}

TEST_F(StreamReactorTest, PastMaxStreamResultsTheReplyListsFailuresOnly) {
  StreamLimits limits;
  limits.max_stream_results = 4;
  Start(limits);
  v1::IngestArticlesResponse response;
  ASSERT_TRUE(Stream(12, 6, &response).ok());
  EXPECT_EQ(response.received(), 12);
  EXPECT_EQ(response.failed(), 2);  // items 0 and 6
  ASSERT_EQ(response.results_size(), 2);
  EXPECT_EQ(response.results(0).index(), 0);
  EXPECT_EQ(response.results(1).index(), 6);
  EXPECT_EQ(response.omitted_results(), 10);
}

TEST_F(StreamReactorTest, AByteBudgetSmallerThanOneArticleStillCompletes) {
  StreamLimits limits;
  limits.max_in_flight_bytes = 1;  // every read parks until a commit
  Start(limits);
  v1::IngestArticlesResponse response;
  ASSERT_TRUE(Stream(20, 0, &response).ok());
  EXPECT_EQ(response.received(), 20);
  EXPECT_EQ(response.created(), 20);
  EXPECT_EQ(response.failed(), 0);
}

TEST_F(StreamReactorTest, AStreamPastTheSlotsIsRefused) {
  StreamLimits limits;
  limits.max_streams = 1;
  Start(limits);
  grpc::ClientContext open_context;
  v1::IngestArticlesResponse open_response;
  auto open = stub_->IngestArticles(&open_context, &open_response);
  ASSERT_TRUE(open->Write(Article(1)));
  // Its article committed: the service has taken the stream (and its slot).
  ASSERT_TRUE(WaitFor([&] { return writer_->committed_count() == 1; },
                      std::chrono::seconds(30)));

  v1::IngestArticlesResponse refused;
  const grpc::Status status = Stream(1, 0, &refused);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);

  open->WritesDone();
  ASSERT_TRUE(open->Finish().ok());
  EXPECT_EQ(open_response.created(), 1);
}

}  // namespace
}  // namespace newsindex
