#include "core/entities/loaders.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "core/entities/knowledge.h"
#include "core/entities/lexicon.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newsindex {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;

std::string Fixture(const std::string& name) {
  return std::string(NEWSINDEX_SOURCE_DIR) + "/core/entities/testdata/" + name;
}

std::string LexiconDir() {
  return std::string(NEWSINDEX_SOURCE_DIR) + "/data/entities/lexicon";
}

// Countries only: the layers that operator files merge into.
std::unique_ptr<Gazetteer> Countries() {
  auto g = std::make_unique<Gazetteer>();
  EXPECT_TRUE(g->lexicon().LoadWordLists(LexiconDir()).ok());
  EXPECT_TRUE(
      LoadIsoCountries("/usr/share/iso-codes/json/iso_3166-1.json", g.get())
          .ok());
  return g;
}

TEST(LoadersTest, IsoCountriesCldrAndSubdivisions) {
  auto g = Countries();
  ASSERT_TRUE(
      LoadCldrTerritories("/usr/share/unicode/cldr/common/main/en.xml", g.get())
          .ok());
  ASSERT_TRUE(
      LoadIsoSubdivisions("/usr/share/iso-codes/json/iso_3166-2.json", g.get())
          .ok());
  EXPECT_EQ(g->FindByName("Russia")->id, "country:ru");
  EXPECT_EQ(g->FindById("country:ru")->name, "Russia");  // CLDR's plain name
  EXPECT_EQ(g->FindByName("Russian Federation")->id, "country:ru");
  EXPECT_EQ(g->FindByName("United Arab Emirates")->id, "country:ae");
  EXPECT_EQ(g->FindByName("Iran")->id, "country:ir");
  EXPECT_EQ(g->FindByName("Bosnia & Herzegovina")->id, "country:ba");
  EXPECT_EQ(g->FindById("region:af-kab")->subtype, "region");
}

TEST(LoadersTest, CldrTerritoryNamesAndAlternatives) {
  auto g = std::make_unique<Gazetteer>();
  ASSERT_TRUE(g->lexicon().LoadWordLists(LexiconDir()).ok());
  for (const char* code : {"BA", "RU"}) {
    EntityRecord record;
    record.id = absl::StrCat("country:", absl::AsciiStrToLower(code));
    record.name = code;
    record.type = EntityType::kLocation;
    g->Add(std::move(record), kPriorityCountry);
  }
  ASSERT_TRUE(
      LoadCldrTerritories(Fixture("cldr_territories.xml"), g.get()).ok());
  EXPECT_EQ(g->FindById("country:ba")->name, "Bosnia & Herzegovina");
  EXPECT_EQ(g->FindById("country:ru")->name, "Russia");
  EXPECT_EQ(g->FindByName("BiH")->id, "country:ba");      // alt="short"
  EXPECT_EQ(g->FindByName("Rossiya")->id, "country:ru");  // alt="variant"
  EXPECT_EQ(g->FindByName("Not An Alias"), nullptr);      // other alt=
  EXPECT_EQ(g->FindByName("European Union"), nullptr);    // no such id
  EXPECT_EQ(g->FindByName("World"), nullptr);             // not a region
}

TEST(LoadersTest, CldrErrorsNameTheFileAndLine) {
  Gazetteer g;
  EXPECT_EQ(LoadCldrTerritories(Fixture("missing.xml"), &g).code(),
            absl::StatusCode::kNotFound);
  absl::Status broken = LoadCldrTerritories(Fixture("cldr_broken.xml"), &g);
  EXPECT_EQ(broken.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(broken.message()),
              ::testing::HasSubstr("cldr_broken.xml:1: mismatched tag"));
}

TEST(LoadersTest, LexiconWordListsLoad) {
  Lexicon lexicon;
  ASSERT_TRUE(lexicon.LoadWordLists(LexiconDir()).ok());
  struct Case {
    const char* key;
    bool function, common, honorific, title, speech, connector;
    Cue cue;
  };
  const Case cases[] = {
      {"the", true, true, false, false, false, true, Cue::kNone},
      {"however", true, true, false, false, false, false, Cue::kNone},
      {"mullah", false, false, true, true, false, false, Cue::kNone},
      {"deputy", false, false, false, true, false, false, Cue::kNone},
      {"ministry", false, false, false, false, false, false,
       Cue::kOrganization},
      {"summit", false, false, false, false, false, false, Cue::kEvent},
      {"province", false, false, false, false, false, false, Cue::kLocation},
      {"said", false, false, false, false, true, false, Cue::kNone},
      {"al", false, false, false, false, false, true, Cue::kNone},
      {"kabul", false, false, false, false, false, false, Cue::kNone},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(lexicon.IsFunctionWord(c.key), c.function) << c.key;
    EXPECT_EQ(lexicon.IsCommonWord(c.key), c.common) << c.key;
    EXPECT_EQ(lexicon.IsHonorific(c.key), c.honorific) << c.key;
    EXPECT_EQ(lexicon.IsTitle(c.key), c.title) << c.key;
    EXPECT_EQ(lexicon.IsSpeechVerb(c.key), c.speech) << c.key;
    EXPECT_EQ(lexicon.IsConnector(c.key), c.connector) << c.key;
    EXPECT_EQ(lexicon.CueOf(c.key), c.cue) << c.key;
  }
  // The comment lines are not words.
  EXPECT_FALSE(lexicon.IsFunctionWord("#"));
}

TEST(LoadersTest, MissingLexiconWordListsFailClearly) {
  Lexicon lexicon;
  absl::Status s = lexicon.LoadWordLists(Fixture("no_such_dir"));
  EXPECT_EQ(s.code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(s.message(),
              HasSubstr(Fixture("no_such_dir/function_words.txt")));
  EXPECT_THAT(s.message(), HasSubstr("data/entities/lexicon"));
  KnowledgePaths paths;
  paths.lexicon_dir = Fixture("no_such_dir");
  EXPECT_EQ(LoadKnowledge(paths).status().code(), absl::StatusCode::kNotFound);
}

TEST(LoadersTest, WordNetWordCountIsHex) {
  const std::pair<const char*, int> cases[] = {
      {"01", 1}, {"0a", 10}, {"0A", 10}, {"1f", 31}, {"", 0}, {"zz", 0}};
  for (const auto& [field, want] : cases) {
    EXPECT_EQ(WordNetWordCount(field), want) << field;
  }
}

TEST(LoadersTest, WordNetInstances) {
  auto g = Countries();
  ASSERT_TRUE(g->lexicon().LoadWordNetCommonWords("/usr/share/wordnet").ok());
  ASSERT_TRUE(LoadWordNetInstances("/usr/share/wordnet", g.get()).ok());
  const EntityRecord* moscow = g->FindByName("Moscow");
  ASSERT_NE(moscow, nullptr);
  EXPECT_EQ(moscow->type, EntityType::kLocation);
  EXPECT_EQ(moscow->subtype, "city");
  const EntityRecord* lincoln = g->FindByName("Abraham Lincoln");
  ASSERT_NE(lincoln, nullptr);
  EXPECT_EQ(lincoln->type, EntityType::kPerson);
  const EntityRecord* nato =
      g->FindByName("North Atlantic Treaty Organization");
  ASSERT_NE(nato, nullptr);
  EXPECT_EQ(nato->type, EntityType::kOrganization);
  EXPECT_TRUE(g->lexicon().IsCommonWord("court"));
  EXPECT_FALSE(g->lexicon().IsCommonWord("kabulov"));
}

TEST(LoadersTest, OperatorJsonl) {
  auto g = Countries();
  ASSERT_TRUE(LoadEntityJsonl(Fixture("operator_gazetteer.jsonl"),
                              kPriorityOperator, g.get())
                  .ok());
  const EntityRecord* kwc = g->FindByName("KWC");
  ASSERT_NE(kwc, nullptr);
  EXPECT_EQ(kwc->id, "org:karakum-water-council");
  EXPECT_EQ(g->FindByName("Turkmenistani")->id, "country:tm");
  EXPECT_EQ(g->FindById("city:oasis-town")->country, "TM");
  EXPECT_EQ(g->FindByName("Festival of Dunes")->type, EntityType::kOther);
}

TEST(LoadersTest, BrokenFilesNameTheFileAndLine) {
  struct Case {
    std::string file;
    absl::Status (*load)(const std::string&, Gazetteer*);
    const char* where;
    const char* what;
  } cases[] = {
      {"broken_gazetteer.jsonl",
       [](const std::string& p, Gazetteer* g) {
         return LoadEntityJsonl(p, kPriorityOperator, g);
       },
       "broken_gazetteer.jsonl:4: ", "\"aliases\" must be an array"},
      {"broken_cities.txt", &LoadGeoNamesCities,
       "broken_cities.txt:2: ", "GeoNames"},
      {"table_broken.tsv", &LoadEntityTsv,
       "table_broken.tsv:4: ", "unknown type \"spaceship\""},
  };
  for (const Case& c : cases) {
    auto g = Countries();
    absl::Status s = c.load(Fixture(c.file), g.get());
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << c.file;
    EXPECT_THAT(s.message(), HasSubstr(c.where));
    EXPECT_THAT(s.message(), HasSubstr(c.what));
  }
}

TEST(LoadersTest, StartUpWithABrokenGazetteerFailsClearly) {
  KnowledgePaths paths;
  paths.lexicon_dir = LexiconDir();
  paths.wordnet_dir.clear();
  paths.gazetteers = {Fixture("broken_gazetteer.jsonl")};
  auto knowledge = LoadKnowledge(paths);
  ASSERT_FALSE(knowledge.ok());
  EXPECT_THAT(knowledge.status().message(),
              HasSubstr(Fixture("broken_gazetteer.jsonl") + ":4: "));
  paths.gazetteers = {Fixture("no_such_file.jsonl")};
  knowledge = LoadKnowledge(paths);
  EXPECT_EQ(knowledge.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(knowledge.status().message(), HasSubstr("no_such_file.jsonl"));
}

TEST(LoadersTest, GeoNamesCities) {
  auto g = Countries();
  ASSERT_TRUE(g->lexicon().LoadWordNetCommonWords("/usr/share/wordnet").ok());
  ASSERT_TRUE(LoadGeoNamesCities(Fixture("cities.txt"), g.get()).ok());
  const EntityRecord* oasis = g->FindByName("Oazis-Taun");
  ASSERT_NE(oasis, nullptr);
  EXPECT_EQ(oasis->id, "city:oasis-town");
  EXPECT_EQ(oasis->subtype, "city");
  EXPECT_EQ(g->FindByName("Dune Harbour")->id, "city:dune-harbor");
  EXPECT_EQ(g->FindByName("DUN"), nullptr);     // codes are not names
  EXPECT_EQ(g->FindByName("Police"), nullptr);  // an ordinary word
}

// The compact form scripts/make-cities writes (data/entities/
// cities15000.tsv) loads like the dump it came from; cities know their
// country.
TEST(LoadersTest, GeoNamesCompactCities) {
  for (const char* file : {"cities.txt", "cities_compact.tsv"}) {
    auto g = Countries();
    ASSERT_TRUE(g->lexicon().LoadWordNetCommonWords("/usr/share/wordnet").ok());
    ASSERT_TRUE(LoadGeoNamesCities(Fixture(file), g.get()).ok()) << file;
    const EntityRecord* oasis = g->FindByName("Oazis-Taun");
    ASSERT_NE(oasis, nullptr) << file;
    EXPECT_EQ(oasis->id, "city:oasis-town");
    EXPECT_EQ(oasis->country, "TM");
    EXPECT_EQ(g->FindByName("Dune Harbor")->id, "city:dune-harbor");
    EXPECT_EQ(g->FindByName("Police"), nullptr);
  }
}

TEST(LoadersTest, GeoNamesMergesIntoKnownCityOfTheSameCountry) {
  auto g = Countries();
  ASSERT_TRUE(LoadEntityJsonl(Fixture("operator_gazetteer.jsonl"),
                              kPriorityOperator, g.get())
                  .ok());
  ASSERT_TRUE(LoadGeoNamesCities(Fixture("cities.txt"), g.get()).ok());
  EXPECT_EQ(g->FindByName("Oazis-Taun")->id, "city:oasis-town");
  EXPECT_EQ(g->FindById("city:oasis-town-tm"), nullptr);
}

TEST(LoadersTest, TsvTables) {
  auto g = Countries();
  ASSERT_TRUE(LoadEntityTsv(Fixture("table.tsv"), g.get()).ok());
  EXPECT_EQ(g->FindByName("SLA")->id, "org:salt-lake-authority");
  EXPECT_EQ(g->FindByName("Salt Authority")->type, EntityType::kOrganization);
  EXPECT_EQ(g->FindByName("Marrow Bay")->id, "region:marrow-bay");
}

TEST(LoadersTest, DefaultKnowledgePathsAreInTheDataDir) {
  const KnowledgePaths paths = DefaultKnowledgePaths("/d");
  EXPECT_EQ(paths.curated_jsonl, "/d/curated.jsonl");
  EXPECT_EQ(paths.lexicon_dir, "/d/lexicon");
}

TEST(LoadersTest, KnowledgeWithoutALexiconDirIsAnError) {
  KnowledgePaths paths;
  EXPECT_EQ(LoadKnowledge(paths).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace newsindex
