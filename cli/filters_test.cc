#include "cli/filters.h"

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newsindex::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

int64_t Seconds(absl::string_view rfc3339) {
  absl::Time t;
  std::string error;
  EXPECT_TRUE(absl::ParseTime(absl::RFC3339_full, rfc3339, &t, &error))
      << error;
  return absl::ToUnixSeconds(t);
}

TEST(ParseSortTest, Table) {
  struct Case {
    const char* text;
    bool ok;
    v1::SortOrder want;
  };
  const Case cases[] = {
      {"relevance", true, v1::RELEVANCE}, {"newest", true, v1::NEWEST_FIRST},
      {"OLDEST", true, v1::OLDEST_FIRST}, {"", false, v1::RELEVANCE},
      {"date", false, v1::RELEVANCE},     {"newest ", false, v1::RELEVANCE},
  };
  for (const Case& c : cases) {
    absl::StatusOr<v1::SortOrder> got = ParseSort(c.text);
    EXPECT_EQ(got.ok(), c.ok) << c.text;
    if (c.ok && got.ok()) {
      EXPECT_EQ(*got, c.want) << c.text;
    }
    if (!c.ok) {
      EXPECT_THAT(got.status().message(), HasSubstr("--sort")) << c.text;
    }
  }
}

TEST(ParseIntervalTest, Table) {
  EXPECT_EQ(*ParseInterval("day"), v1::DAY);
  EXPECT_EQ(*ParseInterval("Month"), v1::MONTH);
  EXPECT_FALSE(ParseInterval("week").ok());
  EXPECT_FALSE(ParseInterval("").ok());
}

TEST(ParseEntityTypeTest, Table) {
  struct Case {
    const char* text;
    bool ok;
    v1::EntityType want;
  };
  const Case cases[] = {
      {"person", true, v1::PERSON},
      {"organization", true, v1::ORGANIZATION},
      {"org", true, v1::ORGANIZATION},
      {"Location", true, v1::LOCATION},
      {"place", true, v1::LOCATION},
      {"other", true, v1::OTHER},
      {"people", false, v1::ENTITY_TYPE_UNSPECIFIED},
      {"", false, v1::ENTITY_TYPE_UNSPECIFIED},
  };
  for (const Case& c : cases) {
    absl::StatusOr<v1::EntityType> got = ParseEntityType(c.text);
    EXPECT_EQ(got.ok(), c.ok) << c.text;
    if (c.ok && got.ok()) {
      EXPECT_EQ(*got, c.want) << c.text;
    }
  }
}

TEST(ParseDateTest, Table) {
  struct Case {
    const char* text;
    bool end_of_day;
    bool ok;
    int64_t seconds;
    int32_t nanos;
  };
  const Case cases[] = {
      {"2025-05-29", false, true, Seconds("2025-05-29T00:00:00Z"), 0},
      {"2025-05-29", true, true, Seconds("2025-05-29T23:59:59Z"), 999999999},
      {"2025-05-29T10:00:00Z", false, true, Seconds("2025-05-29T10:00:00Z"), 0},
      // An explicit time is taken as is, also as an upper bound.
      {"2025-05-29T10:00:00Z", true, true, Seconds("2025-05-29T10:00:00Z"), 0},
      {"2025-05-29T12:00:00+02:00", false, true,
       Seconds("2025-05-29T10:00:00Z"), 0},
      {"2025-05-29T10:00:00.5Z", false, true, Seconds("2025-05-29T10:00:00Z"),
       500000000},
      {"2024-02-29", false, true, Seconds("2024-02-29T00:00:00Z"), 0},
      {"2025-02-29", false, false, 0, 0},
      {"2025-13-01", false, false, 0, 0},
      {"2025-5-1", false, false, 0, 0},
      {"29/05/2025", false, false, 0, 0},
      {"yesterday", false, false, 0, 0},
      {"", false, false, 0, 0},
  };
  for (const Case& c : cases) {
    absl::StatusOr<google::protobuf::Timestamp> got =
        ParseDate(c.text, c.end_of_day);
    ASSERT_EQ(got.ok(), c.ok) << c.text << " " << got.status();
    if (!c.ok) {
      EXPECT_THAT(got.status().message(), HasSubstr(c.text));
      continue;
    }
    EXPECT_EQ(got->seconds(), c.seconds) << c.text;
    EXPECT_EQ(got->nanos(), c.nanos) << c.text;
  }
}

TEST(AddFilterTest, GoodFiltersFillTheirFields) {
  v1::SearchFilter filter;
  for (const char* f :
       {"entity=country:ru", "entity=Kazakhstan", "type=person",
        "type=location", "source=Reuters", "lang=EN", "language=ru",
        "after=2025-05-01", "before = 2025-05-31", "country=AF",
        "country=Uzbekistan"}) {
    ASSERT_TRUE(AddFilter(f, &filter).ok()) << f;
  }
  EXPECT_THAT(filter.entities(), ElementsAre("country:ru", "Kazakhstan"));
  EXPECT_THAT(filter.entity_types(), ElementsAre(v1::PERSON, v1::LOCATION));
  EXPECT_THAT(filter.sources(), ElementsAre("Reuters"));
  EXPECT_THAT(filter.languages(), ElementsAre("en", "ru"));
  EXPECT_THAT(filter.countries(), ElementsAre("AF", "Uzbekistan"));
  EXPECT_EQ(filter.published_after().seconds(),
            Seconds("2025-05-01T00:00:00Z"));
  EXPECT_EQ(filter.published_before().seconds(),
            Seconds("2025-05-31T23:59:59Z"));
}

TEST(AddFilterTest, ValuesMayContainEqualsAndSpaces) {
  v1::SearchFilter filter;
  ASSERT_TRUE(AddFilter("source=The Daily = News", &filter).ok());
  EXPECT_THAT(filter.sources(), ElementsAre("The Daily = News"));
}

TEST(AddFilterTest, BadFiltersAreNamedInTheError) {
  struct Case {
    std::vector<const char*> before;  // applied first, must succeed
    const char* filter;
    const char* message;
  };
  const Case cases[] = {
      {{}, "country:ru", "expected KEY=VALUE"},
      {{}, "colour=red", "unknown key \"colour\""},
      {{}, "entity=", "empty value"},
      {{}, "=x", "unknown key \"\""},
      {{}, "type=people", "bad entity type"},
      {{}, "after=last week", "bad date"},
      {{"after=2025-01-01"}, "after=2025-02-01", "more than once"},
      {{"before=2025-01-01"}, "before=2025-02-01", "more than once"},
      {{"after=2025-06-01"}, "before=2025-05-01", "later than before"},
      {{"before=2025-05-01"}, "after=2025-06-01", "later than before"},
  };
  for (const Case& c : cases) {
    v1::SearchFilter filter;
    for (const char* first : c.before)
      ASSERT_TRUE(AddFilter(first, &filter).ok());
    absl::Status status = AddFilter(c.filter, &filter);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << c.filter;
    EXPECT_THAT(status.message(), HasSubstr(c.message)) << c.filter;
    EXPECT_THAT(status.message(), HasSubstr(c.filter)) << c.filter;
  }
}

TEST(AddFilterTest, SameDayBoundsAreAllowed) {
  v1::SearchFilter filter;
  EXPECT_TRUE(AddFilter("after=2025-05-29", &filter).ok());
  EXPECT_TRUE(AddFilter("before=2025-05-29", &filter).ok());
}

TEST(ParseFieldsTest, Table) {
  struct Case {
    const char* csv;
    bool ok;
    std::vector<std::string> paths;
  };
  const Case cases[] = {
      {"id,title", true, {"id", "title"}},
      {"id, title ,publishedAt", true, {"id", "title", "published_at"}},
      {"published_at,id,id", true, {"published_at", "id"}},
      {"entities", true, {"entities"}},
      {"id,nonsense", false, {}},
      {",", false, {}},
  };
  for (const Case& c : cases) {
    google::protobuf::FieldMask mask;
    absl::Status status = ParseFields(c.csv, &mask);
    EXPECT_EQ(status.ok(), c.ok) << c.csv << " " << status;
    if (c.ok) {
      EXPECT_THAT(mask.paths(), ::testing::ElementsAreArray(c.paths)) << c.csv;
    } else {
      EXPECT_THAT(status.message(), HasSubstr("--fields")) << c.csv;
    }
  }
}

TEST(ApplySearchOptionsTest, DefaultsLeaveTheRequestPlain) {
  v1::SearchRequest request;
  ASSERT_TRUE(ApplySearchOptions(SearchOptions(), &request).ok());
  EXPECT_FALSE(request.has_filter());
  EXPECT_FALSE(request.has_facets());
  EXPECT_FALSE(request.has_read_mask());
  EXPECT_EQ(request.sort(), v1::RELEVANCE);
  EXPECT_FALSE(request.disable_collapse());
}

TEST(ApplySearchOptionsTest, EveryOptionLandsInTheRequest) {
  SearchOptions options;
  options.filters = {"entity=Russia", "entity=Ukraine", "type=person"};
  options.sort = "newest";
  options.facets = true;
  options.interval = "day";
  options.fields = "id,title";
  options.no_collapse = true;
  v1::SearchRequest request;
  ASSERT_TRUE(ApplySearchOptions(options, &request).ok());
  EXPECT_THAT(request.filter().entities(), ElementsAre("Russia", "Ukraine"));
  EXPECT_THAT(request.filter().entity_types(), ElementsAre(v1::PERSON));
  EXPECT_EQ(request.sort(), v1::NEWEST_FIRST);
  EXPECT_TRUE(request.facets().entities());
  EXPECT_TRUE(request.facets().sources());
  EXPECT_TRUE(request.facets().languages());
  EXPECT_EQ(request.facets().date_histogram(), v1::DAY);
  EXPECT_THAT(request.read_mask().paths(), ElementsAre("id", "title"));
  EXPECT_TRUE(request.disable_collapse());
}

TEST(ApplySearchOptionsTest, FacetsDefaultToMonthlyHistogram) {
  SearchOptions options;
  options.facets = true;
  v1::SearchRequest request;
  ASSERT_TRUE(ApplySearchOptions(options, &request).ok());
  EXPECT_EQ(request.facets().date_histogram(), v1::MONTH);
}

TEST(ApplySearchOptionsTest, FirstBadOptionIsReported) {
  struct Case {
    SearchOptions options;
    const char* message;
  };
  std::vector<Case> cases(4);
  cases[0].options.filters = {"entity=x", "bogus"};
  cases[0].message = "bogus";
  cases[1].options.sort = "random";
  cases[1].message = "--sort";
  cases[2].options.interval = "year";
  cases[2].message = "--interval";
  cases[3].options.fields = "idd";
  cases[3].message = "--fields";
  for (const Case& c : cases) {
    v1::SearchRequest request;
    absl::Status status = ApplySearchOptions(c.options, &request);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(status.message(), HasSubstr(c.message));
  }
}

TEST(ExtractRepeatedFlagTest, Table) {
  struct Case {
    std::vector<std::string> args;
    bool ok;
    std::vector<std::string> rest;
    std::vector<std::string> values;
  };
  const Case cases[] = {
      {{"newsctl", "search", "q"}, true, {"newsctl", "search", "q"}, {}},
      {{"newsctl", "search", "q", "--filter", "type=person", "--filter=lang=en",
        "-filter", "source=x", "-filter=after=2025-01-01"},
       true,
       {"newsctl", "search", "q"},
       {"type=person", "lang=en", "source=x", "after=2025-01-01"}},
      // Other flags, look-alikes and everything after "--" stay.
      {{"newsctl", "search", "--filters=x", "--limit", "3", "--", "--filter",
        "a=b"},
       true,
       {"newsctl", "search", "--filters=x", "--limit", "3", "--", "--filter",
        "a=b"},
       {}},
      // "-" (stdin) and argv[0] are never flags.
      {{"--filter", "ingest", "-"}, true, {"--filter", "ingest", "-"}, {}},
      {{"newsctl", "search", "q", "--filter"}, false, {}, {}},
  };
  for (const Case& c : cases) {
    std::vector<std::string> args = c.args;
    std::vector<std::string> values;
    absl::Status status = ExtractRepeatedFlag("filter", &args, &values);
    ASSERT_EQ(status.ok(), c.ok) << status;
    if (!c.ok) {
      EXPECT_THAT(status.message(), HasSubstr("--filter needs a value"));
      continue;
    }
    EXPECT_EQ(args, c.rest);
    EXPECT_EQ(values, c.values);
  }
}

}  // namespace
}  // namespace newsindex::cli
