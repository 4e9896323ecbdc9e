// The one table of HTML block tags, shared by the text splitter (html.h),
// the extractor (dom_extract.h) and the extraction benchmark, so that they
// agree on where a block of text begins and ends.

#ifndef NEWSINDEX_CORE_NORMALIZE_HTML_BLOCK_TAGS_H_
#define NEWSINDEX_CORE_NORMALIZE_HTML_BLOCK_TAGS_H_

#include <gumbo.h>

namespace newsindex {

// What an element is to the flow of text.
enum class HtmlBlock {
  kInline,     // part of the line around it (a, span, b, ...)
  kBreak,      // ends the line it is on and holds no text (br, hr)
  kTextBlock,  // a block of text that does not structure others: a table
               // row or cell, a definition, a caption, an address
  kContainer,  // a block that holds or structures other blocks: p, div,
               // lists and their items, headings, tables, sections, ...
};

// The kind of element `tag`; kInline for every tag the table does not name.
HtmlBlock HtmlBlockOf(GumboTag tag);

// True when `tag` starts a new block of text (any kind but kInline).
inline bool IsBlockTag(GumboTag tag) {
  return HtmlBlockOf(tag) != HtmlBlock::kInline;
}

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_NORMALIZE_HTML_BLOCK_TAGS_H_
