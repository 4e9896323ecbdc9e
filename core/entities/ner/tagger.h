// The statistical NER tagger: a first-order linear model over BILOU labels
// (trained as an averaged structured perceptron, see trainer.h), decoded
// with Viterbi line by line, with a memory of earlier labels per article.
#ifndef NEWSINDEX_CORE_ENTITIES_NER_TAGGER_H_
#define NEWSINDEX_CORE_ENTITIES_NER_TAGGER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/entities/gazetteer.h"
#include "core/entities/ner/features.h"
#include "core/entities/ner/labels.h"
#include "core/entities/ner/model.h"
#include "core/entities/tokens.h"

namespace newsindex {

// The best label sequence of `n` tokens under `emissions` (n x kNerLabels)
// and `transitions` ((kNerLabels + 1) x kNerLabels, row 0 the start), among
// sequences AllowedTransition/AllowedEnd permit.
std::vector<int> Viterbi(const float* emissions, size_t n,
                         const float* transitions);

// Adds the weights of features `ids` to `scores` (kNerLabels floats).
void AddFeatureScores(const NerModel& model, const uint32_t* ids, size_t n,
                      float* scores);

// Immutable after construction; Tag is thread-safe. Does not own the
// gazetteer (may be null), which must outlive it.
class NerTagger {
 public:
  NerTagger(NerModel model, const Gazetteer* gazetteer);

  // Loads the model file at `path`; an error names the file.
  static absl::StatusOr<std::unique_ptr<NerTagger>> Load(
      const std::string& path, const Gazetteer* gazetteer);

  // Names in `tokens` (Tokenize(text)), in text order.
  std::vector<NerSpan> Tag(absl::string_view text,
                           const std::vector<Token>& tokens) const;

  const NerModel& model() const { return model_; }

 private:
  const NerModel model_;
  const NerFeaturizer featurizer_;
  // Intrinsic scores of the cluster vocabulary (the frequent news words),
  // computed once: most tokens then need a third fewer feature lookups.
  const IntrinsicScores intrinsic_;
};

// The model the services load by default: ner-conll2003.nxner in the
// "models" directory beside the entity data directory `entity_data_dir`
// (data/entities -> data/models/ner-conll2003.nxner).
std::string NerModelPathBeside(const std::string& entity_data_dir);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_ENTITIES_NER_TAGGER_H_
