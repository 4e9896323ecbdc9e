// Choosing an article's title among candidates from different origins (the
// caller, HTML metadata, headings, lines of plain text). Each candidate is
// scored by how much its origin is to be trusted and by its shape; shapes
// that are never titles (breadcrumbs, menus, bare dates, sentences of
// story length) are rejected whatever their origin. Pure functions,
// thread-safe.
#ifndef NEWSINDEX_CORE_NORMALIZE_TITLE_H_
#define NEWSINDEX_CORE_NORMALIZE_TITLE_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace newsindex {

// Where a title candidate comes from, most trusted first.
enum class TitleOrigin {
  kCaller,        // RawArticle::title
  kJsonLd,        // JSON-LD "headline"
  kOpenGraph,     // og:title / twitter:title
  kHeading,       // <h1>, or the first heading of the page
  kTitleTag,      // <title>, site suffix removed
  kTextLine,      // the first substantial line of plain text
  kFirstHeading,  // the first kept section heading (a fallback)
};

struct TitleCandidate {
  std::string text;  // one line, whitespace collapsed
  TitleOrigin origin = TitleOrigin::kTextLine;
};

// A breadcrumb or menu trail: two or more short items (at most four words
// each, no sentence end) joined by "|", ">", "›", "»" or "/" with spaces
// around ("Home | World | Asia", "Security | Afghanistan", "News > UK").
bool IsBreadcrumb(absl::string_view text);

// The score of `candidate`: > 0 when it can be a title (higher is
// better), 0 when its shape rules it out (empty, breadcrumb, menu, a bare
// date, over 25 words or 200 characters).
double ScoreTitleCandidate(const TitleCandidate& candidate);

// The best-scoring candidate's index; -1 when every candidate is ruled
// out. Ties go to the earlier candidate.
int ChooseTitle(const std::vector<TitleCandidate>& candidates);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_NORMALIZE_TITLE_H_
