// Combines the statistical tagger's names with the rule candidates
// (gazetteer matches and discovered names): the tagger decides where names
// are and of which type; the knowledge base links them.
#ifndef NEWSINDEX_CORE_ENTITIES_TAGGED_MENTIONS_H_
#define NEWSINDEX_CORE_ENTITIES_TAGGED_MENTIONS_H_

#include <vector>

#include "absl/strings/string_view.h"
#include "core/entities/gazetteer.h"
#include "core/entities/ner/labels.h"
#include "core/entities/spans.h"
#include "core/entities/tokens.h"

namespace newsindex {

// Which gazetteer matches the tagger did not mark (and that overlap no
// tagged name) are kept as mentions.
enum class UntaggedKnowledge {
  kDrop,    // none: the tagger alone finds names
  kStrong,  // curated, operator and country names (priority >=
            // kPriorityCountry), acronyms of those included
  kAll,     // every gazetteer match
};

// Tagged names in a place the text reserves for a place that the knowledge
// knows as a location at exactly that span become locations: every name
// of `place_text` (a dateline field, "DENVER, Colo.") and a name opening a
// dateline line ("DENVER, March 3 - ..."). The tagger learnt from CoNLL,
// whose datelines stand alone without a comma, and may call such a name a
// person or a company.
void RetypeDatelinePlaces(const Gazetteer& gazetteer,
                          const std::vector<Token>& tokens, bool place_text,
                          std::vector<NerSpan>* tagged);

// The mentions of `tokens` (Tokenize(body)): each tagged PER/ORG/LOC name,
// linked to the gazetteer entry matching exactly that span when there is
// one of the same type (or a strong entry of another type, whose type then
// wins), else a discovered entity of the tagged type; demonyms and names
// nested in tagged names from `candidates` (FindCandidates); and untagged
// gazetteer matches as `policy` says. Discovered candidates the tagger did
// not confirm are dropped. In text order, as FindCandidates returns them.
std::vector<EntitySpan> MergeTaggedSpans(const Gazetteer& gazetteer,
                                         absl::string_view body,
                                         const std::vector<Token>& tokens,
                                         const std::vector<NerSpan>& tagged,
                                         std::vector<EntitySpan> candidates,
                                         UntaggedKnowledge policy);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_ENTITIES_TAGGED_MENTIONS_H_
