// An in-memory gazetteer: canonical entities and the names they go by, with
// a longest-match extractor over it.
#ifndef NEWSINDEX_CORE_ENTITIES_GAZETTEER_H_
#define NEWSINDEX_CORE_ENTITIES_GAZETTEER_H_

#include "absl/strings/string_view.h"
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/entities/extractor.h"

namespace newsindex {

// Lowercased word tokens of `text` joined by single spaces: the key under
// which names are matched ("Russia's" -> "russia s").
std::string NameKey(absl::string_view text);

// Built once at start-up, then read-only: all const methods are
// thread-safe.
class Gazetteer final : public EntityResolver {
 public:
  Gazetteer() = default;
  Gazetteer(const Gazetteer&) = delete;
  Gazetteer& operator=(const Gazetteer&) = delete;

  // Adds `record`, or merges its aliases into the record with the same id.
  // Its name is an alias too.
  void Add(EntityRecord record);

  // Loads countries from iso-codes' iso_3166-1.json: id "country:<alpha-2
  // lowercase>", names name/common_name/official_name and the part of
  // "Iran, Islamic Republic of" before the comma. Fails with NOT_FOUND or
  // INVALID_ARGUMENT naming the file.
  absl::Status LoadIsoCodes(const std::string& path);

  // Adds English territory names from CLDR's common/main/en.xml (e.g.
  // "Russia", the short "UK" and variants) to the countries already loaded.
  absl::Status LoadCldrTerritories(const std::string& path);

  size_t size() const { return records_.size(); }
  const EntityRecord* FindById(absl::string_view id) const;
  // The record whose alias has the NameKey of `name`, if exactly one has.
  const EntityRecord* FindByName(absl::string_view name) const;

  std::optional<EntityRecord> Resolve(absl::string_view name_or_id,
                                      EntityType type) const override;

  // Longest-match of alias keys over the word tokens of `body`.
  struct Match {
    const EntityRecord* record;
    int start_byte;
    int end_byte;
  };
  std::vector<Match> FindMatches(absl::string_view body) const;

 private:
  std::vector<std::unique_ptr<EntityRecord>> records_;
  absl::flat_hash_map<std::string, EntityRecord*> by_id_;
  // NameKey -> record; nullptr marks a key that two records share.
  absl::flat_hash_map<std::string, EntityRecord*> by_key_;
  int max_key_tokens_ = 0;
};

// An EntityExtractor matching a Gazetteer's names: capitalized mentions only,
// longest match wins. Does not own the gazetteer.
class GazetteerExtractor final : public EntityExtractor {
 public:
  explicit GazetteerExtractor(const Gazetteer* gazetteer)
      : gazetteer_(gazetteer) {}
  std::vector<ArticleEntity> Extract(absl::string_view body) const override;

 private:
  const Gazetteer* gazetteer_;
};

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_ENTITIES_GAZETTEER_H_
