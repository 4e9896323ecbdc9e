// Training of the NER tagger: CoNLL-2003 reading, an averaged structured
// perceptron with model selection on a dev set, and span-level scoring.
#ifndef NEWSINDEX_CORE_ENTITIES_NER_TRAINER_H_
#define NEWSINDEX_CORE_ENTITIES_NER_TRAINER_H_

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/entities/gazetteer.h"
#include "core/entities/ner/features.h"
#include "core/entities/ner/model.h"
#include "core/entities/ner/tagger.h"
#include "core/entities/tokens.h"

namespace newsindex {

// One annotated article: its text as the extractor would see it (tokens
// joined by spaces, sentences by line breaks), Tokenize(text) and the
// gold names over those tokens.
struct NerDocument {
  std::string text;
  std::vector<Token> tokens;
  std::vector<NerSpan> gold;
};

// Reads a CoNLL-2003 file ("token POS chunk NER" lines, IOB1 or IOB2,
// documents split at -DOCSTART-); an error names the file.
absl::StatusOr<std::vector<NerDocument>> ReadConllDocuments(
    const std::string& path);

// Span-level counts per type (exact span and type).
struct NerScores {
  std::array<int, kNerTypes> tp{}, fp{}, fn{};
  double Precision(int type) const;
  double Recall(int type) const;
  double F1(int type) const;
  // Over PER, ORG and LOC (MISC left out, as entity_eval does).
  double F1WithoutMisc() const;
  void Add(const std::vector<NerSpan>& gold,
           const std::vector<NerSpan>& predicted);
};

NerScores ScoreTagger(const NerTagger& tagger,
                      const std::vector<NerDocument>& docs);

struct NerTrainOptions {
  int epochs = 12;
  uint32_t seed = 1;
  uint32_t hash_bits = 20;
  uint32_t feature_groups = kNerAllFeatureGroups;
  // Rows of hashed features whose averaged weights all stay below this
  // are left out of the model: smaller, and faster to apply.
  float min_weight = 0.3f;
  // Called with a line of progress per epoch; may be empty.
  std::function<void(const std::string&)> log;
};

// Trains on `train`, keeps the epoch whose averaged weights score best on
// `dev` (PER/ORG/LOC F1; the last epoch when `dev` is empty).
// Deterministic for equal inputs and options. `gazetteer` may be null.
NerModel TrainNerModel(const std::vector<NerDocument>& train,
                       const std::vector<NerDocument>& dev,
                       const Gazetteer* gazetteer, WordClusters clusters,
                       const NerTrainOptions& options);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_ENTITIES_NER_TRAINER_H_
