// The writer's StoryHook (core/index/story_hook.h): StoryAssigner over the
// shard's own database (XapianStoryBackend). What ingest-service installs.
#ifndef NEWSINDEX_CORE_STORIES_INDEX_STORIES_H_
#define NEWSINDEX_CORE_STORIES_INDEX_STORIES_H_

#include <memory>
#include <string>

#include "core/index/story_hook.h"
#include "core/stories/story_assigner.h"

namespace newsindex::stories {

// Thread-safe as StoryHook requires (no state beyond the parameters).
class IndexStories : public StoryHook {
 public:
  explicit IndexStories(StoryParams params = StoryParams())
      : assigner_(std::move(params)) {}

  std::shared_ptr<const StoryInput> Prepare(
      const Article& article) const override;
  absl::StatusOr<std::string> Assign(Xapian::WritableDatabase& db,
                                     const std::vector<Xapian::Database>& peers,
                                     const StoryInput& input,
                                     const std::string& duplicate_of) override;
  absl::Status Remove(Xapian::WritableDatabase& db,
                      const std::string& article_id) override;

 private:
  StoryAssigner assigner_;
};

}  // namespace newsindex::stories

#endif  // NEWSINDEX_CORE_STORIES_INDEX_STORIES_H_
