#include "server/logging.h"

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace newsindex {
namespace {

const absl::Time kTime = absl::FromUnixMillis(1700000000123);

CallLogFields SomeCall() {
  CallLogFields fields;
  fields.method = "/newsindex.v1.SearchService/Search";
  fields.request_id = "abc-1";
  fields.peer = "ipv4:127.0.0.1:4000";
  fields.status = 5;
  fields.duration = absl::Milliseconds(2);
  fields.has_duration = true;
  return fields;
}

TEST(LogFormatTest, TextLineWithCallFields) {
  const CallLogFields fields = SomeCall();
  EXPECT_EQ(FormatLogLine(LogFormat::kText, kTime, LogLevel::kInfo,
                          "call finished", &fields),
            "2023-11-14T22:13:20.123Z INFO call finished "
            "method=/newsindex.v1.SearchService/Search request_id=abc-1 "
            "peer=ipv4:127.0.0.1:4000 status=NOT_FOUND duration=2ms\n");
  EXPECT_EQ(
      FormatLogLine(LogFormat::kText, kTime, LogLevel::kError, "x", nullptr),
      "2023-11-14T22:13:20.123Z ERROR x\n");
}

TEST(LogFormatTest, JsonLineIsOneObjectWithTheFields) {
  const CallLogFields fields = SomeCall();
  const std::string line = FormatLogLine(
      LogFormat::kJson, kTime, LogLevel::kWarning, "a \"b\"\n", &fields);
  ASSERT_EQ(line.back(), '\n');
  EXPECT_EQ(line.find('\n'), line.size() - 1);  // one line
  const nlohmann::json object = nlohmann::json::parse(line);
  EXPECT_EQ(object["time"], "2023-11-14T22:13:20.123Z");
  EXPECT_EQ(object["level"], "warning");
  EXPECT_EQ(object["message"], "a \"b\"\n");
  EXPECT_EQ(object["method"], "/newsindex.v1.SearchService/Search");
  EXPECT_EQ(object["request_id"], "abc-1");
  EXPECT_EQ(object["peer"], "ipv4:127.0.0.1:4000");
  EXPECT_EQ(object["status"], "NOT_FOUND");
  EXPECT_DOUBLE_EQ(object["duration"].get<double>(), 0.002);
}

TEST(LogFormatTest, JsonReplacesInvalidUtf8) {
  const std::string line = FormatLogLine(
      LogFormat::kJson, kTime, LogLevel::kInfo, "bad \xff byte", nullptr);
  EXPECT_EQ(nlohmann::json::parse(line)["message"], "bad \xEF\xBF\xBD byte");
}

TEST(LogFormatTest, RejectsUnknownFormat) {
  EXPECT_EQ(SetLogFormat("xml").code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(SetLogFormat("JSON").ok());
  EXPECT_TRUE(SetLogFormat("text").ok());
}

}  // namespace
}  // namespace newsindex
