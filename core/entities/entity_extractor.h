// Interfaces between entity knowledge and the rest of the core.
#ifndef NEWSINDEX_CORE_ENTITIES_ENTITY_EXTRACTOR_H_
#define NEWSINDEX_CORE_ENTITIES_ENTITY_EXTRACTOR_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "core/base/article.h"

namespace newsindex {

// Finds the entities an article body mentions, each resolved to its
// canonical id. Implementations must be thread-safe: one extractor serves
// every ingest worker.
class EntityExtractor {
 public:
  virtual ~EntityExtractor() = default;
  // Entities of `body` (normalized UTF-8), most salient first, with mention
  // offsets in code points into `body`.
  virtual std::vector<ArticleEntity> Extract(absl::string_view body) const = 0;
  // Entities of an article's dateline ("KABUL", "Termez, Uzbekistan"),
  // text that names a place, so a town's name needs no further context
  // there. Offsets are into `dateline`. By default Extract(dateline).
  virtual std::vector<ArticleEntity> ExtractDateline(
      absl::string_view dateline) const {
    return Extract(dateline);
  }
  // Entities of `body` written in `language` (ISO 639-1, as the article's
  // language; empty when unknown). By default Extract(body); the rule
  // extractor runs its English tagger and capitalisation rules on English
  // (and unknown) text only (docs/languages.md).
  virtual std::vector<ArticleEntity> ExtractIn(
      absl::string_view body, absl::string_view language) const {
    (void)language;
    return Extract(body);
  }
};

// A canonical entity as the knowledge base knows it.
struct EntityRecord {
  std::string id;
  std::string name;
  EntityType type = EntityType::kUnspecified;
  std::string subtype;
  std::vector<std::string> aliases;
  // ISO 3166-1 alpha-2 of the country a place lies in, when known ("RU").
  std::string country;
};

// Resolves a name a user typed ("Russia", "RU", "country:ru") to the
// canonical entity. Thread-safe.
class EntityResolver {
 public:
  virtual ~EntityResolver() = default;
  // The entity `name_or_id` denotes, restricted to `type` unless it is
  // kUnspecified; nullopt when unknown.
  virtual std::optional<EntityRecord> Resolve(absl::string_view name_or_id,
                                              EntityType type) const = 0;
};

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_ENTITIES_ENTITY_EXTRACTOR_H_
