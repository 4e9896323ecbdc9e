#include "server/raw_call.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "newsindex/v1/ingest_service.pb.h"

namespace newsindex {
namespace {

using ::testing::HasSubstr;

grpc::ByteBuffer Buffer(const std::string& wire) {
  grpc::Slice slice(wire);
  return grpc::ByteBuffer(&slice, 1);
}

// A request with `text` put in RawArticle.text as raw bytes (protobuf
// refuses to serialize a string field that is not UTF-8).
std::string WireWithText(const std::string& text, const std::string& id) {
  v1::IngestArticleRequest request;
  request.mutable_article()->set_id(id);
  request.mutable_article()->set_raw(text);  // field 9, bytes
  std::string wire = request.SerializeAsString();
  // Field 9 (bytes) -> field 1 (string) of the nested RawArticle: the tag
  // byte 0x4A becomes 0x0A; the length stays.
  const size_t at = wire.rfind('\x4A');
  wire[at] = '\x0A';
  return wire;
}

TEST(ParseRequestTest, Table) {
  struct Case {
    std::string name;
    std::string wire;
    absl::StatusCode code;
    std::string message;
  };
  v1::IngestArticleRequest good;
  good.mutable_article()->set_text("caf\xC3\xA9");
  const Case cases[] = {
      {"valid", good.SerializeAsString(), absl::StatusCode::kOk, ""},
      {"empty", "", absl::StatusCode::kOk, ""},
      {"invalid UTF-8 in article.text", WireWithText("caf\xE9", "a1"),
       absl::StatusCode::kInvalidArgument, "article.text: not valid UTF-8"},
      {"truncated", good.SerializeAsString().substr(0, 3),
       absl::StatusCode::kInvalidArgument,
       "not a valid newsindex.v1.IngestArticleRequest message"},
      {"garbage", "\xFF\xFF\xFF\xFF", absl::StatusCode::kInvalidArgument,
       "not a valid newsindex.v1.IngestArticleRequest"},
  };
  for (const Case& c : cases) {
    v1::IngestArticleRequest request;
    absl::Status status = ParseRequest(Buffer(c.wire), &request);
    EXPECT_EQ(status.code(), c.code) << c.name << ": " << status;
    EXPECT_THAT(std::string(status.message()), HasSubstr(c.message)) << c.name;
  }
}

TEST(ParseRequestTest, FieldPathOfANestedString) {
  EXPECT_EQ(FieldWithInvalidUtf8(*v1::IngestArticleRequest::descriptor(),
                                 WireWithText("ok\xFF", "")),
            "article.text");
  v1::IngestArticleRequest fine;
  fine.mutable_article()->set_title("fine");
  EXPECT_EQ(FieldWithInvalidUtf8(*v1::IngestArticleRequest::descriptor(),
                                 fine.SerializeAsString()),
            "");
}

TEST(SerializeReplyTest, RoundTrips) {
  v1::IngestArticleResponse response;
  response.set_id("x1");
  grpc::ByteBuffer bytes;
  ASSERT_TRUE(SerializeReply(response, &bytes));
  v1::IngestArticleResponse back;
  ASSERT_TRUE(ParseRequest(bytes, &back).ok());
  EXPECT_EQ(back.id(), "x1");
}

}  // namespace
}  // namespace newsindex
