#include "core/entities/coreference.h"

#include <algorithm>
#include <set>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "core/entities/discovery.h"

namespace newsindex {
namespace {

void LinkTo(const EntitySpan& target, MentionKind kind, EntitySpan* span) {
  span->id = target.id;
  span->name = target.name;
  span->type = target.type;
  span->subtype = target.subtype;
  span->country = target.country;
  span->known = target.known;
  span->kind = kind;
  span->confidence = std::max({span->confidence, target.confidence, 0.9});
}

// Word tokens first..last are written in capitals, 2..8 letters in all.
bool AcronymLike(const std::vector<Token>& t, size_t first, size_t last) {
  int letters = 0;
  for (size_t k = first; k <= last; ++k) {
    if (!t[k].word) {
      if (t[k].key != "-" && t[k].key != ".") return false;
      continue;
    }
    if (!t[k].all_upper && !t[k].has_digit) return false;
    letters += static_cast<int>(t[k].key.size());
  }
  return letters >= 2 && letters <= 8;
}

std::string WordKeys(const std::vector<Token>& t, size_t first, size_t last) {
  std::string out;
  for (size_t k = first; k <= last; ++k) {
    if (!t[k].word) continue;
    if (!out.empty()) out.push_back(' ');
    out += t[k].key;
  }
  return out;
}

bool IsLegalSuffix(absl::string_view key) {
  static constexpr absl::string_view kSuffixes[] = {
      "inc", "corp", "co", "ltd", "plc", "sa", "ag", "nv", "spa", "gmbh",
      "llc", "bv", "ab", "asa", "oy", "bhd", "tbk", "group", "holdings",
      "corporation", "company", "limited"};
  for (absl::string_view s : kSuffixes) {
    if (key == s) return true;
  }
  return false;
}

}  // namespace

bool InitialsMatch(absl::string_view acronym, absl::string_view long_form) {
  std::string letters;
  for (char c : acronym) {
    if (absl::ascii_isalpha(c)) letters.push_back(absl::ascii_tolower(c));
  }
  std::vector<Token> words;
  for (Token& t : Tokenize(long_form)) {
    if (t.word) words.push_back(std::move(t));
  }
  if (letters.size() < 2 || words.empty() || words[0].key[0] != letters[0]) {
    return false;
  }
  size_t li = 0;
  for (const Token& w : words) {
    if (li < letters.size() && w.key[0] == letters[li]) ++li;
  }
  return li == letters.size();
}

void ResolveCoreference(const Gazetteer& gazetteer,
                        const std::vector<Token>& t,
                        std::vector<EntitySpan>* spans_ptr) {
  std::vector<EntitySpan>& spans = *spans_ptr;
  // Span starting exactly at a word token.
  absl::flat_hash_map<size_t, size_t> span_at;
  for (size_t s = 0; s < spans.size(); ++s) {
    if (spans[s].kind != MentionKind::kNested) span_at[spans[s].first] = s;
  }
  // 1. Acronyms defined in parentheses, either way round.
  absl::flat_hash_map<std::string, size_t> acronyms;  // key -> defining span
  for (size_t s = 0; s < spans.size(); ++s) {
    EntitySpan& outer = spans[s];
    if (outer.kind == MentionKind::kNested) continue;
    size_t open = outer.last + 1;
    if (open >= t.size() || t[open].key != "(") continue;
    size_t close = open + 1;
    while (close < t.size() && close < open + 12 && t[close].key != ")") ++close;
    if (close >= t.size() || t[close].key != ")" || close == open + 1) continue;
    const size_t a = open + 1, b = close - 1;
    auto inner_it = span_at.find(a);
    EntitySpan* inner = inner_it != span_at.end() && spans[inner_it->second].last == b
                            ? &spans[inner_it->second]
                            : nullptr;
    const std::string inner_text = WordKeys(t, a, b);
    if (inner != nullptr && inner->id == outer.id) {
      acronyms[inner_text] = s;
      continue;
    }
    if (AcronymLike(t, a, b) && outer.type != EntityType::kPerson &&
        (inner == nullptr || !inner->known || inner->confidence < 0.7) &&
        (outer.known ? InitialsMatch(inner_text, outer.name) ||
                           std::any_of(gazetteer.FindById(outer.id)->aliases.begin(),
                                       gazetteer.FindById(outer.id)->aliases.end(),
                                       [&](const std::string& x) {
                                         return InitialsMatch(inner_text, x);
                                       })
                     : InitialsMatch(inner_text, outer.name))) {
      if (!outer.known && outer.confidence < 0.85) {
        // A name with a defined acronym is an organisation's.
        outer.type = EntityType::kOrganization;
        outer.subtype.clear();
        outer.country.clear();
        outer.id = DiscoveredId(outer.type, "", outer.name);
        outer.confidence = 0.85;
      }
      if (inner == nullptr) {
        EntitySpan added;
        added.first = a;
        added.last = b;
        spans.push_back(added);
        inner = &spans.back();
        EntitySpan& o = spans[s];
        LinkTo(o, MentionKind::kAcronym, inner);
        acronyms[inner_text] = s;
        continue;
      }
      LinkTo(outer, MentionKind::kAcronym, inner);
      acronyms[inner_text] = s;
      continue;
    }
    if (inner != nullptr && AcronymLike(t, outer.first, outer.last) &&
        (!outer.known || outer.confidence < 0.7) &&
        (inner->type == EntityType::kOrganization ||
         inner->type == EntityType::kOther)) {
      LinkTo(*inner, MentionKind::kAcronym, &outer);
      acronyms[WordKeys(t, outer.first, outer.last)] = inner_it->second;
    }
  }
  std::sort(spans.begin(), spans.end(),
            [](const EntitySpan& x, const EntitySpan& y) {
              return x.first != y.first ? x.first < y.first : x.last > y.last;
            });
  // Acronym spans point at definitions by index; resolve them to copies.
  absl::flat_hash_map<std::string, EntitySpan> acronym_entity;
  for (const EntitySpan& s : spans) {
    if (s.kind != MentionKind::kAcronym) continue;
    acronym_entity.try_emplace(WordKeys(t, s.first, s.last), s);
  }
  // 2. Later (and earlier) uses of a defined acronym; partial names.
  absl::flat_hash_map<std::string, std::set<std::string>> surname_ids;
  absl::flat_hash_map<std::string, const EntitySpan*> by_id;
  for (const EntitySpan& s : spans) {
    if (s.type != EntityType::kPerson || s.kind == MentionKind::kNested ||
        s.confidence < 0.5) {
      continue;
    }
    size_t words = 0;
    for (size_t k = s.first; k <= s.last; ++k) words += t[k].word ? 1 : 0;
    if (words < 2) continue;
    surname_ids[t[s.last].key].insert(s.id);
    by_id.try_emplace(s.id, &s);
  }
  // "Cofinec SA" is "Cofinec" later: organisations by name without the
  // legal suffix, when one organisation has it.
  absl::flat_hash_map<std::string, std::set<std::string>> short_org_ids;
  absl::flat_hash_map<std::string, const EntitySpan*> org_by_id;
  for (const EntitySpan& s : spans) {
    if (s.type != EntityType::kOrganization || s.kind == MentionKind::kNested ||
        s.first == s.last || !IsLegalSuffix(t[s.last].key)) {
      continue;
    }
    size_t end = s.last - 1;
    while (end > s.first && !t[end].word) --end;
    short_org_ids[WordKeys(t, s.first, end)].insert(s.id);
    org_by_id.try_emplace(s.id, &s);
  }
  for (size_t i = 0; i < spans.size(); ++i) {
    EntitySpan& s = spans[i];
    if (s.kind == MentionKind::kNested || s.kind == MentionKind::kAcronym) {
      continue;
    }
    const std::string key = WordKeys(t, s.first, s.last);
    if (auto it = acronym_entity.find(key);
        it != acronym_entity.end() && it->second.id != s.id &&
        (!s.known || s.priority < kPriorityCountry)) {
      LinkTo(it->second, MentionKind::kAcronym, &s);
      continue;
    }
    if (auto org = short_org_ids.find(key);
        org != short_org_ids.end() && !s.known && org->second.size() == 1 &&
        !org->second.contains(s.id)) {
      LinkTo(*org_by_id.at(*org->second.begin()), MentionKind::kPartial, &s);
      continue;
    }
    const bool one_word = s.first == s.last;
    const bool relinkable =
        !s.known || (s.priority < kPriorityCountry &&
                     s.type != EntityType::kPerson);
    if (!one_word || !relinkable) continue;
    auto it = surname_ids.find(key);
    if (it != surname_ids.end()) {
      if (it->second.size() == 1) {
        EntitySpan full = *by_id.at(*it->second.begin());
        LinkTo(full, MentionKind::kPartial, &s);
      } else {
        s.confidence = 0;  // "Khan" of two people: leave it unlinked
      }
      continue;
    }
    if (!s.known && s.type == EntityType::kPerson && s.honorific) {
      if (const EntityRecord* r = gazetteer.FindPersonNear(key)) {
        s.id = r->id;
        s.name = r->name;
        s.known = true;
        s.confidence = 0.9;
      }
    }
  }
}

}  // namespace newsindex
