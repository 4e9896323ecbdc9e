#include "search-service/search_request.h"

#include <google/protobuf/util/field_mask_util.h>

#include "absl/strings/str_cat.h"
#include "api/proto_convert.h"
#include "core/base/hash.h"
#include "core/search/search_limits.h"
#include "core/text/excerpt.h"
#include "search-service/page_token.h"

namespace newsindex {
namespace {

using google::protobuf::util::FieldMaskUtil;

constexpr int kDefaultFacetLimit = 10;
constexpr int kMaxFacetLimit = 100;

}  // namespace

absl::StatusOr<int> PageSize(int requested, int default_size, int max,
                             const char* field) {
  if (requested < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": must not be negative"));
  }
  if (requested == 0) return default_size;
  return std::min(requested, max);
}

DateInterval FromProto(v1::DateInterval interval, DateInterval fallback) {
  switch (interval) {
    case v1::DAY:
      return DateInterval::kDay;
    case v1::MONTH:
      return DateInterval::kMonth;
    default:
      return fallback;
  }
}

std::string RequestFingerprint(const v1::SearchRequest& request) {
  v1::SearchRequest copy = request;
  copy.clear_page_size();
  copy.clear_page_token();
  copy.clear_read_mask();
  copy.clear_highlight();
  // Unset means true: both ask for the same pages.
  if (copy.has_expand_aliases() && copy.expand_aliases()) {
    copy.clear_expand_aliases();
  }
  std::string bytes;
  // Deterministic serialization: equal requests give equal bytes.
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    copy.SerializeToCodedStream(&coded);
  }
  return bytes;
}

absl::StatusOr<SearchSpec> ToSearchSpec(const v1::SearchRequest& request) {
  SearchSpec spec;
  absl::StatusOr<int> limit =
      PageSize(request.page_size(), 10, 100, "page_size");
  if (!limit.ok()) return limit.status();
  spec.limit = *limit;
  if (!request.page_token().empty()) {
    absl::StatusOr<int64_t> offset =
        DecodePageToken(request.page_token(), RequestFingerprint(request));
    if (!offset.ok()) return offset.status();
    spec.offset = *offset;
  }
  spec.query = request.query();
  spec.filter.query_language = request.language();
  const v1::SearchFilter& f = request.filter();
  spec.filter.entities.assign(f.entities().begin(), f.entities().end());
  for (int type : f.entity_types()) {
    EntityType t = FromProto(static_cast<v1::EntityType>(type));
    if (t == EntityType::kUnspecified) {
      return absl::InvalidArgumentError(
          "filter.entity_types: must be PERSON, ORGANIZATION, LOCATION or "
          "OTHER");
    }
    spec.filter.entity_types.push_back(t);
  }
  spec.filter.sources.assign(f.sources().begin(), f.sources().end());
  spec.filter.countries.assign(f.countries().begin(), f.countries().end());
  spec.filter.languages.assign(f.languages().begin(), f.languages().end());
  if (f.has_published_after()) {
    spec.filter.published_after = FromProto(f.published_after());
  }
  if (f.has_published_before()) {
    spec.filter.published_before = FromProto(f.published_before());
  }
  switch (request.sort()) {
    case v1::NEWEST_FIRST:
      spec.sort = SortOrder::kNewestFirst;
      break;
    case v1::OLDEST_FIRST:
      spec.sort = SortOrder::kOldestFirst;
      break;
    default:
      spec.sort = SortOrder::kRelevance;
  }
  const v1::FacetRequest& facets = request.facets();
  spec.facets.entities = facets.entities();
  spec.facets.sources = facets.sources();
  spec.facets.languages = facets.languages();
  spec.facets.dates = FromProto(facets.date_histogram(), DateInterval::kNone);
  absl::StatusOr<int> facet_limit = PageSize(facets.limit(), kDefaultFacetLimit,
                                             kMaxFacetLimit, "facets.limit");
  if (!facet_limit.ok()) return facet_limit.status();
  spec.facets.limit = *facet_limit;
  spec.collapse = !request.disable_collapse();
  spec.expand_aliases =
      !request.has_expand_aliases() || request.expand_aliases();
  if (request.has_read_mask()) {
    for (const std::string& path : request.read_mask().paths()) {
      if (!FieldMaskUtil::GetFieldDescriptors(v1::Article::descriptor(), path,
                                              nullptr)) {
        return absl::InvalidArgumentError(absl::StrCat(
            "read_mask: \"", Excerpt(path), "\" is not a field of Article"));
      }
    }
  }
  const v1::HighlightOptions& h = request.highlight();
  if (absl::Status s = CheckLimit("highlight.pre_tag", h.pre_tag().size(),
                                  kMaxHighlightTagBytes, "bytes");
      !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckLimit("highlight.post_tag", h.post_tag().size(),
                                  kMaxHighlightTagBytes, "bytes");
      !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckFilterLimits(spec.filter); !s.ok()) return s;
  if (!h.pre_tag().empty()) spec.highlight_start = h.pre_tag();
  if (!h.post_tag().empty()) spec.highlight_end = h.post_tag();
  if (h.snippet_length() < 0 || h.snippet_length() > kMaxSnippetLength) {
    return absl::InvalidArgumentError(absl::StrCat(
        "highlight.snippet_length: must be in 0..", kMaxSnippetLength));
  }
  if (h.snippet_length() > 0) spec.snippet_length = h.snippet_length();
  return spec;
}

void ToSearchResponse(const v1::SearchRequest& request,
                      const SearchResults& results, int64_t offset,
                      v1::SearchResponse* response) {
  for (const SearchHit& hit : results.hits) {
    v1::SearchHit* out = response->add_hits();
    ToProto(hit.article, out->mutable_article());
    if (request.has_read_mask() && request.read_mask().paths_size() > 0) {
      FieldMaskUtil::TrimMessage(request.read_mask(), out->mutable_article());
    }
    out->set_score(hit.score);
    out->set_snippet(hit.snippet);
    out->set_collapsed_count(hit.collapsed_count);
    for (const MatchSpan& span : hit.matches) {
      v1::MatchSpan* m = out->add_matches();
      m->set_start(span.start);
      m->set_end(span.end);
    }
  }
  response->set_total_size(results.estimated_total);
  response->set_total_size_exact(results.total_exact);
  response->set_suggested_query(results.suggested_query);
  response->set_collapsed(results.collapsed);
  for (const QueryInterpretation& meaning : results.interpretations) {
    v1::QueryInterpretation* out = response->add_interpretations();
    out->set_text(meaning.text);
    out->set_entity_id(meaning.entity_id);
    out->set_entity_name(meaning.entity_name);
    for (const std::string& alias : meaning.aliases) out->add_aliases(alias);
  }
  for (const std::string& warning : results.warnings) {
    response->add_warnings(warning);
  }
  if (results.more) {
    response->set_next_page_token(
        EncodePageToken(offset + static_cast<int64_t>(results.hits.size()),
                        RequestFingerprint(request)));
  }
  const v1::FacetRequest& wanted = request.facets();
  if (wanted.entities() || wanted.sources() || wanted.languages() ||
      wanted.date_histogram() != v1::DATE_INTERVAL_UNSPECIFIED) {
    v1::Facets* facets = response->mutable_facets();
    ToBuckets(results.facets.persons, facets->mutable_persons());
    ToBuckets(results.facets.organizations, facets->mutable_organizations());
    ToBuckets(results.facets.locations, facets->mutable_locations());
    ToBuckets(results.facets.others, facets->mutable_others());
    ToBuckets(results.facets.sources, facets->mutable_sources());
    ToBuckets(results.facets.languages, facets->mutable_languages());
    ToBuckets(results.facets.dates, facets->mutable_date_histogram());
    facets->set_exact(results.facets.exact);
  }
}

void ToBuckets(const std::vector<FacetBucket>& buckets,
               google::protobuf::RepeatedPtrField<v1::FacetBucket>* out) {
  for (const FacetBucket& b : buckets) {
    v1::FacetBucket* bucket = out->Add();
    bucket->set_value(b.value);
    bucket->set_label(b.label);
    bucket->set_count(b.count);
  }
}

void ToEntityInfo(const EntitySummary& summary, v1::EntityInfo* out) {
  const EntityRecord& r = summary.record;
  out->set_id(r.id);
  out->set_name(r.name);
  out->set_type(ToProto(r.type));
  out->set_subtype(r.subtype);
  out->set_country(r.country);
  for (const std::string& alias : r.aliases) out->add_aliases(alias);
  out->set_article_count(summary.article_count);
  if (summary.first_seen)
    ToProto(*summary.first_seen, out->mutable_first_seen());
  if (summary.last_seen) ToProto(*summary.last_seen, out->mutable_last_seen());
}

}  // namespace newsindex
