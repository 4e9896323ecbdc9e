// The change log: every committed change of a shard (an article added,
// replaced or deleted), numbered by a per-shard sequence and kept in the
// shard's own metadata, written in the same commit as the change itself.
// So it is exactly as durable as the ack, and a reader in another process
// (search-service's Watch) tails it by reopening the database.
//
// Each entry keeps the serialised Xapian::Document of the version it
// records (for a delete, the version deleted), so that a reader can match
// a query against exactly that version, however the article changed
// since. Retention is bounded: the writer keeps the last
// `retention` entries of each shard and removes older ones in the same
// commits (docs/watch.md).
#ifndef NEWSINDEX_CORE_INDEX_CHANGE_LOG_H_
#define NEWSINDEX_CORE_INDEX_CHANGE_LOG_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "xapian.h"

namespace newsindex {

// Entries each shard keeps by default (IndexWriterOptions::
// change_log_retention, ingest-service's --change-log-retention).
inline constexpr uint64_t kDefaultChangeLogRetention = 100000;

enum class ChangeKind { kAdded, kUpdated, kDeleted };

// "ADDED", "UPDATED", "DELETED".
absl::string_view ChangeKindName(ChangeKind kind);

struct ChangeRecord {
  uint64_t sequence = 0;  // 1 for a shard's first change
  ChangeKind kind = ChangeKind::kAdded;
  std::string article_id;
  absl::Time committed;  // wall clock, just before the commit
  // Xapian::Document::serialise() of the version the change recorded.
  std::string document;
};

// Sequences a shard's log holds: [first, last]; empty when last < first.
// A shard that never logged a change has first 1 and last 0.
struct ChangeLogBounds {
  uint64_t first = 1;
  uint64_t last = 0;
  bool empty() const { return last < first; }
};

// The metadata value of an entry, and back (INVALID_ARGUMENT when
// `value` is not one; `sequence` is not part of the value).
std::string EncodeChange(const ChangeRecord& change);
absl::StatusOr<ChangeRecord> DecodeChange(uint64_t sequence,
                                          absl::string_view value);

// The metadata key of entry `sequence`: sorts in sequence order.
std::string ChangeKey(uint64_t sequence);

// Reading, from any handle on one shard (not a combined database, whose
// metadata is its first shard's). These throw Xapian::Error; callers wrap
// them with CallXapian.
ChangeLogBounds ReadChangeLogBounds(const Xapian::Database& db);
// The entry `sequence`, or nullopt when the log does not hold it
// (trimmed, or not written yet). DATA_LOSS when it is unreadable.
absl::StatusOr<std::optional<ChangeRecord>> ReadChange(
    const Xapian::Database& db, uint64_t sequence);
// The first sequence in `bounds` committed at or after `t` (entries are
// in commit order, so their times are ordered as far as the writer's clock
// is); bounds.last + 1 when none was.
uint64_t FirstChangeAtOrAfter(const Xapian::Database& db,
                              const ChangeLogBounds& bounds, absl::Time t);

// The writer's side: appends entries to the open transaction and trims
// the log to `retention` entries. Writer thread only.
class ChangeLogWriter {
 public:
  explicit ChangeLogWriter(uint64_t retention) : retention_(retention) {}

  // Reads the bounds from `db` (at open, and after a failed commit
  // dropped what was staged).
  void Load(const Xapian::Database& db);
  // Writes `change` (its sequence is assigned here: the next one) into
  // the uncommitted transaction of `db`, and removes the oldest entries
  // beyond the retention. Until Committed(), a Load() undoes it.
  void Append(Xapian::WritableDatabase& db, ChangeRecord change);
  // Writes the bounds of what was appended; call right before the commit.
  void WriteBounds(Xapian::WritableDatabase& db);
  // The bounds as appended so far (committed or not).
  const ChangeLogBounds& bounds() const { return bounds_; }

 private:
  const uint64_t retention_;
  ChangeLogBounds bounds_;
};

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_INDEX_CHANGE_LOG_H_
