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
#include "core/base/article.h"
#include "core/normalize/html/html_limits.h"

namespace newsindex {

// A line of the input that is not part of the article, and why.
struct RemovedLine {
  int line = 0;  // 1-based, in the input text (or the text taken from HTML)
  std::string text;
  std::string reason;
};

struct NormalizedArticle {
  // id, entities, cluster_key and ingested_at are left empty: later
  // pipeline stages own them.
  Article article;
  // Every input line that is not in the body, in line order. Reasons:
  // "title", "subtitle" (moved to metadata), "navigation", "repeated",
  // "boilerplate", "related-links", "site-footer", "citation-list",
  // "byline", "date-line", "caption", "embedded-post", "section-label";
  // HTML also
  // "outside-article" and "comments" (dom_extract.h). A block spanning
  // several lines (hard-wrapped text) reports each line; the text is given
  // on its first line only.
  std::vector<RemovedLine> removed;
  // Repairs made to the input, for example "replaced 3 invalid UTF-8
  // sequences".
  std::vector<std::string> warnings;
};

struct NormalizerOptions {
  // Inputs longer than this are RESOURCE_EXHAUSTED.
  size_t max_input_bytes = 2 * 1024 * 1024;
  // Content with a larger share of control characters or invalid UTF-8
  // sequences (replaced by U+FFFD) is binary: INVALID_ARGUMENT.
  double max_junk_fraction = 0.05;
  // HTML over these is read without the tree builder (html_limits.h).
  HtmlLimits html_limits;
};

class Normalizer {
 public:
  explicit Normalizer(NormalizerOptions options = {});

  const NormalizerOptions& options() const { return options_; }

  // Normalizes `raw`. `reference_time` (the ingest time) is published_at
  // when the input states no publication date, with source kIngestTime
  // (see docs/normalization.md, Dates).
  // Fails with INVALID_ARGUMENT naming the field ("text", "html", "raw") when
  // the content is empty, is not text (binary), declares an unknown
  // encoding, or leaves no body; with RESOURCE_EXHAUSTED when it exceeds
  // max_input_bytes. Repairs (invalid UTF-8 replaced, decoding from a
  // declared charset, flattening of over-deep HTML) are reported in
  // `warnings`. Time is linear in the input size. Thread-safe.
  absl::StatusOr<NormalizedArticle> Normalize(const RawArticle& raw,
                                              absl::Time reference_time) const;

 private:
  NormalizerOptions options_;
};

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_NORMALIZE_NORMALIZER_H_
