// The search service's own metrics (docs/operations.md): query time by
// stage, matches estimated, reopens and retries, the index's size on disk.
#ifndef NEWSINDEX_SEARCH_SERVICE_SEARCH_METRICS_H_
#define NEWSINDEX_SEARCH_SERVICE_SEARCH_METRICS_H_

#include <string>

#include "core/index/shard_layout.h"
#include "core/search/searcher.h"
#include "server/metrics_registry.h"

namespace newsindex {

// Registers its series in `registry` (not owned; must outlive this) and a
// scrape-time gauge for the bytes on disk of the local shards of
// `layout`. Thread-safe.
class SearchMetrics {
 public:
  SearchMetrics(MetricsRegistry* registry, ShardLayout layout);

  // For every Searcher of the pool.
  SearcherCounters searcher_counters() const { return counters_; }
  // Stage times and the estimate of one successful search.
  void ObserveSearch(const SearchResults& results);

 private:
  Histogram* parse_seconds_;
  Histogram* match_seconds_;
  Histogram* snippets_seconds_;
  Histogram* facets_seconds_;
  Histogram* matches_estimated_;
  SearcherCounters counters_;
};

}  // namespace newsindex

#endif  // NEWSINDEX_SEARCH_SERVICE_SEARCH_METRICS_H_
