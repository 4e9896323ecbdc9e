#include "core/base/article.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "core/base/labels.h"

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

bool IsLabelKey(absl::string_view key) {
  if (key.empty() || key.size() > kMaxLabelKeyBytes) return false;
  for (char c : key) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (!absl::ascii_islower(u) && !absl::ascii_isdigit(u) && c != '_' &&
        c != '-' && c != '.') {
      return false;
    }
  }
  return true;
}

std::vector<std::string> AboutCountries(const Article& article) {
  std::vector<std::string> countries;
  for (const ArticleEntity& e : article.entities) {
    if (e.about && e.type == EntityType::kLocation && !e.country.empty()) {
      countries.push_back(e.country);
    }
  }
  std::sort(countries.begin(), countries.end());
  countries.erase(std::unique(countries.begin(), countries.end()),
                  countries.end());
  return countries;
}

const char* DateSourceName(DateSource source) {
  switch (source) {
    case DateSource::kMeta:
      return "META";
    case DateSource::kJsonLd:
      return "JSON_LD";
    case DateSource::kByline:
      return "BYLINE";
    case DateSource::kDateline:
      return "DATELINE";
    case DateSource::kUrl:
      return "URL";
    case DateSource::kCaller:
      return "CALLER";
    case DateSource::kIngestTime:
      return "INGEST_TIME";
    case DateSource::kUnknown:
      break;
  }
  return "UNKNOWN";
}

DateSource DateSourceFromName(absl::string_view name) {
  for (int i = 1; i <= static_cast<int>(DateSource::kIngestTime); ++i) {
    const auto source = static_cast<DateSource>(i);
    if (name == DateSourceName(source)) return source;
  }
  return DateSource::kUnknown;
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
