// Scores of a clustering against gold clusters: B-cubed precision, recall
// and F1 (Bagga and Baldwin 1998: per item, the share of its predicted
// cluster that is in its gold cluster and the reverse, averaged over
// items) and pairwise F1 (over the pairs of items put together).
#ifndef NEWSINDEX_BENCH_STORIES_CLUSTER_METRICS_H_
#define NEWSINDEX_BENCH_STORIES_CLUSTER_METRICS_H_

#include <string>
#include <vector>

namespace newsindex::bench {

struct ClusterScores {
  double bcubed_precision = 0;
  double bcubed_recall = 0;
  double bcubed_f1 = 0;
  double pairwise_precision = 0;
  double pairwise_recall = 0;
  double pairwise_f1 = 0;
  size_t predicted_clusters = 0;
  size_t gold_clusters = 0;
};

// `predicted[i]` and `gold[i]` are item i's cluster labels; equal sizes.
ClusterScores ScoreClusters(const std::vector<std::string>& predicted,
                            const std::vector<std::string>& gold);

}  // namespace newsindex::bench

#endif  // NEWSINDEX_BENCH_STORIES_CLUSTER_METRICS_H_
