// Main-content extraction on the parsed page (Gumbo tree), before the block
// classifier sees the text.
//
// In the spirit of Arc90's Readability and its descendants: paragraphs
// (<p>, <pre>, <td>, <section>, <h2>-<h6>, and <div>s holding no block
// element) of 25 code points or more score 1 + commas + one point per 100
// code points (at most 3); the score goes to their parent, half of it to
// the grandparent and a fading share to three more ancestors. Each
// ancestor starts from a prior for its tag (a <div> is a likely container,
// a list or a heading is not) and its class and id (article, content,
// story, post, ... against comment, sidebar, footer, share, related, ...),
// and its total is scaled by one minus its link density. The best
// container wins, climbs to its parent when that scores higher, and takes
// along siblings that score at least a fifth of it or are link-free
// paragraphs (an article split into several <div>s). Inside the winner,
// hidden elements, furniture by class or id, share widgets, and link-dense
// lists and boxes are dropped. Elements hidden by the page (display:none,
// hidden, aria-hidden) and furniture by class, id, role or tag (nav,
// aside, footer, form, comment, sidebar, ...) are not candidates.
#ifndef NEWSINDEX_CORE_NORMALIZE_HTML_DOM_EXTRACT_H_
#define NEWSINDEX_CORE_NORMALIZE_HTML_DOM_EXTRACT_H_

#include <gumbo.h>

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "core/normalize/blocks.h"
#include "core/normalize/boilerplate.h"

namespace newsindex {

struct MainContent {
  // The elements whose text is the article (the winner and the siblings
  // merged with it); empty when no element scored (then the whole page is
  // left to the block classifier).
  absl::flat_hash_set<const GumboNode*> roots;
  // Elements inside the article that are not part of it, with the reason
  // reported for their text ("hidden", "boilerplate", "related-links",
  // "byline", "share").
  absl::flat_hash_map<const GumboNode*, const char*> dropped;
  // Code points of text in the article, without the dropped elements.
  int chars = 0;
  // The byline element's text ("By Jane Doe"), when the page marks one
  // (rel=author, itemprop=author, class or id byline/author) and it is
  // short.
  std::string byline;
  // Text of the page's first <h1> elements (at most 4), title candidates.
  std::vector<std::string> h1s;
};

// Finds the main content of the document under `root`. Time linear in the
// number of nodes (each node updates at most five ancestors); recursion
// depth is the tree's depth (bounded by HtmlLimits::max_depth plus the
// elements the parser adds). Thread-safe.
// Elements whose content a reader never sees as text (scripts, styles,
// embedded objects, form controls, the document head): both the block
// walker (html.cc) and the main-content scoring skip them.
bool IsInvisibleTag(GumboTag tag);

MainContent FindMainContent(const GumboNode* root);

// The fallback when no block is recognised as story text: the run of
// consecutive blocks, outside navigation and footer zones, with the most
// text not inside links (each linked code point counts against it twice);
// when every block is mostly links, all such blocks. Indices ascending;
// empty when no such block has a letter or digit. Linear time.
std::vector<size_t> DensestRun(const std::vector<Block>& blocks);

// Inside a main content the page marks (HtmlDocument::block_reasons), the
// DOM's verdict outweighs the classifier's judgement of position and
// shape: a block the classifier removed as "boilerplate",
// "related-links", "navigation" or "site-footer" is kept again when it
// holds at least kMinRestoredWords words (or kMinRestoredChars code points,
// for scripts written without spaces) and is not mostly links. Hard
// evidence (bylines, date lines, captions, repetition, the title, source
// lists) stays removed. Returns the number of blocks restored.
inline constexpr int kMinRestoredWords = 4;
inline constexpr int kMinRestoredChars = 10;
int RestoreArticleBlocks(const std::vector<Block>& blocks,
                         Classification* classification);

// True when `node` is an element the page hides (display:none,
// visibility:hidden, the hidden attribute, aria-hidden="true").
bool IsHiddenElement(const GumboNode* node);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_NORMALIZE_HTML_DOM_EXTRACT_H_
