#include "core/entity_catalog.h"

#include <algorithm>
#include <filesystem>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "core/database_handle.h"
#include "core/entities/tokens.h"
#include "core/schema.h"
#include "core/xapian_status.h"
#include "nlohmann/json.hpp"

namespace newsindex {
namespace {

// Xapian keys and terms are limited to about 245 bytes.
constexpr size_t kMaxKeyBytes = 200;

std::string EntityKey(absl::string_view id) {
  return absl::StrCat(kEntityMetadataPrefix, id);
}

std::string EncodeRecord(const EntityRecord& r) {
  nlohmann::json j;
  j["name"] = r.name;
  j["type"] = EntityTypeName(r.type);
  j["subtype"] = r.subtype;
  j["aliases"] = r.aliases;
  return j.dump();
}

std::optional<EntityRecord> DecodeRecord(const std::string& id,
                                         const std::string& data) {
  if (data.empty()) return std::nullopt;
  nlohmann::json j = nlohmann::json::parse(data, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  EntityRecord r;
  r.id = id;
  r.name = j.value("name", "");
  r.type = EntityTypeFromName(j.value("type", ""));
  r.subtype = j.value("subtype", "");
  if (auto it = j.find("aliases"); it != j.end() && it->is_array()) {
    for (const nlohmann::json& a : *it) {
      if (a.is_string()) r.aliases.push_back(a.get<std::string>());
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

bool AddUnique(std::vector<std::string>* list, const std::string& item) {
  if (std::find(list->begin(), list->end(), item) != list->end()) return false;
  list->push_back(item);
  return true;
}

}  // namespace

absl::Status RecordEntities(Xapian::WritableDatabase& db,
                            const std::vector<ArticleEntity>& entities,
                            const Gazetteer* knowledge, WrittenKeys* written) {
  return CallXapian([&]() -> absl::Status {
    for (const ArticleEntity& e : entities) {
      if (e.id.empty() || e.id.size() > kMaxKeyBytes) continue;
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
      std::optional<EntityRecord> record =
          DecodeRecord(e.id, db.get_metadata(key));
      std::vector<std::string> fresh;  // aliases new to the catalog
      if (!record) {
        record.emplace();
        record->id = e.id;
        record->name = e.name;
        record->type = e.type;
        record->subtype = e.subtype;
        if (knowledge != nullptr) {
          if (const EntityRecord* known = knowledge->FindById(e.id)) {
            for (const std::string& a : known->aliases) {
              if (AddUnique(&record->aliases, a)) fresh.push_back(a);
            }
          }
        }
      }
      for (const std::string& alias : aliases) {
        if (AddUnique(&record->aliases, alias)) fresh.push_back(alias);
      }
      if (fresh.empty()) continue;
      db.set_metadata(key, EncodeRecord(*record));
      const std::string term = absl::StrCat(schema::kEntityPrefix, e.id);
      for (const std::string& alias : fresh) {
        const std::string name_key = NameKey(alias);
        if (name_key.empty() || name_key.size() > kMaxKeyBytes) continue;
        const std::string alias_key =
            absl::StrCat(kAliasMetadataPrefix, name_key);
        if (db.get_metadata(alias_key).empty()) {
          db.set_metadata(alias_key, e.id);
        }
        // Xapian's parser keeps "russia's" whole; such keys would not match.
        if (alias.find('\'') == std::string::npos &&
            alias.find("\u2019") == std::string::npos) {
          db.add_synonym(name_key, term);
        }
      }
    }
    return absl::OkStatus();
  });
}

std::optional<EntityRecord> ReadCatalogRecord(const Xapian::Database& db,
                                              const std::string& id) {
  if (id.size() > kMaxKeyBytes) return std::nullopt;
  return DecodeRecord(id, db.get_metadata(EntityKey(id)));
}

bool EntityCatalog::Refresh() const { return OpenOrReopen(path_, &db_); }

std::optional<EntityRecord> EntityCatalog::ReadEntity(
    const std::string& id) const {
  if (!db_.has_value()) return std::nullopt;
  return ReadCatalogRecord(*db_, id);
}

absl::StatusOr<std::optional<EntityRecord>> EntityCatalog::Find(
    absl::string_view name_or_id, int64_t* count) const {
  const std::string id =
      absl::AsciiStrToLower(absl::StripAsciiWhitespace(name_or_id));
  absl::MutexLock lock(&mu_);
  absl::StatusOr<std::optional<EntityRecord>> result =
      CallXapian([&]() -> absl::StatusOr<std::optional<EntityRecord>> {
        const bool have_db = Refresh();
        std::optional<EntityRecord> found;
        const EntityRecord* known = nullptr;
        if (knowledge_ != nullptr) {
          known = knowledge_->FindById(id);
          // "RU": a country's ISO code.
          if (known == nullptr && id.size() == 2) {
            known = knowledge_->FindById(absl::StrCat("country:", id));
          }
        }
        if (have_db && id.size() <= kMaxKeyBytes) found = ReadEntity(id);
        if (!found && known == nullptr && knowledge_ != nullptr) {
          known = knowledge_->FindByName(name_or_id);
        }
        if (!found && known == nullptr && have_db) {
          const std::string key = NameKey(name_or_id);
          if (!key.empty() && key.size() <= kMaxKeyBytes) {
            const std::string target =
                db_->get_metadata(absl::StrCat(kAliasMetadataPrefix, key));
            if (!target.empty()) {
              found = ReadEntity(target);
              if (knowledge_ != nullptr) known = knowledge_->FindById(target);
            }
          }
        }
        if (known != nullptr) {
          if (!found && have_db) found = ReadEntity(known->id);
          if (!found) {
            found = *known;
          } else {
            for (const std::string& a : known->aliases) {
              AddUnique(&found->aliases, a);
            }
            found->name = known->name;
          }
        }
        if (found && count != nullptr) {
          *count = have_db ? db_->get_termfreq(
                                 absl::StrCat(schema::kEntityPrefix, found->id))
                           : 0;
        }
        return found;
      });
  if (!result.ok()) db_.reset();  // start from a fresh handle next time
  return result;
}

std::optional<EntityRecord> EntityCatalog::Resolve(absl::string_view name_or_id,
                                                   EntityType type) const {
  absl::StatusOr<std::optional<EntityRecord>> found = Find(name_or_id, nullptr);
  if (!found.ok() || !found->has_value()) return std::nullopt;
  if (type != EntityType::kUnspecified && (*found)->type != type) {
    return std::nullopt;
  }
  return **found;
}

absl::StatusOr<CatalogEntry> EntityCatalog::Lookup(
    absl::string_view name_or_id) const {
  CatalogEntry entry;
  absl::StatusOr<std::optional<EntityRecord>> found =
      Find(name_or_id, &entry.article_count);
  if (!found.ok()) return found.status();
  if (!found->has_value()) {
    return absl::NotFoundError(absl::StrCat("no entity \"", name_or_id, "\""));
  }
  entry.record = **found;
  return entry;
}

}  // namespace newsindex
