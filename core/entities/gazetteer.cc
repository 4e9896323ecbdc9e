#include "core/entities/gazetteer.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/normalize/text.h"
#include "nlohmann/json.hpp"

namespace newsindex {
namespace {

struct Token {
  int start_byte;
  int end_byte;
  std::string lower;
  bool capitalized;  // first code point is uppercase or titlecase
  bool all_upper;    // every letter is uppercase
};

std::vector<Token> Tokenize(absl::string_view text) {
  std::vector<Token> tokens;
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(text.size());
  Token current{-1, -1, "", false, true};
  auto finish = [&](int32_t end) {
    if (current.start_byte >= 0) {
      current.end_byte = end;
      tokens.push_back(std::move(current));
    }
    current = Token{-1, -1, "", false, true};
  };
  while (i < n) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(text.data(), i, n, c);
    if (c >= 0 && u_isalnum(c)) {
      if (current.start_byte < 0) {
        current.start_byte = start;
        current.capitalized = u_isupper(c) || u_istitle(c);
      }
      if (u_isalpha(c) && !u_isupper(c)) current.all_upper = false;
      UChar32 lower = u_tolower(c);
      char buf[4];
      int32_t len = 0;
      U8_APPEND_UNSAFE(buf, len, lower);
      current.lower.append(buf, len);
    } else {
      finish(start);
    }
  }
  finish(n);
  return tokens;
}

bool IsAcronym(absl::string_view alias) {
  bool has_letter = false;
  for (char c : alias) {
    if (absl::ascii_isalpha(c)) {
      has_letter = true;
      if (!absl::ascii_isupper(c)) return false;
    }
  }
  return has_letter && alias.size() <= 6;
}

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

}  // namespace

std::string NameKey(absl::string_view text) {
  std::vector<std::string> words;
  for (Token& token : Tokenize(text)) words.push_back(std::move(token.lower));
  return absl::StrJoin(words, " ");
}

void Gazetteer::Add(EntityRecord record) {
  EntityRecord* target;
  auto it = by_id_.find(record.id);
  if (it == by_id_.end()) {
    records_.push_back(std::make_unique<EntityRecord>());
    target = records_.back().get();
    target->id = record.id;
    target->name = record.name;
    target->type = record.type;
    target->subtype = record.subtype;
    by_id_[target->id] = target;
  } else {
    target = it->second;
  }
  record.aliases.push_back(record.name);
  for (const std::string& alias : record.aliases) {
    std::string key = NameKey(alias);
    if (key.empty()) continue;
    if (std::find(target->aliases.begin(), target->aliases.end(), alias) ==
        target->aliases.end()) {
      target->aliases.push_back(alias);
    }
    auto [slot, inserted] = by_key_.try_emplace(key, target);
    if (!inserted && slot->second != target) slot->second = nullptr;
    max_key_tokens_ = std::max<int>(
        max_key_tokens_, static_cast<int>(std::count(key.begin(), key.end(), ' ')) + 1);
  }
}

absl::Status Gazetteer::LoadIsoCodes(const std::string& path) {
  absl::StatusOr<std::string> contents = ReadFile(path);
  if (!contents.ok()) return contents.status();
  nlohmann::json json = nlohmann::json::parse(*contents, nullptr,
                                              /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.contains("3166-1") ||
      !json["3166-1"].is_array()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": not an iso-codes 3166-1 JSON file"));
  }
  for (const nlohmann::json& country : json["3166-1"]) {
    if (!country.contains("alpha_2") || !country.contains("name")) continue;
    EntityRecord record;
    record.id = absl::StrCat(
        "country:", absl::AsciiStrToLower(country["alpha_2"].get<std::string>()));
    record.type = EntityType::kLocation;
    record.subtype = "country";
    const std::string name = country["name"].get<std::string>();
    record.name = country.value("common_name", name);
    record.aliases.push_back(name);
    if (country.contains("official_name")) {
      record.aliases.push_back(country["official_name"].get<std::string>());
    }
    // "Iran, Islamic Republic of" is also called "Iran".
    if (size_t comma = name.find(','); comma != std::string::npos) {
      record.aliases.push_back(name.substr(0, comma));
    }
    Add(std::move(record));
  }
  return absl::OkStatus();
}

absl::Status Gazetteer::LoadCldrTerritories(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  static const std::regex kTerritory(
      R"re(<territory type="([A-Z]{2})"(?: alt="(short|variant)")?>([^<]+)</territory>)re");
  std::string line;
  while (std::getline(in, line)) {
    if (line.find("<territory ") == std::string::npos) continue;
    std::smatch m;
    if (!std::regex_search(line, m, kTerritory)) continue;
    const std::string id =
        absl::StrCat("country:", absl::AsciiStrToLower(m[1].str()));
    auto it = by_id_.find(id);
    if (it == by_id_.end()) continue;  // regions like "EU" are not countries
    EntityRecord record = *it->second;
    std::string name = m[3].str();
    // Plain CLDR names ("Russia") are the names people use: prefer them.
    if (!m[2].matched) record.name = name;
    record.aliases = {name};
    it->second->name = record.name;
    Add(std::move(record));
  }
  return absl::OkStatus();
}

const EntityRecord* Gazetteer::FindById(absl::string_view id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : it->second;
}

const EntityRecord* Gazetteer::FindByName(absl::string_view name) const {
  auto it = by_key_.find(NameKey(name));
  return it == by_key_.end() ? nullptr : it->second;
}

std::optional<EntityRecord> Gazetteer::Resolve(absl::string_view name_or_id,
                                               EntityType type) const {
  const EntityRecord* record = FindById(absl::AsciiStrToLower(name_or_id));
  if (record == nullptr) record = FindByName(name_or_id);
  if (record == nullptr) return std::nullopt;
  if (type != EntityType::kUnspecified && record->type != type) {
    return std::nullopt;
  }
  return *record;
}

std::vector<Gazetteer::Match> Gazetteer::FindMatches(
    absl::string_view body) const {
  std::vector<Match> matches;
  const std::vector<Token> tokens = Tokenize(body);
  size_t i = 0;
  while (i < tokens.size()) {
    bool matched = false;
    if (tokens[i].capitalized) {
      const size_t longest =
          std::min<size_t>(max_key_tokens_, tokens.size() - i);
      for (size_t len = longest; len >= 1 && !matched; --len) {
        std::string key = tokens[i].lower;
        for (size_t k = 1; k < len; ++k) {
          absl::StrAppend(&key, " ", tokens[i + k].lower);
        }
        auto it = by_key_.find(key);
        if (it == by_key_.end() || it->second == nullptr) continue;
        const int start = tokens[i].start_byte;
        const int end = tokens[i + len - 1].end_byte;
        absl::string_view surface = body.substr(start, end - start);
        // An acronym alias ("US") matches only when written in capitals, so
        // that the pronoun "us" is not the United States.
        bool acronym_key = false;
        for (const std::string& alias : it->second->aliases) {
          if (NameKey(alias) == key && IsAcronym(alias)) acronym_key = true;
        }
        if (acronym_key && !(len == 1 && tokens[i].all_upper &&
                             IsAcronym(surface))) {
          continue;
        }
        matches.push_back({it->second, start, end});
        i += len;
        matched = true;
      }
    }
    if (!matched) ++i;
  }
  return matches;
}

std::vector<ArticleEntity> GazetteerExtractor::Extract(
    absl::string_view body) const {
  std::vector<ArticleEntity> entities;
  absl::flat_hash_map<std::string, size_t> index_of;
  // Offsets are reported in code points; walk the body once alongside.
  int byte_pos = 0;
  int code_points = 0;
  auto code_point_at = [&](int byte) {
    code_points += CodePointCount(body.substr(byte_pos, byte - byte_pos));
    byte_pos = byte;
    return code_points;
  };
  for (const Gazetteer::Match& match : gazetteer_->FindMatches(body)) {
    auto [it, inserted] = index_of.try_emplace(match.record->id, entities.size());
    if (inserted) {
      ArticleEntity entity;
      entity.id = match.record->id;
      entity.name = match.record->name;
      entity.type = match.record->type;
      entity.subtype = match.record->subtype;
      entities.push_back(std::move(entity));
    }
    ArticleEntity& entity = entities[it->second];
    std::string surface(body.substr(match.start_byte,
                                    match.end_byte - match.start_byte));
    Mention mention;
    mention.start = code_point_at(match.start_byte);
    mention.end = code_point_at(match.end_byte);
    mention.text = surface;
    entity.mentions.push_back(std::move(mention));
    ++entity.mention_count;
    if (std::find(entity.surface_forms.begin(), entity.surface_forms.end(),
                  surface) == entity.surface_forms.end()) {
      entity.surface_forms.push_back(std::move(surface));
    }
  }
  // Salience: share of mentions, boosted for an early first mention.
  int total = 0;
  for (const ArticleEntity& e : entities) total += e.mention_count;
  const double length = std::max(1, CodePointCount(body));
  for (ArticleEntity& e : entities) {
    const double share = static_cast<double>(e.mention_count) / total;
    const double early = 1.0 - e.mentions.front().start / length;
    e.salience = std::min(1.0, 0.7 * share + 0.3 * early);
  }
  std::stable_sort(entities.begin(), entities.end(),
                   [](const ArticleEntity& a, const ArticleEntity& b) {
                     return a.salience > b.salience;
                   });
  return entities;
}

}  // namespace newsindex
