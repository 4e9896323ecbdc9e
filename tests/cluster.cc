#include "tests/cluster.h"

#include <chrono>

#include "absl/strings/str_cat.h"

namespace newsindex::testing {

std::unique_ptr<grpc::ClientContext> Context() {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() +
                        std::chrono::seconds(30));
  return context;
}

absl::Status FromGrpc(const grpc::Status& status) {
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      status.error_message());
}

void ClusterTest::SetUp() {
  work_dir_ = MakeTempDir(
      ::testing::UnitTest::GetInstance()->current_test_info()->name());
  db_dir_ = work_dir_ + "/db";
  layout_args_ = {"--db=" + db_dir_};
}

void ClusterTest::StartIngest(std::vector<std::string> extra_args) {
  extra_args.insert(extra_args.end(), layout_args_.begin(), layout_args_.end());
  auto process = ServiceProcess::Start(BinaryPath("ingest-service"),
                                       std::move(extra_args), work_dir_);
  ASSERT_TRUE(process.ok()) << process.status();
  ingest_ = *std::move(process);
  ingest_stub_ = v1::IngestService::NewStub(ingest_->channel());
}

void ClusterTest::StartSearch(std::vector<std::string> extra_args) {
  extra_args.insert(extra_args.end(), layout_args_.begin(), layout_args_.end());
  auto process = ServiceProcess::Start(BinaryPath("search-service"),
                                       std::move(extra_args), work_dir_);
  ASSERT_TRUE(process.ok()) << process.status();
  search_ = *std::move(process);
  search_stub_ = v1::SearchService::NewStub(search_->channel());
}

v1::IngestArticleRequest ClusterTest::TextArticle(const std::string& id,
                                                  const std::string& text) {
  v1::IngestArticleRequest request;
  request.mutable_article()->set_id(id);
  request.mutable_article()->set_text(text);
  return request;
}

v1::IngestArticleRequest ClusterTest::HostileArticle(const std::string& id,
                                                     int variant) {
  std::string text = absl::StrCat("Hostile ", id, "\n\nIt said that ");
  if (variant != 0) {
    for (int i = 0; i < 80; ++i) {
      const char suffix[] = {static_cast<char>('a' + i % 26),
                             static_cast<char>('a' + i / 26), ' ', '\0'};
      absl::StrAppend(&text, "Quintaro", suffix);
    }
  }
  absl::StrAppend(&text, "met in the hall.");
  v1::IngestArticleRequest request = TextArticle(id, text);
  if (variant != 1)
    request.mutable_article()->set_language(std::string(300, 'x'));
  return request;
}

absl::StatusOr<v1::IngestArticleResponse> ClusterTest::Ingest(
    const v1::IngestArticleRequest& request) {
  v1::IngestArticleResponse response;
  grpc::Status status =
      ingest_stub_->IngestArticle(Context().get(), request, &response);
  if (!status.ok()) return FromGrpc(status);
  return response;
}

absl::StatusOr<v1::SearchResponse> ClusterTest::Search(const std::string& query,
                                                       int page_size,
                                                       const std::string& token,
                                                       bool collapse) {
  v1::SearchRequest request;
  request.set_disable_collapse(!collapse);
  request.set_query(query);
  request.set_page_size(page_size);
  request.set_page_token(token);
  v1::SearchResponse response;
  grpc::Status status =
      search_stub_->Search(Context().get(), request, &response);
  if (!status.ok()) return FromGrpc(status);
  return response;
}

absl::StatusOr<v1::Article> ClusterTest::Get(const std::string& id) {
  v1::GetArticleRequest request;
  request.set_id(id);
  v1::Article article;
  grpc::Status status =
      search_stub_->GetArticle(Context().get(), request, &article);
  if (!status.ok()) return FromGrpc(status);
  return article;
}

}  // namespace newsindex::testing
