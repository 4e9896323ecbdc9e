// IngestService: proto -> RawArticle -> IngestPipeline -> ShardedIndexWriter ->
// proto. Pipeline work runs on a worker pool, never on gRPC's threads; a
// call completes only after the commit that holds its article.
#ifndef NEWSINDEX_INGEST_SERVICE_INGEST_SERVICE_IMPL_H_
#define NEWSINDEX_INGEST_SERVICE_INGEST_SERVICE_IMPL_H_

#include "core/base/thread_pool.h"
#include "core/index/sharded_index_writer.h"
#include "core/ingest/ingest_pipeline.h"
#include "ingest-service/ingest_metrics.h"
#include "ingest-service/stream_limits.h"
#include "newsindex/v1/ingest_service.grpc.pb.h"
#include "server/auth.h"

namespace newsindex {

// Every method is registered raw (grpc::ByteBuffer in and out) and parses
// its request itself (server/raw_call.h): a request or stream message that
// does not parse gets INVALID_ARGUMENT naming the field, where gRPC's
// generated handlers answer UNIMPLEMENTED or end the stream as if done.
using IngestServiceBase =
    v1::IngestService::WithRawCallbackMethod_IngestArticle<
        v1::IngestService::WithRawCallbackMethod_IngestArticles<
            v1::IngestService::WithRawCallbackMethod_DeleteArticle<
                v1::IngestService::WithRawCallbackMethod_Analyze<
                    v1::IngestService::WithCallbackMethod_GetLimits<
                        v1::IngestService::Service>>>>>;

class IngestServiceImpl final : public IngestServiceBase {
 public:
  // Most articles of one stream being processed at once; reading the stream
  // pauses beyond it (backpressure). Large enough that one stream fills the
  // writer's next batch while the current one commits: commits per article
  // dominate the writer's cost otherwise (docs/BENCHMARKS.md).
  static constexpr int kMaxInFlightPerStream = 256;
  // The gRPC receive limit is the largest article plus this, for the
  // metadata fields and the message framing.
  static constexpr int64_t kRequestOverheadBytes = 64 * 1024;

  // Does not take ownership; all must outlive the service. `metrics` may
  // be null (metrics off); `authorizer` may be null (no tokens: every call
  // allowed).
  IngestServiceImpl(const IngestPipeline* pipeline, ShardedIndexWriter* writer,
                    ThreadPool* workers, IngestMetrics* metrics = nullptr,
                    const TokenAuthorizer* authorizer = nullptr,
                    const StreamLimits& limits = StreamLimits());

  // The requests and responses are the serialized v1 messages of each
  // method (IngestArticleRequest -> IngestArticleResponse, a stream of
  // IngestArticleRequest -> IngestArticlesResponse, DeleteArticleRequest
  // -> DeleteArticleResponse, AnalyzeRequest -> AnalyzeResponse).
  grpc::ServerUnaryReactor* IngestArticle(grpc::CallbackServerContext* context,
                                          const grpc::ByteBuffer* request,
                                          grpc::ByteBuffer* response) override;
  grpc::ServerReadReactor<grpc::ByteBuffer>* IngestArticles(
      grpc::CallbackServerContext* context,
      grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* DeleteArticle(grpc::CallbackServerContext* context,
                                          const grpc::ByteBuffer* request,
                                          grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* Analyze(grpc::CallbackServerContext* context,
                                    const grpc::ByteBuffer* request,
                                    grpc::ByteBuffer* response) override;
  // Typed: its request has no fields to get wrong.
  grpc::ServerUnaryReactor* GetLimits(grpc::CallbackServerContext* context,
                                      const v1::GetLimitsRequest* request,
                                      v1::GetLimitsResponse* response) override;

  // Outcome of ingesting one article.
  struct Outcome {
    absl::Status status;
    bool created = false;
    std::string duplicate_of;
    Article article;
    std::vector<std::string> warnings;
  };
  // Prepares and writes `raw` on the calling (worker) thread; `done` runs
  // once the article is durable or has failed. A unary call's article is
  // kInteractive (ahead of the streams' in the writer), a stream's kBulk.
  void Ingest(const v1::RawArticle& raw, const IngestPipeline::StopCheck& stop,
              absl::AnyInvocable<void(Outcome) &&> done,
              IndexWriter::Priority priority = IndexWriter::Priority::kBulk);

 private:
  class StreamReactor;
  class RejectedStream;

  // The article `proto` describes, through the pipeline; errors name the
  // request field ("article.text: ...").
  // `stop` as for IngestPipeline::Prepare.
  absl::StatusOr<PreparedArticle> Prepare(
      const v1::RawArticle& proto, const IngestPipeline::StopCheck& stop) const;
  // Charges `request` to unary_bytes_; false, having finished `reactor`
  // with RESOURCE_EXHAUSTED, when the budget is spent.
  bool ChargeUnary(const grpc::ByteBuffer& request,
                   grpc::ServerUnaryReactor* reactor);
  // After RawUnaryCall::Start: releases the charge when `call` finishes, or
  // now (false) when the request did not parse (`call` is null).
  template <typename Call>
  bool Charged(Call* call, const grpc::ByteBuffer& request);
  // Prepare, counted in the metrics (a failure is the article's outcome).
  absl::StatusOr<PreparedArticle> PrepareObserved(
      const v1::RawArticle& proto, const IngestPipeline::StopCheck& stop) const;
  // Hands `prepared` to the writer (building its document on this thread);
  // `done` runs once it is durable or has failed.
  void Write(PreparedArticle prepared,
             absl::AnyInvocable<void(Outcome) &&> done,
             IndexWriter::Priority priority = IndexWriter::Priority::kBulk);

  const IngestPipeline* pipeline_;
  ShardedIndexWriter* writer_;
  ThreadPool* workers_;
  IngestMetrics* metrics_;
  const TokenAuthorizer* authorizer_;
  const StreamLimits limits_;
  StreamSlots stream_slots_;
  ByteBudget stream_bytes_;
  // The bytes of unary IngestArticle and Analyze requests received and not
  // yet answered: a budget of the same size as the streams', of its own, so
  // that bulk streams never refuse an interactive call; beyond it a call is
  // refused with RESOURCE_EXHAUSTED (a unary request cannot wait unread).
  ByteBudget unary_bytes_;
};

}  // namespace newsindex

#endif  // NEWSINDEX_INGEST_SERVICE_INGEST_SERVICE_IMPL_H_
