// RuleEntityExtractor::ExtractIn: entities of text in any language. The
// tagger was trained on English, and the capitalisation rules read English
// (a capitalised word that is not sentence-initial is a name): in German
// every noun is capitalised, and both read "Donnerstag", "Schritt" and
// "Der neue Botschafter" as people. So text in another language gets only
// the names the gazetteer knows (in any language: CLDR territory names,
// GeoNames alternate names, curated aliases), precision first
// (docs/languages.md).
#include <algorithm>
#include <string>

#include "absl/strings/ascii.h"
#include "core/entities/coreference.h"
#include "core/entities/discovery.h"
#include "core/entities/place_context.h"
#include "core/entities/rule_entity_extractor.h"
#include "core/entities/tokens.h"

namespace newsindex {
namespace {

// English, or a language nobody detected: the English rules apply.
bool EnglishRulesApply(absl::string_view language) {
  const std::string code =
      absl::AsciiStrToLower(language.substr(0, language.find_first_of("-_")));
  return code.empty() || code == "en";
}

}  // namespace

std::vector<EntitySpan> RuleEntityExtractor::KnownMentions(
    absl::string_view body) const {
  const std::vector<Token> tokens = Tokenize(body);
  std::vector<EntitySpan> spans = FindCandidates(*gazetteer_, body, tokens);
  std::erase_if(spans, [](const EntitySpan& s) { return !s.known; });
  ResolveCoreference(*gazetteer_, tokens, &spans);
  std::erase_if(spans, [](const EntitySpan& s) { return !s.known; });
  DropPlacesWithoutContext(tokens, /*place_text=*/false, &spans);
  std::vector<EntitySpan> kept;
  kept.reserve(spans.size());
  for (EntitySpan& s : spans) {
    if (s.confidence <= 0) continue;
    PlaceSpan(body, tokens, &s);
    kept.push_back(std::move(s));
  }
  return kept;
}

std::vector<ArticleEntity> RuleEntityExtractor::ExtractIn(
    absl::string_view body, absl::string_view language) const {
  if (EnglishRulesApply(language)) return Extract(body);
  return AggregateMentions(body, KnownMentions(body));
}

}  // namespace newsindex
