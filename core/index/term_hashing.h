// Migration of a database's hashed terms to the current scheme of
// schema::PrefixedTerm (schema::kTermHashingKey).
//
// Before scheme 2, a short value starting with "#" was stored as it was,
// so "#<64 hex digits>" reached the term of a hashed long value. Scheme 2
// hashes such values too. A database without the key is migrated when the
// writer opens it: every term "<prefix>#<rest>" of kHashedTermPrefixes whose
// rest is not 64 lowercase hex digits was a plain value and is re-termed to
// PrefixedTerm(prefix, "#<rest>"). A rest of 64 hex digits stays: it is a
// long value's hash (or a value that already collided with one, which no
// migration can separate).
#ifndef NEWSINDEX_CORE_INDEX_TERM_HASHING_H_
#define NEWSINDEX_CORE_INDEX_TERM_HASHING_H_

#include "absl/status/statusor.h"
#include "xapian.h"

namespace newsindex {

// Migrates `db` (not committed: the caller commits) when it lacks
// kTermHashingKey, and records the scheme. Returns how many terms were
// replaced (one per document holding one). Throws Xapian::Error (call it inside
// CallXapian).
int MigrateTermHashing(Xapian::WritableDatabase& db);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_INDEX_TERM_HASHING_H_
