// Short stop lists, written for newsindex: the function words (articles,
// pronouns, prepositions, conjunctions, auxiliaries) that make up much of a
// news text in each language and carry nothing a search is after. They are
// kept short on purpose: a stop word is still indexed unstemmed (phrases
// find it), only its stem and its use as a plain query word are dropped.
#ifndef NEWSINDEX_CORE_INDEX_STOP_WORDS_H_
#define NEWSINDEX_CORE_INDEX_STOP_WORDS_H_

#include <vector>

#include "absl/strings/string_view.h"

namespace newsindex {

// The stop list of ISO 639-1 `code` (lowercase), folded and lowercased as
// the index has words; empty for a language without one (English among
// them: English analysis is unchanged).
std::vector<absl::string_view> StopWordsOf(absl::string_view code);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_INDEX_STOP_WORDS_H_
