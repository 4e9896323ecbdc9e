// Where Xapian exceptions become absl::Status: CallXapian wraps every call
// into Xapian that may throw.
#ifndef NEWSINDEX_CORE_INDEX_XAPIAN_STATUS_H_
#define NEWSINDEX_CORE_INDEX_XAPIAN_STATUS_H_

#include <exception>
#include <type_traits>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "xapian.h"

namespace newsindex {

// Maps a Xapian error to the closest canonical code:
// DatabaseLockError -> FAILED_PRECONDITION ("locked by another writer" when
// Xapian says "already locked", else "cannot lock": a read-only volume),
// DatabaseNotFoundError/DocNotFoundError -> NOT_FOUND,
// QueryParserError -> INVALID_ARGUMENT, DatabaseModifiedError -> ABORTED,
// DatabaseCorruptError -> DATA_LOSS, anything else -> INTERNAL.
absl::Status XapianErrorToStatus(const Xapian::Error& error);

// INTERNAL for an exception that is not a Xapian::Error; `what` is cut to
// 100 bytes since it may quote input.
absl::Status UnexpectedExceptionStatus(absl::string_view what);

// Runs `fn`, turning a thrown Xapian::Error into a Status. Any other
// exception becomes INTERNAL, so that no input can end the process from a
// worker thread. `fn` returns either absl::Status or absl::StatusOr<T>.
template <typename Fn>
auto CallXapian(Fn&& fn) -> decltype(fn()) {
  try {
    return std::forward<Fn>(fn)();
  } catch (const Xapian::Error& e) {
    return XapianErrorToStatus(e);
  } catch (const std::exception& e) {
    return UnexpectedExceptionStatus(e.what());
  } catch (...) {
    return UnexpectedExceptionStatus("unknown exception");
  }
}

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_INDEX_XAPIAN_STATUS_H_
