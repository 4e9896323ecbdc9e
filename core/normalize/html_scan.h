// A linear scanner over raw HTML for what must not go through the tree
// builder: nesting depth, and text extraction of pathological pages.
#ifndef NEWSINDEX_CORE_NORMALIZE_HTML_SCAN_H_
#define NEWSINDEX_CORE_NORMALIZE_HTML_SCAN_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "core/normalize/blocks.h"

namespace newsindex {

// Estimated maximum element nesting of `html`: start tags of non-void
// elements open, end tags close; elements that close implicitly (p, li, td,
// ...) are not counted; comments, script and style are skipped. Stops once
// the depth exceeds `limit`. Linear time.
int EstimateHtmlDepth(absl::string_view html, int limit);

// Text of `html` without a tree: block-level tags end blocks, script, style
// and the head's title are dropped, character references are decoded.
// Linear time.
std::vector<Block> FlattenHtml(absl::string_view html);

// Decodes the character references of HTML text (&amp;, &#8217;, &#x2019;,
// &nbsp;, and the other common named ones); others stay as written.
std::string DecodeEntities(absl::string_view text);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_NORMALIZE_HTML_SCAN_H_
