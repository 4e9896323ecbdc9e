// The way to quote client input in an error message: at most
// kMaxExcerptBytes of it, cut on a UTF-8 character boundary, with the full
// size appended when it was cut. Statuses travel back in gRPC trailers,
// whose size a client limits (8 KiB by default): a message that repeated a
// 100 KB id would turn a clear INVALID_ARGUMENT or NOT_FOUND into
// RESOURCE_EXHAUSTED "received initial metadata size exceeds limit".
#ifndef NEWSINDEX_CORE_TEXT_EXCERPT_H_
#define NEWSINDEX_CORE_TEXT_EXCERPT_H_

#include <cstddef>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace newsindex {

inline constexpr size_t kMaxExcerptBytes = 100;

// `input` itself when it has at most `max_bytes` bytes; else its first
// bytes up to a character boundary, "...", and " (N bytes)".
inline std::string Excerpt(absl::string_view input,
                           size_t max_bytes = kMaxExcerptBytes) {
  if (input.size() <= max_bytes) return std::string(input);
  size_t cut = max_bytes;
  // Back up over UTF-8 continuation bytes (10xxxxxx) so that no character
  // is split.
  while (cut > 0 && (static_cast<unsigned char>(input[cut]) & 0xC0) == 0x80) {
    --cut;
  }
  return absl::StrCat(input.substr(0, cut), "... (", input.size(), " bytes)");
}

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_TEXT_EXCERPT_H_
