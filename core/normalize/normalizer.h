// Turns a RawArticle (scraped text, HTML or bytes of unknown encoding) into a
// clean Article: valid NFC UTF-8 body with its paragraph structure, title and
// the metadata that can be read from the input, plus a report of what was
// removed or repaired.
#ifndef NEWSINDEX_CORE_NORMALIZE_NORMALIZER_H_
#define NEWSINDEX_CORE_NORMALIZE_NORMALIZER_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "core/article.h"

namespace newsindex {

// A line of the input that is not part of the article, and why.
struct RemovedLine {
  int line = 0;  // 1-based, in the input text (or the text taken from HTML)
  std::string text;
  std::string reason;
};

struct NormalizedArticle {
  // id, entities and ingested_at are left empty: later pipeline stages own
  // them.
  Article article;
  std::vector<RemovedLine> removed;
  // Repairs made to the input, for example "replaced 3 invalid UTF-8
  // sequences".
  std::vector<std::string> warnings;
};

struct NormalizerOptions {
  // Inputs longer than this are RESOURCE_EXHAUSTED.
  size_t max_input_bytes = 2 * 1024 * 1024;
};

class Normalizer {
 public:
  explicit Normalizer(NormalizerOptions options = {});

  // Normalizes `raw`. `reference_time` resolves dates given without a year.
  // Fails with INVALID_ARGUMENT naming the field ("text", "html", "raw") when
  // the content is empty, is not text, or leaves no body; with
  // RESOURCE_EXHAUSTED when it exceeds max_input_bytes. Thread-safe.
  absl::StatusOr<NormalizedArticle> Normalize(const RawArticle& raw,
                                              absl::Time reference_time) const;

 private:
  NormalizerOptions options_;
};

// Name of the RawArticle content field for `kind`: "text", "html" or "raw".
const char* ContentFieldName(ContentKind kind);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_NORMALIZE_NORMALIZER_H_
