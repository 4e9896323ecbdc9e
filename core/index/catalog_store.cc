#include "core/index/catalog_store.h"

#include <algorithm>
#include <limits>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "core/entities/tokens.h"
#include "core/index/schema.h"
#include "core/index/xapian_status.h"
#include "nlohmann/json.hpp"

namespace newsindex {
namespace {

std::string EntityKey(absl::string_view id) {
  return absl::StrCat(schema::kEntityMetadataPrefix, id);
}

// `created` is when the writer first recorded the entity (microseconds
// since the epoch, 0 when unknown): readers of several shards take the
// name, type and country of the earliest record, which is the record one
// database holding the same articles would have kept.
std::string EncodeRecord(const EntityRecord& r, int64_t created) {
  nlohmann::json j;
  if (created > 0) j["created"] = created;
  j["name"] = r.name;
  j["type"] = EntityTypeName(r.type);
  j["subtype"] = r.subtype;
  if (!r.country.empty()) j["country"] = r.country;
  j["aliases"] = r.aliases;
  return j.dump();
}

// Adds `alias` to `record` unless its name key is already there (`keys`
// holds the record's name keys), the key is empty or too long, or the
// record is full. True when added.
bool AddAlias(EntityRecord* record, absl::flat_hash_set<std::string>* keys,
              const std::string& alias) {
  if (record->aliases.size() >= kMaxAliasesPerEntity) return false;
  std::string key = NameKey(alias);
  if (key.empty() || key.size() > schema::kMaxCatalogKeyBytes) return false;
  if (!keys->insert(std::move(key)).second) return false;
  record->aliases.push_back(alias);
  return true;
}

// The name keys of `record`'s aliases.
absl::flat_hash_set<std::string> AliasKeys(const EntityRecord& record) {
  absl::flat_hash_set<std::string> keys;
  for (const std::string& alias : record.aliases) keys.insert(NameKey(alias));
  return keys;
}

// Decodes a stored record, deduplicating and capping its aliases (records
// written before the bounds may hold thousands of case variants). Sets
// *repaired (when not null) when that dropped any.
std::optional<EntityRecord> DecodeRecord(const std::string& id,
                                         const std::string& data,
                                         int64_t* created = nullptr,
                                         bool* repaired = nullptr) {
  if (repaired != nullptr) *repaired = false;
  if (data.empty()) return std::nullopt;
  nlohmann::json j = nlohmann::json::parse(data, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  if (created != nullptr) {
    auto it = j.find("created");
    // Records from before the field: after every dated one.
    *created = it != j.end() && it->is_number_integer()
                   ? it->get<int64_t>()
                   : std::numeric_limits<int64_t>::max();
  }
  EntityRecord r;
  r.id = id;
  r.name = j.value("name", "");
  r.type = EntityTypeFromName(j.value("type", ""));
  r.subtype = j.value("subtype", "");
  r.country = j.value("country", "");
  if (auto it = j.find("aliases"); it != j.end() && it->is_array()) {
    absl::flat_hash_set<std::string> keys;
    for (const nlohmann::json& a : *it) {
      if (!a.is_string()) continue;
      if (!AddAlias(&r, &keys, a.get<std::string>()) && repaired != nullptr) {
        *repaired = true;
      }
    }
  }
  return r;
}

// A one-word part of a person's multi-word name.
bool IsPartOfPersonName(const ArticleEntity& e, const std::string& alias) {
  if (e.type != EntityType::kPerson) return false;
  const std::string key = NameKey(alias);
  const std::string name = NameKey(e.name);
  return key.find(' ') == std::string::npos && key != name;
}

// Makes `name_key` a synonym of the entity's XE: term: in the synonym
// table, or, on a remote database (`table` false), as a metadata key that
// readers turn back into a synonym. A key over Xapian's limit is skipped:
// the alias then still resolves through its alias key, only not in free
// text.
void AddSynonym(Xapian::WritableDatabase& db, const std::string& name_key,
                const std::string& id, bool table) {
  if (table) {
    db.add_synonym(name_key, schema::EntityTerm(id));
    return;
  }
  std::string key =
      absl::StrCat(schema::kSynonymMetadataPrefix, name_key, "\t", id);
  if (key.size() <= schema::kMaxTermBytes) db.set_metadata(key, "1");
}

}  // namespace

absl::Status RecordEntities(Xapian::WritableDatabase& db,
                            const std::vector<ArticleEntity>& entities,
                            const Gazetteer* knowledge, WrittenKeys* written,
                            bool synonyms) {
  return CallXapian([&]() -> absl::Status {
    for (const ArticleEntity& e : entities) {
      if (e.id.empty() || e.id.size() > schema::kMaxCatalogKeyBytes) continue;
      // The aliases this article gives the entity: its name and surface
      // forms, except one-word parts of a person's name.
      std::vector<std::string> aliases = {e.name};
      for (const std::string& form : e.surface_forms) {
        if (!IsPartOfPersonName(e, form)) aliases.push_back(form);
      }
      // Most articles name entities the catalog already has with these
      // aliases: then there is nothing to read or write.
      if (written != nullptr) {
        std::vector<std::string> keys;
        for (const std::string& alias : aliases) {
          keys.push_back(absl::StrCat(e.id, "\n", alias));
        }
        if (std::all_of(keys.begin(), keys.end(), [&](const std::string& k) {
              return written->Contains(k);
            })) {
          continue;
        }
        for (const std::string& k : keys) written->Insert(k);
      }
      const std::string key = EntityKey(e.id);
      int64_t created = 0;
      bool repaired = false;
      std::optional<EntityRecord> record =
          DecodeRecord(e.id, db.get_metadata(key), &created, &repaired);
      std::vector<std::string> fresh;  // aliases new to the catalog
      absl::flat_hash_set<std::string> keys;
      if (!record) {
        created = absl::ToUnixMicros(absl::Now());
        record.emplace();
        record->id = e.id;
        record->name = e.name;
        record->type = e.type;
        record->subtype = e.subtype;
        record->country = e.country;
        if (knowledge != nullptr) {
          if (const EntityRecord* known = knowledge->FindById(e.id)) {
            for (const std::string& a : known->aliases) {
              if (AddAlias(&*record, &keys, a)) fresh.push_back(a);
            }
          }
        }
      } else {
        keys = AliasKeys(*record);
      }
      size_t from_article = 0;
      for (const std::string& alias : aliases) {
        if (from_article >= kMaxAliasesPerArticle) break;
        if (AddAlias(&*record, &keys, alias)) {
          fresh.push_back(alias);
          ++from_article;
        }
      }
      if (fresh.empty() && !repaired) continue;
      db.set_metadata(
          key,
          EncodeRecord(*record, created == std::numeric_limits<int64_t>::max()
                                    ? 0
                                    : created));
      for (const std::string& alias : fresh) {
        const std::string name_key = NameKey(alias);
        if (name_key.empty() || name_key.size() > schema::kMaxCatalogKeyBytes)
          continue;
        const std::string alias_key =
            absl::StrCat(schema::kAliasMetadataPrefix, name_key);
        if (db.get_metadata(alias_key).empty()) {
          db.set_metadata(alias_key, e.id);
        }
        const std::string entity_key = absl::StrCat(
            schema::kAliasEntityMetadataPrefix, name_key, "\t", e.id);
        if (entity_key.size() <= schema::kMaxTermBytes) {
          db.set_metadata(entity_key, "1");
        }
        // Xapian's parser keeps "russia's" whole; such keys would not match.
        if (alias.find('\'') == std::string::npos &&
            alias.find("\u2019") == std::string::npos) {
          AddSynonym(db, name_key, e.id, synonyms);
        }
      }
    }
    return absl::OkStatus();
  });
}

std::optional<EntityRecord> ReadCatalogRecord(const Xapian::Database& db,
                                              const std::string& id) {
  if (id.size() > schema::kMaxCatalogKeyBytes) return std::nullopt;
  return DecodeRecord(id, db.get_metadata(EntityKey(id)));
}

void RecordSuggestKeys(Xapian::WritableDatabase& db,
                       const std::vector<ArticleEntity>& entities,
                       WrittenKeys* written) {
  for (const ArticleEntity& entity : entities) {
    absl::flat_hash_set<std::string> words;
    std::vector<std::string> names = entity.surface_forms;
    names.push_back(entity.name);
    for (const std::string& name : names) {
      for (absl::string_view word :
           absl::StrSplit(NameKey(name), ' ', absl::SkipEmpty())) {
        words.insert(std::string(word));
      }
    }
    for (const std::string& word : words) {
      std::string key =
          absl::StrCat(schema::kSuggestMetadataPrefix, word, " ", entity.id);
      if (key.size() > schema::kMaxCatalogKeyBytes) continue;
      if (written != nullptr && written->Contains(key)) continue;
      if (db.get_metadata(key).empty()) db.set_metadata(key, "1");
      if (written != nullptr) written->Insert(key);
    }
  }
}

std::optional<EntityRecord> CatalogReader::Record(const std::string& id) const {
  if (id.size() > schema::kMaxCatalogKeyBytes) return std::nullopt;
  std::optional<EntityRecord> merged;
  int64_t merged_created = 0;
  std::vector<std::string> aliases;
  for (const Xapian::Database& shard : shards_) {
    int64_t created = 0;
    std::optional<EntityRecord> record =
        DecodeRecord(id, shard.get_metadata(EntityKey(id)), &created);
    if (!record) continue;
    aliases.insert(aliases.end(), record->aliases.begin(),
                   record->aliases.end());
    // The earliest record is the one a single database would hold.
    if (!merged || created < merged_created) {
      merged = std::move(record);
      merged_created = created;
    }
  }
  if (!merged) return merged;
  // One order whatever the shards: sorted, then one alias per name key,
  // within the per-entity cap, as one database's record holds them.
  std::sort(aliases.begin(), aliases.end());
  merged->aliases.clear();
  absl::flat_hash_set<std::string> keys;
  for (const std::string& alias : aliases) AddAlias(&*merged, &keys, alias);
  return merged;
}

std::vector<std::string> CatalogReader::EntitiesWithAlias(
    const std::string& name_key) const {
  std::vector<std::string> ids;
  if (name_key.empty() || name_key.size() > schema::kMaxCatalogKeyBytes) {
    return ids;
  }
  const std::string scan =
      absl::StrCat(schema::kAliasEntityMetadataPrefix, name_key, "\t");
  for (const std::string& key : KeysWithPrefix(scan)) {
    ids.push_back(key.substr(scan.size()));
  }
  // Catalogs written before the per-entity keys have the first one only.
  const std::string alias_key =
      absl::StrCat(schema::kAliasMetadataPrefix, name_key);
  for (const Xapian::Database& shard : shards_) {
    std::string id = shard.get_metadata(alias_key);
    if (!id.empty()) ids.push_back(std::move(id));
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

std::string CatalogReader::Metadata(const std::string& key) const {
  for (const Xapian::Database& shard : shards_) {
    std::string value = shard.get_metadata(key);
    if (!value.empty()) return value;
  }
  return std::string();
}

std::vector<std::string> CatalogReader::KeysWithPrefix(
    const std::string& prefix) const {
  std::vector<std::string> keys;
  for (const Xapian::Database& shard : shards_) {
    for (auto it = shard.metadata_keys_begin(prefix);
         it != shard.metadata_keys_end(prefix); ++it) {
      keys.push_back(*it);
    }
  }
  if (shards_.size() > 1) {
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  }
  return keys;
}

}  // namespace newsindex
