// search-service: read-only queries over a newsindex database.
#include <iostream>
#include <memory>
#include <string>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "core/entities/knowledge_flags.h"
#include "core/entity_catalog.h"
#include "core/searcher_pool.h"
#include "search-service/search_service_impl.h"
#include "server/flag_names.h"
#include "server/logging.h"
#include "server/server_runner.h"

ABSL_FLAG(std::string, db, "",
          "Database directory (env NEWSINDEX_DB; default ./data/newsindex); "
          "it may not exist yet");
ABSL_FLAG(std::string, listen, "",
          "Address to listen on (env NEWSINDEX_LISTEN; default "
          "127.0.0.1:50052)");
ABSL_FLAG(std::string, port_file, "",
          "Write the bound port to this file once serving (useful with "
          "--listen 127.0.0.1:0)");
ABSL_FLAG(std::string, log_level, "",
          "debug, info, warning or error (env NEWSINDEX_LOG_LEVEL; default "
          "info)");
ABSL_FLAG(int, workers, 0, "Query threads (0: one per core)");
ABSL_FLAG(int, drain_timeout_seconds, 10,
          "On SIGTERM, how long in-flight calls may run before cancellation");

namespace newsindex {
namespace {

// Entity knowledge flags: see core/entities/knowledge_flags.h.
int Main(int argc, char** argv) {
  const std::string db = absl::GetFlag(FLAGS_db).empty()
                             ? EnvOr("NEWSINDEX_DB", "./data/newsindex")
                             : absl::GetFlag(FLAGS_db);
  const std::string listen =
      absl::GetFlag(FLAGS_listen).empty()
          ? EnvOr("NEWSINDEX_LISTEN", "127.0.0.1:50052")
          : absl::GetFlag(FLAGS_listen);
  const std::string log_level =
      absl::GetFlag(FLAGS_log_level).empty()
          ? EnvOr("NEWSINDEX_LOG_LEVEL", "info")
          : absl::GetFlag(FLAGS_log_level);
  if (absl::Status s = SetLogLevel(log_level); !s.ok()) {
    std::cerr << "search-service: " << s.message() << "\n";
    return 2;
  }
  absl::StatusOr<std::unique_ptr<Gazetteer>> gazetteer =
      LoadKnowledge(KnowledgePathsFromFlags(argc, argv));
  if (!gazetteer.ok()) {
    Log(LogLevel::kError, "cannot load entity knowledge: ",
        gazetteer.status().ToString());
    return 1;
  }
  int workers = absl::GetFlag(FLAGS_workers);
  if (workers <= 0) workers = std::max(1u, std::thread::hardware_concurrency());
  // Names and ids in entity: queries resolve through the knowledge base and
  // the catalog the writer keeps in the index.
  EntityCatalog catalog(db, gazetteer->get());
  const EntityResolver* resolver = &catalog;
  auto pool = std::make_unique<SearcherPool>(workers, [&] {
    return std::make_unique<Searcher>(db, resolver);
  });
  SearchServiceImpl service(pool.get());

  ServerSpec spec;
  spec.name = "search-service";
  spec.listen_address = listen;
  spec.port_file = absl::GetFlag(FLAGS_port_file);
  spec.services = {&service};
  spec.service_names = {"newsindex.v1.SearchService"};
  spec.drain_timeout = absl::Seconds(absl::GetFlag(FLAGS_drain_timeout_seconds));
  spec.after_drain = [&]() -> absl::Status {
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
  absl::SetProgramUsageMessage(
      "The newsindex search service: read-only queries over the database "
      "that ingest-service writes.");
  std::vector<char*> args;
  std::vector<std::string> storage =
      newsindex::UnderscoreFlagNames(argc, argv, &args);
  absl::ParseCommandLine(static_cast<int>(storage.size()), args.data());
  return newsindex::Main(argc, argv);
}
