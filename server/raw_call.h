// Requests parsed by the service itself rather than by gRPC's generated
// handlers: a callback handler of gRPC 1.51 answers a request that does not
// parse with UNIMPLEMENTED and no message (and a stream message that does
// not parse looks like the end of the stream), which sends a client looking
// in the wrong place. Methods registered raw (the generated
// WithRawCallbackMethod_* classes, grpc::ByteBuffer in and out) parse with
// ParseRequest and answer INVALID_ARGUMENT naming the field.
#ifndef NEWSINDEX_SERVER_RAW_CALL_H_
#define NEWSINDEX_SERVER_RAW_CALL_H_

#include <grpcpp/grpcpp.h>
#include <grpcpp/support/byte_buffer.h>

#include <functional>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "google/protobuf/message.h"
#include "server/status_convert.h"

namespace newsindex {

// Parses `bytes` as `message`. INVALID_ARGUMENT when they do not parse: the
// message names the first string field that is not valid UTF-8, by its path
// from the request ("article.text: ..."), when that is the reason, else the
// message type.
[[nodiscard]] absl::Status ParseRequest(const grpc::ByteBuffer& bytes,
                                        google::protobuf::Message* message);

// The path of the first string field in `wire` (a serialized `type`) whose
// value is not valid UTF-8, or "" when there is none or `wire` is not
// well-formed up to it.
std::string FieldWithInvalidUtf8(const google::protobuf::Descriptor& type,
                                 const std::string& wire);

// Serializes `message` into `bytes`; false on failure.
bool SerializeReply(const google::protobuf::Message& message,
                    grpc::ByteBuffer* bytes);

// One unary call of a raw method: the parsed request, the response to fill,
// and Finish, which serializes the response (when the status is OK),
// finishes the call and deletes this. Created by Start; owned by itself.
template <typename Request, typename Response>
class RawUnaryCall {
 public:
  // Parses `request`; on failure finishes `reactor` with the parse error
  // and returns null.
  static RawUnaryCall* Start(grpc::ServerUnaryReactor* reactor,
                             const grpc::ByteBuffer* request,
                             grpc::ByteBuffer* response) {
    auto* call = new RawUnaryCall(reactor, response);
    if (absl::Status parsed = ParseRequest(*request, &call->request_);
        !parsed.ok()) {
      call->Finish(ToGrpcStatus(parsed));
      return nullptr;
    }
    return call;
  }

  // Runs `hook` in Finish, before the call finishes (once).
  void OnFinish(std::function<void()> hook) { on_finish_ = std::move(hook); }

  const Request& request() const { return request_; }
  Response* response() { return &response_; }

  void Finish(grpc::Status status) {
    if (status.ok() && !SerializeReply(response_, out_)) {
      status = grpc::Status(grpc::StatusCode::INTERNAL,
                            "the response could not be serialized");
    }
    grpc::ServerUnaryReactor* reactor = reactor_;
    if (on_finish_) on_finish_();
    delete this;
    reactor->Finish(status);
  }

 private:
  RawUnaryCall(grpc::ServerUnaryReactor* reactor, grpc::ByteBuffer* out)
      : reactor_(reactor), out_(out) {}

  grpc::ServerUnaryReactor* const reactor_;
  grpc::ByteBuffer* const out_;
  Request request_;
  Response response_;
  std::function<void()> on_finish_;
};

}  // namespace newsindex

#endif  // NEWSINDEX_SERVER_RAW_CALL_H_
