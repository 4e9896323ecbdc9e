// Facet counting over all matches of a query, with Xapian match spies.
#ifndef NEWSINDEX_CORE_SEARCH_FACETS_H_
#define NEWSINDEX_CORE_SEARCH_FACETS_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "core/base/article.h"
#include "xapian.h"

namespace newsindex {

enum class DateInterval { kNone, kDay, kMonth };

struct FacetBucket {
  std::string value;  // entity id, source, language, or date key
  std::string label;  // display name (filled by the caller for entities)
  int64_t count = 0;
};

struct FacetCounts {
  std::vector<FacetBucket> persons, organizations, locations, others;
  std::vector<FacetBucket> sources, languages;
  std::vector<FacetBucket> dates;  // in date order
  // Per label key asked for (FacetSpec::label_keys): its values, most
  // frequent first.
  std::map<std::string, std::vector<FacetBucket>> labels;
  bool exact = true;
};

// Counts the entities of every document it sees, by type and id, from the
// kEntitiesSlot value. It is Xapian's ValueCountMatchSpy on that slot,
// which remote shards (xapian-tcpsrv) can run and send back, split into
// entities once the match is done. Register with Enquire::add_matchspy;
// not thread-safe; one per query.
class EntityFacetSpy : public Xapian::ValueCountMatchSpy {
 public:
  // `slot`: kEntitiesSlot, or kAboutEntitiesSlot for `about` entities only.
  explicit EntityFacetSpy(Xapian::valueno slot);
  // The `limit` most frequent of `type` (ties by id).
  std::vector<FacetBucket> Top(EntityType type, size_t limit) const;
  // Every counted entity with its count.
  const absl::flat_hash_map<std::string, int64_t>& counts(
      EntityType type) const;
  int64_t documents_seen() const { return get_total(); }

 private:
  // Fills counts_ from the slot values counted, once.
  void Tally() const;

  mutable bool tallied_ = false;
  mutable absl::flat_hash_map<std::string, int64_t> counts_[5];  // by type
};

// Counts the label values of every document it sees, per key, from the
// kLabelsSlot value (a ValueCountMatchSpy, as EntityFacetSpy).
class LabelFacetSpy : public Xapian::ValueCountMatchSpy {
 public:
  LabelFacetSpy();
  // The `limit` most frequent values of label `key` (ties by value).
  std::vector<FacetBucket> Top(const std::string& key, size_t limit) const;

 private:
  void Tally() const;
  mutable bool tallied_ = false;
  mutable absl::flat_hash_map<std::string,
                              absl::flat_hash_map<std::string, int64_t>>
      counts_;  // key -> value -> documents
};

// Counts documents per day or month of publication (kPublishedSlot): a
// ValueCountMatchSpy on that slot (so remote shards can run it), bucketed
// once the match is done.
class DateHistogramSpy : public Xapian::ValueCountMatchSpy {
 public:
  explicit DateHistogramSpy(DateInterval interval);
  // "YYYY-MM" or "YYYY-MM-DD" keys in date order.
  std::vector<FacetBucket> Buckets() const;

 private:
  DateInterval interval_;
};

// The `limit` most frequent values a ValueCountMatchSpy saw.
std::vector<FacetBucket> TopValues(const Xapian::ValueCountMatchSpy& spy,
                                   size_t limit);

// The date key of `t` for `interval` ("2025-05" or "2025-05-29", UTC).
std::string DateKey(absl::Time t, DateInterval interval);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_SEARCH_FACETS_H_
