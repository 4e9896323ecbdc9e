// Near-duplicate detection in the index: SimHash signatures (see
// normalize/simhash.h) are stored per article with band terms, so that the
// writer finds an earlier article within kNearDuplicateMaxDistance bits
// without scanning the index.
//
// The 64-bit signature is cut into kSimhashBands bands of 16 bits, each
// indexed as a term "XSH<band>:<hex>". Two signatures within 3 bits share
// at least one band (pigeonhole), so such pairs are always found; pairs
// 4..12 bits apart are found when one band survives intact, which is
// likely for the few-bit differences of re-scrapes. Every candidate is then
// checked against the threshold on the full signature.
#ifndef NEWSINDEX_CORE_INDEX_NEAR_DUPLICATES_H_
#define NEWSINDEX_CORE_INDEX_NEAR_DUPLICATES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "xapian.h"

namespace newsindex {

inline constexpr int kSimhashBands = 4;
// Candidates examined per lookup, nearest kept.
inline constexpr Xapian::doccount kMaxDuplicateCandidates = 64;

// The band terms of `simhash`.
std::vector<std::string> SimhashBandTerms(uint64_t simhash);

struct NearDuplicate {
  std::string id;           // the earlier article
  std::string cluster_key;  // its cluster
  int distance = 0;         // bits
};

// The nearest article in `db` within kNearDuplicateMaxDistance bits of
// `simhash`, other than the one whose unique term is `own_id_term`.
// Throws Xapian::Error (callers wrap it with CallXapian).
std::optional<NearDuplicate> FindNearDuplicate(const Xapian::Database& db,
                                               uint64_t simhash,
                                               const std::string& own_id_term);

// The cluster key of an article that starts a cluster: 16 hex digits of
// the SHA-256 of its id.
std::string NewClusterKey(absl::string_view id);

// Adds the signature, its band terms and the cluster key to `doc`.
void StampNearDuplicateFields(uint64_t simhash, const std::string& cluster_key,
                              Xapian::Document* doc);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_INDEX_NEAR_DUPLICATES_H_
