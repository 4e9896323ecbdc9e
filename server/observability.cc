#include "server/observability.h"

#include <CivetServer.h>
#include <prometheus/exposer.h>

#include <cstdio>
#include <exception>
#include <fstream>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "server/logging.h"
#include "server/process_metrics.h"
#include "server/server_runner.h"

ABSL_FLAG(std::string, log_format, "",
          "text or json: one JSON object a line (time, level, message, "
          "method, request_id, peer, status, duration) (env "
          "NEWSINDEX_LOG_FORMAT; default text)");
ABSL_FLAG(std::string, metrics_listen, "",
          "host:port to serve Prometheus metrics on at /metrics (env "
          "NEWSINDEX_METRICS_LISTEN; default off; port 0 picks a free port)");
ABSL_FLAG(std::string, metrics_port_file, "",
          "Write the bound metrics port to this file once serving");

namespace newsindex {
namespace {

// civetweb (under the Exposer) logs through this, so that why an address
// cannot be bound is in the service's log.
int LogCivetweb(const mg_connection*, const char* message) {
  Log(LogLevel::kWarning, "metrics listener: ", message);
  return 1;
}

// prometheus-cpp's Exposer on `address` (civetweb's listening_ports:
// "ip:port"; port 0 picks a free one) with two threads, as the listener
// always had. UNAVAILABLE when it cannot be bound.
absl::StatusOr<std::unique_ptr<prometheus::Exposer>> StartExposer(
    const std::string& address) {
  CivetCallbacks callbacks;  // copied by the server
  callbacks.log_message = &LogCivetweb;
  try {
    return std::make_unique<prometheus::Exposer>(
        std::vector<std::string>{"listening_ports", address, "num_threads", "2",
                                 "request_timeout_ms", "10000"},
        &callbacks);
  } catch (const std::exception& e) {
    return absl::UnavailableError(absl::StrCat(
        "--metrics-listen: cannot listen on ", address,
        " (address in use or invalid? expected host:port): ", e.what()));
  }
}

}  // namespace

absl::StatusOr<ObservabilityConfig> ReadObservabilityFlags() {
  std::string format = absl::GetFlag(FLAGS_log_format);
  if (format.empty()) format = EnvOr("NEWSINDEX_LOG_FORMAT", "text");
  if (absl::Status s = SetLogFormat(format); !s.ok()) return s;
  ObservabilityConfig config;
  config.metrics_listen = absl::GetFlag(FLAGS_metrics_listen);
  if (config.metrics_listen.empty()) {
    config.metrics_listen = EnvOr("NEWSINDEX_METRICS_LISTEN", "");
  }
  config.metrics_port_file = absl::GetFlag(FLAGS_metrics_port_file);
  if (!config.metrics_port_file.empty() && config.metrics_listen.empty()) {
    return absl::InvalidArgumentError(
        "--metrics-port-file: needs --metrics-listen");
  }
  return config;
}

Observability::Observability(ObservabilityConfig config, std::string service)
    : config_(std::move(config)), service_(std::move(service)) {
  if (!config_.metrics_listen.empty()) {
    registry_ = std::make_shared<MetricsRegistry>();
  }
}

Observability::~Observability() = default;

void Observability::StopMetrics() { exposer_.reset(); }

absl::Status Observability::Serve(
    const std::vector<std::string>& service_names) {
  if (registry_ == nullptr) return absl::OkStatus();
  rpc_metrics_ = std::make_unique<RpcMetrics>(registry_.get(), service_names);
  registry_->AddCollector([service = service_] { return BuildInfo(service); });
  registry_->AddCollector(&CollectProcessMetrics);
  absl::StatusOr<std::unique_ptr<prometheus::Exposer>> exposer =
      StartExposer(config_.metrics_listen);
  if (!exposer.ok()) return exposer.status();
  exposer_ = *std::move(exposer);
  exposer_->RegisterCollectable(registry_);
  const std::vector<int> ports = exposer_->GetListeningPorts();
  const int port = ports.empty() ? 0 : ports.front();
  Log(LogLevel::kInfo, service_, " serving metrics on ", config_.metrics_listen,
      " (port ", port, ") at /metrics");
  if (!config_.metrics_port_file.empty()) {
    // Written whole and renamed, so a reader never sees a partial number.
    const std::string tmp = config_.metrics_port_file + ".tmp";
    std::ofstream(tmp) << port << "\n";
    if (std::rename(tmp.c_str(), config_.metrics_port_file.c_str()) != 0) {
      return absl::FailedPreconditionError(absl::StrCat(
          "cannot write --metrics-port-file ", config_.metrics_port_file));
    }
  }
  return absl::OkStatus();
}

std::vector<
    std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>>
Observability::Interceptors() {
  std::vector<
      std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>>
      factories;
  factories.push_back(std::make_unique<RpcObserverFactory>(rpc_metrics_.get()));
  return factories;
}

}  // namespace newsindex
