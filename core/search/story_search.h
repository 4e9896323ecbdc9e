// What Searcher::ListStories and Searcher::GetStory take and return
// (docs/stories.md). Stories are found through their articles: the query
// and filter select articles, collapsed by story (schema::kStorySlot);
// each story's record is the sum of its parts in every shard.
#ifndef NEWSINDEX_CORE_SEARCH_STORY_SEARCH_H_
#define NEWSINDEX_CORE_SEARCH_STORY_SEARCH_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "core/base/article.h"
#include "core/search/query_builder.h"
#include "core/stories/story_model.h"

namespace newsindex {

enum class StoryOrder { kLatest, kLargest, kTrending };

// The most stories a listing orders: the best-matching this many.
inline constexpr int kMaxStoriesListed = 1000;

struct StoryListSpec {
  std::string query;
  SearchFilter filter;
  StoryOrder order = StoryOrder::kLatest;
  int64_t offset = 0;
  int limit = 10;
  // kTrending: articles published in this window, which ends at the latest
  // publication among the stories listed.
  absl::Duration trending_window = absl::Hours(24);
};

struct StoryCard {
  stories::StoryRecord record;
  int64_t recent_count = 0;  // kTrending: articles in the window
};

struct StoryList {
  std::vector<StoryCard> stories;
  int64_t total = 0;  // stories matching, at most kMaxStoriesListed
  bool more = false;  // stories past this page
};

struct StoryPage {
  stories::StoryRecord record;
  std::vector<Article> articles;  // newest first
  bool more = false;
};

// Orders `cards` (deterministically: ties by id).
void OrderStories(StoryOrder order, std::vector<StoryCard>* cards);
// Sets each card's recent_count for a window of `window` ending at the
// latest last_published among them (day granularity: the days histogram).
void CountRecent(absl::Duration window, std::vector<StoryCard>* cards);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_SEARCH_STORY_SEARCH_H_
