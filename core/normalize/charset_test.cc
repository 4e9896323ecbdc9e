#include "core/normalize/charset.h"

#include "gtest/gtest.h"

namespace newsindex {
namespace {

TEST(Utf8Test, ToUtf8DecodesDeclaredLatin1) {
  std::string used;
  absl::StatusOr<std::string> out = ToUtf8("caf\xE9", "ISO-8859-1", &used);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out, "caf\xC3\xA9");
  EXPECT_EQ(used, "ISO-8859-1");
}

TEST(Utf8Test, ToUtf8RejectsUnknownCharset) {
  std::string used;
  EXPECT_EQ(ToUtf8("caf\xE9", "no-such-charset", &used).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace newsindex
