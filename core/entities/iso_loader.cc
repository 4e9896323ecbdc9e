// Loaders for Debian's iso-codes and CLDR data.
#include <expat.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "core/entities/loaders.h"
#include "nlohmann/json.hpp"

namespace newsindex {
namespace {

absl::StatusOr<nlohmann::json> ReadJson(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  std::ostringstream contents;
  contents << in.rdbuf();
  nlohmann::json json = nlohmann::json::parse(contents.str(), nullptr,
                                              /*allow_exceptions=*/false);
  if (json.is_discarded()) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": not valid JSON"));
  }
  return json;
}

std::string StringField(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

// One <territory type="XX">name</territory> of a CLDR locale file, where XX
// is a two-letter region code; alt="short" and alt="variant" names are
// alternatives, other alt= forms are skipped.
struct CldrTerritory {
  std::string code;
  std::string name;  // entities decoded ("Bosnia & Herzegovina")
  bool alternative = false;
};

bool IsRegionCode(absl::string_view code) {
  return code.size() == 2 && absl::ascii_isupper(code[0]) &&
         absl::ascii_isupper(code[1]);
}

// Expat callbacks collecting the territories; `user_data` is this.
class TerritoryCollector {
 public:
  static void XMLCALL Start(void* user_data, const XML_Char* element,
                            const XML_Char** attributes) {
    auto* self = static_cast<TerritoryCollector*>(user_data);
    self->in_territory_ = false;
    if (absl::string_view(element) != "territory") return;
    CldrTerritory territory;
    absl::string_view alt;
    for (const XML_Char** a = attributes; a[0] != nullptr; a += 2) {
      if (absl::string_view(a[0]) == "type") territory.code = a[1];
      if (absl::string_view(a[0]) == "alt") alt = a[1];
    }
    if (!IsRegionCode(territory.code)) return;
    if (!alt.empty() && alt != "short" && alt != "variant") return;
    territory.alternative = !alt.empty();
    self->current_ = std::move(territory);
    self->in_territory_ = true;
  }

  static void XMLCALL End(void* user_data, const XML_Char* /*element*/) {
    auto* self = static_cast<TerritoryCollector*>(user_data);
    if (self->in_territory_ && !self->current_.name.empty()) {
      self->territories_.push_back(std::move(self->current_));
    }
    self->in_territory_ = false;
  }

  static void XMLCALL Text(void* user_data, const XML_Char* text, int size) {
    auto* self = static_cast<TerritoryCollector*>(user_data);
    if (self->in_territory_) self->current_.name.append(text, size);
  }

  std::vector<CldrTerritory> Take() { return std::move(territories_); }

 private:
  std::vector<CldrTerritory> territories_;
  CldrTerritory current_;
  bool in_territory_ = false;  // inside a <territory> that counts
};

// The territories of the CLDR locale file `in` (named `path` in errors).
absl::StatusOr<std::vector<CldrTerritory>> ReadCldrTerritories(
    std::istream& in, const std::string& path) {
  std::unique_ptr<XML_ParserStruct, decltype(&XML_ParserFree)> parser(
      XML_ParserCreate("UTF-8"), &XML_ParserFree);
  if (parser == nullptr) return absl::ResourceExhaustedError("XML parser");
  TerritoryCollector collector;
  XML_SetUserData(parser.get(), &collector);
  XML_SetElementHandler(parser.get(), &TerritoryCollector::Start,
                        &TerritoryCollector::End);
  XML_SetCharacterDataHandler(parser.get(), &TerritoryCollector::Text);
  constexpr size_t kChunkBytes = 64 * 1024;
  std::vector<char> chunk(kChunkBytes);
  bool last = false;
  while (!last) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    last = in.gcount() < static_cast<std::streamsize>(chunk.size());
    if (XML_Parse(parser.get(), chunk.data(), static_cast<int>(in.gcount()),
                  last) == XML_STATUS_ERROR) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ":", XML_GetCurrentLineNumber(parser.get()), ": ",
                       XML_ErrorString(XML_GetErrorCode(parser.get()))));
    }
  }
  return collector.Take();
}

}  // namespace

absl::Status LoadIsoCountries(const std::string& path, Gazetteer* gazetteer) {
  absl::StatusOr<nlohmann::json> json = ReadJson(path);
  if (!json.ok()) return json.status();
  if (!json->contains("3166-1") || !(*json)["3166-1"].is_array()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": not an iso-codes 3166-1 JSON file"));
  }
  for (const nlohmann::json& country : (*json)["3166-1"]) {
    const std::string alpha2 = StringField(country, "alpha_2");
    const std::string name = StringField(country, "name");
    if (alpha2.empty() || name.empty()) continue;
    EntityRecord record;
    record.id = absl::StrCat("country:", absl::AsciiStrToLower(alpha2));
    record.type = EntityType::kLocation;
    record.subtype = "country";
    record.country = alpha2;
    const std::string common = StringField(country, "common_name");
    record.name = common.empty() ? name : common;
    record.aliases.push_back(name);
    if (std::string official = StringField(country, "official_name");
        !official.empty()) {
      record.aliases.push_back(official);
    }
    if (size_t comma = name.find(','); comma != std::string::npos) {
      record.aliases.push_back(name.substr(0, comma));
    }
    gazetteer->Add(std::move(record), kPriorityCountry);
  }
  return absl::OkStatus();
}

absl::Status LoadIsoSubdivisions(const std::string& path,
                                 Gazetteer* gazetteer) {
  absl::StatusOr<nlohmann::json> json = ReadJson(path);
  if (!json.ok()) return json.status();
  if (!json->contains("3166-2") || !(*json)["3166-2"].is_array()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": not an iso-codes 3166-2 JSON file"));
  }
  const Lexicon& lexicon = gazetteer->lexicon();
  for (const nlohmann::json& region : (*json)["3166-2"]) {
    const std::string code = StringField(region, "code");
    const std::string name = StringField(region, "name");
    if (code.empty() || name.empty()) continue;
    const std::string key = NameKey(name);
    // One-word names that are ordinary words or given names ("Paul").
    if (key.find(' ') == std::string::npos &&
        (lexicon.IsCommonWord(key) || lexicon.IsGivenName(key))) {
      continue;
    }
    EntityRecord record;
    record.id = absl::StrCat("region:", absl::AsciiStrToLower(code));
    record.name = name;
    record.type = EntityType::kLocation;
    record.subtype = "region";
    record.country = code.substr(0, 2);
    gazetteer->Add(std::move(record), kPriorityRegion);
  }
  return absl::OkStatus();
}

absl::Status LoadCldrTerritories(const std::string& path,
                                 Gazetteer* gazetteer) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  absl::StatusOr<std::vector<CldrTerritory>> territories =
      ReadCldrTerritories(in, path);
  if (!territories.ok()) return territories.status();
  for (const CldrTerritory& territory : *territories) {
    EntityRecord* record = gazetteer->MutableById(
        absl::StrCat("country:", absl::AsciiStrToLower(territory.code)));
    if (record == nullptr) continue;  // "EU", "QO": not countries
    if (!territory.alternative) record->name = territory.name;
    gazetteer->AddAlias(record, territory.name, AliasKind::kName,
                        kPriorityCountry);
  }
  return absl::OkStatus();
}

absl::Status LoadCldrLocaleNames(const std::string& en_path,
                                 Gazetteer* gazetteer) {
  // The languages docs/languages.md lists, and a few more of the news.
  constexpr absl::string_view kCldrNameLocales[] = {
      "ar", "de", "es", "fa", "fr", "it", "ja", "ko",
      "nl", "pl", "pt", "ru", "tr", "uk", "zh",
  };
  const std::filesystem::path dir =
      std::filesystem::path(en_path).parent_path();
  const Lexicon& lexicon = gazetteer->lexicon();
  for (absl::string_view locale : kCldrNameLocales) {
    const std::filesystem::path path = dir / absl::StrCat(locale, ".xml");
    std::ifstream in(path, std::ios::binary);
    if (!in) continue;  // not every CLDR package ships every locale
    absl::StatusOr<std::vector<CldrTerritory>> territories =
        ReadCldrTerritories(in, path.string());
    if (!territories.ok()) return territories.status();
    for (const CldrTerritory& territory : *territories) {
      EntityRecord* record = gazetteer->MutableById(
          absl::StrCat("country:", absl::AsciiStrToLower(territory.code)));
      if (record == nullptr) continue;
      const std::string key = NameKey(territory.name);
      if (key.empty() ||
          (key.find(' ') == std::string::npos && lexicon.IsCommonWord(key))) {
        continue;
      }
      gazetteer->AddAlias(record, territory.name, AliasKind::kName,
                          kPriorityCountry);
    }
  }
  return absl::OkStatus();
}

}  // namespace newsindex
