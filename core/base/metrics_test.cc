#include "core/base/metrics.h"

#include <string>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newsindex {
namespace {

using ::testing::HasSubstr;

TEST(HistogramTest, BucketsAreLessThanOrEqualAndCumulative) {
  Histogram histogram({1, 2, 5});
  for (double v : {0.5, 1.0, 1.5, 2.0, 4.0, 7.0}) histogram.Observe(v);
  const Histogram::Snapshot s = histogram.Read();
  EXPECT_EQ(s.cumulative, (std::vector<uint64_t>{2, 4, 5, 6}));
  EXPECT_EQ(s.count, 6u);
  EXPECT_DOUBLE_EQ(s.sum, 16.0);
}

TEST(HistogramTest, ConcurrentObservationsAreAllCounted) {
  Histogram histogram(LatencyBuckets());
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10000; ++i) histogram.Observe(0.001);
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(histogram.Read().count, 40000u);
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

TEST(FormatTest, Values) {
  struct Case {
    double value;
    const char* text;
  };
  const Case cases[] = {{0, "0"},
                        {3, "3"},
                        {0.0001, "0.0001"},
                        {2.5, "2.5"},
                        {1.0 / 3, "0.3333333333333333"},
                        {1e300 * 1e10, "+Inf"}};
  for (const Case& c : cases) {
    EXPECT_EQ(FormatMetricValue(c.value), c.text) << c.value;
  }
}

TEST(SeriesNameTest, EscapesLabelValues) {
  EXPECT_EQ(SeriesName("m", {}), "m");
  EXPECT_EQ(SeriesName("m", {{"a", "x\"y\\z\nw"}, {"b", "2"}}),
            "m{a=\"x\\\"y\\\\z\\nw\",b=\"2\"}");
}

TEST(RegistryTest, RendersTheTextFormat) {
  MetricsRegistry registry;
  registry.AddCounter("requests_total", "Requests.", {{"code", "OK"}})
      ->Increment(3);
  registry.AddCounter("requests_total", "ignored", {{"code", "NOT_FOUND"}});
  registry.AddGauge("depth", "Queue\ndepth.")->Set(7);
  registry.AddHistogram("seconds", "Latency.", {0.1, 1})->Observe(0.5);
  registry.AddCollector([] {
    return std::vector<CollectedSample>{
        {"open_fds", "Open fds.", CollectedSample::Type::kGauge, {}, 12}};
  });
  EXPECT_EQ(registry.Render(),
            "# HELP requests_total Requests.\n"
            "# TYPE requests_total counter\n"
            "requests_total{code=\"OK\"} 3\n"
            "requests_total{code=\"NOT_FOUND\"} 0\n"
            "# HELP depth Queue\\ndepth.\n"
            "# TYPE depth gauge\n"
            "depth 7\n"
            "# HELP seconds Latency.\n"
            "# TYPE seconds histogram\n"
            "seconds_bucket{le=\"0.1\"} 0\n"
            "seconds_bucket{le=\"1\"} 1\n"
            "seconds_bucket{le=\"+Inf\"} 1\n"
            "seconds_sum 0.5\n"
            "seconds_count 1\n"
            "# HELP open_fds Open fds.\n"
            "# TYPE open_fds gauge\n"
            "open_fds 12\n");
}

TEST(RegistryTest, HistogramWithLabelsPutsLeLast) {
  MetricsRegistry registry;
  registry.AddHistogram("stage_seconds", "h", {1}, {{"stage", "parse"}});
  EXPECT_THAT(registry.Render(),
              HasSubstr("stage_seconds_bucket{stage=\"parse\",le=\"1\"} 0\n"));
}

}  // namespace
}  // namespace newsindex
