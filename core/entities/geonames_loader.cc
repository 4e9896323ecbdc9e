// Loader for GeoNames city dumps.
#include <cmath>
#include <fstream>

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

}  // namespace

absl::Status LoadGeoNamesCities(const std::string& path,
                                Gazetteer* gazetteer) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  const Lexicon& lexicon = gazetteer->lexicon();
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    std::vector<absl::string_view> f = absl::StrSplit(line, '\t');
    int64_t population = 0;
    if (f.size() < 15 || f[1].empty() ||
        !absl::SimpleAtoi(f[14].empty() ? "0" : f[14], &population)) {
      return absl::InvalidArgumentError(absl::StrCat(
          path, ":", line_no,
          ": not a GeoNames cities line (15+ tab-separated fields, "
          "population in field 15)"));
    }
    const std::string country(f[8]);
    const int priority =
        kPriorityCity +
        std::clamp(static_cast<int>(2 * std::log10(std::max<int64_t>(
                                            population, 1))) - 8,
                   0, 9);
    std::vector<std::string> names = {std::string(f[1])};
    if (f[2] != f[1]) names.emplace_back(f[2]);
    for (absl::string_view alt : absl::StrSplit(f[3], ',')) {
      if (UsableName(alt)) names.emplace_back(alt);
    }
    // Names of small cities that are ordinary words ("Police", "Of") would
    // match too often.
    std::vector<std::string> kept;
    for (std::string& name : names) {
      const std::string key = NameKey(name);
      if (key.empty()) continue;
      if (key.find(' ') == std::string::npos && population < 1000000 &&
          lexicon.IsCommonWord(key)) {
        continue;
      }
      kept.push_back(std::move(name));
    }
    if (kept.empty() || kept[0] != f[1]) continue;
    EntityRecord* target = nullptr;
    if (const EntityRecord* known = gazetteer->FindByName(f[1]);
        known != nullptr && known->subtype == "city" &&
        known->country == country) {
      target = gazetteer->MutableById(known->id);
    }
    if (target == nullptr) {
      EntityRecord record;
      record.name = std::string(f[1]);
      record.type = EntityType::kLocation;
      record.subtype = "city";
      record.country = country;
      std::string id = absl::StrCat("city:", Slug(f[2]));
      if (gazetteer->FindById(id) != nullptr) {
        id = absl::StrCat(id, "-", absl::AsciiStrToLower(country));
      }
      if (gazetteer->FindById(id) != nullptr) {
        id = absl::StrCat("city:geonames-", f[0]);
      }
      record.id = std::move(id);
      target = gazetteer->Add(std::move(record), priority);
    }
    for (const std::string& name : kept) {
      gazetteer->AddAlias(target, name, AliasKind::kName, priority);
    }
  }
  return absl::OkStatus();
}

}  // namespace newsindex
