// Cryptographic digests used for content hashes and derived ids.
#ifndef NEWSINDEX_CORE_BASE_HASH_H_
#define NEWSINDEX_CORE_BASE_HASH_H_

#include <string>

#include "absl/strings/string_view.h"

namespace newsindex {

// Lowercase hex SHA-256 of `data` (64 characters). Thread-safe.
std::string Sha256Hex(absl::string_view data);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_BASE_HASH_H_
