// The title of an HTML page, chosen among candidates.
#ifndef NEWSINDEX_CORE_NORMALIZE_HTML_HTML_TITLE_H_
#define NEWSINDEX_CORE_NORMALIZE_HTML_HTML_TITLE_H_

#include <string>

#include "absl/strings/string_view.h"
#include "core/normalize/html/html.h"
#include "core/normalize/title.h"  // IsBreadcrumb

namespace newsindex {

// "Headline | Site" or "Headline - Site" (also en and em dash, "::"): the
// headline, with the site (at most five words) in `site`, when the headline
// keeps two words or more; else `title`.
std::string SplitTitleSiteSuffix(const std::string& title, std::string* site);

// The best title among the page's candidates: the JSON-LD headline,
// dc:title, og:title or twitter:title, the <title> with its site suffix
// stripped, and the first <h1>s. Each candidate scores for its source (in
// that order), and for every other candidate that agrees with it (same words,
// or one holding the other); breadcrumbs, blank and over-long (more than 40
// words) candidates are out. Values are NFC with white space collapsed to
// single spaces. `site` receives the <title>'s site suffix. Empty when there is
// no candidate.
std::string ChooseHtmlTitle(const HtmlMetadata& meta, std::string* site);

// The name in a byline: "By Jane Doe" -> "Jane Doe" (also "by", "BY",
// "Written by", "Von", "Par", with an optional ':'); empty when `byline`
// is empty.
std::string BylineName(absl::string_view byline);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_NORMALIZE_HTML_HTML_TITLE_H_
