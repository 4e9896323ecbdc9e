// ingest-service's --ner-model and --salience-model: a bad model file
// stops start-up with a message naming the file; "none" runs the rules
// alone (the rule salience).
#include <signal.h>

#include <filesystem>
#include <fstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/service_process.h"

namespace newsindex::testing {
namespace {

using ::testing::HasSubstr;

TEST(NerModelFlagTest, BadModelStopsStartUpNamingTheFile) {
  const std::string dir = MakeTempDir("ner_model_flag");
  const std::string shipped =
      std::string(NEWSINDEX_SOURCE_DIR) + "/data/models/ner-conll2003.nxner";
  std::ifstream in(shipped, std::ios::binary);
  const std::string good((std::istreambuf_iterator<char>(in)),
                         std::istreambuf_iterator<char>());
  ASSERT_GT(good.size(), 1000u) << shipped;
  std::string other_version = good;
  other_version[8] = 99;
  const struct {
    const char* name;
    std::string bytes;  // written to the file; "" with no file at all
    bool create;
    const char* why;
  } kCases[] = {
      {"missing", "", false, "cannot open"},
      {"truncated", good.substr(0, good.size() / 2), true, "checksum"},
      {"not a model", "plain text", true, "bad magic"},
      {"other version", other_version, true, "version 99"},
  };
  for (const auto& c : kCases) {
    const std::string path = dir + "/" + c.name + ".nxner";
    if (c.create) std::ofstream(path, std::ios::binary) << c.bytes;
    auto process = ServiceProcess::Start(
        BinaryPath("ingest-service"),
        {"--db=" + dir + "/db-" + c.name, "--ner-model=" + path}, dir);
    ASSERT_FALSE(process.ok()) << c.name;
    EXPECT_THAT(std::string(process.status().message()), HasSubstr(path))
        << c.name;
    EXPECT_THAT(std::string(process.status().message()), HasSubstr(c.why))
        << c.name;
  }
  auto rules_only =
      ServiceProcess::Start(BinaryPath("ingest-service"),
                            {"--db=" + dir + "/db", "--ner-model=none"}, dir);
  ASSERT_TRUE(rules_only.ok()) << rules_only.status();
  EXPECT_EQ((*rules_only)->Stop(SIGTERM), 0);
}

TEST(SalienceModelFlagTest, BadModelStopsStartUpNamingTheFile) {
  const std::string dir = MakeTempDir("salience_model_flag");
  const std::string shipped =
      std::string(NEWSINDEX_SOURCE_DIR) + "/data/models/salience-reuters.nxsal";
  std::ifstream in(shipped, std::ios::binary);
  const std::string good((std::istreambuf_iterator<char>(in)),
                         std::istreambuf_iterator<char>());
  ASSERT_GT(good.size(), 1000u) << shipped;
  std::string corrupt = good;
  corrupt[40] = corrupt[40] == '1' ? '2' : '1';
  const struct {
    const char* name;
    std::string bytes;
    bool create;
    const char* why;
  } kCases[] = {
      {"missing", "", false, "cannot open"},
      {"truncated", good.substr(0, good.size() / 2), true, "no checksum"},
      {"corrupt", corrupt, true, "checksum mismatch"},
  };
  for (const auto& c : kCases) {
    const std::string path = dir + "/" + c.name + ".nxsal";
    if (c.create) std::ofstream(path, std::ios::binary) << c.bytes;
    auto process = ServiceProcess::Start(
        BinaryPath("ingest-service"),
        {"--db=" + dir + "/db-" + c.name, "--salience-model=" + path}, dir);
    ASSERT_FALSE(process.ok()) << c.name;
    EXPECT_THAT(std::string(process.status().message()), HasSubstr(path))
        << c.name;
    EXPECT_THAT(std::string(process.status().message()), HasSubstr(c.why))
        << c.name;
  }
  auto rules = ServiceProcess::Start(
      BinaryPath("ingest-service"),
      {"--db=" + dir + "/db", "--salience-model=none"}, dir);
  ASSERT_TRUE(rules.ok()) << rules.status();
  EXPECT_EQ((*rules)->Stop(SIGTERM), 0);
}

}  // namespace
}  // namespace newsindex::testing
