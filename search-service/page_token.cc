#include "search-service/page_token.h"

#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "core/base/hash.h"

namespace newsindex {
namespace {

constexpr absl::string_view kVersion = "p1";

std::string ShortDigest(absl::string_view fingerprint) {
  return Sha256Hex(fingerprint).substr(0, 16);
}

}  // namespace

std::string EncodePageToken(int64_t offset,
                            absl::string_view request_fingerprint) {
  return absl::WebSafeBase64Escape(absl::StrCat(
      kVersion, ":", offset, ":", ShortDigest(request_fingerprint)));
}

absl::StatusOr<int64_t> DecodePageToken(absl::string_view token,
                                        absl::string_view request_fingerprint) {
  std::string plain;
  if (!absl::WebSafeBase64Unescape(token, &plain)) {
    return absl::InvalidArgumentError("page_token: malformed");
  }
  std::vector<absl::string_view> parts = absl::StrSplit(plain, ':');
  int64_t offset = 0;
  if (parts.size() != 3 || parts[0] != kVersion ||
      !absl::SimpleAtoi(parts[1], &offset) || offset < 0) {
    return absl::InvalidArgumentError("page_token: malformed");
  }
  if (parts[2] != ShortDigest(request_fingerprint)) {
    return absl::InvalidArgumentError(
        "page_token: issued for a different query; start again without a "
        "token");
  }
  return offset;
}

}  // namespace newsindex
