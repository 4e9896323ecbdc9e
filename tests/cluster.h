// A test fixture running ingest-service and search-service over one
// temporary database, with stubs for both.
#ifndef NEWSINDEX_TESTS_CLUSTER_H_
#define NEWSINDEX_TESTS_CLUSTER_H_

#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "newsindex/v1/ingest_service.grpc.pb.h"
#include "newsindex/v1/search_service.grpc.pb.h"
#include "tests/service_process.h"

namespace newsindex::testing {

class ClusterTest : public ::testing::Test {
 public:
  // A plain-text article request with an id.
  static v1::IngestArticleRequest TextArticle(const std::string& id,
                                              const std::string& text);

  // An article as a hostile client sends it: `variant` 0 has a 300-byte
  // language, 1 a body with a long run of capitalised words (one entity
  // name of several hundred bytes), 2 both. Each once put a term over
  // Xapian's 245-byte limit into the index.
  static v1::IngestArticleRequest HostileArticle(const std::string& id,
                                                 int variant);

 protected:
  void SetUp() override;

  // (Re)starts ingest-service on the shared database (layout_args_) with
  // `extra_args`.
  void StartIngest(std::vector<std::string> extra_args = {});
  void StartSearch(std::vector<std::string> extra_args = {});

  absl::StatusOr<v1::IngestArticleResponse> Ingest(
      const v1::IngestArticleRequest& request);
  absl::StatusOr<v1::SearchResponse> Search(const std::string& query,
                                            int page_size = 10,
                                            const std::string& token = "",
                                            bool collapse = true);
  absl::StatusOr<v1::Article> Get(const std::string& id);

  std::string work_dir_;
  std::string db_dir_;
  // How both services name the index: --db=<db_dir_> unless a test says.
  std::vector<std::string> layout_args_;
  std::unique_ptr<ServiceProcess> ingest_;
  std::unique_ptr<ServiceProcess> search_;
  std::unique_ptr<v1::IngestService::Stub> ingest_stub_;
  std::unique_ptr<v1::SearchService::Stub> search_stub_;
};

// A client context with a 30 s deadline.
std::unique_ptr<grpc::ClientContext> Context();

// grpc::Status -> absl::Status, for assertions.
absl::Status FromGrpc(const grpc::Status& status);

}  // namespace newsindex::testing

#endif  // NEWSINDEX_TESTS_CLUSTER_H_
