#include "core/index/xapian_status.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "core/text/excerpt.h"

namespace newsindex {

absl::Status XapianErrorToStatus(const Xapian::Error& error) {
  // Xapian quotes terms and keys in its messages: cut like client input.
  std::string message =
      absl::StrCat(error.get_type(), ": ", Excerpt(error.get_msg()));
  if (!error.get_context().empty()) {
    absl::StrAppend(&message, " (", error.get_context(), ")");
  }
  // Xapian's exception classes are not polymorphic: dispatch on the name.
  const std::string type = error.get_type();
  // "already locked" is another writer; other lock errors (a read-only or
  // missing volume) are the environment's.
  if (type == "DatabaseLockError" &&
      absl::StrContains(error.get_msg(), "already locked")) {
    return absl::FailedPreconditionError(
        absl::StrCat("the database is locked by another writer (is a second "
                     "ingest-service running on the same directory?): ",
                     message));
  }
  if (type == "DatabaseLockError") {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot lock the database for writing: ", message));
  }
  if (type == "DatabaseNotFoundError" || type == "DocNotFoundError") {
    return absl::NotFoundError(message);
  }
  if (type == "QueryParserError") {
    return absl::InvalidArgumentError(message);
  }
  if (type == "DatabaseModifiedError") {
    return absl::AbortedError(message);
  }
  // A remote shard (xapian-tcpsrv) that cannot be reached, or a handle
  // closed after it failed: worth retrying later.
  if (type == "NetworkError" || type == "NetworkTimeoutError" ||
      type == "DatabaseClosedError") {
    return absl::UnavailableError(message);
  }
  if (type == "DatabaseCorruptError") {
    return absl::DataLossError(message);
  }
  return absl::InternalError(message);
}

absl::Status UnexpectedExceptionStatus(absl::string_view what) {
  return absl::InternalError(
      absl::StrCat("unexpected exception: ", Excerpt(what)));
}

}  // namespace newsindex
