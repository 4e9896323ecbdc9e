#include "server/server_runner.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <signal.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "server/logging.h"

namespace newsindex {
namespace {

sigset_t ShutdownSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  return set;
}

// The plaintext health-only server of spec.health_listen_address, SERVING
// for the server and each of spec.service_names.
absl::StatusOr<std::unique_ptr<grpc::Server>> StartHealthServer(
    const ServerSpec& spec) {
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(spec.health_listen_address,
                           grpc::InsecureServerCredentials(), &port);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) {
    return absl::UnavailableError(absl::StrCat(
        "cannot listen on --health-listen ", spec.health_listen_address));
  }
  grpc::HealthCheckServiceInterface* health = server->GetHealthCheckService();
  health->SetServingStatus(true);
  for (const std::string& name : spec.service_names) {
    health->SetServingStatus(name, true);
  }
  Log(LogLevel::kInfo, spec.name, " health on ", spec.health_listen_address,
      " (port ", port, ", plaintext)");
  return server;
}

}  // namespace

void BlockShutdownSignals() {
  sigset_t set = ShutdownSignals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

std::string EnvOr(const char* name, std::string fallback) {
  const char* value = std::getenv(name);
  return value == nullptr || *value == '\0' ? fallback : std::string(value);
}

absl::Status RunServer(const ServerSpec& spec) {
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(spec.listen_address,
                           spec.credentials != nullptr
                               ? spec.credentials
                               : grpc::InsecureServerCredentials(),
                           &port);
  builder.SetMaxReceiveMessageSize(spec.max_receive_message_bytes);
  for (grpc::Service* service : spec.services) builder.RegisterService(service);
  if (spec.interceptors) {
    builder.experimental().SetInterceptorCreators(spec.interceptors());
  }
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", spec.listen_address,
                     " (address in use or invalid?)"));
  }
  grpc::HealthCheckServiceInterface* health = server->GetHealthCheckService();
  health->SetServingStatus(true);
  for (const std::string& name : spec.service_names) {
    health->SetServingStatus(name, true);
  }
  std::unique_ptr<grpc::Server> health_server;
  if (!spec.health_listen_address.empty()) {
    absl::StatusOr<std::unique_ptr<grpc::Server>> started =
        StartHealthServer(spec);
    if (!started.ok()) {
      server->Shutdown();
      return started.status();
    }
    health_server = *std::move(started);
  }
  Log(LogLevel::kInfo, spec.name, " listening on ", spec.listen_address,
      " (port ", port, ")");
  if (!spec.port_file.empty()) {
    // Written whole and renamed, so a reader never sees a partial number.
    const std::string tmp = spec.port_file + ".tmp";
    std::ofstream(tmp) << port << "\n";
    if (std::rename(tmp.c_str(), spec.port_file.c_str()) != 0) {
      server->Shutdown();
      return absl::FailedPreconditionError(
          absl::StrCat("cannot write --port-file ", spec.port_file));
    }
  }

  sigset_t set = ShutdownSignals();
  int signal_number = 0;
  sigwait(&set, &signal_number);
  Log(LogLevel::kInfo, spec.name, " received ",
      signal_number == SIGTERM ? "SIGTERM" : "SIGINT",
      "; NOT_SERVING, draining in-flight calls");

  // Health first, so load balancers stop sending before we stop accepting.
  health->Shutdown();
  if (health_server != nullptr) {
    health_server->GetHealthCheckService()->Shutdown();
    health_server->Shutdown();
  }
  const auto deadline =
      std::chrono::system_clock::now() +
      std::chrono::milliseconds(absl::ToInt64Milliseconds(spec.drain_timeout));
  server->Shutdown(deadline);
  server->Wait();
  absl::Status status = absl::OkStatus();
  if (spec.after_drain) status = spec.after_drain();
  Log(LogLevel::kInfo, spec.name, " stopped: ", status.ToString());
  return status;
}

}  // namespace newsindex
