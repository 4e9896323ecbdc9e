#include "server/metrics_registry.h"

#include <algorithm>
#include <utility>

namespace newsindex {
namespace {

prometheus::Labels ToLabels(const MetricLabels& labels) {
  return prometheus::Labels(labels.begin(), labels.end());
}

// Puts `labels` in the order of the names in `order` (others last, as they
// were).
void OrderLabels(const std::vector<std::string>& order,
                 std::vector<prometheus::ClientMetric::Label>* labels) {
  auto rank = [&](const prometheus::ClientMetric::Label& label) {
    return std::find(order.begin(), order.end(), label.name) - order.begin();
  };
  std::stable_sort(
      labels->begin(), labels->end(),
      [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
}

// Appends `sample` to the last family of `families` when `last_name` says
// it is of the same name, else as a new family.
void AppendSample(CollectedSample sample, std::string* last_name,
                  std::vector<prometheus::MetricFamily>* families) {
  const bool counter = sample.type == CollectedSample::Type::kCounter;
  if (sample.name != *last_name) {
    *last_name = sample.name;
    families->push_back(
        prometheus::MetricFamily{std::move(sample.name),
                                 std::move(sample.help),
                                 counter ? prometheus::MetricType::Counter
                                         : prometheus::MetricType::Gauge,
                                 {}});
  }
  prometheus::ClientMetric metric;
  for (auto& [name, value] : sample.labels) {
    metric.label.push_back({std::move(name), std::move(value)});
  }
  (counter ? metric.counter.value : metric.gauge.value) = sample.value;
  families->back().metric.push_back(std::move(metric));
}

}  // namespace

// The core's Counter over a prometheus-cpp counter.
class MetricsRegistry::CoreCounter : public Counter {
 public:
  explicit CoreCounter(prometheus::Counter* counter) : counter_(counter) {}
  void Add(uint64_t n) override { counter_->Increment(static_cast<double>(n)); }

 private:
  prometheus::Counter* const counter_;
};

Histogram::Histogram(prometheus::Histogram* target,
                     std::vector<double> upper_bounds)
    : target_(target),
      upper_bounds_(std::move(upper_bounds)),
      counts_(new std::atomic<uint64_t>[upper_bounds_.size() + 1]) {
  for (size_t i = 0; i <= upper_bounds_.size(); ++i) counts_[i] = 0;
}

void Histogram::Observe(double value) {
  // The first bound >= value: buckets are "less than or equal".
  const size_t bucket =
      std::lower_bound(upper_bounds_.begin(), upper_bounds_.end(), value) -
      upper_bounds_.begin();
  counts_[bucket].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(value, std::memory_order_relaxed);
}

void Histogram::Flush() {
  std::vector<double> increments(upper_bounds_.size() + 1);
  bool any = false;
  for (size_t i = 0; i < increments.size(); ++i) {
    const uint64_t n = counts_[i].exchange(0, std::memory_order_relaxed);
    increments[i] = static_cast<double>(n);
    any = any || n > 0;
  }
  const double sum = sum_.exchange(0, std::memory_order_relaxed);
  if (any || sum != 0) target_->ObserveMultiple(increments, sum);
}

std::vector<double> LatencyBuckets() {
  return {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
          0.05,   0.1,     0.25,   0.5,   1,      2.5,   5,    10};
}

std::vector<double> SizeBuckets(double max) {
  std::vector<double> bounds;
  for (double decade = 1; decade <= max; decade *= 10) {
    for (double step : {1.0, 2.0, 5.0}) {
      if (decade * step <= max) bounds.push_back(decade * step);
    }
  }
  if (bounds.empty() || bounds.back() < max) bounds.push_back(max);
  return bounds;
}

MetricsRegistry::MetricsRegistry()
    : registry_(std::make_unique<prometheus::Registry>()) {}

MetricsRegistry::~MetricsRegistry() = default;

void MetricsRegistry::NoteLabelOrder(const std::string& name,
                                     const MetricLabels& labels) {
  absl::MutexLock lock(&mu_);
  std::vector<std::string>& order = label_order_[name];
  if (!order.empty()) return;
  for (const auto& label : labels) order.push_back(label.first);
}

prometheus::Counter* MetricsRegistry::AddCounter(const std::string& name,
                                                 const std::string& help,
                                                 const MetricLabels& labels) {
  NoteLabelOrder(name, labels);
  return &prometheus::BuildCounter()
              .Name(name)
              .Help(help)
              .Register(*registry_)
              .Add(ToLabels(labels));
}

Histogram* MetricsRegistry::AddHistogram(
    const std::string& name, const std::string& help,
    const std::vector<double>& upper_bounds, const MetricLabels& labels) {
  NoteLabelOrder(name, labels);
  prometheus::Histogram* target = &prometheus::BuildHistogram()
                                       .Name(name)
                                       .Help(help)
                                       .Register(*registry_)
                                       .Add(ToLabels(labels), upper_bounds);
  absl::MutexLock lock(&mu_);
  histograms_.push_back(std::make_unique<Histogram>(target, upper_bounds));
  return histograms_.back().get();
}

Counter* MetricsRegistry::AddCoreCounter(const std::string& name,
                                         const std::string& help,
                                         const MetricLabels& labels) {
  prometheus::Counter* counter = AddCounter(name, help, labels);
  absl::MutexLock lock(&mu_);
  core_counters_.push_back(std::make_unique<CoreCounter>(counter));
  return core_counters_.back().get();
}

void MetricsRegistry::AddCollector(Collector collector) {
  absl::MutexLock lock(&mu_);
  collectors_.push_back(std::move(collector));
}

std::vector<prometheus::MetricFamily> MetricsRegistry::Collect() const {
  {
    absl::MutexLock lock(&mu_);
    for (const std::unique_ptr<Histogram>& histogram : histograms_) {
      histogram->Flush();
    }
  }
  std::vector<prometheus::MetricFamily> families = registry_->Collect();
  std::vector<Collector> collectors;
  {
    absl::MutexLock lock(&mu_);
    for (prometheus::MetricFamily& family : families) {
      auto it = label_order_.find(family.name);
      if (it == label_order_.end()) continue;
      for (prometheus::ClientMetric& metric : family.metric) {
        OrderLabels(it->second, &metric.label);
      }
    }
    collectors = collectors_;
  }
  // Collectors run unlocked: they may be slow (a directory walk).
  std::string last_name;
  for (const Collector& collector : collectors) {
    for (CollectedSample& sample : collector()) {
      AppendSample(std::move(sample), &last_name, &families);
    }
  }
  return families;
}

}  // namespace newsindex
