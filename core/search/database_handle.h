// Opening a database that another process writes and may not have created
// yet, directly or as a replica that xapian-replicate keeps.
#ifndef NEWSINDEX_CORE_SEARCH_DATABASE_HANDLE_H_
#define NEWSINDEX_CORE_SEARCH_DATABASE_HANDLE_H_

#include <functional>
#include <optional>
#include <string>

#include "xapian.h"

namespace newsindex {

// Reopens `*db` to the latest commit, or opens the database in directory
// `path` if it exists by now (see DatabaseExists). False when there is no
// database yet. Follows a replica's switch to a new copy (see
// ReopenFollowingReplica). Throws Xapian::Error (callers wrap it with
// CallXapian); `*db` is then left empty or on a consistent commit. When
// `reopened` is not null it is set to whether an open handle moved to a
// newer commit.
bool OpenOrReopen(const std::string& path, std::optional<Xapian::Database>* db,
                  bool* reopened = nullptr);

// True when directory `path` holds a database a reader may open: a glass
// database whose version file is written (the writer creates the directory
// before its files), or a replica directory (see IsReplicaDirectory).
bool DatabaseExists(const std::string& path);

// True when `path` is a replica directory that xapian-replicate keeps: a
// stub file XAPIANDB there names the live copy (replica_0 or replica_1).
bool IsReplicaDirectory(const std::string& path);

// Moves `*db` to the latest commit; true when it moved. `open` opens the
// same database afresh (a replica through its stub, never a replica_N
// directly; for shards, all of them); `replica` says whether any part of it
// is a replica directory.
//
// In a replica directory a full copy is received into the other replica_N
// directory, which becomes live only once complete: xapian-replicate then
// renames a new stub into place and deletes the old copy, so the old
// handle's reopen() fails (DatabaseNotFoundError or another opening error;
// a corrupt-database error if that directory is already being refilled).
// Then, and only when `replica`, `*db` is replaced by open() (a few tries,
// as a second switch may race with it) and this returns true; readers so
// only ever open the copy a stub names, never one still being received.
// Throws Xapian::Error otherwise (a failed open() leaves `*db` empty).
// `*db` must hold a value.
bool ReopenFollowingReplica(bool replica,
                            const std::function<Xapian::Database()>& open,
                            std::optional<Xapian::Database>* db);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_SEARCH_DATABASE_HANDLE_H_
