// The caller's labels of an article (Article::labels): the limits on them,
// one table (checked by IngestPipeline::Prepare). Keys are lower-case ASCII
// letters, digits,
// '_', '-' and '.', so that "label:KEY=VALUE" parses at the first '=';
// values are any UTF-8 without control characters.
#ifndef NEWSINDEX_CORE_BASE_LABELS_H_
#define NEWSINDEX_CORE_BASE_LABELS_H_

#include <cstddef>

#include "absl/strings/string_view.h"
#include "core/base/article.h"

namespace newsindex {

inline constexpr size_t kMaxLabels = 32;            // labels per article
inline constexpr size_t kMaxLabelKeyBytes = 64;     // bytes of a key
inline constexpr size_t kMaxLabelValueBytes = 200;  // bytes of a value

// Whether `key` is a label key: 1 to kMaxLabelKeyBytes of a-z, 0-9, '_',
// '-' and '.'.
bool IsLabelKey(absl::string_view key);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_BASE_LABELS_H_
