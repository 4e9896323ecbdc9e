// Training and evaluation data for the salience model: articles of a JSONL
// corpus run through the ingest pipeline, joined with editors' tags of what
// each article is about. Used by newsindex-train-salience and
// bench/entity/aboutness_eval; no index access.
#ifndef NEWSINDEX_CORE_INGEST_SALIENCE_TRAINING_H_
#define NEWSINDEX_CORE_INGEST_SALIENCE_TRAINING_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "core/entities/salience.h"
#include "core/entities/salience_trainer.h"
#include "core/ingest/ingest_pipeline.h"

namespace newsindex {

// An article's tags (the aboutness JSONL: {"id", "countries": ["AF"],
// "people": ["james-baker"], "orgs": ["opec"]}).
struct AboutnessTags {
  std::vector<std::string> countries;  // upper-case ISO alpha-2
  std::vector<std::string> people;     // lower case, words joined by '-'
  std::vector<std::string> orgs;       // lower case, as the editors wrote
};

// id -> tags; INVALID_ARGUMENT naming the file and line for a bad line.
absl::StatusOr<absl::flat_hash_map<std::string, AboutnessTags>>
ReadAboutnessTags(const std::string& path);

// The number an id ends with ("reuters-14818" -> 14818); -1 when none.
int64_t TrailingNumber(absl::string_view id);

// One tagged article after the pipeline: its entities (mentions dropped)
// and their features with kCorpusFrequency still 0.
struct SalienceDocument {
  std::string id;
  std::vector<ArticleEntity> entities;
  std::vector<SalienceFeatures> features;
  AboutnessTags tags;
};

// The articles of `corpus` (JSONL: id, title, dateline, body) that have
// tags and that `keep(id)` accepts, through `pipeline` (its salience model
// is not used: features come from what it extracted), in file order.
absl::StatusOr<std::vector<SalienceDocument>> PrepareSalienceDocuments(
    const IngestPipeline& pipeline, const std::string& corpus,
    const absl::flat_hash_map<std::string, AboutnessTags>& tags,
    const std::function<bool(absl::string_view id)>& keep);

// Whether the tags say the article is about `e`: a location whose country
// they list, a person whose name (or surname) they list, an organization
// whose id, name or acronym they list. Entities of type other: false.
bool TaggedAbout(const ArticleEntity& e, const AboutnessTags& tags);

// Document frequency of entity ids over docs[i] for i in `subset`
// (entities seen in fewer than `min_documents` left out).
CorpusFrequency FrequencyOf(const std::vector<SalienceDocument>& docs,
                            const std::vector<size_t>& subset,
                            int64_t min_documents);

// The labelled examples of docs[i], i in `subset`, with kCorpusFrequency
// from `frequency`. Left out: locations without a country, entities of
// type other, and people (organizations) of stories without person
// (organization) tags.
std::vector<SalienceExample> ExamplesOf(
    const std::vector<SalienceDocument>& docs,
    const std::vector<size_t>& subset, const CorpusFrequency& frequency);

// A model fitted on docs[i], i in `subset`, with `threshold`.
SalienceModel TrainSalienceModel(const std::vector<SalienceDocument>& docs,
                                 const std::vector<size_t>& subset,
                                 double threshold,
                                 const SalienceTrainerOptions& options = {});

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_INGEST_SALIENCE_TRAINING_H_
