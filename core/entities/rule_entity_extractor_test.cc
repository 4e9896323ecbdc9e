#include "core/entities/rule_entity_extractor.h"

#include <fstream>
#include <sstream>

#include "core/entities/coreference.h"
#include "core/entities/test_knowledge.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newsindex {
namespace {

using ::testing::Contains;
using ::testing::Not;

const ArticleEntity* Find(const std::vector<ArticleEntity>& entities,
                          absl::string_view id) {
  for (const ArticleEntity& e : entities) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

std::vector<std::string> Ids(const std::vector<ArticleEntity>& entities) {
  std::vector<std::string> ids;
  for (const ArticleEntity& e : entities) ids.push_back(e.id);
  return ids;
}

std::vector<ArticleEntity> Extract(absl::string_view text) {
  return RuleEntityExtractor(&TestKnowledge()).Extract(text);
}

// Each row: a text and an entity it must yield, with its type.
TEST(EntityExtractorTest, AliasFamilies) {
  struct Case {
    const char* text;
    const char* id;
    EntityType type;
  } cases[] = {
      {"Fighters of ISIS-Khorasan (ISKP) attacked.", "org:iskp",
       EntityType::kOrganization},
      {"ISIS-K (Islamic State Khorasan Province) grew.", "org:iskp",
       EntityType::kOrganization},
      {"He fought the so-called Islamic State Khorasan Province.", "org:iskp",
       EntityType::kOrganization},
      {"They met Mullah Abdul Ghani Baradar.", "person:abdul-ghani-baradar",
       EntityType::kPerson},
      {"Taliban defence Minsiter Mullah Yqoob is in moscow .",
       "person:mohammad-yaqoob", EntityType::kPerson},
      {"Taliban defence Minsiter Mullah Yqoob is in moscow .", "city:moscow",
       EntityType::kLocation},
      {"The Russian delegation arrived.", "country:ru", EntityType::kLocation},
      {"Moscow's decision surprised many.", "city:moscow",
       EntityType::kLocation},
      {"Russia's envoy spoke.", "country:ru", EntityType::kLocation},
      {"Afghan officials agreed.", "country:af", EntityType::kLocation},
      {"Officials from the UAE came.", "country:ae", EntityType::kLocation},
      {"Officials from the United Arab Emirates came.", "country:ae",
       EntityType::kLocation},
      {"The SCO met in June.", "org:sco", EntityType::kOrganization},
      {"The Shanghai Cooperation Organization met.", "org:sco",
       EntityType::kOrganization},
      {"An Afghan-Russian deal was signed.", "country:ru",
       EntityType::kLocation},
      {"The U.S. withdrew.", "country:us", EntityType::kLocation},
      {"Leaders of al-Qaeda hid.", "org:al-qaeda", EntityType::kOrganization},
      // Spelling variants of one name: British/American, hyphens, "the".
      {"The Organisation of Petroleum Exporting Countries met.", "org:opec",
       EntityType::kOrganization},
      {"The Organization of Petroleum-Exporting Countries met.", "org:opec",
       EntityType::kOrganization},
      // Towns from the shipped GeoNames cities, in place context.
      {"Fighting was reported in Termez on Monday.", "city:tirmiz",
       EntityType::kLocation},
      {"MAZAR-I-SHARIF, Nov 3 - Officials said.", "city:mazar-i-sharif",
       EntityType::kLocation},
  };
  for (const Case& c : cases) {
    const std::vector<ArticleEntity> entities = Extract(c.text);
    const ArticleEntity* e = Find(entities, c.id);
    ASSERT_NE(e, nullptr) << c.text << " lacks " << c.id;
    EXPECT_EQ(e->type, c.type) << c.text;
  }
}

// Every location knows its country, countries too; a town named like a
// person needs place context.
TEST(EntityExtractorTest, PlacesKnowTheirCountry) {
  struct Case {
    const char* text;
    const char* id;
    const char* country;
  } cases[] = {
      {"Afghanistan said.", "country:af", "AF"},
      {"Officials in Kabul said.", "city:kabul", "AF"},
      {"Fighting was reported in Termez on Monday.", "city:tirmiz", "UZ"},
      {"Flights from Nancy resumed.", "city:nancy", "FR"},
  };
  for (const Case& c : cases) {
    const std::vector<ArticleEntity> entities = Extract(c.text);
    const ArticleEntity* e = Find(entities, c.id);
    ASSERT_NE(e, nullptr) << c.text << " lacks " << c.id;
    EXPECT_EQ(e->country, c.country) << c.text;
  }
  EXPECT_EQ(Find(Extract("Nancy said she would stay."), "city:nancy"), nullptr);
  EXPECT_EQ(Find(Extract("Nancy Reagan said she would stay."), "city:nancy"),
            nullptr);
  // A dateline is place context for any town.
  RuleEntityExtractor extractor(&TestKnowledge());
  const std::vector<ArticleEntity> dateline =
      extractor.ExtractDateline("NANCY, France");
  ASSERT_NE(Find(dateline, "city:nancy"), nullptr);
  // Also when the town's name is a word ("manila" paper).
  const std::vector<ArticleEntity> manila = extractor.ExtractDateline("MANILA");
  ASSERT_FALSE(manila.empty());
  EXPECT_EQ(manila[0].country, "PH");
}

// Names an index learned, as a map.
class FakeLearnedNames : public LearnedNames {
 public:
  std::optional<EntityRecord> FindLearned(
      absl::string_view key) const override {
    if (key != "kwc") return std::nullopt;
    return EntityRecord{"org:kuwait-water-co",
                        "Kuwait Water Co",
                        EntityType::kOrganization,
                        "",
                        {},
                        ""};
  }
};

TEST(EntityExtractorTest, AcronymsTheIndexLearnedLinkAgain) {
  FakeLearnedNames learned;
  EntityExtractorOptions options;
  options.learned = &learned;
  RuleEntityExtractor extractor(&TestKnowledge(), options);
  const std::vector<ArticleEntity> entities =
      extractor.Extract("KWC said it would build a plant.");
  const ArticleEntity* e = Find(entities, "org:kuwait-water-co");
  ASSERT_NE(e, nullptr) << testing::PrintToString(Ids(entities));
  EXPECT_EQ(e->name, "Kuwait Water Co");
  // Without the learned names it stays a discovered acronym.
  EXPECT_EQ(
      Find(Extract("KWC said it would build a plant."), "org:kuwait-water-co"),
      nullptr);
}

TEST(EntityExtractorTest, NothingFromOrdinaryText) {
  for (const char* text :
       {"us and them", "The weather was fine. Police said nothing.",
        "Related Stories\nNo stories found.", "Story Snapshot"}) {
    EXPECT_THAT(Ids(Extract(text)), testing::IsEmpty()) << text;
  }
}

std::string Fixture(const std::string& name) {
  std::ifstream in(std::string(NEWSINDEX_SOURCE_DIR) +
                   "/core/entities/testdata/" + name);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(EntityExtractorTest, DiscoveryAndCoreferenceRules) {
  const std::string text = Fixture("article_rules.txt");
  ASSERT_FALSE(text.empty());
  const std::vector<ArticleEntity> entities = Extract(text);
  // An acronym defined in parentheses links to its long form, and its later
  // uses too; the defined name is an organisation.
  const ArticleEntity* agency =
      Find(entities, "org:karsh-valley-reclamation-agency");
  ASSERT_NE(agency, nullptr);
  EXPECT_EQ(agency->mention_count, 3);
  EXPECT_THAT(agency->surface_forms, Contains("KVRA"));
  // Titles are not part of names; a later surname links to the full name.
  const ArticleEntity* sorokin = Find(entities, "person:dalir-sorokin");
  ASSERT_NE(sorokin, nullptr);
  EXPECT_EQ(sorokin->name, "Dalir Sorokin");
  EXPECT_EQ(sorokin->mention_count, 2);
  EXPECT_THAT(sorokin->surface_forms, Contains("Sorokin"));
  EXPECT_NE(Find(entities, "person:nurlan-begaliev"), nullptr);
  EXPECT_EQ(Find(entities, "person:president-nurlan-begaliev"), nullptr);
  // Cue words type names; known places inside are places too.
  const ArticleEntity* forum = Find(entities, "event:tashkent-water-forum");
  ASSERT_NE(forum, nullptr);
  EXPECT_EQ(forum->type, EntityType::kOther);
  EXPECT_EQ(Find(entities, "city:tashkent")->mention_count, 2);
  // Demonyms map to their countries.
  EXPECT_NE(Find(entities, "country:uz"), nullptr);
  EXPECT_NE(Find(entities, "country:kz"), nullptr);
  // "Khan" could be either Khan: it stays unlinked.
  EXPECT_NE(Find(entities, "person:imran-khan"), nullptr);
  EXPECT_NE(Find(entities, "person:bilal-khan"), nullptr);
  EXPECT_EQ(Find(entities, "person:imran-khan")->mention_count, 1);
  EXPECT_EQ(Find(entities, "org:khan"), nullptr);
}

TEST(EntityExtractorTest, MentionOffsetsAreCodePoints) {
  const std::string text = "Ünal said Russia’s Kabul envoy left.";
  const std::vector<ArticleEntity> entities = Extract(text);
  const ArticleEntity* kabul = Find(entities, "city:kabul");
  ASSERT_NE(kabul, nullptr);
  ASSERT_EQ(kabul->mentions.size(), 1u);
  EXPECT_EQ(kabul->mentions[0].start, 19);
  EXPECT_EQ(kabul->mentions[0].end, 24);
  EXPECT_EQ(kabul->mentions[0].text, "Kabul");
  const ArticleEntity* russia = Find(entities, "country:ru");
  ASSERT_NE(russia, nullptr);
  EXPECT_EQ(russia->mentions[0].text, "Russia");  // without the possessive
}

TEST(EntityExtractorTest, SalienceOrdersEntities) {
  const std::vector<ArticleEntity> entities =
      Extract("Russia and Russia and Russia again. Later, one word on Norway.");
  ASSERT_GE(entities.size(), 2u);
  EXPECT_EQ(entities[0].id, "country:ru");
  EXPECT_GT(entities[0].salience, entities.back().salience);
  for (const ArticleEntity& e : entities) {
    EXPECT_GE(e.salience, 0.0);
    EXPECT_LE(e.salience, 1.0);
  }
}

TEST(EntityExtractorTest, InitialsMatch) {
  EXPECT_TRUE(InitialsMatch("ISKP", "Islamic State Khorasan Province"));
  EXPECT_TRUE(InitialsMatch("SCO", "Shanghai Cooperation Organization"));
  EXPECT_FALSE(InitialsMatch("MNTV", "Afghanistan"));
  EXPECT_FALSE(InitialsMatch("X", "Xanadu"));
}

TEST(EntityExtractorTest, IdsOfDiscoveredNamesAreStableAcrossArticles) {
  const auto a = Extract("Zamir Kabulov met officials in Kabul.");
  const auto b =
      Extract("On Tuesday, envoy Zamir Kabulov said talks went well.");
  EXPECT_NE(Find(a, "person:zamir-kabulov"), nullptr);
  EXPECT_NE(Find(b, "person:zamir-kabulov"), nullptr);
}

}  // namespace
}  // namespace newsindex
