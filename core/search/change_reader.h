// Reading the change log (core/index/change_log.h) of every shard as one
// feed: the changes after a cursor that match a query and filter, each
// matched against the version of the article the change recorded.
#ifndef NEWSINDEX_CORE_SEARCH_CHANGE_READER_H_
#define NEWSINDEX_CORE_SEARCH_CHANGE_READER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "core/base/article.h"
#include "core/index/change_log.h"
#include "core/search/database_handle.h"
#include "core/search/query_builder.h"

namespace newsindex {

// A position in the feed: per shard, the last sequence already read.
// Opaque to clients: "w1:" and the shards' positions joined by '.'.
struct WatchCursor {
  std::vector<uint64_t> positions;
  bool operator==(const WatchCursor&) const = default;
};

std::string EncodeWatchCursor(const WatchCursor& cursor);
// INVALID_ARGUMENT "<field>: ..." when `text` is not a cursor, or one of
// an index with another number of shards than `shard_count`.
absl::StatusOr<WatchCursor> DecodeWatchCursor(absl::string_view text,
                                              size_t shard_count,
                                              absl::string_view field);

// Where a watch starts.
struct WatchStart {
  enum class Kind { kNow, kCursor, kTime };
  Kind kind = Kind::kNow;
  WatchCursor cursor;  // kCursor
  absl::Time time;     // kTime: changes committed at or after it
};

struct ChangeEvent {
  ChangeKind kind = ChangeKind::kAdded;
  std::string article_id;
  // The version the change recorded; not set for a delete.
  std::optional<Article> article;
  absl::Time committed;
  size_t shard = 0;
  uint64_t sequence = 0;
  // Resuming from this cursor delivers what comes after this event.
  WatchCursor cursor;
};

struct ChangeBatch {
  std::vector<ChangeEvent> events;
  // Where the next read starts (past the changes read that did not match).
  WatchCursor next;
  // The read reached the end of every shard's log.
  bool caught_up = false;
};

// Bounds of one read.
struct ChangeReadLimits {
  size_t max_events = 64;
  // Articles' text (title and body bytes) in a batch: the read stops
  // after the event that passes it (a batch holds at least one event).
  size_t max_article_bytes = 4 << 20;
  // Log entries read per shard, and their bytes (the recorded versions):
  // a shard's scan stops after the entry that passes it.
  size_t max_scan = 512;
  size_t max_scan_bytes = 1 << 20;
};

// The last sequence of each shard's log (0 for a shard without a
// database yet); throws Xapian::Error. `index` must be open or have no
// database yet.
WatchCursor HeadCursor(const IndexHandle& index);

// The cursor `start` denotes. OUT_OF_RANGE when a cursor is older than
// what the log retains (RetentionError). Throws Xapian::Error.
absl::StatusOr<WatchCursor> ResolveWatchStart(const IndexHandle& index,
                                              const WatchStart& start);

// The changes after `from` matching `query` (built by QueryBuilder over
// `index`), in commit order per shard and merged across shards by commit
// time, within `limits`. OUT_OF_RANGE when the log no longer holds the
// changes right after `from`, naming the oldest cursor to restart from.
// Throws Xapian::Error.
absl::StatusOr<ChangeBatch> ReadChanges(const IndexHandle& index,
                                        const Xapian::Query& query,
                                        const WatchCursor& from,
                                        const ChangeReadLimits& limits);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_SEARCH_CHANGE_READER_H_
