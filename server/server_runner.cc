#include "server/server_runner.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/resource_quota.h>
#include <signal.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
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

// The server-wide memory bounds of `spec` on `builder`.
void LimitMemory(const ServerSpec& spec, grpc::ServerBuilder& builder) {
  if (spec.max_concurrent_streams > 0) {
    builder.AddChannelArgument(GRPC_ARG_MAX_CONCURRENT_STREAMS,
                               spec.max_concurrent_streams);
  }
  if (spec.grpc_memory_bytes > 0) {
    grpc::ResourceQuota quota(spec.name);
    quota.Resize(static_cast<size_t>(spec.grpc_memory_bytes));
    builder.SetResourceQuota(quota);
  }
}

// Leaves the process when `done` is not notified by `leave_by`: a worker
// stuck in one call (a Xapian match that does not look at its deadline)
// must not keep the process alive past its drain timeout. Acknowledged
// writes are committed before their ack, so leaving loses none.
std::thread LeaveAfter(absl::Time leave_by, const absl::Notification* done,
                       std::string name) {
  return std::thread([leave_by, done, name = std::move(name)] {
    if (done->WaitForNotificationWithDeadline(leave_by)) return;
    Log(LogLevel::kError, name,
        " still busy after the drain timeout; leaving now");
    std::_Exit(1);
  });
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
  LimitMemory(spec, builder);
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

  absl::Notification stopped;
  std::thread watchdog = LeaveAfter(
      absl::Now() + spec.drain_timeout + kExitGrace, &stopped, spec.name);
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
  stopped.Notify();
  watchdog.join();
  Log(LogLevel::kInfo, spec.name, " stopped: ", status.ToString());
  return status;
}

}  // namespace newsindex
