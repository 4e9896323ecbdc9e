#include "core/entities/tagged_mentions.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "core/entities/discovery.h"
#include "core/entities/place_context.h"

namespace newsindex {
namespace {

EntityType TypeOf(NerType type) {
  switch (type) {
    case NerType::kPer:
      return EntityType::kPerson;
    case NerType::kOrg:
      return EntityType::kOrganization;
    case NerType::kLoc:
      return EntityType::kLocation;
    default:
      return EntityType::kOther;
  }
}

uint64_t SpanKey(size_t first, size_t last) {
  return (static_cast<uint64_t>(first) << 32) | last;
}

// Per token: its line is in title case ("Taliban Ambassador Arrives In
// Moscow"), where capitals say nothing and the tagger, which learnt from
// text with headlines in capitals, is not trusted; the rules decide there.
std::vector<bool> TitleCaseLines(const Lexicon& lex,
                                 const std::vector<Token>& t) {
  std::vector<bool> title(t.size(), false);
  size_t start = 0;
  while (start < t.size()) {
    size_t end = start + 1;
    while (end < t.size() && !t[end].newline_before) ++end;
    int words = 0, lower = 0, upper = 0, common = 0;
    for (size_t k = start; k < end; ++k) {
      if (!t[k].word || t[k].has_digit || lex.IsFunctionWord(t[k].key)) {
        continue;
      }
      ++words;
      lower += t[k].capitalized ? 0 : 1;
      upper += t[k].all_upper ? 1 : 0;
    }
    // Most lines have a lowercase word: no need to look words up.
    for (size_t k = start; lower == 0 && k < end; ++k) {
      if (t[k].word && !t[k].has_digit && !t[k].all_upper &&
          t[k].key.size() >= 3 && !lex.IsFunctionWord(t[k].key) &&
          IsCommonForm(lex, t[k].key)) {
        ++common;
      }
    }
    if (words >= 3 && lower == 0 && upper < words && common >= 2 &&
        common * 3 >= words) {
      for (size_t k = start; k < end; ++k) title[k] = true;
    }
    start = end;
  }
  return title;
}

// `tag` without punctuation at either end and, for a person, without the
// titles before the name ("Mawlawi Gul Hassan" -> "Gul Hassan"); false
// when nothing is left.
bool TrimTagged(const Lexicon& lex, const std::vector<Token>& t, NerSpan* tag,
                bool* honorific) {
  while (tag->first <= tag->last && !t[tag->first].word) ++tag->first;
  while (tag->last > tag->first && !t[tag->last].word) --tag->last;
  while (tag->type == NerType::kPer && tag->first <= tag->last &&
         (!t[tag->first].word || (t[tag->first].key.size() >= 2 &&
                                  (lex.IsTitle(t[tag->first].key) ||
                                   lex.IsHonorific(t[tag->first].key))))) {
    *honorific = true;
    ++tag->first;
  }
  return tag->first <= tag->last && t[tag->first].word;
}

bool IsStrong(const EntitySpan& s) {
  return s.known && s.priority >= kPriorityCountry;
}

// A tagged name as a mention: the exact candidate when the knowledge
// agrees, else the gazetteer entry of that span and type, else discovered.
EntitySpan TaggedMention(const Gazetteer& gazetteer, absl::string_view body,
                         const std::vector<Token>& t, const NerSpan& tag,
                         const EntitySpan* exact) {
  const EntityType type = TypeOf(tag.type);
  // The knowledge keeps the span when it agrees, when it is strong, and for
  // events, a type CoNLL's tagger does not know.
  if (exact != nullptr && exact->kind != MentionKind::kNested &&
      (exact->type == type || exact->type == EntityType::kOther)) {
    EntitySpan s = *exact;
    s.confidence = std::max(s.confidence, 0.9);
    return s;
  }
  EntitySpan s;
  s.first = tag.first;
  s.last = tag.last;
  s.type = type;
  if (std::optional<Gazetteer::Match> m = gazetteer.MatchAt(t, tag.first);
      m && m->last == tag.last && m->record->type == type) {
    s.id = m->record->id;
    s.name = m->record->name;
    s.subtype = m->record->subtype;
    // A place keeps its country: "MANILA" that the rules left out as a
    // word ("manila" paper) is still in the Philippines.
    s.country = m->record->country;
    s.priority = m->priority;
    s.known = true;
    s.kind = m->kind == AliasKind::kAcronym ? MentionKind::kAcronym
                                            : MentionKind::kName;
    return s;
  }
  s.name = std::string(
      body.substr(t[tag.first].start, t[tag.last].end - t[tag.first].start));
  s.id = DiscoveredId(type, "", s.name);
  s.confidence = 0.8;
  if (exact != nullptr) s.honorific = exact->honorific;
  return s;
}

}  // namespace

void RetypeDatelinePlaces(const Gazetteer& gazetteer,
                          const std::vector<Token>& tokens, bool place_text,
                          std::vector<NerSpan>* tagged) {
  for (NerSpan& tag : *tagged) {
    size_t last = tag.last;
    while (last > tag.first && !tokens[last].word) --last;
    if (tag.type == NerType::kLoc || !tokens[tag.first].word ||
        (!place_text && !OpensDateline(tokens, tag.first, last))) {
      continue;
    }
    const std::optional<Gazetteer::Match> m =
        gazetteer.MatchAt(tokens, tag.first);
    if (m && m->last == last && m->record->type == EntityType::kLocation) {
      tag.type = NerType::kLoc;
    }
  }
}

std::vector<EntitySpan> MergeTaggedSpans(const Gazetteer& gazetteer,
                                         absl::string_view body,
                                         const std::vector<Token>& tokens,
                                         const std::vector<NerSpan>& tagged,
                                         std::vector<EntitySpan> candidates,
                                         UntaggedKnowledge policy) {
  const Lexicon& lex = gazetteer.lexicon();
  const std::vector<bool> title_case = TitleCaseLines(lex, tokens);
  absl::flat_hash_map<uint64_t, const EntitySpan*> exact;
  // Persons the rules found after a title, by last token.
  absl::flat_hash_map<size_t, const EntitySpan*> titled;
  for (const EntitySpan& c : candidates) {
    if (c.kind != MentionKind::kNested) exact[SpanKey(c.first, c.last)] = &c;
    if (c.type == EntityType::kPerson && c.honorific) titled[c.last] = &c;
  }
  // tag_of[k]: index + 1 of the tagged name covering token k, 0 when none.
  std::vector<size_t> tag_of(tokens.size(), 0);
  std::vector<NerSpan> kept_tags;
  std::vector<EntitySpan> out;
  for (NerSpan tag : tagged) {
    bool honorific = false;
    if (title_case[tag.first] || !TrimTagged(lex, tokens, &tag, &honorific)) {
      continue;
    }
    // The rules know titles the tagger may take for a name ("Defence
    // Minsiter Mullah Yqoob"): a titled person ending the span is the name.
    if (auto t = titled.find(tag.last); tag.type == NerType::kPer &&
                                        t != titled.end() &&
                                        t->second->first > tag.first) {
      tag.first = t->second->first;
    }
    kept_tags.push_back(tag);
    for (size_t k = tag.first; k <= tag.last; ++k) tag_of[k] = kept_tags.size();
    auto it = exact.find(SpanKey(tag.first, tag.last));
    const EntitySpan* match = it == exact.end() ? nullptr : it->second;
    if (tag.type == NerType::kMisc) continue;  // its known parts, below
    out.push_back(TaggedMention(gazetteer, body, tokens, tag, match));
    out.back().honorific |= honorific;
  }
  for (EntitySpan& c : candidates) {
    if (title_case[c.first]) {  // the rules decide on title-case lines
      out.push_back(std::move(c));
      continue;
    }
    const size_t inside = tag_of[c.first];
    bool overlaps = false;
    for (size_t k = c.first; k <= c.last; ++k) overlaps |= tag_of[k] != 0;
    if (!overlaps) {
      const bool keep = c.kind == MentionKind::kDemonym ||
                        (c.known && policy == UntaggedKnowledge::kAll) ||
                        (IsStrong(c) && policy == UntaggedKnowledge::kStrong);
      if (keep) out.push_back(std::move(c));
      continue;
    }
    if (inside == 0 || inside != tag_of[c.last] || !c.known) continue;
    const NerSpan& tag = kept_tags[inside - 1];
    const bool same = tag.first == c.first && tag.last == c.last;
    if (same && tag.type != NerType::kMisc) continue;  // taken above
    // Known names the tagger calls MISC, and demonyms and known names
    // inside a tagged name ("Afghan" in "Afghan Embassy"), still link.
    if (!same) c.kind = MentionKind::kNested;
    out.push_back(std::move(c));
  }
  std::sort(out.begin(), out.end(),
            [](const EntitySpan& x, const EntitySpan& y) {
              return x.first != y.first ? x.first < y.first : x.last > y.last;
            });
  return out;
}

}  // namespace newsindex
