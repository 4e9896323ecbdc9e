// The resolver search-service uses: names and ids resolved against the
// knowledge base and the entity catalog the writer keeps in the index
// (core/index/catalog_store.h), so that a query naming any alias ("ISKP")
// finds articles that used another ("Islamic State Khorasan Province").
#ifndef NEWSINDEX_CORE_SEARCH_ENTITY_CATALOG_H_
#define NEWSINDEX_CORE_SEARCH_ENTITY_CATALOG_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "core/base/article.h"
#include "core/entities/entity_extractor.h"
#include "core/entities/gazetteer.h"
#include "core/index/catalog_store.h"
#include "core/index/shard_layout.h"
#include "core/search/database_handle.h"
#include "xapian.h"

namespace newsindex {

// Reader side: resolves names and ids against the knowledge base and the
// catalog of the index whose shards `layout` names (which may not exist
// yet). Thread-safe: one set of Xapian handles, reopened per call under a
// mutex.
class EntityCatalog final : public EntityResolver {
 public:
  // `knowledge` may be null; not owned, must outlive this.
  EntityCatalog(ShardLayout layout, const Gazetteer* knowledge)
      : knowledge_(knowledge), index_(std::move(layout)) {}
  // The catalog of the unsharded index in directory `path`.
  EntityCatalog(std::string path, const Gazetteer* knowledge)
      : EntityCatalog(ShardLayout{.shards = {ShardLocation{.directory = path}}},
                      knowledge) {}
  EntityCatalog(const EntityCatalog&) = delete;
  EntityCatalog& operator=(const EntityCatalog&) = delete;

  // An id known to the catalog or the knowledge base; else a name the
  // knowledge base knows; else an alias the catalog learned, from any
  // shard: of several entities with that alias, the one with most
  // articles, then by type (person, organization, location, other), then
  // by id (BestWithAlias).
  std::optional<EntityRecord> Resolve(absl::string_view name_or_id,
                                      EntityType type) const override
      ABSL_LOCKS_EXCLUDED(mu_);

  // The entity as Resolve finds it, with every alias the catalog and the
  // knowledge base have and its article count. NOT_FOUND when unknown;
  // UNAVAILABLE and others on database errors.
  absl::StatusOr<CatalogEntry> Lookup(absl::string_view name_or_id) const
      ABSL_LOCKS_EXCLUDED(mu_);

 private:
  // The catalog's record for `id`, read under mu_.
  std::optional<EntityRecord> ReadEntity(const std::string& id) const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // False when the database does not exist yet.
  bool Refresh() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Of `type` unless kUnspecified.
  absl::StatusOr<std::optional<EntityRecord>> Find(absl::string_view name_or_id,
                                                   EntityType type,
                                                   int64_t* count) const
      ABSL_LOCKS_EXCLUDED(mu_);
  // Of the entities with alias key `key` in any shard (and of `type`
  // unless kUnspecified), the one with most articles, then the first type
  // in EntityType's order, then the smallest id: the same in every shard
  // layout. Under mu_, with the index open.
  std::optional<EntityRecord> BestWithAlias(const std::string& key,
                                            EntityType type) const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const Gazetteer* const knowledge_;
  mutable absl::Mutex mu_;
  mutable IndexHandle index_ ABSL_GUARDED_BY(mu_);
};

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_SEARCH_ENTITY_CATALOG_H_
