// Every repeated field of every request message has a bound in
// kRepeatedFieldLimits, and CheckRequestLimits enforces each.
#include "search-service/request_limits.h"

#include <google/protobuf/descriptor.h>

#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "newsindex/v1/ingest_service.grpc.pb.h"
#include "newsindex/v1/search_service.grpc.pb.h"

namespace newsindex {
namespace {

using ::testing::HasSubstr;

// The paths of the repeated fields of the request messages of both
// services: a new one without a row in kRepeatedFieldLimits fails here.
std::set<std::string> RequestRepeatedFields() {
  std::set<std::string> paths;
  // Through a message of each file, so that its descriptors are linked in.
  for (const google::protobuf::ServiceDescriptor* service :
       {v1::SearchRequest::descriptor()->file()->FindServiceByName(
            "SearchService"),
        v1::IngestArticleRequest::descriptor()->file()->FindServiceByName(
            "IngestService")}) {
    EXPECT_NE(service, nullptr);
    if (service == nullptr) continue;
    for (int i = 0; i < service->method_count(); ++i) {
      for (const std::string& path :
           RepeatedFieldPaths(service->method(i)->input_type())) {
        paths.insert(path);
      }
    }
  }
  return paths;
}

TEST(RequestLimitsTest, EveryRepeatedRequestFieldHasALimit) {
  const std::set<std::string> paths = RequestRepeatedFields();
  EXPECT_FALSE(paths.empty());
  for (const std::string& path : paths) {
    EXPECT_NE(FindRepeatedFieldLimit(path), nullptr)
        << path << " has no row in kRepeatedFieldLimits "
        << "(core/search/search_limits.h) nor in docs/security.md";
  }
  for (const RepeatedFieldLimit& limit : kRepeatedFieldLimits) {
    EXPECT_TRUE(paths.count(std::string(limit.path)))
        << limit.path << " is not a repeated field of any request";
    EXPECT_GT(limit.max_values, 0u) << limit.path;
  }
}

TEST(RequestLimitsTest, SixteenThousandCountriesAreRefusedQuickly) {
  v1::SearchRequest request;
  for (int i = 0; i < 16000; ++i) {
    request.mutable_filter()->add_countries(absl::StrCat("C", i));
  }
  const absl::Time start = absl::Now();
  absl::Status s = CheckRequestLimits(request);
  EXPECT_LT(absl::Now() - start, absl::Milliseconds(100));
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "filter.countries: 16000 values; the limit is 256");
}

TEST(RequestLimitsTest, EachFieldIsChecked) {
  struct Case {
    void (*fill)(v1::SearchRequest*);
    const char* message;
  };
  const Case cases[] = {
      {[](v1::SearchRequest* r) {
         for (int i = 0; i < 300; ++i)
           r->mutable_filter()->add_entity_types(v1::PERSON);
       },
       "filter.entity_types: 300 values; the limit is 256"},
      {[](v1::SearchRequest* r) {
         r->mutable_filter()->add_sources(std::string(600, 's'));
       },
       "filter.sources: 600 bytes in a value; the limit is 512"},
      {[](v1::SearchRequest* r) {
         for (int i = 0; i < 65; ++i) r->mutable_read_mask()->add_paths("id");
       },
       "read_mask.paths: 65 values; the limit is 64"},
      {[](v1::SearchRequest* r) {
         r->mutable_read_mask()->add_paths(std::string(129, 'p'));
       },
       "read_mask.paths: 129 bytes in a value; the limit is 128"},
  };
  for (const Case& c : cases) {
    v1::SearchRequest request;
    c.fill(&request);
    absl::Status s = CheckRequestLimits(request);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << c.message;
    EXPECT_THAT(s.message(), HasSubstr(c.message));
  }
  v1::SearchRequest within;
  for (int i = 0; i < 256; ++i) within.mutable_filter()->add_countries("UZ");
  within.mutable_read_mask()->add_paths("title");
  EXPECT_TRUE(CheckRequestLimits(within).ok());
}

}  // namespace
}  // namespace newsindex
