// Fuzzes normalization: text, HTML and raw bytes through Normalizer. The
// first byte picks the content kind; kText and kHtml get only valid UTF-8,
// as the proto string fields guarantee, anything else goes in as kRaw.
#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/time/time.h"
#include "core/base/article.h"
#include "core/normalize/normalizer.h"
#include "core/text/text.h"

namespace {

newsindex::ContentKind KindFor(uint8_t selector, const std::string& content) {
  const bool utf8 = newsindex::IsValidUtf8(content);
  switch (selector % 3) {
    case 0:
      return utf8 ? newsindex::ContentKind::kText
                  : newsindex::ContentKind::kRaw;
    case 1:
      return utf8 ? newsindex::ContentKind::kHtml
                  : newsindex::ContentKind::kRaw;
    default:
      return newsindex::ContentKind::kRaw;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const newsindex::Normalizer* normalizer = new newsindex::Normalizer();
  newsindex::RawArticle raw;
  raw.content.assign(reinterpret_cast<const char*>(data) + 1, size - 1);
  raw.kind = KindFor(data[0], raw.content);
  const absl::Time reference = absl::FromUnixSeconds(1767225600);  // 2026-01-01
  absl::StatusOr<newsindex::NormalizedArticle> result =
      normalizer->Normalize(raw, reference);
  if (result.ok() && !newsindex::IsValidUtf8(result->article.body)) {
    __builtin_trap();  // the body must always be valid UTF-8
  }
  return 0;
}
