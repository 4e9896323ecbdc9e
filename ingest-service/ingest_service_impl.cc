#include "ingest-service/ingest_service_impl.h"

#include <chrono>
#include <map>
#include <memory>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "server/proto_convert.h"
#include "server/status_convert.h"

namespace newsindex {
namespace {

// Field names in core messages are relative to the RawArticle; the API's
// are relative to the request.
absl::Status InRequestField(const absl::Status& status) {
  if (status.code() != absl::StatusCode::kInvalidArgument &&
      status.code() != absl::StatusCode::kResourceExhausted) {
    return status;
  }
  if (absl::StartsWith(status.message(), "article.")) return status;
  return absl::Status(status.code(),
                      absl::StrCat("article.", status.message()));
}

bool DeadlinePassed(grpc::CallbackServerContext* context) {
  return context->IsCancelled() ||
         context->deadline() <= std::chrono::system_clock::now();
}

}  // namespace

IngestServiceImpl::IngestServiceImpl(const IngestPipeline* pipeline,
                                     IndexWriter* writer, ThreadPool* workers,
                                     IngestMetrics* metrics)
    : pipeline_(pipeline),
      writer_(writer),
      workers_(workers),
      metrics_(metrics) {}

absl::StatusOr<PreparedArticle> IngestServiceImpl::Prepare(
    const v1::RawArticle& proto) const {
  absl::StatusOr<RawArticle> raw = FromProto(proto);
  absl::StatusOr<PreparedArticle> prepared =
      raw.ok() ? pipeline_->Prepare(*raw) : raw.status();
  if (!prepared.ok()) return InRequestField(prepared.status());
  return prepared;
}

void IngestServiceImpl::Ingest(const v1::RawArticle& proto,
                               absl::AnyInvocable<void(Outcome) &&> done) {
  absl::StatusOr<PreparedArticle> prepared = Prepare(proto);
  if (!prepared.ok()) {
    Outcome failed;
    failed.status = prepared.status();
    if (metrics_ != nullptr) metrics_->ObserveOutcome(failed.status, false);
    std::move(done)(std::move(failed));
    return;
  }
  if (metrics_ != nullptr) metrics_->ObservePrepared(*prepared);
  const auto index_start = std::chrono::steady_clock::now();
  auto outcome = std::make_shared<Outcome>();
  outcome->article = std::move(prepared->article);
  outcome->warnings = std::move(prepared->warnings);
  writer_->Upsert(outcome->article,
                  [outcome, metrics = metrics_, done = std::move(done)](
                      absl::StatusOr<UpsertResult> result) mutable {
                    if (result.ok()) {
                      outcome->created = result->created;
                      outcome->duplicate_of = std::move(result->duplicate_of);
                      outcome->article.cluster_key =
                          std::move(result->cluster_key);
                    } else {
                      outcome->status = result.status();
                    }
                    if (metrics != nullptr) {
                      metrics->ObserveOutcome(outcome->status,
                                              !outcome->duplicate_of.empty());
                    }
                    std::move(done)(std::move(*outcome));
                  });
  // Upsert builds the document here, on the worker, before it queues.
  if (metrics_ != nullptr) {
    metrics_->ObserveIndexStage(
        absl::FromChrono(std::chrono::steady_clock::now() - index_start));
  }
}

grpc::ServerUnaryReactor* IngestServiceImpl::IngestArticle(
    grpc::CallbackServerContext* context,
    const v1::IngestArticleRequest* request,
    v1::IngestArticleResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  workers_->Schedule([this, context, request, response, reactor] {
    if (DeadlinePassed(context)) {
      reactor->Finish(grpc::Status(grpc::StatusCode::DEADLINE_EXCEEDED,
                                   "deadline passed before work started"));
      return;
    }
    Ingest(request->article(), [response, reactor](Outcome outcome) {
      if (!outcome.status.ok()) {
        reactor->Finish(ToGrpcStatus(outcome.status));
        return;
      }
      response->set_id(outcome.article.id);
      response->set_created(outcome.created);
      response->set_duplicate_of(outcome.duplicate_of);
      ToProto(outcome.article, response->mutable_article());
      for (const std::string& w : outcome.warnings) response->add_warnings(w);
      reactor->Finish(grpc::Status::OK);
    });
  });
  return reactor;
}

// Reads a stream of articles, keeping up to kMaxInFlightPerStream of them
// in the pipeline, and answers once every item has an outcome.
class IngestServiceImpl::StreamReactor
    : public grpc::ServerReadReactor<v1::IngestArticleRequest> {
 public:
  StreamReactor(IngestServiceImpl* service,
                v1::IngestArticlesResponse* response)
      : service_(service), response_(response) {
    StartRead(&request_);
  }

  void OnReadDone(bool ok) override {
    if (!ok) {
      absl::MutexLock lock(&mu_);
      reading_done_ = true;
      MaybeFinishLocked();
      return;
    }
    // Take the article out of the read buffer before anything else: once
    // paused_ is set, a completing item may start the next read into it.
    auto article = std::make_shared<v1::RawArticle>(
        std::move(*request_.mutable_article()));
    int index;
    bool read_more;
    {
      absl::MutexLock lock(&mu_);
      index = received_++;
      ++in_flight_;
      read_more = in_flight_ < kMaxInFlightPerStream;
      paused_ = !read_more;
    }
    service_->workers_->Schedule([this, index, article] {
      service_->Ingest(*article, [this, index](Outcome outcome) {
        Complete(index, std::move(outcome));
      });
    });
    if (read_more) StartRead(&request_);
  }

  void OnDone() override { delete this; }

 private:
  void Complete(int index, Outcome outcome) {
    v1::IngestItemResult result;
    result.set_index(index);
    result.mutable_status()->set_code(static_cast<int>(outcome.status.code()));
    result.mutable_status()->set_message(std::string(outcome.status.message()));
    result.set_id(outcome.article.id);
    result.set_created(outcome.created);
    result.set_duplicate_of(outcome.duplicate_of);
    for (const std::string& w : outcome.warnings) result.add_warnings(w);
    bool resume = false;
    {
      absl::MutexLock lock(&mu_);
      results_[index] = std::move(result);
      if (!outcome.status.ok()) {
        ++failed_;
      } else if (outcome.created) {
        ++created_;
      } else {
        ++updated_;
      }
      --in_flight_;
      if (paused_ && !reading_done_) {
        paused_ = false;
        resume = true;
      }
      MaybeFinishLocked();
    }
    if (resume) StartRead(&request_);
  }

  void MaybeFinishLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (!reading_done_ || in_flight_ > 0 || finished_) return;
    finished_ = true;
    response_->set_received(received_);
    response_->set_created(created_);
    response_->set_updated(updated_);
    response_->set_failed(failed_);
    for (auto& [index, result] : results_) {
      *response_->add_results() = std::move(result);
    }
    Finish(grpc::Status::OK);
  }

  IngestServiceImpl* const service_;
  v1::IngestArticlesResponse* const response_;
  v1::IngestArticleRequest request_;  // the buffer of the one pending read

  absl::Mutex mu_;
  int received_ ABSL_GUARDED_BY(mu_) = 0;
  int in_flight_ ABSL_GUARDED_BY(mu_) = 0;
  int created_ ABSL_GUARDED_BY(mu_) = 0;
  int updated_ ABSL_GUARDED_BY(mu_) = 0;
  int failed_ ABSL_GUARDED_BY(mu_) = 0;
  bool paused_ ABSL_GUARDED_BY(mu_) = false;
  bool reading_done_ ABSL_GUARDED_BY(mu_) = false;
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
  std::map<int, v1::IngestItemResult> results_ ABSL_GUARDED_BY(mu_);
};

grpc::ServerReadReactor<v1::IngestArticleRequest>*
IngestServiceImpl::IngestArticles(grpc::CallbackServerContext* context,
                                  v1::IngestArticlesResponse* response) {
  return new StreamReactor(this, response);
}

grpc::ServerUnaryReactor* IngestServiceImpl::DeleteArticle(
    grpc::CallbackServerContext* context,
    const v1::DeleteArticleRequest* request,
    v1::DeleteArticleResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  if (request->id().empty()) {
    reactor->Finish(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                                 "id: required"));
    return reactor;
  }
  const std::string id = request->id();
  writer_->Delete(id, [id, response, reactor](absl::Status status) {
    if (status.code() == absl::StatusCode::kNotFound) {
      status = absl::NotFoundError(absl::StrCat("no article has id \"", id, "\""));
    }
    if (status.ok()) response->set_id(id);
    reactor->Finish(ToGrpcStatus(status));
  });
  return reactor;
}

grpc::ServerUnaryReactor* IngestServiceImpl::Analyze(
    grpc::CallbackServerContext* context, const v1::AnalyzeRequest* request,
    v1::AnalyzeResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  workers_->Schedule([this, request, response, reactor] {
    absl::StatusOr<PreparedArticle> prepared = Prepare(request->article());
    if (!prepared.ok()) {
      reactor->Finish(ToGrpcStatus(prepared.status()));
      return;
    }
    ToProto(prepared->article, response->mutable_article());
    for (const RemovedLine& line : prepared->removed) {
      v1::RemovedLine* out = response->add_removed();
      out->set_line(line.line);
      out->set_text(line.text);
      out->set_reason(line.reason);
    }
    for (const std::string& w : prepared->warnings) response->add_warnings(w);
    reactor->Finish(grpc::Status::OK);
  });
  return reactor;
}

}  // namespace newsindex
