// ingest-service: the single writer of a newsindex database.
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "core/base/clock.h"
#include "core/base/thread_pool.h"
#include "core/entities/knowledge_flags.h"
#include "core/entities/rule_entity_extractor.h"
#include "core/index/index_writer.h"
#include "core/ingest/ingest_pipeline.h"
#include "core/normalize/normalizer.h"
#include "ingest-service/ingest_service_impl.h"
#include "server/flag_names.h"
#include "server/logging.h"
#include "server/server_runner.h"
#include "server/service_flags.h"

ABSL_FLAG(int64_t, max_article_bytes, 2 * 1024 * 1024,
          "Largest article accepted, in bytes; the gRPC receive limit is set "
          "to match");

namespace newsindex {
namespace {

// Envelope room beyond the article itself in one request message.
constexpr int64_t kRequestOverheadBytes = 64 * 1024;

// Entity knowledge flags: see core/entities/knowledge_flags.h.
int Main(int argc, char** argv) {
  absl::StatusOr<ServiceConfig> config =
      ReadServiceFlags("127.0.0.1:50051", absl::Seconds(20));
  if (!config.ok()) {
    std::cerr << "ingest-service: " << config.status().message() << "\n";
    return 2;
  }
  const std::string& db = config->db;
  const int64_t max_bytes = absl::GetFlag(FLAGS_max_article_bytes);
  if (max_bytes <= 0 || max_bytes > 256 * 1024 * 1024) {
    std::cerr << "ingest-service: --max-article-bytes must be in 1..256MiB\n";
    return 2;
  }

  absl::StatusOr<std::unique_ptr<Gazetteer>> gazetteer =
      LoadKnowledge(KnowledgePathsFromFlags(argc, argv));
  if (!gazetteer.ok()) {
    Log(LogLevel::kError, "cannot load entity knowledge: ",
        gazetteer.status().ToString());
    return 1;
  }
  Log(LogLevel::kInfo, "loaded ", (*gazetteer)->size(), " known entities");

  // The catalog's names, for linking acronyms earlier articles defined:
  // the writer fills it (from the database, then per commit), the
  // extractor reads it.
  CatalogNames learned_names;
  IndexWriterOptions writer_options;
  writer_options.entity_knowledge = gazetteer->get();
  writer_options.learned_names = &learned_names;
  absl::StatusOr<std::unique_ptr<IndexWriter>> writer =
      IndexWriter::Open(db, writer_options);
  if (!writer.ok()) {
    Log(LogLevel::kError, "cannot open database ", db, ": ",
        writer.status().ToString());
    return 1;
  }
  Log(LogLevel::kInfo, "database ", db, " open with ",
      (*writer)->committed_count(), " articles");

  SystemClock clock;
  NormalizerOptions normalizer_options;
  normalizer_options.max_input_bytes = static_cast<size_t>(max_bytes);
  Normalizer normalizer(normalizer_options);
  EntityExtractorOptions extractor_options;
  extractor_options.learned = &learned_names;
  RuleEntityExtractor extractor(gazetteer->get(), extractor_options);
  IngestPipeline pipeline(&normalizer, &extractor, &clock);
  const int workers = config->workers;
  auto pool = std::make_unique<ThreadPool>(workers);
  IngestServiceImpl service(&pipeline, writer->get(), pool.get());

  ServerSpec spec;
  spec.name = "ingest-service";
  spec.listen_address = config->listen;
  spec.port_file = config->port_file;
  spec.services = {&service};
  spec.service_names = {"newsindex.v1.IngestService"};
  spec.max_receive_message_bytes =
      static_cast<int>(max_bytes + kRequestOverheadBytes);
  spec.drain_timeout = config->drain_timeout;
  spec.after_drain = [&]() -> absl::Status {
    pool.reset();  // finishes queued pipeline work
    return (*writer)->Close();
  };
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
      "The newsindex ingest service: normalizes, extracts entities and "
      "indexes articles; the single writer of the database.");
  std::vector<char*> args;
  std::vector<std::string> storage =
      newsindex::UnderscoreFlagNames(argc, argv, &args);
  absl::ParseCommandLine(static_cast<int>(storage.size()), args.data());
  return newsindex::Main(argc, argv);
}
