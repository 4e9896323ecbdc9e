// The flags both services share, read once: --db, --shard-count, --shards,
// --listen, --port-file, --log-level, --workers, --drain-timeout-seconds,
// --max-concurrent-streams, --grpc-memory-bytes,
// with the environment (NEWSINDEX_DB, NEWSINDEX_SHARD_COUNT,
// NEWSINDEX_SHARDS, NEWSINDEX_LISTEN, NEWSINDEX_LOG_LEVEL) as fallback.
#ifndef NEWSINDEX_SERVER_SERVICE_FLAGS_H_
#define NEWSINDEX_SERVER_SERVICE_FLAGS_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "core/index/shard_layout.h"
#include "server/server_runner.h"

namespace newsindex {

// Server-wide memory bounds both services share (docs/security.md).
inline constexpr int kDefaultMaxConcurrentStreams = 100;
inline constexpr int64_t kDefaultGrpcMemoryBytes = int64_t{1} << 30;

struct ServiceConfig {
  ShardLayout layout;  // the index's shards (one for a plain --db)
  std::string db;      // how the flags named it, for logs
  std::string listen;
  std::string port_file;
  int workers = 1;
  absl::Duration drain_timeout;
  // --max-concurrent-streams, --grpc-memory-bytes (ServerSpec).
  int max_concurrent_streams = kDefaultMaxConcurrentStreams;
  int64_t grpc_memory_bytes = kDefaultGrpcMemoryBytes;
};

// Reads the shared flags after absl::ParseCommandLine, applying the
// service's defaults where neither a flag nor the environment says, and
// sets the process's log level. INVALID_ARGUMENT naming the flag for a bad
// value.
absl::StatusOr<ServiceConfig> ReadServiceFlags(absl::string_view default_listen,
                                               absl::Duration default_drain);

// Copies `config`'s listen address, port file, drain timeout and memory
// bounds into `spec`.
void ConfigureServer(const ServiceConfig& config, ServerSpec* spec);

}  // namespace newsindex

#endif  // NEWSINDEX_SERVER_SERVICE_FLAGS_H_
