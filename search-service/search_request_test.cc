#include "search-service/search_request.h"

#include <string>

#include "core/search/search_limits.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "search-service/page_token.h"

namespace newsindex {
namespace {

using ::testing::HasSubstr;

TEST(ToSearchSpecTest, DefaultsOfAnEmptyRequest) {
  absl::StatusOr<SearchSpec> spec = ToSearchSpec(v1::SearchRequest());
  ASSERT_TRUE(spec.ok()) << spec.status();
  EXPECT_EQ(spec->limit, 10);
  EXPECT_EQ(spec->offset, 0);
  EXPECT_EQ(spec->sort, SortOrder::kRelevance);
  EXPECT_TRUE(spec->collapse);
  EXPECT_EQ(spec->facets.limit, 10);
  EXPECT_EQ(spec->facets.dates, DateInterval::kNone);
  EXPECT_EQ(spec->highlight_start, "<em>");
  EXPECT_EQ(spec->highlight_end, "</em>");
  EXPECT_EQ(spec->snippet_length, 240u);
}

TEST(ToSearchSpecTest, CopiesQueryFilterSortFacetsAndHighlight) {
  v1::SearchRequest request;
  request.set_query("harbour cranes");
  request.set_page_size(500);  // capped
  request.set_sort(v1::OLDEST_FIRST);
  request.set_disable_collapse(true);
  v1::SearchFilter* f = request.mutable_filter();
  f->add_entities("city:riga");
  f->add_entity_types(v1::PERSON);
  f->add_sources("ledger");
  f->add_countries("LV");
  f->add_languages("en");
  f->mutable_published_after()->set_seconds(1000);
  request.mutable_facets()->set_sources(true);
  request.mutable_facets()->set_date_histogram(v1::MONTH);
  request.mutable_facets()->set_limit(1000);  // capped
  request.mutable_highlight()->set_pre_tag("[");
  request.mutable_highlight()->set_post_tag("]");
  request.mutable_highlight()->set_snippet_length(80);
  request.mutable_read_mask()->add_paths("title");

  absl::StatusOr<SearchSpec> spec = ToSearchSpec(request);
  ASSERT_TRUE(spec.ok()) << spec.status();
  EXPECT_EQ(spec->query, "harbour cranes");
  EXPECT_EQ(spec->limit, 100);
  EXPECT_EQ(spec->sort, SortOrder::kOldestFirst);
  EXPECT_FALSE(spec->collapse);
  EXPECT_EQ(spec->filter.entities, std::vector<std::string>{"city:riga"});
  EXPECT_EQ(spec->filter.entity_types,
            std::vector<EntityType>{EntityType::kPerson});
  EXPECT_EQ(spec->filter.sources, std::vector<std::string>{"ledger"});
  EXPECT_EQ(spec->filter.countries, std::vector<std::string>{"LV"});
  EXPECT_EQ(spec->filter.languages, std::vector<std::string>{"en"});
  ASSERT_TRUE(spec->filter.published_after.has_value());
  EXPECT_EQ(*spec->filter.published_after, absl::FromUnixSeconds(1000));
  EXPECT_FALSE(spec->filter.published_before.has_value());
  EXPECT_TRUE(spec->facets.sources);
  EXPECT_FALSE(spec->facets.entities);
  EXPECT_EQ(spec->facets.dates, DateInterval::kMonth);
  EXPECT_EQ(spec->facets.limit, 100);
  EXPECT_EQ(spec->highlight_start, "[");
  EXPECT_EQ(spec->highlight_end, "]");
  EXPECT_EQ(spec->snippet_length, 80u);
}

TEST(ToSearchSpecTest, PageTokenCarriesTheOffsetOfItsOwnRequest) {
  v1::SearchRequest request;
  request.set_query("ferries");
  request.set_page_token(EncodePageToken(30, RequestFingerprint(request)));
  absl::StatusOr<SearchSpec> spec = ToSearchSpec(request);
  ASSERT_TRUE(spec.ok()) << spec.status();
  EXPECT_EQ(spec->offset, 30);

  // The same token on another query is refused.
  request.set_query("cranes");
  EXPECT_EQ(ToSearchSpec(request).status().code(),
            absl::StatusCode::kInvalidArgument);
}

// Each bad request is INVALID_ARGUMENT naming its field.
TEST(ToSearchSpecTest, RefusalsNameTheField) {
  struct Case {
    const char* what;
    void (*set)(v1::SearchRequest*);
    const char* field;
  };
  const Case cases[] = {
      {"negative page size", [](v1::SearchRequest* r) { r->set_page_size(-1); },
       "page_size"},
      {"malformed page token",
       [](v1::SearchRequest* r) { r->set_page_token("not a token"); },
       "page_token"},
      {"unknown entity type",
       [](v1::SearchRequest* r) {
         r->mutable_filter()->add_entity_types(v1::ENTITY_TYPE_UNSPECIFIED);
       },
       "filter.entity_types"},
      {"negative facet limit",
       [](v1::SearchRequest* r) { r->mutable_facets()->set_limit(-2); },
       "facets.limit"},
      {"read mask naming no field",
       [](v1::SearchRequest* r) {
         r->mutable_read_mask()->add_paths("no_such_field");
       },
       "read_mask"},
      {"long pre tag",
       [](v1::SearchRequest* r) {
         r->mutable_highlight()->set_pre_tag(
             std::string(kMaxHighlightTagBytes + 1, 'x'));
       },
       "highlight.pre_tag"},
      {"long post tag",
       [](v1::SearchRequest* r) {
         r->mutable_highlight()->set_post_tag(
             std::string(kMaxHighlightTagBytes + 1, 'x'));
       },
       "highlight.post_tag"},
      {"snippet length past the limit",
       [](v1::SearchRequest* r) {
         r->mutable_highlight()->set_snippet_length(kMaxSnippetLength + 1);
       },
       "highlight.snippet_length"},
      {"negative snippet length",
       [](v1::SearchRequest* r) {
         r->mutable_highlight()->set_snippet_length(-1);
       },
       "highlight.snippet_length"},
      {"too many sources",
       [](v1::SearchRequest* r) {
         for (size_t i = 0; i <= kMaxFilterValues; ++i) {
           r->mutable_filter()->add_sources("s");
         }
       },
       "filter.sources"},
  };
  for (const Case& c : cases) {
    v1::SearchRequest request;
    c.set(&request);
    absl::StatusOr<SearchSpec> spec = ToSearchSpec(request);
    ASSERT_FALSE(spec.ok()) << c.what;
    EXPECT_EQ(spec.status().code(), absl::StatusCode::kInvalidArgument)
        << c.what;
    EXPECT_THAT(spec.status().message(), HasSubstr(c.field)) << c.what;
  }
}

}  // namespace
}  // namespace newsindex
