// The entity catalog as the index stores it: every entity the writer has
// seen, with its aliases, kept in Xapian metadata (keys in schema.h), the
// aliases registered as Xapian synonyms of the entity's XE: term, and the
// autocomplete keys of entity name words. The writer records; readers
// (core/search) read records back with ReadCatalogRecord.
//
// Metadata layout (schema version 1):
//   kEntityMetadataPrefix + id      JSON
//   {"created","name","type","subtype","country","aliases":[..]}
//   kAliasMetadataPrefix + key      id, for NameKey(alias) (first entity
//   wins) kAliasEntityMetadataPrefix + key + "\t" + id   "1", for every
//   entity with the alias kSuggestMetadataPrefix + "<word> <id>"   "1"
// Synonyms: NameKey(alias) (lowercase words joined by spaces, as Xapian's
// QueryParser sees them) -> "XE:<id>".
#ifndef NEWSINDEX_CORE_INDEX_CATALOG_STORE_H_
#define NEWSINDEX_CORE_INDEX_CATALOG_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "core/base/article.h"
#include "core/entities/entity_extractor.h"
#include "core/entities/gazetteer.h"
#include "core/index/internal/written_keys.h"
#include "xapian.h"

namespace newsindex {

// Most aliases one entity's catalog record keeps (its name and knowledge
// aliases first, then surface forms in the order articles brought them).
// Bounds the record and every entity RPC's reply: at most 64 aliases of at
// most kMaxCatalogKeyBytes name-key bytes each per entity, so a page of 100
// entities stays far under the 3 MiB reply cap. Before, five 1.9 MB
// articles gave "Russia" 169,168 aliases (6.6 MB) and GetEntity,
// SuggestEntities and RelatedEntities failed with RESOURCE_EXHAUSTED.
inline constexpr size_t kMaxAliasesPerEntity = 64;
// Most new aliases one article may add to one entity.
inline constexpr size_t kMaxAliasesPerArticle = 16;

// Writer side: records the entities of one upserted article in `db`'s
// catalog (not committed: the caller commits). Aliases are the entity's
// name and surface forms, except one-word parts of a person's name
// ("Kabulov"), which are ambiguous across articles; the first time an
// entity is seen, the aliases `knowledge` (may be null, not owned) has for
// it too. Aliases are one per name key (NameKey: "RUSSIA", "russia" and
// "Russia" are one alias, the first form seen), at most
// kMaxAliasesPerArticle new ones per article and kMaxAliasesPerEntity in
// all; an alias whose name key is over kMaxCatalogKeyBytes is not kept. A
// record written before these bounds is repaired when the entity is next
// recorded (rewritten deduplicated and capped), and is read back repaired
// by ReadCatalogRecord meanwhile.
// `written` (may be null, not owned) remembers the (entity, alias)
// pairs recorded so far, so that repeats skip the database. With
// `synonyms` false the aliases go to metadata only: for a remote database,
// whose backend has no synonym table. Only the index's single writer may
// call it, on its thread.
// Errors: Xapian failures as a Status (see xapian_status.h).
absl::Status RecordEntities(Xapian::WritableDatabase& db,
                            const std::vector<ArticleEntity>& entities,
                            const Gazetteer* knowledge,
                            WrittenKeys* written = nullptr,
                            bool synonyms = true);

// The catalog's record of `id` in `db`, if the writer recorded one, with
// its aliases deduplicated by name key and capped (see RecordEntities).
// Throws Xapian::Error (callers wrap it with CallXapian).
std::optional<EntityRecord> ReadCatalogRecord(const Xapian::Database& db,
                                              const std::string& id);

// Reads the catalog of an index of one or more shards. Each shard's writer
// keeps the catalog of that shard's articles, and a combined
// Xapian::Database reads metadata from its first database only, so readers
// ask every shard: a record found in several shards merges their aliases;
// an alias or other key takes the first shard's value. Works on remote
// shards (the remote protocol serves metadata). Holds a reference to
// `shards`, which must outlive it. Methods throw Xapian::Error.
class CatalogReader {
 public:
  explicit CatalogReader(const std::vector<Xapian::Database>& shards)
      : shards_(shards) {}

  // The merged record of `id`, if any shard recorded one: the name, type
  // and country of the shard that recorded it first, the aliases of all,
  // sorted, so that every layout of the same articles gives one answer.
  std::optional<EntityRecord> Record(const std::string& id) const;
  // Ids of every entity that has an alias with NameKey `name_key`, in any
  // shard, sorted, unique.
  std::vector<std::string> EntitiesWithAlias(const std::string& name_key) const;
  // The first non-empty value of metadata `key`, else empty.
  std::string Metadata(const std::string& key) const;
  // Metadata keys starting with `prefix` in any shard, sorted, unique.
  std::vector<std::string> KeysWithPrefix(const std::string& prefix) const;

 private:
  const std::vector<Xapian::Database>& shards_;
};

struct CatalogEntry {
  EntityRecord record;
  int64_t article_count = 0;  // articles indexed with this entity now
};

// Writer side: records autocomplete keys for `entities` (every word of
// their names and surface forms), in metadata "newsindex.suggest:<word>
// <id>". `written` (may be null, not owned) remembers keys already
// written, so repeats skip the database. Call on the writer thread before
// the commit.
void RecordSuggestKeys(Xapian::WritableDatabase& db,
                       const std::vector<ArticleEntity>& entities,
                       WrittenKeys* written = nullptr);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_INDEX_CATALOG_STORE_H_
