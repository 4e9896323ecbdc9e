// Loader for WordNet's instance nouns (Debian's wordnet-base).
#include <fstream>
#include <optional>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/types/span.h"
#include "core/entities/lexicon.h"
#include "core/entities/loaders.h"

namespace newsindex {
namespace {

constexpr absl::string_view kGroupFile = "14";
constexpr absl::string_view kLocationFile = "15";
constexpr absl::string_view kPersonFile = "18";

// Fields of a data.noun line: offset lex_filenum ss_type w_cnt, then w_cnt
// (word lex_id) pairs, then p_cnt and p_cnt (symbol offset pos source/target)
// pointers.
constexpr size_t kMinFields = 6;
constexpr size_t kLexFileField = 1;
constexpr size_t kWordCountField = 3;
constexpr size_t kFirstWordField = 4;
constexpr size_t kFieldsPerWord = 2;
constexpr size_t kFieldsPerPointer = 4;

// What the hypernyms' first words must include for an instance of each
// lexicographer file to count.
constexpr absl::string_view kOrganizationKinds[] = {
    "organization", "organisation",  "agency",     "party",       "company",
    "union",        "alliance",      "army",       "force",       "corporation",
    "bureau",       "service",       "department", "institution", "court",
    "league",       "international", "unit",       "council",     "bank",
    "movement",     "faction"};
constexpr absl::string_view kCityKinds[] = {"city", "capital", "town", "port",
                                            "municipality"};
constexpr absl::string_view kCountryKinds[] = {
    "country", "kingdom",   "republic", "nation",
    "state",   "sultanate", "emirate"};
// Shorter WordNet names ("USA" aside, which iso-codes has) are too
// ambiguous to add to a country.
constexpr size_t kMinCountryAliasBytes = 4;

struct Instance {
  absl::string_view lexfile;
  std::vector<std::string> names;      // capitalized lemmas, '_' -> ' '
  std::vector<std::string> hypernyms;  // offsets of @i targets
};

bool ContainsAny(absl::string_view text,
                 absl::Span<const absl::string_view> parts) {
  for (absl::string_view p : parts) {
    if (absl::StrContains(text, p)) return true;
  }
  return false;
}

// The instance that data.noun line `f` (split into fields) describes, or
// nullopt when it is not a named group, location or person instance.
std::optional<Instance> ParseInstance(const std::vector<absl::string_view>& f) {
  const size_t count =
      static_cast<size_t>(WordNetWordCount(f[kWordCountField]));
  const absl::string_view lexfile = f[kLexFileField];
  const size_t pointers_at = kFirstWordField + kFieldsPerWord * count;
  if (pointers_at >= f.size()) return std::nullopt;
  if (lexfile != kGroupFile && lexfile != kLocationFile &&
      lexfile != kPersonFile) {
    return std::nullopt;
  }
  Instance instance;
  int pcount = 0;
  if (!absl::SimpleAtoi(f[pointers_at], &pcount)) return std::nullopt;
  const bool capitalized = absl::ascii_isupper(f[kFirstWordField][0]);
  for (size_t p = 0; p < static_cast<size_t>(pcount); ++p) {
    const size_t at = pointers_at + 1 + kFieldsPerPointer * p;
    if (at + 1 >= f.size()) break;
    // Named groups ("NATO") are often plain hyponyms, not instances.
    if (f[at] == "@i" ||
        (f[at] == "@" && lexfile == kGroupFile && capitalized)) {
      instance.hypernyms.emplace_back(f[at + 1]);
    }
  }
  if (instance.hypernyms.empty()) return std::nullopt;
  instance.lexfile = lexfile == kGroupFile    ? kGroupFile
                     : lexfile == kPersonFile ? kPersonFile
                                              : kLocationFile;
  for (size_t k = 0; k < count; ++k) {
    absl::string_view word = f[kFirstWordField + kFieldsPerWord * k];
    if (word.empty() || !absl::ascii_isupper(word[0])) continue;
    if (size_t paren = word.find('('); paren != absl::string_view::npos) {
      word = word.substr(0, paren);
    }
    instance.names.push_back(absl::StrReplaceAll(word, {{"_", " "}}));
  }
  if (instance.names.empty()) return std::nullopt;
  return instance;
}

// Reads the instances of data.noun at `path`, and the first word of every
// synset by offset (what the hypernyms name).
absl::Status ReadInstances(
    const std::string& path,
    absl::flat_hash_map<std::string, std::string>* first_word,
    std::vector<Instance>* instances) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line[0] == ' ') continue;  // licence header
    std::vector<absl::string_view> f = absl::StrSplit(line, ' ');
    if (f.size() < kMinFields) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ":", line_no, ": too few fields"));
    }
    (*first_word)[f[0]] = std::string(f[kFirstWordField]);
    if (std::optional<Instance> instance = ParseInstance(f)) {
      instances->push_back(*std::move(instance));
    }
  }
  return absl::OkStatus();
}

// Adds the names of a country instance to the iso-codes country it names,
// if any: countries come from iso-codes, WordNet only adds names.
void AddCountryNames(const Instance& instance, Gazetteer* gazetteer) {
  EntityRecord* country = nullptr;
  for (const std::string& name : instance.names) {
    const EntityRecord* known = gazetteer->FindByName(name);
    if (known != nullptr && known->subtype == "country") {
      country = gazetteer->MutableById(known->id);
      break;
    }
  }
  if (country == nullptr) return;
  for (const std::string& name : instance.names) {
    if (absl::StrContains(name, " of ") ||
        name.size() < kMinCountryAliasBytes) {
      continue;
    }
    gazetteer->AddAlias(country, name, AliasKind::kName, kPriorityWordNet);
  }
}

// What an instance becomes.
enum class InstanceKind { kSkip, kCountry, kEntity };

// Sets the type (and subtype) of `record` for `instance`, whose hypernyms'
// first words are `kinds`.
InstanceKind Classify(const Instance& instance, absl::string_view kinds,
                      EntityRecord* record) {
  if (instance.lexfile == kPersonFile) {
    record->type = EntityType::kPerson;
    return InstanceKind::kEntity;
  }
  if (instance.lexfile == kGroupFile) {
    if (!ContainsAny(kinds, kOrganizationKinds)) return InstanceKind::kSkip;
    record->type = EntityType::kOrganization;
    return InstanceKind::kEntity;
  }
  record->type = EntityType::kLocation;
  const bool city = ContainsAny(kinds, kCityKinds);
  if (!city && ContainsAny(kinds, kCountryKinds)) return InstanceKind::kCountry;
  record->subtype = city ? "city" : "region";
  return InstanceKind::kEntity;
}

// The names of `instance` that can name `record`: not titles, and not one
// ordinary word or one word of a person.
void AddNames(const Instance& instance, const Lexicon& lexicon,
              EntityRecord* record) {
  for (const std::string& name : instance.names) {
    const bool one_word = name.find(' ') == std::string::npos;
    // "Lincoln" alone is a city as often as a president.
    if (one_word && record->type == EntityType::kPerson) continue;
    // "President Clinton": titles are not part of names.
    if (lexicon.IsTitle(
            absl::AsciiStrToLower(name.substr(0, name.find(' '))))) {
      continue;
    }
    if (one_word && lexicon.IsCommonWord(absl::AsciiStrToLower(name))) {
      continue;
    }
    if (record->name.empty()) record->name = name;
    record->aliases.push_back(name);
  }
}

}  // namespace

absl::Status LoadWordNetInstances(const std::string& dir,
                                  Gazetteer* gazetteer) {
  absl::flat_hash_map<std::string, std::string> first_word;  // offset -> word
  std::vector<Instance> instances;
  if (absl::Status s = ReadInstances(absl::StrCat(dir, "/data.noun"),
                                     &first_word, &instances);
      !s.ok()) {
    return s;
  }
  const Lexicon& lexicon = gazetteer->lexicon();
  for (const Instance& instance : instances) {
    std::string kinds;
    for (const std::string& h : instance.hypernyms) {
      auto it = first_word.find(h);
      if (it != first_word.end()) absl::StrAppend(&kinds, it->second, " ");
    }
    EntityRecord record;
    switch (Classify(instance, kinds, &record)) {
      case InstanceKind::kSkip:
        continue;
      case InstanceKind::kCountry:
        AddCountryNames(instance, gazetteer);
        continue;
      case InstanceKind::kEntity:
        break;
    }
    AddNames(instance, lexicon, &record);
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
