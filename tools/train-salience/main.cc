// newsindex-train-salience: fits the salience model (core/entities/
// salience.h) to editors' tags of what articles are about, and writes the
// model file the services load with --salience-model. Deterministic: the
// same corpus, tags and flags give the same file.
//
//   newsindex-train-salience --corpus=articles.jsonl --tags=tags.jsonl
//       [--max_id=N] [--threshold=T] --out=data/models/salience-reuters.nxsal
#include <iostream>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "core/base/clock.h"
#include "core/entities/knowledge.h"
#include "core/entities/rule_entity_extractor.h"
#include "core/ingest/salience_training.h"
#include "core/normalize/normalizer.h"
#include "server/knowledge_flags.h"

ABSL_FLAG(std::string, corpus, "",
          "Articles, JSONL: id, title, dateline, body");
ABSL_FLAG(std::string, tags, "",
          "What each article is about, JSONL: id, countries (ISO alpha-2), "
          "people, orgs");
ABSL_FLAG(int64_t, max_id, -1,
          "Train only on articles whose id ends in a number up to this "
          "(-1: all); keep evaluation articles out");
ABSL_FLAG(double, threshold, 0.5,
          "Salience from which an entity is `about` (choose it by "
          "cross-validation, bench/entity/aboutness_eval)");
ABSL_FLAG(double, l2, 1.0, "L2 penalty on the weights");
ABSL_FLAG(std::string, provenance, "",
          "Provenance line written into the model (what data, which terms)");
ABSL_FLAG(std::string, out, "", "The model file to write");

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "Trains newsindex's salience model from editors' aboutness tags.");
  absl::ParseCommandLine(argc, argv);
  using namespace newsindex;
  if (absl::GetFlag(FLAGS_corpus).empty() ||
      absl::GetFlag(FLAGS_tags).empty() || absl::GetFlag(FLAGS_out).empty()) {
    std::cerr << "newsindex-train-salience: --corpus, --tags and --out are "
                 "required\n";
    return 2;
  }
  absl::StatusOr<std::unique_ptr<Gazetteer>> knowledge =
      LoadKnowledge(KnowledgePathsFromFlags(argc, argv));
  if (!knowledge.ok()) {
    std::cerr << "newsindex-train-salience: " << knowledge.status() << "\n";
    return 1;
  }
  absl::StatusOr<std::unique_ptr<NerTagger>> tagger =
      NerTaggerFromFlags(argc, argv, knowledge->get());
  auto tags = ReadAboutnessTags(absl::GetFlag(FLAGS_tags));
  if (!tagger.ok() || !tags.ok()) {
    std::cerr << "newsindex-train-salience: "
              << (tagger.ok() ? tags.status() : tagger.status()) << "\n";
    return 1;
  }
  EntityExtractorOptions options;
  options.tagger = tagger->get();
  RuleEntityExtractor extractor(knowledge->get(), options);
  Normalizer normalizer;
  SystemClock clock;
  IngestPipeline pipeline(&normalizer, &extractor, &clock);
  const int64_t max_id = absl::GetFlag(FLAGS_max_id);
  auto docs = PrepareSalienceDocuments(
      pipeline, absl::GetFlag(FLAGS_corpus), *tags, [&](absl::string_view id) {
        const int64_t n = TrailingNumber(id);
        return max_id < 0 || (n >= 0 && n <= max_id);
      });
  if (!docs.ok()) {
    std::cerr << "newsindex-train-salience: " << docs.status() << "\n";
    return 1;
  }
  std::vector<size_t> all(docs->size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  SalienceTrainerOptions trainer;
  trainer.l2 = absl::GetFlag(FLAGS_l2);
  SalienceModel model =
      TrainSalienceModel(*docs, all, absl::GetFlag(FLAGS_threshold), trainer);
  model.provenance = absl::GetFlag(FLAGS_provenance);
  if (absl::Status s = SaveSalienceModel(model, absl::GetFlag(FLAGS_out));
      !s.ok()) {
    std::cerr << "newsindex-train-salience: " << s << "\n";
    return 1;
  }
  std::cout << "trained on " << docs->size() << " articles, "
            << model.frequency.document_frequency.size()
            << " entity frequencies; wrote " << absl::GetFlag(FLAGS_out)
            << "\n";
  return 0;
}
