// What every newsctl command shares: exit codes, addresses, channels and
// deadlines, error reporting, JSON output and the terminal's properties.
#ifndef NEWSINDEX_CLI_CLIENT_H_
#define NEWSINDEX_CLI_CLIENT_H_

#include <google/protobuf/message.h>
#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "newsindex/v1/ingest_service.grpc.pb.h"
#include "newsindex/v1/search_service.grpc.pb.h"

namespace newsindex::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

// --ingest-addr, else NEWSINDEX_INGEST_ADDR, else 127.0.0.1:50051.
std::string IngestAddress();
// --search-addr, else NEWSINDEX_SEARCH_ADDR, else 127.0.0.1:50052.
std::string SearchAddress();

// A channel with 64 MiB message limits: TLS when --tls-ca or --tls-cert
// (or their environment variables) is given, else insecure. Exits with
// kExitUsage when a PEM file cannot be read.
std::shared_ptr<grpc::Channel> Connect(const std::string& address);
std::unique_ptr<v1::IngestService::Stub> IngestStub();
std::unique_ptr<v1::SearchService::Stub> SearchStub();

// What to do about a call to ingest-service (`ingest`) or search-service at
// `address` that failed with `status`: for UNAVAILABLE, the address and
// the flag and environment variable that set it; for UNIMPLEMENTED, whether
// the address answers as the other service. Empty when there is nothing to
// add. Each line starts with "\nnewsctl: ".
std::string ConnectionHint(bool ingest, const std::string& address,
                           const grpc::Status& status);

// Sets the --timeout deadline on `context`, the bearer token (--token,
// NEWSINDEX_TOKEN) when there is one, and a new x-request-id that the
// services log and return; with --verbose prints it to stderr.
void SetDeadline(grpc::ClientContext* context);

// Prints "newsctl: WHAT: MESSAGE (CODE_NAME) [request id ID]" to stderr,
// then the ConnectionHint for the service the last stub was made for, and
// returns kExitFailure. The code name (e.g. UNIMPLEMENTED, NOT_FOUND) is
// always printed, since some statuses carry no message; the request id is
// that of the last call SetDeadline prepared.
int Fail(absl::string_view what, const grpc::Status& status);

// Prints "newsctl: MESSAGE" to stderr and returns kExitUsage.
int UsageError(absl::string_view message);

// True when --json was given.
bool JsonOutput();

// Prints `message` in protobuf's canonical JSON mapping (lowerCamelCase
// names, indented), followed by a newline.
void PrintJson(const google::protobuf::Message& message);

struct Terminal {
  bool tty = false;
  // Colour allowed (UseColor of render.h).
  bool color = false;
  // Columns of the terminal; 0 when stdout is not one.
  int width = 0;
};

// The properties of stdout, and the NO_COLOR environment variable.
Terminal StdoutTerminal();

// The positional arguments joined with single spaces.
std::string JoinArgs(const std::vector<std::string>& args);

}  // namespace newsindex::cli

#endif  // NEWSINDEX_CLI_CLIENT_H_
