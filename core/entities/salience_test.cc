// The salience model: its features, its probability, its file format and
// the refusal of bad files; the trainer's determinism.
#include "core/entities/salience.h"

#include <cmath>

#include "core/base/hash.h"
#include "core/entities/salience_trainer.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newsindex {
namespace {

ArticleEntity Place(std::string id, std::string country,
                    std::vector<int> starts) {
  ArticleEntity e;
  e.id = std::move(id);
  e.name = e.id;
  e.type = EntityType::kLocation;
  e.subtype = "country";
  e.country = std::move(country);
  e.surface_forms = {e.name};
  for (int s : starts) e.mentions.push_back(Mention{s, s + 3, e.name});
  e.mention_count = static_cast<int>(starts.size());
  return e;
}

TEST(SalienceFeaturesTest, PositionLeadSpreadTitleAndDateline) {
  // Two paragraphs of 10 code points each ("\n\n" between).
  const std::string body = "aaaaaaaaaa\n\nbbbbbbbbbb";
  const std::vector<ArticleEntity> entities = {
      Place("country:af", "AF", {0, 12}), Place("country:no", "NO", {15})};
  SalienceContext context;
  context.title_ids = {"country:af"};
  context.dateline_country = "AF";
  const std::vector<SalienceFeatures> f =
      ComputeSalienceFeatures(body, context, entities, CorpusFrequency{});
  ASSERT_EQ(f.size(), 2u);
  EXPECT_DOUBLE_EQ(f[0][kFirstPosition], 1.0);
  EXPECT_DOUBLE_EQ(f[0][kInLead], 1.0);
  EXPECT_DOUBLE_EQ(f[0][kParagraphSpread], 1.0);
  EXPECT_DOUBLE_EQ(f[0][kInTitle], 1.0);
  EXPECT_DOUBLE_EQ(f[0][kDatelineCountry], 1.0);
  EXPECT_DOUBLE_EQ(f[0][kTopCountry], 1.0);
  EXPECT_NEAR(f[0][kMentionShare], 2.0 / 3, 1e-12);
  EXPECT_NEAR(f[1][kFirstPosition], 1.0 - 15.0 / 22, 1e-12);
  EXPECT_DOUBLE_EQ(f[1][kInLead], 0.0);
  EXPECT_DOUBLE_EQ(f[1][kParagraphSpread], 0.5);
  EXPECT_DOUBLE_EQ(f[1][kInTitle], 0.0);
  EXPECT_DOUBLE_EQ(f[1][kDatelineCountry], 0.0);
  EXPECT_DOUBLE_EQ(f[1][kTopCountry], 0.0);
}

SalienceModel SmallModel() {
  SalienceModel model;
  model.threshold = 0.6;
  model.weights[kLocationGroup][0] = -2;
  model.weights[kLocationGroup][1 + kInTitle] = 4;
  model.frequency.documents = 10;
  model.frequency.document_frequency["country:af"] = 4;
  model.frequency.country_prior["AF"] = 0.75;
  model.provenance = "unit test";
  return model;
}

TEST(SalienceModelTest, ProbabilityAboutAndOrder) {
  const SalienceModel model = SmallModel();
  std::vector<ArticleEntity> entities = {Place("country:no", "NO", {15}),
                                         Place("country:af", "AF", {0})};
  SalienceContext context;
  context.title_ids = {"country:af"};
  ApplySalience(model, "aaaaaaaaaa\n\nbbbbbbbbbb", context, &entities);
  ASSERT_EQ(entities[0].id, "country:af");  // most salient first
  EXPECT_NEAR(entities[0].salience, 1 / (1 + std::exp(-2.0)), 1e-12);
  EXPECT_TRUE(entities[0].about);
  EXPECT_NEAR(entities[1].salience, 1 / (1 + std::exp(2.0)), 1e-12);
  EXPECT_FALSE(entities[1].about);
}

TEST(SalienceModelTest, FileRoundTrips) {
  const SalienceModel model = SmallModel();
  const std::string text = SerializeSalienceModel(model);
  absl::StatusOr<SalienceModel> back = ParseSalienceModel(text);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->threshold, 0.6);
  EXPECT_EQ(back->weights, model.weights);
  EXPECT_EQ(back->frequency.document_frequency,
            model.frequency.document_frequency);
  EXPECT_EQ(back->frequency.country_prior, model.frequency.country_prior);
  EXPECT_EQ(back->provenance, "unit test");
  EXPECT_EQ(SerializeSalienceModel(*back), text);
}

// Each bad file is refused with a message that says what is wrong.
TEST(SalienceModelTest, RefusesBadFiles) {
  const std::string good = SerializeSalienceModel(SmallModel());
  // Re-signs `body` so that the checksum does not hide the defect.
  auto signed_text = [](std::string body) {
    return body + "checksum " + Sha256Hex(body) + "\n";
  };
  const std::string body = good.substr(0, good.rfind("checksum "));
  struct Case {
    const char* name;
    std::string text;
    const char* message;
  } cases[] = {
      {"empty", "", "no checksum"},
      {"truncated", good.substr(0, good.size() / 2), "no checksum"},
      {"corrupt", std::string(good).replace(40, 1, "#"), "checksum mismatch"},
      {"other magic",
       signed_text("newsindex-salience-model 2" + body.substr(body.find('\n'))),
       "not a salience model of this version"},
      {"missing weight",
       signed_text(
           body.substr(0, body.find("weight location rank")) +
           body.substr(body.find('\n', body.find("weight location rank")) + 1)),
       "no weight for location rank"},
      {"non-finite", signed_text(body + "weight person rank nan\n"),
       "finite weight"},
      {"threshold", signed_text(body + "threshold 1.5\n"), "(0, 1)"},
      {"unknown line", signed_text(body + "hello\n"), "unknown line"},
  };
  for (const Case& c : cases) {
    absl::StatusOr<SalienceModel> model = ParseSalienceModel(c.text);
    ASSERT_FALSE(model.ok()) << c.name;
    EXPECT_EQ(model.status().code(), absl::StatusCode::kInvalidArgument)
        << c.name;
    EXPECT_THAT(model.status().message(), ::testing::HasSubstr(c.message))
        << c.name << ": " << model.status();
  }
  absl::StatusOr<SalienceModel> missing =
      LoadSalienceModel("/nonexistent/salience.nxsal");
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(missing.status().message(),
              ::testing::HasSubstr("/nonexistent/salience.nxsal"));
}

TEST(SalienceTrainerTest, SeparatesAndIsDeterministic) {
  std::vector<SalienceExample> examples;
  for (int i = 0; i < 200; ++i) {
    SalienceExample x;
    x.group = kLocationGroup;
    x.features[kInTitle] = i % 2;
    x.features[kFirstPosition] = (i % 7) / 7.0;
    x.about = (i % 2 == 1) != (i % 10 == 0);  // mostly the title decides
    examples.push_back(x);
  }
  const auto w = FitSalienceWeights(examples);
  EXPECT_GT(w[kLocationGroup][1 + kInTitle], 2.0);
  EXPECT_EQ(w[kPersonGroup][0], 0.0);  // no examples: untouched
  EXPECT_EQ(FitSalienceWeights(examples), w);
}

}  // namespace
}  // namespace newsindex
