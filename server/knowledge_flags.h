// Command-line flags for entity knowledge, shared by ingest-service and
// search-service (defined in knowledge_flags.cc, linked only into binaries
// that call KnowledgePathsFromFlags):
//   --curated_entities FILE   newsindex's curated JSONL; default
//                             DefaultEntityDataDir(argv[0])/curated.jsonl
//                             (server/data_dir.h: env NEWSINDEX_DATA_DIR);
//                             "none" skips it
//   --gazetteer FILE          operator entity JSONL; repeatable
//   --geonames_cities FILE    GeoNames city dump; repeatable
//   --entity_table FILE       name/type/aliases TSV; repeatable
//   --ner_model FILE          the NER tagger's model; default
//                             models/ beside that directory; "none": rules
//                             only (docs/entities.md)
//   --iso_codes_file, --iso_subdivisions_file, --cldr_file, --wordnet_dir
//                             Debian data; empty skips
#ifndef NEWSINDEX_SERVER_KNOWLEDGE_FLAGS_H_
#define NEWSINDEX_SERVER_KNOWLEDGE_FLAGS_H_

#include <memory>

#include "absl/status/statusor.h"
#include "core/entities/knowledge.h"
#include "core/entities/ner/tagger.h"

namespace newsindex {

// The knowledge paths the flags name. Call after absl::ParseCommandLine;
// `argc`/`argv` are the original ones, for the repeatable flags.
KnowledgePaths KnowledgePathsFromFlags(int argc, char** argv);

// The tagger --ner_model names, over `gazetteer` (which must outlive it);
// null when the flag is "none". A missing, truncated, corrupt or
// other-version model file is an error naming the file.
absl::StatusOr<std::unique_ptr<NerTagger>> NerTaggerFromFlags(
    int argc, char** argv, const Gazetteer* gazetteer);

}  // namespace newsindex

#endif  // NEWSINDEX_SERVER_KNOWLEDGE_FLAGS_H_
