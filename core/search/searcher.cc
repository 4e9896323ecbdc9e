#include "core/search/searcher.h"

#include <algorithm>
#include <chrono>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "core/index/article_codec.h"
#include "core/index/schema.h"
#include "core/index/xapian_status.h"
#include "core/search/alias_expansion.h"
#include "core/search/database_handle.h"
#include "core/search/date_window.h"
#include "core/search/entity_catalog.h"
#include "core/search/snippet.h"
#include "core/text/excerpt.h"

namespace newsindex {
namespace {

// How often one call is retried when the writer's commits overtake it.
constexpr int kMaxAttempts = 5;
// Terms of the source article used to find similar ones.
constexpr Xapian::termcount kSimilarTerms = 40;

template <typename T>
const absl::Status& StatusOf(const absl::StatusOr<T>& result) {
  return result.status();
}

// Keeps the text terms of an article for more-like-this: unprefixed words
// and stems, not ids or filters, and only those another article shares
// (a term only the source has cannot find anything else).
class SharedTextTermDecider : public Xapian::ExpandDecider {
 public:
  explicit SharedTextTermDecider(const Xapian::Database& db) : db_(db) {}
  bool operator()(const std::string& term) const override {
    if (term.empty()) return false;
    const unsigned char c = static_cast<unsigned char>(term[0]);
    const bool text = !absl::ascii_isupper(c) || (c == 'Z' && term.size() > 3);
    return text && db_.get_termfreq(term) >= 2;
  }

 private:
  const Xapian::Database& db_;
};

// Time since it was made or last asked.
class StageTimer {
 public:
  absl::Duration Lap() {
    const auto now = std::chrono::steady_clock::now();
    const absl::Duration lap = absl::FromChrono(now - last_);
    last_ = now;
    return lap;
  }

 private:
  std::chrono::steady_clock::time_point last_ =
      std::chrono::steady_clock::now();
};

// The order of results: by relevance, then newest first, then by id; or
// by date, then by id (the order slots of schema.h). The id makes it a
// total order, so that equal scores come in one sequence on every page, in
// every shard layout and on every replica (docids differ between
// layouts). An index with articles from before the order slots keeps the
// old order (ties by docid), so that its date sorts stay date sorts.
void SetResultOrder(const Xapian::Database& db, Xapian::Enquire& enquire,
                    SortOrder sort) {
  const bool ordered =
      db.get_value_freq(schema::kNewestOrderSlot) == db.get_doccount();
  if (sort == SortOrder::kRelevance) {
    if (ordered) {
      enquire.set_sort_by_relevance_then_value(schema::kNewestOrderSlot,
                                               /*reverse=*/false);
    }
    return;
  }
  const bool newest = sort == SortOrder::kNewestFirst;
  if (ordered) {
    enquire.set_sort_by_value_then_relevance(
        newest ? schema::kNewestOrderSlot : schema::kOldestOrderSlot,
        /*reverse=*/false);
  } else {
    enquire.set_sort_by_value_then_relevance(schema::kPublishedSlot, newest);
  }
}

// Exact counts of a query's matches, when they are at most a bound.
struct ExactCounts {
  std::optional<Xapian::doccount> uncollapsed;
  std::optional<Xapian::doccount> collapsed;  // when collapsing
};

// Counts `query`'s matches if there are at most `bound`, shard by shard
// (a boolean match over one database stops after bound + 1 matches; over
// a combined database Xapian 1.4 reads them all), then, when `collapse`,
// its distinct near-duplicate clusters over all shards together. The same
// counts whatever the layout, unlike Xapian's estimates, which come from
// each shard's statistics.
ExactCounts CountUpTo(const IndexHandle& index, const Xapian::Query& query,
                      bool collapse, Xapian::doccount bound) {
  ExactCounts counts;
  Xapian::doccount total = 0;
  for (const Xapian::Database& shard : index.shards()) {
    Xapian::Enquire enquire(shard);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    const Xapian::MSet mset = enquire.get_mset(0, 0, bound + 1);
    if (mset.get_matches_lower_bound() != mset.get_matches_upper_bound()) {
      return counts;
    }
    total += mset.get_matches_lower_bound();
    if (total > bound) return counts;
  }
  counts.uncollapsed = total;
  if (!collapse) return counts;
  Xapian::Enquire enquire(index.all());
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_collapse_key(schema::kClusterSlot);
  // Asking for more than can match: Xapian then returns every cluster.
  counts.collapsed = enquire.get_mset(0, total + 1).size();
  return counts;
}

// The mentions in `article`'s body of the entities `highlights` names (and
// of places in its countries), in text order.
std::vector<MatchSpan> EntityMentionSpans(const Article& article,
                                          const EntityHighlights& highlights) {
  std::vector<Mention> mentions;
  for (const ArticleEntity& e : article.entities) {
    if (highlights.entity_ids.contains(e.id) ||
        (e.type == EntityType::kLocation && !e.country.empty() &&
         highlights.countries.contains(e.country))) {
      mentions.insert(mentions.end(), e.mentions.begin(), e.mentions.end());
    }
  }
  if (mentions.empty()) return {};
  return MentionSpans(article.body, mentions);
}

}  // namespace

Searcher::Searcher(std::string path, const EntityResolver* resolver,
                   SearcherCounters counters)
    : Searcher(ShardLayout{.shards = {ShardLocation{.directory = path}}},
               resolver, counters) {}

Searcher::Searcher(ShardLayout layout, const EntityResolver* resolver,
                   SearcherCounters counters)
    : index_(std::move(layout)),
      resolver_(resolver),
      stemmer_("english"),
      query_builder_(resolver),
      counters_(counters) {}

bool Searcher::Refresh() {
  bool reopened = false;
  const bool have_db = index_.OpenOrReopen(&reopened);
  if (reopened && counters_.reopens != nullptr) counters_.reopens->Increment();
  return have_db;
}

template <typename Fn>
auto Searcher::WithRetry(Fn&& fn) -> decltype(fn()) {
  for (int attempt = 1;; ++attempt) {
    auto result = CallXapian(fn);
    const absl::StatusCode code = StatusOf(result).code();
    // ABORTED is DatabaseModifiedError: the writer's commits overtook this
    // reader. The reopen at the start of the next attempt catches up.
    if (code == absl::StatusCode::kAborted && attempt < kMaxAttempts) {
      if (counters_.retries != nullptr) counters_.retries->Increment();
      continue;
    }
    if (code != absl::StatusCode::kOk &&
        code != absl::StatusCode::kInvalidArgument &&
        code != absl::StatusCode::kNotFound) {
      index_.Reset();  // start from a fresh handle next time
    }
    return result;
  }
}

std::optional<EntityRecord> Searcher::FindEntity(
    const std::string& name_or_id) const {
  std::optional<EntityRecord> record;
  if (resolver_ != nullptr) {
    record = resolver_->Resolve(name_or_id, EntityType::kUnspecified);
  }
  const std::string id =
      record ? record->id : absl::AsciiStrToLower(name_or_id);
  if (index_.is_open()) {
    if (std::optional<EntityRecord> stored = index_.catalog().Record(id)) {
      if (record) {
        for (const std::string& alias : record->aliases) {
          if (std::find(stored->aliases.begin(), stored->aliases.end(),
                        alias) == stored->aliases.end()) {
            stored->aliases.push_back(alias);
          }
        }
      }
      return stored;
    }
  }
  return record;
}

absl::StatusOr<EntityRecord> Searcher::RequireEntity(
    const std::string& name_or_id) const {
  std::optional<EntityRecord> record = FindEntity(name_or_id);
  if (!record) {
    return absl::NotFoundError(
        absl::StrCat("no entity is known as \"", Excerpt(name_or_id), "\""));
  }
  return *std::move(record);
}

std::string Searcher::EntityLabel(const std::string& id) const {
  if (index_.is_open()) {
    if (std::optional<EntityRecord> stored = index_.catalog().Record(id)) {
      return stored->name;
    }
  }
  if (resolver_ != nullptr) {
    if (std::optional<EntityRecord> known =
            resolver_->Resolve(id, EntityType::kUnspecified)) {
      return known->name;
    }
  }
  return id;
}

const std::vector<MonthCount>& Searcher::PublishedMonthsCached(
    bool newest_first) {
  // Documents added or removed change these; then the months may have.
  const Xapian::doccount doccount = index_.all().get_doccount();
  const Xapian::docid lastdocid = index_.all().get_lastdocid();
  if (!months_.valid || months_.doccount != doccount ||
      months_.lastdocid != lastdocid) {
    months_.months = PublishedMonths(index_.all());
    months_.doccount = doccount;
    months_.lastdocid = lastdocid;
    months_.valid = true;
  }
  return newest_first ? months_.months.newest_first
                      : months_.months.oldest_first;
}

absl::Status CheckSpecLimits(const SearchSpec& spec) {
  if (absl::Status s =
          CheckLimit("highlight.pre_tag", spec.highlight_start.size(),
                     kMaxHighlightTagBytes, "bytes");
      !s.ok()) {
    return s;
  }
  if (absl::Status s =
          CheckLimit("highlight.post_tag", spec.highlight_end.size(),
                     kMaxHighlightTagBytes, "bytes");
      !s.ok()) {
    return s;
  }
  return CheckLimit("highlight.snippet_length", spec.snippet_length,
                    kMaxSnippetLength, "characters");
}

absl::StatusOr<SearchResults> Searcher::Search(const SearchSpec& spec) {
  if (absl::Status s = CheckSpecLimits(spec); !s.ok()) return s;
  StopToken stop = spec.stop;
  if (spec.time_limit > absl::ZeroDuration()) {
    stop.deadline = std::min(stop.deadline, absl::Now() + spec.time_limit);
  }
  return WithRetry([&]() -> absl::StatusOr<SearchResults> {
    if (absl::Status s = stop.Check("the search"); !s.ok()) return s;
    SearchResults results;
    StageTimer timer;
    const bool have_db = Refresh();
    absl::StatusOr<BuiltQuery> built =
        query_builder_.Build(have_db ? &index_ : nullptr, spec.query,
                             spec.filter, spec.expand_aliases);
    if (!built.ok()) return built.status();
    results.interpretations = built->interpretations;
    results.warnings = built->warnings;
    results.times.parse = timer.Lap();
    if (!have_db) return results;
    Xapian::Enquire enquire(index_.all());
    enquire.set_query(built->query);
    SortOrder sort = spec.sort;
    if (sort == SortOrder::kRelevance && !built->has_free_text) {
      sort = SortOrder::kNewestFirst;  // no text: relevance means nothing
    }
    SetResultOrder(index_.all(), enquire, sort);
    if (spec.collapse) enquire.set_collapse_key(schema::kClusterSlot);
    stop.LimitMatchTime(enquire);

    EntityFacetSpy entity_spy;
    Xapian::ValueCountMatchSpy source_spy(schema::kSourceSlot);
    Xapian::ValueCountMatchSpy language_spy(schema::kLanguageSlot);
    DateHistogramSpy date_spy(spec.facets.dates);
    if (spec.facets.entities) enquire.add_matchspy(&entity_spy);
    if (spec.facets.sources) enquire.add_matchspy(&source_spy);
    if (spec.facets.languages) enquire.add_matchspy(&language_spy);
    if (spec.facets.dates != DateInterval::kNone) {
      enquire.add_matchspy(&date_spy);
    }
    // Examining at least the bound's matches lets Xapian count up to it.
    const Xapian::doccount bound =
        spec.facets.any() ? kExactCountBound : kExactTotalBound;
    const auto offset = static_cast<Xapian::doccount>(spec.offset);
    const auto count = static_cast<Xapian::doccount>(spec.limit) + 1;
    const Xapian::doccount check_at_least = std::max(bound, offset + count);
    std::optional<Xapian::MSet> windowed;
    if (sort != SortOrder::kRelevance && !spec.facets.any()) {
      // Facets need every match; a date-sorted page of a large result may
      // need only the newest (or oldest) months (core/search/date_window.h).
      // With no items asked for, Xapian estimates from term statistics
      // without visiting matches.
      const Xapian::doccount estimate =
          enquire.get_mset(0, 0).get_matches_estimated();
      if (estimate >= kDateWindowMinMatches) {
        windowed = MatchInDateWindow(
            enquire, built->query, estimate,
            PublishedMonthsCached(sort == SortOrder::kNewestFirst), offset,
            count);
      }
      if (windowed) results.estimated_total = estimate;
    }
    Xapian::MSet mset;
    if (windowed) {
      mset = *std::move(windowed);
    } else {
      enquire.set_query(built->query);
      mset = enquire.get_mset(offset, count, check_at_least);
      results.estimated_total = mset.get_matches_estimated();
    }
    // A date window's bounds are the window's, not the query's.
    SetTotal(windowed ? nullptr : &mset, built->query, spec.collapse, bound,
             &results);
    results.more = mset.size() > static_cast<Xapian::doccount>(spec.limit);
    results.times.match = timer.Lap();
    if (absl::Status s = stop.Check("the match"); !s.ok()) return s;
    if (absl::Status s = FillHits(mset, built->query, spec, stop, &results,
                                  &built->highlights);
        !s.ok()) {
      return s;
    }
    results.times.snippets = timer.Lap();
    if (spec.facets.any()) {
      FillFacets(spec.facets, spec.facets.entities ? &entity_spy : nullptr,
                 spec.facets.sources ? &source_spy : nullptr,
                 spec.facets.languages ? &language_spy : nullptr,
                 spec.facets.dates != DateInterval::kNone ? &date_spy : nullptr,
                 &results.facets);
      // The spies saw every match when at most the bound matched: the
      // match examined that many before it could stop early.
      results.facets.exact = results.total_exact;
      results.times.facets = timer.Lap();
    }
    if (built->has_free_text && spec.offset == 0 &&
        results.estimated_total < kSuggestBelowHits) {
      results.suggested_query =
          query_builder_.SpellingCorrection(index_.all(), spec.query);
    }
    return results;
  });
}

absl::Status Searcher::FillHits(const Xapian::MSet& mset,
                                const Xapian::Query& query,
                                const SearchSpec& spec, const StopToken& stop,
                                SearchResults* results,
                                const EntityHighlights* highlights) {
  // One matcher for all hits: it stems each distinct word once per query.
  QueryMatcher matcher(query, stemmer_,
                       highlights ? &highlights->expansion_terms : nullptr);
  SnippetOptions snippet_options;
  snippet_options.length = spec.snippet_length;
  snippet_options.highlight_start = spec.highlight_start;
  snippet_options.highlight_end = spec.highlight_end;
  size_t response_bytes = 0;
  for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
    if (results->hits.size() == static_cast<size_t>(spec.limit)) break;
    if (absl::Status s = stop.Check("reading hits"); !s.ok()) return s;
    Xapian::Document doc = it.get_document();
    absl::StatusOr<Article> article = DecodeArticle(doc.get_data());
    if (!article.ok()) return article.status();
    article->cluster_key = doc.get_value(schema::kClusterSlot);
    SearchHit hit;
    hit.score = it.get_weight();
    hit.collapsed_count = static_cast<int>(it.get_collapse_count());
    results->collapsed += hit.collapsed_count;
    // One pass over the body finds the matches for both the snippet and
    // the offsets; Xapian's MSet::snippet stemmed the body a second time
    // (docs/BENCHMARKS.md).
    hit.matches = matcher.FindInLanguage(article->body, article->language);
    if (highlights != nullptr) {
      hit.matches =
          MergeSpans(hit.matches, EntityMentionSpans(*article, *highlights),
                     kMaxMatchSpans);
    }
    hit.snippet = MakeSnippet(article->body, hit.matches, snippet_options);
    // What the hit adds to the response, near enough: the stored article,
    // the snippet and the match offsets.
    const size_t hit_bytes = doc.get_data().size() + hit.snippet.size() +
                             hit.matches.size() * sizeof(MatchSpan);
    if (response_bytes + hit_bytes > kMaxResponseBytes) {
      if (results->hits.empty()) {
        return absl::ResourceExhaustedError(
            absl::StrCat("response: the first hit alone takes ", hit_bytes,
                         " bytes; the limit is ", kMaxResponseBytes));
      }
      results->more = true;  // the next page starts at this hit
      break;
    }
    response_bytes += hit_bytes;
    hit.article = *std::move(article);
    results->hits.push_back(std::move(hit));
  }
  return absl::OkStatus();
}

void Searcher::FillFacets(const FacetSpec& spec, const EntityFacetSpy* entities,
                          const Xapian::ValueCountMatchSpy* sources,
                          const Xapian::ValueCountMatchSpy* languages,
                          const DateHistogramSpy* dates,
                          FacetCounts* out) const {
  if (entities != nullptr) {
    const std::pair<EntityType, std::vector<FacetBucket>*> by_type[] = {
        {EntityType::kPerson, &out->persons},
        {EntityType::kOrganization, &out->organizations},
        {EntityType::kLocation, &out->locations},
        {EntityType::kOther, &out->others},
    };
    for (const auto& [type, buckets] : by_type) {
      *buckets = entities->Top(type, spec.limit);
      for (FacetBucket& b : *buckets) b.label = EntityLabel(b.value);
    }
  }
  if (sources != nullptr) out->sources = TopValues(*sources, spec.limit);
  if (languages != nullptr) out->languages = TopValues(*languages, spec.limit);
  if (dates != nullptr) out->dates = dates->Buckets();
}

void Searcher::SetTotal(const Xapian::MSet* mset, const Xapian::Query& query,
                        bool collapse, Xapian::doccount bound,
                        SearchResults* results) {
  // Equal bounds: the page held every match (or, without collapse, the
  // match saw them all).
  if (mset != nullptr &&
      mset->get_matches_lower_bound() == mset->get_matches_upper_bound() &&
      mset->get_matches_upper_bound() <= bound) {
    results->estimated_total = mset->get_matches_lower_bound();
    results->total_exact = true;
    return;
  }
  const ExactCounts counts = CountUpTo(index_, query, collapse, bound);
  const std::optional<Xapian::doccount>& exact =
      collapse ? counts.collapsed : counts.uncollapsed;
  if (exact) {
    results->estimated_total = *exact;
    results->total_exact = true;
    return;
  }
  // More than the bound matched: every layout says at least bound + 1.
  results->estimated_total =
      std::max<int64_t>(results->estimated_total, int64_t{bound} + 1);
  results->total_exact = false;
}

absl::StatusOr<Article> Searcher::Get(const std::string& id) {
  return WithRetry([&]() -> absl::StatusOr<Article> {
    if (!Refresh())
      return absl::NotFoundError(absl::StrCat("no article ", Excerpt(id)));
    const std::string term = schema::IdTerm(id);
    Xapian::PostingIterator it = index_.all().postlist_begin(term);
    if (it == index_.all().postlist_end(term)) {
      return absl::NotFoundError(
          absl::StrCat("no article has id \"", Excerpt(id), "\""));
    }
    Xapian::Document doc = index_.all().get_document(*it);
    absl::StatusOr<Article> article = DecodeArticle(doc.get_data());
    if (article.ok()) {
      article->cluster_key = doc.get_value(schema::kClusterSlot);
    }
    return article;
  });
}

absl::StatusOr<SearchResults> Searcher::Similar(const std::string& id,
                                                int limit) {
  return WithRetry([&]() -> absl::StatusOr<SearchResults> {
    if (!Refresh())
      return absl::NotFoundError(absl::StrCat("no article ", Excerpt(id)));
    const std::string id_term = schema::IdTerm(id);
    Xapian::PostingIterator posting = index_.all().postlist_begin(id_term);
    if (posting == index_.all().postlist_end(id_term)) {
      return absl::NotFoundError(
          absl::StrCat("no article has id \"", Excerpt(id), "\""));
    }
    Xapian::RSet rset;
    rset.add_document(*posting);
    Xapian::Enquire enquire(index_.all());
    SharedTextTermDecider decider(index_.all());
    Xapian::ESet eset = enquire.get_eset(kSimilarTerms, rset, &decider);
    std::vector<std::string> terms(eset.begin(), eset.end());
    SearchResults results;
    if (terms.empty()) return results;
    Xapian::Query query(
        Xapian::Query::OP_AND_NOT,
        Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()),
        Xapian::Query(id_term));
    enquire.set_query(query);
    SetResultOrder(index_.all(), enquire, SortOrder::kRelevance);
    enquire.set_collapse_key(schema::kClusterSlot);
    Xapian::MSet mset =
        enquire.get_mset(0, static_cast<Xapian::doccount>(limit) + 1);
    results.estimated_total = mset.get_matches_estimated();
    results.more = mset.size() > static_cast<Xapian::doccount>(limit);
    SearchSpec spec;
    spec.limit = limit;
    if (absl::Status s = FillHits(mset, query, spec, StopToken(), &results);
        !s.ok()) {
      return s;
    }
    return results;
  });
}

absl::StatusOr<EntitySummary> Searcher::DescribeEntity(
    const std::string& name_or_id) {
  return WithRetry([&]() -> absl::StatusOr<EntitySummary> {
    // Without a database the knowledge base alone answers (below).
    static_cast<void>(Refresh());
    absl::StatusOr<EntityRecord> record = RequireEntity(name_or_id);
    if (!record.ok()) return record.status();
    if (!index_.is_open()) {
      EntitySummary summary;
      summary.record = *std::move(record);
      return summary;
    }
    return Summarize(index_.all(), *std::move(record));
  });
}

std::vector<EntitySummary> Searcher::SuggestEntities(const std::string& prefix,
                                                     EntityType type,
                                                     size_t limit) {
  absl::StatusOr<std::vector<EntitySummary>> found =
      WithRetry([&]() -> absl::StatusOr<std::vector<EntitySummary>> {
        if (!Refresh()) return std::vector<EntitySummary>{};
        return EntitiesWithNamePrefix(index_.all(), index_.catalog(), prefix,
                                      type, limit);
      });
  return found.ok() ? *std::move(found) : std::vector<EntitySummary>{};
}

absl::StatusOr<std::optional<Xapian::Query>> Searcher::Restriction(
    const std::string& query, bool have_db) {
  if (query.empty()) return std::nullopt;
  absl::StatusOr<BuiltQuery> built =
      query_builder_.Build(have_db ? &index_ : nullptr, query, SearchFilter());
  if (!built.ok()) return built.status();
  return built->query;
}

absl::StatusOr<EntityRelations> Searcher::RelatedEntities(
    const std::string& name_or_id, const std::string& query, size_t limit,
    const StopToken& stop) {
  return WithRetry([&]() -> absl::StatusOr<EntityRelations> {
    if (absl::Status s = stop.Check("the related entities"); !s.ok()) return s;
    const bool have_db = Refresh();
    absl::StatusOr<EntityRecord> record = RequireEntity(name_or_id);
    if (!record.ok()) return record.status();
    EntityRelations relations;
    absl::StatusOr<std::optional<Xapian::Query>> restriction =
        Restriction(query, have_db);
    if (!restriction.ok()) return restriction.status();
    if (!have_db) {
      relations.entity.record = *std::move(record);
      return relations;
    }
    relations.related = newsindex::RelatedEntities(
        index_.all(), index_.catalog(), record->id,
        *restriction ? &**restriction : nullptr, limit, stop);
    if (absl::Status s = stop.Check("the related entities"); !s.ok()) return s;
    relations.entity = Summarize(index_.all(), *std::move(record));
    return relations;
  });
}

absl::StatusOr<EntityTimelineResult> Searcher::Timeline(
    const std::string& name_or_id, DateInterval interval,
    const std::string& query, const StopToken& stop) {
  return WithRetry([&]() -> absl::StatusOr<EntityTimelineResult> {
    if (absl::Status s = stop.Check("the timeline"); !s.ok()) return s;
    const bool have_db = Refresh();
    absl::StatusOr<EntityRecord> record = RequireEntity(name_or_id);
    if (!record.ok()) return record.status();
    EntityTimelineResult timeline;
    absl::StatusOr<std::optional<Xapian::Query>> restriction =
        Restriction(query, have_db);
    if (!restriction.ok()) return restriction.status();
    if (!have_db) {
      timeline.entity.record = *std::move(record);
      return timeline;
    }
    timeline.buckets =
        EntityTimeline(index_.all(), record->id, interval,
                       *restriction ? &**restriction : nullptr, stop);
    if (absl::Status s = stop.Check("the timeline"); !s.ok()) return s;
    timeline.entity = Summarize(index_.all(), *std::move(record));
    return timeline;
  });
}

}  // namespace newsindex
