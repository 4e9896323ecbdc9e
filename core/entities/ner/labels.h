// BILOU labels over the four CoNLL types, the transitions they allow, and
// conversion between label sequences and spans. Pure functions.
#ifndef NEWSINDEX_CORE_ENTITIES_NER_LABELS_H_
#define NEWSINDEX_CORE_ENTITIES_NER_LABELS_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace newsindex {

enum class NerType : int { kPer = 0, kOrg = 1, kLoc = 2, kMisc = 3 };
inline constexpr int kNerTypes = 4;
// O, then B, I, L, U of each type.
inline constexpr int kNerLabels = 1 + 4 * kNerTypes;
inline constexpr int kOutside = 0;

enum class NerPart : int { kBegin = 0, kInside = 1, kLast = 2, kUnit = 3 };

constexpr int NerLabel(NerType type, NerPart part) {
  return 1 + 4 * static_cast<int>(type) + static_cast<int>(part);
}
constexpr NerType LabelType(int label) {
  return static_cast<NerType>((label - 1) / 4);
}
constexpr NerPart LabelPart(int label) {
  return static_cast<NerPart>((label - 1) % 4);
}

// "PER", "ORG", "LOC", "MISC"; and back (false when unknown).
const char* NerTypeName(NerType type);
bool ParseNerType(absl::string_view name, NerType* type);
// "O", "B-PER", "U-LOC"...
std::string NerLabelName(int label);

// Whether `next` may follow `prev` (-1: the start of a segment).
bool AllowedTransition(int prev, int next);
// Whether a segment may end with `label`.
bool AllowedEnd(int label);

// A name found by the tagger: tokens first..last inclusive.
struct NerSpan {
  size_t first = 0;
  size_t last = 0;
  NerType type = NerType::kPer;
  bool operator==(const NerSpan&) const = default;
};

// Spans of a valid BILOU sequence whose first label is token `offset`.
// Ill-formed pieces (an I without B) are read leniently as names.
std::vector<NerSpan> SpansFromLabels(const std::vector<int>& labels,
                                     size_t offset = 0);
// The BILOU labels of `count` tokens given non-overlapping `spans`.
std::vector<int> LabelsFromSpans(size_t count,
                                 const std::vector<NerSpan>& spans);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_ENTITIES_NER_LABELS_H_
