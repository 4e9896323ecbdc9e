// Places know their country, end to end: ingest-service extracts towns
// with their country (from the shipped GeoNames cities), and search-service
// answers `country:` queries and SearchFilter.countries; `place:` keeps its
// exact meaning. Also: an acronym one article defines links again later.
#include <set>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/cluster.h"

namespace newsindex::testing {
namespace {

using ::testing::UnorderedElementsAre;

class PlacesTest : public ClusterTest {
 protected:
  void SetUp() override {
    ClusterTest::SetUp();
    ASSERT_NO_FATAL_FAILURE(StartIngest());
    ASSERT_NO_FATAL_FAILURE(StartSearch());
    // Kabul and Jalalabad are in Afghanistan, which no article names.
    Add("kabul",
        "KABUL, Nov 3 - Officials in Kabul said the new road "
        "would open next year.");
    Add("jalalabad", "Traders from Jalalabad reopened the market.");
    Add("termez", "Trucks waited near Termez for the bridge to open.");
    Add("paris", "Ministers met in Paris on Tuesday.");
  }

  void Add(const std::string& id, const std::string& text) {
    auto response = Ingest(TextArticle(id, text));
    ASSERT_TRUE(response.ok()) << id << ": " << response.status();
  }

  std::set<std::string> Ids(const std::string& query,
                            const v1::SearchFilter& filter = {}) {
    v1::SearchRequest request;
    request.set_query(query);
    request.set_page_size(20);
    *request.mutable_filter() = filter;
    v1::SearchResponse response;
    grpc::Status status =
        search_stub_->Search(Context().get(), request, &response);
    EXPECT_TRUE(status.ok()) << query << ": " << status.error_message();
    std::set<std::string> ids;
    for (const v1::SearchHit& hit : response.hits()) {
      ids.insert(hit.article().id());
    }
    return ids;
  }
};

TEST_F(PlacesTest, CountryQueryFindsPlacesInTheCountry) {
  EXPECT_THAT(Ids("country:AF"), UnorderedElementsAre("kabul", "jalalabad"));
  EXPECT_THAT(Ids("country:af"), UnorderedElementsAre("kabul", "jalalabad"));
  EXPECT_THAT(Ids("country:Afghanistan"),
              UnorderedElementsAre("kabul", "jalalabad"));
  EXPECT_THAT(Ids("country:UZ"), UnorderedElementsAre("termez"));
  EXPECT_THAT(Ids("road country:AF"), UnorderedElementsAre("kabul"));
  // place: is exact: no article names Afghanistan itself.
  EXPECT_TRUE(Ids("place:Afghanistan").empty());
}

TEST_F(PlacesTest, CountriesFilter) {
  v1::SearchFilter filter;
  filter.add_countries("UZ");
  filter.add_countries("fr");
  EXPECT_THAT(Ids("", filter), UnorderedElementsAre("termez", "paris"));
}

TEST_F(PlacesTest, EntitiesCarryTheirCountry) {
  v1::GetArticleRequest get;
  get.set_id("kabul");
  v1::Article article;
  ASSERT_TRUE(search_stub_->GetArticle(Context().get(), get, &article).ok());
  bool found = false;
  for (const v1::Entity& e : article.entities()) {
    if (e.id() == "city:kabul") {
      found = true;
      EXPECT_EQ(e.country(), "AF");
    }
  }
  EXPECT_TRUE(found);
  v1::GetEntityRequest entity;
  entity.set_entity("city:kabul");
  v1::EntityInfo info;
  ASSERT_TRUE(search_stub_->GetEntity(Context().get(), entity, &info).ok());
  EXPECT_EQ(info.country(), "AF");
}

TEST_F(PlacesTest, AcronymDefinedEarlierLinksInLaterArticles) {
  Add("kwc-1", "Kuwait Water Co (KWC) said profits rose in the year.");
  Add("kwc-2", "KWC said it would build a second plant.");
  v1::GetArticleRequest get;
  get.set_id("kwc-2");
  v1::Article article;
  ASSERT_TRUE(search_stub_->GetArticle(Context().get(), get, &article).ok());
  std::set<std::string> ids;
  for (const v1::Entity& e : article.entities()) ids.insert(e.id());
  EXPECT_TRUE(ids.count("org:kuwait-water-co")) << article.DebugString();
  EXPECT_THAT(Ids("org:kwc"), UnorderedElementsAre("kwc-1", "kwc-2"));
}

}  // namespace
}  // namespace newsindex::testing
