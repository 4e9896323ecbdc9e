// The entity catalog that lives with the index: every entity the writer
// has seen, with its aliases, kept in Xapian metadata, and the aliases
// registered as Xapian synonyms of the entity's XE: term, so that a query
// naming any alias ("ISKP") finds articles that used another
// ("Islamic State Khorasan Province").
//
// Metadata layout (schema version 1):
//   "newsindex.entity:<id>"    JSON {"name","type","subtype","aliases":[..]}
//   "newsindex.alias:<key>"    id, for NameKey(alias) (first entity wins)
// Synonyms: NameKey(alias) (lowercase words joined by spaces, as Xapian's
// QueryParser sees them) -> "XE:<id>".
#ifndef NEWSINDEX_CORE_ENTITY_CATALOG_H_
#define NEWSINDEX_CORE_ENTITY_CATALOG_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "core/article.h"
#include "core/entities/extractor.h"
#include "core/entities/gazetteer.h"
#include "core/written_keys.h"
#include "xapian.h"

namespace newsindex {

inline constexpr absl::string_view kEntityMetadataPrefix = "newsindex.entity:";
inline constexpr absl::string_view kAliasMetadataPrefix = "newsindex.alias:";

// Writer side: records the entities of one upserted article in `db`'s
// catalog (not committed: the caller commits). Aliases are the entity's
// name and surface forms, except one-word parts of a person's name
// ("Kabulov"), which are ambiguous across articles; the first time an
// entity is seen, the aliases `knowledge` (may be null, not owned) has for
// it too. `written` (may be null, not owned) remembers the (entity, alias)
// pairs recorded so far, so that repeats skip the database. Only the
// index's single writer may call it, on its thread.
// Errors: Xapian failures as a Status (see xapian_status.h).
absl::Status RecordEntities(Xapian::WritableDatabase& db,
                            const std::vector<ArticleEntity>& entities,
                            const Gazetteer* knowledge,
                            WrittenKeys* written = nullptr);

// The catalog's record of `id` in `db`, if the writer recorded one.
// Throws Xapian::Error (callers wrap it with CallXapian).
std::optional<EntityRecord> ReadCatalogRecord(const Xapian::Database& db,
                                              const std::string& id);

struct CatalogEntry {
  EntityRecord record;
  int64_t article_count = 0;  // articles indexed with this entity now
};

// Reader side: resolves names and ids against the knowledge base and the
// catalog of the database in directory `path` (which may not exist yet).
// Thread-safe: one Xapian handle, reopened per call under a mutex.
class EntityCatalog final : public EntityResolver {
 public:
  // `knowledge` may be null; not owned, must outlive this.
  EntityCatalog(std::string path, const Gazetteer* knowledge)
      : path_(std::move(path)), knowledge_(knowledge) {}
  EntityCatalog(const EntityCatalog&) = delete;
  EntityCatalog& operator=(const EntityCatalog&) = delete;

  // An id known to the catalog or the knowledge base; else a name the
  // knowledge base knows; else an alias the catalog learned.
  std::optional<EntityRecord> Resolve(absl::string_view name_or_id,
                                      EntityType type) const override;

  // The entity as Resolve finds it, with every alias the catalog and the
  // knowledge base have and its article count. NOT_FOUND when unknown;
  // UNAVAILABLE and others on database errors.
  absl::StatusOr<CatalogEntry> Lookup(absl::string_view name_or_id) const;

 private:
  // The catalog's record for `id`, read under mu_.
  std::optional<EntityRecord> ReadEntity(const std::string& id) const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // False when the database does not exist yet.
  bool Refresh() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::StatusOr<std::optional<EntityRecord>> Find(absl::string_view name_or_id,
                                                   int64_t* count) const;

  const std::string path_;
  const Gazetteer* const knowledge_;
  mutable absl::Mutex mu_;
  mutable std::optional<Xapian::Database> db_ ABSL_GUARDED_BY(mu_);
};

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_ENTITY_CATALOG_H_
