// The ingest pipeline as ingest-service builds it (default knowledge, the
// NER model --ner-model names, default normalizer options), for the
// benchmarks that measure the index's write side in-process.
#ifndef NEWSINDEX_BENCH_LOAD_SERVICE_PIPELINE_H_
#define NEWSINDEX_BENCH_LOAD_SERVICE_PIPELINE_H_

#include <memory>

#include "absl/status/statusor.h"
#include "core/base/clock.h"
#include "core/entities/gazetteer.h"
#include "core/entities/ner/tagger.h"
#include "core/entities/rule_entity_extractor.h"
#include "core/ingest/ingest_pipeline.h"
#include "core/normalize/normalizer.h"

namespace newsindex::bench {

// Owns every part of the pipeline; not copyable or movable (the pipeline
// points at its parts). Thread-safe as IngestPipeline is.
class ServicePipeline {
 public:
  // Reads the entity knowledge flags (core/entities/knowledge_flags.h);
  // fails as the service's start-up would.
  static absl::StatusOr<std::unique_ptr<ServicePipeline>> FromFlags(
      int argc, char** argv);

  ServicePipeline(const ServicePipeline&) = delete;
  ServicePipeline& operator=(const ServicePipeline&) = delete;

  const IngestPipeline& pipeline() const { return pipeline_; }
  const Gazetteer* knowledge() const { return gazetteer_.get(); }

 private:
  ServicePipeline(std::unique_ptr<Gazetteer> gazetteer,
                  std::unique_ptr<NerTagger> tagger);

  std::unique_ptr<Gazetteer> gazetteer_;
  std::unique_ptr<NerTagger> tagger_;
  SystemClock clock_;
  Normalizer normalizer_;
  RuleEntityExtractor extractor_;
  IngestPipeline pipeline_;
};

}  // namespace newsindex::bench

#endif  // NEWSINDEX_BENCH_LOAD_SERVICE_PIPELINE_H_
