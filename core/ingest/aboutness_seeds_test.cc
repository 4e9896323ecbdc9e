// What the seed articles (../shared/corpus/seeds) are about, through the
// whole pipeline with the shipped NER and salience models (the services'
// defaults): Afghanistan and Russia in all five; Norway and Quetta (seed
// 000) and Iran (seed 002), mentioned in passing, not.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/base/clock.h"
#include "core/entities/rule_entity_extractor.h"
#include "core/entities/salience.h"
#include "core/entities/test_knowledge.h"
#include "core/ingest/ingest_pipeline.h"
#include "core/normalize/normalizer.h"
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

const SalienceModel& ShippedSalience() {
  static const SalienceModel* const model = [] {
    absl::StatusOr<SalienceModel> m =
        LoadSalienceModel(std::string(NEWSINDEX_SOURCE_DIR) +
                          "/data/models/salience-reuters.nxsal");
    if (!m.ok()) {
      ADD_FAILURE() << m.status();
      return new SalienceModel();
    }
    return new SalienceModel(*std::move(m));
  }();
  return *model;
}

const ArticleEntity* Find(const Article& a, absl::string_view id) {
  for (const ArticleEntity& e : a.entities) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

TEST(AboutnessSeedsTest, AboutAfghanistanAndRussiaNotPassingMentions) {
  if (!std::filesystem::exists(std::filesystem::path(NEWSINDEX_SHARED_DIR) /
                               "corpus" / "seeds")) {
    GTEST_SKIP() << "no seed articles under " << NEWSINDEX_SHARED_DIR;
  }
  EntityExtractorOptions options;
  options.tagger = ShippedTagger();
  RuleEntityExtractor extractor(&TestKnowledge(), options);
  Normalizer normalizer;
  FixedClock clock(absl::FromUnixSeconds(1800000000));
  IngestPipeline pipeline(&normalizer, &extractor, &clock, &ShippedSalience());
  struct Expected {
    const char* seed;
    const char* id;
    bool about;
  };
  const Expected expected[] = {
      {"000", "country:af", true},  {"001", "country:af", true},
      {"002", "country:af", true},  {"003", "country:af", true},
      {"004", "country:af", true},  {"000", "country:ru", true},
      {"001", "country:ru", true},  {"002", "country:ru", true},
      {"003", "country:ru", true},  {"004", "country:ru", true},
      {"000", "country:no", false}, {"000", "city:quetta", false},
      {"002", "country:ir", false},
  };
  for (const Expected& x : expected) {
    RawArticle raw;
    raw.content = SeedText(x.seed);
    ASSERT_FALSE(raw.content.empty()) << x.seed;
    absl::StatusOr<PreparedArticle> prepared = pipeline.Prepare(raw);
    ASSERT_TRUE(prepared.ok()) << prepared.status();
    std::string all;
    for (const ArticleEntity& e : prepared->article.entities) {
      all += e.id + "=" + std::to_string(e.salience) + " ";
    }
    // Mentioned either way; about or in passing.
    const ArticleEntity* e = Find(prepared->article, x.id);
    ASSERT_NE(e, nullptr) << x.seed << " " << x.id << ": " << all;
    EXPECT_EQ(e->about, x.about) << x.seed << " " << x.id << ": " << all;
  }
}

}  // namespace
}  // namespace newsindex
