// Entity-level statistics computed from the index: article counts, first
// and last appearance, co-occurrence and timelines, and the prefix keys
// behind entity autocomplete.
#ifndef NEWSINDEX_CORE_SEARCH_ENTITY_STATS_H_
#define NEWSINDEX_CORE_SEARCH_ENTITY_STATS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "core/base/article.h"
#include "core/entities/entity_extractor.h"
#include "core/index/catalog_store.h"
#include "core/search/facets.h"
#include "core/search/search_limits.h"
#include "xapian.h"

namespace newsindex {

// Most matching documents a facet, co-occurrence or timeline count
// examines; past it, counts cover the first documents only and are
// reported as inexact.
inline constexpr Xapian::doccount kExactCountBound = 100000;

struct EntitySummary {
  EntityRecord record;
  int64_t article_count = 0;
  std::optional<absl::Time> first_seen;  // earliest published_at
  std::optional<absl::Time> last_seen;   // latest published_at
};

struct RelatedEntity {
  EntitySummary entity;
  int64_t co_occurrences = 0;
  double pmi = 0;   // log2(P(a,b) / (P(a) P(b)))
  double npmi = 0;  // pmi / -log2(P(a,b)), in [-1, 1]
};

// Ids of the entities of `type` (any when kUnspecified) that have `word`
// (one word, any case) in their name or a surface form: "Kabulov" ->
// person:zamir-kabulov. Most articles first.
std::vector<std::string> EntitiesWithNameWord(const Xapian::Database& db,
                                              const CatalogReader& catalog,
                                              absl::string_view word,
                                              EntityType type);

// Counts and first/last appearance of `record` in `db`.
EntitySummary Summarize(const Xapian::Database& db, EntityRecord record);

// Entities with a name word starting with `prefix` (case-insensitive), of
// `type` unless kUnspecified, most articles first, at most `limit`.
std::vector<EntitySummary> EntitiesWithNamePrefix(const Xapian::Database& db,
                                                  const CatalogReader& catalog,
                                                  absl::string_view prefix,
                                                  EntityType type,
                                                  size_t limit);

// Entities that co-occur with `id` in articles matching `restrict` (all
// when null), ranked by normalized PMI, then by co-occurrences. NPMI rather
// than PMI because PMI favours rare pairs: an entity seen once, with `id`,
// would outrank one that appears in most of its articles. An entity with
// 10 or more articles needs 2 shared ones to count.
std::vector<RelatedEntity> RelatedEntities(const Xapian::Database& db,
                                           const CatalogReader& catalog,
                                           const std::string& id,
                                           const Xapian::Query* restrict,
                                           size_t limit,
                                           const StopToken& stop = {});

// Article counts per day or month for `id` (and `restrict` when not null).
std::vector<FacetBucket> EntityTimeline(const Xapian::Database& db,
                                        const std::string& id,
                                        DateInterval interval,
                                        const Xapian::Query* restrict,
                                        const StopToken& stop = {});

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_SEARCH_ENTITY_STATS_H_
