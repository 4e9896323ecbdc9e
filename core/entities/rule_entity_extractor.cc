#include "core/entities/rule_entity_extractor.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "core/entities/coreference.h"
#include "core/entities/discovery.h"
#include "core/entities/place_context.h"
#include "core/entities/tokens.h"

namespace newsindex {
namespace {

// An unknown acronym the index has linked before takes that entity.
void LinkLearnedAcronyms(const LearnedNames& learned,
                         const std::vector<Token>& tokens,
                         std::vector<EntitySpan>* spans) {
  for (EntitySpan& s : *spans) {
    if (s.known || s.first != s.last || !tokens[s.first].all_upper) continue;
    std::optional<EntityRecord> r =
        learned.FindLearned(MatchKey(absl::string_view(tokens[s.first].key)));
    if (!r || r->id == s.id || r->type == EntityType::kPerson) continue;
    s.id = r->id;
    s.name = r->name;
    s.type = r->type;
    s.subtype = r->subtype;
    s.country = r->country;
    s.kind = MentionKind::kAcronym;
    s.known = true;
    s.confidence = 1.0;
  }
}

}  // namespace

std::vector<EntitySpan> RuleEntityExtractor::Mentions(
    absl::string_view body) const {
  return MentionsIn(body, /*place_text=*/false);
}

std::vector<EntitySpan> RuleEntityExtractor::MentionsIn(absl::string_view body,
                                                        bool place_text) const {
  const std::vector<Token> tokens = Tokenize(body);
  std::vector<EntitySpan> spans = FindCandidates(*gazetteer_, body, tokens);
  if (options_.tagger != nullptr) {
    std::vector<NerSpan> tagged = options_.tagger->Tag(body, tokens);
    RetypeDatelinePlaces(*gazetteer_, tokens, place_text, &tagged);
    spans = MergeTaggedSpans(*gazetteer_, body, tokens, tagged,
                             std::move(spans), options_.untagged_knowledge);
  }
  if (!options_.discover) {
    spans.erase(std::remove_if(spans.begin(), spans.end(),
                               [](const EntitySpan& s) { return !s.known; }),
                spans.end());
  }
  ResolveCoreference(*gazetteer_, tokens, &spans);
  // After coreference, which may make a town's name a person's surname.
  DropPlacesWithoutContext(tokens, place_text, &spans);
  if (options_.learned != nullptr) {
    LinkLearnedAcronyms(*options_.learned, tokens, &spans);
  }
  std::vector<EntitySpan> kept;
  kept.reserve(spans.size());
  for (EntitySpan& s : spans) {
    if (!s.known && s.confidence < options_.min_confidence) continue;
    if (s.known && s.confidence <= 0) continue;
    PlaceSpan(body, tokens, &s);
    kept.push_back(std::move(s));
  }
  return kept;
}

std::vector<ArticleEntity> RuleEntityExtractor::Extract(
    absl::string_view body) const {
  return AggregateMentions(body, Mentions(body));
}

std::vector<ArticleEntity> RuleEntityExtractor::ExtractDateline(
    absl::string_view dateline) const {
  std::vector<ArticleEntity> entities =
      AggregateMentions(dateline, MentionsIn(dateline, /*place_text=*/true));
  for (const ArticleEntity& e : entities) {
    if (e.type == EntityType::kLocation && !e.country.empty()) return entities;
  }
  // "MANILA", "GENEVA, March 3": a place whose name is also a word, which
  // sentence-initial rules drop; the dateline's first part names it. It
  // replaces a place of that name found without its country.
  const absl::string_view place = dateline.substr(0, dateline.find(','));
  const EntityRecord* r = gazetteer_->FindByName(place);
  if (r == nullptr || r->type != EntityType::kLocation) return entities;
  std::erase_if(entities, [&](const ArticleEntity& e) {
    return e.type == EntityType::kLocation && e.surface_forms.size() == 1 &&
           e.surface_forms[0] == place;
  });
  ArticleEntity e;
  e.id = r->id;
  e.name = r->name;
  e.type = r->type;
  e.subtype = r->subtype;
  e.country = r->country;
  e.mention_count = 1;
  e.surface_forms = {std::string(place)};
  e.salience = 0.5;
  e.mentions.push_back(
      Mention{0, static_cast<int>(place.size()), std::string(place)});
  entities.push_back(std::move(e));
  return entities;
}

std::vector<ArticleEntity> AggregateMentions(
    absl::string_view body, const std::vector<EntitySpan>& mentions) {
  std::vector<ArticleEntity> entities;
  absl::flat_hash_map<std::string, size_t> index_of;
  std::vector<bool> named_by_gazetteer;
  for (const EntitySpan& s : mentions) {
    auto [it, inserted] = index_of.try_emplace(s.id, entities.size());
    if (inserted) {
      ArticleEntity e;
      e.id = s.id;
      e.name = s.name;
      e.type = s.type;
      e.subtype = s.subtype;
      if (s.type == EntityType::kLocation) e.country = s.country;
      entities.push_back(std::move(e));
      named_by_gazetteer.push_back(s.known);
    }
    ArticleEntity& e = entities[it->second];
    if (e.type == EntityType::kLocation && e.country.empty()) {
      e.country = s.country;
    }
    // A discovered entity is named by its longest full mention.
    if (!named_by_gazetteer[it->second] && s.kind == MentionKind::kName &&
        s.name.size() > e.name.size()) {
      e.name = s.name;
    }
    e.mentions.push_back(Mention{s.cp_start, s.cp_end, s.text});
    ++e.mention_count;
    if (std::find(e.surface_forms.begin(), e.surface_forms.end(), s.text) ==
        e.surface_forms.end()) {
      e.surface_forms.push_back(s.text);
    }
  }
  int total = 0;
  for (const ArticleEntity& e : entities) total += e.mention_count;
  const double length =
      std::max(1, mentions.empty() ? 1 : mentions.back().cp_end);
  for (ArticleEntity& e : entities) {
    const double share = static_cast<double>(e.mention_count) / total;
    const double early = 1.0 - e.mentions.front().start / length;
    const double frequent = std::min(1.0, e.mention_count / 5.0);
    e.salience =
        std::clamp(0.4 * frequent + 0.3 * share + 0.3 * early, 0.0, 1.0);
  }
  std::stable_sort(entities.begin(), entities.end(),
                   [](const ArticleEntity& a, const ArticleEntity& b) {
                     return a.salience > b.salience;
                   });
  (void)body;
  return entities;
}

}  // namespace newsindex
