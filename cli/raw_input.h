// Reading articles from files as people have them: plain text, HTML, JSON
// records and JSON Lines.
#ifndef NEWSINDEX_CLI_RAW_INPUT_H_
#define NEWSINDEX_CLI_RAW_INPUT_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/base/article.h"

namespace newsindex {

// One article read from an input, or why it could not be read.
struct InputItem {
  std::string origin;  // "path" or "path:line" for JSON Lines
  absl::StatusOr<RawArticle> article;
  // Metadata that could not be read and was dropped (the article is kept).
  std::vector<std::string> warnings;
};

// An article from one JSON object. Fields: "id", "url", "title", "source",
// "language", "published_at" (RFC 3339) or "date" (RFC 3339 or the
// Reuters form "26-FEB-1987 15:01:01.79"), and the content as "html",
// "text" or "body". A "dateline" field ("SALVADOR, Feb 26 -", as in
// Reuters-21578) that the text does not start with is put in front of it,
// where a reader sees it and normalization reads it. Bad metadata never
// costs the article: a trailing note after a date ("27-MAR-1987
// 00:02:59.13   RM") is ignored, and a date that cannot be read is dropped
// with a message appended to `warnings` (when given). INVALID_ARGUMENT
// naming the field otherwise (not JSON, no content, a field of the wrong
// type).
absl::StatusOr<RawArticle> RawArticleFromJson(
    absl::string_view json, std::vector<std::string>* warnings = nullptr);

// Splits `contents` of the file `name` into articles by its extension:
// .txt (one text article), .html/.htm (one HTML article), .json (one object
// or an array of objects), .jsonl/.ndjson (one object per non-empty line).
// Any other name is sniffed: '<' starts HTML, '{' JSON Lines, else text.
// Text or HTML that is not valid UTF-8 (Latin-1, binary) becomes a
// ContentKind::kRaw article, for the service to decode. JSON must be
// UTF-8: a record that is not, or that does not parse, is an item whose
// `article` is INVALID_ARGUMENT with the parser's reason and position.
std::vector<InputItem> ReadInput(absl::string_view name,
                                 absl::string_view contents);

}  // namespace newsindex

#endif  // NEWSINDEX_CLI_RAW_INPUT_H_
