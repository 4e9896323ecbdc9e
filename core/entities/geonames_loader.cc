// Loader for GeoNames city dumps.
#include <cmath>
#include <fstream>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "core/entities/loaders.h"

namespace newsindex {
namespace {

// A Latin-script name as English text would write it: ASCII letters,
// spaces, hyphens, apostrophes and periods, capitalized, not a code.
bool UsableName(absl::string_view name) {
  if (name.size() < 3 || !absl::ascii_isupper(name[0])) return false;
  bool lower = false;
  for (char c : name) {
    if (absl::ascii_islower(c)) {
      lower = true;
    } else if (!absl::ascii_isupper(c) && c != ' ' && c != '-' && c != '\'' &&
               c != '.') {
      return false;
    }
  }
  return lower;
}

// One city of either format: a GeoNames dump (geonameid, name, asciiname,
// alternatenames, ... country code in field 9, population in field 15) or
// newsindex's compact form (geonameid, name, asciiname, alternatenames,
// country, population; scripts/make-cities).
struct City {
  std::string id, name, ascii_name, alternates, country;
  int64_t population = 0;
};

bool ParseCityLine(absl::string_view line, City* city) {
  std::vector<absl::string_view> f = absl::StrSplit(line, '\t');
  const bool compact = f.size() == 6;
  if (!compact && f.size() < 15) return false;
  const absl::string_view population = compact ? f[5] : f[14];
  city->id = std::string(f[0]);
  city->name = std::string(f[1]);
  city->ascii_name = std::string(f[2]);
  city->alternates = std::string(f[3]);
  city->country = std::string(compact ? f[4] : f[8]);
  return !city->name.empty() &&
         absl::SimpleAtoi(population.empty() ? "0" : population,
                          &city->population);
}

absl::StatusOr<std::vector<City>> ReadCities(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  std::vector<City> cities;
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    if (!ParseCityLine(line, &cities.emplace_back())) {
      return absl::InvalidArgumentError(absl::StrCat(
          path, ":", line_no,
          ": not a GeoNames cities line (15+ tab-separated fields, "
          "population in field 15, or the 6 fields of scripts/make-cities)"));
    }
  }
  return cities;
}

// The names of `city` worth matching with their MatchKeys; its own name
// first, or none.
struct CityNames {
  std::vector<std::string> names, keys;
};

CityNames KeptNames(const Lexicon& lexicon, const City& city) {
  std::vector<std::string> names = {city.name};
  if (city.ascii_name != city.name) names.push_back(city.ascii_name);
  for (absl::string_view alt : absl::StrSplit(city.alternates, ',')) {
    if (UsableName(alt)) names.emplace_back(alt);
  }
  // Names of small cities that are ordinary words ("Police", "Of") would
  // match too often.
  CityNames kept;
  for (std::string& name : names) {
    std::string key = MatchKey(name);
    if (key.empty()) continue;
    if (key.find(' ') == std::string::npos && city.population < 1000000 &&
        lexicon.IsCommonWord(key)) {
      continue;
    }
    kept.names.push_back(std::move(name));
    kept.keys.push_back(std::move(key));
  }
  if (kept.names.empty() || kept.names[0] != city.name) return {};
  return kept;
}

// The known city `city` is: one of its name in its country (curated), or,
// when `city` is the largest of its name, one of its name with no country
// yet (WordNet), which learns the country; `*adopted` tells the second.
EntityRecord* KnownCity(const City& city, bool largest, Gazetteer* g,
                        bool* adopted) {
  const EntityRecord* known = g->FindByName(city.name);
  if (known == nullptr || known->subtype != "city") return nullptr;
  if (known->country != city.country && !(largest && known->country.empty())) {
    return nullptr;
  }
  EntityRecord* target = g->MutableById(known->id);
  *adopted = target->country.empty();
  target->country = city.country;
  return target;
}

// Population of the largest city of each name key.
using LargestByName = absl::flat_hash_map<std::string, int64_t>;

void AddCity(const City& city, const CityNames& kept,
             const LargestByName& largest, Gazetteer* g) {
  // A name goes to the largest city of that name only ("Boston": the
  // American one), so that smaller namesakes neither take nor blur it.
  std::vector<size_t> names;  // indices into kept
  for (size_t i = 0; i < kept.names.size(); ++i) {
    if (largest.at(kept.keys[i]) == city.population) names.push_back(i);
  }
  if (names.empty() || names[0] != 0) return;
  const int priority =
      kPriorityCity +
      std::clamp(static_cast<int>(
                     2 * std::log10(std::max<int64_t>(city.population, 1))) -
                     8,
                 0, 9);
  bool adopted = false;
  EntityRecord* target = KnownCity(city, /*largest=*/true, g, &adopted);
  if (target == nullptr) {
    EntityRecord record;
    record.name = city.name;
    record.type = EntityType::kLocation;
    record.subtype = "city";
    record.country = city.country;
    std::string id = absl::StrCat("city:", Slug(city.ascii_name));
    if (g->FindById(id) != nullptr) {
      id = absl::StrCat(id, "-", absl::AsciiStrToLower(city.country));
    }
    if (g->FindById(id) != nullptr) {
      id = absl::StrCat("city:geonames-", city.id);
    }
    record.id = std::move(id);
    target = g->Add(std::move(record), priority);
  }
  for (size_t i : names) {
    // A name a known city already owns keeps its priority, except a
    // WordNet town named like a person ("Nancy"), which takes GeoNames'
    // (by population; small towns need place context, place_context.h).
    const std::string& name = kept.names[i];
    const EntityRecord* owner = g->FindByMatchKey(kept.keys[i]);
    if (owner == target &&
        !(adopted && g->lexicon().IsGivenName(kept.keys[i]))) {
      continue;
    }
    // A town's other name never takes a country's, region's, person's or
    // organisation's ("Missouri", "Trinidad").
    if (owner != nullptr && owner != target && owner->subtype != "city") {
      continue;
    }
    g->AddAlias(target, name, AliasKind::kName, priority);
  }
}

}  // namespace

absl::Status LoadGeoNamesCities(const std::string& path, Gazetteer* gazetteer) {
  absl::StatusOr<std::vector<City>> cities = ReadCities(path);
  if (!cities.ok()) return cities.status();
  std::vector<CityNames> kept;
  kept.reserve(cities->size());
  LargestByName largest;
  for (const City& city : *cities) {
    kept.push_back(KeptNames(gazetteer->lexicon(), city));
    for (const std::string& key : kept.back().keys) {
      int64_t& top = largest[key];
      top = std::max(top, city.population);
    }
  }
  for (size_t i = 0; i < cities->size(); ++i) {
    if (!kept[i].names.empty()) {
      AddCity((*cities)[i], kept[i], largest, gazetteer);
    }
  }
  return absl::OkStatus();
}

}  // namespace newsindex
