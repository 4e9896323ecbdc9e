#include "core/stories/story_model.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace newsindex::stories {
namespace {

// 1,000 articles; every key is in 10 of them except "Zthe" (in all) and
// the keys listed as rare (in 1).
class FixedStats : public TermStats {
 public:
  int64_t DocCount() const override { return 1000; }
  int64_t DocFreq(absl::string_view key, bool) const override {
    if (key == "Zthe") return 1000;
    return 10;
  }
};

Article MakeArticle(std::string title, std::string body,
                    std::vector<std::pair<std::string, double>> entities) {
  Article a;
  a.id = title;
  a.title = std::move(title);
  a.body = std::move(body);
  for (auto& [id, salience] : entities) {
    ArticleEntity e;
    e.id = id;
    e.name = id;
    e.salience = salience;
    a.entities.push_back(e);
  }
  return a;
}

StoryRecord StoryOf(const Article& a, const StoryParams& params) {
  StoryRecord s;
  s.id = "s1";
  AddToStory(FeaturesOf(a, params), +1, &s);
  return s;
}

TEST(FeaturesTest, TitleWordsWeighMoreAndLeadIsCut) {
  StoryParams params;
  params.lead_words = 3;
  StoryFeatures f = FeaturesOf(
      MakeArticle("Embassy", "talks on trade and embassy", {}), params);
  EXPECT_EQ(f.lead, "talks on trade");
  EXPECT_TRUE(f.terms.count("Zembassi"));  // the title's stem
  EXPECT_FALSE(f.terms.count("Zand"));     // beyond the lead
  EXPECT_GT(f.terms.at("Zembassi"), f.terms.at("Ztalk"));
}

TEST(SimilarityTest, Table) {
  StoryParams params;
  params.entity_weight = 0.5;
  const Article story =
      MakeArticle("Russia accepts Taliban ambassador",
                  "Moscow accepted the credentials of the Taliban envoy",
                  {{"country:ru", 0.9}, {"org:taliban", 0.8}});
  struct Case {
    std::string name;
    Article article;
    double min, max;
  };
  std::vector<Case> cases = {
      {"same article", story, 0.99, 1.01},
      {"same words, no entities", MakeArticle(story.title, story.body, {}),
       0.49, 0.51},
      {"other words, same entities",
       MakeArticle("Kremlin recognises Kabul", "a first in the West",
                   {{"country:ru", 0.9}, {"org:taliban", 0.8}}),
       0.49, 0.51},
      {"unrelated", MakeArticle("Fed raises rates", "markets fell", {}), 0,
       0.001},
      {"only a common word", MakeArticle("the", "the the", {}), 0, 0.001},
  };
  FixedStats stats;
  StoryRecord record = StoryOf(story, params);
  for (const Case& c : cases) {
    double s = Similarity(FeaturesOf(c.article, params), record, stats, params);
    EXPECT_GE(s, c.min) << c.name;
    EXPECT_LE(s, c.max) << c.name;
  }
}

TEST(SimilarityTest, TimeDecayAndGap) {
  StoryParams params;
  params.entity_weight = 0;  // the articles have none
  params.max_gap = absl::Hours(72);
  params.time_scale = absl::Hours(48);
  Article a = MakeArticle("Taliban envoy", "Moscow", {});
  a.published_at = absl::FromUnixSeconds(1700000000);
  StoryRecord record = StoryOf(a, params);
  FixedStats stats;
  struct Case {
    absl::Duration offset;
    double expected;
  };
  for (const Case& c : std::vector<Case>{{absl::ZeroDuration(), 1.0},
                                         {absl::Hours(48), std::exp(-1.0)},
                                         {-absl::Hours(48), std::exp(-1.0)},
                                         {absl::Hours(73), 0.0}}) {
    Article b = a;
    b.published_at = *a.published_at + c.offset;
    EXPECT_NEAR(Similarity(FeaturesOf(b, params), record, stats, params),
                c.expected, 1e-6)
        << c.offset;
  }
}

TEST(IdfTest, Table) {
  EXPECT_NEAR(Idf(1000, 1000), 0.0, 1e-3);  // in every article
  EXPECT_DOUBLE_EQ(Idf(10, 100), 0.0);      // clamped, never negative
  EXPECT_GT(Idf(1000, 1), Idf(1000, 10));
  EXPECT_NEAR(Idf(0, 0), std::log(2.0), 1e-12);
}

TEST(StoryRecordTest, AddRemoveAndTrim) {
  StoryParams params;
  Article a = MakeArticle("Taliban envoy", "Moscow", {{"country:ru", 0.5}});
  a.source = "tass";
  a.published_at = absl::FromUnixSeconds(1700000000);
  StoryRecord s;
  AddToStory(FeaturesOf(a, params), +1, &s);
  AddToStory(FeaturesOf(a, params), +1, &s);
  EXPECT_EQ(s.article_count, 2);
  EXPECT_EQ(s.sources.at("tass"), 2);
  EXPECT_EQ(s.days.at("20231114"), 2);
  AddToStory(FeaturesOf(a, params), -1, &s);
  AddToStory(FeaturesOf(a, params), -1, &s);
  TrimVector(&s.terms, 10);
  EXPECT_EQ(s.article_count, 0);
  EXPECT_TRUE(s.sources.empty());
  EXPECT_TRUE(s.days.empty());
  EXPECT_TRUE(s.terms.empty());
  SparseVector v = {{"a", 1}, {"b", 3}, {"c", 2}, {"d", 0}};
  TrimVector(&v, 2);
  EXPECT_EQ(v, (SparseVector{{"b", 3}, {"c", 2}}));
}

TEST(StoryRecordTest, MergeSumsPartsAndKeepsTheFoundersHeadline) {
  StoryRecord founder, other;
  founder.headline = "first";
  founder.founder = true;
  founder.article_count = 1;
  founder.terms = {{"Za", 1}};
  other.headline = "second";
  other.article_count = 2;
  other.terms = {{"Za", 2}, {"Zb", 1}};
  other.sources = {{"tass", 2}};
  for (bool founder_first : {true, false}) {
    StoryRecord whole = founder_first ? founder : other;
    MergeStories(founder_first ? other : founder, &whole);
    EXPECT_EQ(whole.headline, "first") << founder_first;
    EXPECT_EQ(whole.article_count, 3);
    EXPECT_EQ(whole.terms, (SparseVector{{"Za", 3}, {"Zb", 1}}));
    EXPECT_EQ(whole.sources.at("tass"), 2);
  }
}

TEST(StoryRecordTest, EncodingRoundTrips) {
  StoryParams params;
  Article a = MakeArticle("Taliban envoy", "Moscow", {{"country:ru", 0.5}});
  a.published_at = absl::FromUnixSeconds(1700000000);
  StoryRecord s = StoryOf(a, params);
  absl::StatusOr<StoryRecord> back = DecodeStory(EncodeStory(s));
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->id, s.id);
  EXPECT_EQ(back->headline, "Taliban envoy");
  EXPECT_EQ(back->terms, s.terms);
  EXPECT_EQ(back->entities, s.entities);
  EXPECT_EQ(back->first_published, s.first_published);
  EXPECT_EQ(back->days, s.days);
  StoryFeatures f = FeaturesOf(a, params);
  absl::StatusOr<StoryFeatures> f2 = DecodeFeatures(EncodeFeatures(f));
  ASSERT_TRUE(f2.ok()) << f2.status();
  EXPECT_EQ(f2->terms, f.terms);
  EXPECT_EQ(f2->published_at, f.published_at);
  EXPECT_FALSE(DecodeStory("[1]").ok());
  EXPECT_FALSE(DecodeFeatures("{\"id\": 3}").ok());
}

}  // namespace
}  // namespace newsindex::stories
