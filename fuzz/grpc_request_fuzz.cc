// Fuzzes both services' gRPC handlers in-process: the real IngestService
// and SearchService implementations behind a grpc::Server, over its
// in-process channel, on one database in a temporary directory. The first
// byte of an input picks the method; the rest are the request's bytes, sent
// as they are (a raw call), so a hostile client's bytes reach the very
// handlers the network would give them to. The seed corpus holds valid
// requests of every method, from which mutations keep most of the protobuf
// structure and vary the values.
//
// Beyond "no crash, no sanitizer report": every call ends with a status a
// client may get for its own input (never UNKNOWN, UNIMPLEMENTED, INTERNAL
// or DATA_LOSS), and an OK reply parses as the method's response message.
#include <grpcpp/grpcpp.h>
#include <grpcpp/impl/codegen/client_unary_call.h>
#include <grpcpp/impl/codegen/rpc_method.h>
#include <grpcpp/support/sync_stream.h>
#include <stdlib.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "core/base/clock.h"
#include "core/base/thread_pool.h"
#include "core/entities/gazetteer.h"
#include "core/entities/rule_entity_extractor.h"
#include "core/index/shard_layout.h"
#include "core/index/sharded_index_writer.h"
#include "core/ingest/ingest_pipeline.h"
#include "core/normalize/normalizer.h"
#include "core/search/entity_catalog.h"
#include "core/search/searcher_pool.h"
#include "ingest-service/ingest_service_impl.h"
#include "newsindex/v1/ingest_service.pb.h"
#include "newsindex/v1/search_service.pb.h"
#include "search-service/search_service_impl.h"

namespace newsindex {
namespace {

struct Method {
  const char* path;
  const google::protobuf::Message* response;  // its default instance
  bool stream = false;  // IngestArticles: the bytes are split in two messages
};

const Method kMethods[] = {
    {"/newsindex.v1.SearchService/Search",
     &v1::SearchResponse::default_instance()},
    {"/newsindex.v1.SearchService/GetArticle",
     &v1::Article::default_instance()},
    {"/newsindex.v1.SearchService/SimilarArticles",
     &v1::SearchResponse::default_instance()},
    {"/newsindex.v1.SearchService/GetEntity",
     &v1::EntityInfo::default_instance()},
    {"/newsindex.v1.SearchService/SuggestEntities",
     &v1::SuggestEntitiesResponse::default_instance()},
    {"/newsindex.v1.SearchService/RelatedEntities",
     &v1::RelatedEntitiesResponse::default_instance()},
    {"/newsindex.v1.SearchService/EntityTimeline",
     &v1::EntityTimelineResponse::default_instance()},
    {"/newsindex.v1.IngestService/IngestArticle",
     &v1::IngestArticleResponse::default_instance()},
    {"/newsindex.v1.IngestService/DeleteArticle",
     &v1::DeleteArticleResponse::default_instance()},
    {"/newsindex.v1.IngestService/Analyze",
     &v1::AnalyzeResponse::default_instance()},
    {"/newsindex.v1.IngestService/GetLimits",
     &v1::GetLimitsResponse::default_instance()},
    {"/newsindex.v1.IngestService/IngestArticles",
     &v1::IngestArticlesResponse::default_instance(), true},
};
constexpr size_t kMethodCount = sizeof kMethods / sizeof kMethods[0];

// Both services on one database, for the life of the process (libFuzzer
// ends it with exit(); the directory is removed then).
class Services {
 public:
  Services() {
    char dir_template[] = "/tmp/grpc_request_fuzz.XXXXXX";
    const char* dir = mkdtemp(dir_template);
    if (dir == nullptr) Fail("mkdtemp");
    dir_ = dir;
    layout_.shards.push_back(ShardLocation{.directory = dir_ + "/db"});
    IndexWriterOptions options;
    options.max_batch_delay = absl::Milliseconds(1);
    auto writer = ShardedIndexWriter::Open(layout_, options);
    if (!writer.ok()) Fail(writer.status().ToString().c_str());
    writer_ = *std::move(writer);
    extractor_ = std::make_unique<RuleEntityExtractor>(
        &gazetteer_, EntityExtractorOptions());
    pipeline_ = std::make_unique<IngestPipeline>(&normalizer_, extractor_.get(),
                                                 &clock_);
    ingest_ = std::make_unique<IngestServiceImpl>(pipeline_.get(),
                                                  writer_.get(), &workers_);
    catalog_ = std::make_unique<EntityCatalog>(layout_, &gazetteer_);
    searchers_ = std::make_unique<SearcherPool>(1, [this] {
      return std::make_unique<Searcher>(layout_, catalog_.get());
    });
    search_ = std::make_unique<SearchServiceImpl>(searchers_.get());
    grpc::ServerBuilder builder;
    builder.RegisterService(ingest_.get());
    builder.RegisterService(search_.get());
    server_ = builder.BuildAndStart();
    if (server_ == nullptr) Fail("the server did not start");
    channel_ = server_->InProcessChannel(grpc::ChannelArguments());
  }

  grpc::Channel* channel() { return channel_.get(); }

  static void Remove(const std::string& dir) {
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
  const std::string& dir() const { return dir_; }

 private:
  [[noreturn]] static void Fail(const char* what) {
    std::fprintf(stderr, "grpc_request_fuzz: %s\n", what);
    std::abort();
  }

  std::string dir_;
  ShardLayout layout_;
  Gazetteer gazetteer_;
  Normalizer normalizer_{NormalizerOptions()};
  SystemClock clock_;
  ThreadPool workers_{2};
  std::unique_ptr<ShardedIndexWriter> writer_;
  std::unique_ptr<RuleEntityExtractor> extractor_;
  std::unique_ptr<IngestPipeline> pipeline_;
  std::unique_ptr<IngestServiceImpl> ingest_;
  std::unique_ptr<EntityCatalog> catalog_;
  std::unique_ptr<SearcherPool> searchers_;
  std::unique_ptr<SearchServiceImpl> search_;
  std::unique_ptr<grpc::Server> server_;
  std::shared_ptr<grpc::Channel> channel_;
};

Services* TheServices() {
  // Never destroyed: libFuzzer leaves through exit() while gRPC's threads
  // still run.
  static Services* services = [] {
    auto* s = new Services();
    static std::string dir = s->dir();
    std::atexit([] { Services::Remove(dir); });
    return s;
  }();
  return services;
}

grpc::ByteBuffer Bytes(const std::string& bytes) {
  grpc::Slice slice(bytes);
  return grpc::ByteBuffer(&slice, 1);
}

std::unique_ptr<grpc::ClientContext> Context() {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() +
                        std::chrono::seconds(5));
  return context;
}

grpc::Status Call(const Method& method, const std::string& request,
                  grpc::ByteBuffer* reply) {
  grpc::Channel* channel = TheServices()->channel();
  if (!method.stream) {
    grpc::internal::RpcMethod rpc(method.path,
                                  grpc::internal::RpcMethod::NORMAL_RPC);
    return grpc::internal::BlockingUnaryCall<grpc::ByteBuffer,
                                             grpc::ByteBuffer>(
        channel, rpc, Context().get(), Bytes(request), reply);
  }
  grpc::internal::RpcMethod rpc(method.path,
                                grpc::internal::RpcMethod::CLIENT_STREAMING);
  auto context = Context();
  std::unique_ptr<grpc::ClientWriter<grpc::ByteBuffer>> writer(
      grpc::internal::ClientWriterFactory<grpc::ByteBuffer>::Create(
          channel, rpc, context.get(), reply));
  // Two messages: the first half and the second (either may not parse).
  const size_t half = request.size() / 2;
  if (writer->Write(Bytes(request.substr(0, half)))) {
    writer->Write(Bytes(request.substr(half)));
  }
  writer->WritesDone();
  return writer->Finish();
}

bool ServerFault(grpc::StatusCode code) {
  return code == grpc::StatusCode::UNKNOWN ||
         code == grpc::StatusCode::UNIMPLEMENTED ||
         code == grpc::StatusCode::INTERNAL ||
         code == grpc::StatusCode::DATA_LOSS;
}

}  // namespace
}  // namespace newsindex

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using newsindex::kMethods;
  if (size == 0) return 0;
  const newsindex::Method& method = kMethods[data[0] % newsindex::kMethodCount];
  const std::string request(reinterpret_cast<const char*>(data) + 1, size - 1);
  grpc::ByteBuffer reply;
  const grpc::Status status = newsindex::Call(method, request, &reply);
  if (newsindex::ServerFault(status.error_code())) {
    std::fprintf(stderr, "grpc_request_fuzz: %s answered %d: %s\n", method.path,
                 static_cast<int>(status.error_code()),
                 status.error_message().c_str());
    __builtin_trap();
  }
  if (status.ok()) {
    std::unique_ptr<google::protobuf::Message> parsed(method.response->New());
    std::vector<grpc::Slice> slices;
    std::string wire;
    if (reply.Dump(&slices).ok()) {
      for (const grpc::Slice& slice : slices) {
        wire.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
      }
    }
    if (!parsed->ParseFromString(wire)) __builtin_trap();
  }
  return 0;
}
