#include "core/index/internal/catalog_names.h"

#include "absl/strings/match.h"
#include "core/entities/tokens.h"
#include "core/index/catalog_store.h"
#include "core/index/schema.h"
#include "core/index/xapian_status.h"

namespace newsindex {
namespace {

// What the extractor needs of a record: not its aliases.
EntityRecord Header(const EntityRecord& r) {
  EntityRecord h;
  h.id = r.id;
  h.name = r.name;
  h.type = r.type;
  h.subtype = r.subtype;
  h.country = r.country;
  return h;
}

}  // namespace

absl::Status CatalogNames::LoadFrom(const Xapian::Database& db) {
  return CallXapian([&]() -> absl::Status {
    const std::string prefix(schema::kAliasMetadataPrefix);
    absl::flat_hash_map<std::string, std::optional<EntityRecord>> records;
    absl::MutexLock lock(&mu_);
    for (auto it = db.metadata_keys_begin(prefix);
         it != db.metadata_keys_end(prefix); ++it) {
      const std::string key = *it;
      const std::string id = db.get_metadata(key);
      auto [rec, inserted] = records.try_emplace(id);
      if (inserted) rec->second = ReadCatalogRecord(db, id);
      if (!rec->second) continue;
      AddLocked(MatchKey(absl::string_view(key).substr(prefix.size())),
                Header(*rec->second));
    }
    return absl::OkStatus();
  });
}

void CatalogNames::Record(const std::vector<ArticleEntity>& entities) {
  absl::MutexLock lock(&mu_);
  for (const ArticleEntity& e : entities) {
    if (e.id.empty()) continue;
    EntityRecord record;
    record.id = e.id;
    record.name = e.name;
    record.type = e.type;
    record.subtype = e.subtype;
    record.country = e.country;
    const std::string name_key = NameKey(e.name);
    std::vector<std::string> names = e.surface_forms;
    names.push_back(e.name);
    for (const std::string& name : names) {
      // "Kabulov" alone may be any Kabulov in a later article.
      if (e.type == EntityType::kPerson) {
        const std::string key = NameKey(name);
        if (key.find(' ') == std::string::npos && key != name_key) continue;
      }
      AddLocked(MatchKey(name), record);
    }
  }
}

std::optional<EntityRecord> CatalogNames::FindLearned(
    absl::string_view match_key) const {
  absl::ReaderMutexLock lock(&mu_);
  auto it = by_key_.find(match_key);
  if (it == by_key_.end()) return std::nullopt;
  return it->second;
}

size_t CatalogNames::size() const {
  absl::ReaderMutexLock lock(&mu_);
  return by_key_.size();
}

void CatalogNames::AddLocked(const std::string& match_key,
                             const EntityRecord& record) {
  if (match_key.empty()) return;
  by_key_.try_emplace(match_key, record);
}

}  // namespace newsindex
