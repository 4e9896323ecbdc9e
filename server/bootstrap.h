// How a service starts, shared by ingest-service and search-service: the
// command line (signals blocked, flag names rewritten, --help and
// --version answered), then the flags every service has (service_flags.h,
// observability.h, security.h) read and checked once, the credentials, the
// authorizer and its SIGHUP reloader, and the ServerSpec fields they fill.
// A main adds what is its own: its flags, its core objects, its services.

#ifndef NEWSINDEX_SERVER_BOOTSTRAP_H_
#define NEWSINDEX_SERVER_BOOTSTRAP_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/auth.h"
#include "server/observability.h"
#include "server/security.h"
#include "server/server_runner.h"
#include "server/service_flags.h"

namespace newsindex {

// A group of flags for --help, in the order they are listed.
struct FlagGroup {
  std::string title;
  std::vector<std::string> flags;  // canonical names ("max_streams")
};

// What tells one service from the other at start-up.
struct ServiceInfo {
  std::string name;         // "ingest-service"
  std::string description;  // one sentence, for --help
  std::string default_listen;
  absl::Duration default_drain;
  // The service's own flags for --help, after the shared groups.
  std::vector<FlagGroup> own_flags;
};

// The flag groups every service has, as the README's flag table lists them.
std::vector<FlagGroup> SharedFlagGroups();

// Reads the command line: blocks the shutdown and reload signals (before
// any thread starts), rewrites flag names (flag_names.h), and parses the
// flags. --help (and -h, --helpshort) prints `info`'s groups, each flag
// with its default and help text, and exits 0 (--helpfull is Abseil's
// list of every flag linked in); --version prints
// the version, commit and build type (build_info.h) and exits 0. Returns
// when the service should start.
void ParseServiceCommandLine(const ServiceInfo& info, int argc, char** argv);

// The --help text: usage, then every group of SharedFlagGroups() and
// `info.own_flags`. A flag not linked into the binary is left out.
std::string ServiceHelp(const ServiceInfo& info);

// What the shared flags give a running service. Not movable: the reloader
// holds the authorizer.
struct ServiceBootstrap {
  ServiceConfig config;
  ObservabilityConfig observe;
  SecurityConfig security;
  std::shared_ptr<grpc::ServerCredentials> credentials;
  std::unique_ptr<TokenAuthorizer> authorizer;  // null: no --auth-tokens
  std::unique_ptr<ReloadOnSighup> reloader;     // null without authorizer
};

// Reads and checks the shared flags in the order a service reports them:
// service flags, observability, security, exposure of --listen, then
// `check_own_flags` (the service's own flags), then credentials and the
// authorizer. The first error, INVALID_ARGUMENT (or the file's error)
// naming the flag: the main prints it and exits 2.
absl::StatusOr<std::unique_ptr<ServiceBootstrap>> Bootstrap(
    const ServiceInfo& info, absl::FunctionRef<absl::Status()> check_own_flags);

// A ServerSpec with what the bootstrap knows: name, addresses,
// credentials, port file, drain timeout and `observability`'s interceptors
// (which must outlive the server).
ServerSpec BaseServerSpec(const ServiceInfo& info,
                          const ServiceBootstrap& bootstrap,
                          Observability* observability);

// Runs `spec` (RunServer) and returns the process's exit code: 0, or 1
// after logging the error.
int RunServerToExit(const ServerSpec& spec);

}  // namespace newsindex

#endif  // NEWSINDEX_SERVER_BOOTSTRAP_H_
