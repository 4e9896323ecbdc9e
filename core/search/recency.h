// Ranking for news: relevance multiplied by an exponential decay on the
// article's age (SearchRequest.recency, docs/search.md):
//
//   score = relevance * 2^(-max(0, origin - published_at) / half_life)
//
// An article dated after the origin counts as age 0; one without
// published_at is aged by its ingest time. Xapian adds weights and cannot
// multiply them, so the match is re-ranked: the top `window` matches by
// relevance are scored, and the window grows until the page is exact.
#ifndef NEWSINDEX_CORE_SEARCH_RECENCY_H_
#define NEWSINDEX_CORE_SEARCH_RECENCY_H_

#include <optional>
#include <vector>

#include "absl/time/time.h"
#include "xapian.h"

namespace newsindex {

struct RecencySpec {
  // Zero: no decay (relevance alone). Must not be negative.
  absl::Duration half_life = absl::ZeroDuration();
  // The time at which an article has age 0; default: the searcher's now.
  std::optional<absl::Time> origin;
};

// The factor 2^(-max(0, origin - published) / half_life), in (0, 1].
double RecencyFactor(absl::Time published, absl::Time origin,
                     absl::Duration half_life);

// One hit of a page, in page order: where it is in its MSet and its score.
struct RankedHit {
  Xapian::MSetIterator it;
  double score = 0;
};

// Every item of `mset`, in its order, with its weight.
std::vector<RankedHit> InMsetOrder(const Xapian::MSet& mset);

// The page [offset, offset + count) of `enquire`'s matches by relevance
// times RecencyFactor. The page is exact when the window held every match
// or when its last score is at least the relevance of the first match
// outside the window (no factor exceeds 1); the window grows 4x at a time
// up to kMaxRecencyWindow, past which the page is the best of that window.
inline constexpr Xapian::doccount kMaxRecencyWindow = 20000;
struct RecencyPage {
  Xapian::MSet mset;  // owns what `hits` point into
  std::vector<RankedHit> hits;
  Xapian::doccount window = 0;  // matches scored
  bool exact = true;
};
RecencyPage RankByRecency(Xapian::Enquire& enquire, Xapian::doccount offset,
                          Xapian::doccount count,
                          Xapian::doccount check_at_least, absl::Time origin,
                          absl::Duration half_life);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_SEARCH_RECENCY_H_
