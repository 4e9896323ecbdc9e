// Transport security and access control of a service, from its flags:
// --tls-cert, --tls-key, --tls-client-ca, --auth-tokens, --insecure (with
// the environment NEWSINDEX_TLS_CERT, NEWSINDEX_TLS_KEY,
// NEWSINDEX_TLS_CLIENT_CA, NEWSINDEX_AUTH_TOKENS, NEWSINDEX_INSECURE=1 as
// fallback, for containers). docs/security.md explains the model.
#ifndef NEWSINDEX_SERVER_SECURITY_H_
#define NEWSINDEX_SERVER_SECURITY_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/auth.h"

namespace newsindex {

struct SecurityConfig {
  std::string tls_cert;       // PEM server certificate chain
  std::string tls_key;        // PEM private key
  std::string tls_client_ca;  // PEM CA bundle: require and verify client certs
  std::string auth_tokens;    // token file (server/auth.h)
  bool insecure = false;      // allow a non-loopback address without them
  std::string health_listen;  // plaintext health-only address, if any

  bool tls() const { return !tls_cert.empty(); }
};

// Reads the flags after absl::ParseCommandLine. INVALID_ARGUMENT naming the
// flag when they do not fit together (a key without a certificate, a
// client CA without TLS).
absl::StatusOr<SecurityConfig> ReadSecurityFlags();

// True when `listen` ("host:port") binds only a loopback interface:
// 127.0.0.0/8, [::1], localhost. 0.0.0.0, [::] and host names are not.
bool IsLoopbackListenAddress(absl::string_view listen);

// FAILED_PRECONDITION unless `listen` is loopback, or the service has TLS
// and access control (tokens or client certificates), or --insecure.
absl::Status CheckExposure(absl::string_view listen,
                           const SecurityConfig& config);

// CheckExposure for every listener of a service: --listen, and
// --metrics-listen when not empty (plain HTTP without access control: off
// loopback only with --insecure, or when the gRPC port has TLS and access
// control, i.e. the exposure is deliberate). The message names the flag.
// --health-listen is the one plaintext exception: it serves only
// grpc.health.v1 (docs/security.md).
absl::Status CheckListeners(absl::string_view listen,
                            absl::string_view metrics_listen,
                            const SecurityConfig& config);

// TLS (mutual when tls_client_ca is set) server credentials, or insecure
// ones without TLS. Fails when a PEM file cannot be read.
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerCredentialsFor(
    const SecurityConfig& config);

// The token authorizer for --auth-tokens, or null when none is configured.
absl::StatusOr<std::unique_ptr<TokenAuthorizer>> AuthorizerFor(
    const SecurityConfig& config);

// Reads a whole file (PEM, token file); NOT_FOUND naming `flag`.
absl::StatusOr<std::string> ReadFileForFlag(absl::string_view flag,
                                            const std::string& path);

}  // namespace newsindex

#endif  // NEWSINDEX_SERVER_SECURITY_H_
