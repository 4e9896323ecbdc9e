// Finds candidate entity mentions in tokenized text: gazetteer matches and
// names no gazetteer knows, found from capitalization, titles and
// honorifics (not part of the name), cue words and context.
#ifndef NEWSINDEX_CORE_ENTITIES_DISCOVERY_H_
#define NEWSINDEX_CORE_ENTITIES_DISCOVERY_H_

#include <vector>

#include "core/entities/gazetteer.h"
#include "core/entities/spans.h"
#include "core/entities/tokens.h"

namespace newsindex {

// Candidate spans of `tokens` (Tokenize(body)), in text order, not overlapping
// except for kNested spans inside a longer name. Discovered names get a
// confidence below 1 and an id "<type prefix>:<slug of the name>"
// ("person:zamir-kabulov"). Thread-safe (reads `gazetteer` only).
std::vector<EntitySpan> FindCandidates(const Gazetteer& gazetteer,
                                       absl::string_view body,
                                       const std::vector<Token>& tokens);

// The id a discovered name of `type` gets.
std::string DiscoveredId(EntityType type, absl::string_view subtype,
                         absl::string_view name);

// Whether `key` is an ordinary word, also as a plural or -ed/-ing form.
bool IsCommonForm(const Lexicon& lexicon, absl::string_view key);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_ENTITIES_DISCOVERY_H_
