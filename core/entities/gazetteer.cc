#include "core/entities/gazetteer.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace newsindex {
namespace {

// Written in capitals with 2..6 letters: "UAE", "U.S.", "ISIS-K".
bool LooksLikeAcronym(const std::vector<Token>& tokens) {
  int letters = 0;
  for (const Token& t : tokens) {
    if (!t.word) continue;
    if (!t.all_upper && !t.has_digit) return false;
    for (char c : t.key) {
      if (absl::ascii_isalpha(c) || static_cast<unsigned char>(c) >= 0x80) {
        ++letters;
      }
    }
  }
  return letters >= 2 && letters <= 6;
}

size_t NextWord(const std::vector<Token>& tokens, size_t i) {
  size_t k = i + 1;
  while (k < tokens.size() && !tokens[k].word) ++k;
  return k;
}

}  // namespace

std::string EntityIdPrefix(EntityType type, absl::string_view subtype) {
  switch (type) {
    case EntityType::kPerson:
      return "person";
    case EntityType::kOrganization:
      return "org";
    case EntityType::kLocation:
      if (subtype == "country" || subtype == "region" || subtype == "city") {
        return std::string(subtype);
      }
      return "place";
    case EntityType::kOther:
      return "event";
    default:
      return "entity";
  }
}

bool Joinable(const std::vector<Token>& tokens, size_t a, size_t b) {
  if (b <= a) return false;
  if (tokens[b].newline_before) return false;
  const size_t punct = b - a - 1;
  if (punct == 0) return true;
  if (punct > 1) return false;
  const Token& p = tokens[a + 1];
  if (p.newline_before) return false;
  const std::string& k = p.key;
  // "·" and "・" join the parts of a foreign name in Chinese and Japanese.
  if (k == "-" || k == "'" || k == "/" || k == "\u00b7" || k == "\u30fb") {
    // "Guinea-Bissau", "O'Brien": tight; a spaced hyphen is a dash.
    return !p.space_before && !tokens[b].space_before;
  }
  if (k == "&") return p.space_before == tokens[b].space_before;  // "AT&T"

  if (k == ".") {
    // "U.S. Army", "St. Petersburg": only after a short abbreviation.
    return tokens[a].key.size() <= 3 && !p.space_before;
  }
  return false;
}

uint32_t Gazetteer::TokenId(absl::string_view key) const {
  // Only words ending in these letters can fold (FoldSpelling: -isation,
  // -ise, -ised, -ising, -iser, centre, harbour...): skip the copy else.
  constexpr absl::string_view kFoldEnds = "degnrs";
  const bool may_fold =
      key.size() >= 6 && kFoldEnds.find(key.back()) != absl::string_view::npos;
  auto it = may_fold ? vocab_.find(FoldSpelling(key)) : vocab_.find(key);
  return it == vocab_.end() ? 0 : it->second;
}

uint32_t Gazetteer::Child(uint32_t node, uint32_t token) const {
  auto it = edges_.find((static_cast<uint64_t>(node) << 32) | token);
  return it == edges_.end() ? 0 : it->second;
}

EntityRecord* Gazetteer::Add(EntityRecord record, int priority) {
  EntityRecord* target = MutableById(record.id);
  if (target == nullptr) {
    records_.push_back(std::make_unique<EntityRecord>());
    target = records_.back().get();
    target->id = record.id;
    target->name = record.name;
    target->type = record.type;
    target->subtype = record.subtype;
    target->country = record.country;
    by_id_[target->id] = target;
  } else if (target->subtype.empty()) {
    target->subtype = record.subtype;
  }
  AddAlias(target, record.name, AliasKind::kName, priority);
  for (const std::string& alias : record.aliases) {
    AddAlias(target, alias, AliasKind::kName, priority);
  }
  return target;
}

void Gazetteer::AddAlias(EntityRecord* record, absl::string_view alias,
                         AliasKind kind, int priority) {
  const std::vector<Token> tokens = Tokenize(alias);
  std::vector<const Token*> words;
  for (const Token& t : tokens) {
    if (t.word) words.push_back(&t);
  }
  if (words.empty()) return;
  // Names match with or without "the" (see MatchKey).
  std::vector<const Token*> trie_words;
  for (const Token* w : words) {
    if (w->key != "the" || w == words.front()) trie_words.push_back(w);
  }
  if (kind == AliasKind::kName && LooksLikeAcronym(tokens)) {
    kind = AliasKind::kAcronym;
  }
  if (std::find(record->aliases.begin(), record->aliases.end(), alias) ==
      record->aliases.end()) {
    record->aliases.emplace_back(alias);
  }
  uint32_t node = 0;
  for (const Token* w : trie_words) {
    auto [vit, new_word] = vocab_.try_emplace(
        FoldSpelling(w->key), static_cast<uint32_t>(vocab_.size() + 1));
    const uint64_t edge = (static_cast<uint64_t>(node) << 32) | vit->second;
    auto [eit, new_edge] =
        edges_.try_emplace(edge, static_cast<uint32_t>(nodes_.size()));
    if (new_edge) nodes_.emplace_back();
    node = eit->second;
  }
  Payload& p = nodes_[node];
  if (p.record == nullptr || priority > p.priority) {
    p = Payload{record, priority, kind, false};
  } else if (p.record == record) {
    // A name beats a demonym of the same entity ("Afghan" is both).
    if (kind == AliasKind::kName && p.kind == AliasKind::kDemonym)
      p.kind = kind;
  } else if (priority == p.priority) {
    p.ambiguous = true;
  }
  if (record->type == EntityType::kPerson && words.size() == 1 &&
      words[0]->key.size() >= 5) {
    auto [it, inserted] = person_words_.try_emplace(words[0]->key, record);
    if (!inserted && it->second != record) it->second = nullptr;
  }
}

std::string Gazetteer::UniqueId(absl::string_view prefix,
                                absl::string_view name) const {
  std::string slug = Slug(name);
  if (slug.empty()) slug = "x";
  std::string id = absl::StrCat(prefix, ":", slug);
  for (int n = 2; by_id_.contains(id); ++n) {
    id = absl::StrCat(prefix, ":", slug, "-", n);
  }
  return id;
}

void Gazetteer::DropForeignAliases() {
  for (const auto& record : records_) {
    std::vector<std::string>& aliases = record->aliases;
    aliases.erase(std::remove_if(aliases.begin(), aliases.end(),
                                 [&](const std::string& alias) {
                                   return alias != record->name &&
                                          FindByName(alias) != record.get();
                                 }),
                  aliases.end());
  }
}

std::vector<const EntityRecord*> Gazetteer::Records() const {
  std::vector<const EntityRecord*> records;
  records.reserve(records_.size());
  for (const auto& r : records_) records.push_back(r.get());
  return records;
}

const EntityRecord* Gazetteer::FindById(absl::string_view id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : it->second;
}

EntityRecord* Gazetteer::MutableById(absl::string_view id) {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : it->second;
}

const EntityRecord* Gazetteer::FindByName(absl::string_view name) const {
  uint32_t node = 0;
  bool any = false;
  bool first = true;
  for (const Token& t : Tokenize(name)) {
    if (!t.word || (t.key == "the" && !first)) continue;
    first = false;
    const uint32_t id = TokenId(t.key);
    node = id == 0 ? 0 : Child(node, id);
    if (node == 0) return nullptr;
    any = true;
  }
  if (!any || nodes_[node].ambiguous) return nullptr;
  return nodes_[node].record;
}

const EntityRecord* Gazetteer::FindByMatchKey(
    absl::string_view match_key) const {
  uint32_t node = 0;
  for (absl::string_view word : absl::StrSplit(match_key, ' ')) {
    auto it = vocab_.find(word);
    node = it == vocab_.end() ? 0 : Child(node, it->second);
    if (node == 0) return nullptr;
  }
  if (node == 0 || nodes_[node].ambiguous) return nullptr;
  return nodes_[node].record;
}

const EntityRecord* Gazetteer::FindPersonNear(absl::string_view key) const {
  if (key.size() < 5) return nullptr;
  const EntityRecord* found = nullptr;
  for (const auto& [word, record] : person_words_) {
    if (record == nullptr || EditDistance(word, key, 1) > 1) continue;
    if (found != nullptr && found != record) return nullptr;
    found = record;
  }
  return found;
}

std::optional<EntityRecord> Gazetteer::Resolve(absl::string_view name_or_id,
                                               EntityType type) const {
  const std::string id =
      absl::AsciiStrToLower(absl::StripAsciiWhitespace(name_or_id));
  const EntityRecord* record = FindById(id);
  if (record == nullptr && id.size() == 2) {
    record = FindById(absl::StrCat("country:", id));  // "RU"
  }
  if (record == nullptr) record = FindByName(name_or_id);
  if (record == nullptr) return std::nullopt;
  if (type != EntityType::kUnspecified && record->type != type) {
    return std::nullopt;
  }
  return *record;
}

std::optional<Gazetteer::Match> Gazetteer::MatchAt(
    const std::vector<Token>& tokens, size_t i) const {
  if (i >= tokens.size() || !tokens[i].word) return std::nullopt;
  std::optional<Match> best;
  uint32_t node = 0;
  bool capitals_so_far = true;  // non-connector words capitalized
  size_t j = i;
  while (true) {
    const uint32_t id = TokenId(tokens[j].key);
    if (id == 0) break;
    node = Child(node, id);
    if (node == 0) break;
    if (j > i && !tokens[j].capitalized && !tokens[j].has_digit &&
        !lexicon_.IsConnector(tokens[j].key)) {
      capitals_so_far = false;
    }
    const Payload& p = nodes_[node];
    if (p.record != nullptr && !p.ambiguous) {
      bool ok;
      if (p.kind == AliasKind::kAcronym) {
        ok = true;
        for (size_t k = i; k <= j; ++k) {
          if (tokens[k].word && !tokens[k].all_upper && !tokens[k].has_digit) {
            ok = false;
          }
        }
      } else if (tokens[i].capitalized ||
                 (j > i && lexicon_.IsConnector(tokens[i].key) &&
                  tokens[i].key != "the" && tokens[i].key != "of" &&
                  tokens[i].key != "and" && tokens[i].key != "for")) {
        ok = capitals_so_far;  // "al-Qaeda" too
      } else {
        // "moscow" in careless text: a well-known single name that is no
        // ordinary word.
        ok = j == i && p.kind == AliasKind::kName &&
             p.priority >= kPriorityCountry && tokens[i].key.size() >= 4 &&
             !lexicon_.IsCommonWord(tokens[i].key);
      }
      if (ok) best = Match{p.record, i, j, p.kind, p.priority};
    }
    size_t k = NextWord(tokens, j);
    if (k >= tokens.size() || !Joinable(tokens, j, k)) break;
    if (tokens[k].key == "the") {  // "Organization of (the) Petroleum..."
      const size_t after = NextWord(tokens, k);
      if (after >= tokens.size() || !Joinable(tokens, k, after)) break;
      k = after;
    }
    j = k;
  }
  return best;
}

}  // namespace newsindex
