#include "core/stories/memory_story_backend.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_map.h"

namespace newsindex::stories {
namespace {

bool WithinGap(const StoryFeatures& a, const StoryFeatures& b,
               const StoryParams& params) {
  if (!a.published_at.has_value() || !b.published_at.has_value()) return true;
  return absl::AbsDuration(*a.published_at - *b.published_at) <= params.max_gap;
}

}  // namespace

int64_t MemoryStoryBackend::DocCount() const {
  return static_cast<int64_t>(members_.size());
}

int64_t MemoryStoryBackend::DocFreq(absl::string_view key,
                                    bool is_entity) const {
  const Postings& postings = is_entity ? entity_postings_ : term_postings_;
  auto it = postings.find(key);
  return it == postings.end() ? 0 : static_cast<int64_t>(it->second.size());
}

absl::StatusOr<std::vector<std::string>> MemoryStoryBackend::CandidateStories(
    const StoryFeatures& article, const StoryParams& params) {
  // The same OR query the Xapian backend runs: each posting of a query
  // term adds the term's weight to its article.
  absl::flat_hash_map<std::string, double> scores;
  auto add = [&](const Postings& postings, bool is_entity,
                 const SparseVector& v) {
    for (const auto& [key, w] :
         QueryTerms(v, *this, is_entity, params.query_terms)) {
      auto it = postings.find(key);
      if (it == postings.end()) continue;
      for (const std::string& id : it->second) scores[id] += w;
    }
  };
  add(term_postings_, false, article.terms);
  add(entity_postings_, true, article.entities);
  std::vector<std::pair<std::string, double>> ranked;
  for (const auto& [id, score] : scores) {
    if (id == article.article_id) continue;
    if (!WithinGap(article, members_.at(id).features, params)) continue;
    ranked.emplace_back(id, score);
  }
  // The hash map's order is not fixed: ties in score go by id.
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  if (static_cast<int>(ranked.size()) > params.candidate_articles) {
    ranked.resize(params.candidate_articles);
  }
  std::set<std::string> ids;
  for (const auto& [id, score] : ranked) ids.insert(members_.at(id).story_id);
  return std::vector<std::string>(ids.begin(), ids.end());
}

absl::StatusOr<std::optional<StoryRecord>> MemoryStoryBackend::LoadStory(
    absl::string_view id) {
  auto it = stories_.find(id);
  if (it == stories_.end()) return std::nullopt;
  return it->second;
}

absl::Status MemoryStoryBackend::SaveStory(const StoryRecord& story) {
  stories_[story.id] = story;
  return absl::OkStatus();
}

absl::Status MemoryStoryBackend::DeleteStory(absl::string_view id) {
  auto it = stories_.find(id);
  if (it != stories_.end()) stories_.erase(it);
  return absl::OkStatus();
}

absl::StatusOr<std::optional<Member>> MemoryStoryBackend::LoadMember(
    absl::string_view article_id) {
  auto it = members_.find(article_id);
  if (it == members_.end()) return std::nullopt;
  return it->second;
}

void MemoryStoryBackend::Post(const Member& member, bool add) {
  auto post = [&](Postings& postings, const SparseVector& v) {
    for (const auto& [key, w] : v) {
      if (add) {
        postings[key].insert(member.features.article_id);
        continue;
      }
      auto it = postings.find(key);
      if (it == postings.end()) continue;
      it->second.erase(member.features.article_id);
      if (it->second.empty()) postings.erase(it);
    }
  };
  post(term_postings_, member.features.terms);
  post(entity_postings_, member.features.entities);
}

absl::Status MemoryStoryBackend::SaveMember(const Member& member) {
  if (absl::Status s = DeleteMember(member.features.article_id); !s.ok()) {
    return s;
  }
  members_[member.features.article_id] = member;
  Post(member, true);
  return absl::OkStatus();
}

absl::Status MemoryStoryBackend::DeleteMember(absl::string_view article_id) {
  auto it = members_.find(article_id);
  if (it == members_.end()) return absl::OkStatus();
  Post(it->second, false);
  members_.erase(it);
  return absl::OkStatus();
}

}  // namespace newsindex::stories
