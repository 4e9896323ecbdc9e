// Where the services register their metrics: an adapter over prometheus-cpp
// (Debian's prometheus-cpp-dev), whose registry keeps the counters and
// histograms and whose Exposer serves them (observability.h). The core
// knows no metrics library: it adds to the Counter interface of
// core/base/metrics.h, which AddCoreCounter implements here.
#ifndef NEWSINDEX_SERVER_METRICS_REGISTRY_H_
#define NEWSINDEX_SERVER_METRICS_REGISTRY_H_

#include <prometheus/collectable.h>
#include <prometheus/counter.h>
#include <prometheus/histogram.h>
#include <prometheus/metric_family.h>
#include <prometheus/registry.h>

#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "core/base/metrics.h"

namespace newsindex {

// Label name/value pairs of one series, in the order they are exposed.
using MetricLabels = std::vector<std::pair<std::string, std::string>>;

// Bucket bounds in seconds resolving 0.1 ms to 10 s (1, 2.5, 5 per decade).
std::vector<double> LatencyBuckets();
// 1, 2, 5, 10, ..., up to and including `max` (for sizes and counts).
std::vector<double> SizeBuckets(double max);

// A histogram series for the hot path: Observe is a few relaxed atomic
// operations and takes no lock. prometheus-cpp's own Histogram::Observe
// takes the series' mutex, which every worker of a service would contend
// for on every call; so observations accumulate here and the registry moves
// them into its prometheus-cpp histogram (ObserveMultiple) when it is
// scraped. A scrape may see an observation's count before its sum (or the
// reverse); the next scrape has both.
class Histogram {
 public:
  // `target` (not owned) has the same `upper_bounds` (ascending).
  Histogram(prometheus::Histogram* target, std::vector<double> upper_bounds);

  void Observe(double value);
  // Moves what was observed since the last Flush into the target.
  // Thread-safe (concurrent flushes take disjoint observations).
  void Flush();

 private:
  prometheus::Histogram* const target_;
  const std::vector<double> upper_bounds_;
  // One count per bound, then the +Inf bucket (not cumulative).
  std::unique_ptr<std::atomic<uint64_t>[]> counts_;
  std::atomic<double> sum_{0};
};

// One sample a collector reports at scrape time (values that are cheaper to
// read when asked than to keep current: sizes on disk, process figures).
struct CollectedSample {
  std::string name;
  std::string help;
  enum class Type { kGauge, kCounter } type = Type::kGauge;
  MetricLabels labels;
  double value = 0;
};

// Adding metrics is meant for start-up (a lookup by name and labels); the
// returned pointers stay valid for the registry's life and are updated
// without it: counters through prometheus-cpp (lock-free), histograms
// through Histogram above. Collect() (what the Exposer serves) is thread-safe
// too.
//
// Series of one name share its type and help text. prometheus-cpp keeps
// labels in a map; Collect() writes them in the order of the family's first
// registration, so the exposition reads as it always has (grpc_service,
// grpc_method, grpc_type, grpc_code), for scripts and tests that match its
// text.
class MetricsRegistry : public prometheus::Collectable {
 public:
  using Collector = std::function<std::vector<CollectedSample>()>;

  MetricsRegistry();
  MetricsRegistry(const MetricsRegistry&) = delete;
  MetricsRegistry& operator=(const MetricsRegistry&) = delete;
  ~MetricsRegistry() override;

  prometheus::Counter* AddCounter(const std::string& name,
                                  const std::string& help,
                                  const MetricLabels& labels = {});
  // Buckets "less than or equal" to each of `upper_bounds` (ascending; +Inf
  // is implicit), as Prometheus defines them.
  Histogram* AddHistogram(const std::string& name, const std::string& help,
                          const std::vector<double>& upper_bounds,
                          const MetricLabels& labels = {});
  // A counter series for the core to add to (core/base/metrics.h).
  Counter* AddCoreCounter(const std::string& name, const std::string& help,
                          const MetricLabels& labels = {});
  // `collector` runs on every Collect(), on the scraping thread; it must be
  // thread-safe and outlive the registry's use.
  void AddCollector(Collector collector);

  // Every family of the registry (histograms flushed first), then the
  // collectors' samples (a run of samples of one name is one family).
  std::vector<prometheus::MetricFamily> Collect() const override;

 private:
  class CoreCounter;

  // Remembers the label order of `name`'s first registration.
  void NoteLabelOrder(const std::string& name, const MetricLabels& labels);

  const std::unique_ptr<prometheus::Registry> registry_;
  mutable absl::Mutex mu_;
  std::map<std::string, std::vector<std::string>> label_order_
      ABSL_GUARDED_BY(mu_);
  std::vector<Collector> collectors_ ABSL_GUARDED_BY(mu_);
  std::deque<std::unique_ptr<CoreCounter>> core_counters_ ABSL_GUARDED_BY(mu_);
  std::deque<std::unique_ptr<Histogram>> histograms_ ABSL_GUARDED_BY(mu_);
};

}  // namespace newsindex

#endif  // NEWSINDEX_SERVER_METRICS_REGISTRY_H_
