#include "ingest-service/ingest_service_impl.h"

#include <chrono>
#include <map>
#include <memory>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "api/proto_convert.h"
#include "core/text/excerpt.h"
#include "ingest-service/same_id_sequencer.h"
#include "server/logging.h"
#include "server/raw_call.h"
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

// Asked by the pipeline before each stage: a call whose caller gave up
// (cancelled, or past its deadline) costs no further stage.
IngestPipeline::StopCheck CallerGaveUp(grpc::CallbackServerContext* context) {
  return [context]() -> absl::Status {
    if (context->IsCancelled()) {
      return absl::CancelledError("the call was cancelled during processing");
    }
    if (context->deadline() <= std::chrono::system_clock::now()) {
      return absl::DeadlineExceededError(
          "the call's deadline passed during processing");
    }
    return absl::OkStatus();
  };
}

bool DeadlinePassed(grpc::CallbackServerContext* context) {
  return context->IsCancelled() ||
         context->deadline() <= std::chrono::system_clock::now();
}

}  // namespace

IngestServiceImpl::IngestServiceImpl(const IngestPipeline* pipeline,
                                     ShardedIndexWriter* writer,
                                     ThreadPool* workers,
                                     IngestMetrics* metrics,
                                     const TokenAuthorizer* authorizer,
                                     const StreamLimits& limits)
    : pipeline_(pipeline),
      writer_(writer),
      workers_(workers),
      metrics_(metrics),
      authorizer_(authorizer),
      limits_(limits),
      stream_slots_(limits),
      stream_bytes_(limits.max_in_flight_bytes),
      unary_bytes_(limits.max_in_flight_bytes) {}

absl::StatusOr<PreparedArticle> IngestServiceImpl::Prepare(
    const v1::RawArticle& proto, const IngestPipeline::StopCheck& stop) const {
  absl::StatusOr<RawArticle> raw = FromProto(proto);
  absl::StatusOr<PreparedArticle> prepared =
      raw.ok() ? pipeline_->Prepare(*raw, stop) : raw.status();
  if (!prepared.ok()) return InRequestField(prepared.status());
  return prepared;
}

void IngestServiceImpl::Ingest(const v1::RawArticle& proto,
                               const IngestPipeline::StopCheck& stop,
                               absl::AnyInvocable<void(Outcome) &&> done,
                               IndexWriter::Priority priority) {
  absl::StatusOr<PreparedArticle> prepared = PrepareObserved(proto, stop);
  if (!prepared.ok()) {
    Outcome failed;
    failed.status = prepared.status();
    std::move(done)(std::move(failed));
    return;
  }
  Write(*std::move(prepared), std::move(done), priority);
}

absl::StatusOr<PreparedArticle> IngestServiceImpl::PrepareObserved(
    const v1::RawArticle& proto, const IngestPipeline::StopCheck& stop) const {
  absl::StatusOr<PreparedArticle> prepared = Prepare(proto, stop);
  if (metrics_ != nullptr) {
    if (prepared.ok()) {
      metrics_->ObservePrepared(*prepared);
    } else {
      metrics_->ObserveOutcome(prepared.status(), false);
    }
  }
  return prepared;
}

void IngestServiceImpl::Write(PreparedArticle prepared,
                              absl::AnyInvocable<void(Outcome) &&> done,
                              IndexWriter::Priority priority) {
  const auto index_start = std::chrono::steady_clock::now();
  auto outcome = std::make_shared<Outcome>();
  outcome->article = std::move(prepared.article);
  outcome->warnings = std::move(prepared.warnings);
  writer_->Upsert(
      outcome->article,
      [outcome, metrics = metrics_,
       done = std::move(done)](absl::StatusOr<UpsertResult> result) mutable {
        if (result.ok()) {
          outcome->created = result->created;
          outcome->duplicate_of = std::move(result->duplicate_of);
          outcome->article.cluster_key = std::move(result->cluster_key);
        } else {
          outcome->status = result.status();
        }
        if (metrics != nullptr) {
          metrics->ObserveOutcome(outcome->status,
                                  !outcome->duplicate_of.empty());
        }
        std::move(done)(std::move(*outcome));
      },
      priority);
  // Upsert builds the document here, on the worker, before it queues.
  if (metrics_ != nullptr) {
    metrics_->ObserveIndexStage(
        absl::FromChrono(std::chrono::steady_clock::now() - index_start));
  }
}

bool IngestServiceImpl::ChargeUnary(const grpc::ByteBuffer& request,
                                    grpc::ServerUnaryReactor* reactor) {
  if (unary_bytes_.TryCharge(static_cast<int64_t>(request.Length()))) {
    return true;
  }
  reactor->Finish(
      grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                   absl::StrCat("ingest-service holds ", unary_bytes_.in_use(),
                                " bytes of unary requests already, its limit "
                                "(--max-in-flight-bytes) is ",
                                unary_bytes_.limit(), "; retry later")));
  return false;
}

template <typename Call>
bool IngestServiceImpl::Charged(Call* call, const grpc::ByteBuffer& request) {
  const int64_t bytes = static_cast<int64_t>(request.Length());
  if (call == nullptr) {  // did not parse: already finished
    unary_bytes_.Release(bytes);
    return false;
  }
  call->OnFinish([this, bytes] { unary_bytes_.Release(bytes); });
  return true;
}

grpc::ServerUnaryReactor* IngestServiceImpl::IngestArticle(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* raw_request,
    grpc::ByteBuffer* raw_response) {
  if (auto* denied = RejectUnary(
          context, Authorize(authorizer_, *context, Scope::kIngest))) {
    return denied;
  }
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  if (!ChargeUnary(*raw_request, reactor)) return reactor;
  auto* call =
      RawUnaryCall<v1::IngestArticleRequest, v1::IngestArticleResponse>::Start(
          reactor, raw_request, raw_response);
  if (!Charged(call, *raw_request)) return reactor;
  // A caller waits on this one article: ahead of the streams' backlog, in
  // the pool and in the writer (docs/BENCHMARKS.md, ack latency).
  workers_->ScheduleFirst([this, context, call] {
    if (DeadlinePassed(context)) {
      call->Finish(grpc::Status(grpc::StatusCode::DEADLINE_EXCEEDED,
                                "deadline passed before work started"));
      return;
    }
    Ingest(
        call->request().article(), CallerGaveUp(context),
        [call](Outcome outcome) {
          if (!outcome.status.ok()) {
            call->Finish(ToGrpcStatus(outcome.status));
            return;
          }
          v1::IngestArticleResponse* response = call->response();
          response->set_id(outcome.article.id);
          response->set_created(outcome.created);
          response->set_duplicate_of(outcome.duplicate_of);
          ToProto(outcome.article, response->mutable_article());
          for (const std::string& w : outcome.warnings) {
            response->add_warnings(w);
          }
          call->Finish(grpc::Status::OK);
        },
        IndexWriter::Priority::kInteractive);
  });
  return reactor;
}

// Reads a stream of articles, keeping up to kMaxInFlightPerStream of them
// in the pipeline and the service's in-flight bytes under their budget, and
// answers once every item has an outcome.
//
// Exactly one of three paths starts the next read, so at most one read is
// ever pending: OnReadDone (room left), Complete (this stream was paused at
// kMaxInFlightPerStream) or the byte budget's resume callback (parked).
class IngestServiceImpl::StreamReactor
    : public grpc::ServerReadReactor<grpc::ByteBuffer> {
 public:
  StreamReactor(IngestServiceImpl* service,
                grpc::CallbackServerContext* context,
                grpc::ByteBuffer* response, std::string peer)
      : service_(service),
        stop_(CallerGaveUp(context)),
        response_(response),
        peer_(std::move(peer)) {
    StartRead(&request_);
  }

  void OnReadDone(bool ok) override ABSL_LOCKS_EXCLUDED(mu_) {
    if (!ok) {
      bool finish;
      {
        absl::MutexLock lock(&mu_);
        reading_done_ = true;
        finish = ReadyToFinishLocked();
      }
      if (finish) FinishReply();
      return;
    }
    // Take the article out of the read buffer before anything else: once
    // the next read starts, it overwrites the buffer.
    const int64_t bytes = static_cast<int64_t>(request_.Length());
    v1::IngestArticleRequest request;
    absl::Status parsed = ParseRequest(request_, &request);
    request_.Clear();
    if (!parsed.ok()) {
      StopAtUnparseable(parsed);
      return;
    }
    auto article =
        std::make_shared<v1::RawArticle>(std::move(*request.mutable_article()));
    service_->stream_bytes_.Charge(bytes);
    int index;
    {
      absl::MutexLock lock(&mu_);
      index = received_++;
      ++in_flight_;
      ++jobs_;
      bytes_[index] = bytes;
      if (received_ > service_->limits_.max_stream_results) {
        KeepOnlyFailuresLocked();
      }
    }
    sequencer_.Started(index);
    service_->workers_->Schedule([this, index, article] {
      PrepareAndWrite(index, *article);
      EndJob();
    });
    ReadNextOrPause();
  }

  void OnDone() override {
    service_->stream_slots_.Release(peer_);
    const ByteBudget& budget = service_->stream_bytes_;
    Log(LogLevel::kDebug, "IngestArticles stream from ", peer_,
        " done; in-flight stream bytes peak ", budget.peak(), " (limit ",
        budget.limit(), ")");
    delete this;
  }

 private:
  // Starts the next read unless this stream has kMaxInFlightPerStream
  // articles in flight (Complete resumes it) or the service's byte budget
  // is spent (the budget resumes it).
  void ReadNextOrPause() ABSL_LOCKS_EXCLUDED(mu_) {
    {
      absl::MutexLock lock(&mu_);
      if (in_flight_ >= kMaxInFlightPerStream) {
        paused_ = true;
        return;
      }
    }
    // The reactor outlives its parked callback: it cannot finish while no
    // read is pending, since reading_done_ is set only by a read.
    if (!service_->stream_bytes_.HasRoomOrPark(
            [this] { StartRead(&request_); })) {
      return;
    }
    StartRead(&request_);
  }

  // A message that does not parse ends the stream: nothing after it is
  // read, the items before it finish as usual, and the stream answers
  // INVALID_ARGUMENT saying how many items were read (never OK: the client
  // would take the items it sent after it for stored).
  void StopAtUnparseable(const absl::Status& parsed) ABSL_LOCKS_EXCLUDED(mu_) {
    bool finish;
    {
      absl::MutexLock lock(&mu_);
      unparseable_ = parsed;
      reading_done_ = true;
      finish = ReadyToFinishLocked();
    }
    if (finish) FinishReply();
  }

  // On a worker: prepares item `index` and hands it to the writer in the
  // stream's order for its id (SameIdSequencer).
  void PrepareAndWrite(int index, const v1::RawArticle& article) {
    absl::StatusOr<PreparedArticle> prepared =
        service_->PrepareObserved(article, stop_);
    if (!prepared.ok()) {
      sequencer_.Abandoned(index);
      Outcome failed;
      failed.status = prepared.status();
      Complete(index, std::move(failed));
      return;
    }
    const std::string id = prepared->article.id;
    auto shared = std::make_shared<PreparedArticle>(*std::move(prepared));
    std::optional<SameIdSequencer::Superseded> superseded =
        sequencer_.Prepared(index, id, [this, index, id, shared] {
          service_->Write(std::move(*shared), [this, index,
                                               id](Outcome outcome) {
            for (int older : sequencer_.Written(index, id, outcome.status)) {
              CompleteSuperseded(older, index, id, outcome.status);
            }
            Complete(index, std::move(outcome));
          });
        });
    if (superseded.has_value()) {
      CompleteSuperseded(index, superseded->by, id, superseded->status);
    }
  }

  // Item `index` was not written: item `by`, later in the stream with the
  // same id, was, with `status`.
  void CompleteSuperseded(int index, int by, const std::string& id,
                          const absl::Status& status) {
    Outcome outcome;
    outcome.status = status;
    outcome.article.id = id;
    outcome.warnings.push_back(
        absl::StrCat("superseded by item ", by,
                     " of this stream, which has the same id; that one is "
                     "stored"));
    Complete(index, std::move(outcome));
  }

  // A worker's job for this stream ended: it touches the reactor no more.
  void EndJob() ABSL_LOCKS_EXCLUDED(mu_) {
    bool finish;
    {
      absl::MutexLock lock(&mu_);
      --jobs_;
      finish = ReadyToFinishLocked();
    }
    if (finish) FinishReply();
  }

  void Complete(int index, Outcome outcome) ABSL_LOCKS_EXCLUDED(mu_) {
    int64_t bytes = 0;
    {
      absl::MutexLock lock(&mu_);
      auto it = bytes_.find(index);
      bytes = it->second;
      bytes_.erase(it);
    }
    v1::IngestItemResult result = ItemResult(index, outcome);
    // May resume parked streams, this one included; it still has this item
    // in flight, so it cannot have finished.
    service_->stream_bytes_.Release(bytes);
    bool resume = false;
    bool finish = false;
    {
      absl::MutexLock lock(&mu_);
      if (!outcome.status.ok()) {
        ++failed_;
      } else if (outcome.created) {
        ++created_;
      } else {
        ++updated_;
      }
      RecordLocked(std::move(result), !outcome.status.ok());
      --in_flight_;
      if (paused_ && !reading_done_) {
        paused_ = false;
        resume = true;
      }
      finish = ReadyToFinishLocked();
    }
    // Finish() only after mu_ is released: once it is called, OnDone() may
    // run on another gRPC thread and delete this reactor, and the
    // MutexLock would then unlock a mutex in freed memory. Nothing touches
    // the reactor after Finish().
    if (finish) {
      FinishReply();
    } else if (resume) {
      ReadNextOrPause();
    }
  }

  static v1::IngestItemResult ItemResult(int index, const Outcome& outcome) {
    v1::IngestItemResult result;
    result.set_index(index);
    result.mutable_status()->set_code(static_cast<int>(outcome.status.code()));
    result.mutable_status()->set_message(
        Excerpt(outcome.status.message(), kMaxStatusMessageBytes));
    result.set_id(outcome.article.id);
    result.set_created(outcome.created);
    result.set_duplicate_of(outcome.duplicate_of);
    for (const std::string& w : outcome.warnings) result.add_warnings(w);
    return result;
  }

  // Past max_stream_results items the reply lists failures only
  // (ingest_service.proto), so the reply stays small whatever the length
  // of the stream.
  void KeepOnlyFailuresLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (failures_only_) return;
    failures_only_ = true;
    for (auto it = results_.begin(); it != results_.end();) {
      it = it->second.status().code() == 0 ? results_.erase(it) : ++it;
    }
  }

  void RecordLocked(v1::IngestItemResult result, bool failed)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (failures_only_ && !failed) return;
    if (static_cast<int>(results_.size()) >=
        service_->limits_.max_stream_results) {
      return;
    }
    results_[result.index()] = std::move(result);
  }

  // True once, when every item has an outcome; the reply is then built.
  bool ReadyToFinishLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (!reading_done_ || in_flight_ > 0 || jobs_ > 0 || finished_) {
      return false;
    }
    finished_ = true;
    if (!unparseable_.ok()) {
      status_ = grpc::Status(
          grpc::StatusCode::INVALID_ARGUMENT,
          absl::StrCat("message ", received_ + 1,
                       " of the stream does not parse: ",
                       Excerpt(unparseable_.message(), kMaxStatusMessageBytes),
                       "; the stream stopped there. ", received_,
                       " items were read before it: ", created_ + updated_,
                       " stored, ", failed_, " failed"));
      return true;
    }
    reply_.set_received(received_);
    reply_.set_created(created_);
    reply_.set_updated(updated_);
    reply_.set_failed(failed_);
    reply_.set_omitted_results(received_ - static_cast<int>(results_.size()));
    for (auto& [index, result] : results_) {
      *reply_.add_results() = std::move(result);
    }
    return true;
  }

  // Finishes with status_ (OK unless a message did not parse), with the
  // reply when OK.
  void FinishReply() {
    if (status_.ok() && !SerializeReply(reply_, response_)) {
      status_ = grpc::Status(grpc::StatusCode::INTERNAL,
                             "the response could not be serialized");
    }
    Finish(status_);
  }

  IngestServiceImpl* const service_;
  const IngestPipeline::StopCheck stop_;  // the stream's caller gave up
  grpc::ByteBuffer* const response_;
  v1::IngestArticlesResponse reply_;  // serialized into response_ at the end
  grpc::Status status_;               // set once, before FinishReply
  const std::string peer_;
  grpc::ByteBuffer request_;  // the buffer of the one pending read

  absl::Mutex mu_;
  int received_ ABSL_GUARDED_BY(mu_) = 0;
  int in_flight_ ABSL_GUARDED_BY(mu_) = 0;
  // Worker jobs under way: the reactor must outlive them (the sequencer
  // runs after a write that may complete the stream's last item).
  int jobs_ ABSL_GUARDED_BY(mu_) = 0;
  absl::flat_hash_map<int, int64_t> bytes_ ABSL_GUARDED_BY(mu_);  // by item
  int created_ ABSL_GUARDED_BY(mu_) = 0;
  int updated_ ABSL_GUARDED_BY(mu_) = 0;
  int failed_ ABSL_GUARDED_BY(mu_) = 0;
  bool paused_ ABSL_GUARDED_BY(mu_) = false;
  bool reading_done_ ABSL_GUARDED_BY(mu_) = false;
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
  bool failures_only_ ABSL_GUARDED_BY(mu_) = false;
  absl::Status unparseable_ ABSL_GUARDED_BY(mu_);  // why reading stopped
  std::map<int, v1::IngestItemResult> results_ ABSL_GUARDED_BY(mu_);
  SameIdSequencer sequencer_;
};

// A stream refused before any work (no token, too many streams): answers
// with the status without reading a message.
class IngestServiceImpl::RejectedStream
    : public grpc::ServerReadReactor<grpc::ByteBuffer> {
 public:
  explicit RejectedStream(const grpc::Status& status) { Finish(status); }
  void OnDone() override { delete this; }
};

grpc::ServerReadReactor<grpc::ByteBuffer>* IngestServiceImpl::IngestArticles(
    grpc::CallbackServerContext* context, grpc::ByteBuffer* response) {
  grpc::Status allowed = Authorize(authorizer_, *context, Scope::kIngest);
  if (!allowed.ok()) return new RejectedStream(allowed);
  std::string peer = context->peer();
  if (absl::Status slot = stream_slots_.Acquire(peer); !slot.ok()) {
    return new RejectedStream(ToGrpcStatus(slot));
  }
  return new StreamReactor(this, context, response, std::move(peer));
}

grpc::ServerUnaryReactor* IngestServiceImpl::DeleteArticle(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* raw_request,
    grpc::ByteBuffer* raw_response) {
  if (auto* denied = RejectUnary(
          context, Authorize(authorizer_, *context, Scope::kAdmin))) {
    return denied;
  }
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  auto* call =
      RawUnaryCall<v1::DeleteArticleRequest, v1::DeleteArticleResponse>::Start(
          reactor, raw_request, raw_response);
  if (call == nullptr) return reactor;
  if (call->request().id().empty()) {
    call->Finish(
        grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "id: required"));
    return reactor;
  }
  const std::string id = call->request().id();
  writer_->Delete(
      id,
      [id, call](absl::Status status) {
        if (status.code() == absl::StatusCode::kNotFound) {
          status = absl::NotFoundError(
              absl::StrCat("no article has id \"", Excerpt(id), "\""));
        }
        if (status.ok()) call->response()->set_id(id);
        call->Finish(ToGrpcStatus(status));
      },
      IndexWriter::Priority::kInteractive);
  return reactor;
}

grpc::ServerUnaryReactor* IngestServiceImpl::Analyze(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* raw_request,
    grpc::ByteBuffer* raw_response) {
  if (auto* denied = RejectUnary(
          context, Authorize(authorizer_, *context, Scope::kIngest))) {
    return denied;
  }
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  if (!ChargeUnary(*raw_request, reactor)) return reactor;
  auto* call = RawUnaryCall<v1::AnalyzeRequest, v1::AnalyzeResponse>::Start(
      reactor, raw_request, raw_response);
  if (!Charged(call, *raw_request)) return reactor;
  workers_->Schedule([this, context, call] {
    absl::StatusOr<PreparedArticle> prepared =
        Prepare(call->request().article(), CallerGaveUp(context));
    if (!prepared.ok()) {
      call->Finish(ToGrpcStatus(prepared.status()));
      return;
    }
    v1::AnalyzeResponse* response = call->response();
    ToProto(prepared->article, response->mutable_article());
    for (const RemovedLine& line : prepared->removed) {
      v1::RemovedLine* out = response->add_removed();
      out->set_line(line.line);
      out->set_text(line.text);
      out->set_reason(line.reason);
    }
    for (const std::string& w : prepared->warnings) response->add_warnings(w);
    call->Finish(grpc::Status::OK);
  });
  return reactor;
}

grpc::ServerUnaryReactor* IngestServiceImpl::GetLimits(
    grpc::CallbackServerContext* context,
    const v1::GetLimitsRequest* /*request*/, v1::GetLimitsResponse* response) {
  if (auto* denied = RejectUnary(
          context, Authorize(authorizer_, *context, Scope::kIngest))) {
    return denied;
  }
  const auto max_article = static_cast<int64_t>(pipeline_->max_article_bytes());
  response->set_max_article_bytes(max_article);
  response->set_max_request_bytes(max_article + kRequestOverheadBytes);
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(grpc::Status::OK);
  return reactor;
}

}  // namespace newsindex
