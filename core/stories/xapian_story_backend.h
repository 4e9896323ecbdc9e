// A StoryBackend in the article index itself: story records and article
// memberships are metadata of the shard's database (schema.h
// kStoryMetadataPrefix, kStoryMemberMetadataPrefix), written in the
// writer's transaction with the articles, so a commit holds both or
// neither. Candidates come from one Xapian query over the articles (their
// heaviest terms and entities, within the time window), whose story ids
// are in kStorySlot; the statistics for IDF are the index's. Holds no
// state of its own (the writer may cancel and replay a batch).
#ifndef NEWSINDEX_CORE_STORIES_XAPIAN_STORY_BACKEND_H_
#define NEWSINDEX_CORE_STORIES_XAPIAN_STORY_BACKEND_H_

#include <string>
#include <vector>

#include "core/stories/story_assigner.h"
#include "xapian.h"

namespace newsindex::stories {

class XapianStoryBackend : public StoryBackend {
 public:
  // Writes to `db` (which must outlive the backend); reads `db` and
  // `peers`, the index's other shards, for candidates, statistics and the
  // other shards' parts of a story.
  XapianStoryBackend(Xapian::WritableDatabase* db,
                     std::vector<Xapian::Database> peers = {});

  int64_t DocCount() const override;
  int64_t DocFreq(absl::string_view key, bool is_entity) const override;
  absl::StatusOr<std::vector<std::string>> CandidateStories(
      const StoryFeatures& article, const StoryParams& params) override;
  absl::StatusOr<std::optional<StoryRecord>> LoadStory(
      absl::string_view id) override;
  absl::StatusOr<std::optional<StoryRecord>> LoadWholeStory(
      absl::string_view id) override;
  absl::Status SaveStory(const StoryRecord& story) override;
  absl::Status DeleteStory(absl::string_view id) override;
  absl::StatusOr<std::optional<Member>> LoadMember(
      absl::string_view article_id) override;
  absl::Status SaveMember(const Member& member) override;
  absl::Status DeleteMember(absl::string_view article_id) override;

 private:
  Xapian::WritableDatabase* db_;
  std::vector<Xapian::Database> peers_;
  Xapian::Database all_;  // db_ and the peers
};

// The key of a story's record, and of an article's membership.
std::string StoryKey(absl::string_view story_id);
std::string MemberKey(absl::string_view article_id);

// A story record as a reader finds it in `db` (one shard); nullopt when
// the shard has none.
absl::StatusOr<std::optional<StoryRecord>> ReadStory(const Xapian::Database& db,
                                                     absl::string_view id);
// The whole story over `shards` (each shard's part merged); nullopt when
// no shard has it.
absl::StatusOr<std::optional<StoryRecord>> ReadWholeStory(
    const std::vector<Xapian::Database>& shards, absl::string_view id);

}  // namespace newsindex::stories

#endif  // NEWSINDEX_CORE_STORIES_XAPIAN_STORY_BACKEND_H_
