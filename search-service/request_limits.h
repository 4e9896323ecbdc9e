// The one check of every repeated field of a request against its bound in
// kRepeatedFieldLimits (core/search/search_limits.h), before any other work
// on the request, so that no field's element count sets a request's cost.
#ifndef NEWSINDEX_SEARCH_SERVICE_REQUEST_LIMITS_H_
#define NEWSINDEX_SEARCH_SERVICE_REQUEST_LIMITS_H_

#include <google/protobuf/message.h>

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "core/search/search_limits.h"

namespace newsindex {

// The entry of kRepeatedFieldLimits for `path`, or null.
const RepeatedFieldLimit* FindRepeatedFieldLimit(absl::string_view path);

// Walks the fields `request` has set (nested messages too). For the first
// repeated field over its bound: INVALID_ARGUMENT "<path>: <n> values; the
// limit is <max>" (or "... bytes in a value ..."). A repeated field with no
// entry in the table is INTERNAL (the request_limits test keeps that from
// happening). Linear in the request's size.
absl::Status CheckRequestLimits(const google::protobuf::Message& request);

// The paths ("filter.countries") of every repeated field `descriptor` and
// the messages it holds may carry, following each message type once per
// path (recursive types stop after `max_depth` levels).
std::vector<std::string> RepeatedFieldPaths(
    const google::protobuf::Descriptor* descriptor, int max_depth = 8);

}  // namespace newsindex

#endif  // NEWSINDEX_SEARCH_SERVICE_REQUEST_LIMITS_H_
