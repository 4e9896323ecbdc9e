// Links mentions inside one article: acronyms defined in parentheses,
// partial names ("Kabulov" -> "Zamir Kabulov"), misspelt names after an
// honorific. Ambiguous partial names are dropped rather than linked
// wrongly.
#ifndef NEWSINDEX_CORE_ENTITIES_COREFERENCE_H_
#define NEWSINDEX_CORE_ENTITIES_COREFERENCE_H_

#include <vector>

#include "core/entities/gazetteer.h"
#include "core/entities/spans.h"
#include "core/entities/tokens.h"

namespace newsindex {

// Rewrites `spans` (from FindCandidates over `tokens`, in text order) in
// place: relinked spans take the id, name and type of their entity and a
// confidence of at least 0.9; dropped spans get confidence 0. Thread-safe.
void ResolveCoreference(const Gazetteer& gazetteer,
                        const std::vector<Token>& tokens,
                        std::vector<EntitySpan>* spans);

// Whether the capitals of `acronym` ("ISKP") are initials of the words of
// `long_form` ("Islamic State Khorasan Province") in order; words may be
// skipped but the first must match.
bool InitialsMatch(absl::string_view acronym, absl::string_view long_form);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_ENTITIES_COREFERENCE_H_
