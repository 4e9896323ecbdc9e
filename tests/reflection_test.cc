// Server reflection, as grpcurl and other tools use it: both services list
// their services and serve the descriptors of our API files.
//
// The reflection messages are written and read as raw protobuf wire bytes
// through a generic stub: linking a second generated copy of
// grpc.reflection.v1alpha next to the one in libgrpc++_reflection would
// register the same message names twice.
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/cluster.h"

namespace newsindex::testing {
namespace {

using ::testing::HasSubstr;

constexpr char kMethod[] =
    "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo";

// ServerReflectionRequest with one string field of the message_request
// oneof set: field 7 list_services, field 4 file_containing_symbol.
std::string RequestBytes(int field, const std::string& value) {
  std::string out;
  out.push_back(static_cast<char>((field << 3) | 2));  // length-delimited
  out.push_back(static_cast<char>(value.size()));      // < 128 bytes here
  out += value;
  return out;
}

// Sends one request on a ServerReflectionInfo stream and returns the
// response's wire bytes; fails the test on any error.
std::string Ask(const std::shared_ptr<grpc::Channel>& channel,
                const std::string& request) {
  grpc::GenericStub stub(channel);
  grpc::CompletionQueue cq;
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(30));
  std::unique_ptr<grpc::GenericClientAsyncReaderWriter> call =
      stub.PrepareCall(&context, kMethod, &cq);
  void* tag;
  bool ok;
  auto step = [&](intptr_t expected) {
    EXPECT_TRUE(cq.Next(&tag, &ok));
    EXPECT_EQ(reinterpret_cast<intptr_t>(tag), expected);
    return ok;
  };
  call->StartCall(reinterpret_cast<void*>(1));
  if (!step(1)) return "";
  grpc::Slice slice(request);
  grpc::ByteBuffer out(&slice, 1);
  call->WriteLast(out, grpc::WriteOptions(), reinterpret_cast<void*>(2));
  if (!step(2)) return "";
  grpc::ByteBuffer in;
  call->Read(&in, reinterpret_cast<void*>(3));
  const bool got = step(3);
  grpc::Status status;
  call->Finish(&status, reinterpret_cast<void*>(4));
  step(4);
  EXPECT_TRUE(status.ok()) << status.error_message();
  if (!got) return "";
  std::vector<grpc::Slice> slices;
  EXPECT_TRUE(in.Dump(&slices).ok());
  std::string bytes;
  for (const grpc::Slice& s : slices) {
    bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
  }
  return bytes;
}

class ReflectionTest : public ClusterTest {
 protected:
  void SetUp() override {
    ClusterTest::SetUp();
    ASSERT_NO_FATAL_FAILURE(StartIngest());
    ASSERT_NO_FATAL_FAILURE(StartSearch());
  }
};

TEST_F(ReflectionTest, BothServicesListTheirServices) {
  const struct {
    const ServiceProcess* process;
    std::string service;
  } cases[] = {
      {ingest_.get(), "newsindex.v1.IngestService"},
      {search_.get(), "newsindex.v1.SearchService"},
  };
  for (const auto& c : cases) {
    const std::string listed = Ask(c.process->channel(), RequestBytes(7, "*"));
    EXPECT_THAT(listed, HasSubstr(c.service));
    EXPECT_THAT(listed, HasSubstr("grpc.health.v1.Health"));
    EXPECT_THAT(listed, HasSubstr("grpc.reflection.v1alpha.ServerReflection"));
  }
}

TEST_F(ReflectionTest, ServesTheDescriptorOfOurApi) {
  // The file descriptor holds the file name, the service and its methods.
  const std::string file =
      Ask(search_->channel(), RequestBytes(4, "newsindex.v1.SearchService"));
  EXPECT_THAT(file, HasSubstr("newsindex/v1/search_service.proto"));
  EXPECT_THAT(file, HasSubstr("SuggestEntities"));
  const std::string unknown =
      Ask(search_->channel(), RequestBytes(4, "no.such.Service"));
  EXPECT_THAT(unknown, ::testing::Not(HasSubstr("search_service.proto")));
}

}  // namespace
}  // namespace newsindex::testing
