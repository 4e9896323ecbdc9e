#include "core/search/searcher.h"

#include "core/index/test_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newsindex {
namespace {

using ::testing::HasSubstr;

SearchSpec Spec(const std::string& query, int64_t offset, int limit) {
  SearchSpec spec;
  spec.query = query;
  spec.offset = offset;
  spec.limit = limit;
  return spec;
}

class FakeResolver : public EntityResolver {
 public:
  std::optional<EntityRecord> Resolve(absl::string_view name,
                                      EntityType type) const override {
    if (name != "Oz" && name != "Land of Oz") return std::nullopt;
    EntityRecord record;
    record.id = "country:oz";
    record.name = "Oz";
    record.type = EntityType::kLocation;
    if (type != EntityType::kUnspecified && type != record.type) {
      return std::nullopt;
    }
    return record;
  }
};

class SearcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = FreshDbPath("searcher");
    searcher_ = std::make_unique<Searcher>(path_, &resolver_);
  }
  void OpenWriter() {
    auto writer = IndexWriter::Open(path_);
    ASSERT_TRUE(writer.ok());
    writer_ = *std::move(writer);
  }
  void Add(Article a) { ASSERT_TRUE(UpsertSync(*writer_, a).ok()); }

  std::string path_;
  FakeResolver resolver_;
  std::unique_ptr<Searcher> searcher_;
  std::unique_ptr<IndexWriter> writer_;
};

TEST_F(SearcherTest, NoDatabaseYetMeansNoResults) {
  auto results = searcher_->Search(Spec("anything", 0, 10));
  ASSERT_TRUE(results.ok()) << results.status();
  EXPECT_TRUE(results->hits.empty());
  EXPECT_EQ(searcher_->Get("x").status().code(), absl::StatusCode::kNotFound);
}

TEST_F(SearcherTest, SeesEachNewCommit) {
  OpenWriter();
  Add(MakeArticle("1", "Lions", "Lions roar at night."));
  auto first = searcher_->Search(Spec("lion", 0, 10));  // stemmed
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->hits.size(), 1u);
  Add(MakeArticle("2", "More lions", "A lion pride."));
  auto second = searcher_->Search(Spec("lion", 0, 10));
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->hits.size(), 2u);
}

TEST_F(SearcherTest, QueryFeaturesTable) {
  OpenWriter();
  Article a =
      MakeArticle("a", "Emerald city news",
                  "The wizard spoke in Oz. The wizard's hat was green.");
  a.source = "Oz Times";
  a.language = "en";
  ArticleEntity oz;
  oz.id = "country:oz";
  oz.name = "Oz";
  oz.type = EntityType::kLocation;
  a.entities = {oz};
  Add(a);
  Article b = MakeArticle("b", "Kansas farm report", "Wheat and wizardry.");
  b.source = "Kansas Daily";
  b.language = "de";
  Add(b);
  struct Case {
    std::string query;
    std::vector<std::string> ids;
  };
  const Case cases[] = {
      {"wizard", {"a"}},
      {"wizard*", {"a", "b"}},
      {"\"wizard spoke\"", {"a"}},
      {"\"spoke wizard\"", {}},
      {"\u201cwizard spoke\u201d", {"a"}},  // curly quotes delimit phrases
      {"wizard\u2019s", {"a"}},             // folded like the index
      {"wizard NEAR/4 oz", {"a"}},
      {"wizard ADJ spoke", {"a"}},
      {"spoke ADJ wizard", {}},
      {"date:2026-01-01..", {}},  // undated articles are outside any range
      {"title:emerald", {"a"}},
      {"title:wizard", {}},
      {"source:\"oz times\"", {"a"}},
      {"lang:de", {"b"}},
      {"place:Oz", {"a"}},
      {"entity:\"Land of Oz\"", {"a"}},
      {"person:Oz", {}},
      {"entity:country:oz", {"a"}},
      {"wheat OR wizard", {"a", "b"}},
      {"wizard* NOT wheat", {"a"}},
      {"NOT wheat", {"a"}},
      {"wizard* -wheat", {"a"}},
  };
  for (const Case& c : cases) {
    auto results = searcher_->Search(Spec(c.query, 0, 10));
    ASSERT_TRUE(results.ok()) << c.query << ": " << results.status();
    std::vector<std::string> ids;
    for (const SearchHit& hit : results->hits) ids.push_back(hit.article.id);
    std::sort(ids.begin(), ids.end());
    EXPECT_EQ(ids, c.ids) << c.query;
  }
}

TEST_F(SearcherTest, SnippetHighlightsMatches) {
  OpenWriter();
  Add(MakeArticle("s", "Title", "Nothing here. The falcon flew over the bay."));
  auto results = searcher_->Search(Spec("falcon", 0, 10));
  ASSERT_TRUE(results.ok());
  ASSERT_EQ(results->hits.size(), 1u);
  EXPECT_THAT(results->hits[0].snippet, HasSubstr("<em>falcon</em>"));
}

TEST_F(SearcherTest, PagingAndMore) {
  OpenWriter();
  for (int i = 0; i < 5; ++i) {
    Add(MakeArticle(std::to_string(i), "Bee", "Bees buzz."));
  }
  auto page = searcher_->Search(Spec("bees", 0, 2));
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->hits.size(), 2u);
  EXPECT_TRUE(page->more);
  EXPECT_EQ(page->estimated_total, 5);
  auto last = searcher_->Search(Spec("bees", 4, 2));
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(last->hits.size(), 1u);
  EXPECT_FALSE(last->more);
}

TEST_F(SearcherTest, BadQueryIsInvalidArgument) {
  OpenWriter();
  Add(MakeArticle("x", "T", "b"));
  auto results = searcher_->Search(Spec("a AND", 0, 10));
  EXPECT_EQ(results.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(results.status().message()), HasSubstr("query"));
}

TEST_F(SearcherTest, GetFindsByIdIncludingLongIds) {
  OpenWriter();
  const std::string long_id(400, 'q');
  Add(MakeArticle(long_id, "Long", "Body"));
  auto article = searcher_->Get(long_id);
  ASSERT_TRUE(article.ok()) << article.status();
  EXPECT_EQ(article->id, long_id);
  EXPECT_EQ(searcher_->Get("nope").status().code(),
            absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace newsindex
