// newsctl end to end: the real binary against both real services. Checks
// the JSON contract (the canonical mapping of each response message), the
// search options, the terminal tables (stdout is a pipe here, so no colour)
// and usage errors.
#include <google/protobuf/util/json_util.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/cluster.h"

namespace newsindex::testing {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

// Parses newsctl's --json output as `message`, strictly (no unknown fields).
template <typename Message>
bool ParseJson(const std::string& json, Message* message) {
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  return google::protobuf::util::JsonStringToMessage(json, message, options)
      .ok();
}

google::protobuf::Timestamp Day(const char* rfc3339) {
  absl::Time t;
  std::string error;
  EXPECT_TRUE(absl::ParseTime(absl::RFC3339_full, rfc3339, &t, &error));
  google::protobuf::Timestamp out;
  out.set_seconds(absl::ToUnixSeconds(t));
  return out;
}

std::vector<std::string> HitIds(const v1::SearchResponse& response) {
  std::vector<std::string> ids;
  for (const v1::SearchHit& hit : response.hits()) {
    ids.push_back(hit.article().id());
  }
  return ids;
}

class NewsctlTest : public ClusterTest {
 protected:
  void SetUp() override {
    ClusterTest::SetUp();
    ASSERT_NO_FATAL_FAILURE(StartIngest());
    ASSERT_NO_FATAL_FAILURE(StartSearch());
    ASSERT_NO_FATAL_FAILURE(
        Add("cli-1", "Arctic Wire", "2025-04-10T08:00:00Z",
            "Walrus colony grows in Norway\n\n"
            "A walrus colony near Tromso in Norway grew this spring, "
            "researchers said. Russia and Norway share their walrus counts "
            "every year."));
    ASSERT_NO_FATAL_FAILURE(
        Add("cli-2", "Polar Times", "2025-05-02T09:30:00Z",
            "Walrus count falls in Russia\n\n"
            "Researchers in Russia counted fewer walrus on the islands this "
            "year. Norway reported similar walrus numbers."));
    ASSERT_NO_FATAL_FAILURE(
        Add("cli-3", "Arctic Wire", "2025-05-20T12:00:00Z",
            "Grain corridor talks in Kazakhstan\n\n"
            "Kazakhstan and Russia discussed the grain export corridor across "
            "the Caspian Sea."));
  }

  void Add(const std::string& id, const std::string& source,
           const char* published, const std::string& text) {
    v1::IngestArticleRequest request = TextArticle(id, text);
    request.mutable_article()->set_source(source);
    request.mutable_article()->set_language("en");
    *request.mutable_article()->mutable_published_at() = Day(published);
    auto response = Ingest(request);
    ASSERT_TRUE(response.ok()) << response.status();
  }

  // Runs newsctl against this cluster, capturing stdout and stderr.
  CommandResult Newsctl(const std::vector<std::string>& args,
                        std::vector<std::string> env = {}) {
    std::vector<std::string> argv = {BinaryPath("newsctl"), "--search-addr",
                                     search_->address(), "--ingest-addr",
                                     ingest_->address()};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCapturingStderr(argv, work_dir_ + "/newsctl.stderr",
                              std::move(env));
  }

  // `newsctl search ARGS... --json`, parsed.
  v1::SearchResponse SearchJson(std::vector<std::string> args) {
    args.insert(args.begin(), "search");
    args.push_back("--json");
    CommandResult result = Newsctl(args);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    v1::SearchResponse response;
    EXPECT_TRUE(ParseJson(result.out, &response)) << result.out;
    return response;
  }
};

TEST_F(NewsctlTest, FilterByCountry) {
  v1::SearchResponse kz = SearchJson({"corridor", "--filter", "country=KZ"});
  ASSERT_EQ(kz.hits_size(), 1);
  EXPECT_EQ(kz.hits(0).article().id(), "cli-3");
  v1::SearchResponse no = SearchJson({"walrus", "--filter=country=no"});
  EXPECT_EQ(no.hits_size(), 2);
}

// Issue 21: what the search expanded and what it did not know, in words.
TEST_F(NewsctlTest, PrintsAliasExpansionsAndWarnings) {
  CommandResult russia = Newsctl({"search", "Russia"});
  EXPECT_EQ(russia.exit_code, 0) << russia.err;
  EXPECT_THAT(russia.out, HasSubstr("Russia: also searched "));
  EXPECT_THAT(russia.out, HasSubstr("(country:ru)"));
  CommandResult unknown =
      Newsctl({"search", "walrus", "--filter", "country=XX"});
  EXPECT_EQ(unknown.exit_code, 0) << unknown.err;
  EXPECT_THAT(unknown.out,
              HasSubstr("warning: filter.countries: \"XX\": no country has "
                        "this code or name"));
  CommandResult atlantis = Newsctl({"search", "place:Atlantis"});
  EXPECT_THAT(atlantis.out, HasSubstr("warning: place:Atlantis: "));
}

TEST_F(NewsctlTest, SearchJsonIsTheCanonicalMappingOfTheResponse) {
  CommandResult result = Newsctl({"search", "walrus", "--limit=1", "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(
      result.out,
      AllOf(HasSubstr("\"hits\""), HasSubstr("\"article\""),
            HasSubstr("\"id\": \"cli-"), HasSubstr("\"title\": \"Walrus"),
            HasSubstr("\"nextPageToken\""), HasSubstr("\"entities\""),
            HasSubstr("\"name\": \"Norway\""),
            Not(HasSubstr("next_page_token"))));
  v1::SearchResponse response;
  ASSERT_TRUE(ParseJson(result.out, &response)) << result.out;
  ASSERT_EQ(response.hits_size(), 1);
  EXPECT_FALSE(response.next_page_token().empty());

  // The token continues the same search.
  v1::SearchResponse next = SearchJson(
      {"walrus", "--limit", "1", "--page-token", response.next_page_token()});
  ASSERT_EQ(next.hits_size(), 1);
  EXPECT_NE(next.hits(0).article().id(), response.hits(0).article().id());
}

TEST_F(NewsctlTest, SearchTextHasSnippetBracketsAndNoColourOffATerminal) {
  CommandResult result = Newsctl({"search", "walrus"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("result"));
  EXPECT_THAT(result.out, HasSubstr("Walrus colony grows in Norway"));
  EXPECT_THAT(result.out, HasSubstr("[walrus]"));
  EXPECT_THAT(result.out, Not(HasSubstr("\033")));
  EXPECT_THAT(result.out, Not(HasSubstr("<em>")));
}

TEST_F(NewsctlTest, SearchFiltersAndSort) {
  // Repeated values of one key are ORed; different keys are ANDed.
  EXPECT_THAT(HitIds(SearchJson({"walrus", "--filter", "source=Polar Times"})),
              ::testing::ElementsAre("cli-2"));
  EXPECT_THAT(
      HitIds(SearchJson({"walrus", "--filter=source=Polar Times",
                         "--filter=source=Arctic Wire", "--sort", "oldest"})),
      ::testing::ElementsAre("cli-1", "cli-2"));
  EXPECT_THAT(HitIds(SearchJson({"walrus", "--sort=newest"})),
              ::testing::ElementsAre("cli-2", "cli-1"));
  EXPECT_THAT(HitIds(SearchJson({"walrus", "--sort=oldest"})),
              ::testing::ElementsAre("cli-1", "cli-2"));
  EXPECT_THAT(HitIds(SearchJson({"walrus", "--filter", "after=2025-05-01"})),
              ::testing::ElementsAre("cli-2"));
  EXPECT_THAT(HitIds(SearchJson({"walrus", "--filter", "before=2025-04-10"})),
              ::testing::ElementsAre("cli-1"));
  EXPECT_THAT(HitIds(SearchJson({"--filter", "entity=Kazakhstan"})),
              ::testing::ElementsAre("cli-3"));
  EXPECT_THAT(HitIds(SearchJson({"--filter", "entity=Kazakhstan", "--filter",
                                 "entity=Norway", "--sort", "newest"})),
              ::testing::ElementsAre("cli-3", "cli-2", "cli-1"));
  EXPECT_THAT(HitIds(SearchJson({"walrus", "--filter", "lang=de"})),
              ::testing::IsEmpty());
  // --fields limits what comes back.
  v1::SearchResponse masked =
      SearchJson({"walrus", "--fields", "id,title", "--sort", "oldest"});
  ASSERT_EQ(masked.hits_size(), 2);
  EXPECT_EQ(masked.hits(0).article().id(), "cli-1");
  EXPECT_FALSE(masked.hits(0).article().title().empty());
  EXPECT_TRUE(masked.hits(0).article().body().empty());
  EXPECT_TRUE(masked.hits(0).article().source().empty());
}

TEST_F(NewsctlTest, SearchFacetsPrintTables) {
  CommandResult result = Newsctl({"search", "walrus", "--facets"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(
      result.out,
      AllOf(HasSubstr("Entities"), HasSubstr("ENTITY"), HasSubstr("Norway"),
            HasSubstr("Sources"), HasSubstr("SOURCE"), HasSubstr("Arctic Wire"),
            HasSubstr("Polar Times"), HasSubstr("Languages"),
            HasSubstr("ARTICLES"), HasSubstr("Published per month"),
            HasSubstr("2025-04"), HasSubstr("2025-05"), HasSubstr("\u2588")));

  v1::SearchResponse response =
      SearchJson({"walrus", "--facets", "--interval", "day"});
  ASSERT_EQ(response.facets().date_histogram_size(), 2);
  EXPECT_EQ(response.facets().date_histogram(0).value(), "2025-04-10");
  EXPECT_EQ(response.facets().date_histogram(1).value(), "2025-05-02");
  ASSERT_GE(response.facets().sources_size(), 2);
  ASSERT_GE(response.facets().languages_size(), 1);
  EXPECT_EQ(response.facets().languages(0).value(), "en");
  EXPECT_EQ(response.facets().languages(0).count(), 2);
}

TEST_F(NewsctlTest, BadOptionsAreUsageErrors) {
  struct Case {
    std::vector<std::string> args;
    const char* message;
  };
  const Case cases[] = {
      {{"search", "walrus", "--filter", "colour=red"}, "colour"},
      {{"search", "walrus", "--filter", "after=yesterday"}, "yesterday"},
      {{"search", "walrus", "--filter", "type=people"}, "people"},
      {{"search", "walrus", "--filter", "noequals"}, "noequals"},
      {{"search", "walrus", "--filter"}, "--filter"},
      {{"search", "walrus", "--sort", "random"}, "random"},
      {{"search", "walrus", "--facets", "--interval", "week"}, "week"},
      {{"search", "walrus", "--fields", "id,nonsense"}, "nonsense"},
      {{"suggest", "Nor", "--type", "planet"}, "planet"},
      {{"timeline", "Russia", "--interval", "year"}, "year"},
      {{"get", "--filter", "entity=x", "cli-1"},
       "--filter applies to search, stories, watch, not to get"},
      {{"entity"}, "NAME"},
      {{"similar"}, "ID"},
      {{"frobnicate"}, "unknown command"},
  };
  for (const Case& c : cases) {
    CommandResult result = Newsctl(c.args);
    EXPECT_EQ(result.exit_code, 2) << c.args[0] << " " << result.err;
    EXPECT_THAT(result.err, HasSubstr(c.message));
    EXPECT_EQ(result.out, "");
  }
}

TEST_F(NewsctlTest, ServerErrorsExitOneWithTheStatus) {
  CommandResult missing = Newsctl({"get", "no-such-id"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.err, HasSubstr("NOT_FOUND"));
  CommandResult bad_query = Newsctl({"search", "walrus AND"});
  EXPECT_EQ(bad_query.exit_code, 1);
  EXPECT_THAT(bad_query.err, HasSubstr("INVALID_ARGUMENT"));
}

TEST_F(NewsctlTest, Entity) {
  CommandResult json = Newsctl({"entity", "Norway", "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  v1::EntityInfo entity;
  ASSERT_TRUE(ParseJson(json.out, &entity)) << json.out;
  EXPECT_EQ(entity.id(), "country:no");
  EXPECT_EQ(entity.name(), "Norway");
  EXPECT_EQ(entity.type(), v1::LOCATION);
  EXPECT_EQ(entity.article_count(), 2);
  EXPECT_EQ(entity.first_seen().seconds(),
            Day("2025-04-10T08:00:00Z").seconds());
  EXPECT_EQ(entity.last_seen().seconds(),
            Day("2025-05-02T09:30:00Z").seconds());
  EXPECT_THAT(json.out, HasSubstr("\"articleCount\""));

  CommandResult text = Newsctl({"entity", "country:no"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_THAT(text.out, AllOf(HasSubstr("Norway"), HasSubstr("country:no"),
                              HasSubstr("location"), HasSubstr("aliases"),
                              HasSubstr("first seen  2025-04-10 08:00"),
                              HasSubstr("last seen   2025-05-02 09:30")));

  CommandResult unknown = Newsctl({"entity", "Atlantis", "Republic"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_THAT(unknown.err, HasSubstr("NOT_FOUND"));
}

TEST_F(NewsctlTest, Suggest) {
  CommandResult json = Newsctl({"suggest", "Nor", "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  v1::SuggestEntitiesResponse response;
  ASSERT_TRUE(ParseJson(json.out, &response)) << json.out;
  ASSERT_GE(response.entities_size(), 1);
  EXPECT_EQ(response.entities(0).id(), "country:no");

  CommandResult typed =
      Newsctl({"suggest", "Nor", "--type", "person", "--json"});
  ASSERT_EQ(typed.exit_code, 0) << typed.err;
  v1::SuggestEntitiesResponse persons;
  ASSERT_TRUE(ParseJson(typed.out, &persons)) << typed.out;
  for (const v1::EntityInfo& e : persons.entities()) {
    EXPECT_EQ(e.type(), v1::PERSON) << e.id();
  }

  CommandResult text = Newsctl({"suggest", "Nor", "--limit", "5"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_THAT(text.out,
              AllOf(HasSubstr("NAME"), HasSubstr("TYPE"), HasSubstr("ARTICLES"),
                    HasSubstr("Norway"), HasSubstr("country:no")));
}

TEST_F(NewsctlTest, Related) {
  CommandResult json = Newsctl({"related", "Russia", "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  v1::RelatedEntitiesResponse response;
  ASSERT_TRUE(ParseJson(json.out, &response)) << json.out;
  EXPECT_EQ(response.entity().id(), "country:ru");
  bool has_norway = false;
  for (const v1::RelatedEntity& related : response.related()) {
    if (related.entity().id() == "country:no") {
      has_norway = true;
      EXPECT_EQ(related.co_occurrences(), 2);
    }
  }
  EXPECT_TRUE(has_norway) << json.out;

  CommandResult text = Newsctl({"related", "Russia", "--query", "walrus"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_THAT(text.out, AllOf(HasSubstr("Russia"), HasSubstr("NAME"),
                              HasSubstr("TYPE"), HasSubstr("CO-OCCURRENCES"),
                              HasSubstr("PMI"), HasSubstr("Norway")));
}

TEST_F(NewsctlTest, Timeline) {
  CommandResult json = Newsctl({"timeline", "Russia", "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  v1::EntityTimelineResponse response;
  ASSERT_TRUE(ParseJson(json.out, &response)) << json.out;
  ASSERT_EQ(response.buckets_size(), 2) << json.out;
  EXPECT_EQ(response.buckets(0).value(), "2025-04");
  EXPECT_EQ(response.buckets(0).count(), 1);
  EXPECT_EQ(response.buckets(1).value(), "2025-05");
  EXPECT_EQ(response.buckets(1).count(), 2);

  CommandResult text = Newsctl({"timeline", "Russia"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_THAT(text.out, AllOf(HasSubstr("per month"), HasSubstr("MONTH"),
                              HasSubstr("2025-04"), HasSubstr("2025-05")));
  // Off a terminal the largest bucket gets 40 blocks.
  std::string forty;
  for (int i = 0; i < 40; ++i) forty += "\u2588";
  EXPECT_THAT(text.out, HasSubstr(forty + "\n"));
  EXPECT_THAT(text.out, Not(HasSubstr(forty + "\u2588")));

  CommandResult daily =
      Newsctl({"timeline", "Russia", "--interval", "day", "--query", "walrus"});
  ASSERT_EQ(daily.exit_code, 0) << daily.err;
  EXPECT_THAT(daily.out,
              AllOf(HasSubstr("per day"), HasSubstr("2025-04-10"),
                    HasSubstr("2025-05-02"), Not(HasSubstr("2025-05-20"))));
}

TEST_F(NewsctlTest, Similar) {
  CommandResult json = Newsctl({"similar", "cli-1", "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  v1::SearchResponse response;
  ASSERT_TRUE(ParseJson(json.out, &response)) << json.out;
  ASSERT_GE(response.hits_size(), 1);
  EXPECT_EQ(response.hits(0).article().id(), "cli-2");
  for (const v1::SearchHit& hit : response.hits()) {
    EXPECT_NE(hit.article().id(), "cli-1");
  }

  CommandResult text = Newsctl({"similar", "cli-1", "--limit", "1"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_THAT(text.out, AllOf(HasSubstr("similar to cli-1"),
                              HasSubstr("1. Walrus count falls in Russia")));
}

}  // namespace
}  // namespace newsindex::testing
