// What remote shards cannot serve: their synonyms and spellings.
//
// Xapian's remote backend has no synonym or spelling tables, and a
// combined database merges those tables only from the shards that have
// them. So for an index with remote shards a reader builds a small
// in-memory database holding the remote shards' synonyms (from the
// metadata keys their writer leaves instead, schema::kSynonymMetadataPrefix)
// and spellings (their plain words with document frequencies, as the
// writer's own spelling table would hold), and adds it to the combined
// database: entity alias expansion in free text and "did you mean" then
// work as with local shards. It is a glass database in a private temporary
// directory (Xapian's in-memory backend has neither table either).
#ifndef NEWSINDEX_CORE_SEARCH_REMOTE_OVERLAY_H_
#define NEWSINDEX_CORE_SEARCH_REMOTE_OVERLAY_H_

#include <string>
#include <vector>

#include "core/index/catalog_store.h"
#include "core/index/shard_layout.h"
#include "xapian.h"

namespace newsindex {

class RemoteOverlay {
 public:
  // Builds the overlay from the remote shards of `layout`, opened as
  // `shards` (same order); `catalog` reads their metadata. Cost: one scan
  // of the remote shards' synonym keys and of their terms. Throws
  // Xapian::Error, or Xapian::DatabaseCreateError when no temporary
  // directory can be made.
  RemoteOverlay(const ShardLayout& layout,
                const std::vector<Xapian::Database>& shards,
                const CatalogReader& catalog);
  RemoteOverlay(const RemoteOverlay&) = delete;
  RemoteOverlay& operator=(const RemoteOverlay&) = delete;
  // Removes the directory.
  ~RemoteOverlay();

  const Xapian::Database& database() const { return database_; }

 private:
  std::string directory_;
  Xapian::Database database_;
};

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_SEARCH_REMOTE_OVERLAY_H_
