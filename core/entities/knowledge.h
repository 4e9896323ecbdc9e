// Loads the entity knowledge the services start with, in layers: Debian
// data (iso-codes, CLDR, WordNet), the curated file shipped with newsindex,
// and operator-supplied gazetteers.
#ifndef NEWSINDEX_CORE_ENTITIES_KNOWLEDGE_H_
#define NEWSINDEX_CORE_ENTITIES_KNOWLEDGE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/entities/gazetteer.h"

namespace newsindex {

// Where knowledge files are. Debian paths are the defaults; an empty path
// skips that source.
struct KnowledgePaths {
  std::string iso_3166_json = "/usr/share/iso-codes/json/iso_3166-1.json";
  std::string iso_3166_2_json = "/usr/share/iso-codes/json/iso_3166-2.json";
  std::string cldr_en_xml = "/usr/share/unicode/cldr/common/main/en.xml";
  std::string wordnet_dir = "/usr/share/wordnet";
  // newsindex's own data (the entity data directory, which the binaries
  // find: server/data_dir.h): the lexicon's word lists (lexicon/; required),
  // curated.jsonl and given_names.txt.
  std::string lexicon_dir;
  std::string curated_jsonl;
  std::string given_names;
  // The GeoNames cities shipped with newsindex (cities15000.tsv, compact
  // form of scripts/make-cities), loaded like a --geonames-cities dump.
  std::string cities;
  // Curated names in other languages (multilingual.jsonl), loaded after
  // the cities so that it can name them; with --curated-entities=none it
  // is not loaded either.
  std::string multilingual_jsonl;
  // Operator layers, loaded last, in order.
  std::vector<std::string> gazetteers;       // entity JSONL (loaders.h)
  std::vector<std::string> geonames_cities;  // GeoNames dumps
  std::vector<std::string> tsv_tables;       // name/type/aliases TSV
};

// Builds the gazetteer from every source in `paths`, in the order: the
// lexicon's word lists, WordNet common words, given names, ISO countries, CLDR
// names, curated entities, WordNet instances, ISO subdivisions, shipped
// cities, GeoNames, operator JSONL, TSV. An unreadable or malformed file is an
// error naming the file (and the line); an empty `lexicon_dir` is
// INVALID_ARGUMENT.
absl::StatusOr<std::unique_ptr<Gazetteer>> LoadKnowledge(
    const KnowledgePaths& paths);

// The folder of the lexicon's word lists in the entity data directory.
inline constexpr absl::string_view kLexiconDir = "lexicon";

// KnowledgePaths with the Debian defaults and the curated files and cities
// of `data_dir`.
KnowledgePaths DefaultKnowledgePaths(const std::string& data_dir);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_ENTITIES_KNOWLEDGE_H_
