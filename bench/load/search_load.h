// Closed-loop search load: `concurrency` clients, each sending its next
// query as soon as the previous answer arrives (callback API).
#ifndef NEWSINDEX_BENCH_LOAD_SEARCH_LOAD_H_
#define NEWSINDEX_BENCH_LOAD_SEARCH_LOAD_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <vector>

#include "bench/load/query_set.h"
#include "newsindex/v1/search_service.pb.h"
#include "nlohmann/json.hpp"

namespace newsindex::bench {

struct SearchLoadOptions {
  int concurrency = 1;
  double warmup_seconds = 1;
  double seconds = 5;  // measured window after the warm-up
  int channels = 1;    // TCP connections the clients share round-robin
};

// The requests for `queries`: the text, the options (text format) and
// `page_size`. Queries whose options do not parse (fields the API does not
// have yet) are left out and their kinds added to `skipped_kinds`.
struct PreparedQuery {
  std::string kind;
  v1::SearchRequest request;
};
std::vector<PreparedQuery> MakeRequests(
    const std::vector<Query>& queries, int page_size,
    std::vector<std::string>* skipped_kinds);

// Runs the load; client k starts at request k * size / concurrency and
// walks the set cyclically. Returns {"concurrency", "queries", "errors", "qps",
// "p50_ms", "p95_ms", "p99_ms", "max_ms", "mean_ms", "hits_per_query",
// "by_kind": {kind: {"count", "p50_ms", "p99_ms", ...}}} over the calls
// that completed inside the measured window.
nlohmann::json RunSearchLoad(
    const std::vector<std::shared_ptr<grpc::Channel>>& channels,
    const std::vector<PreparedQuery>& requests,
    const SearchLoadOptions& options);

}  // namespace newsindex::bench

#endif  // NEWSINDEX_BENCH_LOAD_SEARCH_LOAD_H_
