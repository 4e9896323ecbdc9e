// End to end: articles go in through ingest-service and come out of
// search-service, two real processes over one database.
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "api/proto_convert.h"
#include "cli/raw_input.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/cluster.h"

namespace newsindex::testing {
namespace {

using ::testing::HasSubstr;

// Streams every article of `dir` (recursively) to ingest-service.
v1::IngestArticlesResponse IngestDirectory(v1::IngestService::Stub* stub,
                                           const std::string& dir) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() != ".md") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  auto context = Context();
  v1::IngestArticlesResponse response;
  auto writer = stub->IngestArticles(context.get(), &response);
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream contents;
    contents << in.rdbuf();
    for (InputItem& item : ReadInput(file.string(), contents.str())) {
      EXPECT_TRUE(item.article.ok()) << item.origin;
      if (!item.article.ok()) continue;
      v1::IngestArticleRequest request;
      ToProto(*item.article, request.mutable_article());
      EXPECT_TRUE(writer->Write(request));
    }
  }
  writer->WritesDone();
  grpc::Status status = writer->Finish();
  EXPECT_TRUE(status.ok()) << status.error_message();
  return response;
}

class IngestSearchTest : public ClusterTest {
 protected:
  void SetUp() override {
    ClusterTest::SetUp();
    ASSERT_NO_FATAL_FAILURE(StartIngest());
    ASSERT_NO_FATAL_FAILURE(StartSearch());
  }
};

TEST_F(IngestSearchTest, SampleArticlesAreFoundByTextPhraseAndEntity) {
  v1::IngestArticlesResponse summary = IngestDirectory(
      ingest_stub_.get(), std::string(NEWSINDEX_SOURCE_DIR) + "/examples");
  EXPECT_GE(summary.received(), 8);
  EXPECT_EQ(summary.failed(), 0);
  EXPECT_EQ(summary.created(), summary.received());
  for (int i = 0; i < summary.results_size(); ++i) {
    EXPECT_EQ(summary.results(i).index(), i);
    EXPECT_EQ(summary.results(i).status().code(), 0);
  }

  auto text = Search("wheat Caspian");
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_GE(text->hits_size(), 1);

  auto phrase = Search("\"grain export corridor\"");
  ASSERT_TRUE(phrase.ok()) << phrase.status();
  ASSERT_GE(phrase->hits_size(), 2);
  for (const v1::SearchHit& hit : phrase->hits()) {
    EXPECT_THAT(hit.article().body(), HasSubstr("grain export corridor"));
    EXPECT_THAT(hit.snippet(), HasSubstr("<em>"));
    EXPECT_GT(hit.score(), 0);
  }

  auto entity = Search("place:Kazakhstan");
  ASSERT_TRUE(entity.ok()) << entity.status();
  ASSERT_GE(entity->hits_size(), 2);
  for (const v1::SearchHit& hit : entity->hits()) {
    bool has_kazakhstan = false;
    for (const v1::Entity& e : hit.article().entities()) {
      if (e.id() == "country:kz") has_kazakhstan = true;
    }
    EXPECT_TRUE(has_kazakhstan) << hit.article().title();
  }
  // The canonical id and another name resolve to the same entity.
  auto by_id = Search("place:country:kz");
  ASSERT_TRUE(by_id.ok());
  EXPECT_EQ(by_id->total_size(), entity->total_size());
}

TEST_F(IngestSearchTest, SeedArticlesFromSharedCorpus) {
  const std::string seeds = std::string(NEWSINDEX_SHARED_DIR) + "/corpus/seeds";
  if (!std::filesystem::exists(seeds)) {
    GTEST_SKIP() << "../shared/corpus/seeds is absent; skipping seed test";
  }
  v1::IngestArticlesResponse summary =
      IngestDirectory(ingest_stub_.get(), seeds);
  EXPECT_EQ(summary.failed(), 0);
  EXPECT_EQ(summary.created(), 5);
  auto taliban = Search("Taliban");
  ASSERT_TRUE(taliban.ok());
  EXPECT_GE(taliban->hits_size(), 3);
  auto russia = Search("place:Russia");
  ASSERT_TRUE(russia.ok());
  EXPECT_GE(russia->hits_size(), 3);
  int titled = 0;
  for (const v1::IngestItemResult& r : summary.results()) {
    auto article = Get(r.id());
    ASSERT_TRUE(article.ok()) << article.status();
    if (!article->title().empty()) ++titled;
    EXPECT_FALSE(article->body().empty());
    EXPECT_EQ(article->content_hash().size(), 64u);
  }
  // Seed 004 has no title line at all; the others do.
  EXPECT_EQ(titled, 4);
}

TEST_F(IngestSearchTest, SameIdReplacesAndDeleteRemoves) {
  auto first =
      Ingest(TextArticle("story-1", "Old headline\n\nThe zebra crossed."));
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_TRUE(first->created());
  EXPECT_EQ(first->id(), "story-1");
  EXPECT_EQ(first->article().title(), "Old headline");

  auto second =
      Ingest(TextArticle("story-1", "New headline\n\nThe giraffe crossed."));
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_FALSE(second->created());

  auto zebra = Search("zebra");
  ASSERT_TRUE(zebra.ok());
  EXPECT_EQ(zebra->hits_size(), 0);
  auto giraffe = Search("giraffe");
  ASSERT_TRUE(giraffe.ok());
  ASSERT_EQ(giraffe->hits_size(), 1);
  EXPECT_EQ(giraffe->hits(0).article().title(), "New headline");

  v1::DeleteArticleRequest del;
  del.set_id("story-1");
  v1::DeleteArticleResponse deleted;
  EXPECT_TRUE(ingest_stub_->DeleteArticle(Context().get(), del, &deleted).ok());
  EXPECT_EQ(Get("story-1").status().code(), absl::StatusCode::kNotFound);
  grpc::Status again =
      ingest_stub_->DeleteArticle(Context().get(), del, &deleted);
  EXPECT_EQ(again.error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(IngestSearchTest, IdIsDerivedFromUrlElseContent) {
  v1::IngestArticleRequest with_url =
      TextArticle("", "Title\n\nBody text here.");
  with_url.mutable_article()->set_url("https://example.org/a");
  auto a = Ingest(with_url);
  auto b = Ingest(with_url);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->id(), b->id());
  EXPECT_TRUE(absl::StartsWith(a->id(), "u-"));
  EXPECT_FALSE(b->created());

  auto c = Ingest(TextArticle("", "Title\n\nOther body text."));
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(absl::StartsWith(c->id(), "h-"));
}

TEST_F(IngestSearchTest, LongIdsAreStoredAndFound) {
  const std::string long_id(600, 'x');
  auto response = Ingest(TextArticle(long_id, "Long id\n\nA platypus story."));
  ASSERT_TRUE(response.ok()) << response.status();
  auto article = Get(long_id);
  ASSERT_TRUE(article.ok()) << article.status();
  EXPECT_EQ(article->id(), long_id);
}

TEST_F(IngestSearchTest, PaginationWalksAllResultsExactlyOnce) {
  for (int i = 0; i < 23; ++i) {
    ASSERT_TRUE(
        Ingest(TextArticle(absl::StrCat("p", i),
                           absl::StrCat("Otter report ", i,
                                        "\n\nOtters seen at river ", i)))
            .ok());
  }
  std::set<std::string> seen;
  std::string token;
  int pages = 0;
  do {
    // These short articles differ in one number, so some are near
    // duplicates: collapse is off to walk every one.
    auto page = Search("otters", 5, token, /*collapse=*/false);
    ASSERT_TRUE(page.ok()) << page.status();
    for (const auto& hit : page->hits()) {
      EXPECT_TRUE(seen.insert(hit.article().id()).second) << hit.article().id();
    }
    token = page->next_page_token();
    ++pages;
  } while (!token.empty() && pages < 10);
  EXPECT_EQ(seen.size(), 23u);
  EXPECT_EQ(pages, 5);

  // A token is bound to its query.
  auto first = Search("otters", 5, "", /*collapse=*/false);
  ASSERT_TRUE(first.ok());
  auto mismatched =
      Search("river", 5, first->next_page_token(), /*collapse=*/false);
  EXPECT_EQ(mismatched.status().code(), absl::StatusCode::kInvalidArgument);
  // The same query with collapse on is another request.
  EXPECT_EQ(Search("otters", 5, first->next_page_token()).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Search("otters", 5, "garbage!").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Search("otters", -1).status().code(),
            absl::StatusCode::kInvalidArgument);
  // Oversized pages are capped at 100, not refused.
  EXPECT_TRUE(Search("otters", 1000).ok());
}

TEST_F(IngestSearchTest, NearDuplicateIsReportedAndCollapsed) {
  const std::string story =
      "The harbour authority in Mombasa said on Tuesday that grain ships "
      "would get priority berths for the next three months, after a week of "
      "delays left vessels waiting offshore.\n\nPort officials expect the "
      "backlog to clear by the end of the month, the authority said, as "
      "night shifts resume at the main terminal.";
  auto first =
      Ingest(TextArticle("orig", "Grain ships get priority\n\n" + story));
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_TRUE(first->duplicate_of().empty());
  // The same story scraped again with a site's furniture around it.
  auto again = Ingest(TextArticle(
      "rescrape", "Grain ships get priority\n\nHome | World | Business\n\n" +
                      story + "\n\nRelated Stories\n\nHarbour News"));
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->duplicate_of(), "orig");
  EXPECT_EQ(again->article().cluster_key(), first->article().cluster_key());
  // A different story on the same topic is not a duplicate.
  auto other = Ingest(
      TextArticle("other",
                  "Tea prices fall\n\nTea auction prices in Mombasa fell for a "
                  "third week as buyers from Pakistan and Egypt held back, "
                  "brokers said on Wednesday, blaming a strong shilling."));
  ASSERT_TRUE(other.ok());
  EXPECT_TRUE(other->duplicate_of().empty());

  auto collapsed = Search("Mombasa");
  ASSERT_TRUE(collapsed.ok());
  EXPECT_EQ(collapsed->hits_size(), 2);
  EXPECT_EQ(collapsed->collapsed(), 1);
  auto all = Search("Mombasa", 10, "", /*collapse=*/false);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->hits_size(), 3);
}

TEST_F(IngestSearchTest, UnparseableQueryIsInvalidArgument) {
  ASSERT_TRUE(Ingest(TextArticle("q1", "Query test\n\nSome words.")).ok());
  auto bad = Search("words AND");
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(bad.status().message()), HasSubstr("query"));
}

TEST_F(IngestSearchTest, UnknownIdIsNotFound) {
  EXPECT_EQ(Get("no-such-id").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(Get("").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(IngestSearchTest, NewsctlJsonFollowsCanonicalMapping) {
  ASSERT_TRUE(
      Ingest(TextArticle("cli-1", "Walrus news\n\nA walrus in Norway.")).ok());
  ASSERT_TRUE(
      Ingest(TextArticle("cli-2",
                         "Walrus again\n\nA walrus in Norway and Russia."))
          .ok());
  std::string out;
  const int rc = RunCommand(
      {BinaryPath("newsctl"), "search", "walrus", "--limit=1", "--json"}, &out,
      {"NEWSINDEX_SEARCH_ADDR=" + search_->address()});
  ASSERT_EQ(rc, 0) << out;
  EXPECT_THAT(out, HasSubstr("\"hits\""));
  EXPECT_THAT(out, HasSubstr("\"article\""));
  EXPECT_THAT(out, HasSubstr("\"id\": \"cli-"));
  EXPECT_THAT(out, HasSubstr("\"title\": \"Walrus"));
  EXPECT_THAT(out, HasSubstr("\"nextPageToken\""));
  EXPECT_THAT(out, HasSubstr("\"entities\""));
  EXPECT_THAT(out, HasSubstr("\"name\": \"Norway\""));

  std::string missing;
  EXPECT_NE(RunCommand({BinaryPath("newsctl"), "get", "nope", "--search_addr",
                        search_->address()},
                       &missing),
            0);
  std::string health;
  EXPECT_EQ(
      RunCommand({BinaryPath("newsctl"), "health", "--ingest_addr",
                  ingest_->address(), "--search_addr", search_->address()},
                 &health),
      0)
      << health;
  EXPECT_THAT(health, HasSubstr("SERVING"));
}

}  // namespace
}  // namespace newsindex::testing
