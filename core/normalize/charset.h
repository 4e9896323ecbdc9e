// Charset decoding: bytes of any encoding to UTF-8 (ICU converters and its
// charset detector). Pure and thread-safe.

#ifndef NEWSINDEX_CORE_NORMALIZE_CHARSET_H_
#define NEWSINDEX_CORE_NORMALIZE_CHARSET_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace newsindex {

// Converts bytes of unknown encoding to UTF-8: kept as is when already valid
// UTF-8; else converted from `declared_charset` when ICU knows it; else from
// the charset ICU's detector finds most likely. `used_charset` receives the
// name of the charset used.
absl::StatusOr<std::string> ToUtf8(absl::string_view bytes,
                                   absl::string_view declared_charset,
                                   std::string* used_charset);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_NORMALIZE_CHARSET_H_
