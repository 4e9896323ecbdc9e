// Word clusters from word vectors: seeded k-means at several granularities
// over fastText's text output (.vec), for the tagger's cluster features.
#ifndef NEWSINDEX_CORE_ENTITIES_NER_CLUSTERS_H_
#define NEWSINDEX_CORE_ENTITIES_NER_CLUSTERS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/entities/ner/model.h"

namespace newsindex {

struct WordVectors {
  std::vector<std::string> words;
  std::vector<float> values;  // words.size() x dim, unit length
  size_t dim = 0;
};

// Reads a fastText .vec file ("count dim" line, then "word v1 v2 ...").
absl::StatusOr<WordVectors> ReadWordVectors(const std::string& path);

// Cosine k-means (Lloyd, `iterations` rounds, centres seeded from `seed`)
// for each k in `sizes`; ids start at 1. Deterministic.
WordClusters ClusterWords(const WordVectors& vectors,
                          const std::vector<uint32_t>& sizes, uint32_t seed,
                          int iterations);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_ENTITIES_NER_CLUSTERS_H_
