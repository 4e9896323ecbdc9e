#include "search-service/search_service_impl.h"

#include <chrono>

#include "absl/strings/str_cat.h"
#include "core/page_token.h"
#include "server/proto_convert.h"
#include "server/status_convert.h"

namespace newsindex {
namespace {

// The caller has gone or its deadline passed: do not start the work.
bool Abandoned(grpc::CallbackServerContext* context) {
  return context->IsCancelled() ||
         context->deadline() <= std::chrono::system_clock::now();
}

grpc::Status AbandonedStatus() {
  return grpc::Status(grpc::StatusCode::DEADLINE_EXCEEDED,
                      "deadline passed before the query ran");
}

// What a page token is bound to: everything in the request but paging.
std::string Fingerprint(const v1::SearchRequest& request) {
  return absl::StrCat("q=", request.query());
}

}  // namespace

SearchServiceImpl::SearchServiceImpl(SearcherPool* pool) : pool_(pool) {}

grpc::ServerUnaryReactor* SearchServiceImpl::Search(
    grpc::CallbackServerContext* context, const v1::SearchRequest* request,
    v1::SearchResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  if (request->page_size() < 0) {
    reactor->Finish(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                                 "page_size: must not be negative"));
    return reactor;
  }
  SearchSpec spec;
  spec.query = request->query();
  spec.limit = request->page_size() == 0
                   ? kDefaultPageSize
                   : std::min(request->page_size(), kMaxPageSize);
  if (!request->page_token().empty()) {
    absl::StatusOr<int64_t> offset =
        DecodePageToken(request->page_token(), Fingerprint(*request));
    if (!offset.ok()) {
      reactor->Finish(ToGrpcStatus(offset.status()));
      return reactor;
    }
    spec.offset = *offset;
  }
  pool_->Run([context, request, response, reactor,
              spec = std::move(spec)](Searcher& searcher) {
    if (Abandoned(context)) {
      reactor->Finish(AbandonedStatus());
      return;
    }
    absl::StatusOr<SearchResults> results = searcher.Search(spec);
    if (!results.ok()) {
      reactor->Finish(ToGrpcStatus(results.status()));
      return;
    }
    for (SearchHit& hit : results->hits) {
      v1::SearchHit* out = response->add_hits();
      ToProto(hit.article, out->mutable_article());
      out->set_score(hit.score);
      out->set_snippet(std::move(hit.snippet));
    }
    response->set_total_size(results->estimated_total);
    if (results->more) {
      response->set_next_page_token(EncodePageToken(
          spec.offset + static_cast<int64_t>(results->hits.size()),
          Fingerprint(*request)));
    }
    reactor->Finish(grpc::Status::OK);
  });
  return reactor;
}

grpc::ServerUnaryReactor* SearchServiceImpl::GetArticle(
    grpc::CallbackServerContext* context, const v1::GetArticleRequest* request,
    v1::Article* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  if (request->id().empty()) {
    reactor->Finish(
        grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "id: required"));
    return reactor;
  }
  pool_->Run([context, request, response, reactor](Searcher& searcher) {
    if (Abandoned(context)) {
      reactor->Finish(AbandonedStatus());
      return;
    }
    absl::StatusOr<Article> article = searcher.Get(request->id());
    if (!article.ok()) {
      reactor->Finish(ToGrpcStatus(article.status()));
      return;
    }
    ToProto(*article, response);
    reactor->Finish(grpc::Status::OK);
  });
  return reactor;
}

}  // namespace newsindex
