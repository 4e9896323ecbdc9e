// Searcher::ListStories and Searcher::GetStory, and the ordering of story
// cards (story_search.h).
#include "core/search/story_search.h"

#include <algorithm>
#include <optional>

#include "absl/strings/str_cat.h"
#include "core/index/article_codec.h"
#include "core/index/schema.h"
#include "core/index/xapian_status.h"
#include "core/search/searcher.h"
#include "core/stories/xapian_story_backend.h"
#include "core/text/excerpt.h"

namespace newsindex {
namespace {

// Retries a read overtaken by the writer (DatabaseModifiedError), as
// Searcher's other calls do.
template <typename Fn>
auto Retrying(Fn&& fn) -> decltype(fn()) {
  constexpr int kAttempts = 3;
  for (int attempt = 1;; ++attempt) {
    auto result = CallXapian(fn);
    if (result.status().code() != absl::StatusCode::kAborted ||
        attempt == kAttempts) {
      return result;
    }
  }
}

absl::Time LastOf(const StoryCard& c) {
  return c.record.last_published.value_or(absl::InfinitePast());
}

}  // namespace

void OrderStories(StoryOrder order, std::vector<StoryCard>* cards) {
  auto key = [order](const StoryCard& c) {
    const int64_t primary = order == StoryOrder::kLargest
                                ? c.record.article_count
                            : order == StoryOrder::kTrending ? c.recent_count
                                                             : 0;
    return std::make_tuple(primary, LastOf(c), c.record.article_count);
  };
  std::sort(cards->begin(), cards->end(),
            [&](const StoryCard& a, const StoryCard& b) {
              auto ka = key(a), kb = key(b);
              if (ka != kb) return ka > kb;
              return a.record.id < b.record.id;
            });
}

void CountRecent(absl::Duration window, std::vector<StoryCard>* cards) {
  absl::Time end = absl::InfinitePast();
  for (const StoryCard& c : *cards) end = std::max(end, LastOf(c));
  if (end == absl::InfinitePast()) return;
  const std::string from =
      absl::FormatTime("%Y%m%d", end - window, absl::UTCTimeZone());
  for (StoryCard& c : *cards) {
    c.recent_count = 0;
    for (auto it = c.record.days.lower_bound(from); it != c.record.days.end();
         ++it) {
      c.recent_count += it->second;
    }
  }
}

absl::StatusOr<StoryList> Searcher::ListStories(const StoryListSpec& spec) {
  return Retrying([&]() -> absl::StatusOr<StoryList> {
    StoryList list;
    const bool have_db = Refresh();
    absl::StatusOr<BuiltQuery> built = query_builder_.Build(
        have_db ? &index_ : nullptr, spec.query, spec.filter, true);
    if (!built.ok()) return built.status();
    if (!have_db) return list;
    Xapian::Enquire enquire(index_.all());
    enquire.set_query(built->query);
    if (!built->has_free_text) {
      enquire.set_sort_by_value(schema::kPublishedSlot, /*reverse=*/true);
    }
    enquire.set_collapse_key(schema::kStorySlot);
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    Xapian::MSet mset = enquire.get_mset(0, kMaxStoriesListed);
    std::vector<StoryCard> cards;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      std::string id = it.get_document().get_value(schema::kStorySlot);
      if (id.empty()) continue;
      absl::StatusOr<std::optional<stories::StoryRecord>> record =
          stories::ReadWholeStory(index_.shards(), id);
      if (!record.ok()) return record.status();
      if (!record->has_value()) continue;
      cards.push_back({**std::move(record), 0});
    }
    if (spec.order == StoryOrder::kTrending) {
      CountRecent(spec.trending_window, &cards);
    }
    OrderStories(spec.order, &cards);
    list.total = static_cast<int64_t>(cards.size());
    const auto begin = std::min<int64_t>(spec.offset, list.total);
    const auto end = std::min<int64_t>(begin + spec.limit, list.total);
    list.more = end < list.total;
    list.stories.assign(cards.begin() + begin, cards.begin() + end);
    return list;
  });
}

absl::StatusOr<StoryPage> Searcher::GetStory(const std::string& id,
                                             int64_t offset, int limit) {
  return Retrying([&]() -> absl::StatusOr<StoryPage> {
    auto not_found = [&] {
      return absl::NotFoundError(
          absl::StrCat("no story has id \"", Excerpt(id), "\""));
    };
    if (!Refresh()) return not_found();
    absl::StatusOr<std::optional<stories::StoryRecord>> record =
        stories::ReadWholeStory(index_.shards(), id);
    if (!record.ok()) return record.status();
    if (!record->has_value()) return not_found();
    StoryPage page;
    page.record = **std::move(record);
    Xapian::Enquire enquire(index_.all());
    enquire.set_query(Xapian::Query(schema::StoryTerm(id)));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_sort_by_value(schema::kNewestOrderSlot, /*reverse=*/false);
    Xapian::MSet mset =
        enquire.get_mset(static_cast<Xapian::doccount>(offset), limit + 1);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      if (static_cast<int>(page.articles.size()) == limit) {
        page.more = true;
        break;
      }
      Xapian::Document doc = it.get_document();
      absl::StatusOr<Article> article = DecodeArticle(doc.get_data());
      if (!article.ok()) return article.status();
      article->cluster_key = doc.get_value(schema::kClusterSlot);
      article->story_id = doc.get_value(schema::kStorySlot);
      page.articles.push_back(*std::move(article));
    }
    return page;
  });
}

}  // namespace newsindex
