#include "core/search/database_handle.h"

#include <filesystem>
#include <system_error>

namespace newsindex {

bool OpenOrReopen(const std::string& path,
                  std::optional<Xapian::Database>* db) {
  if (db->has_value()) {
    (*db)->reopen();
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
