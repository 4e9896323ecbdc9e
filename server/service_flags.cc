#include "server/service_flags.h"

#include <algorithm>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "server/logging.h"
#include "server/server_runner.h"

ABSL_FLAG(std::string, db, "",
          "Database directory (env NEWSINDEX_DB; default ./data/newsindex)");
ABSL_FLAG(int, shard_count, 0,
          "Shards of the index under --db: DIR/shard-00 .. DIR/shard-<N-1> "
          "(env NEWSINDEX_SHARD_COUNT; 0: an unsharded index in DIR). Part "
          "of the index's identity: a different count is refused");
ABSL_FLAG(std::string, shards, "",
          "The index's shards, comma-separated, each a directory or "
          "tcp://HOST:PORT of a xapian-tcpsrv (env NEWSINDEX_SHARDS); "
          "instead of --db. Order and count are part of the index's "
          "identity");
ABSL_FLAG(std::string, listen, "",
          "Address to listen on (env NEWSINDEX_LISTEN; default "
          "127.0.0.1:50051 for ingest-service, 127.0.0.1:50052 for "
          "search-service; port 0 picks a free port)");
ABSL_FLAG(std::string, port_file, "",
          "Write the bound port to this file once serving (useful with "
          "--listen 127.0.0.1:0)");
ABSL_FLAG(std::string, log_level, "",
          "debug, info, warning or error (env NEWSINDEX_LOG_LEVEL; default "
          "info)");
ABSL_FLAG(int, workers, 0,
          "Threads doing pipeline or query work (0: one per core)");
ABSL_FLAG(int, drain_timeout_seconds, 0,
          "On SIGTERM, how long in-flight calls may run before cancellation "
          "(0: 20 s for ingest-service, 10 s for search-service)");

ABSL_FLAG(int, max_concurrent_streams, 0,
          "Calls open at once on one client connection (HTTP/2 "
          "SETTINGS_MAX_CONCURRENT_STREAMS; 0: 100); a client queues the "
          "rest");
ABSL_FLAG(int64_t, grpc_memory_bytes, 0,
          "Memory gRPC's transport may use for all connections together "
          "(grpc::ResourceQuota; 0: 1 GiB); under pressure gRPC shrinks "
          "read buffers and then closes connections");

namespace newsindex {
namespace {

// --shards (or NEWSINDEX_SHARDS) names every shard; otherwise --db (or
// NEWSINDEX_DB, or the default) with --shard-count (or
// NEWSINDEX_SHARD_COUNT). The image sets NEWSINDEX_DB, so the environment's
// directory gives way to a shard list; an explicit --db does not.
absl::StatusOr<ShardLayout> ReadLayoutFlags() {
  const std::string shards = absl::GetFlag(FLAGS_shards).empty()
                                 ? EnvOr("NEWSINDEX_SHARDS", "")
                                 : absl::GetFlag(FLAGS_shards);
  int shard_count = absl::GetFlag(FLAGS_shard_count);
  if (shard_count == 0) {
    const std::string env = EnvOr("NEWSINDEX_SHARD_COUNT", "");
    if (!env.empty() && !absl::SimpleAtoi(env, &shard_count)) {
      return absl::InvalidArgumentError(
          absl::StrCat("--shard-count: NEWSINDEX_SHARD_COUNT=\"", env,
                       "\" is not a number"));
    }
  }
  if (!shards.empty()) {
    return MakeShardLayout(absl::GetFlag(FLAGS_db), shard_count, shards);
  }
  const std::string db = absl::GetFlag(FLAGS_db).empty()
                             ? EnvOr("NEWSINDEX_DB", "./data/newsindex")
                             : absl::GetFlag(FLAGS_db);
  return MakeShardLayout(db, shard_count, "");
}

}  // namespace

absl::StatusOr<ServiceConfig> ReadServiceFlags(absl::string_view default_listen,
                                               absl::Duration default_drain) {
  auto flag_or_env = [](const std::string& flag, const char* env,
                        absl::string_view fallback) {
    return flag.empty() ? EnvOr(env, std::string(fallback)) : flag;
  };
  ServiceConfig config;
  if (absl::StatusOr<ShardLayout> layout = ReadLayoutFlags(); layout.ok()) {
    config.layout = *std::move(layout);
  } else {
    return layout.status();
  }
  config.db = config.layout.parent.empty() && config.layout.shards.size() == 1
                  ? config.layout.shards[0].ToString()
              : absl::GetFlag(FLAGS_shards).empty()
                  ? absl::StrCat(config.layout.parent, " (",
                                 config.layout.shards.size(), " shards)")
                  : absl::GetFlag(FLAGS_shards);
  config.listen = flag_or_env(absl::GetFlag(FLAGS_listen), "NEWSINDEX_LISTEN",
                              default_listen);
  config.port_file = absl::GetFlag(FLAGS_port_file);
  if (absl::Status s = SetLogLevel(flag_or_env(absl::GetFlag(FLAGS_log_level),
                                               "NEWSINDEX_LOG_LEVEL", "info"));
      !s.ok()) {
    return s;
  }
  config.workers = absl::GetFlag(FLAGS_workers);
  if (config.workers < 0) {
    return absl::InvalidArgumentError("--workers: must not be negative");
  }
  if (config.workers == 0) {
    config.workers =
        static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  }
  const int drain = absl::GetFlag(FLAGS_drain_timeout_seconds);
  if (drain < 0) {
    return absl::InvalidArgumentError(
        "--drain-timeout-seconds: must not be negative");
  }
  config.drain_timeout = drain == 0 ? default_drain : absl::Seconds(drain);
  const int streams = absl::GetFlag(FLAGS_max_concurrent_streams);
  const int64_t memory = absl::GetFlag(FLAGS_grpc_memory_bytes);
  if (streams < 0 || memory < 0) {
    return absl::InvalidArgumentError(
        streams < 0 ? "--max-concurrent-streams: must not be negative"
                    : "--grpc-memory-bytes: must not be negative");
  }
  if (streams > 0) config.max_concurrent_streams = streams;
  if (memory > 0) config.grpc_memory_bytes = memory;
  return config;
}

void ConfigureServer(const ServiceConfig& config, ServerSpec* spec) {
  spec->listen_address = config.listen;
  spec->port_file = config.port_file;
  spec->drain_timeout = config.drain_timeout;
  spec->max_concurrent_streams = config.max_concurrent_streams;
  spec->grpc_memory_bytes = config.grpc_memory_bytes;
}

}  // namespace newsindex
