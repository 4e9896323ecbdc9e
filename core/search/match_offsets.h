// Where a query's terms occur in a text, for clients that highlight
// matches themselves.
#ifndef NEWSINDEX_CORE_SEARCH_MATCH_OFFSETS_H_
#define NEWSINDEX_CORE_SEARCH_MATCH_OFFSETS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "xapian.h"

namespace newsindex {

struct MatchSpan {
  int start = 0;  // code points
  int end = 0;
};

// The spans of words in `text` that the query's unprefixed terms match:
// a word matches when its lowercase form is a query term, or its English
// stem prefixed by "Z" is (Xapian's STEM_SOME convention). At most `limit`
// spans, in text order. Stem-aware and UTF-8 safe; thread-safe given
// distinct `stemmer` copies.
std::vector<MatchSpan> FindMatchSpans(const Xapian::Query& query,
                                      absl::string_view text,
                                      const Xapian::Stem& stemmer,
                                      size_t limit = 50);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_SEARCH_MATCH_OFFSETS_H_
