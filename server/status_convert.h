// absl::Status -> grpc::Status, done once at the edge of each service.
#ifndef NEWSINDEX_SERVER_STATUS_CONVERT_H_
#define NEWSINDEX_SERVER_STATUS_CONVERT_H_

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace newsindex {

// Same code (the canonical codes are shared) and message.
grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace newsindex

#endif  // NEWSINDEX_SERVER_STATUS_CONVERT_H_
