// Requests over the limits of search_limits.h: each gets a clear status
// naming the field and the limit, quoting at most 100 bytes of input.
#include "core/search/search_limits.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "core/index/test_util.h"
#include "core/search/query_builder.h"
#include "core/search/query_syntax.h"
#include "core/search/searcher.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newsindex {
namespace {

using ::testing::HasSubstr;

std::string Nested(int depth) {
  return absl::StrCat(std::string(depth, '('), "oil", std::string(depth, ')'));
}

std::string Repeated(const std::string& word, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) absl::StrAppend(&out, word, " ");
  return out;
}

TEST(SearchLimitsTest, QueriesWithinTheLimitsPass) {
  EXPECT_TRUE(CheckQuerySyntax(Nested(kMaxQueryDepth)).ok());
  EXPECT_TRUE(CheckQuerySyntax(Repeated("oil", kMaxQueryTerms)).ok());
}

TEST(SearchLimitsTest, QueriesOverALimitNameItInBriefMessages) {
  struct Case {
    std::string query;
    const char* message;
  };
  const Case cases[] = {
      {Nested(kMaxQueryDepth + 1), "nested deeper than the limit of 32"},
      {Nested(40000), "query: 80003 bytes; the limit is 16384"},
      {Repeated("oil", kMaxQueryTerms + 1), "query: 257 words; the limit"},
      {absl::StrCat("\"", Repeated("oil", 300), "\""), "query: 301 words"},
      {Repeated("oil", 100000), "query: 400000 bytes; the limit is 16384"},
  };
  for (const Case& c : cases) {
    absl::Status s = CheckQuerySyntax(c.query);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(s.message(), HasSubstr(c.message));
    EXPECT_LT(s.message().size(), 200u) << s.message();
  }
}

TEST(SearchLimitsTest, StopTokenReportsDeadlineAndCancellation) {
  StopToken open;
  EXPECT_TRUE(open.Check("x").ok());
  StopToken late;
  late.deadline = absl::Now() - absl::Seconds(1);
  EXPECT_EQ(late.Check("x").code(), absl::StatusCode::kDeadlineExceeded);
  StopToken cancelled;
  cancelled.cancelled = [] { return true; };
  EXPECT_EQ(cancelled.Check("x").code(), absl::StatusCode::kCancelled);
}

class SearcherLimitsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = FreshDbPath("limits");
    auto writer = IndexWriter::Open(path_);
    ASSERT_TRUE(writer.ok());
    writer_ = *std::move(writer);
    Article a = MakeArticle("a", "Oil prices", "oil oil oil");
    ArticleEntity e;
    e.id = "country:oz";
    e.name = "Oz";
    e.type = EntityType::kLocation;
    a.entities.push_back(e);
    ASSERT_TRUE(UpsertSync(*writer_, a).ok());
    searcher_ = std::make_unique<Searcher>(path_, nullptr);
  }
  static void ExpectRefused(const absl::Status& s, const char* message) {
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << s;
    EXPECT_THAT(s.message(), HasSubstr(message));
    EXPECT_LT(s.message().size(), 200u) << s.message();
  }

  std::string path_;
  std::unique_ptr<IndexWriter> writer_;
  std::unique_ptr<Searcher> searcher_;
};

TEST_F(SearcherLimitsTest, DeeplyNestedQueryIsRefusedEverywhereNotCrashing) {
  // 40,000 levels (a few hundred KB) overflowed the matcher's stack.
  const std::string deep = Nested(3000);
  SearchSpec spec;
  spec.query = deep;
  ExpectRefused(searcher_->Search(spec).status(), "nested deeper");
  ExpectRefused(searcher_->RelatedEntities("country:oz", deep, 10).status(),
                "nested deeper");
  ExpectRefused(
      searcher_->Timeline("country:oz", DateInterval::kMonth, deep).status(),
      "nested deeper");
}

TEST_F(SearcherLimitsTest, FilterValuesOverTheLimitAreRefused) {
  SearchSpec spec;
  for (int i = 0; i < 20000; ++i) {
    spec.filter.sources.push_back(absl::StrCat("source", i));
  }
  ExpectRefused(searcher_->Search(spec).status(),
                "filter.sources: 20000 values; the limit is 256");
  spec.filter.sources = {std::string(100000, 's')};
  ExpectRefused(searcher_->Search(spec).status(),
                "filter.sources: 100000 bytes in a value; the limit is 512");
  spec.filter.sources.clear();
  spec.filter.entities.assign(kMaxFilterValues + 1, "oz");
  ExpectRefused(searcher_->Search(spec).status(), "filter.entities: 257");
}

TEST_F(SearcherLimitsTest, ManyCountriesAreRefusedQuickly) {
  // 16,000 country values took 7.6 s before the limit (Xapian builds a
  // chain of OR postlists one level per absent term, before any time limit
  // applies), and kept a worker busy past the caller's deadline.
  SearchSpec spec;
  for (int i = 0; i < 16000; ++i) {
    spec.filter.countries.push_back(absl::StrCat("C", i));
  }
  const absl::Time start = absl::Now();
  ExpectRefused(searcher_->Search(spec).status(),
                "filter.countries: 16000 values; the limit is 256");
  EXPECT_LT(absl::Now() - start, absl::Milliseconds(500));
  spec.filter.countries = {std::string(kMaxFilterValueBytes + 1, 'c')};
  ExpectRefused(searcher_->Search(spec).status(),
                "filter.countries: 513 bytes in a value");
}

TEST(FilterQueryTest, RepeatedFilterValuesBecomeOneTerm) {
  // The same value many times is one term of the query, not many.
  SearchFilter filter;
  filter.countries.assign(kMaxFilterValues, "oz");
  filter.sources.assign(kMaxFilterValues, "Wire");
  filter.entities = {"country:oz", "country:oz", "country:uz"};
  QueryBuilder builder(nullptr);
  absl::StatusOr<BuiltQuery> built = builder.Build(nullptr, "", filter);
  ASSERT_TRUE(built.ok()) << built.status();
  // MatchAll, two entities, one country, one source: 515 terms before.
  EXPECT_EQ(built->query.get_length(), 5u) << built->query.get_description();
}

TEST_F(SearcherLimitsTest, HugeHighlightTagsAreRefused) {
  SearchSpec spec;
  spec.query = "oil";
  spec.highlight_start = std::string(300 * 1024, '<');
  ExpectRefused(searcher_->Search(spec).status(),
                "highlight.pre_tag: 307200 bytes; the limit is 64");
  spec.highlight_start = "<b>";
  spec.highlight_end = std::string(65, '>');
  ExpectRefused(searcher_->Search(spec).status(), "highlight.post_tag: 65");
  spec.highlight_end = "</b>";
  spec.snippet_length = kMaxSnippetLength + 1;
  ExpectRefused(searcher_->Search(spec).status(), "highlight.snippet_length");
}

TEST_F(SearcherLimitsTest, PageStopsShortOfTheResponseLimit) {
  // Each article is a fifth of the limit: a page of 10 would be twice it.
  const std::string body = Repeated("oil", kMaxResponseBytes / 4 / 5);
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(
        UpsertSync(*writer_, MakeArticle(absl::StrCat("big", i), "T", body))
            .ok());
  }
  SearchSpec spec;
  spec.query = "oil";
  spec.limit = 10;
  auto results = searcher_->Search(spec);
  ASSERT_TRUE(results.ok()) << results.status();
  EXPECT_GT(results->hits.size(), 0u);
  EXPECT_LT(results->hits.size(), 10u);
  EXPECT_TRUE(results->more);
  size_t bytes = 0;
  for (const SearchHit& hit : results->hits) bytes += hit.article.body.size();
  EXPECT_LE(bytes, kMaxResponseBytes);
}

TEST_F(SearcherLimitsTest, PassedDeadlineOrCancelledCallStopsTheSearch) {
  SearchSpec spec;
  spec.query = "oil";
  spec.stop.deadline = absl::Now() - absl::Seconds(1);
  EXPECT_EQ(searcher_->Search(spec).status().code(),
            absl::StatusCode::kDeadlineExceeded);
  StopToken late = spec.stop;
  EXPECT_EQ(
      searcher_->RelatedEntities("country:oz", "", 10, late).status().code(),
      absl::StatusCode::kDeadlineExceeded);
  EXPECT_EQ(searcher_->Timeline("country:oz", DateInterval::kMonth, "", late)
                .status()
                .code(),
            absl::StatusCode::kDeadlineExceeded);
  spec.stop = StopToken();
  spec.stop.cancelled = [] { return true; };
  EXPECT_EQ(searcher_->Search(spec).status().code(),
            absl::StatusCode::kCancelled);
}

}  // namespace
}  // namespace newsindex
