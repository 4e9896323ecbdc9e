#include "bench/stories/cluster_metrics.h"

#include <map>
#include <utility>

namespace newsindex::bench {
namespace {

double F1(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0; }

double Pairs(double n) { return n * (n - 1) / 2; }

}  // namespace

ClusterScores ScoreClusters(const std::vector<std::string>& predicted,
                            const std::vector<std::string>& gold) {
  std::map<std::string, double> pred_size, gold_size;
  std::map<std::pair<std::string, std::string>, double> both;
  for (size_t i = 0; i < predicted.size(); ++i) {
    pred_size[predicted[i]] += 1;
    gold_size[gold[i]] += 1;
    both[{predicted[i], gold[i]}] += 1;
  }
  ClusterScores s;
  s.predicted_clusters = pred_size.size();
  s.gold_clusters = gold_size.size();
  if (predicted.empty()) return s;
  // Each item of a (predicted, gold) cell shares its cell with `n` items.
  double p = 0, r = 0, together = 0;
  for (const auto& [key, n] : both) {
    p += n * n / pred_size[key.first];
    r += n * n / gold_size[key.second];
    together += Pairs(n);
  }
  s.bcubed_precision = p / predicted.size();
  s.bcubed_recall = r / predicted.size();
  s.bcubed_f1 = F1(s.bcubed_precision, s.bcubed_recall);
  double pred_pairs = 0, gold_pairs = 0;
  for (const auto& [k, n] : pred_size) pred_pairs += Pairs(n);
  for (const auto& [k, n] : gold_size) gold_pairs += Pairs(n);
  s.pairwise_precision = pred_pairs > 0 ? together / pred_pairs : 1;
  s.pairwise_recall = gold_pairs > 0 ? together / gold_pairs : 1;
  s.pairwise_f1 = F1(s.pairwise_precision, s.pairwise_recall);
  return s;
}

}  // namespace newsindex::bench
