// Counters, gauges and histograms that cost one or two relaxed atomic
// operations to update, and a registry that renders them in the Prometheus
// text exposition format (version 0.0.4). Knows nothing of HTTP or gRPC:
// the services serve Render()'s output; the core only updates values it is
// handed (a null pointer means "not measured").
#ifndef NEWSINDEX_CORE_BASE_METRICS_H_
#define NEWSINDEX_CORE_BASE_METRICS_H_

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

namespace newsindex {

// Label name/value pairs of one series, in the order they are rendered.
using MetricLabels = std::vector<std::pair<std::string, std::string>>;

// A monotonically increasing count. Thread-safe, lock-free.
class Counter {
 public:
  void Increment(uint64_t n = 1) {
    value_.fetch_add(n, std::memory_order_relaxed);
  }
  uint64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<uint64_t> value_{0};
};

// A value that goes up and down. Thread-safe, lock-free.
class Gauge {
 public:
  void Set(double v) { value_.store(v, std::memory_order_relaxed); }
  void Add(double v) { value_.fetch_add(v, std::memory_order_relaxed); }
  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

// Counts observations into buckets with fixed upper bounds (ascending; the
// +Inf bucket is implicit) and keeps their sum. Thread-safe, lock-free: an
// observation is a binary search over the bounds and two atomic adds.
class Histogram {
 public:
  explicit Histogram(std::vector<double> upper_bounds);

  void Observe(double value);

  struct Snapshot {
    std::vector<double> upper_bounds;
    std::vector<uint64_t> cumulative;  // one per bound, then +Inf
    double sum = 0;
    uint64_t count = 0;  // == cumulative.back()
  };
  // Consistent enough for scraping: each bucket is read atomically, and the
  // count is taken from the buckets so that +Inf always equals _count.
  Snapshot Read() const;

 private:
  const std::vector<double> upper_bounds_;
  std::unique_ptr<std::atomic<uint64_t>[]> buckets_;  // bounds.size() + 1
  std::atomic<double> sum_{0};
};

// Bucket bounds in seconds resolving 0.1 ms to 10 s (1, 2.5, 5 per decade).
std::vector<double> LatencyBuckets();
// 1, 2, 5, 10, ..., up to and including `max` (for sizes and counts).
std::vector<double> SizeBuckets(double max);

// One sample a collector reports at scrape time (values that are cheaper to
// read when asked than to keep current: sizes on disk, process figures).
struct CollectedSample {
  std::string name;
  std::string help;
  enum class Type { kGauge, kCounter } type = Type::kGauge;
  MetricLabels labels;
  double value = 0;
};

// Owns metrics and renders them. Adding metrics takes a lock and is meant
// for start-up; the returned pointers stay valid for the registry's life and
// are updated without any lock. Render() is thread-safe.
//
// Names must match [a-zA-Z_:][a-zA-Z0-9_:]*; series of one name must share
// its type and help text (the first registration's are kept).
class MetricsRegistry {
 public:
  using Collector = std::function<std::vector<CollectedSample>()>;

  MetricsRegistry() = default;
  MetricsRegistry(const MetricsRegistry&) = delete;
  MetricsRegistry& operator=(const MetricsRegistry&) = delete;

  Counter* AddCounter(const std::string& name, const std::string& help,
                      MetricLabels labels = {});
  Gauge* AddGauge(const std::string& name, const std::string& help,
                  MetricLabels labels = {});
  Histogram* AddHistogram(const std::string& name, const std::string& help,
                          std::vector<double> upper_bounds,
                          MetricLabels labels = {});
  // `collector` runs on every Render(), on the rendering thread; it must be
  // thread-safe and outlive the registry's use.
  void AddCollector(Collector collector);

  // The text exposition format: # HELP and # TYPE, then the series, for
  // every metric in the order first registered, then the collectors'.
  std::string Render() const;

 private:
  enum class Type { kCounter, kGauge, kHistogram };
  struct Series {
    MetricLabels labels;
    std::unique_ptr<Counter> counter;
    std::unique_ptr<Gauge> gauge;
    std::unique_ptr<Histogram> histogram;
  };
  struct Family {
    std::string name;
    std::string help;
    Type type;
    std::deque<Series> series;
  };

  Series* AddSeries(const std::string& name, const std::string& help, Type type,
                    MetricLabels labels) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  mutable absl::Mutex mu_;
  std::deque<Family> families_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, Family*> by_name_ ABSL_GUARDED_BY(mu_);
  std::vector<Collector> collectors_ ABSL_GUARDED_BY(mu_);
};

// "name{a=\"x\",b=\"y\"}" with the label values escaped as the format
// requires (backslash, double quote, newline); "name" without labels.
std::string SeriesName(const std::string& name, const MetricLabels& labels);

// A number as the text format writes it: shortest round-trip decimal,
// "+Inf", "-Inf", "NaN".
std::string FormatMetricValue(double value);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_BASE_METRICS_H_
