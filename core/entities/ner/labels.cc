#include "core/entities/ner/labels.h"

#include "absl/strings/str_cat.h"

namespace newsindex {

const char* NerTypeName(NerType type) {
  static constexpr const char* kNames[] = {"PER", "ORG", "LOC", "MISC"};
  return kNames[static_cast<int>(type)];
}

bool ParseNerType(absl::string_view name, NerType* type) {
  for (int t = 0; t < kNerTypes; ++t) {
    if (name == NerTypeName(static_cast<NerType>(t))) {
      *type = static_cast<NerType>(t);
      return true;
    }
  }
  return false;
}

std::string NerLabelName(int label) {
  if (label == kOutside) return "O";
  static constexpr char kParts[] = {'B', 'I', 'L', 'U'};
  return absl::StrCat(
      std::string(1, kParts[static_cast<int>(LabelPart(label))]), "-",
      NerTypeName(LabelType(label)));
}

bool AllowedTransition(int prev, int next) {
  const bool prev_open =
      prev > kOutside && (LabelPart(prev) == NerPart::kBegin ||
                          LabelPart(prev) == NerPart::kInside);
  const bool next_continues =
      next > kOutside && (LabelPart(next) == NerPart::kInside ||
                          LabelPart(next) == NerPart::kLast);
  if (prev_open) return next_continues && LabelType(prev) == LabelType(next);
  return !next_continues;
}

bool AllowedEnd(int label) {
  return label == kOutside || LabelPart(label) == NerPart::kLast ||
         LabelPart(label) == NerPart::kUnit;
}

std::vector<NerSpan> SpansFromLabels(const std::vector<int>& labels,
                                     size_t offset) {
  std::vector<NerSpan> spans;
  bool open = false;
  for (size_t i = 0; i < labels.size(); ++i) {
    const int l = labels[i];
    if (l == kOutside) {
      open = false;
      continue;
    }
    const NerType type = LabelType(l);
    const NerPart part = LabelPart(l);
    const bool continues = open && spans.back().type == type &&
                           (part == NerPart::kInside || part == NerPart::kLast);
    if (continues) {
      spans.back().last = offset + i;
    } else {
      spans.push_back(NerSpan{offset + i, offset + i, type});
    }
    open = part == NerPart::kBegin || part == NerPart::kInside;
  }
  return spans;
}

std::vector<int> LabelsFromSpans(size_t count,
                                 const std::vector<NerSpan>& spans) {
  std::vector<int> labels(count, kOutside);
  for (const NerSpan& s : spans) {
    if (s.last >= count || s.first > s.last) continue;
    if (s.first == s.last) {
      labels[s.first] = NerLabel(s.type, NerPart::kUnit);
      continue;
    }
    labels[s.first] = NerLabel(s.type, NerPart::kBegin);
    for (size_t i = s.first + 1; i < s.last; ++i) {
      labels[i] = NerLabel(s.type, NerPart::kInside);
    }
    labels[s.last] = NerLabel(s.type, NerPart::kLast);
  }
  return labels;
}

}  // namespace newsindex
