// HTML to blocks and metadata with Gumbo, an HTML5-conformant parser.
#ifndef NEWSINDEX_CORE_NORMALIZE_HTML_HTML_H_
#define NEWSINDEX_CORE_NORMALIZE_HTML_HTML_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "core/normalize/blocks.h"
#include "core/normalize/html/html_limits.h"

namespace newsindex {

// What the page says about itself. Values are as written (not normalized);
// empty when absent.
struct HtmlMetadata {
  std::string title;           // <title>
  std::string og_title;        // og:title, twitter:title
  std::string dc_title;        // dc:title, dcterm:title, dcterms.title
  std::string og_site_name;    // og:site_name, application-name
  std::string og_description;  // og:description, description
  std::string url;             // og:url, else <link rel="canonical">
  std::string published;       // article:published_time, date, pubdate, ...
  std::string modified;        // article:modified_time
  std::string author;          // <meta name="author">, article:author
  std::string time_datetime;   // first <time datetime="...">
  std::string lang;            // <html lang>
  std::string charset;         // <meta charset> or http-equiv Content-Type
  // From the first JSON-LD object typed NewsArticle, Article,
  // ReportageNewsArticle, BlogPosting (also inside "@graph").
  std::string ld_headline;
  std::string ld_alternative_headline;
  std::string ld_date_published;
  std::string ld_date_modified;
  std::string ld_author;
  std::string ld_publisher;
  // From the page body: the text of the element marked as byline
  // (rel=author, itemprop=author, class or id byline/author), and of the
  // first <h1> elements.
  std::string byline;
  std::vector<std::string> h1s;
};

struct HtmlDocument {
  HtmlMetadata meta;
  // Visible blocks of the page in document order; block i is line i + 1 of
  // the text taken from HTML. Script, style, template, svg and iframe
  // content is not visible; nav, aside, form, page header and page footer
  // blocks are kept with their Zone so the classifier can report them.
  std::vector<Block> blocks;
  // Per block: "" when it is in the page's main content (dom_extract.h),
  // else why not: "outside-article", "navigation", "site-footer",
  // "comments", "boilerplate",
  // "related-links", "byline". All "" when no main content was found.
  std::vector<std::string> block_reasons;
  // Code points of text in the main content (0 when none was found).
  int main_content_chars = 0;
  // True when the page went over a limit of HtmlLimits: it was then read
  // by a linear tag stripper instead of the tree builder (no zones, links
  // or metadata other than the charset); `flattened_reason` says which
  // limit, e.g. "nested deeper than 256 elements (max_depth)".
  bool flattened = false;
  std::string flattened_reason;
};

// Gumbo's tree construction is quadratic in nesting depth; deeper pages are
// flattened (see HtmlDocument::flattened). The default of
// HtmlLimits::max_depth.
inline constexpr int kMaxHtmlDepth = 256;

// A main content with less text than this is not trusted: the whole page
// goes to the block classifier.
inline constexpr int kMinMainContentChars = 200;

// Parses `html` (valid UTF-8; Gumbo repairs broken markup). Thread-safe.
// A page over `limits` (see html_limits.h) is flattened. Linear in the
// input size.
HtmlDocument ParseHtml(absl::string_view html, const HtmlLimits& limits = {});

// The charset a page declares in its first 8 KiB (<meta charset>, or
// http-equiv Content-Type), without parsing it; empty when none.
std::string DeclaredCharset(absl::string_view html);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_NORMALIZE_HTML_HTML_H_
