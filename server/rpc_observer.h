// Per-call observation of both services through one gRPC server
// interceptor: request ids (request_id.h), the RPC metrics (names after
// go-grpc-prometheus, which Grafana dashboards and alerts commonly expect)
// and a log line per finished call.
#ifndef NEWSINDEX_SERVER_RPC_OBSERVER_H_
#define NEWSINDEX_SERVER_RPC_OBSERVER_H_

#include <grpcpp/grpcpp.h>
#include <grpcpp/support/server_interceptor.h>

#include <array>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "server/metrics_registry.h"

namespace newsindex {

// The RPC metric series of every method of a server's services, registered
// up front (every status code of every method starts at zero, so rates and
// ratios exist before the first error). Immutable after construction:
// Find() and the series' updates are lock-free.
class RpcMetrics {
 public:
  static constexpr int kCodes = 17;  // grpc::StatusCode OK..UNAUTHENTICATED

  struct Method {
    prometheus::Counter* started = nullptr;
    std::array<prometheus::Counter*, kCodes> handled{};
    Histogram* handling_seconds = nullptr;
    prometheus::Counter* received = nullptr;
    prometheus::Counter* sent = nullptr;
  };

  // Registers the methods of `service_names` (full protobuf names, looked
  // up in the generated descriptor pool), of grpc.health.v1.Health and of
  // server reflection, in `registry` (not owned, must outlive this).
  RpcMetrics(MetricsRegistry* registry,
             const std::vector<std::string>& service_names);

  // The series of "/package.Service/Method"; an "unknown" method's for any
  // other path (so a caller cannot create series).
  Method* Find(absl::string_view path);

 private:
  void AddMethod(MetricsRegistry* registry, const std::string& service,
                 const std::string& method, const std::string& type);

  absl::flat_hash_map<std::string, Method> methods_;
  Method unknown_;
};

// Makes an interceptor for every call. `metrics` may be null (metrics off):
// request ids and call logs still work. Not owned; must outlive the server.
class RpcObserverFactory
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit RpcObserverFactory(RpcMetrics* metrics) : metrics_(metrics) {}

  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;

 private:
  RpcMetrics* metrics_;
};

// The level a finished call is logged at: debug for OK, info for the
// caller's errors (bad argument, not found, cancelled...), warning for the
// server's (internal, unavailable, data loss, deadline exceeded...).
int CallLogLevel(grpc::StatusCode code);

}  // namespace newsindex

#endif  // NEWSINDEX_SERVER_RPC_OBSERVER_H_
