#include "core/index/xapian_status.h"

#include "gtest/gtest.h"
#include "xapian.h"

namespace newsindex {
namespace {

TEST(XapianStatusTest, EachErrorMapsToTheCodeACallerActsOn) {
  struct Case {
    absl::StatusCode code;
    absl::Status status;
  };
  const Case cases[] = {
      {absl::StatusCode::kUnavailable,
       XapianErrorToStatus(Xapian::NetworkError("connection refused"))},
      {absl::StatusCode::kUnavailable,
       XapianErrorToStatus(Xapian::NetworkTimeoutError("timed out"))},
      {absl::StatusCode::kUnavailable,
       XapianErrorToStatus(Xapian::DatabaseClosedError("closed"))},
      {absl::StatusCode::kFailedPrecondition,
       XapianErrorToStatus(Xapian::DatabaseLockError("already locked"))},
      {absl::StatusCode::kNotFound,
       XapianErrorToStatus(Xapian::DatabaseNotFoundError("no db"))},
      {absl::StatusCode::kInvalidArgument,
       XapianErrorToStatus(Xapian::QueryParserError("syntax"))},
      {absl::StatusCode::kAborted,
       XapianErrorToStatus(Xapian::DatabaseModifiedError("modified"))},
      {absl::StatusCode::kDataLoss,
       XapianErrorToStatus(Xapian::DatabaseCorruptError("corrupt"))},
      {absl::StatusCode::kInternal,
       XapianErrorToStatus(Xapian::InvalidArgumentError("term too long"))},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(c.status.code(), c.code) << c.status;
  }
}

}  // namespace
}  // namespace newsindex
