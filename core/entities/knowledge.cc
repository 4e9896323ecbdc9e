#include "core/entities/knowledge.h"

namespace newsindex {

absl::StatusOr<std::unique_ptr<Gazetteer>> LoadKnowledge(
    const KnowledgePaths& paths) {
  auto gazetteer = std::make_unique<Gazetteer>();
  if (absl::Status s = gazetteer->LoadIsoCodes(paths.iso_3166_json); !s.ok()) {
    return s;
  }
  if (!paths.cldr_en_xml.empty()) {
    if (absl::Status s = gazetteer->LoadCldrTerritories(paths.cldr_en_xml);
        !s.ok()) {
      return s;
    }
  }
  return gazetteer;
}

}  // namespace newsindex
