// Every limit on the work one search request may ask for, with its
// default, in one place (listed in docs/search.md). Requests over a limit
// get INVALID_ARGUMENT naming the field and the limit, never quoting more
// than kMaxExcerptBytes of the input (Excerpt), so that each request's cost is
// bounded and linear in its size.
#ifndef NEWSINDEX_CORE_SEARCH_SEARCH_LIMITS_H_
#define NEWSINDEX_CORE_SEARCH_SEARCH_LIMITS_H_

#include <cstddef>
#include <functional>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "xapian.h"

namespace newsindex {

// Query strings (Search.query, RelatedEntities.query, EntityTimeline.query).
inline constexpr size_t kMaxQueryBytes = 16 * 1024;
// Parentheses nested deeper than this are refused: Xapian's matcher
// recurses once per level, and 40,000 levels overflowed its stack.
inline constexpr int kMaxQueryDepth = 32;
// Words (operands, and words inside phrases) in one query.
inline constexpr size_t kMaxQueryTerms = 256;
// Names searched for one entity that free-text words name (alias
// expansion, query_builder.h): its display name and aliases, in order.
inline constexpr size_t kMaxExpandedAliases = 32;
// Values in each of filter.entities, .countries, .sources, .languages,
// .entity_types (repeated values count; they are one term in the query).
inline constexpr size_t kMaxFilterValues = 256;
// Bytes of one filter value.
inline constexpr size_t kMaxFilterValueBytes = 512;
// Paths in read_mask, and bytes of each.
inline constexpr size_t kMaxReadMaskPaths = 64;
inline constexpr size_t kMaxReadMaskPathBytes = 128;
// Bytes of highlight.pre_tag and of highlight.post_tag.
inline constexpr size_t kMaxHighlightTagBytes = 64;
// Characters of a snippet (highlight.snippet_length).
inline constexpr int kMaxSnippetLength = 2000;
// Bytes of the hits of one response: a page stops early (with a next page
// token) rather than pass this; below gRPC's default 4 MiB client limit.
inline constexpr size_t kMaxResponseBytes = 3 * 1024 * 1024;
// The bound of one repeated field of a request, by its path from the
// request message ("filter.countries"): at most `max_values` elements, each
// (strings) at most `max_value_bytes` bytes (0: not a string field).
struct RepeatedFieldLimit {
  absl::string_view path;
  size_t max_values;
  size_t max_value_bytes;
};

// Every repeated field of every request message of the API, with its bound:
// the services refuse a request over one before any work (one check for all,
// search-service/request_limits.h), and a test fails when a request message
// has a repeated field missing here. Listed in docs/security.md.
inline constexpr RepeatedFieldLimit kRepeatedFieldLimits[] = {
    {"filter.entities", kMaxFilterValues, kMaxFilterValueBytes},
    {"filter.entity_types", kMaxFilterValues, 0},
    {"filter.countries", kMaxFilterValues, kMaxFilterValueBytes},
    {"filter.sources", kMaxFilterValues, kMaxFilterValueBytes},
    {"filter.languages", kMaxFilterValues, kMaxFilterValueBytes},
    {"read_mask.paths", kMaxReadMaskPaths, kMaxReadMaskPathBytes},
};

// INVALID_ARGUMENT "<field>: <size> <unit>; the limit is <limit>" when
// `size` > `limit`, else OK.
absl::Status CheckLimit(absl::string_view field, size_t size, size_t limit,
                        absl::string_view unit);

// When work on a call must stop: its deadline, and a check of whether the
// caller has gone (cancelled). A plain type, so the core needs no gRPC.
// Copyable; `cancelled` must be thread-safe and outlive the work.
struct StopToken {
  absl::Time deadline = absl::InfiniteFuture();
  std::function<bool()> cancelled;

  bool ShouldStop() const {
    return absl::Now() >= deadline || (cancelled && cancelled());
  }
  // DEADLINE_EXCEEDED (or CANCELLED) saying what `stage` was cut short,
  // when ShouldStop(); else OK.
  absl::Status Check(absl::string_view stage) const;
  // Makes `enquire`'s match stop at the deadline, if there is one
  // (Xapian's Enquire::set_time_limit).
  void LimitMatchTime(Xapian::Enquire& enquire) const;
};

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_SEARCH_SEARCH_LIMITS_H_
