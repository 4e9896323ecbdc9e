#include "bench/load/service_pipeline.h"

#include <utility>

#include "core/entities/knowledge.h"
#include "server/knowledge_flags.h"

namespace newsindex::bench {
namespace {

EntityExtractorOptions WithTagger(const NerTagger* tagger) {
  EntityExtractorOptions options;
  options.tagger = tagger;
  return options;
}

}  // namespace

absl::StatusOr<std::unique_ptr<ServicePipeline>> ServicePipeline::FromFlags(
    int argc, char** argv) {
  absl::StatusOr<std::unique_ptr<Gazetteer>> gazetteer =
      LoadKnowledge(KnowledgePathsFromFlags(argc, argv));
  if (!gazetteer.ok()) return gazetteer.status();
  absl::StatusOr<std::unique_ptr<NerTagger>> tagger =
      NerTaggerFromFlags(argc, argv, gazetteer->get());
  if (!tagger.ok()) return tagger.status();
  return std::unique_ptr<ServicePipeline>(
      new ServicePipeline(*std::move(gazetteer), *std::move(tagger)));
}

ServicePipeline::ServicePipeline(std::unique_ptr<Gazetteer> gazetteer,
                                 std::unique_ptr<NerTagger> tagger)
    : gazetteer_(std::move(gazetteer)),
      tagger_(std::move(tagger)),
      normalizer_(NormalizerOptions()),
      extractor_(gazetteer_.get(), WithTagger(tagger_.get())),
      pipeline_(&normalizer_, &extractor_, &clock_) {}

}  // namespace newsindex::bench
