// Entities through the index: the catalog, synonyms and entity queries,
// in-process (IndexWriter + Searcher on a temp dir).
#include "core/search/entity_catalog.h"

#include <memory>

#include "core/entities/knowledge.h"
#include "core/entities/rule_entity_extractor.h"
#include "core/index/test_util.h"
#include "core/search/searcher.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newsindex {
namespace {

using ::testing::Contains;

class EntityIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    KnowledgePaths paths = DefaultKnowledgePaths(
        std::string(NEWSINDEX_SOURCE_DIR) + "/data/entities");
    paths.wordnet_dir.clear();  // not needed here; keeps the test fast
    paths.iso_3166_2_json.clear();
    auto knowledge = LoadKnowledge(paths);
    ASSERT_TRUE(knowledge.ok()) << knowledge.status();
    knowledge_ = *std::move(knowledge);
    extractor_ = std::make_unique<RuleEntityExtractor>(knowledge_.get());
    path_ = FreshDbPath("entities");
    IndexWriterOptions options;
    options.entity_knowledge = knowledge_.get();
    auto writer = IndexWriter::Open(path_, options);
    ASSERT_TRUE(writer.ok()) << writer.status();
    writer_ = *std::move(writer);
    catalog_ = std::make_unique<EntityCatalog>(path_, knowledge_.get());
    searcher_ = std::make_unique<Searcher>(path_, catalog_.get());
  }

  void Add(const std::string& id, const std::string& body) {
    Article a = MakeArticle(id, "", body);
    a.entities = extractor_->Extract(body);
    ASSERT_TRUE(UpsertSync(*writer_, a).ok());
  }

  std::vector<std::string> Ids(const std::string& query) {
    std::vector<std::string> ids;
    SearchSpec spec;
    spec.query = query;
    auto results = searcher_->Search(spec);
    EXPECT_TRUE(results.ok()) << results.status();
    if (!results.ok()) return ids;
    for (const SearchHit& hit : results->hits) ids.push_back(hit.article.id);
    return ids;
  }

  std::unique_ptr<Gazetteer> knowledge_;
  std::unique_ptr<RuleEntityExtractor> extractor_;
  std::string path_;
  std::unique_ptr<IndexWriter> writer_;
  std::unique_ptr<EntityCatalog> catalog_;
  std::unique_ptr<Searcher> searcher_;
};

TEST_F(EntityIndexTest, LongFormQueryFindsArticleSayingOnlyTheShortForm) {
  Add("short",
      "Officials warned that ISIS-K claimed the attack near the border.");
  Add("other", "The weather in the mountains was cold all week.");
  EXPECT_THAT(Ids("Islamic State Khorasan Province"), Contains("short"));
  EXPECT_THAT(Ids("ISKP"), Contains("short"));
  EXPECT_EQ(Ids("Islamic State Khorasan Province").size(), 1u);
}

TEST_F(EntityIndexTest, ShortFormQueryFindsArticleSayingOnlyTheLongForm) {
  Add("long",
      "Analysts said the Shanghai Cooperation Organization met in June.");
  EXPECT_THAT(Ids("SCO"), Contains("long"));
}

TEST_F(EntityIndexTest, EntityFieldsResolveAnyAlias) {
  Add("a", "Russian diplomats met Afghan officials in Moscow on Monday.");
  EXPECT_THAT(Ids("place:Russia"), Contains("a"));
  EXPECT_THAT(Ids("entity:RU"), Contains("a"));
  EXPECT_THAT(Ids("place:Afghanistan"), Contains("a"));
  EXPECT_THAT(Ids("place:Moscow"), Contains("a"));
  EXPECT_TRUE(Ids("org:Russia").empty());
}

TEST_F(EntityIndexTest, CatalogLearnsAcronymsAcrossArticles) {
  Add("def",
      "The Karakum Water Council (KWC) said on Monday that rivers rose.");
  Add("use", "Engineers from the KWC inspected the dams again.");
  auto entry = catalog_->Lookup("KWC");
  ASSERT_TRUE(entry.ok()) << entry.status();
  EXPECT_EQ(entry->record.id, "org:karakum-water-council");
  EXPECT_THAT(entry->record.aliases, Contains("KWC"));
  EXPECT_GE(entry->article_count, 1);
  EXPECT_THAT(Ids("entity:\"Karakum Water Council\""), Contains("def"));
}

TEST_F(EntityIndexTest, CatalogCountsArticlesAndListsAliases) {
  Add("1", "ISIS-Khorasan (ISKP) fighters crossed the border.");
  Add("2", "The so-called Islamic State Khorasan Province grew stronger.");
  auto entry = catalog_->Lookup("org:iskp");
  ASSERT_TRUE(entry.ok()) << entry.status();
  EXPECT_EQ(entry->article_count, 2);
  EXPECT_THAT(entry->record.aliases, Contains("ISIS-Khorasan"));
  EXPECT_THAT(entry->record.aliases,
              Contains("Islamic State Khorasan Province"));
  EXPECT_EQ(catalog_->Lookup("Nobody Knows This").status().code(),
            absl::StatusCode::kNotFound);
}

// Issue 30: a name two entities share resolves by article count, then
// type, then id, not to whichever the index saw first.
TEST_F(EntityIndexTest, ASharedAliasResolvesToTheEntityWithMostArticles) {
  auto add = [&](const std::string& id, const std::string& entity_id,
                 EntityType type) {
    Article a = MakeArticle(id, "", "Halvorsen was mentioned once.");
    ArticleEntity e;
    e.id = entity_id;
    e.name = "HALVORSEN";
    e.type = type;
    e.surface_forms = {"HALVORSEN", "Halvorsen"};
    e.mention_count = 1;
    a.entities = {e};
    ASSERT_TRUE(UpsertSync(*writer_, a).ok());
  };
  // The place comes first (a tagger's misreading of a headline), the
  // person has more articles.
  add("p1", "place:halvorsen", EntityType::kLocation);
  add("h1", "person:halvorsen", EntityType::kPerson);
  add("h2", "person:halvorsen", EntityType::kPerson);
  // Equal counts: person before organization.
  add("o1", "org:halvorsen", EntityType::kOrganization);
  add("o2", "org:halvorsen", EntityType::kOrganization);
  struct Case {
    const char* name;
    EntityType type;
    const char* id;
  } const cases[] = {
      {"Halvorsen", EntityType::kUnspecified, "person:halvorsen"},
      {"HALVORSEN", EntityType::kUnspecified, "person:halvorsen"},
      {"Halvorsen", EntityType::kLocation, "place:halvorsen"},
      {"Halvorsen", EntityType::kOrganization, "org:halvorsen"},
      {"Halvorsen", EntityType::kPerson, "person:halvorsen"},
  };
  for (const Case& c : cases) {
    std::optional<EntityRecord> found = catalog_->Resolve(c.name, c.type);
    ASSERT_TRUE(found.has_value()) << c.name;
    EXPECT_EQ(found->id, c.id) << c.name << " " << EntityTypeName(c.type);
  }
  auto entry = catalog_->Lookup("Halvorsen");
  ASSERT_TRUE(entry.ok()) << entry.status();
  EXPECT_EQ(entry->article_count, 2);
  EXPECT_THAT(Ids("entity:Halvorsen"),
              ::testing::UnorderedElementsAre("h1", "h2"));
  EXPECT_THAT(Ids("place:Halvorsen"), ::testing::ElementsAre("p1"));
}

TEST_F(EntityIndexTest, CatalogWorksBeforeTheDatabaseExists) {
  EntityCatalog catalog(FreshDbPath("absent"), knowledge_.get());
  auto russia = catalog.Resolve("Russia", EntityType::kLocation);
  ASSERT_TRUE(russia.has_value());
  EXPECT_EQ(russia->id, "country:ru");
}

}  // namespace
}  // namespace newsindex
