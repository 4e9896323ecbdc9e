#include "cli/command_line.h"

#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/reflection.h"
#include "cli/filters.h"
#include "cli/flags.h"
#include "cli/help.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newsindex::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

absl::StatusOr<CommandLine> Parse(std::vector<std::string> args) {
  args.insert(args.begin(), "newsctl");
  return ParseNewsctlCommandLine(args);
}

TEST(CommandLineTest, FlagsBeforeAndAfterTheArguments) {
  absl::FlagSaver saver;
  absl::StatusOr<CommandLine> line =
      Parse({"--json", "search", "wheat", "--limit", "3", "corn",
             "--sort=newest", "--filter", "country=KZ", "-filter=lang=en"});
  ASSERT_TRUE(line.ok()) << line.status();
  EXPECT_EQ(line->command, "search");
  EXPECT_THAT(line->args, ElementsAre("wheat", "corn"));
  EXPECT_THAT(line->filters, ElementsAre("country=KZ", "lang=en"));
  EXPECT_EQ(absl::GetFlag(FLAGS_limit), 3);
  EXPECT_EQ(absl::GetFlag(FLAGS_sort), "newest");
  EXPECT_TRUE(absl::GetFlag(FLAGS_json));
  EXPECT_FALSE(line->help);
}

TEST(CommandLineTest, DashesUnderscoresAndNegatedBooleans) {
  absl::FlagSaver saver;
  absl::StatusOr<CommandLine> line =
      Parse({"search", "x", "--page-token", "T", "--no_collapse", "--json",
             "--nojson"});
  ASSERT_TRUE(line.ok()) << line.status();
  EXPECT_EQ(absl::GetFlag(FLAGS_page_token), "T");
  EXPECT_TRUE(absl::GetFlag(FLAGS_no_collapse));
  EXPECT_FALSE(absl::GetFlag(FLAGS_json));
}

TEST(CommandLineTest, DoubleDashEndsTheFlagsAndFlagsAfterItAreNoted) {
  absl::FlagSaver saver;
  absl::StatusOr<CommandLine> line =
      Parse({"search", "--limit", "2", "--", "-corn", "--limit", "3"});
  ASSERT_TRUE(line.ok()) << line.status();
  EXPECT_THAT(line->args, ElementsAre("-corn", "--limit", "3"));
  EXPECT_EQ(absl::GetFlag(FLAGS_limit), 2);
  EXPECT_THAT(line->flags_after_double_dash, ElementsAre("--limit"));
  // A second "--" after the first is an argument too.
  line = Parse({"search", "--", "a", "--"});
  ASSERT_TRUE(line.ok()) << line.status();
  EXPECT_THAT(line->args, ElementsAre("a", "--"));
}

TEST(CommandLineTest, AnArgumentWithASpaceIsNoFlag) {
  absl::FlagSaver saver;
  absl::StatusOr<CommandLine> line =
      Parse({"search", "-corn wheat", "--limit", "3", "-"});
  ASSERT_TRUE(line.ok()) << line.status();
  EXPECT_THAT(line->args, ElementsAre("-corn wheat", "-"));
  EXPECT_EQ(absl::GetFlag(FLAGS_limit), 3);
  EXPECT_THAT(line->flags_after_double_dash, IsEmpty());
}

TEST(CommandLineTest, HelpAndVersion) {
  absl::FlagSaver saver;
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{
           {"--help"}, {"-h"}, {"search", "--help"}, {"--helpfull"}}) {
    absl::StatusOr<CommandLine> line = Parse(args);
    ASSERT_TRUE(line.ok()) << line.status();
    EXPECT_TRUE(line->help) << args[0];
  }
  absl::StatusOr<CommandLine> line = Parse({"search", "--help"});
  ASSERT_TRUE(line.ok());
  EXPECT_EQ(line->command, "search");
  // Help wins over a flag the command does not take.
  EXPECT_TRUE(Parse({"get", "--limit", "3", "--help"}).ok());
  line = Parse({"--version"});
  ASSERT_TRUE(line.ok());
  EXPECT_TRUE(line->version);
}

TEST(CommandLineTest, UsageErrorsNameTheProblem) {
  absl::FlagSaver saver;
  struct Case {
    std::vector<std::string> args;
    std::vector<std::string> says;
    std::vector<std::string> not_says;
  };
  const Case cases[] = {
      {{"search", "x", "--limt", "3"},
       {"unknown flag --limt", "did you mean --limit?"},
       {"query word"}},
      {{"search", "x", "--limit=abc"}, {"bad value for --limit", "abc"}, {}},
      {{"search", "x", "--limit"}, {"--limit needs a value"}, {}},
      {{"search", "x", "--json=maybe"}, {"bad value for --json"}, {}},
      {{"search", "-corn"},
       {"unknown flag -corn", "newsctl search -- -corn"},
       {"did you mean"}},
      {{"search", "x", "--frobnicate"}, {"unknown flag"}, {"did you mean"}},
      {{"get", "ID", "--limit", "3"},
       {"--limit applies to search, similar, stories, story, suggest, related, "
        "not to get"},
       {}},
      {{"get", "--filter", "entity=x", "ID"},
       {"--filter applies to search, stories, watch, not to get"},
       {}},
      {{"serch", "x"},
       {"unknown command \"serch\"", "did you mean search?"},
       {}},
      {{"frobnicate"}, {"unknown command"}, {"did you mean"}},
  };
  for (const Case& c : cases) {
    absl::StatusOr<CommandLine> line = Parse(c.args);
    ASSERT_FALSE(line.ok()) << c.args[1];
    EXPECT_EQ(line.status().code(), absl::StatusCode::kInvalidArgument);
    for (const std::string& text : c.says) {
      EXPECT_THAT(line.status().message(), HasSubstr(text));
    }
    for (const std::string& text : c.not_says) {
      EXPECT_THAT(line.status().message(), Not(HasSubstr(text)));
    }
  }
}

TEST(HelpTest, EveryCommandFlagIsDefinedAndDescribed) {
  for (const CommandInfo& command : Commands()) {
    const std::string help = CommandHelp(command);
    EXPECT_THAT(help, HasSubstr(absl::StrCat("newsctl ", command.name)));
    EXPECT_THAT(help, HasSubstr("Examples:")) << command.name;
    for (const char* flag : command.flags) {
      ASSERT_NE(FindFlag(flag), nullptr) << flag;
      ASSERT_NE(absl::FindCommandLineFlag(flag), nullptr) << flag;
    }
  }
  for (const FlagInfo& flag : AllFlags()) {
    if (std::string(flag.name) == "help" || std::string(flag.name) == "version")
      continue;
    EXPECT_NE(absl::FindCommandLineFlag(flag.name), nullptr) << flag.name;
  }
  const std::string search = CommandHelp(*FindCommand("search"));
  EXPECT_THAT(search, HasSubstr("--limit N"));
  EXPECT_THAT(search, HasSubstr("(default 10)"));
  EXPECT_THAT(search, HasSubstr("ends the flags"));
  const std::string general = GeneralHelp();
  EXPECT_THAT(general, HasSubstr("Exit status: 0"));
  EXPECT_THAT(general, HasSubstr("--search-addr ADDR"));
  EXPECT_THAT(general, Not(HasSubstr("flagfile")));
  EXPECT_THAT(VersionText(), HasSubstr("(commit "));
}

TEST(HelpTest, NearestIsATypoOrNothing) {
  const std::vector<std::string> known = {"limit", "sort", "search_addr",
                                          "title", "type"};
  EXPECT_EQ(Nearest("limt", known), "limit");
  EXPECT_EQ(Nearest("serch_addr", known), "search_addr");
  EXPECT_EQ(Nearest("titel", known), "title");
  EXPECT_EQ(Nearest("foo", known), "");
  EXPECT_EQ(Nearest("corn", known), "");
  EXPECT_EQ(Nearest("x", known), "");
}

TEST(UnknownQueryFieldsTest, Table) {
  struct Case {
    const char* query;
    std::vector<std::string> unknown;
  };
  const Case cases[] = {
      {"foo:bar", {"foo"}},
      {"title:summit place:Kazakhstan", {}},
      {"Country:AF wheat", {}},
      {"wheat (titel:grain OR Foo:x) -bar:y foo:z", {"titel", "foo", "bar"}},
      {"\"foo:bar\" wheat", {}},
      {"date:2025-01-01..2025-02-01", {}},
      {"10:30 a:b", {"a"}},
  };
  for (const Case& c : cases) {
    EXPECT_THAT(UnknownQueryFields(c.query), ElementsAreArray(c.unknown))
        << c.query;
  }
}

}  // namespace
}  // namespace newsindex::cli
