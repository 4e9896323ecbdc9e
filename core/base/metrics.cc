#include "core/base/metrics.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"

namespace newsindex {
namespace {

const char* TypeName(bool histogram, bool counter) {
  if (histogram) return "histogram";
  return counter ? "counter" : "gauge";
}

// HELP text escapes backslash and newline only.
std::string EscapeHelp(const std::string& help) {
  return absl::StrReplaceAll(help, {{"\\", "\\\\"}, {"\n", "\\n"}});
}

void AppendHeader(const std::string& name, const std::string& help,
                  const char* type, std::string* out) {
  absl::StrAppend(out, "# HELP ", name, " ", EscapeHelp(help), "\n# TYPE ",
                  name, " ", type, "\n");
}

void AppendHistogram(const std::string& name, const MetricLabels& labels,
                     const Histogram& histogram, std::string* out) {
  const Histogram::Snapshot snapshot = histogram.Read();
  MetricLabels with_le = labels;
  with_le.emplace_back("le", "");
  for (size_t i = 0; i < snapshot.cumulative.size(); ++i) {
    with_le.back().second = i < snapshot.upper_bounds.size()
                                ? FormatMetricValue(snapshot.upper_bounds[i])
                                : "+Inf";
    absl::StrAppend(out, SeriesName(name + "_bucket", with_le), " ",
                    snapshot.cumulative[i], "\n");
  }
  absl::StrAppend(out, SeriesName(name + "_sum", labels), " ",
                  FormatMetricValue(snapshot.sum), "\n",
                  SeriesName(name + "_count", labels), " ", snapshot.count,
                  "\n");
}

}  // namespace

Histogram::Histogram(std::vector<double> upper_bounds)
    : upper_bounds_(std::move(upper_bounds)),
      buckets_(new std::atomic<uint64_t>[upper_bounds_.size() + 1]) {
  for (size_t i = 0; i <= upper_bounds_.size(); ++i) buckets_[i] = 0;
}

void Histogram::Observe(double value) {
  // Buckets are "less than or equal": the first bound >= value.
  const size_t index =
      std::lower_bound(upper_bounds_.begin(), upper_bounds_.end(), value) -
      upper_bounds_.begin();
  buckets_[index].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(value, std::memory_order_relaxed);
}

Histogram::Snapshot Histogram::Read() const {
  Snapshot snapshot;
  snapshot.upper_bounds = upper_bounds_;
  snapshot.cumulative.reserve(upper_bounds_.size() + 1);
  uint64_t total = 0;
  for (size_t i = 0; i <= upper_bounds_.size(); ++i) {
    total += buckets_[i].load(std::memory_order_relaxed);
    snapshot.cumulative.push_back(total);
  }
  snapshot.count = total;
  snapshot.sum = sum_.load(std::memory_order_relaxed);
  return snapshot;
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

MetricsRegistry::Series* MetricsRegistry::AddSeries(const std::string& name,
                                                    const std::string& help,
                                                    Type type,
                                                    MetricLabels labels) {
  Family*& family = by_name_[name];
  if (family == nullptr) {
    families_.push_back(Family{name, help, type, {}});
    family = &families_.back();
  }
  family->series.push_back(
      Series{std::move(labels), nullptr, nullptr, nullptr});
  return &family->series.back();
}

Counter* MetricsRegistry::AddCounter(const std::string& name,
                                     const std::string& help,
                                     MetricLabels labels) {
  absl::MutexLock lock(&mu_);
  Series* series = AddSeries(name, help, Type::kCounter, std::move(labels));
  series->counter = std::make_unique<Counter>();
  return series->counter.get();
}

Gauge* MetricsRegistry::AddGauge(const std::string& name,
                                 const std::string& help, MetricLabels labels) {
  absl::MutexLock lock(&mu_);
  Series* series = AddSeries(name, help, Type::kGauge, std::move(labels));
  series->gauge = std::make_unique<Gauge>();
  return series->gauge.get();
}

Histogram* MetricsRegistry::AddHistogram(const std::string& name,
                                         const std::string& help,
                                         std::vector<double> upper_bounds,
                                         MetricLabels labels) {
  absl::MutexLock lock(&mu_);
  Series* series = AddSeries(name, help, Type::kHistogram, std::move(labels));
  series->histogram = std::make_unique<Histogram>(std::move(upper_bounds));
  return series->histogram.get();
}

void MetricsRegistry::AddCollector(Collector collector) {
  absl::MutexLock lock(&mu_);
  collectors_.push_back(std::move(collector));
}

std::string MetricsRegistry::Render() const {
  std::string out;
  std::vector<Collector> collectors;
  {
    absl::MutexLock lock(&mu_);
    for (const Family& family : families_) {
      AppendHeader(family.name, family.help,
                   TypeName(family.type == Type::kHistogram,
                            family.type == Type::kCounter),
                   &out);
      for (const Series& s : family.series) {
        if (s.histogram != nullptr) {
          AppendHistogram(family.name, s.labels, *s.histogram, &out);
        } else {
          const double value = s.counter != nullptr
                                   ? static_cast<double>(s.counter->value())
                                   : s.gauge->value();
          absl::StrAppend(&out, SeriesName(family.name, s.labels), " ",
                          FormatMetricValue(value), "\n");
        }
      }
    }
    collectors = collectors_;
  }
  // Collectors run unlocked: they may be slow (a directory walk).
  std::string last_name;
  for (const Collector& collector : collectors) {
    for (const CollectedSample& sample : collector()) {
      if (sample.name != last_name) {
        AppendHeader(
            sample.name, sample.help,
            TypeName(false, sample.type == CollectedSample::Type::kCounter),
            &out);
        last_name = sample.name;
      }
      absl::StrAppend(&out, SeriesName(sample.name, sample.labels), " ",
                      FormatMetricValue(sample.value), "\n");
    }
  }
  return out;
}

std::string SeriesName(const std::string& name, const MetricLabels& labels) {
  if (labels.empty()) return name;
  std::string out = absl::StrCat(name, "{");
  for (size_t i = 0; i < labels.size(); ++i) {
    absl::StrAppend(
        &out, i == 0 ? "" : ",", labels[i].first, "=\"",
        absl::StrReplaceAll(labels[i].second,
                            {{"\\", "\\\\"}, {"\"", "\\\""}, {"\n", "\\n"}}),
        "\"");
  }
  out += "}";
  return out;
}

std::string FormatMetricValue(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  // Integers (counts, bytes) without an exponent; others round-trip.
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    return absl::StrFormat("%.0f", value);
  }
  // The shortest precision that reads back as the same double.
  for (int precision = 1; precision < 17; ++precision) {
    std::string text = absl::StrFormat("%.*g", precision, value);
    if (std::strtod(text.c_str(), nullptr) == value) return text;
  }
  return absl::StrFormat("%.17g", value);
}

}  // namespace newsindex
