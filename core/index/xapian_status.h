// The one place where Xapian exceptions become absl::Status.
#ifndef NEWSINDEX_CORE_INDEX_XAPIAN_STATUS_H_
#define NEWSINDEX_CORE_INDEX_XAPIAN_STATUS_H_

#include <type_traits>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "xapian.h"

namespace newsindex {

// Maps a Xapian error to the closest canonical code:
// DatabaseLockError -> FAILED_PRECONDITION ("locked by another writer" when
// Xapian says "already locked", else "cannot lock": a read-only volume),
// DatabaseNotFoundError/DocNotFoundError -> NOT_FOUND,
// QueryParserError -> INVALID_ARGUMENT, DatabaseModifiedError -> ABORTED,
// DatabaseCorruptError -> DATA_LOSS, anything else -> INTERNAL.
absl::Status XapianErrorToStatus(const Xapian::Error& error);

// Runs `fn`, turning a thrown Xapian::Error into a Status. `fn` returns
// either absl::Status or absl::StatusOr<T>.
template <typename Fn>
auto CallXapian(Fn&& fn) -> decltype(fn()) {
  try {
    return std::forward<Fn>(fn)();
  } catch (const Xapian::Error& e) {
    return XapianErrorToStatus(e);
  }
}

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_INDEX_XAPIAN_STATUS_H_
