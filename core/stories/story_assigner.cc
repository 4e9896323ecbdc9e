#include "core/stories/story_assigner.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "core/base/hash.h"

namespace newsindex::stories {

std::string NewStoryId(absl::string_view article_id, int attempt) {
  return absl::StrCat(
      "s", Sha256Hex(absl::StrCat(article_id, "\n", attempt)).substr(0, 16));
}

absl::StatusOr<std::pair<std::string, bool>> StoryAssigner::Withdraw(
    absl::string_view article_id, StoryBackend* backend) const {
  absl::StatusOr<std::optional<Member>> member =
      backend->LoadMember(article_id);
  if (!member.ok()) return member.status();
  if (!member->has_value()) return std::make_pair(std::string(), false);
  const std::string story_id = (*member)->story_id;
  absl::StatusOr<std::optional<StoryRecord>> story =
      backend->LoadStory(story_id);
  if (!story.ok()) return story.status();
  if (absl::Status s = backend->DeleteMember(article_id); !s.ok()) return s;
  if (!story->has_value()) return std::make_pair(std::string(), false);
  StoryRecord& record = **story;
  AddToStory((*member)->features, -1, &record);
  TrimVector(&record.terms, params_.centroid_terms);
  TrimVector(&record.entities, params_.centroid_terms);
  // Saved even when empty: the article's old document may still name the
  // story until it is replaced, and a count of 0 keeps it from being a
  // candidate.
  if (absl::Status s = backend->SaveStory(record); !s.ok()) return s;
  return std::make_pair(story_id, record.article_count <= 0);
}

absl::StatusOr<StoryAssigner::Best> StoryAssigner::BestCandidate(
    const StoryFeatures& article, StoryBackend* backend) const {
  absl::StatusOr<std::vector<std::string>> ids =
      backend->CandidateStories(article, params_);
  if (!ids.ok()) return ids.status();
  Best best;
  for (const std::string& id : *ids) {
    absl::StatusOr<std::optional<StoryRecord>> story =
        backend->LoadWholeStory(id);
    if (!story.ok()) return story.status();
    if (!story->has_value() || (*story)->article_count <= 0) continue;
    double score = Similarity(article, **story, *backend, params_);
    // Ids come sorted: a strictly greater score wins, so ties keep the
    // smaller id.
    if (score > best.score) best = {id, score};
  }
  return best;
}

absl::StatusOr<std::string> StoryAssigner::FreshId(
    const StoryFeatures& article, StoryBackend* backend) const {
  for (int attempt = 0;; ++attempt) {
    std::string id = NewStoryId(article.article_id, attempt);
    absl::StatusOr<std::optional<StoryRecord>> taken = backend->LoadStory(id);
    if (!taken.ok()) return taken.status();
    if (!taken->has_value()) return id;
  }
}

absl::StatusOr<Assignment> StoryAssigner::Assign(
    const StoryFeatures& article, absl::string_view near_duplicate_of,
    StoryBackend* backend) const {
  absl::StatusOr<std::pair<std::string, bool>> old =
      Withdraw(article.article_id, backend);
  if (!old.ok()) return old.status();
  const auto& [old_id, old_empty] = *old;
  Assignment result;
  if (!near_duplicate_of.empty() && near_duplicate_of != article.article_id) {
    absl::StatusOr<std::optional<Member>> twin =
        backend->LoadMember(near_duplicate_of);
    if (!twin.ok()) return twin.status();
    if (twin->has_value()) result.story_id = (*twin)->story_id;
  }
  if (result.story_id.empty()) {
    absl::StatusOr<Best> best = BestCandidate(article, backend);
    if (!best.ok()) return best.status();
    if (!best->id.empty() && best->score >= params_.threshold) {
      result.story_id = best->id;
      result.score = best->score;
    }
  }
  if (result.story_id.empty()) {
    result.new_story = true;
    if (old_empty) {
      result.story_id = old_id;  // the article founds its story again
    } else {
      absl::StatusOr<std::string> id = FreshId(article, backend);
      if (!id.ok()) return id.status();
      result.story_id = *id;
    }
  }
  absl::StatusOr<std::optional<StoryRecord>> loaded =
      backend->LoadStory(result.story_id);
  if (!loaded.ok()) return loaded.status();
  StoryRecord record = loaded->value_or(StoryRecord());
  if (record.article_count <= 0) record = StoryRecord();
  record.id = result.story_id;
  if (result.new_story) record.founder = true;
  AddToStory(article, +1, &record);
  TrimVector(&record.terms, params_.centroid_terms);
  TrimVector(&record.entities, params_.centroid_terms);
  if (absl::Status s = backend->SaveStory(record); !s.ok()) return s;
  if (absl::Status s = backend->SaveMember({result.story_id, article});
      !s.ok()) {
    return s;
  }
  if (!old_id.empty() && old_id != result.story_id) {
    result.moved_from = old_id;
    if (old_empty) {
      if (absl::Status s = backend->DeleteStory(old_id); !s.ok()) return s;
    }
  }
  return result;
}

absl::Status StoryAssigner::Remove(absl::string_view article_id,
                                   StoryBackend* backend) const {
  absl::StatusOr<std::pair<std::string, bool>> old =
      Withdraw(article_id, backend);
  if (!old.ok()) return old.status();
  if (old->second) return backend->DeleteStory(old->first);
  return absl::OkStatus();
}

}  // namespace newsindex::stories
