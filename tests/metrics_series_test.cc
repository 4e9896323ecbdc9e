// The series both services expose, as written (name and labels in their
// order), against tests/golden/metrics_series.txt: captured from the
// binaries before the metrics moved to prometheus-cpp (issue 31), so that
// no dashboard, alert rule or script that matches the exposition's text
// loses a series or sees it spelt differently.
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

constexpr char kGolden[] = "/tests/golden/metrics_series.txt";

// "<service> <series>" for every sample line of `text`: the line without
// its value, with the build's commit written as "*" (it changes with every
// commit; its presence and place do not).
std::set<std::string> SeriesOf(const std::string& service,
                               const std::string& text) {
  std::set<std::string> series;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    if (line.empty() || line[0] == '#') continue;
    std::string name(line.substr(0, line.rfind(' ')));
    if (const size_t at = name.find("commit=\""); at != std::string::npos) {
      const size_t value = at + 8;
      name.replace(value, name.find('"', value) - value, "*");
    }
    series.insert(absl::StrCat(service, " ", name));
  }
  return series;
}

// The golden file's lines, without comments and blank lines.
std::set<std::string> GoldenSeries() {
  std::set<std::string> series;
  const std::string text =
      ReadFileText(std::string(NEWSINDEX_SOURCE_DIR) + kGolden);
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
  std::set<std::string> exposed;
  for (const char* service : {"ingest", "search"}) {
    const int port = std::stoi(
        ReadFileText(absl::StrCat(work_dir_, "/", service, ".metrics-port")));
    absl::StatusOr<std::string> body = HttpGet(port, "/metrics");
    ASSERT_TRUE(body.ok()) << body.status();
    exposed.merge(SeriesOf(absl::StrCat(service, "-service"), *body));
  }
  const std::set<std::string> golden = GoldenSeries();
  ASSERT_GT(golden.size(), 500u) << "golden file missing or truncated";
  EXPECT_EQ(Missing(golden, exposed), "") << "series no longer exposed";
  EXPECT_EQ(Missing(exposed, golden), "") << "series not exposed before";
}

}  // namespace
}  // namespace newsindex::testing
