#include "core/search/database_handle.h"

#include <filesystem>
#include <system_error>

#include "absl/strings/str_cat.h"

namespace newsindex {
namespace {

// The writer creates the directory before the database files: only the
// glass format's marker file says the database is there.
bool Exists(const ShardLocation& location) {
  if (location.remote()) return true;
  std::error_code ec;
  return std::filesystem::exists(
      std::filesystem::path(location.directory) / "iamglass", ec);
}

}  // namespace

bool IndexHandle::OpenOrReopen(bool* reopened) {
  if (reopened != nullptr) *reopened = false;
  if (all_.has_value()) {
    bool moved = all_->reopen();
    for (Xapian::Database& shard : shards_) moved = shard.reopen() || moved;
    if (reopened != nullptr) *reopened = moved;
    if (layout_.has_remote() && OverlayStale()) Combine();
    return true;
  }
  for (const ShardLocation& location : layout_.shards) {
    if (!Exists(location)) return false;
  }
  std::vector<Xapian::Database> shards;
  for (const ShardLocation& location : layout_.shards) {
    shards.push_back(OpenShardForReading(location));
  }
  shards_ = std::move(shards);
  Combine();
  return true;
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
