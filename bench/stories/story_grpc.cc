#include "bench/stories/story_grpc.h"

#include <grpcpp/grpcpp.h>

#include <map>
#include <memory>

#include "absl/strings/str_cat.h"
#include "api/proto_convert.h"
#include "bench/load/grpc_util.h"
#include "newsindex/v1/ingest_service.grpc.pb.h"

namespace newsindex::bench {

absl::StatusOr<std::string> IngestForStory(const std::string& address,
                                           const RawArticle& raw) {
  // story_eval is single-threaded: a plain map of stubs does.
  static auto* stubs =
      new std::map<std::string, std::unique_ptr<v1::IngestService::Stub>>();
  std::unique_ptr<v1::IngestService::Stub>& stub = (*stubs)[address];
  if (!stub) {
    std::shared_ptr<grpc::Channel> channel = Connect(address);
    if (!channel) return absl::UnavailableError("cannot connect to " + address);
    stub = v1::IngestService::NewStub(channel);
  }
  v1::IngestArticleRequest request;
  ToProto(raw, request.mutable_article());
  v1::IngestArticleResponse response;
  grpc::ClientContext context;
  grpc::Status status = stub->IngestArticle(&context, request, &response);
  if (!status.ok()) {
    return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                        status.error_message());
  }
  if (response.article().story_id().empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat("the ack of ", response.id(),
                     " has no story_id: is the service built with stories?"));
  }
  return response.article().story_id();
}

}  // namespace newsindex::bench
