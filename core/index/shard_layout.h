// Where an index's shards live, and which shard holds an article.
//
// An index is one or more Xapian databases ("shards"), each a local
// directory or a remote database served by xapian-tcpsrv. The writer routes
// every article to one shard by a stable hash of its id; readers open all
// shards as one Xapian::Database, which merges their statistics so scores
// equal those of a single database. The number of shards and each shard's
// position are part of the index's identity: every shard records them in
// its metadata (schema::kShardMetadataKey), and a layout that disagrees is
// refused (see CheckShardIdentity).
#ifndef NEWSINDEX_CORE_INDEX_SHARD_LAYOUT_H_
#define NEWSINDEX_CORE_INDEX_SHARD_LAYOUT_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "xapian.h"

namespace newsindex {

// One shard: a local directory, or host and port of a xapian-tcpsrv.
struct ShardLocation {
  std::string directory{};  // empty for a remote shard
  std::string host{};
  int port = 0;

  bool remote() const { return directory.empty(); }
  // The directory, or "tcp://host:port"; for messages and logs.
  std::string ToString() const;
};

struct ShardLayout {
  std::vector<ShardLocation> shards{};  // at least one
  // The --db directory a --shard-count layout was derived from, else empty.
  std::string parent{};

  bool has_remote() const;
};

// Most shards an index may have.
inline constexpr int kMaxShards = 256;

// The layout the services' flags name. Exactly one form:
//   db only                  one shard, the directory `db` (the default);
//   db and shard_count N     shards db/shard-00 .. db/shard-<N-1>;
//   shards "LOC,LOC,..."     each LOC a directory or tcp://HOST:PORT.
// INVALID_ARGUMENT naming the flag (--db, --shard-count, --shards) when the
// flags conflict or a location is malformed.
absl::StatusOr<ShardLayout> MakeShardLayout(absl::string_view db,
                                            int shard_count,
                                            absl::string_view shards);

// The shard, of `shard_count`, that holds the article with `article_id`:
// from the first 8 bytes of the id's SHA-256, so that it never changes
// across platforms or releases.
size_t ShardForId(absl::string_view article_id, size_t shard_count);

// Local layouts only: FAILED_PRECONDITION when the directories on disk say
// the index was created with another layout: `--db DIR` on a sharded index
// (DIR holds shard-00...), or --shard-count on an unsharded one (DIR itself
// holds a database). OK for remote shards and for directories not created
// yet.
absl::Status CheckLayoutOnDisk(const ShardLayout& layout);

// True when directory `path` holds a database a reader may open: a glass
// database whose version file is written (the writer creates the directory
// before its files), or a replica directory (IsReplicaDirectory).
bool DatabaseExists(const std::string& path);

// True when `path` is a replica directory that xapian-replicate keeps: a
// stub file XAPIANDB there names the live copy (replica_0 or replica_1).
bool IsReplicaDirectory(const std::string& path);

// Opens shard `location` for reading: a directory or a xapian-tcpsrv.
// Throws Xapian::Error.
Xapian::Database OpenShardForReading(const ShardLocation& location);

// Checks that `db` was created as shard `index` of `count`. A database that
// records no identity is new (no documents) or predates shards, and then
// passes only as shard 0 of 1. FAILED_PRECONDITION naming the shard and both
// layouts otherwise. Throws Xapian::Error.
absl::Status CheckShardIdentity(const Xapian::Database& db,
                                const ShardLocation& location, size_t index,
                                size_t count);

// Records in `db` (not committed) that it is shard `index` of `count`,
// unless it records an identity already. Throws Xapian::Error.
void StampShardIdentity(Xapian::WritableDatabase& db, size_t index,
                        size_t count);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_INDEX_SHARD_LAYOUT_H_
