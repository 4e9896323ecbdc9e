#include "server/service_help.h"

#include <cstdlib>
#include <iostream>
#include <optional>

#include "absl/flags/commandlineflag.h"
#include "absl/flags/reflection.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "core/base/flag_names.h"
#include "server/build_info.h"

namespace newsindex {
namespace {

enum class Request { kRun, kHelp, kVersion };

Request FindRequest(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (absl::string_view(argv[i]) == "--") break;
    std::optional<FlagArgument> flag = ParseFlagArgument(argv[i]);
    if (!flag.has_value()) continue;
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
        "entity_table", "ner_model", "salience_model", "iso_codes_file",
        "iso_subdivisions_file", "cldr_file", "wordnet_dir"}},
  };
}

std::string ServiceHelp(const std::string& service,
                        const std::string& description,
                        const std::vector<FlagGroup>& own_groups) {
  std::string out = absl::StrCat(
      service, ": ", description, "\n\nUsage: ", service,
      " [--flag=value ...]\n"
      "Flag names take '-' or '_' alike; most also read an environment "
      "variable (README).\n"
      "  --help     this text (--helpfull: every flag linked in)\n"
      "  --version  version, commit and build type\n");
  std::vector<FlagGroup> groups = SharedFlagGroups();
  groups.insert(groups.end(), own_groups.begin(), own_groups.end());
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

void AnswerHelpOrVersion(int argc, char** argv, const std::string& service,
                         const std::string& description,
                         const std::vector<FlagGroup>& own_groups) {
  switch (FindRequest(argc, argv)) {
    case Request::kHelp:
      std::cout << ServiceHelp(service, description, own_groups);
      std::exit(0);
    case Request::kVersion:
      std::cout << VersionLine(service) << "\n";
      std::exit(0);
    case Request::kRun:
      return;
  }
}

}  // namespace newsindex
