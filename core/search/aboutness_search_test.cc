// What an article is about in search: about:, about-country:, the about
// filters and facets, the ranking of entity fields by salience, recency,
// and labels.
#include <cmath>

#include "core/base/clock.h"
#include "core/index/test_util.h"
#include "core/search/recency.h"
#include "core/search/searcher.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newsindex {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

class OzResolver : public EntityResolver {
 public:
  std::optional<EntityRecord> Resolve(absl::string_view name,
                                      EntityType type) const override {
    if (name != "Oz" && name != "country:oz" && name != "OZ") {
      return std::nullopt;
    }
    EntityRecord record;
    record.id = "country:oz";
    record.name = "Oz";
    record.type = EntityType::kLocation;
    record.subtype = "country";
    record.country = "OZ";
    if (type != EntityType::kUnspecified && type != record.type) {
      return std::nullopt;
    }
    return record;
  }
};

ArticleEntity Oz(double salience, bool about) {
  ArticleEntity e;
  e.id = "country:oz";
  e.name = "Oz";
  e.type = EntityType::kLocation;
  e.subtype = "country";
  e.country = "OZ";
  e.mention_count = 1;
  e.surface_forms = {"Oz"};
  e.salience = salience;
  e.about = about;
  return e;
}

std::vector<std::string> Ids(const SearchResults& r) {
  std::vector<std::string> ids;
  for (const SearchHit& h : r.hits) ids.push_back(h.article.id);
  return ids;
}

class AboutnessSearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = FreshDbPath("aboutness");
    searcher_ = std::make_unique<Searcher>(path_, &resolver_);
    auto writer = IndexWriter::Open(path_);
    ASSERT_TRUE(writer.ok());
    writer_ = *std::move(writer);
  }
  void Add(Article a) { ASSERT_TRUE(UpsertSync(*writer_, a).ok()); }
  absl::StatusOr<SearchResults> Search(const std::string& query,
                                       SearchFilter filter = {}) {
    SearchSpec spec;
    spec.query = query;
    spec.filter = std::move(filter);
    spec.collapse = false;
    return searcher_->Search(spec);
  }
  // "about": salience 0.9, about; "passing": one mention, salience 0.1,
  // published later (so a date order would put it first).
  void AddAboutAndPassing() {
    Article about = MakeArticle("about", "Oz votes", "The wizard and Oz.");
    about.entities = {Oz(0.9, true)};
    about.published_at = absl::FromUnixSeconds(1700000000);
    Add(about);
    Article passing =
        MakeArticle("passing", "Kansas farms", "The wizard was from Oz.");
    passing.entities = {Oz(0.1, false)};
    passing.published_at = absl::FromUnixSeconds(1700086400);
    Add(passing);
  }

  std::string path_;
  OzResolver resolver_;
  std::unique_ptr<Searcher> searcher_;
  std::unique_ptr<IndexWriter> writer_;
};

TEST_F(AboutnessSearchTest, EntityFieldsRankByAboutnessAndAboutMatchesOnly) {
  AddAboutAndPassing();
  struct Case {
    std::string query;
    SearchFilter filter;
    std::vector<std::string> ids;
  };
  SearchFilter about_entity;
  about_entity.about_entities = {"Oz"};
  SearchFilter about_country;
  about_country.about_countries = {"oz"};
  const Case cases[] = {
      {"place:Oz", {}, {"about", "passing"}},
      {"entity:country:oz", {}, {"about", "passing"}},
      {"country:OZ", {}, {"about", "passing"}},
      {"wizard place:Oz", {}, {"about", "passing"}},  // blended with text
      {"about:Oz", {}, {"about"}},
      {"about:country:oz", {}, {"about"}},
      {"about-country:OZ", {}, {"about"}},
      {"about-country:Oz", {}, {"about"}},
      {"wizard", about_entity, {"about"}},
      {"", about_country, {"about"}},
      {"", {}, {"passing", "about"}},  // no entity field: newest first
  };
  for (const Case& c : cases) {
    absl::StatusOr<SearchResults> r = Search(c.query, c.filter);
    ASSERT_TRUE(r.ok()) << c.query << ": " << r.status();
    EXPECT_EQ(Ids(*r), c.ids) << c.query;
  }
}

TEST_F(AboutnessSearchTest, AboutOnlyFacetsAndRelatedEntities) {
  AddAboutAndPassing();
  SearchSpec spec;
  spec.facets.entities = true;
  auto all = searcher_->Search(spec);
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_EQ(all->facets.locations.size(), 1u);
  EXPECT_EQ(all->facets.locations[0].count, 2);
  spec.facets.about_only = true;
  auto about = searcher_->Search(spec);
  ASSERT_TRUE(about.ok()) << about.status();
  ASSERT_EQ(about->facets.locations.size(), 1u);
  EXPECT_EQ(about->facets.locations[0].count, 1);
}

TEST(RecencyFactorTest, HalvesEachHalfLife) {
  const absl::Time origin = absl::FromUnixSeconds(1800000000);
  const absl::Duration week = absl::Hours(24 * 7);
  const std::pair<absl::Duration, double> table[] = {
      {absl::ZeroDuration(), 1.0},
      {week / 2, std::sqrt(0.5)},
      {week, 0.5},
      {2 * week, 0.25},
      {4 * week, 0.0625},
      {-week, 1.0},  // dated after the origin
  };
  for (const auto& [age, factor] : table) {
    EXPECT_NEAR(RecencyFactor(origin - age, origin, week), factor, 1e-12)
        << age;
  }
  EXPECT_EQ(RecencyFactor(origin - week, origin, absl::ZeroDuration()), 1.0);
}

// Four articles equally relevant to "harvest", aged 0, 7, 14 and 28 days
// by a manual clock; a half-life of 7 days scores them 1, 1/2, 1/4 and
// 1/16 of the relevance, newest first. Without recency the oldest, which
// says "harvest" most, comes first.
TEST_F(AboutnessSearchTest, RecencyDecaysRelevanceByAge) {
  ManualClock clock;
  clock.Advance(absl::FromUnixSeconds(1800000000) - absl::UnixEpoch());
  searcher_->set_clock(&clock);
  const int ages[] = {28, 14, 7, 0};  // oldest first, ingested in this order
  for (int age : ages) {
    Article a = MakeArticle(
        absl::StrCat("d", age), "Harvest",
        age == 28 ? "harvest harvest harvest grain" : "harvest grain");
    a.published_at = clock.Now() - absl::Hours(24 * age);
    Add(a);
  }
  SearchSpec spec;
  spec.query = "harvest";
  auto plain = searcher_->Search(spec);
  ASSERT_TRUE(plain.ok()) << plain.status();
  ASSERT_EQ(plain->hits.size(), 4u);
  EXPECT_EQ(plain->hits[0].article.id, "d28");
  std::map<std::string, double> relevance;
  for (const SearchHit& h : plain->hits) relevance[h.article.id] = h.score;

  spec.recency.half_life = absl::Hours(24 * 7);  // origin: the clock's now
  auto recent = searcher_->Search(spec);
  ASSERT_TRUE(recent.ok()) << recent.status();
  EXPECT_THAT(Ids(*recent), ElementsAre("d0", "d7", "d14", "d28"));
  const std::map<std::string, double> factor = {
      {"d0", 1.0}, {"d7", 0.5}, {"d14", 0.25}, {"d28", 0.0625}};
  for (const SearchHit& h : recent->hits) {
    EXPECT_NEAR(h.score, relevance[h.article.id] * factor.at(h.article.id),
                1e-9)
        << h.article.id;
  }
  // A week later by the clock every score halves; the order stays.
  clock.Advance(absl::Hours(24 * 7));
  auto later = searcher_->Search(spec);
  ASSERT_TRUE(later.ok());
  ASSERT_EQ(later->hits.size(), 4u);
  EXPECT_NEAR(later->hits[0].score, recent->hits[0].score / 2, 1e-9);
  // An explicit origin wins over the clock; date sorts ignore recency.
  spec.recency.origin = clock.Now() - absl::Hours(24 * 35);
  auto old_origin = searcher_->Search(spec);
  ASSERT_TRUE(old_origin.ok());
  EXPECT_EQ(old_origin->hits[0].article.id, "d28");
  spec.sort = SortOrder::kOldestFirst;
  auto by_date = searcher_->Search(spec);
  ASSERT_TRUE(by_date.ok());
  EXPECT_THAT(Ids(*by_date), ElementsAre("d28", "d14", "d7", "d0"));
  spec.sort = SortOrder::kRelevance;
  spec.recency.half_life = -absl::Hours(1);
  EXPECT_EQ(searcher_->Search(spec).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(AboutnessSearchTest, LabelsRoundTripQueryFilterAndFacet) {
  Article world = MakeArticle("w", "World news", "Grain prices rose.");
  world.labels = {{"section", "World"}, {"feed", "wire-1"}};
  Add(world);
  Article sport = MakeArticle("s", "Sport news", "Grain fields flooded.");
  sport.labels = {{"section", "sport"}, {"feed", "wire-1"}};
  Add(sport);
  auto got = searcher_->Get("w");
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_THAT(got->labels,
              ElementsAre(Pair("feed", "wire-1"), Pair("section", "World")));
  SearchFilter feed;
  feed.labels = {"feed=wire-1"};
  SearchFilter both;
  both.labels = {"feed=wire-1", "section=sport"};
  const std::pair<std::string, SearchFilter> cases[] = {
      {"label:section=world", {}},  // values compare in lower case
      {"grain label:section=World", {}},
  };
  for (const auto& [query, filter] : cases) {
    auto r = Search(query, filter);
    ASSERT_TRUE(r.ok()) << query << ": " << r.status();
    EXPECT_THAT(Ids(*r), ElementsAre("w")) << query;
  }
  auto r = Search("grain", feed);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->hits.size(), 2u);
  r = Search("grain", both);
  ASSERT_TRUE(r.ok());
  EXPECT_THAT(Ids(*r), ElementsAre("s"));
  SearchFilter bad;
  bad.labels = {"no-equals-sign"};
  EXPECT_EQ(Search("grain", bad).status().code(),
            absl::StatusCode::kInvalidArgument);

  SearchSpec spec;
  spec.query = "grain";
  spec.facets.label_keys = {"section", "feed", "absent"};
  auto faceted = searcher_->Search(spec);
  ASSERT_TRUE(faceted.ok()) << faceted.status();
  const auto& labels = faceted->facets.labels;
  ASSERT_EQ(labels.size(), 3u);
  ASSERT_EQ(labels.at("section").size(), 2u);
  EXPECT_EQ(labels.at("section")[0].value, "World");
  EXPECT_EQ(labels.at("section")[0].count, 1);
  ASSERT_EQ(labels.at("feed").size(), 1u);
  EXPECT_EQ(labels.at("feed")[0].count, 2);
  EXPECT_TRUE(labels.at("absent").empty());
}

}  // namespace
}  // namespace newsindex
