// ingest-service: the single writer of a newsindex database.
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "absl/cleanup/cleanup.h"
#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "core/base/clock.h"
#include "core/base/flag_names.h"
#include "core/base/thread_pool.h"
#include "core/entities/knowledge_flags.h"
#include "core/entities/rule_entity_extractor.h"
#include "core/index/sharded_index_writer.h"
#include "core/ingest/ingest_pipeline.h"
#include "core/normalize/normalizer.h"
#include "ingest-service/ingest_service_impl.h"
#include "server/logging.h"
#include "server/observability.h"
#include "server/security.h"
#include "server/server_runner.h"
#include "server/service_flags.h"
#include "server/service_help.h"
#include "server/stream_limits.h"

ABSL_FLAG(int64_t, max_article_bytes, newsindex::kDefaultMaxArticleBytes,
          "Largest article accepted, in bytes; the gRPC receive limit is set "
          "to match");
ABSL_FLAG(int, max_streams_per_connection, 16,
          "Open IngestArticles streams one connection may hold");
ABSL_FLAG(int, max_streams, 64, "Open IngestArticles streams in total");
ABSL_FLAG(int64_t, max_in_flight_bytes, 64 * 1024 * 1024,
          "Bytes of stream articles read and not yet answered, across all "
          "streams; past it streams stop reading (back-pressure)");
ABSL_FLAG(int, max_batch_latency_ms, 50,
          "Longest the index writer keeps a group commit holding a unary "
          "IngestArticle or DeleteArticle open, in ms; bounds the time from "
          "submit to ack under load (0: no time bound for any commit, up to "
          "4000 articles each)");
ABSL_FLAG(int, max_bulk_batch_latency_ms, 1000,
          "The same for a group commit of stream articles only, in ms "
          "(0: no time bound for those); never below "
          "--max-batch-latency-ms");
ABSL_FLAG(int, max_stream_results, 10000,
          "Result entries in a stream's reply; longer streams list failures "
          "only (ingest_service.proto)");
ABSL_FLAG(int64_t, change_log_retention,
          static_cast<int64_t>(newsindex::kDefaultChangeLogRetention),
          "Changes each shard keeps in its change log for Watch; older ones "
          "are removed as new ones commit (docs/watch.md)");
ABSL_FLAG(std::string, replication_changesets, "",
          "Changesets the database keeps for xapian-replicate read replicas "
          "(sets XAPIAN_MAX_CHANGESETS; docs/replication.md); 0 keeps none "
          "(env NEWSINDEX_REPLICATION_CHANGESETS; default 0)");

namespace newsindex {
namespace {

// Most changesets --replication-changesets may keep: each is a file beside
// the database, and a replica further behind gets a full copy anyway.
constexpr int64_t kMaxReplicationChangesets = 1000000;

// Applies --replication-changesets (or its environment variable): Xapian
// writes a changeset per commit, for xapian-replicate-server to send, only
// when XAPIAN_MAX_CHANGESETS is set as the writable database is opened, so
// this runs before OpenWriter and before any thread starts (setenv). 0
// leaves the environment as it is. INVALID_ARGUMENT naming the flag for a
// value that is not an integer in 0..kMaxReplicationChangesets.
absl::Status ConfigureReplicationChangesets() {
  std::string text = absl::GetFlag(FLAGS_replication_changesets);
  if (text.empty()) text = EnvOr("NEWSINDEX_REPLICATION_CHANGESETS", "0");
  int64_t changesets = 0;
  if (!absl::SimpleAtoi(text, &changesets) || changesets < 0 ||
      changesets > kMaxReplicationChangesets) {
    return absl::InvalidArgumentError(
        absl::StrCat("--replication-changesets: must be an integer in 0..",
                     kMaxReplicationChangesets, " (0 = no replication), got \"",
                     text, "\""));
  }
  if (changesets == 0) return absl::OkStatus();
  if (setenv("XAPIAN_MAX_CHANGESETS", absl::StrCat(changesets).c_str(),
             /*overwrite=*/1) != 0) {
    return absl::InternalError("cannot set XAPIAN_MAX_CHANGESETS");
  }
  Log(LogLevel::kInfo, "keeping the last ", changesets,
      " changesets for xapian-replicate");
  return absl::OkStatus();
}

// What entity extraction loads at start-up.
struct EntityKnowledge {
  std::unique_ptr<Gazetteer> gazetteer;
  std::unique_ptr<NerTagger> tagger;  // null with --ner-model none
};

// The knowledge base and the NER tagger, from the entity knowledge flags
// (core/entities/knowledge_flags.h); logs and fails when either cannot be
// loaded (a bad model file stops start-up).
absl::StatusOr<EntityKnowledge> LoadEntityKnowledge(int argc, char** argv) {
  EntityKnowledge knowledge;
  absl::StatusOr<std::unique_ptr<Gazetteer>> gazetteer =
      LoadKnowledge(KnowledgePathsFromFlags(argc, argv));
  if (!gazetteer.ok()) {
    Log(LogLevel::kError,
        "cannot load entity knowledge: ", gazetteer.status().ToString());
    return gazetteer.status();
  }
  Log(LogLevel::kInfo, "loaded ", (*gazetteer)->size(), " known entities");
  absl::StatusOr<std::unique_ptr<NerTagger>> tagger =
      NerTaggerFromFlags(argc, argv, gazetteer->get());
  if (!tagger.ok()) {
    Log(LogLevel::kError,
        "cannot load the NER model: ", tagger.status().ToString());
    return tagger.status();
  }
  Log(LogLevel::kInfo, *tagger
                           ? "NER tagger loaded"
                           : "NER tagger off (--ner-model none): rules only");
  knowledge.gazetteer = *std::move(gazetteer);
  knowledge.tagger = *std::move(tagger);
  return knowledge;
}

absl::StatusOr<StreamLimits> ReadStreamLimits() {
  StreamLimits limits;
  limits.max_streams_per_connection =
      absl::GetFlag(FLAGS_max_streams_per_connection);
  limits.max_streams = absl::GetFlag(FLAGS_max_streams);
  limits.max_in_flight_bytes = absl::GetFlag(FLAGS_max_in_flight_bytes);
  limits.max_stream_results = absl::GetFlag(FLAGS_max_stream_results);
  if (limits.max_streams_per_connection < 1 || limits.max_streams < 1 ||
      limits.max_in_flight_bytes < 1 || limits.max_stream_results < 1) {
    return absl::InvalidArgumentError(
        "--max-streams-per-connection, --max-streams, --max-in-flight-bytes "
        "and --max-stream-results must be positive");
  }
  return limits;
}

// A batch time bound from the value of `flag`, in ms; INVALID_ARGUMENT
// naming the flag when negative (Main checks both before OpenWriter).
absl::StatusOr<absl::Duration> BatchDelay(const absl::Flag<int>& value,
                                          absl::string_view flag) {
  const int ms = absl::GetFlag(value);
  if (ms < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat(flag, " must not be negative (0: no time bound)"));
  }
  return ms == 0 ? absl::InfiniteDuration() : absl::Milliseconds(ms);
}
absl::StatusOr<absl::Duration> MaxBatchDelay() {
  return BatchDelay(FLAGS_max_batch_latency_ms, "--max-batch-latency-ms");
}
absl::StatusOr<absl::Duration> MaxBulkBatchDelay() {
  return BatchDelay(FLAGS_max_bulk_batch_latency_ms,
                    "--max-bulk-batch-latency-ms");
}

// The index's writer on the shards of `config`, recording entities with
// `knowledge` and filling `learned_names`; commits are observed by
// `metrics` (may be null). Logs and fails when a shard cannot be opened.
absl::StatusOr<std::unique_ptr<ShardedIndexWriter>> OpenWriter(
    const ServiceConfig& config, const Gazetteer* knowledge,
    IngestMetrics* metrics, CatalogNames* learned_names) {
  IndexWriterOptions writer_options;
  writer_options.max_batch_delay =
      MaxBatchDelay().value_or(writer_options.max_batch_delay);
  writer_options.max_bulk_batch_delay =
      MaxBulkBatchDelay().value_or(writer_options.max_bulk_batch_delay);
  writer_options.entity_knowledge = knowledge;
  writer_options.change_log_retention = static_cast<uint64_t>(
      std::max<int64_t>(1, absl::GetFlag(FLAGS_change_log_retention)));
  if (metrics != nullptr) {
    writer_options.on_commit = [metrics](const CommitStats& stats) {
      metrics->ObserveCommit(stats);
    };
  }
  writer_options.learned_names = learned_names;
  absl::StatusOr<std::unique_ptr<ShardedIndexWriter>> writer =
      ShardedIndexWriter::Open(config.layout, writer_options);
  if (!writer.ok()) {
    Log(LogLevel::kError, "cannot open database ", config.db, ": ",
        writer.status().ToString());
    return writer.status();
  }
  Log(LogLevel::kInfo, "database ", config.db, " open with ",
      (*writer)->committed_count(), " articles in ",
      config.layout.shards.size(), " shard(s)");
  return writer;
}

int Main(int argc, char** argv) {
  absl::StatusOr<ServiceConfig> config =
      ReadServiceFlags("127.0.0.1:50051", absl::Seconds(20));
  absl::StatusOr<ObservabilityConfig> observe =
      config.ok() ? ReadObservabilityFlags() : config.status();
  if (!observe.ok()) {
    std::cerr << "ingest-service: " << observe.status().message() << "\n";
    return 2;
  }
  absl::StatusOr<SecurityConfig> security = ReadSecurityFlags();
  absl::Status exposure =
      security.ok()
          ? CheckListeners(config->listen, observe->metrics_listen, *security)
          : security.status();
  absl::StatusOr<StreamLimits> limits = ReadStreamLimits();
  if (exposure.ok()) exposure = limits.status();
  if (exposure.ok()) exposure = MaxBatchDelay().status();
  if (exposure.ok()) exposure = MaxBulkBatchDelay().status();
  if (exposure.ok()) exposure = ConfigureReplicationChangesets();
  absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> credentials =
      exposure.ok() ? ServerCredentialsFor(*security) : exposure;
  absl::StatusOr<std::unique_ptr<TokenAuthorizer>> authorizer =
      credentials.ok() ? AuthorizerFor(*security) : credentials.status();
  if (!authorizer.ok()) {
    std::cerr << "ingest-service: " << authorizer.status().message() << "\n";
    return 2;
  }
  std::optional<ReloadOnSighup> reloader;
  if (*authorizer != nullptr) reloader.emplace(authorizer->get());
  Observability observability(*observe, "ingest-service");
  std::optional<IngestMetrics> metrics;
  if (observability.registry() != nullptr) {
    metrics.emplace(observability.registry());
  }
  const int64_t max_bytes = absl::GetFlag(FLAGS_max_article_bytes);
  if (max_bytes <= 0 || max_bytes > 256 * 1024 * 1024) {
    std::cerr << "ingest-service: --max-article-bytes must be in 1..256MiB\n";
    return 2;
  }

  absl::StatusOr<EntityKnowledge> knowledge = LoadEntityKnowledge(argc, argv);
  if (!knowledge.ok()) return 1;
  const std::unique_ptr<Gazetteer>* gazetteer = &knowledge->gazetteer;
  const std::unique_ptr<NerTagger>* tagger = &knowledge->tagger;

  // The catalog's names, for linking acronyms earlier articles defined:
  // the writer fills it (from the database, then per commit), the
  // extractor reads it.
  CatalogNames learned_names;
  absl::StatusOr<std::unique_ptr<ShardedIndexWriter>> writer = OpenWriter(
      *config, gazetteer->get(), metrics ? &*metrics : nullptr, &learned_names);
  if (!writer.ok()) return 1;

  SystemClock clock;
  NormalizerOptions normalizer_options;
  normalizer_options.max_input_bytes = static_cast<size_t>(max_bytes);
  Normalizer normalizer(normalizer_options);
  EntityExtractorOptions extractor_options;
  extractor_options.tagger = tagger->get();
  extractor_options.learned = &learned_names;
  RuleEntityExtractor extractor(gazetteer->get(), extractor_options);
  IngestPipeline pipeline(&normalizer, &extractor, &clock);
  const int workers = config->workers;
  auto pool = std::make_unique<ThreadPool>(workers);
  IngestServiceImpl service(&pipeline, writer->get(), pool.get(),
                            metrics ? &*metrics : nullptr, authorizer->get(),
                            *limits);
  if (metrics) metrics->WatchIndex(writer->get(), pool.get());
  // The index gauges read the pool and the writer: stop scrapes before
  // either goes, on every way out.
  absl::Cleanup stop_metrics = [&] { observability.StopMetrics(); };
  if (absl::Status s = observability.Serve({"newsindex.v1.IngestService"});
      !s.ok()) {
    Log(LogLevel::kError, s.ToString());
    return 1;
  }

  ServerSpec spec;
  spec.name = "ingest-service";
  spec.credentials = *credentials;
  spec.health_listen_address = security->health_listen;
  spec.services = {&service};
  spec.service_names = {"newsindex.v1.IngestService"};
  spec.max_receive_message_bytes =
      static_cast<int>(max_bytes + IngestServiceImpl::kRequestOverheadBytes);
  ConfigureServer(*config, &spec);
  spec.interceptors = [&] { return observability.Interceptors(); };
  spec.after_drain = [&]() -> absl::Status {
    observability.StopMetrics();
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
  newsindex::BlockReloadSignal();
  const char* const description =
      "The newsindex ingest service: normalizes, extracts entities and "
      "indexes articles; the single writer of the database.";
  newsindex::AnswerHelpOrVersion(
      argc, argv, "ingest-service", description,
      {{"Ingest limits",
        {"max_article_bytes", "max_streams_per_connection", "max_streams",
         "max_in_flight_bytes", "max_stream_results", "max_batch_latency_ms",
         "max_bulk_batch_latency_ms"}},
       {"Replication", {"replication_changesets"}},
       {"Watch", {"change_log_retention"}}});
  absl::SetProgramUsageMessage(description);
  std::vector<char*> args;
  std::vector<std::string> storage =
      newsindex::UnderscoreFlagNames(argc, argv, &args);
  absl::ParseCommandLine(static_cast<int>(storage.size()), args.data());
  return newsindex::Main(argc, argv);
}
