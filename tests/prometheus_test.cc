// Debian's Prometheus server scraping both services on loopback: it must
// find both targets up and return a newsindex series through its HTTP API.
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/cluster.h"
#include "tests/metrics_scrape.h"
#include "tests/wait.h"

namespace newsindex::testing {
namespace {

constexpr char kPrometheus[] = "/usr/bin/prometheus";

class PrometheusTest : public ClusterTest {};

// The series `query` returns, or an empty array while there is none yet.
nlohmann::json QueryResult(int port, const std::string& query) {
  absl::StatusOr<std::string> body =
      HttpGet(port, absl::StrCat("/api/v1/query?query=", query));
  if (!body.ok()) return nlohmann::json::array();
  nlohmann::json answer = nlohmann::json::parse(*body, nullptr, false);
  if (!answer.is_object() || answer.value("status", "") != "success") {
    return nlohmann::json::array();
  }
  return answer["data"]["result"];
}

TEST_F(PrometheusTest, ScrapesBothServicesAndAnswersAQuery) {
  if (!std::filesystem::exists(kPrometheus)) {
    GTEST_SKIP() << kPrometheus << " absent (Debian package prometheus)";
  }
  ASSERT_NO_FATAL_FAILURE(StartIngest(
      {"--metrics-listen=127.0.0.1:0",
       "--metrics-port-file=" + work_dir_ + "/ingest.metrics-port"}));
  ASSERT_NO_FATAL_FAILURE(StartSearch(
      {"--metrics-listen=127.0.0.1:0",
       "--metrics-port-file=" + work_dir_ + "/search.metrics-port"}));
  ASSERT_TRUE(Ingest(TextArticle("p1", "Harbour cranes were repaired.")).ok());
  const std::string ingest_port =
      ReadFileText(work_dir_ + "/ingest.metrics-port");
  const std::string search_port =
      ReadFileText(work_dir_ + "/search.metrics-port");

  const std::string config = work_dir_ + "/prometheus.yml";
  std::ofstream(config) << "global:\n"
                           "  scrape_interval: 1s\n"
                           "  evaluation_interval: 1s\n"
                           "scrape_configs:\n"
                           "  - job_name: ingest\n"
                           "    static_configs:\n"
                           "      - targets: ['127.0.0.1:"
                        << std::stoi(ingest_port)
                        << "']\n"
                           "  - job_name: search\n"
                           "    static_configs:\n"
                           "      - targets: ['127.0.0.1:"
                        << std::stoi(search_port) << "']\n";
  const int port = FreePort();
  ASSERT_GT(port, 0);
  const std::string log = work_dir_ + "/prometheus.log";
  const pid_t pid =
      Spawn({kPrometheus, "--config.file=" + config,
             "--storage.tsdb.path=" + work_dir_ + "/tsdb",
             absl::StrCat("--web.listen-address=127.0.0.1:", port)},
            log);
  ASSERT_GT(pid, 0);
  struct Stop {
    pid_t pid;
    ~Stop() { Terminate(pid); }
  } stop{pid};

  // Until both targets were scraped.
  nlohmann::json up, acked;
  WaitFor(
      [&] {
        up = QueryResult(port, "up%3D%3D1");
        acked = QueryResult(port, "newsindex_ingest_articles_acked_total");
        return up.size() == 2 && acked.size() == 1;
      },
      std::chrono::seconds(60), std::chrono::milliseconds(200));
  ASSERT_EQ(up.size(), 2u) << "targets not up by the deadline; log:\n"
                           << ReadFileText(log);
  ASSERT_EQ(acked.size(), 1u);
  EXPECT_EQ(acked[0]["metric"]["job"], "ingest");
  EXPECT_EQ(acked[0]["value"][1], "1");  // [time, "value"]

  // Every query of the Grafana dashboard is PromQL this Prometheus accepts.
  const nlohmann::json dashboard = nlohmann::json::parse(
      ReadFileText(std::string(NEWSINDEX_SOURCE_DIR) +
                   "/deploy/grafana/newsindex-dashboard.json"));
  int queries = 0;
  for (const nlohmann::json& panel : dashboard["panels"]) {
    if (!panel.contains("targets")) continue;
    for (const nlohmann::json& target : panel["targets"]) {
      std::string expr = target["expr"];
      expr = absl::StrReplaceAll(expr,
                                 {{"$__rate_interval", "1m"}, {"$job", ".*"}});
      absl::StatusOr<std::string> body =
          HttpGet(port, "/api/v1/query?query=" + UrlEncode(expr));
      ASSERT_TRUE(body.ok()) << expr << ": " << body.status();
      EXPECT_EQ(nlohmann::json::parse(*body)["status"], "success") << expr;
      ++queries;
    }
  }
  EXPECT_GT(queries, 20);
}

}  // namespace
}  // namespace newsindex::testing
