// Read-only queries over a newsindex database.
#ifndef NEWSINDEX_CORE_SEARCH_SEARCHER_H_
#define NEWSINDEX_CORE_SEARCH_SEARCHER_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/base/article.h"
#include "core/base/metrics.h"
#include "core/entities/entity_extractor.h"
#include "core/index/shard_layout.h"
#include "core/search/database_handle.h"
#include "core/search/date_window.h"
#include "core/search/entity_stats.h"
#include "core/search/facets.h"
#include "core/search/match_offsets.h"
#include "core/search/query_builder.h"
#include "core/search/search_limits.h"
#include "xapian.h"

namespace newsindex {

enum class SortOrder {
  kRelevance,  // BM25; newest first when the query has no free text
  kNewestFirst,
  kOldestFirst,
};

struct FacetSpec {
  bool entities = false;
  bool sources = false;
  bool languages = false;
  DateInterval dates = DateInterval::kNone;
  size_t limit = 10;
  bool any() const {
    return entities || sources || languages || dates != DateInterval::kNone;
  }
};

struct SearchSpec {
  std::string query;
  SearchFilter filter;
  SortOrder sort = SortOrder::kRelevance;
  FacetSpec facets;
  // Near-duplicates (same cluster key) collapse to the best hit.
  bool collapse = true;
  // Free-text words naming an entity also search its other names
  // (QueryBuilder::Build).
  bool expand_aliases = true;
  int64_t offset = 0;
  int limit = 10;
  // When positive, the match stops after this long and returns what it
  // found so far (Xapian's Enquire time limit): the caller's deadline.
  absl::Duration time_limit = absl::ZeroDuration();
  // Deadline and cancellation, checked while hits are read; the earlier
  // of stop.deadline and now + time_limit applies.
  StopToken stop;
  std::string highlight_start = "<em>";
  std::string highlight_end = "</em>";
  size_t snippet_length = 240;
};

struct SearchHit {
  Article article;
  double score = 0;
  std::string snippet;
  std::vector<MatchSpan> matches;  // query terms in article.body
  int collapsed_count = 0;
};

struct SearchResults {
  std::vector<SearchHit> hits;
  // All matches after collapse: exact when `total_exact`, which it is up
  // to kExactTotalBound matches (kExactCountBound with facets); else
  // Xapian's estimate, above the bound.
  int64_t estimated_total = 0;
  bool total_exact = false;
  // True when results exist past this page.
  bool more = false;
  FacetCounts facets;
  // A spelling correction when the query found fewer than
  // kSuggestBelowHits results; else empty.
  std::string suggested_query;
  // Hits collapsed into others on this page.
  int collapsed = 0;
  // What alias expansion searched, and what the query or filter named
  // that nothing knows (BuiltQuery).
  std::vector<QueryInterpretation> interpretations;
  std::vector<std::string> warnings;
  // Time in each stage of the last attempt, for metrics: parsing the query,
  // Xapian's match, snippets and offsets of the hits, facet counts.
  struct StageTimes {
    absl::Duration parse, match, snippets, facets;
  } times;
};

// Up to this many matches (before collapse) a search's total is counted
// exactly, in every shard layout; past it, it is Xapian's estimate. With
// facets the bound is kExactCountBound.
inline constexpr Xapian::doccount kExactTotalBound = 1000;

// Fewer hits than this and the searcher offers a spelling correction.
inline constexpr int kSuggestBelowHits = 3;

struct EntityRelations {
  EntitySummary entity;
  std::vector<RelatedEntity> related;
};

struct EntityTimelineResult {
  EntitySummary entity;
  std::vector<FacetBucket> buckets;
};

// Counters a Searcher adds to when they are set (not owned; thread-safe, so
// all of a pool's searchers may share them).
struct SearcherCounters {
  Counter* reopens = nullptr;  // reopen() found a newer commit
  Counter* retries = nullptr;  // reruns after DatabaseModifiedError
};

// Answers queries against an index (its shards, or one directory), which
// may not exist yet (then every search is empty and every get NOT_FOUND
// until it appears). Before each call it reopens the database, so it sees
// the last commit; a DatabaseModifiedError while reading makes it reopen
// and rerun the whole call.
//
// Not thread-safe: one Searcher per thread, each with its own
// Xapian::Database. `resolver` (not owned, may be null, must be
// thread-safe) maps entity names in queries to canonical ids.
class Searcher {
 public:
  // Reads the index whose shards `layout` names (shard_layout.h).
  Searcher(ShardLayout layout, const EntityResolver* resolver,
           SearcherCounters counters = {});
  // Reads the unsharded index in directory `path`.
  Searcher(std::string path, const EntityResolver* resolver,
           SearcherCounters counters = {});
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;

  // INVALID_ARGUMENT "query: <reason> at position N" for a malformed query,
  // "filter.<field>: ..." for a bad filter, naming the field and the limit
  // for a request over a limit of search_limits.h. DEADLINE_EXCEEDED or
  // CANCELLED when spec.stop says so while the work runs. A page holds
  // fewer than spec.limit hits (and `more`) rather than pass
  // kMaxResponseBytes.
  absl::StatusOr<SearchResults> Search(const SearchSpec& spec);
  // NOT_FOUND when no article has `id`.
  absl::StatusOr<Article> Get(const std::string& id);
  // Articles like `id` (relevance feedback over its terms), `id` excluded.
  // NOT_FOUND when no article has `id`.
  absl::StatusOr<SearchResults> Similar(const std::string& id, int limit);

  // The entity `name_or_id` denotes. NOT_FOUND when neither the knowledge
  // base nor the index's catalog knows it.
  absl::StatusOr<EntitySummary> DescribeEntity(const std::string& name_or_id);
  std::vector<EntitySummary> SuggestEntities(const std::string& prefix,
                                             EntityType type, size_t limit);
  // Co-occurring entities, optionally within articles matching `query`.
  // Both stop their match at `stop`'s deadline and then answer
  // DEADLINE_EXCEEDED (or CANCELLED).
  absl::StatusOr<EntityRelations> RelatedEntities(const std::string& name_or_id,
                                                  const std::string& query,
                                                  size_t limit,
                                                  const StopToken& stop = {});
  absl::StatusOr<EntityTimelineResult> Timeline(const std::string& name_or_id,
                                                DateInterval interval,
                                                const std::string& query,
                                                const StopToken& stop = {});

 private:
  // Opens the database if it exists now, or reopens it to the latest
  // commit. False when there is no database yet.
  [[nodiscard]] bool Refresh();
  // Runs `fn` against a fresh view, retrying on DatabaseModifiedError.
  template <typename Fn>
  auto WithRetry(Fn&& fn) -> decltype(fn());
  // The query restricting entity statistics to `query`'s articles; nullopt
  // for an empty query.
  absl::StatusOr<std::optional<Xapian::Query>> Restriction(
      const std::string& query, bool have_db);
  // Display name of an entity id, for facets.
  std::string EntityLabel(const std::string& id) const;
  // The entity record for `name_or_id` (catalog or knowledge), if any.
  std::optional<EntityRecord> FindEntity(const std::string& name_or_id) const;
  // FindEntity, or NOT_FOUND naming `name_or_id`.
  absl::StatusOr<EntityRecord> RequireEntity(
      const std::string& name_or_id) const;
  // Fills hits from `mset` (at most `limit`). With `highlights`, their
  // entities' mentions are marked too and its expansion terms are not.
  absl::Status FillHits(const Xapian::MSet& mset, const Xapian::Query& query,
                        const SearchSpec& spec, const StopToken& stop,
                        SearchResults* results,
                        const EntityHighlights* highlights = nullptr);
  void FillFacets(const FacetSpec& spec, const EntityFacetSpy* entities,
                  const Xapian::ValueCountMatchSpy* sources,
                  const Xapian::ValueCountMatchSpy* languages,
                  const DateHistogramSpy* dates, FacetCounts* out) const;
  // Sets results->estimated_total and total_exact for `query`, whose
  // whole match is `mset` (null for a date window): exact up to `bound`
  // matches (before collapse), in every layout.
  void SetTotal(const Xapian::MSet* mset, const Xapian::Query& query,
                bool collapse, Xapian::doccount bound, SearchResults* results);

  // PublishedMonths of the index in one order, recomputed when documents were
  // added or removed since the last call.
  const std::vector<MonthCount>& PublishedMonthsCached(bool newest_first);

  struct MonthCache {
    bool valid = false;
    Xapian::doccount doccount = 0;
    Xapian::docid lastdocid = 0;
    PublishedMonthList months;
  };

  IndexHandle index_;
  const EntityResolver* resolver_;
  Xapian::Stem stemmer_;
  QueryBuilder query_builder_;
  MonthCache months_;
  SearcherCounters counters_;
};

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_SEARCH_SEARCHER_H_
