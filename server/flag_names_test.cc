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
      {{"prog", "search", "-x-y", "--json"},
       {"prog", "search", "-x-y", "--json"}},
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

TEST(ParseFlagArgumentTest, Table) {
  struct Case {
    const char* arg;
    std::optional<std::string> name;  // nullopt: not a flag
    std::optional<std::string> value;
    bool double_dash;
  };
  const Case cases[] = {
      {"--log-level=debug", "log_level", "debug", true},
      {"--log_level", "log_level", std::nullopt, true},
      {"-geonames-cities=a-b.txt", "geonames_cities", "a-b.txt", false},
      {"--db=", "db", "", true},
      {"--db=a=b", "db", "a=b", true},
      {"positional", std::nullopt, std::nullopt, false},
      {"-", std::nullopt, std::nullopt, false},
      {"--", std::nullopt, std::nullopt, false},
      {"--=x", std::nullopt, std::nullopt, false},
      {"", std::nullopt, std::nullopt, false},
  };
  for (const Case& c : cases) {
    std::optional<FlagArgument> flag = ParseFlagArgument(c.arg);
    ASSERT_EQ(flag.has_value(), c.name.has_value()) << c.arg;
    if (!flag.has_value()) continue;
    EXPECT_EQ(flag->name, *c.name) << c.arg;
    EXPECT_EQ(flag->value, c.value) << c.arg;
    EXPECT_EQ(flag->double_dash, c.double_dash) << c.arg;
  }
}

TEST(CanonicalFlagNameTest, DashesBecomeUnderscores) {
  EXPECT_EQ(CanonicalFlagName("geonames-cities"), "geonames_cities");
  EXPECT_EQ(CanonicalFlagName("log_level"), "log_level");
}

TEST(FlagNamesTest, RepeatedFlagValues) {
  const char* argv[] = {"prog",
                        "--gazetteer=a.jsonl,b.jsonl",
                        "--db",
                        "x",
                        "--gazetteer",
                        "c.jsonl",
                        "-gazetteer=d.jsonl",
                        "--geonames-cities=g.txt",
                        "--",
                        "--gazetteer=e"};
  char** args = const_cast<char**>(argv);
  EXPECT_EQ(
      RepeatedFlagValues(10, args, "gazetteer"),
      (std::vector<std::string>{"a.jsonl", "b.jsonl", "c.jsonl", "d.jsonl"}));
  EXPECT_EQ(RepeatedFlagValues(10, args, "geonames_cities"),
            std::vector<std::string>{"g.txt"});
}

}  // namespace
}  // namespace newsindex
