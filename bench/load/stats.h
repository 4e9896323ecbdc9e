// Latency samples and the summaries every benchmark tool prints.
#ifndef NEWSINDEX_BENCH_LOAD_STATS_H_
#define NEWSINDEX_BENCH_LOAD_STATS_H_

#include <chrono>
#include <string>
#include <vector>

#include "nlohmann/json.hpp"

namespace newsindex::bench {

using SteadyClock = std::chrono::steady_clock;

// Seconds from `start` to now.
double SecondsSince(SteadyClock::time_point start);

// Collected latencies in milliseconds. Not thread-safe: one per thread,
// merged at the end.
class Latencies {
 public:
  void Add(double ms) { samples_.push_back(ms); }
  void Merge(const Latencies& other);
  size_t count() const { return samples_.size(); }
  // The q-quantile (0..1) by nearest rank; 0 when empty. Sorts lazily.
  double Quantile(double q);
  double Mean() const;
  // {"p50_ms","p95_ms","p99_ms","max_ms","mean_ms","count"}.
  nlohmann::json Summary();

 private:
  std::vector<double> samples_;
  bool sorted_ = false;
};

// Peak resident set size of this process in MiB (VmHWM).
double SelfPeakRssMib();

// Prints `result` as one JSON line on stdout and flushes.
void PrintResult(const nlohmann::json& result);

}  // namespace newsindex::bench

#endif  // NEWSINDEX_BENCH_LOAD_STATS_H_
