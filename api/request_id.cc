#include "api/request_id.h"

#include <cstdint>

#include "absl/random/random.h"
#include "absl/strings/escaping.h"

namespace newsindex {

std::string NewRequestId() {
  // One generator per thread: absl::BitGen is not thread-safe, and
  // sharing one behind a lock would serialize every call.
  thread_local absl::BitGen gen;
  char bytes[16];
  for (int i = 0; i < 16; i += 8) {
    const uint64_t r = absl::Uniform<uint64_t>(gen);
    for (int j = 0; j < 8; ++j) bytes[i + j] = static_cast<char>(r >> (8 * j));
  }
  return absl::BytesToHexString(absl::string_view(bytes, sizeof(bytes)));
}

bool IsUsableRequestId(absl::string_view id) {
  if (id.empty() || id.size() > kMaxRequestIdBytes) return false;
  for (unsigned char c : id) {
    if (c <= 0x20 || c >= 0x7f) return false;
  }
  return true;
}

std::string RequestIdOf(const grpc::ServerContextBase& context) {
  const auto& metadata = context.client_metadata();
  auto it = metadata.find(kRequestIdKey);
  if (it == metadata.end()) return "";
  return std::string(it->second.data(), it->second.size());
}

}  // namespace newsindex
