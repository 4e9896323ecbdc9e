// Freshness: time from an ingest acknowledgement to the article being
// found by search.
#ifndef NEWSINDEX_BENCH_LOAD_FRESHNESS_H_
#define NEWSINDEX_BENCH_LOAD_FRESHNESS_H_

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <memory>
#include <string>

#include "nlohmann/json.hpp"

namespace newsindex::bench {

struct FreshnessOptions {
  int probes = 50;
  // Distinguishes runs against one database: probe words differ per tag.
  int run_tag = 0;
  // Pause between a probe's search polls; 0 polls back to back.
  double poll_interval_ms = 0.5;
  // A probe not visible after this long counts as a miss.
  double give_up_ms = 5000;
  // When set, probing also stops (before `probes`, after the first probe)
  // once it is true, e.g. when a concurrent load starts to drain. Not
  // owned.
  const std::atomic<bool>* stop = nullptr;
};

// For each probe: ingests (unary, waiting for the durable ack) an article
// whose title holds a word no other article has, then searches for that
// word until it is found. Returns {"probes", "misses", "p50_ms", "p95_ms",
// "p99_ms", "max_ms", "mean_ms", "ack_p50_ms", "ack_p95_ms", "ack_p99_ms",
// "ack_max_ms"}: the probes sent, the ms from ack to the first search
// answer that finds it, and the ingest call times (submit to ack).
nlohmann::json RunFreshness(std::shared_ptr<grpc::Channel> ingest,
                            std::shared_ptr<grpc::Channel> search,
                            const FreshnessOptions& options);

}  // namespace newsindex::bench

#endif  // NEWSINDEX_BENCH_LOAD_FRESHNESS_H_
