#include "cli/client.h"

#include <google/protobuf/util/json_util.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "api/request_id.h"
#include "cli/flags.h"
#include "cli/render.h"
#include "grpc/health/v1/health.grpc.pb.h"

namespace newsindex::cli {
namespace {

std::string Address(const absl::Flag<std::string>& flag, const char* env,
                    const char* fallback) {
  std::string value = absl::GetFlag(flag);
  if (!value.empty()) return value;
  const char* from_env = std::getenv(env);
  return from_env != nullptr && *from_env != '\0' ? from_env : fallback;
}

// The service the last stub was made for, to name in connection errors.
struct Target {
  const char* name = "";          // "search-service"
  const char* flag = "";          // "--search-addr"
  const char* env = "";           // "NEWSINDEX_SEARCH_ADDR"
  const char* fallback = "";      // the default address
  const char* grpc_service = "";  // "newsindex.v1.SearchService"
  std::string address;
};

Target& LastTarget() {
  static Target* target = new Target();
  return *target;
}

const Target kIngestTarget = {"ingest-service",
                              "--ingest-addr",
                              "NEWSINDEX_INGEST_ADDR",
                              "127.0.0.1:50051",
                              "newsindex.v1.IngestService",
                              ""};
const Target kSearchTarget = {"search-service",
                              "--search-addr",
                              "NEWSINDEX_SEARCH_ADDR",
                              "127.0.0.1:50052",
                              "newsindex.v1.SearchService",
                              ""};

// The serving status of `service` in the grpc.health.v1 service at
// `address` (a short call of its own), or nullopt when it cannot be asked.
std::optional<bool> Serves(const std::string& address, const char* service) {
  auto stub = grpc::health::v1::Health::NewStub(Connect(address));
  grpc::health::v1::HealthCheckRequest request;
  request.set_service(service);
  grpc::health::v1::HealthCheckResponse response;
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(2));
  const grpc::Status status = stub->Check(&context, request, &response);
  if (status.error_code() == grpc::StatusCode::NOT_FOUND) return false;
  if (!status.ok()) return std::nullopt;
  return response.status() == grpc::health::v1::HealthCheckResponse::SERVING;
}

// What to do about a call that failed with `status` at `target`: empty
// when the status says nothing about the address.
std::string AddressHint(const Target& target, const grpc::Status& status) {
  if (*target.name == '\0') return "";
  const std::string where =
      absl::StrCat("; ", target.name, "'s address comes from ", target.flag,
                   " or ", target.env, " (default ", target.fallback, ")");
  if (status.error_code() == grpc::StatusCode::UNAVAILABLE) {
    return absl::StrCat("\nnewsctl: cannot reach ", target.name, " at ",
                        target.address, " (is it running there?)", where);
  }
  if (status.error_code() != grpc::StatusCode::UNIMPLEMENTED ||
      Serves(target.address, target.grpc_service).value_or(true)) {
    return "";
  }
  const Target& other =
      target.name == kIngestTarget.name ? kSearchTarget : kIngestTarget;
  std::string hint = absl::StrCat("\nnewsctl: ", target.address,
                                  " answers but is not a ", target.name);
  if (Serves(target.address, other.grpc_service).value_or(false)) {
    absl::StrAppend(&hint, " (it is ", other.name, ", whose address goes in ",
                    other.flag, ")");
  }
  return absl::StrCat(hint, where);
}

// The request id of the call prepared last. newsctl runs one command, and
// its calls one after another, so this names the call an error is about.
std::string& LastRequestId() {
  static std::string* id = new std::string();
  return *id;
}

std::string FlagOrEnv(const absl::Flag<std::string>& flag, const char* env) {
  return Address(flag, env, "");
}

// The contents of the PEM file `path` names; exits on failure.
std::string ReadPem(const char* flag, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "newsctl: " << flag << ": cannot read " << path << "\n";
    std::exit(kExitUsage);
  }
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::shared_ptr<grpc::ChannelCredentials> ChannelCredentials() {
  const std::string ca = FlagOrEnv(FLAGS_tls_ca, "NEWSINDEX_TLS_CA");
  const std::string cert = FlagOrEnv(FLAGS_tls_cert, "NEWSINDEX_CLIENT_CERT");
  const std::string key = FlagOrEnv(FLAGS_tls_key, "NEWSINDEX_CLIENT_KEY");
  if (ca.empty() && cert.empty()) return grpc::InsecureChannelCredentials();
  if (cert.empty() != key.empty()) {
    std::cerr << "newsctl: --tls-cert and --tls-key: give both or neither\n";
    std::exit(kExitUsage);
  }
  grpc::SslCredentialsOptions options;
  // Without --tls-ca, gRPC's default roots (the system's) are trusted.
  if (!ca.empty()) options.pem_root_certs = ReadPem("--tls-ca", ca);
  if (!cert.empty()) {
    options.pem_cert_chain = ReadPem("--tls-cert", cert);
    options.pem_private_key = ReadPem("--tls-key", key);
  }
  return grpc::SslCredentials(options);
}

}  // namespace

std::string IngestAddress() {
  return Address(FLAGS_ingest_addr, "NEWSINDEX_INGEST_ADDR", "127.0.0.1:50051");
}

std::string SearchAddress() {
  return Address(FLAGS_search_addr, "NEWSINDEX_SEARCH_ADDR", "127.0.0.1:50052");
}

std::shared_ptr<grpc::Channel> Connect(const std::string& address) {
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(64 * 1024 * 1024);
  args.SetMaxSendMessageSize(64 * 1024 * 1024);
  const std::string server_name = absl::GetFlag(FLAGS_tls_server_name);
  if (!server_name.empty()) args.SetSslTargetNameOverride(server_name);
  return grpc::CreateCustomChannel(address, ChannelCredentials(), args);
}

std::unique_ptr<v1::IngestService::Stub> IngestStub() {
  LastTarget() = kIngestTarget;
  LastTarget().address = IngestAddress();
  return v1::IngestService::NewStub(Connect(LastTarget().address));
}

std::unique_ptr<v1::SearchService::Stub> SearchStub() {
  LastTarget() = kSearchTarget;
  LastTarget().address = SearchAddress();
  return v1::SearchService::NewStub(Connect(LastTarget().address));
}

std::string ConnectionHint(bool ingest, const std::string& address,
                           const grpc::Status& status) {
  Target target = ingest ? kIngestTarget : kSearchTarget;
  target.address = address;
  return AddressHint(target, status);
}

void SetDeadline(grpc::ClientContext* context) {
  context->set_deadline(std::chrono::system_clock::now() +
                        std::chrono::milliseconds(static_cast<int64_t>(
                            absl::GetFlag(FLAGS_timeout) * 1000)));
  const std::string token = FlagOrEnv(FLAGS_token, "NEWSINDEX_TOKEN");
  if (!token.empty()) {
    context->AddMetadata("authorization", absl::StrCat("Bearer ", token));
  }
  // newsctl makes the id, so it can name it even when the call fails before
  // the service answers; the services keep a caller's id.
  LastRequestId() = NewRequestId();
  context->AddMetadata(kRequestIdKey, LastRequestId());
  if (absl::GetFlag(FLAGS_verbose)) {
    std::cerr << "newsctl: request id " << LastRequestId() << "\n";
  }
}

int Fail(absl::string_view what, const grpc::Status& status) {
  const std::string code = absl::StatusCodeToString(
      static_cast<absl::StatusCode>(status.error_code()));
  std::cerr << "newsctl: " << what << ": ";
  if (status.error_message().empty()) {
    std::cerr << code;
  } else {
    std::cerr << status.error_message() << " (" << code << ")";
  }
  const std::string hint = AddressHint(LastTarget(), status);
  if (status.error_code() == grpc::StatusCode::UNIMPLEMENTED && hint.empty()) {
    std::cerr << "; the service at this address does not implement it, or "
                 "could not parse the request (docs/security.md)";
  }
  if (!LastRequestId().empty()) {
    std::cerr << " [request id " << LastRequestId() << "]";
  }
  std::cerr << hint << "\n";
  return kExitFailure;
}

int UsageError(absl::string_view message) {
  std::cerr << "newsctl: " << message << "\n";
  return kExitUsage;
}

bool JsonOutput() { return absl::GetFlag(FLAGS_json); }

void PrintJson(const google::protobuf::Message& message) {
  std::string out;
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = false;
  (void)google::protobuf::util::MessageToJsonString(message, &out, options);
  std::cout << out;
  if (out.empty() || out.back() != '\n') std::cout << "\n";
}

Terminal StdoutTerminal() {
  Terminal terminal;
  terminal.tty = isatty(STDOUT_FILENO) != 0;
  terminal.color = UseColor(terminal.tty, std::getenv("NO_COLOR"));
  if (terminal.tty) {
    winsize size{};
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
      terminal.width = size.ws_col;
    } else {
      terminal.width = 80;
    }
  }
  return terminal;
}

std::string JoinArgs(const std::vector<std::string>& args) {
  return absl::StrJoin(args, " ");
}

}  // namespace newsindex::cli
