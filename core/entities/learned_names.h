// Names the index has already linked to entities, for extraction at
// ingest: an acronym an earlier article defined ("Kuwait Water Co (KWC)")
// links to that entity again in later articles that only say "KWC".
// core/entities defines the interface; core/index implements it over the
// entity catalog (core/index/catalog_names.h) and ingest wires the two.
#ifndef NEWSINDEX_CORE_ENTITIES_LEARNED_NAMES_H_
#define NEWSINDEX_CORE_ENTITIES_LEARNED_NAMES_H_

#include <optional>

#include "absl/strings/string_view.h"
#include "core/entities/entity_extractor.h"

namespace newsindex {

// Read-only to the extractor; implementations must be thread-safe (every
// ingest worker reads while the index writer adds).
class LearnedNames {
 public:
  virtual ~LearnedNames() = default;
  // The entity a name with MatchKey(name) == `match_key` was linked to
  // (id, name, type, subtype, country; no aliases), or nullopt.
  virtual std::optional<EntityRecord> FindLearned(
      absl::string_view match_key) const = 0;
};

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_ENTITIES_LEARNED_NAMES_H_
