// Opaque AIP-158 page tokens, bound to the request they continue.
#ifndef NEWSINDEX_SEARCH_SERVICE_PAGE_TOKEN_H_
#define NEWSINDEX_SEARCH_SERVICE_PAGE_TOKEN_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace newsindex {

// A token for the page starting at `offset` of the request whose
// fingerprint is `request_fingerprint` (a stable digest of everything but
// the page size and token).
std::string EncodePageToken(int64_t offset,
                            absl::string_view request_fingerprint);

// The offset `token` encodes. INVALID_ARGUMENT when the token is malformed
// or was issued for a different request.
absl::StatusOr<int64_t> DecodePageToken(absl::string_view token,
                                        absl::string_view request_fingerprint);

}  // namespace newsindex

#endif  // NEWSINDEX_SEARCH_SERVICE_PAGE_TOKEN_H_
