// Fits the salience model's weights: L2-regularised logistic regression by
// Newton's method, one group at a time. Deterministic: the same examples
// in the same order give the same weights, bit for bit.
#ifndef NEWSINDEX_CORE_ENTITIES_SALIENCE_TRAINER_H_
#define NEWSINDEX_CORE_ENTITIES_SALIENCE_TRAINER_H_

#include <array>
#include <vector>

#include "core/entities/salience.h"

namespace newsindex {

// One entity of one training article, with the editors' verdict.
struct SalienceExample {
  SalienceGroup group = kPersonGroup;
  SalienceFeatures features{};
  bool about = false;
};

struct SalienceTrainerOptions {
  double l2 = 1.0;      // penalty on the weights (not the bias)
  int iterations = 25;  // Newton steps at most
};

// The weights of each group (bias first) fitted to `examples`; a group
// without examples keeps all-zero weights (probability 0.5).
std::array<std::array<double, kSalienceFeatureCount + 1>, kSalienceGroupCount>
FitSalienceWeights(const std::vector<SalienceExample>& examples,
                   const SalienceTrainerOptions& options = {});

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_ENTITIES_SALIENCE_TRAINER_H_
