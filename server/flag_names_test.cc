#include "server/flag_names.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newsindex {
namespace {

using ::testing::ElementsAreArray;

TEST(UnderscoreFlagNamesTest, Table) {
  struct Case {
    std::vector<std::string> in;
    std::vector<std::string> want;
  };
  const Case cases[] = {
      {{"prog", "--log-level=debug"}, {"prog", "--log_level=debug"}},
      {{"prog", "--search-addr", "a-b:1"}, {"prog", "--search_addr", "a-b:1"}},
      {{"prog", "--db=/x-y"}, {"prog", "--db=/x-y"}},
      {{"prog", "search", "-x-y", "--json"}, {"prog", "search", "-x-y", "--json"}},
      {{"prog", "--", "--not-a-flag"}, {"prog", "--", "--not-a-flag"}},
      {{"prog", "--already_ok"}, {"prog", "--already_ok"}},
  };
  for (const Case& c : cases) {
    std::vector<std::string> storage = c.in;
    std::vector<char*> argv;
    for (std::string& s : storage) argv.push_back(s.data());
    std::vector<char*> pointers;
    std::vector<std::string> out = UnderscoreFlagNames(
        static_cast<int>(argv.size()), argv.data(), &pointers);
    EXPECT_THAT(out, ElementsAreArray(c.want));
    ASSERT_EQ(pointers.size(), out.size() + 1);
    EXPECT_EQ(pointers.back(), nullptr);
  }
}

}  // namespace
}  // namespace newsindex
