#include "search-service/search_service_impl.h"

#include <chrono>
#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "api/proto_convert.h"
#include "search-service/request_limits.h"
#include "search-service/search_request.h"
#include "server/raw_call.h"
#include "server/status_convert.h"

namespace newsindex {
namespace {

constexpr int kDefaultEntityLimit = 10;
constexpr int kMaxEntityLimit = 100;

// The caller has gone or its deadline passed: do not start the work.
bool Abandoned(grpc::CallbackServerContext* context) {
  return context->IsCancelled() ||
         context->deadline() <= std::chrono::system_clock::now();
}

absl::Status Required(const std::string& value, const char* field) {
  if (value.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": required"));
  }
  return absl::OkStatus();
}

// What stops a call's work: its deadline, if it has one, and the caller
// cancelling it (or the connection going away). Only reads `context`,
// which outlives the work (the reactor finishes after it).
StopToken StopFor(grpc::CallbackServerContext* context) {
  StopToken stop;
  const auto remaining = context->deadline() - std::chrono::system_clock::now();
  if (remaining < std::chrono::hours(24)) {
    stop.deadline = absl::Now() + absl::FromChrono(remaining);
  }
  stop.cancelled = [context] { return context->IsCancelled(); };
  return stop;
}

}  // namespace

SearchServiceImpl::SearchServiceImpl(SearcherPool* pool, SearchMetrics* metrics,
                                     const TokenAuthorizer* authorizer,
                                     ByteBudget* replies)
    : pool_(pool),
      metrics_(metrics),
      authorizer_(authorizer),
      replies_(replies) {}

namespace {

// A unary call whose reply bytes count against `replies` (may be null) from
// Finish until the call is done, which for a client that does not read is
// when it goes away. Deletes itself when done.
class BudgetedReactor final : public grpc::ServerUnaryReactor {
 public:
  // `raw_response` (may be null: a typed method) receives the reply
  // serialized.
  BudgetedReactor(ByteBudget* replies, grpc::ByteBuffer* raw_response)
      : replies_(replies), raw_response_(raw_response) {}

  void FinishWithReply(grpc::Status status,
                       const google::protobuf::Message* response) {
    if (status.ok() && raw_response_ != nullptr &&
        !SerializeReply(*response, raw_response_)) {
      status = grpc::Status(grpc::StatusCode::INTERNAL,
                            "the response could not be serialized");
    }
    if (replies_ != nullptr && status.ok()) {
      // Checked again here, not only when the call was admitted: calls
      // admitted together finish together, and each one's reply must fit.
      const auto bytes = static_cast<int64_t>(response->ByteSizeLong());
      if (replies_->TryCharge(bytes)) {
        charged_ = bytes;
      } else {
        status = grpc::Status(
            grpc::StatusCode::RESOURCE_EXHAUSTED,
            absl::StrCat("replies not yet read by their clients hold ",
                         replies_->in_use(), " bytes; this reply of ", bytes,
                         " would pass the limit of ", replies_->limit(),
                         " (--max-reply-bytes)"));
      }
    }
    Finish(status);
  }
  void OnDone() override {
    if (charged_ > 0) replies_->Release(charged_);
    delete this;
  }

 private:
  ByteBudget* const replies_;
  grpc::ByteBuffer* const raw_response_;
  int64_t charged_ = 0;
};

}  // namespace

grpc::ServerUnaryReactor* SearchServiceImpl::RunOnWorker(
    grpc::CallbackServerContext* context,
    const google::protobuf::Message& request,
    const google::protobuf::Message* response,
    absl::AnyInvocable<absl::Status(Searcher&) &&> work,
    grpc::ByteBuffer* raw_response) {
  // Every method needs the search scope, checked before any work.
  if (auto* denied = RejectUnary(
          context, Authorize(authorizer_, *context, Scope::kSearch))) {
    return denied;
  }
  if (absl::Status s = CheckRequestLimits(request); !s.ok()) {
    return RejectUnary(context, ToGrpcStatus(s));
  }
  if (replies_ != nullptr && replies_->in_use() >= replies_->limit()) {
    return RejectUnary(
        context,
        grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                     absl::StrCat("replies not yet read by their clients "
                                  "hold ",
                                  replies_->in_use(), " bytes; the limit is ",
                                  replies_->limit(), " (--max-reply-bytes)")));
  }
  auto* reactor = new BudgetedReactor(replies_, raw_response);
  pool_->Run([context, reactor, response,
              work = std::move(work)](Searcher& searcher) mutable {
    if (Abandoned(context)) {
      reactor->Finish(grpc::Status(grpc::StatusCode::DEADLINE_EXCEEDED,
                                   "deadline passed before the query ran"));
      return;
    }
    reactor->FinishWithReply(ToGrpcStatus(std::move(work)(searcher)), response);
  });
  return reactor;
}

template <typename Request, typename Response>
grpc::ServerUnaryReactor* SearchServiceImpl::Serve(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* raw_request,
    grpc::ByteBuffer* raw_response,
    absl::AnyInvocable<absl::Status(Searcher&, const Request*, Response*) &&>
        work) {
  // Shared by the work (which runs and is destroyed on a worker, after the
  // reply is serialized) and this frame.
  auto call = std::make_shared<std::pair<Request, Response>>();
  if (absl::Status parsed = ParseRequest(*raw_request, &call->first);
      !parsed.ok()) {
    // A caller without the scope learns nothing of its request.
    if (auto* denied = RejectUnary(
            context, Authorize(authorizer_, *context, Scope::kSearch))) {
      return denied;
    }
    return RejectUnary(context, ToGrpcStatus(parsed));
  }
  return RunOnWorker(
      context, call->first, &call->second,
      [call, work = std::move(work)](Searcher& searcher) mutable {
        return std::move(work)(searcher, &call->first, &call->second);
      },
      raw_response);
}

grpc::ServerUnaryReactor* SearchServiceImpl::Search(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* raw_request,
    grpc::ByteBuffer* raw_response) {
  return Serve<v1::SearchRequest, v1::SearchResponse>(
      context, raw_request, raw_response,
      [context, metrics = metrics_](
          Searcher& searcher, const v1::SearchRequest* request,
          v1::SearchResponse* response) mutable -> absl::Status {
        absl::StatusOr<SearchSpec> spec = ToSearchSpec(*request);
        if (!spec.ok()) return spec.status();
        // The work gives up when the caller's deadline comes or the caller
        // goes away, rather than run on for nobody.
        spec->stop = StopFor(context);
        absl::StatusOr<SearchResults> results = searcher.Search(*spec);
        if (!results.ok()) return results.status();
        if (metrics != nullptr) metrics->ObserveSearch(*results);
        ToSearchResponse(*request, *results, spec->offset, response);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* SearchServiceImpl::GetArticle(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* raw_request,
    grpc::ByteBuffer* raw_response) {
  return Serve<v1::GetArticleRequest, v1::Article>(
      context, raw_request, raw_response,
      [](Searcher& searcher, const v1::GetArticleRequest* request,
         v1::Article* response) {
        if (absl::Status s = Required(request->id(), "id"); !s.ok()) return s;
        absl::StatusOr<Article> article = searcher.Get(request->id());
        if (!article.ok()) return article.status();
        ToProto(*article, response);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* SearchServiceImpl::SimilarArticles(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* raw_request,
    grpc::ByteBuffer* raw_response) {
  return Serve<v1::SimilarArticlesRequest, v1::SearchResponse>(
      context, raw_request, raw_response,
      [](Searcher& searcher, const v1::SimilarArticlesRequest* request,
         v1::SearchResponse* response) {
        if (absl::Status s = Required(request->id(), "id"); !s.ok()) return s;
        absl::StatusOr<int> limit = PageSize(
            request->page_size(), kDefaultPageSize, kMaxPageSize, "page_size");
        if (!limit.ok()) return limit.status();
        absl::StatusOr<SearchResults> results =
            searcher.Similar(request->id(), *limit);
        if (!results.ok()) return results.status();
        // Similar results are one page: no token to continue.
        SearchResults page = *std::move(results);
        page.more = false;
        ToSearchResponse(v1::SearchRequest(), page, 0, response);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* SearchServiceImpl::GetEntity(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* raw_request,
    grpc::ByteBuffer* raw_response) {
  return Serve<v1::GetEntityRequest, v1::EntityInfo>(
      context, raw_request, raw_response,
      [](Searcher& searcher, const v1::GetEntityRequest* request,
         v1::EntityInfo* response) {
        if (absl::Status s = Required(request->entity(), "entity"); !s.ok()) {
          return s;
        }
        absl::StatusOr<EntitySummary> entity =
            searcher.DescribeEntity(request->entity());
        if (!entity.ok()) return entity.status();
        ToEntityInfo(*entity, response);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* SearchServiceImpl::SuggestEntities(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* raw_request,
    grpc::ByteBuffer* raw_response) {
  return Serve<v1::SuggestEntitiesRequest, v1::SuggestEntitiesResponse>(
      context, raw_request, raw_response,
      [](Searcher& searcher, const v1::SuggestEntitiesRequest* request,
         v1::SuggestEntitiesResponse* response) {
        if (absl::Status s = Required(request->prefix(), "prefix"); !s.ok()) {
          return s;
        }
        absl::StatusOr<int> limit = PageSize(
            request->limit(), kDefaultEntityLimit, kMaxEntityLimit, "limit");
        if (!limit.ok()) return limit.status();
        for (const EntitySummary& entity : searcher.SuggestEntities(
                 request->prefix(), FromProto(request->type()), *limit)) {
          ToEntityInfo(entity, response->add_entities());
        }
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* SearchServiceImpl::RelatedEntities(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* raw_request,
    grpc::ByteBuffer* raw_response) {
  return Serve<v1::RelatedEntitiesRequest, v1::RelatedEntitiesResponse>(
      context, raw_request, raw_response,
      [context](Searcher& searcher, const v1::RelatedEntitiesRequest* request,
                v1::RelatedEntitiesResponse* response) {
        if (absl::Status s = Required(request->entity(), "entity"); !s.ok()) {
          return s;
        }
        absl::StatusOr<int> limit = PageSize(
            request->limit(), kDefaultEntityLimit, kMaxEntityLimit, "limit");
        if (!limit.ok()) return limit.status();
        absl::StatusOr<EntityRelations> relations = searcher.RelatedEntities(
            request->entity(), request->query(), *limit, StopFor(context));
        if (!relations.ok()) return relations.status();
        ToEntityInfo(relations->entity, response->mutable_entity());
        for (const RelatedEntity& r : relations->related) {
          v1::RelatedEntity* out = response->add_related();
          ToEntityInfo(r.entity, out->mutable_entity());
          out->set_co_occurrences(r.co_occurrences);
          out->set_pmi(r.pmi);
          out->set_npmi(r.npmi);
        }
        response->set_measure("npmi");
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* SearchServiceImpl::EntityTimeline(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* raw_request,
    grpc::ByteBuffer* raw_response) {
  return Serve<v1::EntityTimelineRequest, v1::EntityTimelineResponse>(
      context, raw_request, raw_response,
      [context](Searcher& searcher, const v1::EntityTimelineRequest* request,
                v1::EntityTimelineResponse* response) {
        if (absl::Status s = Required(request->entity(), "entity"); !s.ok()) {
          return s;
        }
        absl::StatusOr<EntityTimelineResult> timeline = searcher.Timeline(
            request->entity(),
            FromProto(request->interval(), DateInterval::kMonth),
            request->query(), StopFor(context));
        if (!timeline.ok()) return timeline.status();
        ToEntityInfo(timeline->entity, response->mutable_entity());
        ToBuckets(timeline->buckets, response->mutable_buckets());
        return absl::OkStatus();
      });
}

}  // namespace newsindex
