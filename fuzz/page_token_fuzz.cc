// Fuzzes page tokens: any string decodes to an offset or INVALID_ARGUMENT,
// and every offset survives a round trip.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "search-service/page_token.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  absl::string_view bytes(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<int64_t> decoded =
      newsindex::DecodePageToken(bytes, "fingerprint");
  if (!decoded.ok() &&
      decoded.status().code() != absl::StatusCode::kInvalidArgument) {
    __builtin_trap();
  }
  if (size >= sizeof(int64_t)) {
    int64_t offset;
    std::memcpy(&offset, data, sizeof offset);
    if (offset < 0) offset = -(offset + 1);
    const std::string fingerprint(bytes.substr(sizeof offset));
    absl::StatusOr<int64_t> round = newsindex::DecodePageToken(
        newsindex::EncodePageToken(offset, fingerprint), fingerprint);
    if (!round.ok() || *round != offset) __builtin_trap();
  }
  return 0;
}
