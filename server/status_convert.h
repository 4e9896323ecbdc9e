// absl::Status -> grpc::Status, done once at the edge of each service.
#ifndef NEWSINDEX_SERVER_STATUS_CONVERT_H_
#define NEWSINDEX_SERVER_STATUS_CONVERT_H_

#include <grpcpp/support/status.h>

#include <cstddef>

#include "absl/status/status.h"

namespace newsindex {

// Longest message a status carries to the client.
inline constexpr size_t kMaxStatusMessageBytes = 1024;

// Same code (the canonical codes are shared) and message, the message cut
// to kMaxStatusMessageBytes.
grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace newsindex

#endif  // NEWSINDEX_SERVER_STATUS_CONVERT_H_
