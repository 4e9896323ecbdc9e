// Features of the NER tagger, in the spirit of Ratinov & Roth (2009):
// hashed ids of word, shape, affix, context-capitalisation, knowledge-base,
// word-cluster and document features of each token.
#ifndef NEWSINDEX_CORE_ENTITIES_NER_FEATURES_H_
#define NEWSINDEX_CORE_ENTITIES_NER_FEATURES_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/entities/gazetteer.h"
#include "core/entities/ner/labels.h"
#include "core/entities/ner/model.h"
#include "core/entities/tokens.h"

namespace newsindex {

// Feature groups, switchable for ablation (stored in the model).
enum NerFeatureGroup : uint32_t {
  kNerWords = 1u << 0,      // word, lowercase, window +-2, bigrams
  kNerShape = 1u << 1,      // shape, capitalisation, digits, length
  kNerAffixes = 1u << 2,    // prefixes and suffixes 1..4
  kNerContext = 1u << 3,    // capitalisation in context, sentence position
  kNerKnowledge = 1u << 4,  // knowledge-base names by type, lexicon
  kNerClusters = 1u << 5,   // word clusters at each granularity
  kNerDocument = 1u << 6,   // earlier labels in the article, headlines
};
inline constexpr uint32_t kNerAllFeatureGroups = 127;

// "words,shape,..." <-> bit set; "all" is every group.
absl::StatusOr<uint32_t> ParseFeatureGroups(absl::string_view names);
std::string FeatureGroupNames(uint32_t groups);

// Labels earlier segments of the article received, by word key: the
// document-level memory (extended prediction history).
class DocumentMemory {
 public:
  // Records the predicted `labels` of tokens [begin, begin+labels.size()).
  void Record(const std::vector<Token>& tokens, size_t begin,
              const std::vector<int>& labels);
  // Counts of each type (and, last, of "not a name") `key` got, or null.
  const std::array<uint16_t, kNerTypes + 1>* Find(absl::string_view key) const;

 private:
  absl::flat_hash_map<std::string, std::array<uint16_t, kNerTypes + 1>> seen_;
};

// One article being tagged: its static features, computed once.
struct FeaturizedDocument {
  std::vector<uint32_t> ids;      // static feature ids
  std::vector<uint32_t> offsets;  // token i: ids[offsets[i]..offsets[i+1])
  // Segments (lines) as [begin, end) token ranges.
  std::vector<std::pair<size_t, size_t>> segments;
  std::vector<bool> headline;  // per token: its line is in capitals
  // Per token, computed once: WordShape, the knowledge-base tag ("B-loc/s")
  // and the word's clusters (null when it has none).
  std::vector<std::string> shapes;
  std::vector<std::string> knowledge;
  std::vector<const std::vector<uint16_t>*> clusters;
  // Per token: a capitalised common word (IsCommonForm).
  std::vector<bool> common;
  // Per token, when Featurize had a cache: the summed weights of its
  // intrinsic features, which `ids` then leaves out; else empty or null.
  std::vector<const float*> cached;
  // Per token: a capitalised word or next to one in its line. Names need
  // capitals, so the tagger may label the other tokens O unseen.
  std::vector<bool> active;
};

// Summed weights of the intrinsic features of frequent word forms.
struct IntrinsicEntry {
  std::array<float, kNerLabels> scores{};
  const std::vector<uint16_t>* clusters = nullptr;  // the word's clusters
};
using IntrinsicScores = absl::flat_hash_map<std::string, IntrinsicEntry>;

// Computes features. Holds pointers only: `gazetteer` (may be null) and
// `clusters` (may be null) must outlive it. Thread-safe (const).
class NerFeaturizer {
 public:
  NerFeaturizer(const Gazetteer* gazetteer, const WordClusters* clusters,
                uint32_t groups, uint32_t hash_bits);

  // With `cache`, tokens whose word form it holds get their intrinsic
  // features' scores from it instead of feature ids.
  // With `only_active`, inactive tokens get no features.
  FeaturizedDocument Featurize(absl::string_view text,
                               const std::vector<Token>& tokens,
                               const IntrinsicScores* cache = nullptr,
                               bool only_active = false) const;
  // The features of a token that depend on its word form alone (word,
  // shape, affixes, given name, clusters; and the bias).
  void IntrinsicFeatures(absl::string_view surface, const Token& t,
                         absl::string_view shape,
                         const std::vector<uint16_t>* clusters,
                         std::vector<uint32_t>* ids) const;
  // Appends the document features of token `i` given `memory`.
  void DocumentFeatures(const std::vector<Token>& tokens,
                        const FeaturizedDocument& doc, size_t i,
                        const DocumentMemory& memory,
                        std::vector<uint32_t>* ids) const;
  uint32_t groups() const { return groups_; }

 private:
  void TokenFeatures(absl::string_view text, const std::vector<Token>& tokens,
                     size_t begin, size_t end, size_t i,
                     const FeaturizedDocument& doc,
                     std::vector<uint32_t>* ids) const;
  std::vector<std::string> KnowledgeTags(
      const std::vector<Token>& tokens) const;
  void Precompute(absl::string_view text, const std::vector<Token>& tokens,
                  bool only_active, FeaturizedDocument* doc) const;

  const Gazetteer* gazetteer_;
  const WordClusters* clusters_;
  const uint32_t groups_;
  const uint32_t mask_;
};

// The shape of a word: X upper, x lower, d digit, other bytes kept, runs
// longer than two shortened ("Kabulov" -> "Xxx", "1996-08" -> "dd-dd").
std::string WordShape(absl::string_view word);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_ENTITIES_NER_FEATURES_H_
