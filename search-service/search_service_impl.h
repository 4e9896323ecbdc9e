// SearchService: proto -> core spec -> Searcher (on a pool worker) ->
// proto. No Xapian call runs on a gRPC thread.
#ifndef NEWSINDEX_SEARCH_SERVICE_SEARCH_SERVICE_IMPL_H_
#define NEWSINDEX_SEARCH_SERVICE_SEARCH_SERVICE_IMPL_H_

#include <grpcpp/support/byte_buffer.h>

#include "core/search/searcher_pool.h"
#include "newsindex/v1/search_service.grpc.pb.h"
#include "search-service/search_metrics.h"
#include "server/auth.h"
#include "server/byte_budget.h"

namespace newsindex {

// Default of search-service's --max-reply-bytes (docs/security.md).
inline constexpr int64_t kDefaultMaxReplyBytes = 256 * 1024 * 1024;

// Every method is registered raw (grpc::ByteBuffer in and out) and parses
// its request itself (server/raw_call.h): a request that does not parse
// gets INVALID_ARGUMENT naming the field, where gRPC's generated handlers
// answer UNIMPLEMENTED with no message. Over CallbackService, so a method
// not listed here is served typed.
using SearchServiceBase = v1::SearchService::WithRawCallbackMethod_Search<
    v1::SearchService::WithRawCallbackMethod_GetArticle<
        v1::SearchService::WithRawCallbackMethod_SimilarArticles<
            v1::SearchService::WithRawCallbackMethod_GetEntity<
                v1::SearchService::WithRawCallbackMethod_SuggestEntities<
                    v1::SearchService::WithRawCallbackMethod_RelatedEntities<
                        v1::SearchService::WithRawCallbackMethod_EntityTimeline<
                            v1::SearchService::CallbackService>>>>>>>;

class SearchServiceImpl final : public SearchServiceBase {
 public:
  static constexpr int kDefaultPageSize = 10;
  static constexpr int kMaxPageSize = 100;

  // Does not own `pool`, `metrics` (null: metrics off), `authorizer`
  // (null: no tokens, every call allowed) or `replies` (null: unbounded),
  // which must outlive the service. `replies` counts the bytes of replies
  // finished and not yet delivered (a slow reader holds its reply); while
  // they reach its limit, new calls get RESOURCE_EXHAUSTED.
  explicit SearchServiceImpl(SearcherPool* pool,
                             SearchMetrics* metrics = nullptr,
                             const TokenAuthorizer* authorizer = nullptr,
                             ByteBudget* replies = nullptr);

  // The requests and responses are the serialized v1 messages of each
  // method (SearchRequest -> SearchResponse, GetArticleRequest -> Article,
  // ...; search_service.proto).
  grpc::ServerUnaryReactor* Search(grpc::CallbackServerContext* context,
                                   const grpc::ByteBuffer* request,
                                   grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* GetArticle(grpc::CallbackServerContext* context,
                                       const grpc::ByteBuffer* request,
                                       grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* SimilarArticles(
      grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
      grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* GetEntity(grpc::CallbackServerContext* context,
                                      const grpc::ByteBuffer* request,
                                      grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* SuggestEntities(
      grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
      grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* RelatedEntities(
      grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
      grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* EntityTimeline(grpc::CallbackServerContext* context,
                                           const grpc::ByteBuffer* request,
                                           grpc::ByteBuffer* response) override;

 private:
  // Admits the call (token scope, request limits, reply budget), runs
  // `work` on a pool worker unless the caller has gone, and finishes the
  // call with the status it returns; `response`'s bytes count against the
  // reply budget until the call is done.
  // `raw_response` (may be null) receives `response` serialized when the
  // work succeeds.
  grpc::ServerUnaryReactor* RunOnWorker(
      grpc::CallbackServerContext* context,
      const google::protobuf::Message& request,
      const google::protobuf::Message* response,
      absl::AnyInvocable<absl::Status(Searcher&) &&> work,
      grpc::ByteBuffer* raw_response = nullptr);
  // A raw method: parses `raw_request` as a Request (INVALID_ARGUMENT when
  // it does not parse, after the token check), then RunOnWorker with `work`
  // given the request and the Response to fill, which is serialized into
  // `raw_response`.
  template <typename Request, typename Response>
  grpc::ServerUnaryReactor* Serve(
      grpc::CallbackServerContext* context, const grpc::ByteBuffer* raw_request,
      grpc::ByteBuffer* raw_response,
      absl::AnyInvocable<absl::Status(Searcher&, const Request*, Response*) &&>
          work);

  SearcherPool* pool_;
  SearchMetrics* metrics_;
  const TokenAuthorizer* authorizer_;
  ByteBudget* replies_;
};

}  // namespace newsindex

#endif  // NEWSINDEX_SEARCH_SERVICE_SEARCH_SERVICE_IMPL_H_
