// JSON-LD (schema.org) article metadata embedded in HTML.
#ifndef NEWSINDEX_CORE_NORMALIZE_HTML_JSON_LD_H_
#define NEWSINDEX_CORE_NORMALIZE_HTML_JSON_LD_H_

#include "absl/strings/string_view.h"
#include "core/normalize/html/html.h"

namespace newsindex {

// Reads the content of one <script type="application/ld+json"> and fills
// the ld_* fields of `meta` that are still empty from the first object
// typed NewsArticle, Article, ReportageNewsArticle, AnalysisNewsArticle,
// OpinionNewsArticle, BlogPosting or LiveBlogPosting (at the top level, in
// an array, or in "@graph"). Invalid JSON is ignored.
void ReadJsonLd(absl::string_view json, HtmlMetadata* meta);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_NORMALIZE_HTML_JSON_LD_H_
