#include "core/base/article.h"

namespace newsindex {

const char* EntityTypeName(EntityType type) {
  switch (type) {
    case EntityType::kPerson:
      return "person";
    case EntityType::kOrganization:
      return "organization";
    case EntityType::kLocation:
      return "location";
    case EntityType::kOther:
      return "other";
    case EntityType::kUnspecified:
      break;
  }
  return "unspecified";
}

EntityType EntityTypeFromName(absl::string_view name) {
  for (EntityType t : {EntityType::kPerson, EntityType::kOrganization,
                       EntityType::kLocation, EntityType::kOther}) {
    if (name == EntityTypeName(t)) return t;
  }
  return EntityType::kUnspecified;
}

const char* ContentFieldName(ContentKind kind) {
  switch (kind) {
    case ContentKind::kText:
      return "text";
    case ContentKind::kHtml:
      return "html";
    case ContentKind::kRaw:
      return "raw";
  }
  return "content";
}

}  // namespace newsindex
