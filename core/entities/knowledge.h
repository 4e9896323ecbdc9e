// Loads the entity knowledge the services start with.
#ifndef NEWSINDEX_CORE_ENTITIES_KNOWLEDGE_H_
#define NEWSINDEX_CORE_ENTITIES_KNOWLEDGE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "core/entities/gazetteer.h"

namespace newsindex {

// Where knowledge files are; the defaults are where Debian's packages put
// them (iso-codes, unicode-cldr-core).
struct KnowledgePaths {
  std::string iso_3166_json = "/usr/share/iso-codes/json/iso_3166-1.json";
  std::string cldr_en_xml = "/usr/share/unicode/cldr/common/main/en.xml";
};

// Builds the gazetteer from every source in `paths`. An unreadable or
// malformed file is an error naming the file.
absl::StatusOr<std::unique_ptr<Gazetteer>> LoadKnowledge(
    const KnowledgePaths& paths);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_ENTITIES_KNOWLEDGE_H_
