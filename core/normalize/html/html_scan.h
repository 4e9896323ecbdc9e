// A linear scanner over raw HTML for what must not go through the tree
// builder: the shape of the tag stream (see html_limits.h), and text
// extraction of pathological pages.
#ifndef NEWSINDEX_CORE_NORMALIZE_HTML_HTML_SCAN_H_
#define NEWSINDEX_CORE_NORMALIZE_HTML_HTML_SCAN_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "core/normalize/blocks.h"

namespace newsindex {

// One piece of markup starting at a '<'.
struct HtmlTag {
  enum Kind {
    kStart,    // <name ...>
    kEnd,      // </name ...>
    kSkipped,  // <!-- comment -->, <!DOCTYPE ...>, <?...>
    kText,     // a '<' that starts no tag ("a < b"): one byte of text
  };
  Kind kind = kText;
  std::string name;           // lowercase, at most 32 bytes; start/end tags
  bool self_closing = false;  // "/>"
  int attributes = 0;         // attributes on a start tag
  size_t end = 0;             // one past its last byte
};

// Reads the markup whose '<' is at html[lt]. Quoted attribute values may
// hold '>'. An unterminated tag, comment or quote runs to the end of the
// input. Time linear in the length of the markup.
HtmlTag ReadHtmlTag(absl::string_view html, size_t lt);

// True for elements whose content is raw text (script, style, textarea,
// title, ...): no tags inside.
bool IsRawTextElement(absl::string_view name);

// Where the raw text of element `name` that starts at html[from] ends: one
// past its end tag, or the end of the input.
size_t SkipRawText(absl::string_view html, size_t from, absl::string_view name);

// Text of `html` without a tree: block-level tags end blocks, script, style
// and the head's title are dropped, character references are decoded.
// Linear time.
std::vector<Block> FlattenHtml(absl::string_view html);

// Decodes the character references of HTML text with the HTML parser's
// (Gumbo's) table: every HTML5 named reference (&eacute;, &hearts;, the
// legacy ones without ';' such as "&copy"), decimal and hex references
// with the HTML5 fix-ups (&#150; is an en dash, &#0; U+FFFD). Everything
// else is kept as written. Linear time.
std::string DecodeEntities(absl::string_view text);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_NORMALIZE_HTML_HTML_SCAN_H_
