#include "core/index/shard_layout.h"

#include <cstdint>
#include <filesystem>
#include <system_error>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "core/base/hash.h"
#include "core/index/schema.h"

namespace newsindex {
namespace {

constexpr absl::string_view kRemoteScheme = "tcp://";

absl::StatusOr<ShardLocation> ParseLocation(absl::string_view text) {
  ShardLocation location;
  if (!absl::ConsumePrefix(&text, kRemoteScheme)) {
    location.directory = std::string(text);
    return location;
  }
  const size_t colon = text.rfind(':');
  int port = 0;
  if (colon == absl::string_view::npos || colon == 0 ||
      !absl::SimpleAtoi(text.substr(colon + 1), &port) || port < 1 ||
      port > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat("--shards: \"", kRemoteScheme, text,
                     "\" is not tcp://HOST:PORT with a port from 1 to 65535"));
  }
  location.host = std::string(text.substr(0, colon));
  location.port = port;
  return location;
}

std::string ShardDirectoryName(int index) {
  return absl::StrFormat("shard-%02d", index);
}

bool FileExists(const std::string& dir, const char* name) {
  std::error_code ec;
  return std::filesystem::exists(std::filesystem::path(dir) / name, ec);
}

}  // namespace

std::string ShardLocation::ToString() const {
  if (!remote()) return directory;
  return absl::StrCat(kRemoteScheme, host, ":", port);
}

bool ShardLayout::has_remote() const {
  for (const ShardLocation& shard : shards) {
    if (shard.remote()) return true;
  }
  return false;
}

absl::StatusOr<ShardLayout> MakeShardLayout(absl::string_view db,
                                            int shard_count,
                                            absl::string_view shards) {
  ShardLayout layout;
  if (!shards.empty()) {
    if (!db.empty() || shard_count != 0) {
      return absl::InvalidArgumentError(
          "--shards: names every shard itself; give it without --db or "
          "--shard-count");
    }
    for (absl::string_view item : absl::StrSplit(shards, ',')) {
      if (item.empty()) {
        return absl::InvalidArgumentError(
            "--shards: an empty location in the list");
      }
      absl::StatusOr<ShardLocation> location = ParseLocation(item);
      if (!location.ok()) return location.status();
      layout.shards.push_back(*std::move(location));
    }
  } else {
    if (db.empty()) {
      return absl::InvalidArgumentError("--db: a database directory is needed");
    }
    if (shard_count == 0) {
      layout.shards.push_back({.directory = std::string(db)});
      return layout;
    }
    layout.parent = std::string(db);
    for (int i = 0; i < shard_count && i <= kMaxShards; ++i) {
      layout.shards.push_back(
          {.directory =
               (std::filesystem::path(std::string(db)) / ShardDirectoryName(i))
                   .string()});
    }
  }
  const int count =
      shard_count != 0 ? shard_count : static_cast<int>(layout.shards.size());
  if (count < 1 || count > kMaxShards) {
    return absl::InvalidArgumentError(absl::StrCat(
        shard_count != 0 ? "--shard-count" : "--shards",
        ": must name from 1 to ", kMaxShards, " shards, not ", count));
  }
  return layout;
}

size_t ShardForId(absl::string_view article_id, size_t shard_count) {
  uint64_t hash = 0;
  (void)absl::SimpleHexAtoi(Sha256Hex(article_id).substr(0, 16), &hash);
  return static_cast<size_t>(hash % shard_count);
}

absl::Status CheckLayoutOnDisk(const ShardLayout& layout) {
  if (layout.parent.empty() && layout.shards.size() == 1 &&
      !layout.shards[0].remote()) {
    const std::filesystem::path db(layout.shards[0].directory);
    if (!DatabaseExists(db.string()) &&
        DatabaseExists((db / ShardDirectoryName(0)).string())) {
      return absl::FailedPreconditionError(absl::StrCat(
          "--db: ", db.string(),
          " holds a sharded index (shard-00, ...): start with --shard-count "
          "set to its number of shards"));
    }
  }
  if (!layout.parent.empty() && DatabaseExists(layout.parent)) {
    return absl::FailedPreconditionError(
        absl::StrCat("--shard-count: ", layout.parent,
                     " holds an unsharded index; the shard count is part of "
                     "an index's identity: start without --shard-count, or "
                     "reindex into a new directory"));
  }
  return absl::OkStatus();
}

bool IsReplicaDirectory(const std::string& path) {
  return FileExists(path, "XAPIANDB");
}

bool DatabaseExists(const std::string& path) {
  // The glass format writes its version file last.
  return FileExists(path, "iamglass") || IsReplicaDirectory(path);
}

Xapian::Database OpenShardForReading(const ShardLocation& location) {
  if (location.remote()) {
    return Xapian::Remote::open(location.host, location.port);
  }
  return Xapian::Database(location.directory);
}

absl::Status CheckShardIdentity(const Xapian::Database& db,
                                const ShardLocation& location, size_t index,
                                size_t count) {
  const std::string recorded =
      db.get_metadata(std::string(schema::kShardMetadataKey));
  const std::string expected = absl::StrCat(index, "/", count);
  if (recorded.empty()) {
    // Articles without an identity come from an unsharded index: they are
    // routed for one shard, so any other layout would misplace them.
    if (db.get_doccount() == 0 || (index == 0 && count == 1)) {
      return absl::OkStatus();
    }
    return absl::FailedPreconditionError(absl::StrCat(
        "shard ", location.ToString(), " holds ", db.get_doccount(),
        " articles of an unsharded index, but this layout names it shard ",
        index, " of ", count,
        ": the number and order of shards are part of the index's identity "
        "(reindex to change them)"));
  }
  if (recorded == expected) return absl::OkStatus();
  std::pair<std::string, std::string> parts = absl::StrSplit(recorded, '/');
  return absl::FailedPreconditionError(absl::StrCat(
      "shard ", location.ToString(), " was created as shard ", parts.first,
      " of ", parts.second, ", but this layout names it shard ", index, " of ",
      count,
      ": the number and order of shards are part of the index's identity "
      "(reindex to change them)"));
}

void StampShardIdentity(Xapian::WritableDatabase& db, size_t index,
                        size_t count) {
  const std::string key(schema::kShardMetadataKey);
  if (!db.get_metadata(key).empty()) return;
  db.set_metadata(key, absl::StrCat(index, "/", count));
}

}  // namespace newsindex
