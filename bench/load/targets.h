// Grouping of benchmark results and the targets.
#ifndef NEWSINDEX_BENCH_LOAD_TARGETS_H_
#define NEWSINDEX_BENCH_LOAD_TARGETS_H_

#include <map>
#include <string>
#include <vector>

#include "nlohmann/json.hpp"

namespace newsindex::bench {

struct Spread {
  double min = 0;
  double median = 0;
  double max = 0;
};
Spread SpreadOf(std::vector<double> values);

// Group name ("grpc_search/c16", "inproc/t2", "ingest") -> metric -> one
// value per run, in run order.
using Groups =
    std::map<std::string, std::map<std::string, std::vector<double>>>;

// Groups result lines by "bench" plus "concurrency"/"threads" when present.
Groups GroupResults(const std::vector<nlohmann::json>& lines);

struct TargetResult {
  std::string name;
  std::string goal;
  Spread value;  // over runs; ratios are taken run by run
  size_t runs = 0;
  bool met = false;  // judged on the median
};

// The targets for whatever groups are present.
std::vector<TargetResult> EvaluateTargets(const Groups& groups);

}  // namespace newsindex::bench

#endif  // NEWSINDEX_BENCH_LOAD_TARGETS_H_
