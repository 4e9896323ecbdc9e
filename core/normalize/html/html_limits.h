// Work limits for HTML. Gumbo's tree construction is fast on ordinary pages
// but superlinear on hostile ones: in nesting depth (every open element is
// on a stack that many steps scan), in attributes per element (duplicate
// checks), and in unclosed formatting elements (<b id=1>, <b id=2>, ...
// reopened before every text). A linear pre-scan of the tag stream measures
// those quantities; a page over any limit is not given to the tree builder
// but read by a linear tag stripper (see html.h, HtmlDocument::flattened),
// with a warning naming the limit. So the cost of every HTML request is
// linear in its size.
#ifndef NEWSINDEX_CORE_NORMALIZE_HTML_HTML_LIMITS_H_
#define NEWSINDEX_CORE_NORMALIZE_HTML_HTML_LIMITS_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace newsindex {

struct HtmlLimits {
  // Estimated element nesting (open elements, plus formatting elements that
  // the parser would reopen). Real pages stay under 60.
  int max_depth = 256;
  // Start tags in the page. The largest of the readability test pages has
  // about 17,000.
  int max_elements = 150000;
  // Attributes on one start tag. Real pages stay under 40.
  int max_attributes_per_element = 256;
  // Parse work: the sum over tags of the estimated depth at which they
  // open or close, their attributes, and 64 for every formatting element
  // (<b>, <a>, <font>, ...) open or left open when a start tag comes (the
  // parser may recreate each one: 250 unclosed <b id=N> before 8,000
  // paragraphs make Gumbo build 2 million elements, 2 s and 750 MB).
  // Real pages stay under 0.3 million.
  int64_t max_parse_work = 2000000;
};

// What the pre-scan measured. Scanning stops at the first limit exceeded,
// so the counts are then lower bounds.
struct HtmlShape {
  int max_depth = 0;
  int elements = 0;
  int max_attributes = 0;
  int64_t parse_work = 0;
};

// Measures `html` (any bytes) in one pass; stops once a limit of `limits`
// is exceeded. Linear time; memory bounded by limits.max_depth.
HtmlShape MeasureHtml(absl::string_view html, const HtmlLimits& limits);

// Empty when `shape` is within `limits`, else what went over which limit,
// e.g. "nested deeper than 256 elements (max_depth)".
std::string ExceededHtmlLimit(const HtmlShape& shape, const HtmlLimits& limits);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_NORMALIZE_HTML_HTML_LIMITS_H_
