#include "search-service/search_metrics.h"

#include <vector>

#include "server/process_metrics.h"

namespace newsindex {

SearchMetrics::SearchMetrics(MetricsRegistry* registry, ShardLayout layout) {
  auto stage = [&](const char* name) {
    return registry->AddHistogram(
        "newsindex_search_stage_seconds",
        "Time a search spent in each stage, in seconds (parse includes "
        "reopening the database).",
        LatencyBuckets(), {{"stage", name}});
  };
  parse_seconds_ = stage("parse");
  match_seconds_ = stage("match");
  snippets_seconds_ = stage("snippets");
  facets_seconds_ = stage("facets");
  std::vector<double> bounds = {0};
  for (double b : SizeBuckets(10000000)) bounds.push_back(b);
  matches_estimated_ = registry->AddHistogram(
      "newsindex_search_matches_estimated",
      "Xapian's estimate of all matches of each search.", bounds);
  counters_.reopens = registry->AddCoreCounter(
      "newsindex_search_reopens_total",
      "Times a searcher's reopen() moved it to a newer commit.");
  counters_.retries =
      registry->AddCoreCounter("newsindex_search_retries_total",
                               "Reruns of a call after the writer overtook it "
                               "(DatabaseModifiedError).");
  registry->AddCollector([layout = std::move(layout)] {
    return std::vector<CollectedSample>{
        {"newsindex_index_disk_bytes",
         "Bytes of the database's files on disk (local shards).",
         CollectedSample::Type::kGauge,
         {},
         static_cast<double>(LocalShardBytes(layout))}};
  });
}

void SearchMetrics::ObserveSearch(const SearchResults& results) {
  parse_seconds_->Observe(absl::ToDoubleSeconds(results.times.parse));
  match_seconds_->Observe(absl::ToDoubleSeconds(results.times.match));
  snippets_seconds_->Observe(absl::ToDoubleSeconds(results.times.snippets));
  if (results.times.facets > absl::ZeroDuration()) {
    facets_seconds_->Observe(absl::ToDoubleSeconds(results.times.facets));
  }
  matches_estimated_->Observe(static_cast<double>(results.estimated_total));
}

}  // namespace newsindex
