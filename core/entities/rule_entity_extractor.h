// The entity extractor the ingest pipeline uses: gazetteer matches,
// discovery of unknown names, in-article coreference, salience.
#ifndef NEWSINDEX_CORE_ENTITIES_RULE_ENTITY_EXTRACTOR_H_
#define NEWSINDEX_CORE_ENTITIES_RULE_ENTITY_EXTRACTOR_H_

#include <vector>

#include "absl/strings/string_view.h"
#include "core/entities/entity_extractor.h"
#include "core/entities/gazetteer.h"
#include "core/entities/learned_names.h"
#include "core/entities/ner/tagger.h"
#include "core/entities/spans.h"
#include "core/entities/tagged_mentions.h"

namespace newsindex {

struct EntityExtractorOptions {
  // Discovered names below this confidence are left out.
  double min_confidence = 0.5;
  // Find names the gazetteer does not know.
  bool discover = true;
  // The statistical tagger that finds names and their types (not owned;
  // must outlive the extractor); null: the rules alone (discovery.h).
  const NerTagger* tagger = nullptr;
  // With a tagger: which gazetteer matches it did not mark still count.
  UntaggedKnowledge untagged_knowledge = UntaggedKnowledge::kStrong;
  // Names the index already linked (may be null, not owned, thread-safe):
  // an acronym no rule or knowledge links in this article ("KWC") takes the
  // entity an earlier article defined it as.
  const LearnedNames* learned = nullptr;
};

// Thread-safe and stateless; does not own the gazetteer (nor the tagger),
// which must outlive it.
class RuleEntityExtractor final : public EntityExtractor {
 public:
  explicit RuleEntityExtractor(const Gazetteer* gazetteer,
                               EntityExtractorOptions options = {})
      : gazetteer_(gazetteer), options_(options) {}

  std::vector<ArticleEntity> Extract(absl::string_view body) const override;
  // English or unknown `language`: Extract(body). Any other: names the
  // gazetteer knows only (multilingual_extractor.cc).
  std::vector<ArticleEntity> ExtractIn(
      absl::string_view body, absl::string_view language) const override;
  // A dateline names a place: GeoNames towns need no further context there.
  std::vector<ArticleEntity> ExtractDateline(
      absl::string_view dateline) const override;

  // Every kept mention of `body` in text order, offsets filled; for
  // evaluation and tests.
  std::vector<EntitySpan> Mentions(absl::string_view body) const;

 private:
  // `place_text`: the whole text names a place (see place_context.h).
  std::vector<EntitySpan> MentionsIn(absl::string_view body,
                                     bool place_text) const;

  const Gazetteer* gazetteer_;
  // Gazetteer matches alone, for text not in English.
  std::vector<EntitySpan> KnownMentions(absl::string_view body) const;

  const EntityExtractorOptions options_;
};

// Groups `mentions` of `body` by entity: display names, surface forms,
// counts and a salience from mention share, first position and type;
// most salient first.
std::vector<ArticleEntity> AggregateMentions(
    absl::string_view body, const std::vector<EntitySpan>& mentions);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_ENTITIES_RULE_ENTITY_EXTRACTOR_H_
