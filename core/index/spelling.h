// Words for "did you mean" suggestions.
#ifndef NEWSINDEX_CORE_INDEX_SPELLING_H_
#define NEWSINDEX_CORE_INDEX_SPELLING_H_

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "xapian.h"

namespace newsindex {

// Word -> occurrences (documents) to add to the spelling table.
using SpellingCounts = absl::flat_hash_map<std::string, Xapian::termcount>;

// Whether `term` is a word the spelling table holds: 3 to 30 bytes of
// lowercase ASCII letters or UTF-8 bytes (so no numbers, and no prefixed,
// uppercase-led terms).
bool IsSpellingWord(absl::string_view term);

// Counts the plain words of `doc` (its terms for which IsSpellingWord
// holds) into `counts`, once per document.
void CollectSpellings(const Xapian::Document& doc, SpellingCounts* counts);

// Adds `counts` to `db`'s spelling table, which QueryParser's spelling
// correction reads. One call per batch rather than per document: each
// add_spelling reads the table, and a batch repeats most of its words.
// Writer thread only; throws Xapian::Error.
void AddSpellings(const SpellingCounts& counts, Xapian::WritableDatabase& db);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_INDEX_SPELLING_H_
