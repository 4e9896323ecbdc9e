#include "server/metrics_registry.h"

#include <prometheus/text_serializer.h>

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newsindex {
namespace {

using ::testing::HasSubstr;

// The text exposition of `registry`, as the Exposer serves it.
std::string Exposition(const MetricsRegistry& registry) {
  return prometheus::TextSerializer().Serialize(registry.Collect());
}

TEST(BucketsTest, LatencyBucketsSpanTenthOfAMillisecondToTenSeconds) {
  const std::vector<double> bounds = LatencyBuckets();
  EXPECT_DOUBLE_EQ(bounds.front(), 0.0001);
  EXPECT_DOUBLE_EQ(bounds.back(), 10);
  EXPECT_TRUE(std::is_sorted(bounds.begin(), bounds.end()));
}

TEST(BucketsTest, SizeBucketsEndAtMax) {
  EXPECT_EQ(SizeBuckets(4000),
            (std::vector<double>{1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000,
                                 4000}));
}

TEST(MetricsRegistryTest, SeriesOfOneNameAreOneFamily) {
  MetricsRegistry registry;
  registry.AddCounter("requests_total", "Requests.", {{"code", "OK"}})
      ->Increment(3);
  registry.AddCounter("requests_total", "Requests.", {{"code", "NOT_FOUND"}});
  const std::string text = Exposition(registry);
  EXPECT_THAT(text, HasSubstr("# HELP requests_total Requests.\n"
                              "# TYPE requests_total counter\n"));
  EXPECT_THAT(text, HasSubstr("requests_total{code=\"OK\"} 3\n"));
  EXPECT_THAT(text, HasSubstr("requests_total{code=\"NOT_FOUND\"} 0\n"));
}

// prometheus-cpp sorts labels by name; the exposition keeps the order they
// were registered in, "le" last.
TEST(MetricsRegistryTest, LabelsKeepTheirRegistrationOrder) {
  MetricsRegistry registry;
  registry.AddCounter("calls_total", "Calls.",
                      {{"service", "s"}, {"method", "m"}, {"code", "OK"}});
  registry.AddHistogram("stage_seconds", "h", {1},
                        {{"stage", "parse"}, {"kind", "a"}});
  const std::string text = Exposition(registry);
  EXPECT_THAT(text,
              HasSubstr("calls_total{service=\"s\",method=\"m\",code=\"OK\"} "
                        "0\n"));
  EXPECT_THAT(
      text,
      HasSubstr(
          "stage_seconds_bucket{stage=\"parse\",kind=\"a\",le=\"1\"} 0\n"));
}

TEST(MetricsRegistryTest, HistogramBucketsAreLessThanOrEqualAndCumulative) {
  MetricsRegistry registry;
  Histogram* histogram = registry.AddHistogram("size", "Sizes.", {1, 2, 5});
  for (double v : {0.5, 1.0, 1.5, 2.0, 4.0, 7.0}) histogram->Observe(v);
  const std::string text = Exposition(registry);
  EXPECT_THAT(text, HasSubstr("size_bucket{le=\"1\"} 2\n"));
  EXPECT_THAT(text, HasSubstr("size_bucket{le=\"2\"} 4\n"));
  EXPECT_THAT(text, HasSubstr("size_bucket{le=\"5\"} 5\n"));
  EXPECT_THAT(text, HasSubstr("size_bucket{le=\"+Inf\"} 6\n"));
  EXPECT_THAT(text, HasSubstr("size_count 6\n"));
  EXPECT_THAT(text, HasSubstr("size_sum 16\n"));
}

TEST(MetricsRegistryTest, ConcurrentUpdatesAreAllCounted) {
  MetricsRegistry registry;
  Histogram* histogram =
      registry.AddHistogram("seconds", "s", LatencyBuckets());
  Counter* counter = registry.AddCoreCounter("events_total", "Events.");
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10000; ++i) {
        histogram->Observe(0.001);
        counter->Increment();
      }
    });
  }
  // Scrapes while they update: what a scrape moves into prometheus-cpp is
  // neither lost nor counted twice.
  std::thread scraper([&] {
    for (int i = 0; i < 20; ++i) Exposition(registry);
  });
  for (std::thread& t : threads) t.join();
  scraper.join();
  const std::string text = Exposition(registry);
  EXPECT_THAT(text, HasSubstr("seconds_count 40000\n"));
  EXPECT_THAT(text, HasSubstr("seconds_bucket{le=\"0.001\"} 40000\n"));
  EXPECT_THAT(text, HasSubstr("events_total 40000\n"));
}

TEST(MetricsRegistryTest, HistogramsAccumulateAcrossScrapes) {
  MetricsRegistry registry;
  Histogram* histogram = registry.AddHistogram("size", "Sizes.", {1, 2});
  histogram->Observe(1);
  histogram->Observe(3);
  EXPECT_THAT(Exposition(registry), HasSubstr("size_count 2\n"));
  EXPECT_THAT(Exposition(registry), HasSubstr("size_count 2\n"));
  histogram->Observe(2);
  const std::string text = Exposition(registry);
  EXPECT_THAT(text, HasSubstr("size_bucket{le=\"1\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("size_bucket{le=\"2\"} 2\n"));
  EXPECT_THAT(text, HasSubstr("size_bucket{le=\"+Inf\"} 3\n"));
  EXPECT_THAT(text, HasSubstr("size_count 3\n"));
  EXPECT_THAT(text, HasSubstr("size_sum 6\n"));
}

TEST(MetricsRegistryTest, CollectorsAreReadOnEveryScrape) {
  MetricsRegistry registry;
  int scrapes = 0;
  registry.AddCollector([&scrapes] {
    ++scrapes;
    using Type = CollectedSample::Type;
    return std::vector<CollectedSample>{
        {"depth", "Depth.", Type::kGauge, {{"queue", "a"}}, 7},
        {"depth", "Depth.", Type::kGauge, {{"queue", "b"}}, 0.5},
        {"cpu_seconds_total", "CPU.", Type::kCounter, {}, 12}};
  });
  const std::string text = Exposition(registry);
  EXPECT_THAT(text, HasSubstr("# TYPE depth gauge\n"
                              "depth{queue=\"a\"} 7\n"
                              "depth{queue=\"b\"} 0.5\n"));
  EXPECT_THAT(text, HasSubstr("# TYPE cpu_seconds_total counter\n"
                              "cpu_seconds_total 12\n"));
  Exposition(registry);
  EXPECT_EQ(scrapes, 2);
}

}  // namespace
}  // namespace newsindex
