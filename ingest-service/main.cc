// ingest-service: the single writer of a newsindex database.
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "absl/cleanup/cleanup.h"
#include "core/base/clock.h"
#include "core/base/thread_pool.h"
#include "core/entities/rule_entity_extractor.h"
#include "core/index/sharded_index_writer.h"
#include "core/ingest/ingest_pipeline.h"
#include "core/normalize/normalizer.h"
#include "ingest-service/ingest_flags.h"
#include "ingest-service/ingest_service_impl.h"
#include "server/bootstrap.h"
#include "server/knowledge_flags.h"
#include "server/logging.h"
#include "server/observability.h"

namespace newsindex {
namespace {

// What entity extraction loads at start-up.
struct EntityKnowledge {
  std::unique_ptr<Gazetteer> gazetteer;
  std::unique_ptr<NerTagger> tagger;  // null with --ner-model none
};

// The knowledge base and the NER tagger, from the entity knowledge flags
// (server/knowledge_flags.h); logs and fails when either cannot be
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

// The index's writer on the shards of `config`, with the batch time bounds
// of `flags`, recording entities with `knowledge` and filling
// `learned_names`; commits are observed by `metrics` (may be null). Logs
// and fails when a shard cannot be opened.
absl::StatusOr<std::unique_ptr<ShardedIndexWriter>> OpenWriter(
    const ServiceConfig& config, const IngestFlags& flags,
    const Gazetteer* knowledge, IngestMetrics* metrics,
    CatalogNames* learned_names) {
  IndexWriterOptions writer_options;
  writer_options.max_batch_delay = flags.max_batch_delay;
  writer_options.max_bulk_batch_delay = flags.max_bulk_batch_delay;
  writer_options.entity_knowledge = knowledge;
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

ServiceInfo IngestServiceInfo() {
  ServiceInfo info;
  info.name = "ingest-service";
  info.description =
      "The newsindex ingest service: normalizes, extracts entities and "
      "indexes articles; the single writer of the database.";
  info.default_listen = "127.0.0.1:50051";
  info.default_drain = absl::Seconds(20);
  info.own_flags = IngestFlagGroups();
  return info;
}

int Main(int argc, char** argv) {
  const ServiceInfo info = IngestServiceInfo();
  ParseServiceCommandLine(info, argc, argv);
  absl::StatusOr<IngestFlags> flags;
  absl::StatusOr<std::unique_ptr<ServiceBootstrap>> bootstrap =
      Bootstrap(info, [&]() -> absl::Status {
        flags = ReadIngestFlags();
        if (!flags.ok()) return flags.status();
        return ApplyReplicationChangesets(flags->replication_changesets);
      });
  if (!bootstrap.ok()) {
    std::cerr << info.name << ": " << bootstrap.status().message() << "\n";
    return 2;
  }
  const ServiceConfig& config = (*bootstrap)->config;
  Observability observability((*bootstrap)->observe, info.name);
  std::optional<IngestMetrics> metrics;
  if (observability.registry() != nullptr) {
    metrics.emplace(observability.registry());
  }

  absl::StatusOr<EntityKnowledge> knowledge = LoadEntityKnowledge(argc, argv);
  if (!knowledge.ok()) return 1;
  const std::unique_ptr<Gazetteer>* gazetteer = &knowledge->gazetteer;
  const std::unique_ptr<NerTagger>* tagger = &knowledge->tagger;

  // The catalog's names, for linking acronyms earlier articles defined:
  // the writer fills it (from the database, then per commit), the
  // extractor reads it.
  CatalogNames learned_names;
  absl::StatusOr<std::unique_ptr<ShardedIndexWriter>> writer =
      OpenWriter(config, *flags, gazetteer->get(),
                 metrics ? &*metrics : nullptr, &learned_names);
  if (!writer.ok()) return 1;

  SystemClock clock;
  NormalizerOptions normalizer_options;
  normalizer_options.max_input_bytes =
      static_cast<size_t>(flags->max_article_bytes);
  Normalizer normalizer(normalizer_options);
  EntityExtractorOptions extractor_options;
  extractor_options.tagger = tagger->get();
  extractor_options.learned = &learned_names;
  RuleEntityExtractor extractor(gazetteer->get(), extractor_options);
  IngestPipeline pipeline(&normalizer, &extractor, &clock);
  auto pool = std::make_unique<ThreadPool>(config.workers);
  IngestServiceImpl service(
      &pipeline, writer->get(), pool.get(), metrics ? &*metrics : nullptr,
      (*bootstrap)->authorizer.get(), flags->stream_limits);
  if (metrics) metrics->WatchIndex(writer->get(), pool.get());
  // The index gauges read the pool and the writer: stop scrapes before
  // either goes, on every way out.
  absl::Cleanup stop_metrics = [&] { observability.StopMetrics(); };
  if (absl::Status s = observability.Serve({"newsindex.v1.IngestService"});
      !s.ok()) {
    Log(LogLevel::kError, s.ToString());
    return 1;
  }

  ServerSpec spec = BaseServerSpec(info, **bootstrap, &observability);
  spec.services = {&service};
  spec.service_names = {"newsindex.v1.IngestService"};
  spec.max_receive_message_bytes = static_cast<int>(
      flags->max_article_bytes + IngestServiceImpl::kRequestOverheadBytes);
  spec.after_drain = [&]() -> absl::Status {
    observability.StopMetrics();
    pool.reset();  // finishes queued pipeline work
    return (*writer)->Close();
  };
  return RunServerToExit(spec);
}

}  // namespace
}  // namespace newsindex

int main(int argc, char** argv) { return newsindex::Main(argc, argv); }
