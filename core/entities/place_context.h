// Towns from GeoNames are many, and many are named like people or words
// ("Nancy", "Florence", "Reading"): such a name counts as a place only in
// place context. Pure functions; thread-safe.
#ifndef NEWSINDEX_CORE_ENTITIES_PLACE_CONTEXT_H_
#define NEWSINDEX_CORE_ENTITIES_PLACE_CONTEXT_H_

#include <vector>

#include "core/entities/gazetteer.h"
#include "core/entities/spans.h"
#include "core/entities/tokens.h"

namespace newsindex {

// Whether `span` is a weak place: a known location matched only through a
// GeoNames name of a town under a million people (priority kPriorityCity
// up to kPriorityCity + 3; see geonames_loader.cc). Curated, WordNet and
// country names are never weak.
bool IsWeakPlace(const EntitySpan& span);
// The same for a gazetteer match.
bool IsWeakPlace(const Gazetteer::Match& match);

// Whether tokens first..last open a dateline: they start a line, every
// word of them is in capitals, and a comma or dash follows ("TERMEZ, Nov 3
// -", "NEW YORK -").
bool OpensDateline(const std::vector<Token>& tokens, size_t first, size_t last);

// Removes from `spans` (candidates over `tokens`, in text order) the weak
// places without place context, unless `place_text` says the whole text
// names a place (a dateline). Place context is one of: a preposition of
// place right before ("in", "near", "from"...); the start of a line in
// capitals followed by a comma or dash (a dateline, "TERMEZ, Nov 3 -");
// the town's country, or a region of it, right after ("Termez, Uzbekistan",
// "Termez (Uzbekistan)": within 3 tokens).
void DropPlacesWithoutContext(const std::vector<Token>& tokens, bool place_text,
                              std::vector<EntitySpan>* spans);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_ENTITIES_PLACE_CONTEXT_H_
