#include "bench/load/freshness.h"

#include <thread>

#include "absl/strings/str_cat.h"
#include "bench/load/stats.h"
#include "newsindex/v1/ingest_service.grpc.pb.h"
#include "newsindex/v1/search_service.grpc.pb.h"

namespace newsindex::bench {
namespace {

// A word of lowercase letters unique to (tag, n), e.g. "zqfrbacd".
std::string ProbeWord(int tag, int n) {
  std::string out = "zqfr";
  uint64_t v = static_cast<uint64_t>(tag) * 1000003ULL + n;
  for (int i = 0; i < 6; ++i) {
    out.push_back(static_cast<char>('a' + v % 26));
    v /= 26;
  }
  return out;
}

double MsBetween(SteadyClock::time_point a, SteadyClock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

}  // namespace

nlohmann::json RunFreshness(std::shared_ptr<grpc::Channel> ingest,
                            std::shared_ptr<grpc::Channel> search,
                            const FreshnessOptions& options) {
  auto ingest_stub = v1::IngestService::NewStub(ingest);
  auto search_stub = v1::SearchService::NewStub(search);
  Latencies visible, ack;
  int misses = 0, errors = 0;
  std::string first_error;
  int sent_probes = 0;
  for (int i = 0; i < options.probes; ++i) {
    // At least one probe, so that a short load still gives a figure.
    if (i > 0 && options.stop != nullptr && options.stop->load()) break;
    ++sent_probes;
    const std::string word = ProbeWord(options.run_tag, i);
    v1::IngestArticleRequest request;
    v1::RawArticle* raw = request.mutable_article();
    raw->set_id(absl::StrCat("fresh-", options.run_tag, "-", i));
    raw->set_title(absl::StrCat("Freshness probe ", word));
    raw->set_text(absl::StrCat(
        "The freshness probe ", word,
        " checks how soon an acknowledged article can be found.\n\n"
        "It carries a word that no other article in the index has."));
    raw->set_source("bench");
    raw->set_language("en");
    v1::IngestArticleResponse response;
    grpc::ClientContext ingest_context;
    const auto sent = SteadyClock::now();
    grpc::Status status =
        ingest_stub->IngestArticle(&ingest_context, request, &response);
    const auto acked = SteadyClock::now();
    if (!status.ok()) {
      ++errors;
      if (first_error.empty()) first_error = status.error_message();
      continue;
    }
    ack.Add(MsBetween(sent, acked));
    bool found = false;
    while (!found &&
           MsBetween(acked, SteadyClock::now()) < options.give_up_ms) {
      v1::SearchRequest query;
      query.set_query(word);
      query.set_page_size(1);
      v1::SearchResponse answer;
      grpc::ClientContext search_context;
      grpc::Status s = search_stub->Search(&search_context, query, &answer);
      if (s.ok() && answer.hits_size() > 0) {
        visible.Add(MsBetween(acked, SteadyClock::now()));
        found = true;
      } else if (options.poll_interval_ms > 0) {
        std::this_thread::sleep_for(std::chrono::microseconds(
            static_cast<int64_t>(options.poll_interval_ms * 1000)));
      }
    }
    if (!found) ++misses;
  }
  nlohmann::json out = visible.Summary();
  out["probes"] = sent_probes;
  out["misses"] = misses;
  out["errors"] = errors;
  out["ack_p50_ms"] = ack.Quantile(0.5);
  out["ack_p95_ms"] = ack.Quantile(0.95);
  out["ack_p99_ms"] = ack.Quantile(0.99);
  out["ack_max_ms"] = ack.Quantile(1.0);
  if (!first_error.empty()) out["first_error"] = first_error;
  return out;
}

}  // namespace newsindex::bench
