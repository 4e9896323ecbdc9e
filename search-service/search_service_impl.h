// SearchService: proto -> core spec -> Searcher (on a pool worker) ->
// proto. No Xapian call runs on a gRPC thread.
#ifndef NEWSINDEX_SEARCH_SERVICE_SEARCH_SERVICE_IMPL_H_
#define NEWSINDEX_SEARCH_SERVICE_SEARCH_SERVICE_IMPL_H_

#include "core/search/searcher_pool.h"
#include "newsindex/v1/search_service.grpc.pb.h"
#include "search-service/search_metrics.h"
#include "search-service/watch_service.h"
#include "server/auth.h"
#include "server/stream_limits.h"

namespace newsindex {

// Default of search-service's --max-reply-bytes (docs/security.md).
inline constexpr int64_t kDefaultMaxReplyBytes = 256 * 1024 * 1024;

class SearchServiceImpl final : public v1::SearchService::CallbackService {
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

  grpc::ServerUnaryReactor* Search(grpc::CallbackServerContext* context,
                                   const v1::SearchRequest* request,
                                   v1::SearchResponse* response) override;
  grpc::ServerUnaryReactor* GetArticle(grpc::CallbackServerContext* context,
                                       const v1::GetArticleRequest* request,
                                       v1::Article* response) override;
  grpc::ServerUnaryReactor* SimilarArticles(
      grpc::CallbackServerContext* context,
      const v1::SimilarArticlesRequest* request,
      v1::SearchResponse* response) override;
  grpc::ServerUnaryReactor* GetEntity(grpc::CallbackServerContext* context,
                                      const v1::GetEntityRequest* request,
                                      v1::EntityInfo* response) override;
  grpc::ServerUnaryReactor* SuggestEntities(
      grpc::CallbackServerContext* context,
      const v1::SuggestEntitiesRequest* request,
      v1::SuggestEntitiesResponse* response) override;
  grpc::ServerUnaryReactor* RelatedEntities(
      grpc::CallbackServerContext* context,
      const v1::RelatedEntitiesRequest* request,
      v1::RelatedEntitiesResponse* response) override;
  grpc::ServerUnaryReactor* EntityTimeline(
      grpc::CallbackServerContext* context,
      const v1::EntityTimelineRequest* request,
      v1::EntityTimelineResponse* response) override;
  grpc::ServerWriteReactor<v1::WatchEvent>* Watch(
      grpc::CallbackServerContext* context,
      const v1::WatchRequest* request) override;

  // Serves Watch over `layout` (UNIMPLEMENTED until called). Call
  // StopWatch before the pool goes.
  void EnableWatch(const ShardLayout& layout);
  void StopWatch() { watch_.reset(); }

 private:
  // Admits the call (token scope, request limits, reply budget), runs
  // `work` on a pool worker unless the caller has gone, and finishes the
  // call with the status it returns; `response`'s bytes count against the
  // reply budget until the call is done.
  grpc::ServerUnaryReactor* RunOnWorker(
      grpc::CallbackServerContext* context,
      const google::protobuf::Message& request,
      const google::protobuf::Message* response,
      absl::AnyInvocable<absl::Status(Searcher&) &&> work);

  SearcherPool* pool_;
  SearchMetrics* metrics_;
  const TokenAuthorizer* authorizer_;
  ByteBudget* replies_;
  std::unique_ptr<WatchHub> watch_;
};

}  // namespace newsindex

#endif  // NEWSINDEX_SEARCH_SERVICE_SEARCH_SERVICE_IMPL_H_
