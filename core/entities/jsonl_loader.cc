// Loaders for entity JSONL (curated and operator gazetteers) and TSV tables.
#include <fstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "core/entities/loaders.h"
#include "nlohmann/json.hpp"

namespace newsindex {
namespace {

absl::Status LineError(const std::string& path, int line,
                       absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(path, ":", line, ": ", what));
}

// Adds a new entity, or merges into `id` when given and known. Fills the
// error text and returns null on failure.
EntityRecord* AddEntity(EntityRecord record, int priority, Gazetteer* gazetteer,
                        std::string* error) {
  EntityRecord* existing =
      record.id.empty() ? nullptr : gazetteer->MutableById(record.id);
  if (existing != nullptr) {
    if (record.type != EntityType::kUnspecified &&
        record.type != existing->type) {
      *error = absl::StrCat("type of \"", record.id, "\" is ",
                            EntityTypeName(existing->type));
      return nullptr;
    }
    if (!record.name.empty()) {
      gazetteer->AddAlias(existing, record.name, AliasKind::kName, priority);
    }
    for (const std::string& alias : record.aliases) {
      gazetteer->AddAlias(existing, alias, AliasKind::kName, priority);
    }
    if (existing->country.empty()) existing->country = record.country;
    return existing;
  }
  if (record.name.empty()) {
    *error = "\"name\" is required for a new entity";
    return nullptr;
  }
  if (record.type == EntityType::kUnspecified) {
    *error = "\"type\" must be person, organization, location or other";
    return nullptr;
  }
  if (record.id.empty()) {
    record.id = gazetteer->UniqueId(EntityIdPrefix(record.type, record.subtype),
                                    record.name);
  }
  return gazetteer->Add(std::move(record), priority);
}

}  // namespace

absl::Status LoadEntityJsonl(const std::string& path, int priority,
                             Gazetteer* gazetteer) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    absl::string_view text = absl::StripAsciiWhitespace(line);
    if (text.empty() || text[0] == '#') continue;
    nlohmann::json j = nlohmann::json::parse(text, nullptr,
                                             /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object()) {
      return LineError(path, line_no, "not a JSON object");
    }
    EntityRecord record;
    std::vector<std::string> demonyms;
    for (auto it = j.begin(); it != j.end(); ++it) {
      const std::string& key = it.key();
      const nlohmann::json& v = it.value();
      if (key == "aliases" || key == "demonyms") {
        if (!v.is_array()) {
          return LineError(path, line_no,
                           absl::StrCat("\"", key, "\" must be an array"));
        }
        for (const nlohmann::json& a : v) {
          if (!a.is_string()) {
            return LineError(path, line_no,
                             absl::StrCat("\"", key, "\" must hold strings"));
          }
          (key == "aliases" ? record.aliases : demonyms)
              .push_back(a.get<std::string>());
        }
        continue;
      }
      if (!v.is_string()) {
        return LineError(path, line_no,
                         absl::StrCat("\"", key, "\" must be a string"));
      }
      const std::string s = v.get<std::string>();
      if (key == "id") {
        record.id = absl::AsciiStrToLower(s);
      } else if (key == "name") {
        record.name = s;
      } else if (key == "type") {
        record.type = EntityTypeFromName(absl::AsciiStrToLower(s));
        if (record.type == EntityType::kUnspecified) {
          return LineError(path, line_no,
                           absl::StrCat("unknown type \"", s, "\""));
        }
      } else if (key == "subtype") {
        record.subtype = absl::AsciiStrToLower(s);
      } else if (key == "country") {
        record.country = absl::AsciiStrToUpper(s);
      } else if (key != "note") {
        return LineError(path, line_no,
                         absl::StrCat("unknown field \"", key, "\""));
      }
    }
    std::string error;
    EntityRecord* stored =
        AddEntity(std::move(record), priority, gazetteer, &error);
    if (stored == nullptr) return LineError(path, line_no, error);
    for (const std::string& d : demonyms) {
      gazetteer->AddAlias(stored, d, AliasKind::kDemonym, priority);
    }
  }
  return absl::OkStatus();
}

absl::Status LoadEntityTsv(const std::string& path, Gazetteer* gazetteer) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (absl::StripAsciiWhitespace(line).empty() || line[0] == '#') continue;
    std::vector<std::string> f = absl::StrSplit(line, '\t');
    if (f.size() < 2) {
      return LineError(path, line_no, "expected name<TAB>type[<TAB>aliases]");
    }
    EntityRecord record;
    record.name = std::string(absl::StripAsciiWhitespace(f[0]));
    record.type = EntityTypeFromName(
        absl::AsciiStrToLower(absl::StripAsciiWhitespace(f[1])));
    if (record.type == EntityType::kUnspecified) {
      return LineError(path, line_no,
                       absl::StrCat("unknown type \"", f[1], "\""));
    }
    if (f.size() > 2) {
      for (absl::string_view a :
           absl::StrSplit(f[2], '|', absl::SkipWhitespace())) {
        record.aliases.emplace_back(absl::StripAsciiWhitespace(a));
      }
    }
    if (f.size() > 3) record.subtype = absl::AsciiStrToLower(f[3]);
    if (f.size() > 4) record.id = absl::AsciiStrToLower(f[4]);
    std::string error;
    if (AddEntity(std::move(record), kPriorityOperator, gazetteer, &error) ==
        nullptr) {
      return LineError(path, line_no, error);
    }
  }
  return absl::OkStatus();
}

}  // namespace newsindex
