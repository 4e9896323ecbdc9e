#include "bench/load/ingest_load.h"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>

#include "bench/load/grpc_util.h"
#include "bench/load/stats.h"
#include "newsindex/v1/ingest_service.grpc.pb.h"

namespace newsindex::bench {
namespace {

// Shared state of one RunIngestLoad.
struct LoadState {
  const RecordSource* source;
  v1::IngestService::Stub* stub;
  size_t stream_batch;
  std::atomic<bool>* draining;  // may be null
  std::atomic<size_t> next{0};
  std::atomic<uint64_t> bytes{0};

  std::mutex mu;
  std::condition_variable cv;
  int active = 0;
  int64_t ok = 0;
  int64_t failed = 0;
  int64_t rpc_errors = 0;
  std::string first_error;
};

void StartStream(LoadState* state);

// One client stream: writes up to stream_batch records, one at a time
// (the next write starts when the previous one is accepted), then closes.
class IngestStream : public grpc::ClientWriteReactor<v1::IngestArticleRequest> {
 public:
  explicit IngestStream(LoadState* state) : state_(state) {
    state_->stub->async()->IngestArticles(&context_, &response_, this);
    WriteNext();
    StartCall();
  }

  void OnWriteDone(bool ok) override {
    if (ok) WriteNext();  // else the stream broke: OnDone follows
  }

  void OnDone(const grpc::Status& status) override {
    bool more = false;
    {
      std::lock_guard<std::mutex> lock(state_->mu);
      if (status.ok()) {
        state_->ok += response_.received() - response_.failed();
        state_->failed += response_.failed();
        for (const auto& r : response_.results()) {
          if (r.status().code() != 0 && state_->first_error.empty()) {
            state_->first_error = r.status().message();
          }
        }
      } else {
        ++state_->rpc_errors;
        state_->failed += written_;
        if (state_->first_error.empty()) {
          state_->first_error = status.error_message();
        }
      }
      more = status.ok() && state_->next.load() < state_->source->size();
      if (!more && state_->draining != nullptr) state_->draining->store(true);
    }
    LoadState* state = state_;
    delete this;
    if (more) {
      StartStream(state);
      return;
    }
    // The last touch of `state`, under its mutex: once `active` is 0 the
    // waiting thread may destroy it, and this reactor is already gone.
    std::lock_guard<std::mutex> lock(state->mu);
    --state->active;
    state->cv.notify_all();
  }

 private:
  void WriteNext() {
    if (written_ >= state_->stream_batch) {
      StartWritesDone();
      return;
    }
    const size_t index = state_->next.fetch_add(1);
    if (index >= state_->source->size()) {
      StartWritesDone();
      return;
    }
    const Record record = state_->source->Get(index);
    state_->bytes += record.title.size() + record.body.size();
    ToRawArticle(record, request_.mutable_article());
    ++written_;
    StartWrite(&request_);
  }

  LoadState* const state_;
  grpc::ClientContext context_;
  v1::IngestArticleRequest request_;
  v1::IngestArticlesResponse response_;
  size_t written_ = 0;
};

void StartStream(LoadState* state) { new IngestStream(state); }

}  // namespace

nlohmann::json RunIngestLoad(std::shared_ptr<grpc::Channel> channel,
                             const RecordSource& source,
                             const IngestLoadOptions& options) {
  auto stub = v1::IngestService::NewStub(channel);
  LoadState state;
  state.source = &source;
  state.stub = stub.get();
  state.stream_batch = options.stream_batch;
  state.draining = options.draining;
  const auto start = SteadyClock::now();
  state.active = options.streams;
  for (int i = 0; i < options.streams; ++i) StartStream(&state);
  {
    std::unique_lock<std::mutex> lock(state.mu);
    state.cv.wait(lock, [&] { return state.active == 0; });
  }
  const double seconds = SecondsSince(start);
  const double mb = static_cast<double>(state.bytes.load()) / 1e6;
  nlohmann::json out = {
      {"articles", state.ok},
      {"failed", state.failed},
      {"rpc_errors", state.rpc_errors},
      {"seconds", seconds},
      {"articles_per_s", static_cast<double>(state.ok) / seconds},
      {"mb", mb},
      {"mb_per_s", mb / seconds},
      {"streams", options.streams}};
  if (!state.first_error.empty()) out["first_error"] = state.first_error;
  return out;
}

}  // namespace newsindex::bench
