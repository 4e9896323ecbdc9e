// The flags both services share, read once: --db, --shard-count, --shards,
// --listen, --port-file, --log-level, --workers, --drain-timeout-seconds,
// with the environment (NEWSINDEX_DB, NEWSINDEX_SHARD_COUNT,
// NEWSINDEX_SHARDS, NEWSINDEX_LISTEN, NEWSINDEX_LOG_LEVEL) as fallback.
#ifndef NEWSINDEX_SERVER_SERVICE_FLAGS_H_
#define NEWSINDEX_SERVER_SERVICE_FLAGS_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "core/index/shard_layout.h"

namespace newsindex {

struct ServiceConfig {
  ShardLayout layout;  // the index's shards (one for a plain --db)
  std::string db;      // how the flags named it, for logs
  std::string listen;
  std::string port_file;
  int workers = 1;
  absl::Duration drain_timeout;
};

// Reads the shared flags after absl::ParseCommandLine, applying the
// service's defaults where neither a flag nor the environment says, and
// sets the process's log level. INVALID_ARGUMENT naming the flag for a bad
// value.
absl::StatusOr<ServiceConfig> ReadServiceFlags(absl::string_view default_listen,
                                               absl::Duration default_drain);

}  // namespace newsindex

#endif  // NEWSINDEX_SERVER_SERVICE_FLAGS_H_
