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

Xapian::Database OpenShardForReading(const ShardLocation& location) {
  if (location.remote()) {
    return Xapian::Remote::open(location.host, location.port);
  }
  return Xapian::Database(location.directory);
}

bool IndexHandle::OpenOrReopen(bool* reopened) {
  if (reopened != nullptr) *reopened = false;
  if (all_.has_value()) {
    bool moved = all_->reopen();
    for (Xapian::Database& shard : shards_) moved = shard.reopen() || moved;
    if (reopened != nullptr) *reopened = moved;
    return true;
  }
  for (const ShardLocation& location : layout_.shards) {
    if (!Exists(location)) return false;
  }
  std::vector<Xapian::Database> shards;
  Xapian::Database all;
  for (const ShardLocation& location : layout_.shards) {
    shards.push_back(OpenShardForReading(location));
    all.add_database(shards.back());
  }
  shards_ = std::move(shards);
  all_ = std::move(all);
  return true;
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
}

}  // namespace newsindex
