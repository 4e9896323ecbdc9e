#include "server/metrics_http.h"

#include <civetweb.h>

#include <cstring>

#include "absl/strings/str_cat.h"
#include "server/logging.h"

namespace newsindex {
namespace {

// civetweb logs through this instead of writing to stderr itself.
int LogCivetweb(const mg_connection*, const char* message) {
  Log(LogLevel::kWarning, "metrics listener: ", message);
  return 1;
}

}  // namespace

absl::StatusOr<std::unique_ptr<MetricsHttpServer>> MetricsHttpServer::Start(
    const std::string& address, const MetricsRegistry* registry) {
  mg_init_library(0);  // reference-counted; cheap after the first call
  std::unique_ptr<MetricsHttpServer> server(new MetricsHttpServer(registry));
  mg_callbacks callbacks;
  std::memset(&callbacks, 0, sizeof(callbacks));
  callbacks.log_message = &LogCivetweb;
  const char* options[] = {
      "listening_ports",    address.c_str(), "num_threads", "2",
      "request_timeout_ms", "10000",         nullptr};
  server->context_ = mg_start(&callbacks, nullptr, options);
  if (server->context_ == nullptr) {
    return absl::UnavailableError(
        absl::StrCat("--metrics-listen: cannot listen on ", address,
                     " (address in use or invalid? expected host:port)"));
  }
  mg_set_request_handler(server->context_, "/metrics$",
                         &MetricsHttpServer::HandleMetrics, server.get());
  mg_server_port ports[4];
  const int n = mg_get_server_ports(server->context_, 4, ports);
  if (n > 0) server->port_ = ports[0].port;
  return server;
}

MetricsHttpServer::~MetricsHttpServer() {
  if (context_ != nullptr) mg_stop(context_);
}

int MetricsHttpServer::HandleMetrics(mg_connection* conn, void* self) {
  const mg_request_info* request = mg_get_request_info(conn);
  const bool head = std::strcmp(request->request_method, "HEAD") == 0;
  if (!head && std::strcmp(request->request_method, "GET") != 0) {
    mg_send_http_error(conn, 405, "only GET /metrics");
    return 405;
  }
  const std::string body =
      static_cast<MetricsHttpServer*>(self)->registry_->Render();
  mg_send_http_ok(conn, "text/plain; version=0.0.4; charset=utf-8",
                  static_cast<long long>(body.size()));
  if (!head) mg_write(conn, body.data(), body.size());
  return 200;
}

}  // namespace newsindex
