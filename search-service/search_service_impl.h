// SearchService: proto -> core spec -> Searcher (on a pool worker) ->
// proto. No Xapian call runs on a gRPC thread.
#ifndef NEWSINDEX_SEARCH_SERVICE_SEARCH_SERVICE_IMPL_H_
#define NEWSINDEX_SEARCH_SERVICE_SEARCH_SERVICE_IMPL_H_

#include "core/search/searcher_pool.h"
#include "newsindex/v1/search_service.grpc.pb.h"
#include "search-service/search_metrics.h"
#include "server/auth.h"

namespace newsindex {

class SearchServiceImpl final : public v1::SearchService::CallbackService {
 public:
  static constexpr int kDefaultPageSize = 10;
  static constexpr int kMaxPageSize = 100;

  // Does not own `pool`, `metrics` (null: metrics off) or `authorizer`
  // (null: no tokens, every call allowed), which must outlive the service.
  explicit SearchServiceImpl(SearcherPool* pool,
                             SearchMetrics* metrics = nullptr,
                             const TokenAuthorizer* authorizer = nullptr);

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

 private:
  // Runs `work` on a pool worker unless the caller has gone, and finishes
  // `reactor` with the status it returns.
  grpc::ServerUnaryReactor* RunOnWorker(
      grpc::CallbackServerContext* context,
      absl::AnyInvocable<absl::Status(Searcher&) &&> work);

  SearcherPool* pool_;
  SearchMetrics* metrics_;
  const TokenAuthorizer* authorizer_;
};

}  // namespace newsindex

#endif  // NEWSINDEX_SEARCH_SERVICE_SEARCH_SERVICE_IMPL_H_
