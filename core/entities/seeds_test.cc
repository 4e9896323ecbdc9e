// Entities of the seed articles in ../shared/corpus/seeds.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "core/entities/ner/tagger.h"
#include "core/entities/rule_entity_extractor.h"
#include "core/entities/test_knowledge.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newsindex {
namespace {

std::string SeedText(const std::string& prefix) {
  const std::filesystem::path dir =
      std::filesystem::path(NEWSINDEX_SHARED_DIR) / "corpus" / "seeds";
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().filename().string().rfind(prefix, 0) == 0) {
      std::ifstream in(entry.path());
      std::ostringstream s;
      s << in.rdbuf();
      return s.str();
    }
  }
  return "";
}

// Every seed expectation holds with the rules alone (false) and with the
// shipped tagger proposing the names (true, the services' default).
class SeedsTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(std::filesystem::path(NEWSINDEX_SHARED_DIR) /
                                 "corpus" / "seeds")) {
      GTEST_SKIP() << "no seed articles under " << NEWSINDEX_SHARED_DIR;
    }
  }
  std::vector<ArticleEntity> Extract(const std::string& seed) {
    const std::string text = SeedText(seed);
    EXPECT_FALSE(text.empty()) << "seed " << seed;
    EntityExtractorOptions options;
    if (GetParam()) options.tagger = ShippedTagger();
    return RuleEntityExtractor(&TestKnowledge(), options).Extract(text);
  }
};

const ArticleEntity* Find(const std::vector<ArticleEntity>& entities,
                          absl::string_view id) {
  for (const ArticleEntity& e : entities) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

std::string Describe(const std::vector<ArticleEntity>& entities) {
  std::string out;
  for (const ArticleEntity& e : entities) {
    out += e.id + " [" + EntityTypeName(e.type) + "] x" +
           std::to_string(e.mention_count) + " {";
    for (const std::string& s : e.surface_forms) out += s + "|";
    out += "}\n";
  }
  return out;
}

struct Expected {
  const char* seed;
  const char* id;
  EntityType type;
};

TEST_P(SeedsTest, EachSeedYieldsItsEntities) {
  const Expected expected[] = {
      {"000", "person:gul-hassan", EntityType::kPerson},
      {"000", "person:zamir-kabulov", EntityType::kPerson},
      {"000", "person:abdul-ghani-baradar", EntityType::kPerson},
      {"000", "org:iskp", EntityType::kOrganization},
      {"000", "org:taliban", EntityType::kOrganization},
      {"000", "city:moscow", EntityType::kLocation},
      {"000", "city:kabul", EntityType::kLocation},
      {"000", "city:quetta", EntityType::kLocation},
      {"000", "event:kazan-summit", EntityType::kOther},
      {"000", "country:ae", EntityType::kLocation},
      {"001", "person:zamir-kabulov", EntityType::kPerson},
      {"001", "person:amir-khan-muttaqi", EntityType::kPerson},
      {"001", "person:sirajuddin-haqqani", EntityType::kPerson},
      {"001", "person:zia-ahmad-takal", EntityType::kPerson},
      {"001", "person:abdul-matin-qani", EntityType::kPerson},
      {"001", "event:kazan-summit", EntityType::kOther},
      {"001", "org:supreme-court", EntityType::kOrganization},
      {"002", "org:iskp", EntityType::kOrganization},
      {"002", "org:sco", EntityType::kOrganization},
      {"002", "org:eu", EntityType::kOrganization},
      {"002", "country:us", EntityType::kLocation},
      {"003", "org:iskp", EntityType::kOrganization},
      {"003", "person:mohammad-yaqoob", EntityType::kPerson},
      {"003", "org:csto", EntityType::kOrganization},
      {"003", "city:washington", EntityType::kLocation},
      {"004", "person:abdul-ghani-baradar", EntityType::kPerson},
      {"004", "org:sco", EntityType::kOrganization},
      {"004", "country:by", EntityType::kLocation},
  };
  std::map<std::string, std::vector<ArticleEntity>> by_seed;
  for (const Expected& e : expected) {
    auto [it, inserted] = by_seed.try_emplace(e.seed);
    if (inserted) it->second = Extract(e.seed);
    const ArticleEntity* found = Find(it->second, e.id);
    ASSERT_NE(found, nullptr)
        << "seed " << e.seed << " lacks " << e.id << "; it has:\n"
        << Describe(it->second);
    EXPECT_EQ(found->type, e.type) << e.id;
  }
}

TEST_P(SeedsTest, Seed000HasTenCountriesAndLinksEveryName) {
  const std::vector<ArticleEntity> entities = Extract("000");
  int countries = 0;
  for (const ArticleEntity& e : entities) {
    if (e.type == EntityType::kLocation && e.subtype == "country") ++countries;
  }
  EXPECT_GE(countries, 10) << Describe(entities);
  // "Ambassador Hassan" and "Hassan" are Gul Hassan; "Mullah" is a title.
  const ArticleEntity* hassan = Find(entities, "person:gul-hassan");
  ASSERT_NE(hassan, nullptr);
  EXPECT_GE(hassan->mention_count, 3);
  EXPECT_EQ(hassan->name, "Gul Hassan");
  const ArticleEntity* baradar = Find(entities, "person:abdul-ghani-baradar");
  ASSERT_NE(baradar, nullptr);
  EXPECT_THAT(baradar->surface_forms,
              ::testing::Contains("Abdul Ghani Baradar"));
  // "ISIS-Khorasan (ISKP)": both names, one entity.
  const ArticleEntity* iskp = Find(entities, "org:iskp");
  ASSERT_NE(iskp, nullptr);
  EXPECT_EQ(iskp->mention_count, 2);
  // "Afghan" is Afghanistan.
  EXPECT_THAT(Find(entities, "country:af")->surface_forms,
              ::testing::Contains("Afghan"));
}

TEST_P(SeedsTest, PartialNamesAndPossessivesLink) {
  const std::vector<ArticleEntity> s001 = Extract("001");
  EXPECT_THAT(Find(s001, "person:zamir-kabulov")->surface_forms,
              ::testing::Contains("Kabulov"));
  EXPECT_THAT(Find(s001, "person:amir-khan-muttaqi")->surface_forms,
              ::testing::Contains("Muttaqi"));
  EXPECT_EQ(Find(s001, "person:kabulov"), nullptr);
  const std::vector<ArticleEntity> s002 = Extract("002");
  // "Russia's", "Russian" and "Russia" are one place.
  EXPECT_THAT(Find(s002, "country:ru")->surface_forms,
              ::testing::Contains("Russian"));
  // "ISIS-K (Islamic State Khorasan Province)"
  EXPECT_THAT(Find(s002, "org:iskp")->surface_forms,
              ::testing::Contains("ISIS-K"));
  const std::vector<ArticleEntity> s003 = Extract("003");
  // "Moscow’s" (metonymy) stays the place.
  EXPECT_EQ(Find(s003, "city:moscow")->type, EntityType::kLocation);
}

INSTANTIATE_TEST_SUITE_P(RulesAndTagger, SeedsTest, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? "Tagger" : "Rules";
                         });

}  // namespace
}  // namespace newsindex
