#include "ingest-service/ingest_metrics.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "server/process_metrics.h"

namespace newsindex {
namespace {

constexpr char kStageHelp[] =
    "Time an article spent in each ingest pipeline stage, in seconds.";

}  // namespace

IngestMetrics::IngestMetrics(MetricsRegistry* registry) : registry_(registry) {
  auto stage = [&](const char* name) {
    return registry->AddHistogram("newsindex_ingest_stage_seconds", kStageHelp,
                                  LatencyBuckets(), {{"stage", name}});
  };
  normalize_seconds_ = stage("normalize");
  entities_seconds_ = stage("entities");
  index_seconds_ = stage("index");
  acked_ =
      registry->AddCounter("newsindex_ingest_articles_acked_total",
                           "Articles acknowledged: committed to the index.");
  for (int code = 1; code < 17; ++code) {
    failed_[code] = registry->AddCounter(
        "newsindex_ingest_articles_failed_total",
        "Articles not indexed, by reason (the status code, lower case).",
        {{"reason", absl::AsciiStrToLower(absl::StatusCodeToString(
                        static_cast<absl::StatusCode>(code)))}});
  }
  near_duplicates_ = registry->AddCounter(
      "newsindex_ingest_near_duplicates_total",
      "Acknowledged articles found to nearly duplicate an earlier one.");
  batch_size_ = registry->AddHistogram(
      "newsindex_ingest_batch_size",
      "Operations applied under one group commit.", SizeBuckets(4000));
  commit_seconds_ = registry->AddHistogram(
      "newsindex_ingest_commit_seconds",
      "Time to apply one batch and commit it, in seconds.", LatencyBuckets());
  commit_failures_ = registry->AddCounter(
      "newsindex_ingest_commit_failures_total",
      "Group commits that failed (each of their articles failed too).");
}

void IngestMetrics::ObservePrepared(const PreparedArticle& prepared) {
  normalize_seconds_->Observe(absl::ToDoubleSeconds(prepared.normalize_time));
  entities_seconds_->Observe(absl::ToDoubleSeconds(prepared.entities_time));
}

void IngestMetrics::ObserveIndexStage(absl::Duration time) {
  index_seconds_->Observe(absl::ToDoubleSeconds(time));
}

void IngestMetrics::ObserveOutcome(const absl::Status& status,
                                   bool near_duplicate) {
  if (status.ok()) {
    acked_->Increment();
    if (near_duplicate) near_duplicates_->Increment();
    return;
  }
  const int code = static_cast<int>(status.code());
  failed_[code > 0 && code < 17 ? code : 2]->Increment();  // else UNKNOWN
}

void IngestMetrics::ObserveCommit(const CommitStats& stats) {
  batch_size_->Observe(static_cast<double>(stats.operations));
  commit_seconds_->Observe(absl::ToDoubleSeconds(stats.commit_time));
  if (!stats.ok) commit_failures_->Increment();
}

void IngestMetrics::WatchIndex(const ShardedIndexWriter* writer,
                               const ThreadPool* workers) {
  registry_->AddCollector([writer, workers] {
    using Type = CollectedSample::Type;
    const CommitInfo commit = writer->last_commit();
    const char* depth_help =
        "Articles waiting: for a pipeline worker, or for the index writer.";
    std::vector<CollectedSample> out = {
        {"newsindex_ingest_queue_depth",
         depth_help,
         Type::kGauge,
         {{"queue", "workers"}},
         static_cast<double>(workers->pending())},
        {"newsindex_ingest_queue_depth",
         depth_help,
         Type::kGauge,
         {{"queue", "writer"}},
         static_cast<double>(writer->queued())},
        {"newsindex_index_documents",
         "Documents in the index, as committed.",
         Type::kGauge,
         {},
         static_cast<double>(commit.documents)},
        {"newsindex_index_shards",
         "Shards of the index (one writer thread each).",
         Type::kGauge,
         {},
         static_cast<double>(writer->layout().shards.size())},
        {"newsindex_index_revision",
         "The index's revision, as committed (summed over local shards).",
         Type::kGauge,
         {},
         static_cast<double>(commit.revision)},
        {"newsindex_index_last_commit_timestamp_seconds",
         "When this writer last committed, in seconds since the epoch (0: not "
         "yet).",
         Type::kGauge,
         {},
         commit.time == absl::InfinitePast()
             ? 0
             : absl::ToUnixMillis(commit.time) / 1000.0},
        {"newsindex_index_disk_bytes",
         "Bytes of the database's files on disk (local shards).",
         Type::kGauge,
         {},
         static_cast<double>(LocalShardBytes(writer->layout()))}};
    return out;
  });
}

}  // namespace newsindex
