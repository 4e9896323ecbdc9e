#include "core/stories/xapian_story_backend.h"

#include <set>

#include "core/index/schema.h"

namespace newsindex::stories {
namespace {

// The date window of the candidate query: articles published within
// max_gap of `article`.
Xapian::Query TimeWindow(const StoryFeatures& article,
                         const StoryParams& params) {
  absl::Time t = *article.published_at;
  return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kPublishedSlot,
                       schema::TimeValue(t - params.max_gap),
                       schema::TimeValue(t + params.max_gap));
}

Xapian::Query CandidateQuery(const StoryFeatures& article,
                             const StoryParams& params,
                             const TermStats& stats) {
  std::vector<Xapian::Query> parts;
  for (const auto& [term, w] :
       QueryTerms(article.terms, stats, false, params.query_terms)) {
    parts.emplace_back(term);
  }
  for (const auto& [id, w] :
       QueryTerms(article.entities, stats, true, params.query_terms)) {
    parts.emplace_back(schema::EntityTerm(id));
  }
  Xapian::Query query(Xapian::Query::OP_OR, parts.begin(), parts.end());
  if (article.published_at.has_value()) {
    query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                          TimeWindow(article, params));
  }
  // Its own earlier version is not a candidate of the article.
  return Xapian::Query(Xapian::Query::OP_AND_NOT, query,
                       Xapian::Query(schema::IdTerm(article.article_id)));
}

}  // namespace

std::string StoryKey(absl::string_view story_id) {
  return schema::PrefixedTerm(schema::kStoryMetadataPrefix, story_id);
}

std::string MemberKey(absl::string_view article_id) {
  return schema::PrefixedTerm(schema::kStoryMemberMetadataPrefix, article_id);
}

absl::StatusOr<std::optional<StoryRecord>> ReadStory(const Xapian::Database& db,
                                                     absl::string_view id) {
  std::string data = db.get_metadata(StoryKey(id));
  if (data.empty()) return std::nullopt;
  absl::StatusOr<StoryRecord> story = DecodeStory(data);
  if (!story.ok()) return story.status();
  return *std::move(story);
}

absl::StatusOr<std::optional<StoryRecord>> ReadWholeStory(
    const std::vector<Xapian::Database>& shards, absl::string_view id) {
  std::optional<StoryRecord> whole;
  for (const Xapian::Database& shard : shards) {
    absl::StatusOr<std::optional<StoryRecord>> part = ReadStory(shard, id);
    if (!part.ok()) return part.status();
    if (!part->has_value()) continue;
    if (!whole.has_value()) {
      whole = **part;
    } else {
      MergeStories(**part, &*whole);
    }
  }
  return whole;
}

XapianStoryBackend::XapianStoryBackend(Xapian::WritableDatabase* db,
                                       std::vector<Xapian::Database> peers)
    : db_(db), peers_(std::move(peers)) {
  // The writable handle sees this batch's uncommitted changes, the peers
  // their last commit.
  all_.add_database(*db_);
  for (const Xapian::Database& peer : peers_) all_.add_database(peer);
}

int64_t XapianStoryBackend::DocCount() const { return all_.get_doccount(); }

int64_t XapianStoryBackend::DocFreq(absl::string_view key,
                                    bool is_entity) const {
  return all_.get_termfreq(is_entity ? schema::EntityTerm(key)
                                     : std::string(key));
}

absl::StatusOr<std::vector<std::string>> XapianStoryBackend::CandidateStories(
    const StoryFeatures& article, const StoryParams& params) {
  Xapian::Enquire enquire(all_);
  enquire.set_query(CandidateQuery(article, params, *this));
  // Ties in weight go by docid: the same index answers the same way.
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  Xapian::MSet mset = enquire.get_mset(0, params.candidate_articles);
  std::set<std::string> ids;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    std::string story = it.get_document().get_value(schema::kStorySlot);
    if (!story.empty()) ids.insert(std::move(story));
  }
  return std::vector<std::string>(ids.begin(), ids.end());
}

absl::StatusOr<std::optional<StoryRecord>> XapianStoryBackend::LoadStory(
    absl::string_view id) {
  return ReadStory(*db_, id);
}

absl::StatusOr<std::optional<StoryRecord>> XapianStoryBackend::LoadWholeStory(
    absl::string_view id) {
  std::vector<Xapian::Database> shards = {*db_};
  shards.insert(shards.end(), peers_.begin(), peers_.end());
  return ReadWholeStory(shards, id);
}

absl::Status XapianStoryBackend::SaveStory(const StoryRecord& story) {
  db_->set_metadata(StoryKey(story.id), EncodeStory(story));
  return absl::OkStatus();
}

absl::Status XapianStoryBackend::DeleteStory(absl::string_view id) {
  db_->set_metadata(StoryKey(id), "");  // an empty value deletes the key
  return absl::OkStatus();
}

absl::StatusOr<std::optional<Member>> XapianStoryBackend::LoadMember(
    absl::string_view article_id) {
  // An article is in one shard: its own, or (a near-duplicate's twin) a
  // peer.
  const std::string key = MemberKey(article_id);
  std::string data = db_->get_metadata(key);
  for (size_t i = 0; data.empty() && i < peers_.size(); ++i) {
    data = peers_[i].get_metadata(key);
  }
  if (data.empty()) return std::nullopt;
  // "<story id>\n<features>"
  size_t newline = data.find('\n');
  if (newline == std::string::npos) {
    return absl::DataLossError("story member: no story id");
  }
  absl::StatusOr<StoryFeatures> features =
      DecodeFeatures(absl::string_view(data).substr(newline + 1));
  if (!features.ok()) return features.status();
  return Member{data.substr(0, newline), *std::move(features)};
}

absl::Status XapianStoryBackend::SaveMember(const Member& member) {
  db_->set_metadata(MemberKey(member.features.article_id),
                    member.story_id + "\n" + EncodeFeatures(member.features));
  return absl::OkStatus();
}

absl::Status XapianStoryBackend::DeleteMember(absl::string_view article_id) {
  db_->set_metadata(MemberKey(article_id), "");
  return absl::OkStatus();
}

}  // namespace newsindex::stories
