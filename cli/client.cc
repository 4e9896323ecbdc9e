#include "cli/client.h"

#include <google/protobuf/util/json_util.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "api/request_id.h"
#include "cli/flags.h"
#include "cli/render.h"

namespace newsindex::cli {
namespace {

std::string Address(const absl::Flag<std::string>& flag, const char* env,
                    const char* fallback) {
  std::string value = absl::GetFlag(flag);
  if (!value.empty()) return value;
  const char* from_env = std::getenv(env);
  return from_env != nullptr && *from_env != '\0' ? from_env : fallback;
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
  return v1::IngestService::NewStub(Connect(IngestAddress()));
}

std::unique_ptr<v1::SearchService::Stub> SearchStub() {
  return v1::SearchService::NewStub(Connect(SearchAddress()));
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
  if (status.error_code() == grpc::StatusCode::UNIMPLEMENTED) {
    std::cerr << "; the service at this address does not implement it, or "
                 "could not parse the request (docs/security.md)";
  }
  if (!LastRequestId().empty()) {
    std::cerr << " [request id " << LastRequestId() << "]";
  }
  std::cerr << "\n";
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
