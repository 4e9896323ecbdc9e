// Loader for WordNet's instance nouns (Debian's wordnet-base).
#include <fstream>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "core/entities/lexicon.h"
#include "core/entities/loaders.h"

namespace newsindex {
namespace {

constexpr absl::string_view kGroupFile = "14";
constexpr absl::string_view kLocationFile = "15";
constexpr absl::string_view kPersonFile = "18";

struct Instance {
  absl::string_view lexfile;
  std::vector<std::string> names;      // capitalized lemmas, '_' -> ' '
  std::vector<std::string> hypernyms;  // offsets of @i targets
};

bool ContainsAny(absl::string_view text,
                 std::initializer_list<absl::string_view> parts) {
  for (absl::string_view p : parts) {
    if (absl::StrContains(text, p)) return true;
  }
  return false;
}

}  // namespace

absl::Status LoadWordNetInstances(const std::string& dir,
                                  Gazetteer* gazetteer) {
  const std::string path = absl::StrCat(dir, "/data.noun");
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  absl::flat_hash_map<std::string, std::string> first_word;  // offset -> word
  std::vector<Instance> instances;
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line[0] == ' ') continue;
    std::vector<absl::string_view> f = absl::StrSplit(line, ' ');
    if (f.size() < 6) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ":", line_no, ": too few fields"));
    }
    const int count = WordNetWordCount(f[3]);
    first_word[f[0]] = std::string(f[4]);
    const size_t pointers_at = 4 + 2 * static_cast<size_t>(count);
    if (pointers_at >= f.size()) continue;
    if (f[1] != kGroupFile && f[1] != kLocationFile && f[1] != kPersonFile) {
      continue;
    }
    Instance instance;
    int pcount = 0;
    if (!absl::SimpleAtoi(f[pointers_at], &pcount)) continue;
    for (int p = 0; p < pcount; ++p) {
      const size_t at = pointers_at + 1 + 4 * static_cast<size_t>(p);
      if (at + 1 >= f.size()) break;
      // Named groups ("NATO") are often plain hyponyms, not instances.
      if (f[at] == "@i" || (f[at] == "@" && f[1] == kGroupFile &&
                            absl::ascii_isupper(f[4][0]))) {
        instance.hypernyms.emplace_back(f[at + 1]);
      }
    }
    if (instance.hypernyms.empty()) continue;
    instance.lexfile = f[1] == kGroupFile    ? kGroupFile
                       : f[1] == kPersonFile ? kPersonFile
                                             : kLocationFile;
    for (int k = 0; k < count; ++k) {
      absl::string_view word = f[4 + 2 * k];
      if (word.empty() || !absl::ascii_isupper(word[0])) continue;
      if (size_t paren = word.find('('); paren != absl::string_view::npos) {
        word = word.substr(0, paren);
      }
      instance.names.push_back(absl::StrReplaceAll(word, {{"_", " "}}));
    }
    if (!instance.names.empty()) instances.push_back(std::move(instance));
  }
  const Lexicon& lexicon = gazetteer->lexicon();
  for (const Instance& instance : instances) {
    std::string kinds;
    for (const std::string& h : instance.hypernyms) {
      auto it = first_word.find(h);
      if (it != first_word.end()) absl::StrAppend(&kinds, it->second, " ");
    }
    EntityRecord record;
    if (instance.lexfile == kPersonFile) {
      record.type = EntityType::kPerson;
    } else if (instance.lexfile == kGroupFile) {
      if (!ContainsAny(kinds,
                       {"organization",  "organisation", "agency",   "party",
                        "company",       "union",        "alliance", "army",
                        "force",         "corporation",  "bureau",   "service",
                        "department",    "institution",  "court",    "league",
                        "international", "unit",         "council",  "bank",
                        "movement",      "faction"})) {
        continue;
      }
      record.type = EntityType::kOrganization;
    } else {
      record.type = EntityType::kLocation;
      const bool city = ContainsAny(
          kinds, {"city", "capital", "town", "port", "municipality"});
      if (!city &&
          ContainsAny(kinds, {"country", "kingdom", "republic", "nation",
                              "state", "sultanate", "emirate"})) {
        // Countries come from iso-codes; WordNet adds names to them.
        EntityRecord* country = nullptr;
        for (const std::string& name : instance.names) {
          const EntityRecord* known = gazetteer->FindByName(name);
          if (known != nullptr && known->subtype == "country") {
            country = gazetteer->MutableById(known->id);
            break;
          }
        }
        if (country == nullptr) continue;
        for (const std::string& name : instance.names) {
          if (absl::StrContains(name, " of ") || name.size() < 4) continue;
          gazetteer->AddAlias(country, name, AliasKind::kName,
                              kPriorityWordNet);
        }
        continue;
      }
      record.subtype = city ? "city" : "region";
    }
    for (const std::string& name : instance.names) {
      const bool one_word = name.find(' ') == std::string::npos;
      // "Lincoln" alone is a city as often as a president.
      if (one_word && record.type == EntityType::kPerson) continue;
      // "President Clinton": titles are not part of names.
      if (lexicon.IsTitle(
              absl::AsciiStrToLower(name.substr(0, name.find(' '))))) {
        continue;
      }
      if (one_word && lexicon.IsCommonWord(absl::AsciiStrToLower(name))) {
        continue;
      }
      if (record.name.empty()) record.name = name;
      record.aliases.push_back(name);
    }
    if (record.name.empty()) continue;
    // A name some source already gave the same kind of entity joins it.
    const EntityRecord* known = gazetteer->FindByName(record.name);
    if (known != nullptr && known->type == record.type &&
        (record.type != EntityType::kLocation ||
         known->subtype == record.subtype)) {
      record.id = known->id;
    } else {
      record.id = gazetteer->UniqueId(
          EntityIdPrefix(record.type, record.subtype), record.name);
    }
    gazetteer->Add(std::move(record), kPriorityWordNet);
  }
  return absl::OkStatus();
}

}  // namespace newsindex
