// Read handles on an index that another process writes and may not have
// created yet: every shard, combined for matching and one by one for the
// catalog. A local shard may be a replica that xapian-replicate keeps
// (docs/replication.md).
#ifndef NEWSINDEX_CORE_SEARCH_DATABASE_HANDLE_H_
#define NEWSINDEX_CORE_SEARCH_DATABASE_HANDLE_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "core/index/catalog_store.h"
#include "core/index/shard_layout.h"
#include "core/search/remote_overlay.h"
#include "xapian.h"

namespace newsindex {

// `all()` opens every shard as one Xapian::Database: Xapian merges their
// postings, statistics (so scores equal those of one database), synonyms
// and spellings. Metadata, which a combined database reads from its first
// shard only, is read through `catalog()`, over one handle per shard.
// With remote shards, `all()` also holds the remote overlay
// (remote_overlay.h) for their synonyms and spellings, rebuilt when the
// index has changed and `overlay_refresh` has passed since the last build.
//
// Not thread-safe: one per thread, as a Xapian::Database.
class IndexHandle {
 public:
  explicit IndexHandle(ShardLayout layout,
                       absl::Duration overlay_refresh = absl::Seconds(10))
      : layout_(std::move(layout)), overlay_refresh_(overlay_refresh) {}
  IndexHandle(const IndexHandle&) = delete;
  IndexHandle& operator=(const IndexHandle&) = delete;

  // Reopens every shard to its latest commit, or opens them if they all
  // exist by now (DatabaseExists). False when a local shard has no
  // database yet. Follows a replica shard's switch to a new copy
  // (ReopenFollowingReplica). Throws Xapian::Error (callers wrap it with
  // CallXapian). When `reopened` is not null it is set to whether an open
  // handle moved to a newer commit or copy.
  [[nodiscard]] bool OpenOrReopen(bool* reopened = nullptr);
  // Drops the handles: the next OpenOrReopen opens afresh.
  void Reset();

  bool is_open() const { return all_.has_value(); }
  // Require is_open().
  const Xapian::Database& all() const { return *all_; }
  const CatalogReader& catalog() const { return catalog_; }
  // Each shard on its own (without the remote overlay).
  const std::vector<Xapian::Database>& shards() const { return shards_; }
  const ShardLayout& layout() const { return layout_; }

 private:
  // Opens every shard (a replica through its stub) and combines them.
  void OpenAll();
  // Combines shards_ and, with remote shards, a fresh overlay into all_.
  void Combine();
  // Whether a local shard is a replica directory.
  bool HasReplica() const;
  // Whether the overlay is due: the index changed and overlay_refresh_
  // has passed.
  bool OverlayStale() const;

  const ShardLayout layout_;
  const absl::Duration overlay_refresh_;
  std::optional<Xapian::Database> all_;
  std::vector<Xapian::Database> shards_;
  std::unique_ptr<RemoteOverlay> overlay_;  // with remote shards only
  CatalogReader catalog_{shards_};
  // When the overlay was built, and the index's documents and last docid
  // then.
  absl::Time overlay_built_;
  std::pair<Xapian::doccount, Xapian::docid> overlay_index_state_;
};

// Runs `reopen` (reopens the handles; true when one moved) and returns its
// result, following a replica's switch to a new full copy:
//
// xapian-replicate receives a full copy into the other replica_N directory
// (the version file last), which becomes live only once complete: it then
// renames a new stub into place and deletes the old copy, so the old
// handle's reopen() throws (DatabaseNotFoundError or another opening
// error; a corrupt-database error if that directory is already being
// refilled). Then, and only when `is_replica()`, `open_afresh` (which must
// open through the stubs, never a replica_N directly) runs instead, up to
// a few times while it fails to open (a second switch racing with it), and
// this returns true. So readers only ever open the copy a stub names, never
// one still being received. Other errors propagate.
bool ReopenFollowingReplica(const std::function<bool()>& reopen,
                            const std::function<bool()>& is_replica,
                            const std::function<void()>& open_afresh);

// At a reader's start-up: FAILED_PRECONDITION when the shards that exist
// now were created with another layout (shard_layout.h). Shards not created
// yet, and remote shards that cannot be reached yet, are not checked (the
// writer checks every shard when it opens them).
absl::Status CheckLayoutForReading(const ShardLayout& layout);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_SEARCH_DATABASE_HANDLE_H_
