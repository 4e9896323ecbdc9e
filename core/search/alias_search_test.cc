// Issue 21: free-text words that name an entity find the same articles
// whichever alias they use, are reported, highlighted and scored; entity
// fields are highlighted from the mentions; unknown names are warned
// about; a wildcard-only query ranks by relevance.
#include <algorithm>
#include <set>

#include "core/entities/gazetteer.h"
#include "core/index/test_util.h"
#include "core/search/entity_catalog.h"
#include "core/search/searcher.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newsindex {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

EntityRecord Record(const std::string& id, const std::string& name,
                    EntityType type, const std::string& subtype,
                    std::vector<std::string> aliases,
                    const std::string& country) {
  EntityRecord r;
  r.id = id;
  r.name = name;
  r.type = type;
  r.subtype = subtype;
  r.aliases = std::move(aliases);
  r.country = country;
  return r;
}

SearchFilter EntitiesFilter(std::vector<std::string> entities) {
  SearchFilter f;
  f.entities = std::move(entities);
  return f;
}

SearchFilter CountriesFilter(std::vector<std::string> countries) {
  SearchFilter f;
  f.countries = std::move(countries);
  return f;
}

// The article's entity `id` with a mention at every occurrence of each of
// `forms` in the body.
ArticleEntity Linked(const Article& a, const std::string& id,
                     const std::string& name, EntityType type,
                     const std::vector<std::string>& forms,
                     const std::string& country = "") {
  ArticleEntity e;
  e.id = id;
  e.name = name;
  e.type = type;
  e.country = country;
  for (const std::string& form : forms) {
    e.surface_forms.push_back(form);
    for (size_t at = a.body.find(form); at != std::string::npos;
         at = a.body.find(form, at + form.size())) {
      // The bodies are ASCII: bytes are code points.
      e.mentions.push_back(
          {static_cast<int>(at), static_cast<int>(at + form.size()), form});
    }
  }
  e.mention_count = static_cast<int>(e.mentions.size());
  return e;
}

class AliasSearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto org = EntityType::kOrganization;
    const auto loc = EntityType::kLocation;
    knowledge_.Add(Record("org:iskp", "Islamic State Khorasan Province", org,
                          "", {"ISKP", "ISIS-K", "ISIS-Khorasan"}, ""),
                   kPriorityCurated);
    knowledge_.Add(Record("country:ru", "Russia", loc, "country",
                          {"Russian Federation"}, "RU"),
                   kPriorityCountry);
    // As WordNet had it: the former state "also called" Russia.
    knowledge_.Add(Record("country:soviet-union", "Soviet Union", loc,
                          "country", {"USSR", "Russia"}, ""),
                   kPriorityWordNet);
    knowledge_.Add(Record("city:kabul", "Kabul", loc, "city", {}, "AF"),
                   kPriorityCity);
    knowledge_.Add(Record("city:herat", "Herat", loc, "city", {}, "AF"),
                   kPriorityCity);
    knowledge_.DropForeignAliases();
    path_ = FreshDbPath("alias-search");
    IndexWriterOptions options;
    options.entity_knowledge = &knowledge_;
    auto writer = IndexWriter::Open(path_, options);
    ASSERT_TRUE(writer.ok()) << writer.status();
    writer_ = *std::move(writer);
    catalog_ = std::make_unique<EntityCatalog>(path_, &knowledge_);
    searcher_ = std::make_unique<Searcher>(path_, catalog_.get());
    Add("1", "Attack claimed",
        "ISIS-Khorasan (ISKP) claimed the attack in Kabul on Friday.",
        {{"org:iskp",
          "Islamic State Khorasan Province",
          org,
          {"ISIS-Khorasan", "ISKP"},
          ""},
         {"city:kabul", "Kabul", loc, {"Kabul"}, "AF"}});
    Add("2", "Fighters",
        "Officials said fighters of the Islamic State Khorasan Province "
        "crossed the border.",
        {{"org:iskp",
          "Islamic State Khorasan Province",
          org,
          {"Islamic State Khorasan Province"},
          ""}});
    Add("3", "Growth", "Analysts say ISIS-K is growing.",
        {{"org:iskp", "Islamic State Khorasan Province", org, {"ISIS-K"}, ""}});
    Add("4", "History",
        "The Soviet Union collapsed in 1991, and Moscow lost an empire.",
        {{"country:soviet-union", "Soviet Union", loc, {"Soviet Union"}, ""}});
    Add("5", "Grain", "Russia exports grain.",
        {{"country:ru", "Russia", loc, {"Russia"}, "RU"}});
  }

  struct Link {
    std::string id, name;
    EntityType type;
    std::vector<std::string> forms;
    std::string country;
  };
  void Add(const std::string& id, const std::string& title,
           const std::string& body, const std::vector<Link>& links) {
    Article a = MakeArticle(id, title, body);
    for (const Link& l : links) {
      a.entities.push_back(Linked(a, l.id, l.name, l.type, l.forms, l.country));
    }
    ASSERT_TRUE(UpsertSync(*writer_, a).ok());
  }

  SearchResults Search(const std::string& query, bool expand = true,
                       SearchFilter filter = {}) {
    SearchSpec spec;
    spec.query = query;
    spec.filter = std::move(filter);
    spec.expand_aliases = expand;
    spec.limit = 20;
    absl::StatusOr<SearchResults> results = searcher_->Search(spec);
    EXPECT_TRUE(results.ok()) << query << ": " << results.status();
    return results.ok() ? *std::move(results) : SearchResults();
  }

  std::set<std::string> Ids(const std::string& query, bool expand = true) {
    std::set<std::string> ids;
    for (const SearchHit& hit : Search(query, expand).hits) {
      ids.insert(hit.article.id);
    }
    return ids;
  }

  Gazetteer knowledge_;
  std::string path_;
  std::unique_ptr<IndexWriter> writer_;
  std::unique_ptr<EntityCatalog> catalog_;
  std::unique_ptr<Searcher> searcher_;
};

TEST_F(AliasSearchTest, EveryAliasFindsWhatTheEntityFieldFinds) {
  const std::set<std::string> iskp = {"1", "2", "3"};
  ASSERT_EQ(Ids("org:ISKP"), iskp);
  for (const std::string query :
       {"ISKP", "ISIS-K", "ISIS-Khorasan", "Islamic State Khorasan Province",
        "iskp", "org:\"ISIS-K\""}) {
    EXPECT_EQ(Ids(query), iskp) << query;
  }
  // With other words: the alias is one operand.
  EXPECT_EQ(Ids("ISIS-K border"), (std::set<std::string>{"2"}));
  EXPECT_EQ(Ids("ISIS-K -border"), (std::set<std::string>{"1", "3"}));
}

TEST_F(AliasSearchTest, ExpansionIsReportedAndCanBeTurnedOff) {
  SearchResults results = Search("ISIS-K");
  ASSERT_EQ(results.interpretations.size(), 1u);
  const QueryInterpretation& meaning = results.interpretations[0];
  EXPECT_EQ(meaning.text, "ISIS-K");
  EXPECT_EQ(meaning.entity_id, "org:iskp");
  EXPECT_EQ(meaning.entity_name, "Islamic State Khorasan Province");
  EXPECT_THAT(meaning.aliases, Contains("ISKP"));
  EXPECT_THAT(meaning.aliases, Contains("Islamic State Khorasan Province"));
  EXPECT_THAT(meaning.aliases, Contains("ISIS-Khorasan"));
  EXPECT_THAT(results.warnings, IsEmpty());

  EXPECT_EQ(Ids("ISKP", /*expand=*/false), (std::set<std::string>{"1"}));
  EXPECT_THAT(Search("ISKP", false).interpretations, IsEmpty());
  EXPECT_THAT(Search("grain").interpretations, IsEmpty());
}

TEST_F(AliasSearchTest, AFormerStateIsNotItsSuccessor) {
  EXPECT_EQ(Ids("Russia"), (std::set<std::string>{"5"}));
  EXPECT_EQ(Ids("Soviet Union"), (std::set<std::string>{"4"}));
  SearchResults russia = Search("Russia");
  ASSERT_EQ(russia.interpretations.size(), 1u);
  EXPECT_EQ(russia.interpretations[0].entity_id, "country:ru");
  const EntityRecord* ussr = knowledge_.FindById("country:soviet-union");
  ASSERT_NE(ussr, nullptr);
  EXPECT_THAT(ussr->aliases, ElementsAre("Soviet Union", "USSR"));
}

// An index written with knowledge that listed "Russia" for the Soviet
// Union (before the audit) holds that synonym; the search does not use it.
TEST(StaleAliasTest, AnIndexsWrongSynonymIsNotExpanded) {
  Gazetteer stale;
  const auto loc = EntityType::kLocation;
  stale.Add(Record("country:ru", "Russia", loc, "country", {}, "RU"),
            kPriorityCountry);
  stale.Add(Record("country:soviet-union", "Soviet Union", loc, "country",
                   {"Russia"}, ""),
            kPriorityWordNet);
  const std::string path = FreshDbPath("stale-alias");
  IndexWriterOptions options;
  options.entity_knowledge = &stale;
  auto writer = IndexWriter::Open(path, options);
  ASSERT_TRUE(writer.ok()) << writer.status();
  Article ussr = MakeArticle("4", "History", "The Soviet Union collapsed.");
  ussr.entities = {Linked(ussr, "country:soviet-union", "Soviet Union", loc,
                          {"Soviet Union"})};
  Article ru = MakeArticle("5", "Grain", "Russia exports grain.");
  ru.entities = {Linked(ru, "country:ru", "Russia", loc, {"Russia"}, "RU")};
  ASSERT_TRUE(UpsertSync(**writer, ussr).ok());
  ASSERT_TRUE(UpsertSync(**writer, ru).ok());
  EntityCatalog catalog(path, &stale);
  Searcher searcher(path, &catalog);
  SearchSpec spec;
  spec.query = "Russia";
  absl::StatusOr<SearchResults> results = searcher.Search(spec);
  ASSERT_TRUE(results.ok()) << results.status();
  ASSERT_EQ(results->hits.size(), 1u);
  EXPECT_EQ(results->hits[0].article.id, "5");
  ASSERT_EQ(results->interpretations.size(), 1u);
  EXPECT_EQ(results->interpretations[0].entity_id, "country:ru");
}

TEST_F(AliasSearchTest, AliasHitsHaveScoresSpansAndSnippets) {
  for (const std::string query : {"ISIS-K", "ISKP"}) {
    SearchResults results = Search(query);
    ASSERT_EQ(results.hits.size(), 3u) << query;
    for (const SearchHit& hit : results.hits) {
      EXPECT_GT(hit.score, 0) << query << " " << hit.article.id;
      EXPECT_FALSE(hit.matches.empty()) << query << " " << hit.article.id;
      if (hit.article.id == "2") {
        EXPECT_THAT(hit.snippet,
                    HasSubstr("<em>Islamic State Khorasan Province</em>"));
        // The words of the name are marked only as the mention.
        EXPECT_EQ(hit.matches.size(), 1u);
      }
      if (hit.article.id == "3") {
        EXPECT_THAT(hit.snippet, HasSubstr("<em>ISIS-K</em>"));
      }
    }
  }
}

TEST_F(AliasSearchTest, EntityFieldHitsAreHighlightedFromMentions) {
  const struct {
    std::string query;
    std::string id;
    std::string marked;
  } cases[] = {
      {"org:ISKP", "2", "<em>Islamic State Khorasan Province</em>"},
      {"org:ISKP", "1", "<em>ISIS-Khorasan</em> (<em>ISKP</em>)"},
      {"place:Kabul", "1", "in <em>Kabul</em>"},
      {"country:AF", "1", "in <em>Kabul</em>"},
      {"entity:country:ru", "5", "<em>Russia</em> exports"},
  };
  for (const auto& c : cases) {
    SearchResults results = Search(c.query);
    auto hit =
        std::find_if(results.hits.begin(), results.hits.end(),
                     [&](const SearchHit& h) { return h.article.id == c.id; });
    ASSERT_NE(hit, results.hits.end()) << c.query;
    EXPECT_THAT(hit->snippet, HasSubstr(c.marked)) << c.query;
    ASSERT_FALSE(hit->matches.empty()) << c.query;
  }
  // The offsets are the mention's: "Kabul" in article 1.
  SearchResults kabul = Search("place:Kabul");
  ASSERT_EQ(kabul.hits.size(), 1u);
  ASSERT_EQ(kabul.hits[0].matches.size(), 1u);
  EXPECT_EQ(kabul.hits[0].matches[0].start, 43);
  EXPECT_EQ(kabul.hits[0].matches[0].end, 48);
}

TEST_F(AliasSearchTest, UnknownNamesAreWarnedAbout) {
  const struct {
    std::string query;
    SearchFilter filter;
    std::string warning;  // empty: none
  } cases[] = {
      {"place:Atlantis", {}, "place:Atlantis: no place is known"},
      {"place:Herat",
       {},
       "place:Herat: Herat (city:herat) is known, but no article mentions it"},
      {"org:Nobody", {}, "org:Nobody: no organization is known"},
      {"entity:org:nothing", {}, "entity:org:nothing: no entity is known"},
      {"country:XX", {}, "country:XX: no country has this code or name"},
      {"", EntitiesFilter({"Nobody"}),
       "filter.entities: \"Nobody\": no entity"},
      {"", CountriesFilter({"XX"}), "filter.countries: \"XX\": no country"},
      {"place:Kabul", {}, ""},
      {"country:AF", {}, ""},
      {"", CountriesFilter({"RU"}), ""},
      {"", EntitiesFilter({"ISKP"}), ""},
      {"grain", {}, ""},
  };
  for (const auto& c : cases) {
    SearchResults results = Search(c.query, true, c.filter);
    if (c.warning.empty()) {
      EXPECT_THAT(results.warnings, IsEmpty()) << c.query;
    } else {
      ASSERT_EQ(results.warnings.size(), 1u) << c.query;
      EXPECT_THAT(results.warnings[0], HasSubstr(c.warning)) << c.query;
    }
  }
}

TEST_F(AliasSearchTest, WildcardOnlyQueryRanksByRelevance) {
  // Newest first is not the relevance order: the oldest article says the
  // word most often.
  const std::string bodies[] = {
      "recognition recognition recognition recognised recognise",
      "recognition once among many other words of a long sentence here",
      "recognised twice, recognised in a shorter text"};
  for (int i = 0; i < 3; ++i) {
    Article a = MakeArticle(absl::StrCat("w", i), "T", bodies[i]);
    a.published_at = absl::FromUnixSeconds(1700000000 + i * 86400);
    ASSERT_TRUE(UpsertSync(*writer_, a).ok());
  }
  for (const std::string query : {"recogni*", "recogni* OR zzyzx"}) {
    SearchResults results = Search(query);
    ASSERT_EQ(results.hits.size(), 3u) << query;
    for (size_t i = 1; i < results.hits.size(); ++i) {
      EXPECT_GE(results.hits[i - 1].score, results.hits[i].score) << query;
    }
    EXPECT_EQ(results.hits[0].article.id, "w0") << query;
  }
}

}  // namespace
}  // namespace newsindex
