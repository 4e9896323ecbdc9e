// ingest-service's own flags, read and checked once, at start-up:
//   --max-article-bytes, --max-streams-per-connection, --max-streams,
//   --max-in-flight-bytes, --max-stream-results, --max-batch-latency-ms,
//   --max-bulk-batch-latency-ms, --replication-changesets (env
//   NEWSINDEX_REPLICATION_CHANGESETS).

#ifndef NEWSINDEX_INGEST_SERVICE_INGEST_FLAGS_H_
#define NEWSINDEX_INGEST_SERVICE_INGEST_FLAGS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "ingest-service/stream_limits.h"
#include "server/bootstrap.h"

namespace newsindex {

struct IngestFlags {
  int64_t max_article_bytes = 0;  // 1..kMaxArticleBytesLimit
  StreamLimits stream_limits;
  // The writer's batch time bounds; InfiniteDuration for a flag of 0.
  absl::Duration max_batch_delay;
  absl::Duration max_bulk_batch_delay;
  int64_t replication_changesets = 0;  // 0: none kept
};

// Largest --max-article-bytes.
inline constexpr int64_t kMaxArticleBytesLimit = 256 * 1024 * 1024;

// Most changesets --replication-changesets may keep: each is a file beside
// the database, and a replica further behind gets a full copy anyway.
inline constexpr int64_t kMaxReplicationChangesets = 1000000;

// Reads the flags after absl::ParseCommandLine. INVALID_ARGUMENT naming the
// flag for a value out of range.
absl::StatusOr<IngestFlags> ReadIngestFlags();

// Xapian writes a changeset per commit, for xapian-replicate-server to
// send, only when XAPIAN_MAX_CHANGESETS is set as the writable database is
// opened: so this sets it (for `changesets` > 0) before the writer opens
// and before any thread that reads the environment starts.
absl::Status ApplyReplicationChangesets(int64_t changesets);

// The flag groups of ingest-service's --help.
std::vector<FlagGroup> IngestFlagGroups();

}  // namespace newsindex

#endif  // NEWSINDEX_INGEST_SERVICE_INGEST_FLAGS_H_
