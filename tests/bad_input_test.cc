// Bad input gets a precise status, and nothing already stored is lost.
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/cluster.h"

namespace newsindex::testing {
namespace {

using ::testing::HasSubstr;

constexpr int kLimit = 20000;  // --max-article-bytes for these tests

class BadInputTest : public ClusterTest {
 protected:
  void SetUp() override {
    ClusterTest::SetUp();
    ASSERT_NO_FATAL_FAILURE(
        StartIngest({absl::StrCat("--max-article-bytes=", kLimit)}));
    ASSERT_NO_FATAL_FAILURE(StartSearch());
    ASSERT_TRUE(
        Ingest(TextArticle("keep", "Kept story\n\nThe heron stays.")).ok());
  }

  void ExpectStoredArticleIntact() {
    auto kept = Get("keep");
    ASSERT_TRUE(kept.ok()) << kept.status();
    EXPECT_EQ(kept->title(), "Kept story");
  }
};

TEST_F(BadInputTest, EachBadArticleGetsAPreciseStatus) {
  struct Case {
    const char* name;
    v1::IngestArticleRequest request;
    absl::StatusCode code;
    const char* message;
  };
  std::vector<Case> cases;
  {
    v1::IngestArticleRequest r;
    r.mutable_article()->set_id("none");
    cases.push_back({"no content", r, absl::StatusCode::kInvalidArgument,
                     "article.content"});
  }
  cases.push_back({"empty text", TextArticle("e", ""),
                   absl::StatusCode::kInvalidArgument, "article.text"});
  // A title line alone is visible text: kept with a warning, never refused
  // (normalizer_test TinyArticles).
  {
    v1::IngestArticleRequest r;
    r.mutable_article()->set_raw(
        std::string("\x00\x01\x02\x03\x04\x05\x06\x07", 8) +
        std::string(200, '\x01'));
    cases.push_back(
        {"binary", r, absl::StatusCode::kInvalidArgument, "not text"});
  }
  {
    v1::IngestArticleRequest r;
    r.mutable_article()->set_html(
        "<html><body><script>x()</script></body></html>");
    cases.push_back({"html without body text", r,
                     absl::StatusCode::kInvalidArgument, "article.html"});
  }
  cases.push_back(
      {"over the limit",
       TextArticle("big", "Big\n\n" + std::string(kLimit + 10, 'a')),
       absl::StatusCode::kResourceExhausted, "article.text"});
  cases.push_back({"id with control characters",
                   TextArticle("bad\nid", "T\n\nBody."),
                   absl::StatusCode::kInvalidArgument, "article.id"});
  {
    v1::IngestArticleRequest r = TextArticle("ts", "T\n\nBody.");
    r.mutable_article()->mutable_published_at()->set_seconds(-99999999999999);
    cases.push_back({"timestamp out of range", r,
                     absl::StatusCode::kInvalidArgument, "published_at"});
  }
  for (const Case& c : cases) {
    auto response = Ingest(c.request);
    EXPECT_EQ(response.status().code(), c.code)
        << c.name << ": " << response.status();
    EXPECT_THAT(std::string(response.status().message()), HasSubstr(c.message))
        << c.name;
  }
  ExpectStoredArticleIntact();
}

TEST_F(BadInputTest, MessageOverTheGrpcLimitIsResourceExhausted) {
  auto response = Ingest(
      TextArticle("huge", "Huge\n\n" + std::string(kLimit + 200000, 'b')));
  EXPECT_EQ(response.status().code(), absl::StatusCode::kResourceExhausted);
  ExpectStoredArticleIntact();
}

TEST_F(BadInputTest, InvalidUtf8InRawBytesIsRepairedAndReported) {
  v1::IngestArticleRequest r;
  r.mutable_article()->set_id("latin1");
  // "Café news" in Latin-1: not UTF-8.
  r.mutable_article()->set_raw(
      "Caf\xE9 news\n\nThe caf\xE9 opened in Lyon today.");
  auto response = Ingest(r);
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->article().title(), "Caf\xC3\xA9 news");
  ASSERT_GE(response->warnings_size(), 1);
  EXPECT_THAT(response->warnings(0), HasSubstr("decoded from"));
}

TEST_F(BadInputTest, StreamReportsEachItemByPosition) {
  auto context = Context();
  v1::IngestArticlesResponse summary;
  auto writer = ingest_stub_->IngestArticles(context.get(), &summary);
  ASSERT_TRUE(writer->Write(TextArticle("s0", "Good zero\n\nFine body.")));
  ASSERT_TRUE(writer->Write(TextArticle("s1", "")));
  ASSERT_TRUE(writer->Write(TextArticle("s2", "Good two\n\nFine body.")));
  v1::IngestArticleRequest no_content;
  ASSERT_TRUE(writer->Write(no_content));
  ASSERT_TRUE(writer->Write(TextArticle("s4", "Good four\n\nFine body.")));
  writer->WritesDone();
  ASSERT_TRUE(writer->Finish().ok());
  EXPECT_EQ(summary.received(), 5);
  EXPECT_EQ(summary.created(), 3);
  EXPECT_EQ(summary.failed(), 2);
  ASSERT_EQ(summary.results_size(), 5);
  const int want_codes[] = {0, 3, 0, 3, 0};
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(summary.results(i).index(), i);
    EXPECT_EQ(summary.results(i).status().code(), want_codes[i]) << i;
  }
  EXPECT_TRUE(Get("s4").ok());
  EXPECT_EQ(Get("s1").status().code(), absl::StatusCode::kNotFound);
  ExpectStoredArticleIntact();
}

TEST_F(BadInputTest, DeleteWithoutIdIsInvalidArgument) {
  v1::DeleteArticleRequest del;
  v1::DeleteArticleResponse response;
  EXPECT_EQ(
      ingest_stub_->DeleteArticle(Context().get(), del, &response).error_code(),
      grpc::StatusCode::INVALID_ARGUMENT);
}

}  // namespace
}  // namespace newsindex::testing
