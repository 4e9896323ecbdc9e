#include "core/search/database_handle.h"

#include <filesystem>
#include <system_error>

namespace newsindex {

bool OpenOrReopen(const std::string& path, std::optional<Xapian::Database>* db,
                  bool* reopened) {
  if (reopened != nullptr) *reopened = false;
  if (db->has_value()) {
    const bool moved = (*db)->reopen();
    if (reopened != nullptr) *reopened = moved;
    return true;
  }
  // The writer creates the directory before the database files: only the
  // glass format's marker file says the database is there.
  std::error_code ec;
  if (!std::filesystem::exists(std::filesystem::path(path) / "iamglass", ec)) {
    return false;
  }
  db->emplace(path);
  return true;
}

}  // namespace newsindex
