// Unit tests of the NER tagger: labels, Viterbi decoding, features, the
// model file (round trip and refusal of bad files), training, and the merge
// of tagged names with the knowledge base.
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "core/entities/discovery.h"
#include "core/entities/ner/features.h"
#include "core/entities/ner/labels.h"
#include "core/entities/ner/model.h"
#include "core/entities/ner/tagger.h"
#include "core/entities/ner/trainer.h"
#include "core/entities/tagged_mentions.h"
#include "core/entities/test_knowledge.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newsindex {
namespace {

constexpr int O = kOutside;
constexpr int BPer = NerLabel(NerType::kPer, NerPart::kBegin);
constexpr int IPer = NerLabel(NerType::kPer, NerPart::kInside);
constexpr int LPer = NerLabel(NerType::kPer, NerPart::kLast);
constexpr int UPer = NerLabel(NerType::kPer, NerPart::kUnit);
constexpr int ULoc = NerLabel(NerType::kLoc, NerPart::kUnit);
constexpr int BOrg = NerLabel(NerType::kOrg, NerPart::kBegin);
constexpr int LOrg = NerLabel(NerType::kOrg, NerPart::kLast);

TEST(NerLabelsTest, Transitions) {
  const struct {
    int prev, next;
    bool allowed;
  } kCases[] = {
      {-1, O, true},       {-1, BPer, true},   {-1, IPer, false},
      {-1, LPer, false},   {O, UPer, true},    {O, LPer, false},
      {BPer, IPer, true},  {BPer, LPer, true}, {BPer, O, false},
      {BPer, LOrg, false}, {IPer, LPer, true}, {LPer, BOrg, true},
      {UPer, IPer, false}, {ULoc, ULoc, true},
  };
  for (const auto& c : kCases) {
    EXPECT_EQ(AllowedTransition(c.prev, c.next), c.allowed)
        << c.prev << " -> " << NerLabelName(c.next);
  }
  EXPECT_TRUE(AllowedEnd(LPer));
  EXPECT_FALSE(AllowedEnd(BPer));
}

TEST(NerLabelsTest, SpansRoundTrip) {
  const struct {
    std::vector<int> labels;
    std::vector<NerSpan> spans;
  } kCases[] = {
      {{O, O}, {}},
      {{UPer, O, ULoc}, {{0, 0, NerType::kPer}, {2, 2, NerType::kLoc}}},
      {{BPer, IPer, LPer, BOrg, LOrg},
       {{0, 2, NerType::kPer}, {3, 4, NerType::kOrg}}},
  };
  for (const auto& c : kCases) {
    EXPECT_EQ(SpansFromLabels(c.labels), c.spans);
    EXPECT_EQ(LabelsFromSpans(c.labels.size(), c.spans), c.labels);
  }
  EXPECT_EQ(SpansFromLabels({UPer}, 7),
            (std::vector<NerSpan>{{7, 7, NerType::kPer}}));
}

// A hand-made model: only emissions, unless a case sets a transition.
TEST(NerViterbiTest, BestAllowedSequence) {
  struct Case {
    const char* name;
    std::vector<std::pair<int, float>> emissions;  // per token: label, score
    std::vector<std::tuple<int, int, float>> transitions;
    std::vector<int> expected;
  };
  const Case kCases[] = {
      {"emissions alone", {{UPer, 2}, {O, 1}, {ULoc, 3}}, {}, {UPer, O, ULoc}},
      // B-PER then O is the best by emissions but not a valid sequence.
      {"no unfinished name", {{BPer, 5}, {O, 5}}, {}, {O, O}},
      {"a name across tokens", {{BPer, 2}, {LPer, 2}}, {}, {BPer, LPer}},
      // O O scores 2 by emission; U-PER U-PER scores 1.8 + a transition.
      {"transitions count",
       {{UPer, 0.9f}, {UPer, 0.9f}},
       {{UPer + 1, UPer, 1.0f}},
       {UPer, UPer}},
      {"start row", {{UPer, 1}, {O, 0}}, {{0, O, 2.0f}}, {O, O}},
  };
  for (const Case& c : kCases) {
    const size_t n = c.emissions.size();
    std::vector<float> e(n * kNerLabels, 0.0f);
    for (size_t i = 0; i < n; ++i) {
      e[i * kNerLabels + O] = 1.0f;  // O is a fair default everywhere
      e[i * kNerLabels + c.emissions[i].first] = c.emissions[i].second;
    }
    std::vector<float> t((kNerLabels + 1) * kNerLabels, 0.0f);
    for (const auto& [row, label, score] : c.transitions) {
      t[row * kNerLabels + label] = score;
    }
    EXPECT_EQ(Viterbi(e.data(), n, t.data()), c.expected) << c.name;
  }
  EXPECT_TRUE(Viterbi(nullptr, 0, nullptr).empty());
}

TEST(NerFeaturesTest, WordShape) {
  const struct {
    const char* word;
    const char* shape;
  } kCases[] = {{"Kabulov", "Xxx"},         {"ISKP", "XX"},
                {"1996-08-22", "dd-dd-dd"}, {"iPhone", "xXxx"},
                {"U.S.", "X.X."},           {"", ""}};
  for (const auto& c : kCases) EXPECT_EQ(WordShape(c.word), c.shape) << c.word;
}

TEST(NerFeaturesTest, ParseFeatureGroups) {
  EXPECT_EQ(*ParseFeatureGroups("all"), kNerAllFeatureGroups);
  EXPECT_EQ(*ParseFeatureGroups("words,shape"), kNerWords | kNerShape);
  EXPECT_EQ(*ParseFeatureGroups("all,-clusters"),
            kNerAllFeatureGroups & ~kNerClusters);
  EXPECT_FALSE(ParseFeatureGroups("words,colour").ok());
  EXPECT_EQ(FeatureGroupNames(kNerWords | kNerDocument), "words,document");
}

TEST(NerFeaturesTest, GroupsAndDeterminism) {
  const std::string text = "Zamir Kabulov met officials in Kabul .\nIRAN WINS";
  const std::vector<Token> tokens = Tokenize(text);
  WordClusters clusters;
  clusters.sizes = {4};
  clusters.ids["Kabul"] = {3};
  struct Case {
    uint32_t groups;
    size_t min_per_token, max_per_token;
  };
  const Case kCases[] = {{kNerWords, 9, 9},
                         {kNerWords | kNerShape, 13, 13},
                         {kNerAllFeatureGroups, 20, 60}};
  for (const Case& c : kCases) {
    NerFeaturizer f(&TestKnowledge(), &clusters, c.groups, 16);
    const FeaturizedDocument a = f.Featurize(text, tokens);
    const FeaturizedDocument b = f.Featurize(text, tokens);
    EXPECT_EQ(a.ids, b.ids);
    ASSERT_EQ(a.offsets.size(), tokens.size() + 1);
    for (size_t i = 0; i < tokens.size(); ++i) {
      const size_t n = a.offsets[i + 1] - a.offsets[i];
      EXPECT_GE(n, c.min_per_token) << FeatureGroupNames(c.groups) << " " << i;
      EXPECT_LE(n, c.max_per_token) << FeatureGroupNames(c.groups) << " " << i;
      for (size_t k = a.offsets[i]; k < a.offsets[i + 1]; ++k) {
        EXPECT_LT(a.ids[k], 1u << 16);
      }
    }
    EXPECT_EQ(a.segments.size(), 2u);
    EXPECT_FALSE(a.headline[0]);
    EXPECT_TRUE(a.headline.back());
  }
}

TEST(NerFeaturesTest, DocumentMemory) {
  const std::string text = "Kabulov spoke .\nKabulov left";
  const std::vector<Token> tokens = Tokenize(text);
  DocumentMemory memory;
  EXPECT_EQ(memory.Find("kabulov"), nullptr);
  memory.Record(tokens, 0, {UPer, O, O});
  ASSERT_NE(memory.Find("kabulov"), nullptr);
  EXPECT_EQ((*memory.Find("kabulov"))[0], 1);
  NerFeaturizer f(nullptr, nullptr, kNerDocument, 16);
  const FeaturizedDocument doc = f.Featurize(text, tokens);
  std::vector<uint32_t> with, without;
  f.DocumentFeatures(tokens, doc, 3, memory, &with);
  f.DocumentFeatures(tokens, doc, 3, DocumentMemory(), &without);
  EXPECT_EQ(with.size(), 2u);
  EXPECT_TRUE(without.empty());
}

NerModel SmallModel() {
  NerModel m;
  m.hash_bits = 8;
  m.feature_groups = kNerWords | kNerClusters;
  m.transitions.assign((kNerLabels + 1) * kNerLabels, 0.0f);
  m.transitions[5] = -1.5f;
  std::vector<float> dense((1u << 8) * kNerLabels, 0.0f);
  dense[3 * kNerLabels + UPer] = 2.0f;
  dense[3 * kNerLabels + O] = -1.0f;
  dense[200 * kNerLabels + ULoc] = 0.25f;
  m.SetWeights(dense, 1e-6f);
  m.clusters.sizes = {8, 64};
  m.clusters.ids["Kabul"] = {2, 17};
  return m;
}

TEST(NerModelTest, RoundTrip) {
  const NerModel m = SmallModel();
  absl::StatusOr<NerModel> back = ParseNerModel(SerializeNerModel(m), "t");
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->hash_bits, 8u);
  EXPECT_EQ(back->feature_groups, m.feature_groups);
  EXPECT_EQ(back->transitions, m.transitions);
  EXPECT_EQ(back->row_count(), 3u);
  const uint32_t ids[] = {3, 200, 7};
  float want[kNerLabels] = {}, got[kNerLabels] = {};
  AddFeatureScores(m, ids, 3, want);
  AddFeatureScores(*back, ids, 3, got);
  for (int l = 0; l < kNerLabels; ++l) EXPECT_NEAR(got[l], want[l], 0.02) << l;
  EXPECT_EQ(back->clusters.sizes, m.clusters.sizes);
  EXPECT_EQ(back->clusters.ids, m.clusters.ids);
  EXPECT_EQ(SerializeNerModel(*back), SerializeNerModel(m));
}

TEST(NerModelTest, RefusesBadFiles) {
  const std::string good = SerializeNerModel(SmallModel());
  std::string other_version = good;
  other_version[8] = 9;  // the version follows the 8-byte magic
  std::string flipped = good;
  flipped[good.size() / 2] ^= 0x20;
  const struct {
    const char* name;
    std::string bytes;
    const char* why;
  } kCases[] = {
      {"empty", "", "bad magic"},
      {"text", "hello, this is not a model file at all", "bad magic"},
      {"other version", other_version, "version 9"},
      {"truncated", good.substr(0, good.size() - 11), "checksum"},
      {"header only", good.substr(0, 20), "truncated"},
      {"flipped byte", flipped, "checksum"},
  };
  const std::string path =
      (std::filesystem::temp_directory_path() / "ner_test_bad.nxner").string();
  for (const auto& c : kCases) {
    {
      std::ofstream out(path, std::ios::binary | std::ios::trunc);
      out << c.bytes;
    }
    absl::StatusOr<NerModel> m = LoadNerModel(path);
    ASSERT_FALSE(m.ok()) << c.name;
    EXPECT_THAT(m.status().message(), ::testing::HasSubstr(path)) << c.name;
    EXPECT_THAT(m.status().message(), ::testing::HasSubstr(c.why)) << c.name;
    EXPECT_FALSE(NerTagger::Load(path, nullptr).ok()) << c.name;
  }
  std::filesystem::remove(path);
  absl::StatusOr<NerModel> missing = LoadNerModel(path + ".missing");
  EXPECT_TRUE(absl::IsNotFound(missing.status()));
  EXPECT_THAT(missing.status().message(), ::testing::HasSubstr(".missing"));
}

std::string WriteConll(const std::string& text) {
  const std::string path =
      (std::filesystem::temp_directory_path() / "ner_test.conll").string();
  std::ofstream(path, std::ios::trunc) << text;
  return path;
}

TEST(NerTrainerTest, ReadsConllAndLearnsDeterministically) {
  std::string conll;
  for (const char* doc :
       {"Zorblat NNP B-NP B-PER\nQuaxley NNP I-NP I-PER\nvisited VBD B-VP O\n"
        "Vondria NNP B-NP B-LOC\n. . O O\n",
        "Mr NNP B-NP O\nQuaxley NNP I-NP B-PER\nleft VBD B-VP O\n"
        "Vondria NNP B-NP B-LOC\nfor IN B-PP O\nU.S. NNP B-NP B-LOC\n"}) {
    conll += "-DOCSTART- -X- -X- O\n\n";
    conll += doc;
    conll += "\n";
  }
  absl::StatusOr<std::vector<NerDocument>> docs =
      ReadConllDocuments(WriteConll(conll));
  ASSERT_TRUE(docs.ok()) << docs.status();
  ASSERT_EQ(docs->size(), 2u);
  EXPECT_EQ((*docs)[0].text, "Zorblat Quaxley visited Vondria .");
  EXPECT_EQ((*docs)[0].gold, (std::vector<NerSpan>{{0, 1, NerType::kPer},
                                                   {3, 3, NerType::kLoc}}));
  // "U.S." is four tokens to the extractor's tokenizer: U . S .
  EXPECT_EQ((*docs)[1].gold.back(), (NerSpan{5, 8, NerType::kLoc}));
  NerTrainOptions options;
  options.epochs = 5;
  options.hash_bits = 12;
  const NerModel a = TrainNerModel(*docs, {}, nullptr, {}, options);
  const NerModel b = TrainNerModel(*docs, {}, nullptr, {}, options);
  EXPECT_EQ(SerializeNerModel(a), SerializeNerModel(b));
  const NerTagger tagger(a, nullptr);
  EXPECT_EQ(ScoreTagger(tagger, *docs).F1WithoutMisc(), 1.0);
  EXPECT_FALSE(ReadConllDocuments("/nonexistent/ner.conll").ok());
}

TEST(TaggedMentionsTest, PolicyForUntaggedKnowledge) {
  const std::string text = "Officials in Russia met Zorblat Quaxley .";
  const std::vector<Token> tokens = Tokenize(text);
  std::vector<EntitySpan> candidates =
      FindCandidates(TestKnowledge(), text, tokens);
  const std::vector<NerSpan> tagged = {{4, 5, NerType::kPer}};
  const struct {
    UntaggedKnowledge policy;
    bool keeps_russia;
  } kCases[] = {{UntaggedKnowledge::kDrop, false},
                {UntaggedKnowledge::kStrong, true},
                {UntaggedKnowledge::kAll, true}};
  for (const auto& c : kCases) {
    const std::vector<EntitySpan> out = MergeTaggedSpans(
        TestKnowledge(), text, tokens, tagged, candidates, c.policy);
    ASSERT_FALSE(out.empty());
    EXPECT_EQ(out.back().id, "person:zorblat-quaxley");
    EXPECT_EQ(out.back().type, EntityType::kPerson);
    const bool russia = std::any_of(
        out.begin(), out.end(), [](auto& s) { return s.id == "country:ru"; });
    EXPECT_EQ(russia, c.keeps_russia);
  }
  // A tagged name the knowledge base knows links to it.
  const std::vector<EntitySpan> linked =
      MergeTaggedSpans(TestKnowledge(), text, tokens, {{2, 2, NerType::kLoc}},
                       candidates, UntaggedKnowledge::kDrop);
  ASSERT_EQ(linked.size(), 1u);
  EXPECT_EQ(linked[0].id, "country:ru");
  EXPECT_TRUE(linked[0].known);
}

}  // namespace
}  // namespace newsindex
