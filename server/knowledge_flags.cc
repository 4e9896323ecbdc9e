#include "server/knowledge_flags.h"

#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "server/data_dir.h"
#include "server/flag_names.h"

ABSL_FLAG(std::string, curated_entities, "",
          "newsindex's curated entity JSONL (default: curated.jsonl in "
          "$NEWSINDEX_DATA_DIR/entities, else <binary>/../share/newsindex/"
          "entities, else the source tree's data/entities); 'none' to skip");
ABSL_FLAG(std::string, cities, "",
          "newsindex's GeoNames cities (default: cities15000.tsv beside the "
          "curated entities); 'none' to skip");
ABSL_FLAG(std::vector<std::string>, gazetteer, {},
          "Operator gazetteer, entity JSONL (docs/entities.md); repeatable "
          "or comma-separated");
ABSL_FLAG(std::vector<std::string>, geonames_cities, {},
          "GeoNames city dump (cities15000.txt format) to import; repeatable");
ABSL_FLAG(std::vector<std::string>, entity_table, {},
          "Entity table, TSV name<TAB>type<TAB>alias|alias; repeatable");
ABSL_FLAG(std::string, ner_model, "",
          "NER tagger model (default: models/ner-conll2003.nxner beside the "
          "entity data, see --curated_entities); 'none' for rules only");
ABSL_FLAG(std::string, iso_codes_file,
          "/usr/share/iso-codes/json/iso_3166-1.json",
          "iso-codes' ISO 3166-1 JSON (countries)");
ABSL_FLAG(std::string, iso_subdivisions_file,
          "/usr/share/iso-codes/json/iso_3166-2.json",
          "iso-codes' ISO 3166-2 JSON (regions); empty to skip");
ABSL_FLAG(std::string, cldr_file, "/usr/share/unicode/cldr/common/main/en.xml",
          "CLDR English names (territories); empty to skip");
ABSL_FLAG(std::string, wordnet_dir, "/usr/share/wordnet",
          "WordNet database (common words, instance nouns); empty to skip");

namespace newsindex {

KnowledgePaths KnowledgePathsFromFlags(int argc, char** argv) {
  KnowledgePaths paths =
      DefaultKnowledgePaths(DefaultEntityDataDir(argc > 0 ? argv[0] : nullptr));
  const std::string curated = absl::GetFlag(FLAGS_curated_entities);
  if (curated == "none") {
    paths.curated_jsonl.clear();
    paths.given_names.clear();
    paths.multilingual_jsonl.clear();
  } else if (!curated.empty()) {
    paths.curated_jsonl = curated;
  }
  if (const std::string cities = absl::GetFlag(FLAGS_cities);
      cities == "none") {
    paths.cities.clear();
  } else if (!cities.empty()) {
    paths.cities = cities;
  }
  paths.iso_3166_json = absl::GetFlag(FLAGS_iso_codes_file);
  paths.iso_3166_2_json = absl::GetFlag(FLAGS_iso_subdivisions_file);
  paths.cldr_en_xml = absl::GetFlag(FLAGS_cldr_file);
  paths.wordnet_dir = absl::GetFlag(FLAGS_wordnet_dir);
  paths.gazetteers = RepeatedFlagValues(argc, argv, "gazetteer");
  paths.geonames_cities = RepeatedFlagValues(argc, argv, "geonames_cities");
  paths.tsv_tables = RepeatedFlagValues(argc, argv, "entity_table");
  return paths;
}

absl::StatusOr<std::unique_ptr<NerTagger>> NerTaggerFromFlags(
    int argc, char** argv, const Gazetteer* gazetteer) {
  std::string path = absl::GetFlag(FLAGS_ner_model);
  if (path == "none") return nullptr;
  if (path.empty()) {
    path =
        NerModelPathBeside(DefaultEntityDataDir(argc > 0 ? argv[0] : nullptr));
  }
  return NerTagger::Load(path, gazetteer);
}

}  // namespace newsindex
