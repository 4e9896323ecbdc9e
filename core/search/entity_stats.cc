#include "core/search/entity_stats.h"

#include <algorithm>
#include <cmath>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "core/entities/tokens.h"
#include "core/index/catalog_store.h"
#include "core/index/schema.h"

namespace newsindex {
namespace {

using schema::EntityTerm;

// The published time of the first document of `query` in `ascending`
// (or descending) order of publication, among dated documents.
std::optional<absl::Time> Extreme(const Xapian::Database& db,
                                  const Xapian::Query& query, bool ascending) {
  Xapian::Enquire enquire(db);
  // Every non-empty value is >= "\0": this keeps only dated documents.
  enquire.set_query(Xapian::Query(
      Xapian::Query::OP_FILTER, query,
      Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kPublishedSlot,
                    std::string(1, '\0'))));
  enquire.set_sort_by_value(schema::kPublishedSlot, /*reverse=*/!ascending);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  Xapian::MSet mset = enquire.get_mset(0, 1);
  if (mset.empty()) return std::nullopt;
  return schema::TimeFromValue(
      mset.begin().get_document().get_value(schema::kPublishedSlot));
}

Xapian::Query Restricted(const std::string& id, const Xapian::Query* restrict) {
  Xapian::Query query(EntityTerm(id));
  if (restrict != nullptr && !restrict->empty()) {
    query = Xapian::Query(Xapian::Query::OP_FILTER, * restrict, query);
  }
  return query;
}

}  // namespace

std::vector<std::string> EntitiesWithNameWord(const Xapian::Database& db,
                                              const CatalogReader& catalog,
                                              absl::string_view word,
                                              EntityType type) {
  const std::string key = NameKey(word);
  std::vector<std::pair<Xapian::doccount, std::string>> found;
  if (key.empty() || key.find(' ') != std::string::npos) return {};
  const std::string scan =
      absl::StrCat(schema::kSuggestMetadataPrefix, key, " ");
  for (const std::string& key : catalog.KeysWithPrefix(scan)) {
    std::string id = key.substr(scan.size());
    if (type != EntityType::kUnspecified) {
      std::optional<EntityRecord> record = catalog.Record(id);
      if (!record || record->type != type) continue;
    }
    found.emplace_back(db.get_termfreq(EntityTerm(id)), std::move(id));
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  std::vector<std::string> ids;
  for (auto& [count, id] : found) {
    if (count > 0) ids.push_back(std::move(id));
  }
  return ids;
}

EntitySummary Summarize(const Xapian::Database& db, EntityRecord record) {
  EntitySummary summary;
  const Xapian::Query query(EntityTerm(record.id));
  summary.article_count = db.get_termfreq(EntityTerm(record.id));
  if (summary.article_count > 0) {
    summary.first_seen = Extreme(db, query, /*ascending=*/true);
    summary.last_seen = Extreme(db, query, /*ascending=*/false);
  }
  summary.record = std::move(record);
  return summary;
}

std::vector<EntitySummary> EntitiesWithNamePrefix(const Xapian::Database& db,
                                                  const CatalogReader& catalog,
                                                  absl::string_view prefix,
                                                  EntityType type,
                                                  size_t limit) {
  const std::string key = NameKey(prefix);
  std::vector<EntitySummary> found;
  const std::string first_word = key.substr(0, key.find(' '));
  if (first_word.empty()) return found;
  const std::string scan =
      absl::StrCat(schema::kSuggestMetadataPrefix, first_word);
  absl::flat_hash_set<std::string> seen;
  for (const std::string& full : catalog.KeysWithPrefix(scan)) {
    const size_t space = full.find(' ', schema::kSuggestMetadataPrefix.size());
    if (space == std::string::npos) continue;
    std::string id = full.substr(space + 1);
    if (!seen.insert(id).second) continue;
    std::optional<EntityRecord> record = catalog.Record(id);
    if (!record) continue;
    if (type != EntityType::kUnspecified && record->type != type) continue;
    if (key.find(' ') != std::string::npos) {
      // "abdul gh" must prefix-match some name word sequence.
      bool match = NameKey(record->name).find(key) != std::string::npos;
      for (const std::string& alias : record->aliases) {
        if (NameKey(alias).find(key) != std::string::npos) match = true;
      }
      if (!match) continue;
    }
    EntitySummary summary;
    summary.article_count = db.get_termfreq(EntityTerm(id));
    if (summary.article_count == 0) continue;  // every article deleted
    summary.record = *std::move(record);
    found.push_back(std::move(summary));
  }
  std::sort(found.begin(), found.end(),
            [](const EntitySummary& a, const EntitySummary& b) {
              if (a.article_count != b.article_count) {
                return a.article_count > b.article_count;
              }
              if (a.record.name != b.record.name) {
                return a.record.name < b.record.name;
              }
              return a.record.id < b.record.id;
            });
  if (found.size() > limit) found.resize(limit);
  for (EntitySummary& s : found) s = Summarize(db, std::move(s.record));
  return found;
}

std::vector<RelatedEntity> RelatedEntities(const Xapian::Database& db,
                                           const CatalogReader& catalog,
                                           const std::string& id,
                                           const Xapian::Query* restrict,
                                           size_t limit,
                                           const StopToken& stop) {
  Xapian::Enquire enquire(db);
  enquire.set_query(Restricted(id, restrict));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  stop.LimitMatchTime(enquire);
  EntityFacetSpy spy(schema::kEntitiesSlot);
  enquire.add_matchspy(&spy);
  enquire.get_mset(0, 0, kExactCountBound);
  const double total = db.get_doccount();
  const double count_a = db.get_termfreq(EntityTerm(id));
  // One shared article says little when an entity has many; ask for two
  // then.
  const int64_t min_support = count_a >= 10 ? 2 : 1;
  std::vector<RelatedEntity> related;
  for (EntityType type : {EntityType::kPerson, EntityType::kOrganization,
                          EntityType::kLocation, EntityType::kOther}) {
    for (const auto& [other, co] : spy.counts(type)) {
      if (other == id || co < min_support) continue;
      const double count_b = db.get_termfreq(EntityTerm(other));
      if (count_b == 0 || count_a == 0) continue;
      RelatedEntity r;
      r.co_occurrences = co;
      r.pmi = std::log2((co * total) / (count_a * count_b));
      const double joint = co / total;
      // P(a,b) = 1 (both in every article) makes -log2 zero: perfect.
      r.npmi = joint >= 1.0 ? 1.0 : r.pmi / -std::log2(joint);
      r.entity.record.id = other;
      r.entity.record.type = type;
      related.push_back(std::move(r));
    }
  }
  std::sort(related.begin(), related.end(),
            [](const RelatedEntity& a, const RelatedEntity& b) {
              if (a.npmi != b.npmi) return a.npmi > b.npmi;
              if (a.co_occurrences != b.co_occurrences) {
                return a.co_occurrences > b.co_occurrences;
              }
              return a.entity.record.id < b.entity.record.id;
            });
  if (related.size() > limit) related.resize(limit);
  for (RelatedEntity& r : related) {
    EntityRecord record =
        catalog.Record(r.entity.record.id).value_or(r.entity.record);
    if (record.name.empty()) record.name = record.id;
    r.entity = Summarize(db, std::move(record));
  }
  return related;
}

std::vector<FacetBucket> EntityTimeline(const Xapian::Database& db,
                                        const std::string& id,
                                        DateInterval interval,
                                        const Xapian::Query* restrict,
                                        const StopToken& stop) {
  Xapian::Enquire enquire(db);
  enquire.set_query(Restricted(id, restrict));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  stop.LimitMatchTime(enquire);
  DateHistogramSpy spy(interval);
  enquire.add_matchspy(&spy);
  enquire.get_mset(0, 0, kExactCountBound);
  return spy.Buckets();
}

}  // namespace newsindex
