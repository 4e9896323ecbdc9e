// search-service: read-only queries over a newsindex database.
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "absl/flags/flag.h"
#include "core/search/entity_catalog.h"
#include "core/search/searcher_pool.h"
#include "search-service/search_service_impl.h"
#include "server/bootstrap.h"
#include "server/knowledge_flags.h"
#include "server/logging.h"
#include "server/observability.h"

ABSL_FLAG(int64_t, max_reply_bytes, newsindex::kDefaultMaxReplyBytes,
          "Bytes of replies finished and not yet read by their clients, all "
          "calls together; while they reach it, new calls get "
          "RESOURCE_EXHAUSTED");

namespace newsindex {
namespace {

ServiceInfo SearchServiceInfo() {
  ServiceInfo info;
  info.name = "search-service";
  info.description =
      "The newsindex search service: read-only queries over the database "
      "that ingest-service writes.";
  info.default_listen = "127.0.0.1:50052";
  info.default_drain = absl::Seconds(10);
  info.own_flags = {{"Search limits", {"max_reply_bytes"}}};
  return info;
}

// Entity knowledge flags: see server/knowledge_flags.h.
int Main(int argc, char** argv) {
  const ServiceInfo info = SearchServiceInfo();
  ParseServiceCommandLine(info, argc, argv);
  absl::StatusOr<std::unique_ptr<ServiceBootstrap>> bootstrap =
      Bootstrap(info, [] {
        return absl::GetFlag(FLAGS_max_reply_bytes) > 0
                   ? absl::OkStatus()
                   : absl::InvalidArgumentError(
                         "--max-reply-bytes must be positive");
      });
  if (!bootstrap.ok()) {
    std::cerr << info.name << ": " << bootstrap.status().message() << "\n";
    return 2;
  }
  const ServiceConfig* config = &(*bootstrap)->config;
  Observability observability((*bootstrap)->observe, info.name);
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
  ByteBudget replies(absl::GetFlag(FLAGS_max_reply_bytes));
  SearchServiceImpl service(pool.get(), metrics ? &*metrics : nullptr,
                            (*bootstrap)->authorizer.get(), &replies);
  if (absl::Status s = observability.Serve({"newsindex.v1.SearchService"});
      !s.ok()) {
    Log(LogLevel::kError, s.ToString());
    return 1;
  }

  ServerSpec spec = BaseServerSpec(info, **bootstrap, &observability);
  spec.services = {&service};
  spec.service_names = {"newsindex.v1.SearchService"};
  spec.after_drain = [&]() -> absl::Status {
    pool.reset();
    return absl::OkStatus();
  };
  Log(LogLevel::kInfo, "serving database ", db, " with ", workers,
      " query threads");
  return RunServerToExit(spec);
}

}  // namespace
}  // namespace newsindex

int main(int argc, char** argv) { return newsindex::Main(argc, argv); }
