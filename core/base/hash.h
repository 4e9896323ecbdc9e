// Cryptographic digests used for content hashes and derived ids.
#ifndef NEWSINDEX_CORE_BASE_HASH_H_
#define NEWSINDEX_CORE_BASE_HASH_H_

#include "absl/strings/string_view.h"
#include <string>

namespace newsindex {

// Lowercase hex SHA-256 of `data` (64 characters). Thread-safe.
std::string Sha256Hex(absl::string_view data);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_BASE_HASH_H_
