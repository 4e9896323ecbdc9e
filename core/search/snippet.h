// Result snippets: a passage of an article body around the query's
// matches, with the matches marked.
#ifndef NEWSINDEX_CORE_SEARCH_SNIPPET_H_
#define NEWSINDEX_CORE_SEARCH_SNIPPET_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "core/search/match_offsets.h"

namespace newsindex {

struct SnippetOptions {
  size_t length = 240;  // bytes of text to aim for (markers not counted)
  std::string highlight_start = "<em>";
  std::string highlight_end = "</em>";
  std::string omitted = "…";  // where text was cut at either end
};

// A passage of at most about `options.length` bytes of `text`: the window
// holding the most distinct matched words (the earliest such window on
// ties), widened to word boundaries, with each match in `spans` (as
// QueryMatcher::Find returns them, in text order) wrapped in the markers.
// Without matches, the start of the text. Whitespace runs become one
// space; "&", "<" and ">" of the text are escaped as XML entities so the
// markers are the only markup. Pure; thread-safe.
std::string MakeSnippet(absl::string_view text,
                        const std::vector<MatchSpan>& spans,
                        const SnippetOptions& options);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_SEARCH_SNIPPET_H_
