// search-service: read-only queries over a newsindex database.
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "core/base/flag_names.h"
#include "core/entities/knowledge_flags.h"
#include "core/search/entity_catalog.h"
#include "core/search/searcher_pool.h"
#include "search-service/search_service_impl.h"
#include "server/logging.h"
#include "server/observability.h"
#include "server/security.h"
#include "server/server_runner.h"
#include "server/service_flags.h"
#include "server/service_help.h"

ABSL_FLAG(int64_t, max_reply_bytes, newsindex::kDefaultMaxReplyBytes,
          "Bytes of replies finished and not yet read by their clients, all "
          "calls together; while they reach it, new calls get "
          "RESOURCE_EXHAUSTED");

namespace newsindex {
namespace {

// Entity knowledge flags: see core/entities/knowledge_flags.h.
int Main(int argc, char** argv) {
  absl::StatusOr<ServiceConfig> config =
      ReadServiceFlags("127.0.0.1:50052", absl::Seconds(10));
  absl::StatusOr<ObservabilityConfig> observe =
      config.ok() ? ReadObservabilityFlags() : config.status();
  if (!observe.ok()) {
    std::cerr << "search-service: " << observe.status().message() << "\n";
    return 2;
  }
  absl::StatusOr<SecurityConfig> security = ReadSecurityFlags();
  absl::Status exposure =
      security.ok()
          ? CheckListeners(config->listen, observe->metrics_listen, *security)
          : security.status();
  absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> credentials =
      exposure.ok() ? ServerCredentialsFor(*security) : exposure;
  absl::StatusOr<std::unique_ptr<TokenAuthorizer>> authorizer =
      credentials.ok() ? AuthorizerFor(*security) : credentials.status();
  if (!authorizer.ok()) {
    std::cerr << "search-service: " << authorizer.status().message() << "\n";
    return 2;
  }
  std::optional<ReloadOnSighup> reloader;
  if (*authorizer != nullptr) reloader.emplace(authorizer->get());
  Observability observability(*observe, "search-service");
  const std::string& db = config->db;
  absl::StatusOr<std::unique_ptr<Gazetteer>> gazetteer =
      LoadKnowledge(KnowledgePathsFromFlags(argc, argv));
  if (!gazetteer.ok()) {
    Log(LogLevel::kError,
        "cannot load entity knowledge: ", gazetteer.status().ToString());
    return 1;
  }
  const int workers = config->workers;
  // Names and ids in entity: queries resolve through the knowledge base and
  // the catalog the writer keeps in the index.
  if (absl::Status s = CheckLayoutForReading(config->layout); !s.ok()) {
    Log(LogLevel::kError, "cannot serve ", db, ": ", s.ToString());
    return 1;
  }
  EntityCatalog catalog(config->layout, gazetteer->get());
  const EntityResolver* resolver = &catalog;
  std::optional<SearchMetrics> metrics;
  if (observability.registry() != nullptr) {
    metrics.emplace(observability.registry(), config->layout);
  }
  const SearcherCounters counters =
      metrics ? metrics->searcher_counters() : SearcherCounters{};
  auto pool = std::make_unique<SearcherPool>(workers, [&] {
    return std::make_unique<Searcher>(config->layout, resolver, counters);
  });
  const int64_t max_reply_bytes = absl::GetFlag(FLAGS_max_reply_bytes);
  if (max_reply_bytes <= 0) {
    std::cerr << "search-service: --max-reply-bytes must be positive\n";
    return 2;
  }
  ByteBudget replies(max_reply_bytes);
  SearchServiceImpl service(pool.get(), metrics ? &*metrics : nullptr,
                            authorizer->get(), &replies);
  service.EnableWatch(config->layout);
  if (absl::Status s = observability.Serve({"newsindex.v1.SearchService"});
      !s.ok()) {
    Log(LogLevel::kError, s.ToString());
    return 1;
  }

  ServerSpec spec;
  spec.name = "search-service";
  spec.credentials = *credentials;
  spec.health_listen_address = security->health_listen;
  spec.services = {&service};
  spec.service_names = {"newsindex.v1.SearchService"};
  ConfigureServer(*config, &spec);
  spec.interceptors = [&] { return observability.Interceptors(); };
  spec.after_drain = [&]() -> absl::Status {
    service.StopWatch();
    pool.reset();
    return absl::OkStatus();
  };
  Log(LogLevel::kInfo, "serving database ", db, " with ", workers,
      " query threads");
  absl::Status status = RunServer(spec);
  if (!status.ok()) {
    Log(LogLevel::kError, status.ToString());
    return 1;
  }
  return 0;
}

}  // namespace
}  // namespace newsindex

int main(int argc, char** argv) {
  newsindex::BlockShutdownSignals();
  newsindex::BlockReloadSignal();
  const char* const description =
      "The newsindex search service: read-only queries over the database "
      "that ingest-service writes.";
  newsindex::AnswerHelpOrVersion(argc, argv, "search-service", description,
                                 {{"Search limits", {"max_reply_bytes"}}});
  absl::SetProgramUsageMessage(description);
  std::vector<char*> args;
  std::vector<std::string> storage =
      newsindex::UnderscoreFlagNames(argc, argv, &args);
  absl::ParseCommandLine(static_cast<int>(storage.size()), args.data());
  return newsindex::Main(argc, argv);
}
