#include "core/entities/gazetteer.h"

#include "gtest/gtest.h"

namespace newsindex {
namespace {

std::string LexiconDir() {
  return std::string(NEWSINDEX_SOURCE_DIR) + "/data/entities/lexicon";
}

class GazetteerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(g_.lexicon().LoadWordLists(LexiconDir()).ok());
    EntityRecord ru{"country:ru",           "Russia",
                    EntityType::kLocation,  "country",
                    {"Russian Federation"}, "RU"};
    EntityRecord* r = g_.Add(ru, kPriorityCountry);
    g_.AddAlias(r, "Russian", AliasKind::kDemonym, kPriorityCurated);
    g_.Add({"country:us",
            "United States",
            EntityType::kLocation,
            "country",
            {"US", "U.S."},
            "US"},
           kPriorityCountry);
    g_.Add({"city:georgetown-a",
            "Georgetown",
            EntityType::kLocation,
            "city",
            {},
            "GY"},
           kPriorityCity);
    g_.Add({"city:georgetown-b",
            "Georgetown",
            EntityType::kLocation,
            "city",
            {},
            "MY"},
           kPriorityCity);
    g_.Add(
        {"region:af-kab", "Kābul", EntityType::kLocation, "region", {}, "AF"},
        kPriorityRegion);
    g_.Add({"city:kabul", "Kabul", EntityType::kLocation, "city", {}, "AF"},
           kPriorityCurated);
  }
  std::string MatchId(const std::string& text, size_t token = 0) {
    tokens_ = Tokenize(text);
    std::optional<Gazetteer::Match> m = g_.MatchAt(tokens_, token);
    return m ? m->record->id : "";
  }
  Gazetteer g_;
  std::vector<Token> tokens_;
};

TEST_F(GazetteerTest, MatchesAreCaseAndPunctuationAware) {
  struct Case {
    const char* text;
    size_t token;
    const char* id;
  } cases[] = {
      {"Russia", 0, "country:ru"},
      {"Russian Federation forces", 0, "country:ru"},
      {"Russian, Federation", 0, "country:ru"},  // comma ends the name
      {"Russia's", 0, "country:ru"},
      {"US", 0, "country:us"},
      {"us", 0, ""},  // acronyms only in capitals
      {"Us", 0, ""},
      {"U.S. troops", 0, "country:us"},
      {"russia", 0, "country:ru"},  // careless lowercase of a known name
      {"Georgetown", 0, ""},        // two cities, same priority: ambiguous
      {"Kabul", 0, "city:kabul"},   // the city beats the province
  };
  for (const Case& c : cases) {
    EXPECT_EQ(MatchId(c.text, c.token), c.id) << c.text;
  }
}

TEST_F(GazetteerTest, DemonymsAreMarked) {
  tokens_ = Tokenize("Russian");
  std::optional<Gazetteer::Match> m = g_.MatchAt(tokens_, 0);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->kind, AliasKind::kDemonym);
  EXPECT_EQ(m->record->id, "country:ru");
}

TEST_F(GazetteerTest, ResolveByIdOrName) {
  EXPECT_EQ(g_.Resolve("country:ru", EntityType::kUnspecified)->id,
            "country:ru");
  EXPECT_EQ(g_.Resolve("Russian Federation", EntityType::kLocation)->id,
            "country:ru");
  EXPECT_FALSE(g_.Resolve("Russia", EntityType::kPerson).has_value());
  EXPECT_FALSE(g_.Resolve("Atlantis", EntityType::kUnspecified).has_value());
}

TEST_F(GazetteerTest, UniqueIdsAndPrefixes) {
  EXPECT_EQ(g_.UniqueId("city", "Kabul"), "city:kabul-2");
  EXPECT_EQ(g_.UniqueId("person", "Zamir Kabulov"), "person:zamir-kabulov");
  EXPECT_EQ(EntityIdPrefix(EntityType::kLocation, "city"), "city");
  EXPECT_EQ(EntityIdPrefix(EntityType::kOrganization, ""), "org");
  EXPECT_EQ(EntityIdPrefix(EntityType::kOther, ""), "event");
}

TEST_F(GazetteerTest, FindsPersonsByNearSpelling) {
  g_.Add({"person:mohammad-yaqoob",
          "Mohammad Yaqoob",
          EntityType::kPerson,
          "",
          {"Yaqoob"},
          ""},
         kPriorityCurated);
  const EntityRecord* r = g_.FindPersonNear("yqoob");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->id, "person:mohammad-yaqoob");
  EXPECT_EQ(g_.FindPersonNear("yak"), nullptr);  // too short to guess
}

}  // namespace
}  // namespace newsindex
