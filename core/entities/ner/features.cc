#include "core/entities/ner/features.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "core/entities/discovery.h"

namespace newsindex {
namespace {

constexpr struct {
  NerFeatureGroup group;
  const char* name;
} kGroupNames[] = {
    {kNerWords, "words"},         {kNerShape, "shape"},
    {kNerAffixes, "affixes"},     {kNerContext, "context"},
    {kNerKnowledge, "knowledge"}, {kNerClusters, "clusters"},
    {kNerDocument, "document"},
};

// Builds one hashed feature from a template name and parts.
class Hash {
 public:
  // Template names are hashed at compile time.
  consteval explicit Hash(const char* name) : h_(14695981039346656037ull) {
    for (; *name != 0; ++name) {
      h_ ^= static_cast<unsigned char>(*name);
      h_ *= 1099511628211ull;
    }
  }
  Hash& operator<<(absl::string_view part) {
    h_ = Fnv1a64(part, Fnv1a64("\x1f", h_));
    return *this;
  }
  Hash& operator<<(uint32_t number) {
    h_ = (h_ ^ (number + 0x51ed27u)) * 1099511628211ull;
    return *this;
  }
  uint32_t Id(uint32_t mask) const {
    uint64_t z = h_ + 0x9e3779b97f4a7c15ull;  // splitmix64 finaliser
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return static_cast<uint32_t>(z ^ (z >> 31)) & mask;
  }

 private:
  uint64_t h_;
};

absl::string_view Surface(absl::string_view text, const Token& t) {
  return text.substr(t.start, t.end - t.start);
}

bool EndsSentence(const Token& t) {
  return !t.word && (t.key == "." || t.key == "!" || t.key == "?" ||
                     t.key == "\"" || t.key == ":");
}

// One letter for a token's case in context features.
absl::string_view CaseClass(const Token& t) {
  if (!t.word) return "p";
  if (t.all_upper) return "A";
  if (t.capitalized) return "C";
  if (t.has_digit) return "d";
  return "l";
}

const char* KnowledgeType(const Gazetteer::Match& m) {
  if (m.kind == AliasKind::kDemonym) return "dem";
  switch (m.record->type) {
    case EntityType::kPerson:
      return "per";
    case EntityType::kOrganization:
      return "org";
    case EntityType::kLocation:
      return "loc";
    default:
      return "oth";
  }
}

}  // namespace

absl::StatusOr<uint32_t> ParseFeatureGroups(absl::string_view names) {
  uint32_t groups = 0;
  for (absl::string_view name : absl::StrSplit(names, ',', absl::SkipEmpty())) {
    if (name == "all") {
      groups |= kNerAllFeatureGroups;
      continue;
    }
    const bool minus = absl::ConsumePrefix(&name, "-");
    uint32_t bit = 0;
    for (const auto& g : kGroupNames) {
      if (name == g.name) bit = g.group;
    }
    if (bit == 0) {
      return absl::InvalidArgumentError(absl::StrCat(
          "unknown feature group '", name, "' (known: all, ",
          FeatureGroupNames(kNerAllFeatureGroups), "; '-name' removes one)"));
    }
    groups = minus ? groups & ~bit : groups | bit;
  }
  return groups;
}

std::string FeatureGroupNames(uint32_t groups) {
  std::vector<std::string> names;
  for (const auto& g : kGroupNames) {
    if (groups & g.group) names.push_back(g.name);
  }
  return absl::StrJoin(names, ",");
}

std::string WordShape(absl::string_view word) {
  std::string shape;
  char last = 0;
  int run = 0;
  for (unsigned char c : word) {
    char s = absl::ascii_isupper(c)   ? 'X'
             : absl::ascii_islower(c) ? 'x'
             : absl::ascii_isdigit(c) ? 'd'
             : c >= 0x80              ? 'u'
                                      : static_cast<char>(c);
    run = s == last ? run + 1 : 1;
    last = s;
    if (run <= 2) shape.push_back(s);
  }
  return shape;
}

void DocumentMemory::Record(const std::vector<Token>& tokens, size_t begin,
                            const std::vector<int>& labels) {
  for (size_t k = 0; k < labels.size(); ++k) {
    const Token& t = tokens[begin + k];
    if (!t.word || !(t.capitalized || t.all_upper) || t.has_digit) continue;
    const int slot = labels[k] == kOutside
                         ? kNerTypes
                         : static_cast<int>(LabelType(labels[k]));
    // A capital at the start of a line says nothing about the word.
    if (slot == kNerTypes && k == 0) continue;
    uint16_t& count = seen_[t.key][slot];
    if (count < 65535) ++count;
  }
}

const std::array<uint16_t, kNerTypes + 1>* DocumentMemory::Find(
    absl::string_view key) const {
  auto it = seen_.find(key);
  return it == seen_.end() ? nullptr : &it->second;
}

NerFeaturizer::NerFeaturizer(const Gazetteer* gazetteer,
                             const WordClusters* clusters, uint32_t groups,
                             uint32_t hash_bits)
    : gazetteer_(gazetteer),
      clusters_(clusters),
      groups_(groups),
      mask_((1u << hash_bits) - 1) {}

std::vector<std::string> NerFeaturizer::KnowledgeTags(
    const std::vector<Token>& tokens) const {
  std::vector<std::string> tags(tokens.size());
  if (gazetteer_ == nullptr) return tags;
  for (size_t i = 0; i < tokens.size(); ++i) {
    // Names start with a capital (or a digit); MatchAt needs that too.
    const Token& t = tokens[i];
    if (!t.word || !(t.capitalized || t.all_upper || t.has_digit)) continue;
    std::optional<Gazetteer::Match> m = gazetteer_->MatchAt(tokens, i);
    if (!m) continue;
    const std::string kind = absl::StrCat(
        KnowledgeType(*m), m->priority >= kPriorityCountry ? "/s" : "/w");
    if (m->first == m->last) {
      tags[i] = absl::StrCat("U-", kind);
    } else {
      tags[m->first] = absl::StrCat("B-", kind);
      for (size_t k = m->first + 1; k < m->last; ++k) {
        tags[k] = absl::StrCat("I-", kind);
      }
      tags[m->last] = absl::StrCat("L-", kind);
    }
    i = m->last;
  }
  return tags;
}

FeaturizedDocument NerFeaturizer::Featurize(absl::string_view text,
                                            const std::vector<Token>& tokens,
                                            const IntrinsicScores* cache,
                                            bool only_active) const {
  FeaturizedDocument doc;
  doc.headline.assign(tokens.size(), false);
  size_t begin = 0;
  for (size_t i = 1; i <= tokens.size(); ++i) {
    if (i < tokens.size() && !tokens[i].newline_before) continue;
    doc.segments.emplace_back(begin, i);
    int words = 0, upper = 0;
    for (size_t k = begin; k < i; ++k) {
      if (!tokens[k].word || tokens[k].has_digit) continue;
      ++words;
      upper += tokens[k].all_upper ? 1 : 0;
    }
    const bool headline = words >= 2 && upper * 4 >= words * 3;
    for (size_t k = begin; k < i; ++k) doc.headline[k] = headline;
    doc.active.resize(i, false);
    for (size_t k = begin; k < i; ++k) {
      if (!tokens[k].word || !(tokens[k].capitalized || tokens[k].all_upper)) {
        continue;
      }
      if (k > begin) doc.active[k - 1] = true;
      doc.active[k] = true;
      if (k + 1 < i) doc.active[k + 1] = true;
    }
    begin = i;
  }
  doc.clusters.assign(tokens.size(), nullptr);
  if (cache != nullptr) {
    doc.cached.assign(tokens.size(), nullptr);
    for (size_t i = 0; i < tokens.size(); ++i) {
      if (only_active && !doc.active[i]) continue;
      auto it = cache->find(Surface(text, tokens[i]));
      if (it == cache->end()) continue;
      doc.cached[i] = it->second.scores.data();
      doc.clusters[i] = it->second.clusters;
    }
  }
  Precompute(text, tokens, only_active, &doc);
  doc.offsets.reserve(tokens.size() + 1);
  doc.ids.reserve(tokens.size() * 48);
  for (const auto& [b, e] : doc.segments) {
    for (size_t i = b; i < e; ++i) {
      doc.offsets.push_back(static_cast<uint32_t>(doc.ids.size()));
      if (only_active && !doc.active[i]) continue;
      TokenFeatures(text, tokens, b, e, i, doc, &doc.ids);
    }
  }
  doc.offsets.push_back(static_cast<uint32_t>(doc.ids.size()));
  return doc;
}

void NerFeaturizer::Precompute(absl::string_view text,
                               const std::vector<Token>& tokens,
                               bool only_active,
                               FeaturizedDocument* doc) const {
  doc->knowledge = groups_ & kNerKnowledge
                       ? KnowledgeTags(tokens)
                       : std::vector<std::string>(tokens.size());
  doc->shapes.resize(tokens.size());
  doc->common.assign(tokens.size(), false);
  absl::flat_hash_map<absl::string_view, bool> common_memo;
  const std::vector<bool>& active = doc->active;
  for (size_t i = 0; i < tokens.size(); ++i) {
    // Features of active tokens look one token either side.
    if (only_active && !active[i] && (i == 0 || !active[i - 1]) &&
        (i + 1 == tokens.size() || !active[i + 1])) {
      continue;
    }
    const absl::string_view surface = Surface(text, tokens[i]);
    doc->shapes[i] = WordShape(surface);
    const Token& t = tokens[i];
    if ((groups_ & kNerKnowledge) && gazetteer_ != nullptr && t.word &&
        (t.capitalized || t.all_upper)) {
      auto [it, fresh] = common_memo.try_emplace(t.key, false);
      if (fresh) it->second = IsCommonForm(gazetteer_->lexicon(), t.key);
      doc->common[i] = it->second;
    }
    if (!(groups_ & kNerClusters) || clusters_ == nullptr) continue;
    if (!doc->cached.empty() && doc->cached[i] != nullptr) continue;
    auto it = clusters_->ids.find(surface);
    if (it == clusters_->ids.end()) it = clusters_->ids.find(tokens[i].key);
    if (it != clusters_->ids.end()) doc->clusters[i] = &it->second;
  }
}

void NerFeaturizer::IntrinsicFeatures(absl::string_view surface, const Token& t,
                                      absl::string_view shape,
                                      const std::vector<uint16_t>* clusters,
                                      std::vector<uint32_t>* ids) const {
  auto emit = [&](const Hash& h) { ids->push_back(h.Id(mask_)); };
  emit(Hash("bias"));
  if (groups_ & kNerWords) {
    emit(Hash("w") << surface);
    emit(Hash("l") << t.key);
  }
  if (groups_ & kNerShape) {
    emit(Hash("s") << shape);
    emit(Hash("len") << static_cast<uint32_t>(
             std::min<size_t>(t.key.size(), 8)));
  }
  if ((groups_ & kNerAffixes) && t.word) {
    for (size_t n = 1; n <= 4 && n < t.key.size(); ++n) {
      emit(Hash("p") << t.key.substr(0, n));
      emit(Hash("x") << t.key.substr(t.key.size() - n));
    }
  }
  if ((groups_ & kNerKnowledge) && gazetteer_ != nullptr && t.word &&
      gazetteer_->lexicon().IsGivenName(t.key)) {
    emit(Hash("given") << CaseClass(t));
  }
  if ((groups_ & kNerClusters) && clusters != nullptr) {
    for (size_t g = 0; g < clusters->size() && g < 4; ++g) {
      emit(Hash("c") << static_cast<uint32_t>(g) << uint32_t{(*clusters)[g]});
    }
  }
}

void NerFeaturizer::TokenFeatures(absl::string_view text,
                                  const std::vector<Token>& tokens,
                                  size_t begin, size_t end, size_t i,
                                  const FeaturizedDocument& doc,
                                  std::vector<uint32_t>* ids) const {
  const Token& t = tokens[i];
  auto key = [&](long k) -> absl::string_view {
    const long j = static_cast<long>(i) + k;
    if (j < static_cast<long>(begin)) return "<s>";
    if (j >= static_cast<long>(end)) return "</s>";
    return tokens[j].key;
  };
  auto emit = [&](const Hash& h) { ids->push_back(h.Id(mask_)); };
  if (doc.cached.empty() || doc.cached[i] == nullptr) {
    IntrinsicFeatures(Surface(text, t), t, doc.shapes[i], doc.clusters[i], ids);
  }
  if (groups_ & kNerWords) {
    emit(Hash("l-1") << key(-1));
    emit(Hash("l-2") << key(-2));
    emit(Hash("l+1") << key(1));
    emit(Hash("l+2") << key(2));
    emit(Hash("b-") << key(-1) << t.key);
    emit(Hash("b+") << t.key << key(1));
  }
  const std::string& shape = doc.shapes[i];
  const std::vector<std::string>& knowledge = doc.knowledge;
  if (groups_ & kNerShape) {
    emit(Hash("s-1") << (i > begin ? absl::string_view(doc.shapes[i - 1])
                                   : "<s>"));
    emit(Hash("s+1") << (i + 1 < end ? absl::string_view(doc.shapes[i + 1])
                                     : "</s>"));
  }
  const bool starts = i == begin || EndsSentence(tokens[i - 1]);
  if (groups_ & kNerContext) {
    const absl::string_view prev = i > begin ? CaseClass(tokens[i - 1]) : "#";
    const absl::string_view next = i + 1 < end ? CaseClass(tokens[i + 1]) : "#";
    emit(Hash("cc") << prev << CaseClass(t) << next);
    emit(Hash("st") << (starts ? "1" : "0") << CaseClass(t));
    emit(Hash("pos") << static_cast<uint32_t>(std::min<size_t>(i - begin, 3)));
    emit(Hash("stl") << (starts ? "1" : "0") << t.key);
  }
  if (groups_ & kNerKnowledge) {
    emit(Hash("g") << knowledge[i]);
    emit(Hash("g-1") << (i > begin ? knowledge[i - 1] : "<s>"));
    emit(Hash("g+1") << (i + 1 < end ? knowledge[i + 1] : "</s>"));
    emit(Hash("gl") << knowledge[i] << CaseClass(t) << (starts ? "1" : "0"));
    if (gazetteer_ != nullptr && t.word) {
      const Lexicon& lex = gazetteer_->lexicon();
      // Only a capitalised word's commonness is a question worth asking.
      const bool common = doc.common[i];
      emit(Hash("cw") << (common ? "1" : "0") << CaseClass(t)
                      << (starts ? "1" : "0"));
      if (i > begin && tokens[i - 1].word) {
        const absl::string_view p = tokens[i - 1].key;
        if (lex.IsTitle(p) || lex.IsHonorific(p)) emit(Hash("title-1"));
      }
    }
  }
  if ((groups_ & kNerClusters) && clusters_ != nullptr) {
    auto find = [&](size_t j) -> const std::vector<uint16_t>* {
      return j < begin || j >= end ? nullptr : doc.clusters[j];
    };
    const std::vector<uint16_t>* prev = i > 0 ? find(i - 1) : nullptr;
    const std::vector<uint16_t>* next = find(i + 1);
    for (size_t g = 0; g < clusters_->sizes.size() && g < 4; ++g) {
      const uint32_t level = static_cast<uint32_t>(g);
      if (prev) emit(Hash("c-1") << level << uint32_t{(*prev)[g]});
      if (next) emit(Hash("c+1") << level << uint32_t{(*next)[g]});
    }
  }
  if ((groups_ & kNerDocument) && doc.headline[i]) {
    emit(Hash("hl") << shape);
    emit(Hash("hlg") << knowledge[i]);
  }
}

void NerFeaturizer::DocumentFeatures(const std::vector<Token>& tokens,
                                     const FeaturizedDocument& doc, size_t i,
                                     const DocumentMemory& memory,
                                     std::vector<uint32_t>* ids) const {
  if (!(groups_ & kNerDocument)) return;
  const Token& t = tokens[i];
  if (!t.word || !(t.capitalized || t.all_upper)) return;
  const auto* seen = memory.Find(t.key);
  if (seen == nullptr) return;
  int best = 0, total = 0;
  for (int k = 0; k <= kNerTypes; ++k) {
    total += (*seen)[k];
    if ((*seen)[k] > (*seen)[best]) best = k;
  }
  const char* kSlot[] = {"PER", "ORG", "LOC", "MISC", "O"};
  const bool sure = (*seen)[best] == total;
  ids->push_back((Hash("dm") << kSlot[best] << (sure ? "1" : "0")).Id(mask_));
  ids->push_back(
      (Hash("dmh") << kSlot[best] << (doc.headline[i] ? "1" : "0")).Id(mask_));
}

}  // namespace newsindex
