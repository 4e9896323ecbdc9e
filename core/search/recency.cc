#include "core/search/recency.h"

#include <algorithm>
#include <cmath>

#include "core/index/schema.h"

namespace newsindex {
namespace {

// The article's date for its age: published_at, else the ingest time.
absl::Time ArticleTime(const Xapian::Document& doc) {
  std::string value = doc.get_value(schema::kPublishedSlot);
  if (value.empty()) value = doc.get_value(schema::kIngestedSlot);
  return value.empty() ? absl::InfinitePast() : schema::TimeFromValue(value);
}

}  // namespace

double RecencyFactor(absl::Time published, absl::Time origin,
                     absl::Duration half_life) {
  if (half_life <= absl::ZeroDuration()) return 1.0;
  if (published == absl::InfinitePast()) return 0.0;
  const double age = std::max(0.0, absl::ToDoubleSeconds(origin - published)) /
                     absl::ToDoubleSeconds(half_life);
  return std::exp2(-age);
}

std::vector<RankedHit> InMsetOrder(const Xapian::MSet& mset) {
  std::vector<RankedHit> hits;
  hits.reserve(mset.size());
  for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
    hits.push_back(RankedHit{it, it.get_weight()});
  }
  return hits;
}

RecencyPage RankByRecency(Xapian::Enquire& enquire, Xapian::doccount offset,
                          Xapian::doccount count,
                          Xapian::doccount check_at_least, absl::Time origin,
                          absl::Duration half_life) {
  const Xapian::doccount wanted = offset + count;
  RecencyPage page;
  for (Xapian::doccount window = std::max<Xapian::doccount>(wanted, 100);;
       window = std::min(window * 4, kMaxRecencyWindow)) {
    page.mset = enquire.get_mset(0, window, std::max(check_at_least, window));
    page.window = window;
    std::vector<RankedHit> all;
    all.reserve(page.mset.size());
    for (Xapian::MSetIterator it = page.mset.begin(); it != page.mset.end();
         ++it) {
      all.push_back(RankedHit{
          it, it.get_weight() * RecencyFactor(ArticleTime(it.get_document()),
                                              origin, half_life)});
    }
    // Stable: equal scores keep the relevance order (and its tie-breaks).
    std::stable_sort(all.begin(), all.end(),
                     [](const RankedHit& a, const RankedHit& b) {
                       return a.score > b.score;
                     });
    const bool complete = page.mset.size() < window;
    const double beyond =
        complete ? 0.0 : page.mset[page.mset.size() - 1].get_weight();
    const bool exact =
        complete || (all.size() >= wanted && all[wanted - 1].score >= beyond);
    if (exact || window >= kMaxRecencyWindow) {
      page.exact = exact;
      for (size_t i = offset; i < std::min<size_t>(all.size(), wanted); ++i) {
        page.hits.push_back(all[i]);
      }
      return page;
    }
  }
}

}  // namespace newsindex
