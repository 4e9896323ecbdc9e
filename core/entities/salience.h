// The salience model: the probability that an article is about each entity
// it mentions, from where and how it mentions it (docs/entities.md,
// "Salience and aboutness"). A logistic regression per entity group,
// trained by newsindex-train-salience on editors' tags; its file is a
// small text format with a checksum (SerializeSalienceModel).
#ifndef NEWSINDEX_CORE_ENTITIES_SALIENCE_H_
#define NEWSINDEX_CORE_ENTITIES_SALIENCE_H_

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/base/article.h"

namespace newsindex {

// What the ingest pipeline saw besides the merged entities: which entities
// the headline and the dateline named, and the dateline place's country.
struct SalienceContext {
  absl::flat_hash_set<std::string> title_ids;
  absl::flat_hash_set<std::string> dateline_ids;
  std::string dateline_country;  // upper-case ISO alpha-2; empty: none
};

// The features, in this order (SalienceFeatureName), each about 0..1.
enum SalienceFeature : int {
  kFirstPosition = 0,  // 1 - first body mention / body length; 0: none
  kLogMentions,        // log(1 + mentions) / log(1 + 20), capped at 1
  kMentionShare,       // mentions / all entity mentions of the article
  kInTitle,            // the headline names it
  kInDateline,         // the dateline names it
  kInLead,             // a mention in the first paragraph
  kParagraphSpread,    // share of paragraphs that mention it
  kCorefChain,         // mentions by a shorter form than its longest, scaled
  kIsCountry,          // a location of subtype country
  kDatelineCountry,    // a location in (or being) the dateline's country
  kCountryShare,       // share of location mentions in its country
  kTopCountry,         // its country has the most location mentions
  kRank,               // 1 / (1 + rank by mentions)
  kCorpusFrequency,    // log(1 + document frequency) / log(1 + documents)
  kNoBodyMention,      // named only in the headline or dateline
  // Of all the places in its country together (a place rolls up to it):
  kCountryFirstPosition,  // the earliest first position
  kCountryInTitle,        // one of them is in the headline
  kCountryLogMentions,    // their mentions, as kLogMentions
  kCountryPrior,          // how often the corpus was about its country
  kSalienceFeatureCount
};
using SalienceFeatures = std::array<double, kSalienceFeatureCount>;

// "first_position", ...: the names the model file uses.
const char* SalienceFeatureName(int feature);

// The model's groups of entities, each with its own weights. Entities of
// type other (events etc.), which no editors' tags cover, use the
// organization weights.
enum SalienceGroup : int {
  kPersonGroup = 0,
  kOrganizationGroup,
  kLocationGroup,
  kSalienceGroupCount
};
const char* SalienceGroupName(int group);
SalienceGroup SalienceGroupOf(EntityType type);

// What the training corpus says of entities: how often they occur (the
// kCorpusFrequency feature; entities it does not list count 0) and, per
// country, the share of training articles mentioning a place in it that
// were about it (kCountryPrior; other countries get default_prior).
struct CorpusFrequency {
  int64_t documents = 0;
  absl::flat_hash_map<std::string, int64_t> document_frequency;
  absl::flat_hash_map<std::string, double> country_prior;
  double default_prior = 0.5;
};

// The kCorpusFrequency feature of entity `id`.
double CorpusFrequencyFeature(const CorpusFrequency& frequency,
                              absl::string_view id);

// The kCountryPrior feature of `e` (0 unless a location with a country).
double CountryPriorFeature(const CorpusFrequency& frequency,
                           const ArticleEntity& e);

// The features of every entity of `entities` (as the pipeline merged
// them, with body mention offsets in code points of `body`).
std::vector<SalienceFeatures> ComputeSalienceFeatures(
    absl::string_view body, const SalienceContext& context,
    const std::vector<ArticleEntity>& entities,
    const CorpusFrequency& frequency);

struct SalienceModel {
  // weights[group][0] is the bias; weights[group][1 + f] feature f's.
  std::array<std::array<double, kSalienceFeatureCount + 1>, kSalienceGroupCount>
      weights{};
  // Entity.about is salience >= threshold.
  double threshold = 0.5;
  CorpusFrequency frequency;
  // Free text: training data, command, date (one line, no newline).
  std::string provenance;

  // The probability for one entity of group `group`.
  double Probability(SalienceGroup group,
                     const SalienceFeatures& features) const;
};

// Sets each entity's salience from `model`, `about` from its threshold,
// and orders `entities` most salient first (stable).
void ApplySalience(const SalienceModel& model, absl::string_view body,
                   const SalienceContext& context,
                   std::vector<ArticleEntity>* entities);

// Without a model: keeps the rule salience and marks as `about` entities at
// or above kRuleAboutThreshold (uncalibrated; docs/entities.md).
inline constexpr double kRuleAboutThreshold = 0.4;
void ApplyRuleAboutness(std::vector<ArticleEntity>* entities);

// The model file: "newsindex-salience-model 1", then provenance,
// threshold, one weight line per group and feature, the corpus frequency
// table, and a last line "checksum <FNV-1a 64 hex of all before it>".
std::string SerializeSalienceModel(const SalienceModel& model);
// INVALID_ARGUMENT naming what is wrong: another magic or version, a
// missing, unknown, repeated or non-finite weight, a threshold outside
// (0, 1), a bad frequency line, a missing or wrong checksum (truncation).
absl::StatusOr<SalienceModel> ParseSalienceModel(absl::string_view text);
// ParseSalienceModel of the file at `path`; errors name the file.
absl::StatusOr<SalienceModel> LoadSalienceModel(const std::string& path);
absl::Status SaveSalienceModel(const SalienceModel& model,
                               const std::string& path);

// models/salience-reuters.nxsal beside the entity data directory
// `entity_data_dir` (as NerModelPathBeside).
std::string SalienceModelPathBeside(const std::string& entity_data_dir);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_ENTITIES_SALIENCE_H_
