#include "api/request_id.h"

#include "gtest/gtest.h"

namespace newsindex {
namespace {

TEST(RequestIdTest, NewIdsAreHexAndDistinct) {
  const std::string a = NewRequestId(), b = NewRequestId();
  EXPECT_EQ(a.size(), 32u);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(a, b);
  EXPECT_TRUE(IsUsableRequestId(a));
}

TEST(RequestIdTest, UsableIds) {
  struct Case {
    std::string id;
    bool usable;
  };
  const Case cases[] = {{"abc-123", true},
                        {"", false},
                        {"has space", false},
                        {"new\nline", false},
                        {std::string(128, 'a'), true},
                        {std::string(129, 'a'), false},
                        {"caf\xc3\xa9", false}};
  for (const Case& c : cases) {
    EXPECT_EQ(IsUsableRequestId(c.id), c.usable) << c.id;
  }
}

}  // namespace
}  // namespace newsindex
