#include "bench/stories/cluster_metrics.h"

#include "gtest/gtest.h"

namespace newsindex::bench {
namespace {

TEST(ClusterMetricsTest, Table) {
  struct Case {
    std::string name;
    std::vector<std::string> predicted, gold;
    double bcubed_p, bcubed_r, pairwise_f1;
  };
  std::vector<Case> cases = {
      {"perfect", {"a", "a", "b"}, {"x", "x", "y"}, 1, 1, 1},
      {"all singletons", {"a", "b", "c"}, {"x", "x", "x"}, 1, 1.0 / 3, 0},
      // One cluster of three from gold {2, 1}: each of the pair shares
      // 2/3, the odd one 1/3; recall 1. Pairs: 1 right of 3 predicted.
      {"all merged", {"a", "a", "a"}, {"x", "x", "y"}, 5.0 / 9, 1, 0.5},
  };
  for (const Case& c : cases) {
    ClusterScores s = ScoreClusters(c.predicted, c.gold);
    EXPECT_NEAR(s.bcubed_precision, c.bcubed_p, 1e-9) << c.name;
    EXPECT_NEAR(s.bcubed_recall, c.bcubed_r, 1e-9) << c.name;
    EXPECT_NEAR(s.pairwise_f1, c.pairwise_f1, 1e-9) << c.name;
  }
}

}  // namespace
}  // namespace newsindex::bench
