// The services' --help and --version (server/bootstrap.h): their own flags
// in the README's groups, no Abseil internals, and the build's identity.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/service_process.h"

namespace newsindex {
namespace {

using ::newsindex::testing::BinaryPath;
using ::newsindex::testing::RunCommand;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(ServiceHelpTest, HelpListsTheServicesOwnFlagsInGroups) {
  for (const std::string service : {"ingest-service", "search-service"}) {
    std::string out;
    ASSERT_EQ(RunCommand({BinaryPath(service), "--help"}, &out), 0) << out;
    EXPECT_THAT(out, HasSubstr("Database and serving:\n  --db")) << service;
    EXPECT_THAT(out, HasSubstr("Security:\n  --tls-cert")) << service;
    EXPECT_THAT(out, HasSubstr("Entity knowledge:")) << service;
    EXPECT_THAT(out, Not(HasSubstr("No flags matched"))) << service;
    EXPECT_THAT(out, Not(HasSubstr("absl"))) << service;
    EXPECT_THAT(out, Not(HasSubstr("--flagfile"))) << service;
  }
}

TEST(ServiceHelpTest, OnlyIngestServiceHasIngestLimits) {
  std::string ingest, search;
  ASSERT_EQ(RunCommand({BinaryPath("ingest-service"), "-h"}, &ingest), 0);
  ASSERT_EQ(RunCommand({BinaryPath("search-service"), "--help"}, &search), 0);
  EXPECT_THAT(ingest, HasSubstr("Ingest limits:\n  --max-article-bytes"));
  EXPECT_THAT(search, Not(HasSubstr("Ingest limits:")));
}

TEST(ServiceHelpTest, VersionNamesVersionCommitAndBuildType) {
  for (const std::string service : {"ingest-service", "search-service"}) {
    std::string out;
    ASSERT_EQ(RunCommand({BinaryPath(service), "--version"}, &out), 0) << out;
    EXPECT_THAT(out, HasSubstr(service + " 0.")) << out;
    EXPECT_THAT(out, HasSubstr("(commit ")) << out;
#ifdef NDEBUG
    // The tests are built like the binaries: a release build says so.
    EXPECT_THAT(out, Not(HasSubstr("Debug build"))) << out;
#endif
    EXPECT_THAT(out, HasSubstr(" build)")) << out;
  }
}

}  // namespace
}  // namespace newsindex
