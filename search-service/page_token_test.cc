#include "search-service/page_token.h"

#include "gtest/gtest.h"

namespace newsindex {
namespace {

TEST(PageTokenTest, RoundTrip) {
  for (int64_t offset : {0, 1, 10, 99999}) {
    absl::StatusOr<int64_t> decoded =
        DecodePageToken(EncodePageToken(offset, "q=a"), "q=a");
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(*decoded, offset);
  }
}

TEST(PageTokenTest, RejectsOtherRequestsAndGarbage) {
  const std::string token = EncodePageToken(10, "q=a");
  EXPECT_EQ(DecodePageToken(token, "q=b").status().code(),
            absl::StatusCode::kInvalidArgument);
  for (const char* bad : {"", "!!!", "cDE6", "eDp5Ono"}) {
    EXPECT_EQ(DecodePageToken(bad, "q=a").status().code(),
              absl::StatusCode::kInvalidArgument)
        << bad;
  }
}

}  // namespace
}  // namespace newsindex
