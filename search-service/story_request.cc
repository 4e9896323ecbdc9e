#include "search-service/story_request.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "api/proto_convert.h"
#include "search-service/page_token.h"
#include "search-service/search_request.h"

namespace newsindex {
namespace {

constexpr int kDefaultPageSize = 10;
constexpr int kMaxPageSize = 100;
constexpr int kMaxTrendingWindowHours = 24 * 366;
constexpr int kStoryEntities = 10;

// What a page token is bound to: the request without its paging fields.
template <typename Request>
std::string Fingerprint(const Request& request) {
  Request copy = request;
  copy.clear_page_size();
  copy.clear_page_token();
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    copy.SerializeToCodedStream(&coded);
  }
  return absl::StrCat(Request::descriptor()->full_name(), "\n", bytes);
}

template <typename Request>
absl::StatusOr<int64_t> OffsetOf(const Request& request) {
  if (request.page_token().empty()) return 0;
  return DecodePageToken(request.page_token(), Fingerprint(request));
}

}  // namespace

absl::StatusOr<StoryListSpec> ToStoryListSpec(
    const v1::ListStoriesRequest& request) {
  // The query and filter are read and checked as Search reads them.
  v1::SearchRequest search;
  search.set_query(request.query());
  *search.mutable_filter() = request.filter();
  absl::StatusOr<SearchSpec> converted = ToSearchSpec(search);
  if (!converted.ok()) return converted.status();
  StoryListSpec spec;
  spec.query = converted->query;
  spec.filter = std::move(converted->filter);
  absl::StatusOr<int> limit = PageSize(request.page_size(), kDefaultPageSize,
                                       kMaxPageSize, "page_size");
  if (!limit.ok()) return limit.status();
  spec.limit = *limit;
  absl::StatusOr<int64_t> offset = OffsetOf(request);
  if (!offset.ok()) return offset.status();
  spec.offset = *offset;
  switch (request.order()) {
    case v1::LARGEST:
      spec.order = StoryOrder::kLargest;
      break;
    case v1::TRENDING:
      spec.order = StoryOrder::kTrending;
      break;
    default:
      spec.order = StoryOrder::kLatest;
  }
  const int hours = request.trending_window_hours();
  if (hours < 0 || hours > kMaxTrendingWindowHours) {
    return absl::InvalidArgumentError(absl::StrCat(
        "trending_window_hours: must be in 0..", kMaxTrendingWindowHours));
  }
  if (hours > 0) spec.trending_window = absl::Hours(hours);
  return spec;
}

void ToProto(const stories::StoryRecord& record, int64_t recent_count,
             v1::Story* out) {
  out->set_id(record.id);
  out->set_headline(record.headline);
  out->set_lead(record.lead);
  out->set_article_count(record.article_count);
  std::vector<std::pair<std::string, int64_t>> sources(record.sources.begin(),
                                                       record.sources.end());
  std::stable_sort(
      sources.begin(), sources.end(),
      [](const auto& a, const auto& b) { return a.second > b.second; });
  for (const auto& [source, n] : sources) out->add_sources(source);
  if (record.first_published) {
    ToProto(*record.first_published, out->mutable_first_published());
  }
  if (record.last_published) {
    ToProto(*record.last_published, out->mutable_last_published());
  }
  for (const auto& [id, name] : stories::TopEntities(record, kStoryEntities)) {
    v1::StoryEntity* e = out->add_entities();
    e->set_id(id);
    e->set_name(name);
  }
  for (const auto& [day, n] : record.days) {
    v1::StoryDay* d = out->add_days();
    // "YYYYMMDD" -> "YYYY-MM-DD"
    d->set_date(day.size() == 8
                    ? absl::StrCat(day.substr(0, 4), "-", day.substr(4, 2), "-",
                                   day.substr(6, 2))
                    : day);
    d->set_count(n);
  }
  out->set_recent_count(recent_count);
}

void ToListStoriesResponse(const v1::ListStoriesRequest& request,
                           const StoryList& list, int64_t offset,
                           v1::ListStoriesResponse* response) {
  for (const StoryCard& card : list.stories) {
    ToProto(card.record, card.recent_count, response->add_stories());
  }
  response->set_total_size(list.total);
  if (list.more) {
    response->set_next_page_token(
        EncodePageToken(offset + static_cast<int64_t>(list.stories.size()),
                        Fingerprint(request)));
  }
}

absl::StatusOr<StoryPageSpec> ToStoryPageSpec(
    const v1::GetStoryRequest& request) {
  if (request.id().empty()) {
    return absl::InvalidArgumentError("id: required");
  }
  StoryPageSpec spec;
  absl::StatusOr<int> limit = PageSize(request.page_size(), kDefaultPageSize,
                                       kMaxPageSize, "page_size");
  if (!limit.ok()) return limit.status();
  spec.limit = *limit;
  absl::StatusOr<int64_t> offset = OffsetOf(request);
  if (!offset.ok()) return offset.status();
  spec.offset = *offset;
  return spec;
}

void ToGetStoryResponse(const v1::GetStoryRequest& request,
                        const StoryPage& page, int64_t offset,
                        v1::GetStoryResponse* response) {
  ToProto(page.record, 0, response->mutable_story());
  for (const Article& article : page.articles) {
    ToProto(article, response->add_articles());
  }
  if (page.more) {
    response->set_next_page_token(
        EncodePageToken(offset + static_cast<int64_t>(page.articles.size()),
                        Fingerprint(request)));
  }
}

}  // namespace newsindex
