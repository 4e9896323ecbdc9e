// The search features end to end (filters, facets, snippets, entities), on the
// seed articles (when
// ../shared is present) and on the project's own examples.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/cluster.h"

namespace newsindex::testing {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

class SeedSearchTest : public ClusterTest {
 protected:
  void SetUp() override {
    const std::filesystem::path seeds =
        std::filesystem::path(NEWSINDEX_SHARED_DIR) / "corpus" / "seeds";
    if (!std::filesystem::exists(seeds)) {
      GTEST_SKIP() << "../shared/corpus/seeds is absent; skipping seed "
                      "search tests";
    }
    ClusterTest::SetUp();
    ASSERT_NO_FATAL_FAILURE(StartIngest());
    ASSERT_NO_FATAL_FAILURE(StartSearch());
    // Each seed is ingested with its number as id: "000" .. "004".
    for (const auto& entry : std::filesystem::directory_iterator(seeds)) {
      const std::string id = entry.path().filename().string().substr(0, 3);
      auto response = Ingest(TextArticle(id, ReadFile(entry.path())));
      ASSERT_TRUE(response.ok()) << id << ": " << response.status();
    }
  }

  v1::SearchResponse Run(v1::SearchRequest request) {
    if (request.page_size() == 0) request.set_page_size(100);
    v1::SearchResponse response;
    grpc::Status status =
        search_stub_->Search(Context().get(), request, &response);
    EXPECT_TRUE(status.ok())
        << request.query() << ": " << status.error_message();
    return response;
  }

  std::set<std::string> Ids(const std::string& query) {
    v1::SearchRequest request;
    request.set_query(query);
    const v1::SearchResponse response = Run(request);
    std::set<std::string> ids;
    for (const auto& hit : response.hits()) ids.insert(hit.article().id());
    return ids;
  }
};

TEST_F(SeedSearchTest, EveryNameOfAnEntityFindsTheSameArticles) {
  // Seeds 000, 002 and 003 name the organisation, as "ISIS-Khorasan
  // (ISKP)", "ISIS-K (Islamic State Khorasan Province)" and others.
  const std::set<std::string> iskp = {"000", "002", "003"};
  EXPECT_EQ(Ids("org:ISKP"), iskp);
  EXPECT_EQ(Ids("org:ISIS-K"), iskp);
  EXPECT_EQ(Ids("org:\"Islamic State Khorasan Province\""), iskp);
  EXPECT_EQ(Ids("entity:org:iskp"), iskp);
  // Free text: the alias is a synonym of the entity.
  EXPECT_EQ(Ids("ISKP"), iskp);
  // Seeds 000 and 001 name Zamir Kabulov.
  EXPECT_EQ(Ids("person:Kabulov"), (std::set<std::string>{"000", "001"}));
  EXPECT_EQ(Ids("person:\"Zamir Kabulov\""),
            (std::set<std::string>{"000", "001"}));
}

// Issue 21: free text agrees with the entity field whichever alias it
// uses, says what it expanded, scores and highlights the alias hits.
TEST_F(SeedSearchTest, FreeTextAliasesAgreeAndAreReported) {
  const std::set<std::string> iskp = {"000", "002", "003"};
  ASSERT_EQ(Ids("org:ISKP"), iskp);
  for (const std::string query :
       {"ISKP", "ISIS-K", "ISIS-Khorasan", "Islamic State Khorasan Province"}) {
    EXPECT_EQ(Ids(query), iskp) << query;
    v1::SearchRequest request;
    request.set_query(query);
    const v1::SearchResponse response = Run(request);
    ASSERT_EQ(response.interpretations_size(), 1) << query;
    EXPECT_EQ(response.interpretations(0).entity_id(), "org:iskp");
    EXPECT_EQ(response.interpretations(0).text(), query);
    // The names searched besides the query's own words.
    EXPECT_THAT(response.interpretations(0).aliases(),
                Contains(query == "ISKP" ? "ISIS-K" : "ISKP"));
    for (const v1::SearchHit& hit : response.hits()) {
      EXPECT_GT(hit.score(), 0) << query << " " << hit.article().id();
      EXPECT_GT(hit.matches_size(), 0) << query << " " << hit.article().id();
      EXPECT_THAT(hit.snippet(), HasSubstr("<em>"))
          << query << " " << hit.article().id();
    }
  }
  v1::SearchRequest literal;
  literal.set_query("ISKP");
  literal.set_expand_aliases(false);
  const v1::SearchResponse only_word = Run(literal);
  EXPECT_EQ(only_word.interpretations_size(), 0);
  EXPECT_EQ(only_word.hits_size(), 1);  // only seed 000 writes "ISKP"

  v1::SearchRequest russia;
  russia.set_query("Russia");
  const v1::SearchResponse r = Run(russia);
  ASSERT_EQ(r.interpretations_size(), 1);
  EXPECT_EQ(r.interpretations(0).entity_id(), "country:ru");
}

TEST_F(SeedSearchTest, EntityFieldHitsAreHighlightedAndUnknownsWarned) {
  for (const std::string query : {"place:Kazan", "org:ISKP", "country:AF"}) {
    v1::SearchRequest request;
    request.set_query(query);
    const v1::SearchResponse response = Run(request);
    ASSERT_GT(response.hits_size(), 0) << query;
    EXPECT_EQ(response.warnings_size(), 0) << query;
    for (const v1::SearchHit& hit : response.hits()) {
      EXPECT_GT(hit.matches_size(), 0) << query << " " << hit.article().id();
      EXPECT_THAT(hit.snippet(), HasSubstr("<em>"))
          << query << " " << hit.article().id();
    }
  }
  v1::SearchRequest atlantis;
  atlantis.set_query("place:Atlantis");
  const v1::SearchResponse none = Run(atlantis);
  EXPECT_EQ(none.hits_size(), 0);
  ASSERT_EQ(none.warnings_size(), 1);
  // Atlantis is in WordNet, in no article; "Atlantica" in neither.
  EXPECT_THAT(none.warnings(0), HasSubstr("place:Atlantis: "));
  EXPECT_THAT(none.warnings(0), HasSubstr("no article mentions it"));
  atlantis.set_query("place:Atlantica");
  const v1::SearchResponse unknown = Run(atlantis);
  ASSERT_EQ(unknown.warnings_size(), 1);
  EXPECT_THAT(unknown.warnings(0),
              HasSubstr("place:Atlantica: no place is known"));
  v1::SearchRequest filtered;
  filtered.mutable_filter()->add_countries("XX");
  const v1::SearchResponse xx = Run(filtered);
  ASSERT_EQ(xx.warnings_size(), 1);
  EXPECT_THAT(xx.warnings(0), HasSubstr("filter.countries: \"XX\""));
}

TEST_F(SeedSearchTest, DateRangeSelectsByPublicationDate) {
  // No seed states its publication date with a year (seed 004's "July 3" is
  // an event, seed 003's date is its quoted post's): each is dated by its
  // ingest time, and says so.
  std::map<std::string, std::string> dates;  // id -> YYYY-MM-DD
  v1::SearchRequest all;
  all.set_query("Taliban");
  const v1::SearchResponse taliban = Run(all);
  absl::Time earliest = absl::InfiniteFuture();
  for (const auto& hit : taliban.hits()) {
    ASSERT_TRUE(hit.article().has_published_at()) << hit.article().id();
    EXPECT_EQ(hit.article().published_at_source(), v1::INGEST_TIME)
        << hit.article().id();
    const absl::Time published =
        absl::FromUnixSeconds(hit.article().published_at().seconds());
    earliest = std::min(earliest, published);
    dates[hit.article().id()] =
        absl::FormatTime("%Y-%m-%d", published, absl::UTCTimeZone());
  }
  ASSERT_GE(dates.size(), 2u);
  for (const auto& [id, day] : dates) {
    EXPECT_THAT(Ids(absl::StrCat("date:", day, "..", day)), Contains(id))
        << day;
    EXPECT_THAT(Ids(absl::StrCat("date:", day, "..")), Contains(id));
  }
  EXPECT_THAT(Ids("date:2026-07-03..2026-07-03"),
              ::testing::Not(Contains("004")));
  EXPECT_TRUE(Ids("date:..2000").empty());

  v1::SearchRequest filtered;
  filtered.set_query("Taliban");
  filtered.mutable_filter()->mutable_published_after()->set_seconds(
      absl::ToUnixSeconds(earliest));
  const v1::SearchResponse later = Run(filtered);
  std::set<std::string> after;
  for (const auto& hit : later.hits()) after.insert(hit.article().id());
  std::set<std::string> want;
  for (const auto& [id, day] : dates) want.insert(id);
  EXPECT_EQ(after, want);
}

TEST_F(SeedSearchTest, FacetsCountWhatTheHitsContain) {
  v1::SearchRequest request;
  request.set_query("Taliban");
  request.mutable_facets()->set_entities(true);
  request.mutable_facets()->set_languages(true);
  request.mutable_facets()->set_date_histogram(v1::MONTH);
  request.mutable_facets()->set_limit(100);
  request.set_disable_collapse(true);
  v1::SearchResponse response = Run(request);
  ASSERT_TRUE(response.has_facets());
  EXPECT_TRUE(response.facets().exact());
  std::map<std::string, int> in_hits;
  int dated = 0;
  for (const auto& hit : response.hits()) {
    for (const auto& e : hit.article().entities()) ++in_hits[e.id()];
    if (hit.article().has_published_at()) ++dated;
  }
  int checked = 0;
  for (const auto* buckets :
       {&response.facets().persons(), &response.facets().organizations(),
        &response.facets().locations(), &response.facets().others()}) {
    for (const v1::FacetBucket& bucket : *buckets) {
      EXPECT_EQ(bucket.count(), in_hits[bucket.value()]) << bucket.value();
      EXPECT_FALSE(bucket.label().empty());
      ++checked;
    }
  }
  EXPECT_GT(checked, 10);
  int histogram_total = 0;
  for (const auto& b : response.facets().date_histogram()) {
    histogram_total += b.count();
  }
  EXPECT_EQ(histogram_total, dated);
  ASSERT_EQ(response.facets().languages_size(), 1);
  EXPECT_EQ(response.facets().languages(0).value(), "en");
  EXPECT_EQ(response.facets().languages(0).count(), response.hits_size());
}

TEST_F(SeedSearchTest, EntityRpcs) {
  v1::SuggestEntitiesRequest suggest;
  suggest.set_prefix("Bar");
  v1::SuggestEntitiesResponse suggestions;
  ASSERT_TRUE(
      search_stub_->SuggestEntities(Context().get(), suggest, &suggestions)
          .ok());
  std::vector<std::string> names;
  for (const auto& e : suggestions.entities()) names.push_back(e.name());
  EXPECT_THAT(names, Contains("Abdul Ghani Baradar"));
  // The press's "Mullah Baradar" (title and surname) finds the article
  // naming Abdul Ghani Baradar (seed 004).
  EXPECT_THAT(Ids("person:\"Mullah Baradar\""), Contains("004"));
  EXPECT_THAT(Ids("person:Baradar"), Contains("004"));

  v1::RelatedEntitiesRequest related;
  related.set_entity("Taliban");
  related.set_limit(10);
  v1::RelatedEntitiesResponse relations;
  ASSERT_TRUE(
      search_stub_->RelatedEntities(Context().get(), related, &relations).ok());
  std::vector<std::string> related_names;
  for (const auto& r : relations.related()) {
    related_names.push_back(r.entity().name());
    EXPECT_GE(r.co_occurrences(), 1);
    EXPECT_LE(r.npmi(), 1.0);
  }
  EXPECT_THAT(related_names, Contains("Russia"));
  EXPECT_EQ(relations.measure(), "npmi");

  v1::GetEntityRequest get;
  get.set_entity("ISIS-K");
  v1::EntityInfo info;
  ASSERT_TRUE(search_stub_->GetEntity(Context().get(), get, &info).ok());
  EXPECT_EQ(info.id(), "org:iskp");
  EXPECT_EQ(info.article_count(), 3);
  EXPECT_THAT(
      std::vector<std::string>(info.aliases().begin(), info.aliases().end()),
      Contains("ISKP"));
  get.set_entity("No Such Entity Anywhere");
  EXPECT_EQ(search_stub_->GetEntity(Context().get(), get, &info).error_code(),
            grpc::StatusCode::NOT_FOUND);

  v1::EntityTimelineRequest timeline;
  timeline.set_entity("Taliban");
  timeline.set_interval(v1::MONTH);
  v1::EntityTimelineResponse months;
  ASSERT_TRUE(
      search_stub_->EntityTimeline(Context().get(), timeline, &months).ok());
  ASSERT_GE(months.buckets_size(), 1);
  for (int i = 1; i < months.buckets_size(); ++i) {
    EXPECT_LT(months.buckets(i - 1).value(), months.buckets(i).value());
  }
}

TEST_F(SeedSearchTest, SimilarArticlesShareTheTopic) {
  v1::SimilarArticlesRequest request;
  request.set_id("000");
  v1::SearchResponse response;
  ASSERT_TRUE(
      search_stub_->SimilarArticles(Context().get(), request, &response).ok());
  ASSERT_GE(response.hits_size(), 2);
  for (const auto& hit : response.hits()) EXPECT_NE(hit.article().id(), "000");
  request.set_id("missing");
  EXPECT_EQ(search_stub_->SimilarArticles(Context().get(), request, &response)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
}

class SearchOptionsTest : public ClusterTest {
 protected:
  void SetUp() override {
    ClusterTest::SetUp();
    ASSERT_NO_FATAL_FAILURE(StartIngest());
    ASSERT_NO_FATAL_FAILURE(StartSearch());
    const struct {
      const char* id;
      const char* source;
      int day;
      const char* text;
    } articles[] = {
        {"a", "Alpha Wire", 1,
         "Falcons return to Kenya\n\nBird watchers in Kenya counted more "
         "falcons this spring than in any year since records began."},
        {"b", "Beta Post", 2,
         "Falcon study in Norway\n\nResearchers in Norway tagged falcons "
         "along the coast to follow their winter migration south."},
        {"c", "Alpha Wire", 3,
         "Kenya harbour reopens\n\nThe harbour in Mombasa reopened on "
         "Monday after repairs to the main quay were finished early."},
    };
    for (const auto& a : articles) {
      v1::IngestArticleRequest request = TextArticle(a.id, a.text);
      request.mutable_article()->set_source(a.source);
      request.mutable_article()->mutable_published_at()->set_seconds(
          absl::ToUnixSeconds(absl::FromCivil(absl::CivilDay(2026, 3, a.day),
                                              absl::UTCTimeZone())));
      ASSERT_TRUE(Ingest(request).ok());
    }
  }

  v1::SearchResponse Run(const v1::SearchRequest& request) {
    v1::SearchResponse response;
    grpc::Status status =
        search_stub_->Search(Context().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  static std::vector<std::string> IdsOf(const v1::SearchResponse& r) {
    std::vector<std::string> ids;
    for (const auto& hit : r.hits()) ids.push_back(hit.article().id());
    return ids;
  }
};

TEST_F(SearchOptionsTest, FiltersAndSort) {
  v1::SearchRequest request;
  request.mutable_filter()->add_entities("Kenya");
  request.set_sort(v1::OLDEST_FIRST);
  EXPECT_EQ(IdsOf(Run(request)), (std::vector<std::string>{"a", "c"}));
  request.set_sort(v1::NEWEST_FIRST);
  EXPECT_EQ(IdsOf(Run(request)), (std::vector<std::string>{"c", "a"}));

  v1::SearchRequest by_source;
  by_source.set_query("falcons");
  by_source.mutable_filter()->add_sources("alpha wire");
  EXPECT_EQ(IdsOf(Run(by_source)), (std::vector<std::string>{"a"}));

  v1::SearchRequest by_type;
  by_type.mutable_filter()->add_entity_types(v1::LOCATION);
  by_type.set_sort(v1::OLDEST_FIRST);
  EXPECT_EQ(IdsOf(Run(by_type)), (std::vector<std::string>{"a", "b", "c"}));
}

TEST_F(SearchOptionsTest, ReadMaskHighlightAndMatchOffsets) {
  v1::SearchRequest request;
  request.set_query("falcons");
  request.mutable_read_mask()->add_paths("id");
  request.mutable_read_mask()->add_paths("title");
  request.mutable_highlight()->set_pre_tag("[[");
  request.mutable_highlight()->set_post_tag("]]");
  v1::SearchResponse response = Run(request);
  ASSERT_EQ(response.hits_size(), 2);
  for (const auto& hit : response.hits()) {
    EXPECT_FALSE(hit.article().title().empty());
    EXPECT_TRUE(hit.article().body().empty());  // masked out
    EXPECT_THAT(hit.snippet(), HasSubstr("[[falcons]]"));
    EXPECT_FALSE(hit.matches().empty());
  }
  request.clear_read_mask();
  v1::SearchResponse full = Run(request);
  // The bodies are ASCII, so code-point offsets are byte offsets here.
  const auto& hit = full.hits(0);
  for (const auto& m : hit.matches()) {
    ASSERT_LT(m.start(), m.end());
    ASSERT_LE(m.end(), static_cast<int>(hit.article().body().size()));
    EXPECT_EQ(absl::AsciiStrToLower(
                  hit.article().body().substr(m.start(), m.end() - m.start())),
              "falcons");
  }

  request.mutable_read_mask()->add_paths("no_such_field");
  v1::SearchResponse ignored;
  EXPECT_EQ(
      search_stub_->Search(Context().get(), request, &ignored).error_code(),
      grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(SearchOptionsTest, DidYouMeanAndQueryErrors) {
  v1::SearchRequest request;
  request.set_query("falcoms");
  v1::SearchResponse response = Run(request);
  EXPECT_EQ(response.hits_size(), 0);
  EXPECT_EQ(response.suggested_query(), "falcons");
  // Known words are not corrected, even when they match little: "falcons"
  // plus a word no article has together with it.
  request.set_query("falcons AND taliban");
  response = Run(request);
  EXPECT_LT(response.hits_size(), 3);
  EXPECT_EQ(response.suggested_query(), "");

  request.set_query("falcons AND");
  grpc::Status status =
      search_stub_->Search(Context().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(),
            "query: AND needs an expression after it at position 9");
  request.set_query("date:2026-02-30..");
  status = search_stub_->Search(Context().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("position 6"));
}

}  // namespace
}  // namespace newsindex::testing
