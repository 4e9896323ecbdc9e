// Embedded social-media posts in scraped text.
//
// Rule: an embedded post is recognized by its attribution line, a dash
// followed by a name and an "(@handle)", optionally a date ("— Jane Doe
// (@janedoe) May 29, 2026"), or in HTML by a <blockquote> whose class names
// a twitter/x/instagram embed. In text, the post's text is the run of
// blocks right above the attribution, up to the nearest blank line, at most
// 3 blocks and 300 code points in all (a post's length limit, with some
// slack), no headings; text above that is story. The post becomes one
// quotation block: “text” — attribution. Whether it is kept is decided by the
// boilerplate classifier: it is part of the story when story paragraphs
// stand both before and after it; otherwise it is a widget and goes.
#ifndef NEWSINDEX_CORE_NORMALIZE_HTML_EMBEDS_H_
#define NEWSINDEX_CORE_NORMALIZE_HTML_EMBEDS_H_

#include <vector>

#include "absl/strings/string_view.h"
#include "core/normalize/blocks.h"

namespace newsindex {

// True for an attribution line of an embedded post.
bool IsPostAttribution(absl::string_view text);

// Removes media links ("pic.twitter.com/…", "https://t.co/…") from the
// blocks' text; returns how many were removed. A block left empty is kept
// empty (the caller drops it).
int StripMediaLinks(std::vector<Block>* blocks);

// Merges each embedded post (see above) into one kQuote block with zone
// kEmbed; the merged block spans the lines of its parts.
void MergeEmbeddedPosts(std::vector<Block>* blocks);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_NORMALIZE_HTML_EMBEDS_H_
