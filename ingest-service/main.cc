// ingest-service: the single writer of a newsindex database.
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "core/clock.h"
#include "core/entities/entity_extractor.h"
#include "core/entities/knowledge_flags.h"
#include "core/index_writer.h"
#include "core/ingest_pipeline.h"
#include "core/normalize/normalizer.h"
#include "core/thread_pool.h"
#include "ingest-service/ingest_service_impl.h"
#include "server/flag_names.h"
#include "server/logging.h"
#include "server/server_runner.h"

ABSL_FLAG(std::string, db, "",
          "Database directory (env NEWSINDEX_DB; default ./data/newsindex)");
ABSL_FLAG(std::string, listen, "",
          "Address to listen on (env NEWSINDEX_LISTEN; default "
          "127.0.0.1:50051)");
ABSL_FLAG(std::string, port_file, "",
          "Write the bound port to this file once serving (useful with "
          "--listen 127.0.0.1:0)");
ABSL_FLAG(std::string, log_level, "",
          "debug, info, warning or error (env NEWSINDEX_LOG_LEVEL; default "
          "info)");
ABSL_FLAG(int64_t, max_article_bytes, 2 * 1024 * 1024,
          "Largest article accepted, in bytes; the gRPC receive limit is set "
          "to match");
ABSL_FLAG(int, workers, 0,
          "Threads normalizing and extracting (0: one per core)");
ABSL_FLAG(int, drain_timeout_seconds, 20,
          "On SIGTERM, how long in-flight calls may run before cancellation");

namespace newsindex {
namespace {

// Envelope room beyond the article itself in one request message.
constexpr int64_t kRequestOverheadBytes = 64 * 1024;

// Entity knowledge flags: see core/entities/knowledge_flags.h.
int Main(int argc, char** argv) {
  const std::string db =
      absl::GetFlag(FLAGS_db).empty()
          ? EnvOr("NEWSINDEX_DB", "./data/newsindex")
          : absl::GetFlag(FLAGS_db);
  const std::string listen =
      absl::GetFlag(FLAGS_listen).empty()
          ? EnvOr("NEWSINDEX_LISTEN", "127.0.0.1:50051")
          : absl::GetFlag(FLAGS_listen);
  const std::string log_level =
      absl::GetFlag(FLAGS_log_level).empty()
          ? EnvOr("NEWSINDEX_LOG_LEVEL", "info")
          : absl::GetFlag(FLAGS_log_level);
  if (absl::Status s = SetLogLevel(log_level); !s.ok()) {
    std::cerr << "ingest-service: " << s.message() << "\n";
    return 2;
  }
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

  IndexWriterOptions writer_options;
  writer_options.entity_knowledge = gazetteer->get();
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
  RuleEntityExtractor extractor(gazetteer->get());
  IngestPipeline pipeline(&normalizer, &extractor, &clock);
  int workers = absl::GetFlag(FLAGS_workers);
  if (workers <= 0) workers = std::max(1u, std::thread::hardware_concurrency());
  auto pool = std::make_unique<ThreadPool>(workers);
  IngestServiceImpl service(&pipeline, writer->get(), pool.get());

  ServerSpec spec;
  spec.name = "ingest-service";
  spec.listen_address = listen;
  spec.port_file = absl::GetFlag(FLAGS_port_file);
  spec.services = {&service};
  spec.service_names = {"newsindex.v1.IngestService"};
  spec.max_receive_message_bytes =
      static_cast<int>(max_bytes + kRequestOverheadBytes);
  spec.drain_timeout = absl::Seconds(absl::GetFlag(FLAGS_drain_timeout_seconds));
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
