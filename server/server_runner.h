// What both services share: gRPC server set-up with health checking and
// reflection, and the graceful shutdown sequence on SIGTERM/SIGINT.
#ifndef NEWSINDEX_SERVER_SERVER_RUNNER_H_
#define NEWSINDEX_SERVER_SERVER_RUNNER_H_

#include <grpcpp/grpcpp.h>
#include <grpcpp/support/server_interceptor.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace newsindex {

// Blocks SIGTERM and SIGINT in the calling thread and in every thread it
// starts later, so that only RunServer's sigwait receives them. Call
// before any thread starts (ParseServiceCommandLine in bootstrap.h does).
void BlockShutdownSignals();

// After the drain timeout, how long the last steps (after_drain: the final
// commit) may take before the process leaves anyway.
inline constexpr absl::Duration kExitGrace = absl::Seconds(3);

struct ServerSpec {
  std::string name;  // for logs: "ingest-service"
  std::string listen_address;
  // TLS or mTLS (server/security.h); null: insecure.
  std::shared_ptr<grpc::ServerCredentials> credentials;
  // When not empty, a second, plaintext port serving only grpc.health.v1
  // (and reflection), for probes that cannot speak TLS (Kubernetes' grpc
  // probes). Its status follows the main server's.
  std::string health_listen_address;
  std::vector<grpc::Service*> services;  // not owned
  // Full names of the services, for per-service health status.
  std::vector<std::string> service_names;
  int max_receive_message_bytes = 4 * 1024 * 1024;
  // Calls open at once per connection (HTTP/2 max concurrent streams) and
  // the memory gRPC may use for all connections (grpc::ResourceQuota);
  // 0: gRPC's defaults (unbounded).
  int max_concurrent_streams = 0;
  int64_t grpc_memory_bytes = 0;
  // How long in-flight calls may run after SIGTERM before they are
  // cancelled. The process leaves at most kExitGrace later whatever its
  // threads are doing (a commit already acknowledged is on disk).
  absl::Duration drain_timeout = absl::Seconds(20);
  // When not empty, the port actually bound is written to this file once
  // the server accepts calls (for --listen host:0 in tests).
  std::string port_file;
  // Runs after the server stopped taking and finishing calls; e.g. the
  // final commit.
  std::function<absl::Status()> after_drain;
  // When set, the interceptor factories every call passes through
  // (observability.h).
  std::function<std::vector<
      std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>>()>
      interceptors;
};

// Starts the server, marks it SERVING, waits for SIGTERM/SIGINT, then:
// health NOT_SERVING, stop accepting, drain in-flight calls, after_drain().
// Returns the first error (the listen address in use, say).
absl::Status RunServer(const ServerSpec& spec);

// The value of environment variable `name`, or `fallback` when unset.
std::string EnvOr(const char* name, std::string fallback);

}  // namespace newsindex

#endif  // NEWSINDEX_SERVER_SERVER_RUNNER_H_
