#include "server/status_convert.h"

#include <string>

#include "core/text/excerpt.h"

namespace newsindex {

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  // Messages quote input through Excerpt(); this cap is the backstop that
  // keeps any message well inside a client's 8 KiB trailer limit.
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()),
                      Excerpt(status.message(), kMaxStatusMessageBytes));
}

}  // namespace newsindex
