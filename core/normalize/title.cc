#include "core/normalize/title.h"

#include <vector>

#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "core/normalize/line_kinds.h"
#include "core/normalize/vocabulary.h"

namespace newsindex {
namespace {

constexpr int kMaxBreadcrumbItemWords = 4;
constexpr int kMaxTitleWords = 25;
constexpr size_t kMaxTitleBytes = 600;  // 200 code points of 3 bytes
constexpr int kMaxTitleCodePoints = 200;
constexpr double kOneWordPenalty = 0.5;  // "Menu", "World": rarely titles

// Trust in each origin (TitleOrigin order).
double OriginPrior(TitleOrigin origin) {
  switch (origin) {
    case TitleOrigin::kCaller:
      return 100;
    case TitleOrigin::kJsonLd:
      return 90;
    case TitleOrigin::kOpenGraph:
      return 85;
    case TitleOrigin::kHeading:
      return 80;
    case TitleOrigin::kTitleTag:
      return 70;
    case TitleOrigin::kTextLine:
      return 60;
    case TitleOrigin::kFirstHeading:
      return 40;
  }
  return 1;
}

int CodePoints(absl::string_view s) {
  int n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

bool IsBreadcrumb(absl::string_view text) {
  text = absl::StripAsciiWhitespace(text);
  if (text.empty() || text.size() > kMaxTitleBytes) return false;
  const std::string unified =
      absl::StrReplaceAll(text, {{" \xE2\x80\xBA ", " | "},  // ›
                                 {" \xC2\xBB ", " | "},      // »
                                 {" \xC2\xB7 ", " | "},      // ·
                                 {" > ", " | "},
                                 {" / ", " | "}});
  std::vector<absl::string_view> items =
      absl::StrSplit(unified, " | ", absl::SkipWhitespace());
  if (items.size() < 2) return false;
  for (absl::string_view item : items) {
    item = absl::StripAsciiWhitespace(item);
    const int words = CountWords(item).words;
    if (words == 0 || words > kMaxBreadcrumbItemWords || EndsSentence(item)) {
      return false;
    }
  }
  return true;
}

double ScoreTitleCandidate(const TitleCandidate& candidate) {
  absl::string_view text = absl::StripAsciiWhitespace(candidate.text);
  const WordStats stats = CountWords(text);
  if (stats.words == 0 || stats.words > kMaxTitleWords ||
      text.size() > kMaxTitleBytes || CodePoints(text) > kMaxTitleCodePoints) {
    return 0;
  }
  bool published = false;
  if (IsBreadcrumb(text) || IsMenuLine(text) || IsDateLine(text, &published)) {
    return 0;
  }
  double score = OriginPrior(candidate.origin);
  if (stats.words == 1) score *= kOneWordPenalty;
  return score;
}

int ChooseTitle(const std::vector<TitleCandidate>& candidates) {
  int best = -1;
  double best_score = 0;
  for (size_t i = 0; i < candidates.size(); ++i) {
    const double score = ScoreTitleCandidate(candidates[i]);
    if (score > best_score) {
      best = static_cast<int>(i);
      best_score = score;
    }
  }
  return best;
}

}  // namespace newsindex
