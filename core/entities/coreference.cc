#include "core/entities/coreference.h"

#include <algorithm>
#include <optional>
#include <set>
#include <utility>

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
      "inc",      "corp",        "co",      "ltd",    "plc", "sa",
      "ag",       "nv",          "spa",     "gmbh",   "llc", "bv",
      "ab",       "asa",         "oy",      "bhd",    "tbk", "group",
      "holdings", "corporation", "company", "limited"};
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

namespace {

// Most tokens inside "( ... )" after a span that can define an acronym.
constexpr size_t kMaxParenthesizedTokens = 11;
// A known entity this sure of a span may be relinked (an acronym, a
// partial name); an unknown one below it too.
constexpr double kWeakConfidence = 0.7;
// An unknown name with a defined acronym becomes an organisation this sure.
constexpr double kDefinedOrganizationConfidence = 0.85;
// People this unsure do not lend their surname to later mentions.
constexpr double kMinSurnameConfidence = 0.5;
// A person found by a near spelling of a known one.
constexpr double kNearPersonConfidence = 0.9;

// Word tokens first..last (inclusive) of the "( ... )" right after token
// `last`, if there is one of 1..kMaxParenthesizedTokens tokens.
std::optional<std::pair<size_t, size_t>> ParenthesizedAfter(
    const std::vector<Token>& t, size_t last) {
  const size_t open = last + 1;
  if (open >= t.size() || t[open].key != "(") return std::nullopt;
  size_t close = open + 1;
  while (close < t.size() && close < open + kMaxParenthesizedTokens + 1 &&
         t[close].key != ")") {
    ++close;
  }
  if (close >= t.size() || t[close].key != ")" || close == open + 1) {
    return std::nullopt;
  }
  return std::make_pair(open + 1, close - 1);
}

// `acronym` is the initials of `outer`'s name or (known entities) of one
// of its aliases.
bool AbbreviatesSpan(const Gazetteer& gazetteer, const EntitySpan& outer,
                     const std::string& acronym) {
  if (InitialsMatch(acronym, outer.name)) return true;
  if (!outer.known) return false;
  const std::vector<std::string>& aliases =
      gazetteer.FindById(outer.id)->aliases;
  return std::any_of(aliases.begin(), aliases.end(), [&](const std::string& x) {
    return InitialsMatch(acronym, x);
  });
}

// Step 1 for span `s`: "Name (ACR)" links ACR to Name (adding a span for
// an unrecognised ACR); "ACR (Name)" links ACR to Name.
void LinkParenthesizedAcronym(
    const Gazetteer& gazetteer, const std::vector<Token>& t,
    const absl::flat_hash_map<size_t, size_t>& span_at, size_t s,
    std::vector<EntitySpan>* spans_ptr) {
  std::vector<EntitySpan>& spans = *spans_ptr;
  EntitySpan& outer = spans[s];
  const auto parenthesized = ParenthesizedAfter(t, outer.last);
  if (!parenthesized.has_value()) return;
  const auto [a, b] = *parenthesized;
  auto inner_it = span_at.find(a);
  EntitySpan* inner =
      inner_it != span_at.end() && spans[inner_it->second].last == b
          ? &spans[inner_it->second]
          : nullptr;
  if (inner != nullptr && inner->id == outer.id) return;
  const std::string inner_text = WordKeys(t, a, b);
  if (AcronymLike(t, a, b) && outer.type != EntityType::kPerson &&
      (inner == nullptr || !inner->known ||
       inner->confidence < kWeakConfidence) &&
      AbbreviatesSpan(gazetteer, outer, inner_text)) {
    if (!outer.known && outer.confidence < kDefinedOrganizationConfidence) {
      // A name with a defined acronym is an organisation's.
      outer.type = EntityType::kOrganization;
      outer.subtype.clear();
      outer.id = DiscoveredId(outer.type, "", outer.name);
      outer.confidence = kDefinedOrganizationConfidence;
    }
    if (inner == nullptr) {
      EntitySpan added;
      added.first = a;
      added.last = b;
      spans.push_back(added);  // invalidates `outer`
      LinkTo(spans[s], MentionKind::kAcronym, &spans.back());
      return;
    }
    LinkTo(outer, MentionKind::kAcronym, inner);
    return;
  }
  if (inner != nullptr && AcronymLike(t, outer.first, outer.last) &&
      (!outer.known || outer.confidence < kWeakConfidence) &&
      (inner->type == EntityType::kOrganization ||
       inner->type == EntityType::kOther)) {
    LinkTo(*inner, MentionKind::kAcronym, &outer);
  }
}

// Spans by a word key, and the span of each id.
struct SpanIndex {
  absl::flat_hash_map<std::string, std::set<std::string>> ids;
  absl::flat_hash_map<std::string, const EntitySpan*> by_id;
};

// People named in two or more words, by surname.
SpanIndex PeopleBySurname(const std::vector<Token>& t,
                          const std::vector<EntitySpan>& spans) {
  SpanIndex index;
  for (const EntitySpan& s : spans) {
    if (s.type != EntityType::kPerson || s.kind == MentionKind::kNested ||
        s.confidence < kMinSurnameConfidence) {
      continue;
    }
    size_t words = 0;
    for (size_t k = s.first; k <= s.last; ++k) words += t[k].word ? 1 : 0;
    if (words < 2) continue;
    index.ids[t[s.last].key].insert(s.id);
    index.by_id.try_emplace(s.id, &s);
  }
  return index;
}

// "Cofinec SA" is "Cofinec" later: organisations by name without the legal
// suffix.
SpanIndex OrganizationsWithoutSuffix(const std::vector<Token>& t,
                                     const std::vector<EntitySpan>& spans) {
  SpanIndex index;
  for (const EntitySpan& s : spans) {
    if (s.type != EntityType::kOrganization || s.kind == MentionKind::kNested ||
        s.first == s.last || !IsLegalSuffix(t[s.last].key)) {
      continue;
    }
    size_t end = s.last - 1;
    while (end > s.first && !t[end].word) --end;
    index.ids[WordKeys(t, s.first, end)].insert(s.id);
    index.by_id.try_emplace(s.id, &s);
  }
  return index;
}

// Step 2 for span `s`, whose words are `key`: a defined acronym, a short
// organisation name, a surname, or a near spelling of a known person.
void LinkLaterMention(
    const Gazetteer& gazetteer, const std::string& key,
    const absl::flat_hash_map<std::string, EntitySpan>& acronym_entity,
    const SpanIndex& surnames, const SpanIndex& short_orgs, EntitySpan* s) {
  if (auto it = acronym_entity.find(key);
      it != acronym_entity.end() && it->second.id != s->id &&
      (!s->known || s->priority < kPriorityCountry)) {
    LinkTo(it->second, MentionKind::kAcronym, s);
    return;
  }
  if (auto org = short_orgs.ids.find(key);
      org != short_orgs.ids.end() && !s->known && org->second.size() == 1 &&
      !org->second.contains(s->id)) {
    LinkTo(*short_orgs.by_id.at(*org->second.begin()), MentionKind::kPartial,
           s);
    return;
  }
  const bool one_word = s->first == s->last;
  const bool relinkable = !s->known || (s->priority < kPriorityCountry &&
                                        s->type != EntityType::kPerson);
  if (!one_word || !relinkable) return;
  if (auto it = surnames.ids.find(key); it != surnames.ids.end()) {
    if (it->second.size() == 1) {
      EntitySpan full = *surnames.by_id.at(*it->second.begin());
      LinkTo(full, MentionKind::kPartial, s);
    } else {
      s->confidence = 0;  // "Khan" of two people: leave it unlinked
    }
    return;
  }
  if (!s->known && s->type == EntityType::kPerson && s->honorific) {
    if (const EntityRecord* r = gazetteer.FindPersonNear(key)) {
      s->id = r->id;
      s->name = r->name;
      s->known = true;
      s->confidence = kNearPersonConfidence;
    }
  }
}

}  // namespace

void ResolveCoreference(const Gazetteer& gazetteer, const std::vector<Token>& t,
                        std::vector<EntitySpan>* spans_ptr) {
  std::vector<EntitySpan>& spans = *spans_ptr;
  // Span starting exactly at a word token.
  absl::flat_hash_map<size_t, size_t> span_at;
  for (size_t s = 0; s < spans.size(); ++s) {
    if (spans[s].kind != MentionKind::kNested) span_at[spans[s].first] = s;
  }
  // 1. Acronyms defined in parentheses, either way round.
  for (size_t s = 0; s < spans.size(); ++s) {
    if (spans[s].kind == MentionKind::kNested) continue;
    LinkParenthesizedAcronym(gazetteer, t, span_at, s, &spans);
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
  const SpanIndex surnames = PeopleBySurname(t, spans);
  const SpanIndex short_orgs = OrganizationsWithoutSuffix(t, spans);
  for (EntitySpan& s : spans) {
    if (s.kind == MentionKind::kNested || s.kind == MentionKind::kAcronym) {
      continue;
    }
    LinkLaterMention(gazetteer, WordKeys(t, s.first, s.last), acronym_entity,
                     surnames, short_orgs, &s);
  }
}

}  // namespace newsindex
