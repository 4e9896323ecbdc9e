// Request ids: the caller's x-request-id metadata value when it is usable,
// else one made here; the RPC interceptor (rpc_observer.h) puts it in the
// call's client metadata, so RequestIdOf works for every call, and returns
// it in the response's initial metadata.
#ifndef NEWSINDEX_API_REQUEST_ID_H_
#define NEWSINDEX_API_REQUEST_ID_H_

#include <grpcpp/grpcpp.h>

#include <string>

#include "absl/strings/string_view.h"

namespace newsindex {

inline constexpr char kRequestIdKey[] = "x-request-id";
// Longest caller-supplied id kept; longer ones are replaced.
inline constexpr size_t kMaxRequestIdBytes = 128;

// 32 random hex digits. Thread-safe.
std::string NewRequestId();

// True when `id` is 1..kMaxRequestIdBytes printable ASCII characters
// without spaces (so it cannot break a log line or a label).
bool IsUsableRequestId(absl::string_view id);

// The call's x-request-id (empty when the interceptor did not run).
std::string RequestIdOf(const grpc::ServerContextBase& context);

}  // namespace newsindex

#endif  // NEWSINDEX_API_REQUEST_ID_H_
