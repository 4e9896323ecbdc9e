#include "server/security.h"

#include <arpa/inet.h>

#include <fstream>
#include <sstream>

#include "absl/flags/flag.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "server/server_runner.h"

ABSL_FLAG(std::string, tls_cert, "",
          "PEM certificate chain: serve TLS (env NEWSINDEX_TLS_CERT)");
ABSL_FLAG(std::string, tls_key, "",
          "PEM private key of --tls-cert (env NEWSINDEX_TLS_KEY)");
ABSL_FLAG(std::string, tls_client_ca, "",
          "PEM CA bundle: require client certificates it signed (mutual "
          "TLS; env NEWSINDEX_TLS_CLIENT_CA)");
ABSL_FLAG(std::string, auth_tokens, "",
          "Token file: lines of SHA256-HEX NAME SCOPES [EXPIRES]; calls need "
          "\"authorization: Bearer TOKEN\"; SIGHUP rereads it (env "
          "NEWSINDEX_AUTH_TOKENS; docs/security.md)");
ABSL_FLAG(bool, insecure, false,
          "Allow a non-loopback --listen address without TLS and access "
          "control (env NEWSINDEX_INSECURE=1)");

ABSL_FLAG(std::string, health_listen, "",
          "Also serve grpc.health.v1 alone, in plaintext, on this address "
          "(for probes that cannot speak TLS; env NEWSINDEX_HEALTH_LISTEN)");

namespace newsindex {

absl::StatusOr<SecurityConfig> ReadSecurityFlags() {
  auto flag_or_env = [](const std::string& flag, const char* env) {
    return flag.empty() ? EnvOr(env, "") : flag;
  };
  SecurityConfig config;
  config.tls_cert =
      flag_or_env(absl::GetFlag(FLAGS_tls_cert), "NEWSINDEX_TLS_CERT");
  config.tls_key =
      flag_or_env(absl::GetFlag(FLAGS_tls_key), "NEWSINDEX_TLS_KEY");
  config.tls_client_ca = flag_or_env(absl::GetFlag(FLAGS_tls_client_ca),
                                     "NEWSINDEX_TLS_CLIENT_CA");
  config.auth_tokens =
      flag_or_env(absl::GetFlag(FLAGS_auth_tokens), "NEWSINDEX_AUTH_TOKENS");
  config.health_listen = flag_or_env(absl::GetFlag(FLAGS_health_listen),
                                     "NEWSINDEX_HEALTH_LISTEN");
  config.insecure =
      absl::GetFlag(FLAGS_insecure) || EnvOr("NEWSINDEX_INSECURE", "") == "1";
  if (config.tls_cert.empty() != config.tls_key.empty()) {
    return absl::InvalidArgumentError(
        "--tls-cert and --tls-key: give both or neither");
  }
  if (!config.tls_client_ca.empty() && !config.tls()) {
    return absl::InvalidArgumentError(
        "--tls-client-ca needs --tls-cert and --tls-key");
  }
  return config;
}

bool IsLoopbackListenAddress(absl::string_view listen) {
  absl::string_view host = listen;
  if (size_t colon = host.rfind(':'); colon != absl::string_view::npos) {
    host = host.substr(0, colon);
  }
  if (absl::ConsumePrefix(&host, "[")) absl::ConsumeSuffix(&host, "]");
  if (host == "localhost") return true;
  const std::string text(host);
  in_addr v4{};
  if (inet_pton(AF_INET, text.c_str(), &v4) == 1) {
    return (ntohl(v4.s_addr) >> 24) == 127;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, text.c_str(), &v6) == 1) {
    return IN6_IS_ADDR_LOOPBACK(&v6);
  }
  return false;
}

absl::Status CheckExposure(absl::string_view listen,
                           const SecurityConfig& config) {
  const bool access_control =
      !config.auth_tokens.empty() || !config.tls_client_ca.empty();
  if (IsLoopbackListenAddress(listen) || config.insecure ||
      (config.tls() && access_control)) {
    return absl::OkStatus();
  }
  return absl::FailedPreconditionError(absl::StrCat(
      "refusing to listen on ", listen,
      ", which is not a loopback address, without ",
      config.tls() ? "" : "TLS (--tls-cert, --tls-key) and ",
      "access control (--auth-tokens or --tls-client-ca); pass --insecure "
      "to accept that anyone who reaches the port may call every method"));
}

absl::Status CheckListeners(absl::string_view listen,
                            absl::string_view metrics_listen,
                            const SecurityConfig& config) {
  if (absl::Status s = CheckExposure(listen, config); !s.ok()) return s;
  if (metrics_listen.empty()) return absl::OkStatus();
  if (absl::Status s = CheckExposure(metrics_listen, config); !s.ok()) {
    return absl::FailedPreconditionError(
        absl::StrCat("--metrics-listen: ", s.message()));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> ReadFileForFlag(absl::string_view flag,
                                            const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::NotFoundError(absl::StrCat(flag, ": cannot read ", path));
  }
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerCredentialsFor(
    const SecurityConfig& config) {
  if (!config.tls()) return grpc::InsecureServerCredentials();
  absl::StatusOr<std::string> cert =
      ReadFileForFlag("--tls-cert", config.tls_cert);
  if (!cert.ok()) return cert.status();
  absl::StatusOr<std::string> key =
      ReadFileForFlag("--tls-key", config.tls_key);
  if (!key.ok()) return key.status();
  grpc::SslServerCredentialsOptions options;
  if (!config.tls_client_ca.empty()) {
    absl::StatusOr<std::string> ca =
        ReadFileForFlag("--tls-client-ca", config.tls_client_ca);
    if (!ca.ok()) return ca.status();
    options.pem_root_certs = *ca;
    options.client_certificate_request =
        GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY;
  }
  options.pem_key_cert_pairs.push_back({*key, *cert});
  return grpc::SslServerCredentials(options);
}

absl::StatusOr<std::unique_ptr<TokenAuthorizer>> AuthorizerFor(
    const SecurityConfig& config) {
  if (config.auth_tokens.empty()) return nullptr;
  return TokenAuthorizer::Load(config.auth_tokens);
}

}  // namespace newsindex
