// HTML to text with Gumbo, an HTML5-conformant parser.
#ifndef NEWSINDEX_CORE_NORMALIZE_HTML_H_
#define NEWSINDEX_CORE_NORMALIZE_HTML_H_

#include "absl/strings/string_view.h"
#include <string>

namespace newsindex {

struct HtmlDocument {
  std::string title;  // <title>, or og:title when present
  // Visible text of the page, one line per block element; script, style,
  // nav, header, footer, aside and form content is left out.
  std::string text;
  std::string charset;  // from <meta charset> or http-equiv, if declared
};

// Parses `html` (any bytes; Gumbo repairs broken markup). Thread-safe.
HtmlDocument ParseHtml(absl::string_view html);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_NORMALIZE_HTML_H_
