// Validation and conversion of SearchService requests to core specs, and
// of core results to responses. Pure functions: no I/O, thread-safe.
#ifndef NEWSINDEX_SEARCH_SERVICE_SEARCH_REQUEST_H_
#define NEWSINDEX_SEARCH_SERVICE_SEARCH_REQUEST_H_

#include <string>

#include "absl/status/statusor.h"
#include "core/search/searcher.h"
#include "newsindex/v1/search_service.pb.h"

namespace newsindex {

// A page size in 1..max: 0 -> `default_size`, above max -> max;
// INVALID_ARGUMENT naming `field` when negative.
absl::StatusOr<int> PageSize(int requested, int default_size, int max,
                             const char* field);

// The core spec for `request`, including the offset its page_token
// carries. INVALID_ARGUMENT naming the field for a negative page size, a
// bad token (or one from another request), a bad read mask or highlight.
absl::StatusOr<SearchSpec> ToSearchSpec(const v1::SearchRequest& request);

// What page tokens are bound to: the request without page size and token.
std::string RequestFingerprint(const v1::SearchRequest& request);

// Fills `response` from `results` (the page that started at `offset`).
// Applies the request's read mask to each article.
void ToSearchResponse(const v1::SearchRequest& request,
                      const SearchResults& results, int64_t offset,
                      v1::SearchResponse* response);

void ToEntityInfo(const EntitySummary& summary, v1::EntityInfo* out);
// Appends `buckets` to `out`.
void ToBuckets(const std::vector<FacetBucket>& buckets,
               google::protobuf::RepeatedPtrField<v1::FacetBucket>* out);
DateInterval FromProto(v1::DateInterval interval, DateInterval fallback);

}  // namespace newsindex

#endif  // NEWSINDEX_SEARCH_SERVICE_SEARCH_REQUEST_H_
