// Loaders for Debian's iso-codes and CLDR data.
#include <fstream>
#include <regex>
#include <sstream>

#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
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
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  static const std::regex kTerritory(
      R"re(<territory type="([A-Z]{2})"(?: alt="(short|variant)")?>([^<]+)</territory>)re");
  std::string line;
  while (std::getline(in, line)) {
    if (line.find("<territory ") == std::string::npos) continue;
    std::smatch m;
    if (!std::regex_search(line, m, kTerritory)) continue;
    EntityRecord* record = gazetteer->MutableById(
        absl::StrCat("country:", absl::AsciiStrToLower(m[1].str())));
    if (record == nullptr) continue;  // "EU", "QO": not countries
    const std::string name = absl::StrReplaceAll(m[3].str(), {{"&amp;", "&"}});
    if (!m[2].matched) record->name = name;
    gazetteer->AddAlias(record, name, AliasKind::kName, kPriorityCountry);
  }
  return absl::OkStatus();
}

}  // namespace newsindex
