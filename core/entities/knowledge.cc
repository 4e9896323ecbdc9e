#include "core/entities/knowledge.h"

#include "absl/strings/str_cat.h"
#include "core/entities/loaders.h"

namespace newsindex {

absl::StatusOr<std::unique_ptr<Gazetteer>> LoadKnowledge(
    const KnowledgePaths& paths) {
  if (paths.lexicon_dir.empty()) {
    return absl::InvalidArgumentError(
        "KnowledgePaths.lexicon_dir is empty: the lexicon's word lists are "
        "required");
  }
  auto g = std::make_unique<Gazetteer>();
  auto step = [&](const std::string& path, auto&& load) -> absl::Status {
    if (path.empty()) return absl::OkStatus();
    return load(path);
  };
#define NEWSINDEX_TRY(expr)               \
  if (absl::Status s = (expr); !s.ok()) { \
    return s;                             \
  }
  NEWSINDEX_TRY(g->lexicon().LoadWordLists(paths.lexicon_dir));
  NEWSINDEX_TRY(step(paths.wordnet_dir, [&](const std::string& p) {
    return g->lexicon().LoadWordNetCommonWords(p);
  }));
  NEWSINDEX_TRY(step(paths.given_names, [&](const std::string& p) {
    return g->lexicon().LoadGivenNames(p);
  }));
  NEWSINDEX_TRY(step(paths.iso_3166_json, [&](const std::string& p) {
    return LoadIsoCountries(p, g.get());
  }));
  NEWSINDEX_TRY(step(paths.cldr_en_xml, [&](const std::string& p) {
    return LoadCldrTerritories(p, g.get());
  }));
  // The same territories' names in the other languages' locales beside it.
  NEWSINDEX_TRY(step(paths.cldr_en_xml, [&](const std::string& p) {
    return LoadCldrLocaleNames(p, g.get());
  }));
  NEWSINDEX_TRY(step(paths.curated_jsonl, [&](const std::string& p) {
    return LoadEntityJsonl(p, kPriorityCurated, g.get());
  }));
  NEWSINDEX_TRY(step(paths.wordnet_dir, [&](const std::string& p) {
    return LoadWordNetInstances(p, g.get());
  }));
  NEWSINDEX_TRY(step(paths.iso_3166_2_json, [&](const std::string& p) {
    return LoadIsoSubdivisions(p, g.get());
  }));
  NEWSINDEX_TRY(step(paths.cities, [&](const std::string& p) {
    return LoadGeoNamesCities(p, g.get());
  }));
  for (const std::string& path : paths.geonames_cities) {
    NEWSINDEX_TRY(LoadGeoNamesCities(path, g.get()));
  }
  NEWSINDEX_TRY(step(paths.multilingual_jsonl, [&](const std::string& p) {
    return LoadEntityJsonl(p, kPriorityCurated, g.get());
  }));
  for (const std::string& path : paths.gazetteers) {
    NEWSINDEX_TRY(LoadEntityJsonl(path, kPriorityOperator, g.get()));
  }
  for (const std::string& path : paths.tsv_tables) {
    NEWSINDEX_TRY(LoadEntityTsv(path, g.get()));
  }
#undef NEWSINDEX_TRY
  // Sources overlap (WordNet names the Soviet Union "Russia" too): a
  // record lists only the names it owns.
  g->DropForeignAliases();
  return g;
}

KnowledgePaths DefaultKnowledgePaths(const std::string& data_dir) {
  KnowledgePaths paths;
  paths.lexicon_dir = absl::StrCat(data_dir, "/", kLexiconDir);
  paths.curated_jsonl = absl::StrCat(data_dir, "/curated.jsonl");
  paths.given_names = absl::StrCat(data_dir, "/given_names.txt");
  paths.cities = absl::StrCat(data_dir, "/cities15000.tsv");
  paths.multilingual_jsonl = absl::StrCat(data_dir, "/multilingual.jsonl");
  return paths;
}

}  // namespace newsindex
