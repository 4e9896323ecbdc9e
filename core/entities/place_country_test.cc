// A datelined city keeps its country whether the rules or the shipped
// tagger find it, so that place:<country> finds a story datelined in one of
// the country's cities that never names the country. Synthetic texts.
#include <string>
#include <vector>

#include "core/entities/rule_entity_extractor.h"
#include "core/entities/test_knowledge.h"
#include "gtest/gtest.h"

namespace newsindex {
namespace {

std::string Describe(const std::vector<ArticleEntity>& entities) {
  std::string out;
  for (const ArticleEntity& e : entities) {
    out += e.id + " [" + EntityTypeName(e.type) + " " + e.country + "] ";
  }
  return out;
}

const ArticleEntity* Find(const std::vector<ArticleEntity>& entities,
                          absl::string_view id) {
  for (const ArticleEntity& e : entities) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

// Rules alone (false) and the shipped tagger (true, the services' default).
class PlaceCountryTest : public ::testing::TestWithParam<bool> {
 protected:
  RuleEntityExtractor Extractor() const {
    EntityExtractorOptions options;
    if (GetParam()) options.tagger = ShippedTagger();
    return RuleEntityExtractor(&TestKnowledge(), options);
  }
};

struct Case {
  const char* text;
  bool dateline;  // through ExtractDateline (the article's dateline field)
  const char* id;
  const char* country;
};

// None of the texts names the country.
constexpr Case kCases[] = {
    {"MANILA, March 3 - The central bank raised its lending rate by half a "
     "point on Tuesday, officials said.",
     false, "city:manila", "PH"},
    {"GENEVA, May 12 - Trade talks resumed on Monday after a pause of a "
     "week, delegates said.",
     false, "city:geneva", "CH"},
    {"MANILA", true, "city:manila", "PH"},
    {"GENEVA", true, "city:geneva", "CH"},
    {"MANILA, March 3", true, "city:manila", "PH"},
    {"PHOENIX, Ariz.", true, "city:phoenix", "US"},
    {"DENVER, Colo.", true, "city:denver", "US"},
    {"DENVER, March 3 - The company said on Tuesday it would close two "
     "plants.",
     false, "city:denver", "US"},
};

TEST_P(PlaceCountryTest, DatelinedCityHasItsCountry) {
  const RuleEntityExtractor extractor = Extractor();
  for (const Case& c : kCases) {
    const std::vector<ArticleEntity> entities =
        c.dateline ? extractor.ExtractDateline(c.text)
                   : extractor.Extract(c.text);
    const ArticleEntity* e = Find(entities, c.id);
    ASSERT_NE(e, nullptr) << c.text << " lacks " << c.id << ": "
                          << Describe(entities);
    EXPECT_EQ(e->type, EntityType::kLocation) << c.text;
    EXPECT_EQ(e->country, c.country) << c.text << ": " << Describe(entities);
  }
}

INSTANTIATE_TEST_SUITE_P(RulesAndTagger, PlaceCountryTest, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? "Tagger" : "Rules";
                         });

}  // namespace
}  // namespace newsindex
