#include "core/search/entity_catalog.h"

#include <algorithm>
#include <filesystem>

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "core/entities/tokens.h"
#include "core/index/catalog_store.h"
#include "core/index/schema.h"
#include "core/index/xapian_status.h"
#include "core/search/database_handle.h"
#include "core/search/search_limits.h"
#include "core/text/excerpt.h"
#include "nlohmann/json.hpp"

namespace newsindex {

bool EntityCatalog::Refresh() const { return index_.OpenOrReopen(); }

std::optional<EntityRecord> EntityCatalog::ReadEntity(
    const std::string& id) const {
  if (!index_.is_open()) return std::nullopt;
  return index_.catalog().Record(id);
}

std::optional<EntityRecord> EntityCatalog::BestWithAlias(
    const std::string& key, EntityType type) const {
  std::optional<EntityRecord> best;
  Xapian::doccount best_count = 0;
  for (const std::string& id : index_.catalog().EntitiesWithAlias(key)) {
    std::optional<EntityRecord> record = ReadEntity(id);
    if (!record) continue;
    if (type != EntityType::kUnspecified && record->type != type) continue;
    const Xapian::doccount count =
        index_.all().get_termfreq(schema::EntityTerm(id));
    // Most articles, then the type's order (person, organization,
    // location, other), then the id; candidates come sorted by id.
    if (!best || count > best_count ||
        (count == best_count && record->type < best->type)) {
      best = std::move(record);
      best_count = count;
    }
  }
  return best;
}

absl::StatusOr<std::optional<EntityRecord>> EntityCatalog::Find(
    absl::string_view name_or_id, EntityType type, int64_t* count) const {
  const std::string id =
      absl::AsciiStrToLower(absl::StripAsciiWhitespace(name_or_id));
  absl::MutexLock lock(&mu_);
  absl::StatusOr<std::optional<EntityRecord>> result =
      CallXapian([&]() -> absl::StatusOr<std::optional<EntityRecord>> {
        mu_.AssertHeld();  // for the analysis: a lambda is checked alone
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
        if (have_db && id.size() <= schema::kMaxCatalogKeyBytes)
          found = ReadEntity(id);
        if (!found && known == nullptr && knowledge_ != nullptr) {
          known = knowledge_->FindByName(name_or_id);
          // A typed field ("person:X") looks further than a known entity
          // of another type.
          if (known != nullptr && type != EntityType::kUnspecified &&
              known->type != type) {
            known = nullptr;
          }
        }
        if (!found && known == nullptr && have_db) {
          found = BestWithAlias(NameKey(name_or_id), type);
          if (found && knowledge_ != nullptr) {
            known = knowledge_->FindById(found->id);
          }
        }
        if (known != nullptr) {
          if (!found && have_db) found = ReadEntity(known->id);
          if (!found) {
            found = *known;
          } else {
            for (const std::string& a : known->aliases) {
              if (!absl::c_linear_search(found->aliases, a)) {
                found->aliases.push_back(a);
              }
            }
            found->name = known->name;
            // Catalogs written before records had a country lack it.
            if (found->country.empty()) found->country = known->country;
          }
        }
        if (found && count != nullptr) {
          *count =
              have_db ? index_.all().get_termfreq(schema::EntityTerm(found->id))
                      : 0;
        }
        return found;
      });
  if (!result.ok()) index_.Reset();  // start from a fresh handle next time
  return result;
}

std::optional<EntityRecord> EntityCatalog::Resolve(absl::string_view name_or_id,
                                                   EntityType type) const {
  absl::StatusOr<std::optional<EntityRecord>> found =
      Find(name_or_id, type, nullptr);
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
      Find(name_or_id, EntityType::kUnspecified, &entry.article_count);
  if (!found.ok()) return found.status();
  if (!found->has_value()) {
    return absl::NotFoundError(
        absl::StrCat("no entity \"", Excerpt(name_or_id), "\""));
  }
  entry.record = **found;
  return entry;
}

}  // namespace newsindex
