// ListStories and GetStory: validation and conversion of requests to core
// specs (core/search/story_search.h), and of results to responses. Pure
// functions: no I/O, thread-safe.
#ifndef NEWSINDEX_SEARCH_SERVICE_STORY_REQUEST_H_
#define NEWSINDEX_SEARCH_SERVICE_STORY_REQUEST_H_

#include "absl/status/statusor.h"
#include "core/search/searcher.h"
#include "newsindex/v1/search_service.pb.h"

namespace newsindex {

// The spec of `request`, with the offset its page token carries.
// INVALID_ARGUMENT naming the field (page_size, page_token, the query and
// filter as Search checks them, trending_window_hours).
absl::StatusOr<StoryListSpec> ToStoryListSpec(
    const v1::ListStoriesRequest& request);
void ToListStoriesResponse(const v1::ListStoriesRequest& request,
                           const StoryList& list, int64_t offset,
                           v1::ListStoriesResponse* response);

// GetStory's page: offset and size from the request.
struct StoryPageSpec {
  int64_t offset = 0;
  int limit = 10;
};
absl::StatusOr<StoryPageSpec> ToStoryPageSpec(
    const v1::GetStoryRequest& request);
void ToGetStoryResponse(const v1::GetStoryRequest& request,
                        const StoryPage& page, int64_t offset,
                        v1::GetStoryResponse* response);

void ToProto(const stories::StoryRecord& record, int64_t recent_count,
             v1::Story* out);

}  // namespace newsindex

#endif  // NEWSINDEX_SEARCH_SERVICE_STORY_REQUEST_H_
