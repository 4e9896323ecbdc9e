// Stories: articles from different outlets about one event. This file holds
// the value types and the pure similarity functions the assignment uses
// (docs/stories.md explains the method and how its parameters were fit);
// story_assigner.h decides, story_backend.h stores.
#ifndef NEWSINDEX_CORE_STORIES_STORY_MODEL_H_
#define NEWSINDEX_CORE_STORIES_STORY_MODEL_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "core/base/article.h"

namespace newsindex::stories {

// The parameters of the assignment. The defaults are first guesses, not yet
// replaced by the values bench/stories/story_eval --fit finds on the
// AllSides dev set (docs/stories.md says what was measured); the time
// parameters cannot be fit on it (it is undated) and are chosen for a news
// desk's notion of "one event".
struct StoryParams {
  // An article joins the best story scoring at least this, else starts one.
  double threshold = 0.22;
  // Share of the score from entities (the rest from title and lead terms).
  double entity_weight = 0.3;
  // A title word counts this many lead words.
  double title_weight = 2.0;
  // Words of the body read as the lead.
  int lead_words = 60;
  // An entity's weight is floor + salience (0..1): entities named once
  // still count, the article's subject counts more.
  double salience_floor = 0.25;
  // Time: a story whose published range is further than max_gap from the
  // article's published_at is not a candidate; within it the score is
  // multiplied by exp(-distance / time_scale). Undated articles or stories
  // are compared without time.
  absl::Duration max_gap = absl::Hours(72);
  absl::Duration time_scale = absl::Hours(48);
  // Bounds on the cost per article: query terms sent to the candidate
  // search, candidate articles read, terms kept in a story's centroid.
  int query_terms = 12;
  int candidate_articles = 40;
  int centroid_terms = 80;
};

// A sparse vector: key -> weight, ordered by key (so sums and iteration are
// deterministic).
using SparseVector = std::map<std::string, double, std::less<>>;

// What the assignment reads of an article. Term keys are index terms (the
// stems the index holds, e.g. "Zembassi"), entity keys canonical ids.
struct StoryFeatures {
  std::string article_id;
  std::string title;
  std::string lead;
  std::string source;
  std::string cluster_key;  // near-duplicate cluster; empty when unknown
  std::optional<absl::Time> published_at;
  SparseVector terms;     // log(1 + weighted count), no IDF
  SparseVector entities;  // salience_floor + salience
  std::map<std::string, std::string, std::less<>> entity_names;
};

// The features of `article` (title, the first params.lead_words words of
// the body, canonical entities with their salience).
StoryFeatures FeaturesOf(const Article& article, const StoryParams& params);

// Document frequencies, for IDF: the index's own statistics.
class TermStats {
 public:
  virtual ~TermStats() = default;
  // Number of articles.
  virtual int64_t DocCount() const = 0;
  // Number of articles with `key`: a term as in StoryFeatures::terms, or
  // an entity id (is_entity).
  virtual int64_t DocFreq(absl::string_view key, bool is_entity) const = 0;
};

// Smoothed IDF: log((N + 1) / (df + 0.5)), never below 0. The article
// being assigned is not yet counted, hence the + 1.
double Idf(int64_t doc_count, int64_t doc_freq);

// Cosine of the IDF-weighted `a` and `b` (0 when either is empty).
double WeightedCosine(const SparseVector& a, const SparseVector& b,
                      const TermStats& stats, bool is_entity);

// The article's `limit` heaviest terms by weight * IDF (ties by key), with
// that product: what a candidate search asks for. Once the index holds
// kCommonTermMinDocs articles, terms in more than a tenth of them are left
// out.
inline constexpr int64_t kCommonTermMinDocs = 100;
std::vector<std::pair<std::string, double>> QueryTerms(const SparseVector& v,
                                                       const TermStats& stats,
                                                       bool is_entity,
                                                       int limit);

// A story as stored.
struct StoryRecord {
  std::string id;
  std::string headline;  // the title of its first article
  std::string lead;
  int64_t article_count = 0;
  std::map<std::string, int64_t, std::less<>> sources;  // source -> count
  std::optional<absl::Time> first_published;
  std::optional<absl::Time> last_published;
  SparseVector terms;     // sum of member term vectors, top centroid_terms
  SparseVector entities;  // sum of member entity vectors
  std::map<std::string, std::string, std::less<>> entity_names;
  std::map<std::string, int64_t, std::less<>> days;  // "YYYYMMDD" -> count
  // This part was started by the story's first article (in a sharded
  // index, the shard that founded the story): its headline is the story's.
  bool founder = false;
};

// The distance of `t` from the story's published range (0 inside it).
absl::Duration TimeDistance(const StoryRecord& story, absl::Time t);

// The score of `article` against `story`: (1 - entity_weight) * term cosine
// + entity_weight * entity cosine, times the time factor; 0 when the story
// is further than max_gap in time.
double Similarity(const StoryFeatures& article, const StoryRecord& story,
                  const TermStats& stats, const StoryParams& params);

// Adds (sign +1) or removes (sign -1) an article's contribution. Counts and
// sums are exact; the published range and day histogram are updated as
// far as they can be without the other members (removal keeps the range).
void AddToStory(const StoryFeatures& article, int sign, StoryRecord* story);
// Adds `part` (another shard's part of the same story) to `whole`: sums
// of counts and vectors, the union of the ranges; the headline and lead
// of the founder part (else of the part with the earliest publication).
void MergeStories(const StoryRecord& part, StoryRecord* whole);
// Keeps the `limit` heaviest terms (ties by key), dropping zeros.
void TrimVector(SparseVector* v, int limit);

// The `limit` most salient entities of a story: (id, name), by weight.
std::vector<std::pair<std::string, std::string>> TopEntities(
    const StoryRecord& story, int limit);

// Serialization of records and of an article's contribution (JSON).
std::string EncodeStory(const StoryRecord& story);
absl::StatusOr<StoryRecord> DecodeStory(absl::string_view data);
std::string EncodeFeatures(const StoryFeatures& features);
absl::StatusOr<StoryFeatures> DecodeFeatures(absl::string_view data);

}  // namespace newsindex::stories

#endif  // NEWSINDEX_CORE_STORIES_STORY_MODEL_H_
