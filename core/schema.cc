#include "core/schema.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "core/hash.h"

namespace newsindex::schema {
namespace {

std::string MaybeHashedTerm(absl::string_view prefix, absl::string_view value) {
  if (value.size() <= kMaxVerbatimIdBytes) return absl::StrCat(prefix, value);
  return absl::StrCat(prefix, "#", Sha256Hex(value));
}

}  // namespace

std::string IdTerm(absl::string_view id) {
  return MaybeHashedTerm(kIdPrefix, id);
}

std::string UrlTerm(absl::string_view url) {
  return MaybeHashedTerm(kUrlPrefix, url);
}

std::string SourceTerm(absl::string_view source) {
  return MaybeHashedTerm(kSourcePrefix, absl::AsciiStrToLower(source));
}

absl::string_view EntityTypePrefix(EntityType type) {
  switch (type) {
    case EntityType::kPerson:
      return kPersonPrefix;
    case EntityType::kOrganization:
      return kOrgPrefix;
    case EntityType::kLocation:
      return kPlacePrefix;
    default:
      return kOtherEntityPrefix;
  }
}

std::string LanguageTerm(absl::string_view language) {
  return absl::StrCat(kLanguagePrefix, absl::AsciiStrToLower(language));
}

}  // namespace newsindex::schema
