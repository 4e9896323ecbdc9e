// The ingest service's own metrics (docs/operations.md): the pipeline's
// stages, outcomes, near-duplicates, the writer's batches and commits, and
// the index's figures read at scrape time.
#ifndef NEWSINDEX_INGEST_SERVICE_INGEST_METRICS_H_
#define NEWSINDEX_INGEST_SERVICE_INGEST_METRICS_H_

#include <array>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "core/base/thread_pool.h"
#include "core/index/index_writer.h"
#include "core/index/sharded_index_writer.h"
#include "core/ingest/ingest_pipeline.h"
#include "server/metrics_registry.h"

namespace newsindex {

// Registers its series in the registry given at construction. Every
// Observe* is lock-free and thread-safe.
class IngestMetrics {
 public:
  explicit IngestMetrics(MetricsRegistry* registry);

  // Stage times of a prepared article (normalize, entities).
  void ObservePrepared(const PreparedArticle& prepared);
  // Building the index document on the worker (the "index" stage).
  void ObserveIndexStage(absl::Duration time);
  // The final outcome of one article: acked, or failed with its code.
  void ObserveOutcome(const absl::Status& status, bool near_duplicate);
  // For IndexWriterOptions::on_commit.
  void ObserveCommit(const CommitStats& stats);

  // Adds scrape-time gauges: queue depths of `workers` and `writer`, and
  // the index's shards, documents, revision, last commit time and bytes on
  // disk (of local shards). Neither is owned; both must outlive the
  // registry's use.
  void WatchIndex(const ShardedIndexWriter* writer, const ThreadPool* workers);

 private:
  MetricsRegistry* registry_;
  Histogram* normalize_seconds_;
  Histogram* entities_seconds_;
  Histogram* index_seconds_;
  prometheus::Counter* acked_;
  std::array<prometheus::Counter*, 17> failed_{};  // by absl::StatusCode
  prometheus::Counter* near_duplicates_;
  Histogram* batch_size_;
  Histogram* commit_seconds_;
  prometheus::Counter* commit_failures_;
};

}  // namespace newsindex

#endif  // NEWSINDEX_INGEST_SERVICE_INGEST_METRICS_H_
