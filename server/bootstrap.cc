#include "server/bootstrap.h"

#include <cstdlib>
#include <iostream>
#include <optional>
#include <utility>

#include "absl/flags/commandlineflag.h"
#include "absl/flags/parse.h"
#include "absl/flags/reflection.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "server/build_info.h"
#include "server/flag_names.h"
#include "server/logging.h"

namespace newsindex {
namespace {

// What the command line asks before the service starts, if anything.
enum class Request { kRun, kHelp, kVersion };

Request FindRequest(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (absl::string_view(argv[i]) == "--") break;
    std::optional<FlagArgument> flag = ParseFlagArgument(argv[i]);
    if (!flag.has_value()) continue;
    // --helpfull stays Abseil's: every flag linked in, internals too.
    if (flag->name == "help" || flag->name == "helpshort" ||
        flag->name == "h") {
      return Request::kHelp;
    }
    if (flag->name == "version") return Request::kVersion;
  }
  return Request::kRun;
}

void AppendFlagHelp(const absl::CommandLineFlag& flag, std::string* out) {
  absl::StrAppend(out, "  --", absl::StrReplaceAll(flag.Name(), {{"_", "-"}}));
  const std::string default_value = flag.DefaultValue();
  if (!default_value.empty() && default_value != "\"\"") {
    absl::StrAppend(out, " (default: ", default_value, ")");
  }
  absl::StrAppend(out, "\n      ", flag.Help(), "\n");
}

}  // namespace

std::vector<FlagGroup> SharedFlagGroups() {
  return {
      {"Database and serving",
       {"db", "shard_count", "shards", "listen", "port_file", "workers",
        "drain_timeout_seconds", "max_concurrent_streams",
        "grpc_memory_bytes"}},
      {"Logging and metrics",
       {"log_level", "log_format", "metrics_listen", "metrics_port_file"}},
      {"Security",
       {"tls_cert", "tls_key", "tls_client_ca", "auth_tokens", "health_listen",
        "insecure"}},
      {"Entity knowledge",
       {"curated_entities", "cities", "gazetteer", "geonames_cities",
        "entity_table", "ner_model", "iso_codes_file", "iso_subdivisions_file",
        "cldr_file", "wordnet_dir"}},
  };
}

std::string ServiceHelp(const ServiceInfo& info) {
  std::string out = absl::StrCat(
      info.name, ": ", info.description, "\n\nUsage: ", info.name,
      " [--flag=value ...]\n"
      "Flag names take '-' or '_' alike; most "
      "also read an environment variable (README)."
      "\n  --help     this text (--helpfull: every flag linked in)\n"
      "  --version  version, commit and build type\n");
  std::vector<FlagGroup> groups = SharedFlagGroups();
  groups.insert(groups.end(), info.own_flags.begin(), info.own_flags.end());
  for (const FlagGroup& group : groups) {
    std::string lines;
    for (const std::string& name : group.flags) {
      if (const absl::CommandLineFlag* flag = absl::FindCommandLineFlag(name);
          flag != nullptr) {
        AppendFlagHelp(*flag, &lines);
      }
    }
    if (!lines.empty()) absl::StrAppend(&out, "\n", group.title, ":\n", lines);
  }
  return out;
}

void ParseServiceCommandLine(const ServiceInfo& info, int argc, char** argv) {
  BlockShutdownSignals();
  BlockReloadSignal();
  switch (FindRequest(argc, argv)) {
    case Request::kHelp:
      std::cout << ServiceHelp(info);
      std::exit(0);
    case Request::kVersion:
      std::cout << VersionLine(info.name) << "\n";
      std::exit(0);
    case Request::kRun:
      break;
  }
  absl::SetProgramUsageMessage(info.description);
  std::vector<char*> args;
  std::vector<std::string> storage = UnderscoreFlagNames(argc, argv, &args);
  absl::ParseCommandLine(static_cast<int>(storage.size()), args.data());
}

absl::StatusOr<std::unique_ptr<ServiceBootstrap>> Bootstrap(
    const ServiceInfo& info,
    absl::FunctionRef<absl::Status()> check_own_flags) {
  auto bootstrap = std::make_unique<ServiceBootstrap>();
  absl::StatusOr<ServiceConfig> config =
      ReadServiceFlags(info.default_listen, info.default_drain);
  if (!config.ok()) return config.status();
  bootstrap->config = *std::move(config);
  absl::StatusOr<ObservabilityConfig> observe = ReadObservabilityFlags();
  if (!observe.ok()) return observe.status();
  bootstrap->observe = *std::move(observe);
  absl::StatusOr<SecurityConfig> security = ReadSecurityFlags();
  if (!security.ok()) return security.status();
  bootstrap->security = *std::move(security);
  if (absl::Status s = CheckListeners(bootstrap->config.listen,
                                      bootstrap->observe.metrics_listen,
                                      bootstrap->security);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = check_own_flags(); !s.ok()) return s;
  absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> credentials =
      ServerCredentialsFor(bootstrap->security);
  if (!credentials.ok()) return credentials.status();
  bootstrap->credentials = *std::move(credentials);
  absl::StatusOr<std::unique_ptr<TokenAuthorizer>> authorizer =
      AuthorizerFor(bootstrap->security);
  if (!authorizer.ok()) return authorizer.status();
  bootstrap->authorizer = *std::move(authorizer);
  if (bootstrap->authorizer != nullptr) {
    bootstrap->reloader =
        std::make_unique<ReloadOnSighup>(bootstrap->authorizer.get());
  }
  return bootstrap;
}

ServerSpec BaseServerSpec(const ServiceInfo& info,
                          const ServiceBootstrap& bootstrap,
                          Observability* observability) {
  ServerSpec spec;
  spec.name = info.name;
  ConfigureServer(bootstrap.config, &spec);
  spec.credentials = bootstrap.credentials;
  spec.health_listen_address = bootstrap.security.health_listen;
  spec.interceptors = [observability] { return observability->Interceptors(); };
  return spec;
}

int RunServerToExit(const ServerSpec& spec) {
  if (absl::Status status = RunServer(spec); !status.ok()) {
    Log(LogLevel::kError, status.ToString());
    return 1;
  }
  return 0;
}

}  // namespace newsindex
