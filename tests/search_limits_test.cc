// Requests over the search limits (core/search/search_limits.h) get a
// clear INVALID_ARGUMENT naming the field and the limit, and the service
// stays up.
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/cluster.h"

namespace newsindex::testing {
namespace {

using ::testing::HasSubstr;

class SearchServiceLimitsTest : public ClusterTest {
 protected:
  void SetUp() override {
    ClusterTest::SetUp();
    ASSERT_NO_FATAL_FAILURE(StartIngest());
    ASSERT_NO_FATAL_FAILURE(StartSearch());
    ASSERT_TRUE(
        Ingest(TextArticle("a", "Oil\n\nOil prices rose in Vienna.")).ok());
  }
  // Expects INVALID_ARGUMENT with `message` in a short error message.
  static void ExpectRefused(const grpc::Status& status, const char* message) {
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << status.error_message();
    EXPECT_THAT(status.error_message(), HasSubstr(message));
    EXPECT_LT(status.error_message().size(), 200u);
  }
  void ExpectStillServing() {
    auto found = Search("oil");
    ASSERT_TRUE(found.ok()) << found.status();
    EXPECT_EQ(found->hits_size(), 1);
  }
};

std::string Nested(int depth) {
  return absl::StrCat(std::string(depth, '('), "oil", std::string(depth, ')'));
}

TEST_F(SearchServiceLimitsTest, DeeplyNestedQueriesAreRefusedByEveryRpc) {
  const std::string deep = Nested(5000);
  v1::SearchRequest search;
  search.set_query(deep);
  v1::SearchResponse search_response;
  ExpectRefused(search_stub_->Search(Context().get(), search, &search_response),
                "nested deeper than the limit of 32");
  v1::RelatedEntitiesRequest related;
  related.set_entity("Vienna");
  related.set_query(deep);
  v1::RelatedEntitiesResponse related_response;
  ExpectRefused(search_stub_->RelatedEntities(Context().get(), related,
                                              &related_response),
                "nested deeper");
  v1::EntityTimelineRequest timeline;
  timeline.set_entity("Vienna");
  timeline.set_query(deep);
  v1::EntityTimelineResponse timeline_response;
  ExpectRefused(search_stub_->EntityTimeline(Context().get(), timeline,
                                             &timeline_response),
                "nested deeper");
  ExpectStillServing();
}

TEST_F(SearchServiceLimitsTest, HugeHighlightTagsAndManyFiltersAreRefused) {
  v1::SearchRequest request;
  request.set_query("oil");
  request.set_page_size(100);
  request.mutable_highlight()->set_pre_tag(std::string(300 * 1024, '<'));
  request.mutable_highlight()->set_post_tag(std::string(300 * 1024, '>'));
  v1::SearchResponse response;
  ExpectRefused(search_stub_->Search(Context().get(), request, &response),
                "highlight.pre_tag: 307200 bytes; the limit is 64");
  request.clear_highlight();
  for (int i = 0; i < 20000; ++i) {
    request.mutable_filter()->add_sources(absl::StrCat("source", i));
  }
  ExpectRefused(search_stub_->Search(Context().get(), request, &response),
                "filter.sources: 20000 values; the limit is 256");
  ExpectStillServing();
}

}  // namespace
}  // namespace newsindex::testing
