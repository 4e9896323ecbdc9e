#include "server/status_convert.h"

#include "gtest/gtest.h"

namespace newsindex {
namespace {

TEST(StatusConvertTest, CodesAndMessagesCarryOver) {
  const absl::Status cases[] = {
      absl::OkStatus(),
      absl::InvalidArgumentError("article.text: empty"),
      absl::NotFoundError("no article"),
      absl::ResourceExhaustedError("too big"),
      absl::FailedPreconditionError("locked"),
      absl::UnavailableError("shutting down"),
      absl::DataLossError("corrupt"),
      absl::DeadlineExceededError("late"),
  };
  for (const absl::Status& s : cases) {
    grpc::Status g = ToGrpcStatus(s);
    EXPECT_EQ(static_cast<int>(g.error_code()), static_cast<int>(s.code()));
    EXPECT_EQ(g.error_message(), std::string(s.message()));
  }
}

}  // namespace
}  // namespace newsindex
