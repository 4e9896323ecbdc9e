// Both services with --metrics-listen: /metrics before and after ingests
// and searches, checked by the amounts the calls must have added, and by
// Prometheus's own promtool; request ids in metadata and JSON logs.
#include <filesystem>
#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/cluster.h"
#include "tests/metrics_scrape.h"

namespace newsindex::testing {
namespace {

using ::testing::HasSubstr;

constexpr char kPromtool[] = "/usr/bin/promtool";

std::string Rpc(const std::string& service, const std::string& method,
                const std::string& type) {
  return absl::StrCat("grpc_service=\"newsindex.v1.", service,
                      "\",grpc_method=\"", method, "\",grpc_type=\"", type,
                      "\"");
}

class ObservabilityTest : public ClusterTest {
 protected:
  // Both services with metrics on a free port each; `extra` for both.
  void StartBoth(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> ingest_args = {
        "--metrics-listen=127.0.0.1:0",
        "--metrics-port-file=" + work_dir_ + "/ingest.metrics-port"};
    ingest_args.insert(ingest_args.end(), extra.begin(), extra.end());
    ASSERT_NO_FATAL_FAILURE(StartIngest(ingest_args));
    std::vector<std::string> search_args = {
        "--workers=1", "--metrics-listen=127.0.0.1:0",
        "--metrics-port-file=" + work_dir_ + "/search.metrics-port"};
    search_args.insert(search_args.end(), extra.begin(), extra.end());
    ASSERT_NO_FATAL_FAILURE(StartSearch(search_args));
    ingest_metrics_port_ =
        std::stoi(ReadFileText(work_dir_ + "/ingest.metrics-port"));
    search_metrics_port_ =
        std::stoi(ReadFileText(work_dir_ + "/search.metrics-port"));
  }

  std::string Scrape(int port) {
    absl::StatusOr<std::string> body = HttpGet(port, "/metrics");
    EXPECT_TRUE(body.ok()) << body.status();
    return body.ok() ? *body : "";
  }

  // promtool's verdict on `text`; "" when it accepts it.
  std::string PromtoolProblems(const std::string& text,
                               const std::string& name) {
    const std::string path = work_dir_ + "/" + name + ".prom";
    std::ofstream(path) << text;
    std::string out;
    const int rc = RunCommand(
        {"/bin/sh", "-c",
         absl::StrCat(kPromtool, " check metrics < ", path, " 2>&1")},
        &out);
    return rc == 0 ? "" : absl::StrCat("exit ", rc, ": ", out);
  }

  int ingest_metrics_port_ = 0;
  int search_metrics_port_ = 0;
};

TEST_F(ObservabilityTest, CountersAndHistogramsMoveByTheCallsMade) {
  ASSERT_NO_FATAL_FAILURE(StartBoth());
  const Samples ingest_before = ParseSamples(Scrape(ingest_metrics_port_));
  const Samples search_before = ParseSamples(Scrape(search_metrics_port_));

  // Three accepted unary ingests (one a near-duplicate of another), one
  // refused, and a stream of three.
  const std::string text =
      "Acme Corporation opened a factory in Springfield on Monday, hiring "
      "four hundred workers to build electric buses for the city.";
  ASSERT_TRUE(Ingest(TextArticle("a1", text)).ok());
  ASSERT_TRUE(Ingest(TextArticle("a2", text)).ok());  // near-duplicate of a1
  ASSERT_TRUE(Ingest(TextArticle("a3",
                                 "Quarterly wheat harvest figures were "
                                 "released by the ministry today."))
                  .ok());
  EXPECT_EQ(Ingest(TextArticle("bad", "")).status().code(),
            absl::StatusCode::kInvalidArgument);
  {
    auto context = Context();
    v1::IngestArticlesResponse response;
    auto writer = ingest_stub_->IngestArticles(context.get(), &response);
    for (int i = 0; i < 3; ++i) {
      ASSERT_TRUE(writer->Write(TextArticle(
          absl::StrCat("s", i),
          absl::StrCat("Stream article number ", i,
                       " about harbour cranes and river ferries."))));
    }
    writer->WritesDone();
    ASSERT_TRUE(writer->Finish().ok());
    ASSERT_EQ(response.created(), 3);
  }
  // A search with facets, after the ingests (so it opens the database),
  // then one more ingest and a search that must reopen.
  v1::SearchRequest request;
  request.set_query("factory");
  request.mutable_facets()->set_sources(true);
  v1::SearchResponse response;
  ASSERT_TRUE(search_stub_->Search(Context().get(), request, &response).ok());
  ASSERT_TRUE(Ingest(TextArticle("a4", "Ferries resumed service.")).ok());
  ASSERT_TRUE(Search("ferries").ok());

  const std::string ingest_text = Scrape(ingest_metrics_port_);
  const std::string search_text = Scrape(search_metrics_port_);
  const Samples ingest = ParseSamples(ingest_text);
  const Samples search = ParseSamples(search_text);
  auto di = [&](const std::string& key) {
    return Delta(ingest_before, ingest, key);
  };
  auto ds = [&](const std::string& key) {
    return Delta(search_before, search, key);
  };
  const std::string unary = Rpc("IngestService", "IngestArticle", "unary");
  const std::string stream =
      Rpc("IngestService", "IngestArticles", "client_stream");
  EXPECT_EQ(di("grpc_server_started_total{" + unary + "}"), 5);
  EXPECT_EQ(di("grpc_server_handled_total{" + unary + ",grpc_code=\"OK\"}"), 4);
  EXPECT_EQ(di("grpc_server_handled_total{" + unary +
               ",grpc_code=\"INVALID_ARGUMENT\"}"),
            1);
  EXPECT_EQ(di("grpc_server_handling_seconds_count{" + unary + "}"), 5);
  EXPECT_EQ(
      di("grpc_server_handling_seconds_bucket{" + unary + ",le=\"+Inf\"}"), 5);
  EXPECT_GT(di("grpc_server_handling_seconds_sum{" + unary + "}"), 0);
  EXPECT_EQ(di("grpc_server_msg_received_total{" + stream + "}"), 3);
  EXPECT_EQ(di("grpc_server_msg_sent_total{" + stream + "}"), 1);
  EXPECT_EQ(di("grpc_server_handled_total{" + stream + ",grpc_code=\"OK\"}"),
            1);
  EXPECT_EQ(di("newsindex_ingest_articles_acked_total"), 7);
  EXPECT_EQ(
      di("newsindex_ingest_articles_failed_total{reason=\"invalid_argument\"}"),
      1);
  EXPECT_EQ(di("newsindex_ingest_near_duplicates_total"), 1);
  for (const char* stage : {"normalize", "entities", "index"}) {
    EXPECT_EQ(di(absl::StrCat("newsindex_ingest_stage_seconds_count{stage=\"",
                              stage, "\"}")),
              7)
        << stage;
  }
  // Every acked article went through a batch, and one commit per batch.
  EXPECT_EQ(di("newsindex_ingest_batch_size_sum"), 7);
  EXPECT_GE(di("newsindex_ingest_batch_size_count"), 1);
  EXPECT_EQ(di("newsindex_ingest_commit_seconds_count"),
            di("newsindex_ingest_batch_size_count"));
  EXPECT_EQ(Value(ingest, "newsindex_index_documents"), 7);
  EXPECT_GT(di("newsindex_index_revision"), 0);
  EXPECT_GT(Value(ingest, "newsindex_index_last_commit_timestamp_seconds"),
            1.6e9);
  EXPECT_GT(Value(ingest, "newsindex_index_disk_bytes"), 0);
  EXPECT_EQ(Value(ingest, "newsindex_ingest_queue_depth{queue=\"writer\"}"), 0);

  const std::string search_rpc = Rpc("SearchService", "Search", "unary");
  EXPECT_EQ(
      ds("grpc_server_handled_total{" + search_rpc + ",grpc_code=\"OK\"}"), 2);
  EXPECT_EQ(ds("grpc_server_handling_seconds_count{" + search_rpc + "}"), 2);
  for (const char* stage : {"parse", "match", "snippets"}) {
    EXPECT_EQ(ds(absl::StrCat("newsindex_search_stage_seconds_count{stage=\"",
                              stage, "\"}")),
              2)
        << stage;
  }
  EXPECT_EQ(ds("newsindex_search_stage_seconds_count{stage=\"facets\"}"), 1);
  EXPECT_EQ(ds("newsindex_search_matches_estimated_count"), 2);
  EXPECT_GE(ds("newsindex_search_matches_estimated_sum"),
            response.total_size() + 1);
  // One worker: the first search opened the database, the second reopened
  // it after the commit of a4.
  EXPECT_EQ(ds("newsindex_search_reopens_total"), 1);

  for (const Samples* s : {&ingest, &search}) {
    EXPECT_GT(Value(*s, "process_resident_memory_bytes"), 0);
    EXPECT_GT(Value(*s, "process_open_fds"), 0);
    EXPECT_GT(Value(*s, "process_threads"), 1);
    EXPECT_GE(Value(*s, "process_cpu_seconds_total"), 0);
  }
  EXPECT_THAT(search_text,
              HasSubstr("newsindex_build_info{service=\"search-service\","));

  if (!std::filesystem::exists(kPromtool)) {
    GTEST_SKIP() << kPromtool << " absent (Debian package prometheus): the "
                 << "format check did not run";
  }
  EXPECT_EQ(PromtoolProblems(ingest_text, "ingest"), "");
  EXPECT_EQ(PromtoolProblems(search_text, "search"), "");
}

TEST_F(ObservabilityTest, RequestIdsComeBackAndJsonLogsCarryThem) {
  ASSERT_NO_FATAL_FAILURE(
      StartBoth({"--log-format=json", "--log-level=debug"}));
  // The caller's id is used and returned.
  auto context = Context();
  context->AddMetadata("x-request-id", "test-id-42");
  v1::SearchRequest request;
  request.set_query("nothing");
  v1::SearchResponse response;
  ASSERT_TRUE(search_stub_->Search(context.get(), request, &response).ok());
  const auto& returned = context->GetServerInitialMetadata();
  auto it = returned.find("x-request-id");
  ASSERT_NE(it, returned.end());
  EXPECT_EQ(std::string(it->second.data(), it->second.size()), "test-id-42");

  // Without one (or with one that is unusable) the service makes one.
  auto bare = Context();
  bare->AddMetadata("x-request-id", std::string(200, 'x'));
  v1::IngestArticleResponse ingested;
  grpc::Status refused = ingest_stub_->IngestArticle(
      bare.get(), TextArticle("bad", ""), &ingested);
  ASSERT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  auto made = bare->GetServerInitialMetadata().find("x-request-id");
  ASSERT_NE(made, bare->GetServerInitialMetadata().end());
  const std::string made_id(made->second.data(), made->second.size());
  EXPECT_EQ(made_id.size(), 32u);

  // Each call's line: one JSON object with the documented keys.
  search_.reset();  // SIGKILL after the line was written: logs are unbuffered
  ingest_.reset();
  auto find_call = [](const std::string& log, const std::string& id) {
    for (absl::string_view line : absl::StrSplit(log, '\n')) {
      if (line.empty()) continue;
      nlohmann::json object = nlohmann::json::parse(line, nullptr, false);
      EXPECT_FALSE(object.is_discarded()) << "not JSON: " << line;
      if (object.is_object() && object.value("request_id", "") == id) {
        return object;
      }
    }
    return nlohmann::json();
  };
  const nlohmann::json search_line =
      find_call(ReadFileText(work_dir_ + "/search-service.log"), "test-id-42");
  ASSERT_TRUE(search_line.is_object());
  EXPECT_EQ(search_line["method"], "/newsindex.v1.SearchService/Search");
  EXPECT_EQ(search_line["status"], "OK");
  EXPECT_EQ(search_line["level"], "debug");
  EXPECT_THAT(search_line["peer"].get<std::string>(), HasSubstr("127.0.0.1"));
  EXPECT_TRUE(search_line["duration"].is_number());
  EXPECT_TRUE(search_line["time"].is_string());
  EXPECT_TRUE(search_line["message"].is_string());
  const nlohmann::json ingest_line =
      find_call(ReadFileText(work_dir_ + "/ingest-service.log"), made_id);
  ASSERT_TRUE(ingest_line.is_object());
  EXPECT_EQ(ingest_line["status"], "INVALID_ARGUMENT");
  EXPECT_EQ(ingest_line["level"], "info");
}

// newsctl sends its own id, prints it with --verbose and on errors, and the
// service logs the call under it.
TEST_F(ObservabilityTest, NewsctlPrintsTheRequestIdTheServiceLogs) {
  ASSERT_NO_FATAL_FAILURE(
      StartSearch({"--log-format=json", "--log-level=debug"}));
  auto newsctl = [&](const std::string& args) {
    std::string out;
    RunCommand({"/bin/sh", "-c",
                absl::StrCat(BinaryPath("newsctl"), " --search-addr=",
                             search_->address(), " ", args, " 2>&1")},
               &out);
    return out;
  };
  const std::string verbose = newsctl("--verbose search harbour");
  const size_t at = verbose.find("request id ");
  ASSERT_NE(at, std::string::npos) << verbose;
  const std::string id = verbose.substr(at + 11, 32);
  EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos);
  const std::string failed = newsctl("get no-such-article");
  EXPECT_THAT(failed, HasSubstr("NOT_FOUND"));
  EXPECT_THAT(failed,
              ::testing::ContainsRegex("\\[request id [0-9a-f]{32}\\]"));
  search_.reset();
  EXPECT_THAT(ReadFileText(work_dir_ + "/search-service.log"),
              HasSubstr("\"request_id\":\"" + id + "\""));
}

TEST_F(ObservabilityTest, MetricsAreOffByDefault) {
  ASSERT_NO_FATAL_FAILURE(StartIngest());
  EXPECT_THAT(ReadFileText(work_dir_ + "/ingest-service.log"),
              ::testing::Not(HasSubstr("serving metrics")));
}

}  // namespace
}  // namespace newsindex::testing
