// How an Article is stored as Xapian document data (JSON, so `delve` and
// other tools can read it) and read back.
#ifndef NEWSINDEX_CORE_ARTICLE_CODEC_H_
#define NEWSINDEX_CORE_ARTICLE_CODEC_H_

#include "absl/strings/string_view.h"
#include <string>

#include "absl/status/statusor.h"
#include "core/article.h"

namespace newsindex {

std::string EncodeArticle(const Article& article);

// DATA_LOSS when `data` is not an encoded article.
absl::StatusOr<Article> DecodeArticle(absl::string_view data);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_ARTICLE_CODEC_H_
