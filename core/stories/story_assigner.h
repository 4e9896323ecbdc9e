// Assignment of an article to a story, one article at a time: the article
// joins the best-scoring candidate story (story_model.h Similarity) when
// it scores at least the threshold, else starts a story. Deterministic for
// a given order of calls: candidates are ordered by id and ties go to the
// smaller id.
#ifndef NEWSINDEX_CORE_STORIES_STORY_ASSIGNER_H_
#define NEWSINDEX_CORE_STORIES_STORY_ASSIGNER_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/stories/story_model.h"

namespace newsindex::stories {

// An article's membership: its story and the contribution it made.
struct Member {
  std::string story_id;
  StoryFeatures features;
};

// Where stories live. Implementations: story_backend_memory.h (in memory,
// for tests and the parameter search) and xapian_story_backend.h (in the
// article index, for the services). Not thread-safe: the writer thread
// owns it.
class StoryBackend : public TermStats {
 public:
  // Ids of the stories of the articles that best match `article`'s
  // heaviest params.query_terms terms and its entities, reading at most
  // params.candidate_articles articles, only those published within
  // params.max_gap of the article when both are dated. Sorted, distinct.
  // The cost is bounded by the parameters, not by the number of stories.
  [[nodiscard]] virtual absl::StatusOr<std::vector<std::string>>
  CandidateStories(const StoryFeatures& article, const StoryParams& params) = 0;
  // The part of the story this backend writes (a shard's articles).
  [[nodiscard]] virtual absl::StatusOr<std::optional<StoryRecord>> LoadStory(
      absl::string_view id) = 0;
  // The whole story, as scoring sees it: in a sharded index, the sum of
  // every shard's part (MergeStories).
  [[nodiscard]] virtual absl::StatusOr<std::optional<StoryRecord>>
  LoadWholeStory(absl::string_view id) {
    return LoadStory(id);
  }
  [[nodiscard]] virtual absl::Status SaveStory(const StoryRecord& story) = 0;
  [[nodiscard]] virtual absl::Status DeleteStory(absl::string_view id) = 0;
  // The membership of an article (in any shard).
  [[nodiscard]] virtual absl::StatusOr<std::optional<Member>> LoadMember(
      absl::string_view article_id) = 0;
  [[nodiscard]] virtual absl::Status SaveMember(const Member& member) = 0;
  [[nodiscard]] virtual absl::Status DeleteMember(
      absl::string_view article_id) = 0;
};

struct Assignment {
  std::string story_id;
  bool new_story = false;
  double score = 0;  // of the story joined; 0 for a new story
  // The story the article was in before this upsert, when another.
  std::string moved_from;
};

// The id of a new story founded by `article_id`: "s" + 16 hex digits of
// SHA-256 of the article id and `attempt` (bumped while taken), so ids are
// unique across shards as article ids are.
std::string NewStoryId(absl::string_view article_id, int attempt);

class StoryAssigner {
 public:
  explicit StoryAssigner(StoryParams params) : params_(std::move(params)) {}

  const StoryParams& params() const { return params_; }

  // Assigns `article`, replacing its earlier membership if any (an upsert:
  // a changed article may move; a story left empty is deleted, unless the
  // article founds a story again, which then keeps the id).
  // `near_duplicate_of`: the id of an article it is a near-duplicate of,
  // whose story it joins whatever the score.
  [[nodiscard]] absl::StatusOr<Assignment> Assign(
      const StoryFeatures& article, absl::string_view near_duplicate_of,
      StoryBackend* backend) const;

  // Removes a deleted article from its story; deletes the story when it
  // was the last. OK when the article had no story.
  [[nodiscard]] absl::Status Remove(absl::string_view article_id,
                                    StoryBackend* backend) const;

 private:
  struct Best {
    std::string id;
    double score = 0;
  };
  absl::StatusOr<Best> BestCandidate(const StoryFeatures& article,
                                     StoryBackend* backend) const;
  absl::StatusOr<std::string> FreshId(const StoryFeatures& article,
                                      StoryBackend* backend) const;
  // Takes the article's old contribution out of its old story; returns
  // that story's id ("" when none) and whether it is now empty.
  absl::StatusOr<std::pair<std::string, bool>> Withdraw(
      absl::string_view article_id, StoryBackend* backend) const;

  StoryParams params_;
};

}  // namespace newsindex::stories

#endif  // NEWSINDEX_CORE_STORIES_STORY_ASSIGNER_H_
