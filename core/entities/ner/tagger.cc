#include "core/entities/ner/tagger.h"

#include <cstdint>
#include <filesystem>

#include "core/entities/knowledge.h"

namespace newsindex {
namespace {

// allowed[p + 1][l]: AllowedTransition(p, l), p = -1 the start.
struct TransitionTable {
  TransitionTable() {
    for (int p = -1; p < kNerLabels; ++p) {
      for (int l = 0; l < kNerLabels; ++l) {
        allowed[p + 1][l] = AllowedTransition(p, l);
      }
    }
  }
  bool allowed[kNerLabels + 1][kNerLabels];
};

const TransitionTable& Allowed() {
  static const TransitionTable* table = new TransitionTable();
  return *table;
}

}  // namespace

std::vector<int> Viterbi(const float* emissions, size_t n,
                         const float* transitions) {
  // Forbidden steps and unreachable states score kNone; sums of two stay
  // finite, so the inner loop needs no branches.
  constexpr float kNone = -1e30f;
  constexpr int L = kNerLabels;
  std::vector<int> labels(n, kOutside);
  if (n == 0) return labels;
  const TransitionTable& allowed = Allowed();
  float masked[(L + 1) * L];
  for (int p = 0; p <= L; ++p) {
    for (int l = 0; l < L; ++l) {
      masked[p * L + l] =
          allowed.allowed[p][l] ? transitions[p * L + l] : kNone;
    }
  }
  std::vector<float> score(n * L);
  std::vector<uint8_t> back(n * L, 0);
  for (int l = 0; l < L; ++l) score[l] = masked[l] + emissions[l];
  for (size_t i = 1; i < n; ++i) {
    const float* prev = &score[(i - 1) * L];
    for (int l = 0; l < L; ++l) {
      if (emissions[i * L + l] <= kNone) {  // ruled out (unscored tokens)
        score[i * L + l] = kNone;
        continue;
      }
      float best = prev[0] + masked[L + l];
      int arg = 0;
      for (int p = 1; p < L; ++p) {
        const float s = prev[p] + masked[(p + 1) * L + l];
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      score[i * L + l] = best + emissions[i * L + l];
      back[i * L + l] = static_cast<uint8_t>(arg);
    }
  }
  int last = kOutside;
  for (int l = 0; l < L; ++l) {
    if (AllowedEnd(l) && score[(n - 1) * L + l] > score[(n - 1) * L + last]) {
      last = l;
    }
  }
  for (size_t i = n; i-- > 0;) {
    labels[i] = last;
    last = back[i * L + last];
  }
  return labels;
}

void AddFeatureScores(const NerModel& model, const uint32_t* ids, size_t n,
                      float* scores) {
  for (size_t k = 0; k < n; ++k) {
    // Most features never received a weight: a bit test in a small set
    // spares a cache miss in the large index.
    if (!(model.used[ids[k] >> 6] >> (ids[k] & 63) & 1)) continue;
    const float* w = &model.rows[model.row_of[ids[k]] * kNerLabels];
    for (int l = 0; l < kNerLabels; ++l) scores[l] += w[l];
  }
}

namespace {

IntrinsicScores ScoreVocabulary(const NerModel& model,
                                const NerFeaturizer& featurizer) {
  IntrinsicScores scores;
  std::vector<uint32_t> ids;
  for (const auto& [word, clusters] : model.clusters.ids) {
    const std::vector<Token> tokens = Tokenize(word);
    if (tokens.size() != 1 || tokens[0].end != static_cast<int>(word.size())) {
      continue;
    }
    ids.clear();
    featurizer.IntrinsicFeatures(word, tokens[0], WordShape(word), &clusters,
                                 &ids);
    IntrinsicEntry& entry = scores[word];
    entry.clusters = &clusters;
    AddFeatureScores(model, ids.data(), ids.size(), entry.scores.data());
  }
  return scores;
}

}  // namespace

NerTagger::NerTagger(NerModel model, const Gazetteer* gazetteer)
    : model_(std::move(model)),
      featurizer_(gazetteer, &model_.clusters, model_.feature_groups,
                  model_.hash_bits),
      intrinsic_(ScoreVocabulary(model_, featurizer_)) {}

absl::StatusOr<std::unique_ptr<NerTagger>> NerTagger::Load(
    const std::string& path, const Gazetteer* gazetteer) {
  absl::StatusOr<NerModel> model = LoadNerModel(path);
  if (!model.ok()) return model.status();
  return std::make_unique<NerTagger>(*std::move(model), gazetteer);
}

std::string NerModelPathBeside(const std::string& entity_data_dir) {
  return (std::filesystem::path(entity_data_dir) / ".." / "models" /
          "ner-conll2003.nxner")
      .lexically_normal()
      .string();
}

std::vector<NerSpan> NerTagger::Tag(absl::string_view text,
                                    const std::vector<Token>& tokens) const {
  const FeaturizedDocument doc =
      featurizer_.Featurize(text, tokens, &intrinsic_, /*only_active=*/true);
  DocumentMemory memory;
  std::vector<NerSpan> spans;
  std::vector<float> emissions;
  std::vector<uint32_t> dynamic;
  for (const auto& [begin, end] : doc.segments) {
    emissions.assign((end - begin) * kNerLabels, 0.0f);
    for (size_t i = begin; i < end; ++i) {
      float* e = &emissions[(i - begin) * kNerLabels];
      if (!doc.active[i]) {  // O, unscored
        for (int l = 1; l < kNerLabels; ++l) e[l] = -1e30f;
        continue;
      }
      if (doc.cached[i] != nullptr) {
        for (int l = 0; l < kNerLabels; ++l) e[l] += doc.cached[i][l];
      }
      AddFeatureScores(model_, &doc.ids[doc.offsets[i]],
                       doc.offsets[i + 1] - doc.offsets[i], e);
      dynamic.clear();
      featurizer_.DocumentFeatures(tokens, doc, i, memory, &dynamic);
      AddFeatureScores(model_, dynamic.data(), dynamic.size(), e);
    }
    const std::vector<int> labels =
        Viterbi(emissions.data(), end - begin, model_.transitions.data());
    memory.Record(tokens, begin, labels);
    for (const NerSpan& s : SpansFromLabels(labels, begin)) spans.push_back(s);
  }
  return spans;
}

}  // namespace newsindex
