// Fuzzes the stored article record: any bytes decode to an article or an
// error, and a decoded article encodes and decodes to the same record.
#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"
#include "core/index/article_codec.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  absl::string_view bytes(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<newsindex::Article> article = newsindex::DecodeArticle(bytes);
  if (!article.ok()) return 0;
  const std::string encoded = newsindex::EncodeArticle(*article);
  absl::StatusOr<newsindex::Article> again = newsindex::DecodeArticle(encoded);
  if (!again.ok() || newsindex::EncodeArticle(*again) != encoded) {
    __builtin_trap();
  }
  return 0;
}
