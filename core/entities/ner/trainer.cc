#include "core/entities/ner/trainer.h"

#include <algorithm>
#include <fstream>
#include <random>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"

namespace newsindex {
namespace {

// CoNLL tokens of one document being read, as byte spans of its text.
struct ConllBuilder {
  NerDocument doc;
  std::vector<std::pair<int, int>> spans;  // gold byte spans
  std::vector<NerType> types;
  int open_start = -1;
  std::string open_type;
  bool sentence_open = false;

  void Close() {
    NerType type;
    if (open_start >= 0 && ParseNerType(open_type, &type)) {
      spans.emplace_back(open_start, static_cast<int>(doc.text.size()));
      types.push_back(type);
    }
    open_start = -1;
  }
  void AddToken(absl::string_view word, absl::string_view tag) {
    if (!doc.text.empty()) doc.text += sentence_open ? " " : "\n";
    sentence_open = true;
    const std::string type(tag.size() > 2 ? tag.substr(2) : "");
    const bool begins = tag[0] == 'B' || (tag[0] == 'I' && type != open_type);
    if (tag == "O" || begins) Close();
    if (tag != "O" && open_start < 0) {
      open_start = static_cast<int>(doc.text.size());
      open_type = type;
    }
    if (tag == "O") open_type.clear();
    doc.text.append(word.data(), word.size());
  }
  // Tokenizes the text and maps the gold byte spans onto its tokens.
  NerDocument Finish() {
    Close();
    doc.tokens = Tokenize(doc.text);
    size_t k = 0;
    for (size_t s = 0; s < spans.size(); ++s) {
      while (k < doc.tokens.size() && doc.tokens[k].start < spans[s].first) ++k;
      size_t last = k;
      while (last + 1 < doc.tokens.size() &&
             doc.tokens[last + 1].end <= spans[s].second) {
        ++last;
      }
      if (k < doc.tokens.size() && doc.tokens[k].end <= spans[s].second) {
        doc.gold.push_back(NerSpan{k, last, types[s]});
      }
    }
    return std::move(doc);
  }
};

// Dense weights with lazy averaging (Daume's trick): the average is
// w - acc / c, where acc sums c * delta of every update.
class Perceptron {
 public:
  explicit Perceptron(uint32_t hash_bits)
      : w_((size_t{1} << hash_bits) * kNerLabels),
        acc_(w_.size()),
        t_((kNerLabels + 1) * kNerLabels),
        tacc_(t_.size()) {}

  void Score(const uint32_t* ids, size_t n, float* scores) const {
    for (size_t k = 0; k < n; ++k) {
      const float* w = &w_[size_t{ids[k]} * kNerLabels];
      for (int l = 0; l < kNerLabels; ++l) scores[l] += w[l];
    }
  }
  const float* transitions() const { return t_.data(); }

  void UpdateToken(const uint32_t* ids, size_t n, int label, float delta) {
    for (size_t k = 0; k < n; ++k) {
      const size_t at = size_t{ids[k]} * kNerLabels + label;
      w_[at] += delta;
      acc_[at] += c_ * delta;
    }
  }
  void UpdateTransition(int prev, int label, float delta) {
    const size_t at = (prev + 1) * kNerLabels + label;
    t_[at] += delta;
    tacc_[at] += c_ * delta;
  }
  void Tick() { ++c_; }

  void Averaged(float min_weight, NerModel* model) const {
    std::vector<float> avg(w_.size());
    for (size_t i = 0; i < w_.size(); ++i) avg[i] = w_[i] - acc_[i] / c_;
    model->SetWeights(avg, min_weight);
    model->transitions.resize(t_.size());
    for (size_t i = 0; i < t_.size(); ++i) {
      model->transitions[i] = t_[i] - tacc_[i] / c_;
    }
  }

 private:
  std::vector<float> w_, acc_, t_, tacc_;
  float c_ = 1;
};

// One pass of perceptron learning over one document, segment by segment,
// with the document memory fed by the model's own predictions (as at run
// time).
void LearnDocument(const NerFeaturizer& featurizer, const NerDocument& doc,
                   const FeaturizedDocument& f, Perceptron* p) {
  const std::vector<int> gold = LabelsFromSpans(doc.tokens.size(), doc.gold);
  DocumentMemory memory;
  std::vector<std::vector<uint32_t>> dynamic;
  std::vector<float> emissions;
  for (const auto& [begin, end] : f.segments) {
    const size_t n = end - begin;
    emissions.assign(n * kNerLabels, 0.0f);
    dynamic.assign(n, {});
    for (size_t i = begin; i < end; ++i) {
      float* e = &emissions[(i - begin) * kNerLabels];
      p->Score(&f.ids[f.offsets[i]], f.offsets[i + 1] - f.offsets[i], e);
      featurizer.DocumentFeatures(doc.tokens, f, i, memory,
                                  &dynamic[i - begin]);
      p->Score(dynamic[i - begin].data(), dynamic[i - begin].size(), e);
    }
    const std::vector<int> predicted =
        Viterbi(emissions.data(), n, p->transitions());
    for (size_t i = begin; i < end; ++i) {
      const int g = gold[i], y = predicted[i - begin];
      const int gp = i > begin ? gold[i - 1] : -1;
      const int yp = i > begin ? predicted[i - 1 - begin] : -1;
      if (g != y) {
        const uint32_t* ids = &f.ids[f.offsets[i]];
        const size_t m = f.offsets[i + 1] - f.offsets[i];
        p->UpdateToken(ids, m, g, 1);
        p->UpdateToken(ids, m, y, -1);
        const std::vector<uint32_t>& d = dynamic[i - begin];
        p->UpdateToken(d.data(), d.size(), g, 1);
        p->UpdateToken(d.data(), d.size(), y, -1);
      }
      if (g != y || gp != yp) {
        p->UpdateTransition(gp, g, 1);
        p->UpdateTransition(yp, y, -1);
      }
    }
    p->Tick();
    memory.Record(doc.tokens, begin, predicted);
  }
}

}  // namespace

absl::StatusOr<std::vector<NerDocument>> ReadConllDocuments(
    const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  std::vector<NerDocument> docs;
  ConllBuilder builder;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.rfind("-DOCSTART-", 0) == 0) {
      if (!builder.doc.text.empty()) docs.push_back(builder.Finish());
      builder = ConllBuilder();
      continue;
    }
    if (line.empty()) {
      builder.Close();
      builder.sentence_open = false;
      continue;
    }
    std::vector<absl::string_view> f = absl::StrSplit(line, ' ');
    if (f.size() < 2 || f.back().empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ":", number, ": expected 'token ... NER-tag'"));
    }
    builder.AddToken(f[0], f.back());
  }
  if (!builder.doc.text.empty()) docs.push_back(builder.Finish());
  return docs;
}

double NerScores::Precision(int t) const {
  return tp[t] / std::max(1.0, 1.0 * tp[t] + fp[t]);
}
double NerScores::Recall(int t) const {
  return tp[t] / std::max(1.0, 1.0 * tp[t] + fn[t]);
}
double NerScores::F1(int t) const {
  const double p = Precision(t), r = Recall(t);
  return p + r > 0 ? 2 * p * r / (p + r) : 0;
}
double NerScores::F1WithoutMisc() const {
  double a = 0, b = 0, c = 0;
  for (int t = 0; t < 3; ++t) {
    a += tp[t];
    b += fp[t];
    c += fn[t];
  }
  const double p = a / std::max(1.0, a + b), r = a / std::max(1.0, a + c);
  return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

void NerScores::Add(const std::vector<NerSpan>& gold,
                    const std::vector<NerSpan>& predicted) {
  for (const NerSpan& g : gold) {
    const bool found =
        std::find(predicted.begin(), predicted.end(), g) != predicted.end();
    (found ? tp : fn)[static_cast<int>(g.type)]++;
  }
  for (const NerSpan& s : predicted) {
    if (std::find(gold.begin(), gold.end(), s) == gold.end()) {
      fp[static_cast<int>(s.type)]++;
    }
  }
}

NerScores ScoreTagger(const NerTagger& tagger,
                      const std::vector<NerDocument>& docs) {
  NerScores scores;
  for (const NerDocument& d : docs)
    scores.Add(d.gold, tagger.Tag(d.text, d.tokens));
  return scores;
}

NerModel TrainNerModel(const std::vector<NerDocument>& train,
                       const std::vector<NerDocument>& dev,
                       const Gazetteer* gazetteer, WordClusters clusters,
                       const NerTrainOptions& options) {
  NerModel best;
  const NerFeaturizer featurizer(gazetteer, &clusters, options.feature_groups,
                                 options.hash_bits);
  std::vector<FeaturizedDocument> features;
  features.reserve(train.size());
  for (const NerDocument& d : train) {
    features.push_back(featurizer.Featurize(d.text, d.tokens));
  }
  Perceptron perceptron(options.hash_bits);
  std::vector<size_t> order(train.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937 random(options.seed);
  double best_f1 = -1;
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    for (size_t i = order.size(); i > 1; --i) {  // Fisher-Yates, portable
      std::swap(order[i - 1], order[random() % i]);
    }
    for (size_t d : order) {
      LearnDocument(featurizer, train[d], features[d], &perceptron);
    }
    NerModel model;
    model.hash_bits = options.hash_bits;
    model.feature_groups = options.feature_groups;
    model.clusters = clusters;
    perceptron.Averaged(options.min_weight, &model);
    const double f1 =
        dev.empty()
            ? 0
            : ScoreTagger(NerTagger(model, gazetteer), dev).F1WithoutMisc();
    if (options.log) {
      options.log(absl::StrFormat("epoch %d: dev F1 %.4f (%d weight rows)",
                                  epoch, f1, model.row_count() - 1));
    }
    if (dev.empty() || f1 > best_f1) {
      best_f1 = f1;
      best = std::move(model);
    }
  }
  return best;
}

}  // namespace newsindex
