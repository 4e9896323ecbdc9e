// A StoryBackend in memory: the stories, the members and an inverted index
// of the members' terms and entities, with document frequencies counted
// over the members (as the article index would count them). For tests and
// for the parameter search of bench/stories/story_eval, which must run the
// assignment many times over; the services use xapian_story_backend.h.
#ifndef NEWSINDEX_CORE_STORIES_MEMORY_STORY_BACKEND_H_
#define NEWSINDEX_CORE_STORIES_MEMORY_STORY_BACKEND_H_

#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/stories/story_assigner.h"

namespace newsindex::stories {

class MemoryStoryBackend : public StoryBackend {
 public:
  int64_t DocCount() const override;
  int64_t DocFreq(absl::string_view key, bool is_entity) const override;
  absl::StatusOr<std::vector<std::string>> CandidateStories(
      const StoryFeatures& article, const StoryParams& params) override;
  absl::StatusOr<std::optional<StoryRecord>> LoadStory(
      absl::string_view id) override;
  absl::Status SaveStory(const StoryRecord& story) override;
  absl::Status DeleteStory(absl::string_view id) override;
  absl::StatusOr<std::optional<Member>> LoadMember(
      absl::string_view article_id) override;
  absl::Status SaveMember(const Member& member) override;
  absl::Status DeleteMember(absl::string_view article_id) override;

  size_t story_count() const { return stories_.size(); }

 private:
  using Postings = std::map<std::string, std::set<std::string>, std::less<>>;
  void Post(const Member& member, bool add);

  std::map<std::string, StoryRecord, std::less<>> stories_;
  std::map<std::string, Member, std::less<>> members_;
  Postings term_postings_;
  Postings entity_postings_;
};

}  // namespace newsindex::stories

#endif  // NEWSINDEX_CORE_STORIES_MEMORY_STORY_BACKEND_H_
