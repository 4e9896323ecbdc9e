#include "core/index/schema.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "core/base/hash.h"

namespace newsindex::schema {
std::string PrefixedTerm(absl::string_view prefix, absl::string_view value) {
  if (value.size() <= kMaxVerbatimIdBytes &&
      !absl::StartsWith(value, kHashedMark)) {
    return absl::StrCat(prefix, value);
  }
  return absl::StrCat(prefix, kHashedMark, Sha256Hex(value));
}

std::string EntityTerm(absl::string_view id) {
  return PrefixedTerm(kEntityPrefix, id);
}

std::string TypedEntityTerm(EntityType type, absl::string_view id) {
  return PrefixedTerm(EntityTypePrefix(type), id);
}

std::string StoryTerm(absl::string_view story_id) {
  return PrefixedTerm(kStoryPrefix, story_id);
}

std::string ClusterTerm(absl::string_view cluster_key) {
  return PrefixedTerm(kClusterPrefix, cluster_key);
}

std::string IdTerm(absl::string_view id) { return PrefixedTerm(kIdPrefix, id); }

std::string UrlTerm(absl::string_view url) {
  return PrefixedTerm(kUrlPrefix, url);
}

std::string CountryTerm(absl::string_view alpha2) {
  return PrefixedTerm(kCountryPrefix, absl::AsciiStrToUpper(alpha2));
}

std::string AboutEntityTerm(absl::string_view id) {
  return PrefixedTerm(kAboutEntityPrefix, id);
}

std::string AboutCountryTerm(absl::string_view alpha2) {
  return PrefixedTerm(kAboutCountryPrefix, absl::AsciiStrToUpper(alpha2));
}

std::string SalienceEntityTerm(absl::string_view id) {
  return PrefixedTerm(kSalienceEntityPrefix, id);
}

std::string SalienceCountryTerm(absl::string_view alpha2) {
  return PrefixedTerm(kSalienceCountryPrefix, absl::AsciiStrToUpper(alpha2));
}

Xapian::termcount SalienceWdf(double salience) {
  return 1 + static_cast<Xapian::termcount>(std::lround(
                 std::clamp(salience, 0.0, 1.0) * kSalienceWdfScale));
}

std::string LabelTerm(absl::string_view key, absl::string_view value) {
  return PrefixedTerm(kLabelPrefix,
                      absl::StrCat(key, "=", absl::AsciiStrToLower(value)));
}

std::string EncodeLabelSlot(const Labels& labels) {
  std::string out;
  for (const auto& [key, value] : labels) {
    absl::StrAppend(&out, key, "=", value, "\n");
  }
  return out;
}

std::string SourceTerm(absl::string_view source) {
  return PrefixedTerm(kSourcePrefix, absl::AsciiStrToLower(source));
}

absl::string_view EntityTypePrefix(EntityType type) {
  switch (type) {
    case EntityType::kPerson:
      return kPersonPrefix;
    case EntityType::kOrganization:
      return kOrgPrefix;
    case EntityType::kLocation:
      return kLocationPrefix;
    default:
      return kOtherEntityPrefix;
  }
}

std::string LanguageTerm(absl::string_view language) {
  return PrefixedTerm(kLanguagePrefix, absl::AsciiStrToLower(language));
}

std::string LanguageStemMarker(absl::string_view language) {
  const std::string code = absl::AsciiStrToUpper(language);
  if (code.empty() || code == "EN") return "";
  return absl::StrCat(code, ":");
}

std::string EncodeEntitySlot(const std::vector<ArticleEntity>& entities) {
  std::string out;
  for (const ArticleEntity& e : entities) {
    char letter = 'X';
    switch (e.type) {
      case EntityType::kPerson:
        letter = 'P';
        break;
      case EntityType::kOrganization:
        letter = 'O';
        break;
      case EntityType::kLocation:
        letter = 'L';
        break;
      default:
        break;
    }
    if (!out.empty()) out.push_back('\n');
    absl::StrAppend(&out, std::string(1, letter), ":", e.id);
  }
  return out;
}

EntityType EntityTypeFromSlotLetter(char letter) {
  switch (letter) {
    case 'P':
      return EntityType::kPerson;
    case 'O':
      return EntityType::kOrganization;
    case 'L':
      return EntityType::kLocation;
    default:
      return EntityType::kOther;
  }
}

std::string EntityTypeTerm(EntityType type) {
  return absl::StrCat(kEntityTypePresencePrefix, EntityTypeName(type));
}

std::string DayTerm(absl::Time t) {
  const absl::CivilDay day = absl::ToCivilDay(t, absl::UTCTimeZone());
  return absl::StrFormat("%s%04d%02d%02d", kDayPrefix, day.year(), day.month(),
                         day.day());
}

std::string MonthTerm(absl::Time t) {
  const absl::CivilDay day = absl::ToCivilDay(t, absl::UTCTimeZone());
  return absl::StrFormat("%s%04d%02d", kMonthPrefix, day.year(), day.month());
}

std::string YearTerm(absl::Time t) {
  const absl::CivilDay day = absl::ToCivilDay(t, absl::UTCTimeZone());
  return absl::StrFormat("%s%04d", kYearPrefix, day.year());
}

std::string TimeValue(absl::Time t) {
  return Xapian::sortable_serialise(
      absl::ToDoubleSeconds(t - absl::UnixEpoch()));
}

std::string OrderValue(std::optional<absl::Time> published,
                       absl::string_view id, bool newest_first) {
  std::string value;
  if (!published) {
    value.push_back(newest_first ? '\x01' : '\x00');
  } else {
    value.push_back(newest_first ? '\x00' : '\x01');
    // Seconds as a fixed-width unsigned number that sorts as the signed
    // one, so that the id after it compares only between equal times.
    uint64_t key = static_cast<uint64_t>(absl::ToUnixSeconds(*published)) ^
                   (uint64_t{1} << 63);
    if (newest_first) key = ~key;
    for (int shift = 56; shift >= 0; shift -= 8) {
      value.push_back(static_cast<char>((key >> shift) & 0xff));
    }
  }
  absl::StrAppend(&value, id);
  return value;
}

absl::Time TimeFromValue(const std::string& value) {
  return absl::UnixEpoch() + absl::Seconds(Xapian::sortable_unserialise(value));
}

}  // namespace newsindex::schema
