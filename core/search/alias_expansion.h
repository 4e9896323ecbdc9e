// Free-text alias expansion: finds the words of a query that may name an
// entity ("ISKP", "ISIS-K", "Islamic State Khorasan Province"), so that
// the query builder can search every name of that entity for them
// (docs/search.md, "Entity names in free text").
#ifndef NEWSINDEX_CORE_SEARCH_ALIAS_EXPANSION_H_
#define NEWSINDEX_CORE_SEARCH_ALIAS_EXPANSION_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/strings/string_view.h"
#include "core/base/article.h"
#include "core/search/match_offsets.h"

namespace newsindex {

// Words of a query, in bytes of the query string.
struct QueryWordGroup {
  size_t begin = 0;
  size_t end = 0;
};

// The longest name a group may have, in query words ("Organisation of the
// Petroleum Exporting Countries" is 6).
inline constexpr size_t kMaxAliasWords = 6;

// Groups of up to kMaxAliasWords consecutive plain words of `query` that
// `take` accepts (it sees each group's text), longest first at each
// position, left to right, never overlapping. Plain words are those
// outside quotes and parentheses' edges, not field values (`title:x`), not
// operators (AND, OR, NOT, XOR), not beside NEAR or ADJ, without a
// wildcard; a word with + or - before it only stands alone. Pure.
std::vector<QueryWordGroup> FindAliasGroups(
    absl::string_view query, absl::FunctionRef<bool(absl::string_view)> take);

// `query` with each of `groups` (in order, not overlapping) replaced by
// "<field>:<its index>".
std::string ReplaceGroups(absl::string_view query,
                          const std::vector<QueryWordGroup>& groups,
                          absl::string_view field);

// The mentions of `entity` in `body` as match spans (code points and
// bytes), in text order. Mention offsets are code points (article.h).
std::vector<MatchSpan> MentionSpans(absl::string_view body,
                                    const std::vector<Mention>& mentions);

// `a` and `b` (each in text order) merged in text order; a span that
// overlaps an earlier one is dropped. At most `limit`.
std::vector<MatchSpan> MergeSpans(const std::vector<MatchSpan>& a,
                                  const std::vector<MatchSpan>& b,
                                  size_t limit);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_SEARCH_ALIAS_EXPANSION_H_
