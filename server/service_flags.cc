#include "server/service_flags.h"

#include <algorithm>
#include <thread>

#include "absl/flags/flag.h"
#include "server/logging.h"
#include "server/server_runner.h"

ABSL_FLAG(std::string, db, "",
          "Database directory (env NEWSINDEX_DB; default ./data/newsindex)");
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

namespace newsindex {

absl::StatusOr<ServiceConfig> ReadServiceFlags(absl::string_view default_listen,
                                               absl::Duration default_drain) {
  auto flag_or_env = [](const std::string& flag, const char* env,
                        absl::string_view fallback) {
    return flag.empty() ? EnvOr(env, std::string(fallback)) : flag;
  };
  ServiceConfig config;
  config.db =
      flag_or_env(absl::GetFlag(FLAGS_db), "NEWSINDEX_DB", "./data/newsindex");
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
  return config;
}

}  // namespace newsindex
