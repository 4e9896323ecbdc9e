#include "bench/load/search_load.h"

#include <google/protobuf/text_format.h>

#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <string>

#include "bench/load/stats.h"
#include "newsindex/v1/search_service.grpc.pb.h"

namespace newsindex::bench {
namespace {

struct Shared {
  const std::vector<PreparedQuery>* requests;
  SteadyClock::time_point measure_from;
  SteadyClock::time_point stop_at;
  std::mutex mu;
  std::condition_variable cv;
  int running = 0;
};

// One closed-loop client. Its calls never overlap, so its counters need
// no lock.
class Client {
 public:
  Client(Shared* shared, v1::SearchService::Stub* stub, size_t first_query)
      : shared_(shared), stub_(stub), next_query_(first_query) {}

  void Issue() {
    context_ = std::make_unique<grpc::ClientContext>();
    current_ = &(*shared_->requests)[next_query_ % shared_->requests->size()];
    request_ = current_->request;
    ++next_query_;
    response_.Clear();
    sent_ = SteadyClock::now();
    stub_->async()->Search(context_.get(), &request_, &response_,
                           [this](grpc::Status status) { OnDone(status); });
  }

  Latencies& latencies() { return latencies_; }
  std::map<std::string, Latencies>& by_kind() { return by_kind_; }
  int64_t errors() const { return errors_; }
  int64_t hits() const { return hits_; }
  const std::string& first_error() const { return first_error_; }

 private:
  void OnDone(const grpc::Status& status) {
    const auto now = SteadyClock::now();
    if (now >= shared_->measure_from && now <= shared_->stop_at) {
      if (status.ok()) {
        const double ms =
            std::chrono::duration<double, std::milli>(now - sent_).count();
        latencies_.Add(ms);
        by_kind_[current_->kind].Add(ms);
        hits_ += response_.hits_size();
      } else {
        ++errors_;
        if (first_error_.empty()) first_error_ = status.error_message();
      }
    }
    if (now < shared_->stop_at) {
      Issue();
      return;
    }
    std::lock_guard<std::mutex> lock(shared_->mu);
    if (--shared_->running == 0) shared_->cv.notify_all();
  }

  Shared* const shared_;
  v1::SearchService::Stub* const stub_;
  size_t next_query_;
  std::unique_ptr<grpc::ClientContext> context_;
  const PreparedQuery* current_ = nullptr;
  v1::SearchRequest request_;
  v1::SearchResponse response_;
  SteadyClock::time_point sent_;
  Latencies latencies_;
  std::map<std::string, Latencies> by_kind_;
  int64_t errors_ = 0;
  int64_t hits_ = 0;
  std::string first_error_;
};

}  // namespace

std::vector<PreparedQuery> MakeRequests(
    const std::vector<Query>& queries, int page_size,
    std::vector<std::string>* skipped_kinds) {
  std::vector<PreparedQuery> out;
  std::set<std::string> skipped;
  for (const Query& q : queries) {
    v1::SearchRequest request;
    if (!q.options.empty() &&
        !google::protobuf::TextFormat::ParseFromString(q.options, &request)) {
      skipped.insert(q.kind);
      continue;
    }
    request.set_query(q.text);
    request.set_page_size(page_size);
    out.push_back({q.kind, std::move(request)});
  }
  skipped_kinds->assign(skipped.begin(), skipped.end());
  return out;
}

nlohmann::json RunSearchLoad(
    const std::vector<std::shared_ptr<grpc::Channel>>& channels,
    const std::vector<PreparedQuery>& requests,
    const SearchLoadOptions& options) {
  std::vector<std::unique_ptr<v1::SearchService::Stub>> stubs;
  for (const auto& channel : channels) {
    stubs.push_back(v1::SearchService::NewStub(channel));
  }
  Shared shared;
  shared.requests = &requests;
  const auto start = SteadyClock::now();
  shared.measure_from = start + std::chrono::microseconds(static_cast<int64_t>(
                                    options.warmup_seconds * 1e6));
  shared.stop_at =
      shared.measure_from +
      std::chrono::microseconds(static_cast<int64_t>(options.seconds * 1e6));
  std::vector<std::unique_ptr<Client>> clients;
  const int n = options.concurrency;
  for (int k = 0; k < n; ++k) {
    clients.push_back(std::make_unique<Client>(
        &shared, stubs[k % stubs.size()].get(), k * requests.size() / n));
  }
  shared.running = n;
  for (auto& client : clients) client->Issue();
  {
    std::unique_lock<std::mutex> lock(shared.mu);
    shared.cv.wait(lock, [&] { return shared.running == 0; });
  }
  Latencies all;
  std::map<std::string, Latencies> by_kind;
  int64_t errors = 0, hits = 0;
  std::string first_error;
  for (auto& client : clients) {
    all.Merge(client->latencies());
    for (auto& [kind, l] : client->by_kind()) by_kind[kind].Merge(l);
    errors += client->errors();
    hits += client->hits();
    if (first_error.empty()) first_error = client->first_error();
  }
  nlohmann::json out = all.Summary();
  const double queries_done = static_cast<double>(all.count());
  out["concurrency"] = n;
  out["queries"] = all.count();
  out["errors"] = errors;
  out["qps"] = queries_done / options.seconds;
  out["hits_per_query"] = queries_done > 0 ? hits / queries_done : 0;
  for (auto& [kind, l] : by_kind) out["by_kind"][kind] = l.Summary();
  if (!first_error.empty()) out["first_error"] = first_error;
  return out;
}

}  // namespace newsindex::bench
