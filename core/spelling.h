// Words for "did you mean" suggestions.
#ifndef NEWSINDEX_CORE_SPELLING_H_
#define NEWSINDEX_CORE_SPELLING_H_

#include "xapian.h"

namespace newsindex {

// Adds the plain words of `doc` (unprefixed, unstemmed, alphabetic terms of
// 3 to 30 bytes) to `db`'s spelling table, which QueryParser's spelling
// correction reads. Writer thread only; throws Xapian::Error.
void AddSpellings(const Xapian::Document& doc, Xapian::WritableDatabase& db);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_SPELLING_H_
