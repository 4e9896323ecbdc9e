#include "core/search/database_handle.h"

#include "absl/strings/str_cat.h"

namespace newsindex {
namespace {

// Tries at opening a replica afresh through its stub: each failure means a
// switch happened meanwhile, and switches are a full copy apart.
constexpr int kReplicaOpenAttempts = 3;

bool Exists(const ShardLocation& location) {
  return location.remote() || DatabaseExists(location.directory);
}

}  // namespace

bool ReopenFollowingReplica(const std::function<bool()>& reopen,
                            const std::function<bool()>& is_replica,
                            const std::function<void()>& open_afresh) {
  try {
    return reopen();
  } catch (const Xapian::DatabaseOpeningError&) {
    // Also DatabaseNotFoundError: the copy this handle read was deleted.
    if (!is_replica()) throw;
  } catch (const Xapian::DatabaseCorruptError&) {
    // A deleted copy's directory reused for a new copy being received.
    if (!is_replica()) throw;
  }
  for (int attempt = 1;; ++attempt) {
    try {
      open_afresh();
      return true;
    } catch (const Xapian::DatabaseOpeningError&) {
      if (attempt >= kReplicaOpenAttempts) throw;
    }
  }
}

bool IndexHandle::OpenOrReopen(bool* reopened) {
  if (reopened != nullptr) *reopened = false;
  if (all_.has_value()) {
    const bool moved = ReopenFollowingReplica(
        // all_ holds the very handles of shards_ (add_database shares
        // them), so this reopens those too: once per query, not twice.
        [this] { return all_->reopen(); }, [this] { return HasReplica(); },
        [this] {
          Reset();
          OpenAll();
        });
    if (reopened != nullptr) *reopened = moved;
    if (layout_.has_remote() && OverlayStale()) Combine();
    return true;
  }
  for (const ShardLocation& location : layout_.shards) {
    if (!Exists(location)) return false;
  }
  // A first open may race with a switch too: the copy a stub named deleted
  // before it was opened.
  ReopenFollowingReplica(
      [this] {
        OpenAll();
        return true;
      },
      [this] { return HasReplica(); },
      [this] {
        Reset();
        OpenAll();
      });
  return true;
}

void IndexHandle::OpenAll() {
  std::vector<Xapian::Database> shards;
  for (const ShardLocation& location : layout_.shards) {
    shards.push_back(OpenShardForReading(location));
  }
  shards_ = std::move(shards);
  Combine();
}

bool IndexHandle::HasReplica() const {
  for (const ShardLocation& location : layout_.shards) {
    if (!location.remote() && IsReplicaDirectory(location.directory)) {
      return true;
    }
  }
  return false;
}

void IndexHandle::Combine() {
  Xapian::Database all;
  for (const Xapian::Database& shard : shards_) all.add_database(shard);
  std::unique_ptr<RemoteOverlay> overlay;
  if (layout_.has_remote()) {
    overlay = std::make_unique<RemoteOverlay>(layout_, shards_, catalog_);
    // Added last, so the shards' document ids do not depend on it.
    all.add_database(overlay->database());
    overlay_built_ = absl::Now();
    overlay_index_state_ = {all.get_doccount(), all.get_lastdocid()};
  }
  all_ = std::move(all);
  overlay_ = std::move(overlay);  // after all_ stopped using the old one
}

bool IndexHandle::OverlayStale() const {
  if (absl::Now() - overlay_built_ < overlay_refresh_) return false;
  return overlay_index_state_ !=
         std::make_pair(all_->get_doccount(), all_->get_lastdocid());
}

absl::Status CheckLayoutForReading(const ShardLayout& layout) {
  if (absl::Status s = CheckLayoutOnDisk(layout); !s.ok()) return s;
  const size_t count = layout.shards.size();
  for (size_t i = 0; i < count; ++i) {
    const ShardLocation& location = layout.shards[i];
    if (!Exists(location)) continue;
    try {
      const Xapian::Database db = OpenShardForReading(location);
      if (absl::Status s = CheckShardIdentity(db, location, i, count);
          !s.ok()) {
        return s;
      }
    } catch (const Xapian::NetworkError&) {
      continue;  // not up yet
    } catch (const Xapian::Error& e) {
      return absl::UnavailableError(absl::StrCat("cannot open shard ",
                                                 location.ToString(), ": ",
                                                 e.get_description()));
    }
  }
  return absl::OkStatus();
}

void IndexHandle::Reset() {
  all_.reset();
  shards_.clear();
  overlay_.reset();
}

}  // namespace newsindex
