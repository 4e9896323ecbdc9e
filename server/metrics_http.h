// The HTTP listener of --metrics-listen: serves a MetricsRegistry's text
// exposition at GET /metrics (civetweb, Debian's libcivetweb; no
// hand-written HTTP). Other paths are 404.
#ifndef NEWSINDEX_SERVER_METRICS_HTTP_H_
#define NEWSINDEX_SERVER_METRICS_HTTP_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "core/base/metrics.h"

struct mg_context;
struct mg_connection;

namespace newsindex {

class MetricsHttpServer {
 public:
  // Listens on `address` ("host:port"; port 0 picks a free one) with two
  // threads. UNAVAILABLE when the address cannot be bound. `registry` is
  // not owned and must outlive the server.
  static absl::StatusOr<std::unique_ptr<MetricsHttpServer>> Start(
      const std::string& address, const MetricsRegistry* registry);

  MetricsHttpServer(const MetricsHttpServer&) = delete;
  MetricsHttpServer& operator=(const MetricsHttpServer&) = delete;
  // Stops listening and waits for requests being answered.
  ~MetricsHttpServer();

  // The port bound.
  int port() const { return port_; }

 private:
  explicit MetricsHttpServer(const MetricsRegistry* registry)
      : registry_(registry) {}
  static int HandleMetrics(mg_connection* conn, void* self);

  const MetricsRegistry* registry_;
  mg_context* context_ = nullptr;
  int port_ = 0;
};

}  // namespace newsindex

#endif  // NEWSINDEX_SERVER_METRICS_HTTP_H_
