// Opening a database that another process writes and may not have created
// yet.
#ifndef NEWSINDEX_CORE_SEARCH_DATABASE_HANDLE_H_
#define NEWSINDEX_CORE_SEARCH_DATABASE_HANDLE_H_

#include <optional>
#include <string>

#include "xapian.h"

namespace newsindex {

// Reopens `*db` to the latest commit, or opens the database in directory
// `path` if it exists by now. False when there is no database yet.
// Throws Xapian::Error (callers wrap it with CallXapian). When `reopened`
// is not null it is set to whether an open handle moved to a newer commit.
bool OpenOrReopen(const std::string& path, std::optional<Xapian::Database>* db,
                  bool* reopened = nullptr);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_SEARCH_DATABASE_HANDLE_H_
