#include "core/search/database_handle.h"

#include <filesystem>
#include <system_error>

namespace newsindex {
namespace {

// Tries at opening a replica again through its stub: each failure means a
// switch happened meanwhile, and switches are a full copy apart.
constexpr int kReplicaOpenAttempts = 3;

bool FileExists(const std::string& dir, const char* name) {
  std::error_code ec;
  return std::filesystem::exists(std::filesystem::path(dir) / name, ec);
}

// Replaces `*db` by open(), retrying while the copy a stub named was
// deleted by a newer switch before it could be opened.
void OpenReplica(const std::function<Xapian::Database()>& open,
                 std::optional<Xapian::Database>* db) {
  db->reset();
  for (int attempt = 1;; ++attempt) {
    try {
      db->emplace(open());
      return;
    } catch (const Xapian::DatabaseOpeningError&) {
      if (attempt >= kReplicaOpenAttempts) throw;
    }
  }
}

}  // namespace

bool IsReplicaDirectory(const std::string& path) {
  return FileExists(path, "XAPIANDB");
}

bool DatabaseExists(const std::string& path) {
  // The glass format writes its version file last.
  return FileExists(path, "iamglass") || IsReplicaDirectory(path);
}

bool ReopenFollowingReplica(bool replica,
                            const std::function<Xapian::Database()>& open,
                            std::optional<Xapian::Database>* db) {
  try {
    return (*db)->reopen();
  } catch (const Xapian::DatabaseOpeningError&) {
    // Also DatabaseNotFoundError: the copy this handle read was deleted.
    if (!replica) throw;
  } catch (const Xapian::DatabaseCorruptError&) {
    // A deleted copy's directory reused for a new copy being received.
    if (!replica) throw;
  }
  OpenReplica(open, db);
  return true;
}

bool OpenOrReopen(const std::string& path, std::optional<Xapian::Database>* db,
                  bool* reopened) {
  if (reopened != nullptr) *reopened = false;
  const auto open = [&path] { return Xapian::Database(path); };
  if (db->has_value()) {
    const bool moved =
        ReopenFollowingReplica(IsReplicaDirectory(path), open, db);
    if (reopened != nullptr) *reopened = moved;
    return true;
  }
  if (!DatabaseExists(path)) return false;
  if (IsReplicaDirectory(path)) {
    OpenReplica(open, db);
  } else {
    db->emplace(path);
  }
  return true;
}

}  // namespace newsindex
