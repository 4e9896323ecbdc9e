// What both services set up for operators besides the gRPC server:
// --log-format, --metrics-listen (Prometheus text at /metrics) with the RPC,
// process and build metrics, and the RPC interceptor that carries request
// ids and logs each finished call.
#ifndef NEWSINDEX_SERVER_OBSERVABILITY_H_
#define NEWSINDEX_SERVER_OBSERVABILITY_H_

#include <grpcpp/support/server_interceptor.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "server/metrics_registry.h"
#include "server/rpc_observer.h"

namespace prometheus {
class Exposer;
}  // namespace prometheus

namespace newsindex {

struct ObservabilityConfig {
  std::string metrics_listen;     // empty: no metrics
  std::string metrics_port_file;  // the metrics port, once listening
};

// Reads --log-format (env NEWSINDEX_LOG_FORMAT; sets the process's log
// format), --metrics-listen (env NEWSINDEX_METRICS_LISTEN) and
// --metrics-port-file after absl::ParseCommandLine. INVALID_ARGUMENT naming
// the flag for a bad value.
absl::StatusOr<ObservabilityConfig> ReadObservabilityFlags();

// Owns the metrics registry (when metrics are on), the RPC metrics and the
// HTTP listener (prometheus-cpp's Exposer). Not thread-safe to set up; the
// registry and the interceptors it hands out are thread-safe.
class Observability {
 public:
  Observability(ObservabilityConfig config, std::string service);
  ~Observability();

  // Where the service registers its own metrics; null when metrics are off,
  // so services register (and the core updates) nothing.
  MetricsRegistry* registry() { return registry_.get(); }

  // Registers the RPC metrics of `service_names` and the process and build
  // metrics, then starts the HTTP listener and writes the port file.
  // UNAVAILABLE when the address cannot be bound.
  absl::Status Serve(const std::vector<std::string>& service_names);

  // Stops the HTTP listener (waiting for scrapes being answered), so that
  // what collectors read can go away. Idempotent.
  void StopMetrics();

  // For ServerSpec::interceptors: the request-id/metrics/log interceptor.
  std::vector<
      std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>>
  Interceptors();

 private:
  const ObservabilityConfig config_;
  const std::string service_;
  std::shared_ptr<MetricsRegistry> registry_;  // the Exposer holds a weak_ptr
  std::unique_ptr<RpcMetrics> rpc_metrics_;
  std::unique_ptr<prometheus::Exposer> exposer_;
};

}  // namespace newsindex

#endif  // NEWSINDEX_SERVER_OBSERVABILITY_H_
