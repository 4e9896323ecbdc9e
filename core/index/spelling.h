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
//
// Then reads back the spelling fragments of every word new to the table
// (through suggestions for its byte trigrams and, when short, itself):
// Xapian 1.4.22 sometimes writes a grown fragment entry that cannot be
// read back ("Too few chunks of compressed data"; docs/architecture.md,
// Known Xapian issues), and once committed every later add_spelling of a
// word sharing that fragment fails. Reading inside the open transaction
// finds it while it can still be dropped. Throws Xapian::Error
// (DatabaseCorruptError for such a fragment): the caller drops the
// transaction and commits its documents without `counts`.
// Writer thread only.
void AddSpellings(const SpellingCounts& counts, Xapian::WritableDatabase& db);

// Adds `more` into `counts`, keeping at most `max_words` words (a word
// beyond the limit is dropped: it only costs a did-you-mean suggestion).
void MergeSpellings(const SpellingCounts& more, size_t max_words,
                    SpellingCounts* counts);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_INDEX_SPELLING_H_
