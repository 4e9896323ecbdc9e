// How an Article is stored as Xapian document data, and read back.
//
// The stored form is a compact binary record (first byte 0x02; varint
// lengths and numbers, mention texts as references to the entity's
// surface forms): about 58 % of the size of the JSON form (1,599 against
// 2,771 bytes per article on the benchmark corpora, docs/architecture.md),
// which the single writer thread compresses for every document, and it
// decodes several times faster on the search path (docs/BENCHMARKS.md).
// Databases written before it hold JSON (first byte '{'), which DecodeArticle
// still reads.
#ifndef NEWSINDEX_CORE_INDEX_ARTICLE_CODEC_H_
#define NEWSINDEX_CORE_INDEX_ARTICLE_CODEC_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/base/article.h"

namespace newsindex {

// The binary record.
std::string EncodeArticle(const Article& article);

// The earlier JSON form, readable with `xapian-delve -d`; kept so tests
// can check that such data still decodes.
std::string EncodeArticleAsJson(const Article& article);

// Either form. DATA_LOSS when `data` is not an encoded article.
absl::StatusOr<Article> DecodeArticle(absl::string_view data);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_INDEX_ARTICLE_CODEC_H_
