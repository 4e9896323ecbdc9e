#include "core/stories/index_stories.h"

#include "core/stories/xapian_story_backend.h"

namespace newsindex::stories {
namespace {

struct Input : StoryInput {
  StoryFeatures features;
};

}  // namespace

std::shared_ptr<const StoryInput> IndexStories::Prepare(
    const Article& article) const {
  auto input = std::make_shared<Input>();
  input->features = FeaturesOf(article, assigner_.params());
  return input;
}

absl::StatusOr<std::string> IndexStories::Assign(
    Xapian::WritableDatabase& db, const std::vector<Xapian::Database>& peers,
    const StoryInput& input, const std::string& duplicate_of) {
  XapianStoryBackend backend(&db, peers);
  absl::StatusOr<Assignment> assignment = assigner_.Assign(
      static_cast<const Input&>(input).features, duplicate_of, &backend);
  if (!assignment.ok()) return assignment.status();
  return assignment->story_id;
}

absl::Status IndexStories::Remove(Xapian::WritableDatabase& db,
                                  const std::string& article_id) {
  XapianStoryBackend backend(&db);
  return assigner_.Remove(article_id, &backend);
}

}  // namespace newsindex::stories
