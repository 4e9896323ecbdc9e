// The entity catalog's names in memory, as the extractor's LearnedNames:
// filled from the catalog a database already holds, then kept current by
// the index writer after each commit.
#ifndef NEWSINDEX_CORE_INDEX_INTERNAL_CATALOG_NAMES_H_
#define NEWSINDEX_CORE_INDEX_INTERNAL_CATALOG_NAMES_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "core/base/article.h"
#include "core/entities/learned_names.h"
#include "xapian.h"

namespace newsindex {

// Thread-safe: any number of readers (FindLearned) and one writer (the
// index writer thread) at once. The first entity to claim a name keeps it,
// as in the catalog. One-word parts of persons' names are not recorded.
class CatalogNames final : public LearnedNames {
 public:
  CatalogNames() = default;
  CatalogNames(const CatalogNames&) = delete;
  CatalogNames& operator=(const CatalogNames&) = delete;

  // Adds every alias the catalog of `db` holds (kAliasMetadataPrefix keys
  // and their entity records). Errors: Xapian failures as a Status.
  absl::Status LoadFrom(const Xapian::Database& db) ABSL_LOCKS_EXCLUDED(mu_);

  // Adds the names and surface forms of `entities`, just committed.
  void Record(const std::vector<ArticleEntity>& entities)
      ABSL_LOCKS_EXCLUDED(mu_);

  std::optional<EntityRecord> FindLearned(
      absl::string_view match_key) const override ABSL_LOCKS_EXCLUDED(mu_);

  size_t size() const ABSL_LOCKS_EXCLUDED(mu_);

 private:
  void AddLocked(const std::string& match_key, const EntityRecord& record)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  mutable absl::Mutex mu_;
  absl::flat_hash_map<std::string, EntityRecord> by_key_ ABSL_GUARDED_BY(mu_);
};

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_INDEX_INTERNAL_CATALOG_NAMES_H_
