// The series both services expose, as written (name and labels in their
// order), against tests/golden/metrics_series.txt: captured from the
// binaries before the metrics moved to prometheus-cpp (issue 31), so that
// no dashboard, alert rule or script that matches the exposition's text
// loses a series or sees it spelt differently. The # HELP and # TYPE lines
// likewise, against tests/golden/metrics_help.txt.
//
// prometheus-cpp's Exposer adds the families of its own endpoint
// (exposer_*), which the hand-written listener did not have: those are
// checked against kExposerSeries, apart from the golden files.
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "gtest/gtest.h"
#include "tests/cluster.h"
#include "tests/metrics_scrape.h"

namespace newsindex::testing {
namespace {

constexpr char kGoldenSeries[] = "/tests/golden/metrics_series.txt";
constexpr char kGoldenHelp[] = "/tests/golden/metrics_help.txt";

// prometheus-cpp's Exposer's own series, in each service.
constexpr const char* kExposerSeries[] = {
    "exposer_request_latencies_count",
    "exposer_request_latencies_sum",
    "exposer_request_latencies{quantile=\"0.5\"}",
    "exposer_request_latencies{quantile=\"0.9\"}",
    "exposer_request_latencies{quantile=\"0.99\"}",
    "exposer_scrapes_total",
    "exposer_transferred_bytes_total",
};

struct Exposition {
  std::set<std::string> series;   // "<service> <series>"
  std::set<std::string> help;     // "<service> # HELP ..." and "# TYPE ..."
  std::set<std::string> exposer;  // the Exposer's own, of either kind
};

// Adds `text`'s lines to `out`, each prefixed with "<service> ": sample
// lines without their value and with the build's commit written as "*" (it
// changes with every commit; its presence and place do not) to `series`,
// # HELP and # TYPE lines to `help`, the Exposer's own lines to `exposer`.
void Add(const std::string& service, const std::string& text, Exposition* out) {
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    if (line.empty()) continue;
    const bool comment = line[0] == '#';
    std::string kept(comment ? line : line.substr(0, line.rfind(' ')));
    if (const size_t at = kept.find("commit=\""); at != std::string::npos) {
      const size_t value = at + 8;
      kept.replace(value, kept.find('"', value) - value, "*");
    }
    std::set<std::string>* set = comment ? &out->help : &out->series;
    if (absl::StrContains(kept, "exposer_")) set = &out->exposer;
    set->insert(absl::StrCat(service, " ", kept));
  }
}

// The lines of the golden file `path`, without comments and blank lines.
std::set<std::string> Golden(const char* path) {
  std::set<std::string> series;
  const std::string text =
      ReadFileText(std::string(NEWSINDEX_SOURCE_DIR) + path);
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line[0] == '#') continue;
    series.emplace(line);
  }
  return series;
}

// Lines of `a` that `b` lacks, one a line (for a readable failure).
std::string Missing(const std::set<std::string>& a,
                    const std::set<std::string>& b) {
  std::vector<std::string> out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(),
                      std::back_inserter(out));
  return absl::StrJoin(out, "\n");
}

class MetricsSeriesTest : public ClusterTest {};

TEST_F(MetricsSeriesTest, BothServicesExposeTheSeriesTheyExposedBefore) {
  ASSERT_NO_FATAL_FAILURE(StartIngest(
      {"--metrics-listen=127.0.0.1:0",
       "--metrics-port-file=" + work_dir_ + "/ingest.metrics-port"}));
  ASSERT_NO_FATAL_FAILURE(StartSearch(
      {"--workers=1", "--metrics-listen=127.0.0.1:0",
       "--metrics-port-file=" + work_dir_ + "/search.metrics-port"}));
  Exposition exposed;
  std::set<std::string> exposer_series;
  for (const char* service : {"ingest", "search"}) {
    const int port = std::stoi(
        ReadFileText(absl::StrCat(work_dir_, "/", service, ".metrics-port")));
    absl::StatusOr<std::string> body = HttpGet(port, "/metrics");
    ASSERT_TRUE(body.ok()) << body.status();
    Add(absl::StrCat(service, "-service"), *body, &exposed);
    for (const char* series : kExposerSeries) {
      exposer_series.insert(absl::StrCat(service, "-service ", series));
    }
  }
  const std::set<std::string> golden = Golden(kGoldenSeries);
  ASSERT_GT(golden.size(), 500u) << "golden file missing or truncated";
  EXPECT_EQ(Missing(golden, exposed.series), "") << "series no longer exposed";
  EXPECT_EQ(Missing(exposed.series, golden), "") << "series not exposed before";
  const std::set<std::string> help = Golden(kGoldenHelp);
  ASSERT_GT(help.size(), 80u) << "golden file missing or truncated";
  EXPECT_EQ(Missing(help, exposed.help), "") << "help or type changed";
  EXPECT_EQ(Missing(exposed.help, help), "") << "help or type changed";
  // The Exposer's own: its samples as listed, with a HELP and a TYPE line
  // for each of its three families.
  std::set<std::string> exposer_samples;
  for (const std::string& line : exposed.exposer) {
    if (!absl::StrContains(line, " # ")) exposer_samples.insert(line);
  }
  EXPECT_EQ(exposer_samples, exposer_series);
  EXPECT_EQ(exposed.exposer.size() - exposer_samples.size(), 2u * 2 * 3);
}

}  // namespace
}  // namespace newsindex::testing
