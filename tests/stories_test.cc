// Stories over gRPC (docs/stories.md): story_id in the ack, ListStories,
// GetStory, Search's collapse by story, story: and filter.stories, under
// upsert and delete; in one index and in three local shards; and the
// seeds' property.
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/cluster.h"

namespace newsindex::testing {
namespace {

// Two events told by several outlets, and one article on its own.
const std::map<std::string, std::string>& Articles() {
  static const auto* articles = new std::map<std::string, std::string>{
      {"a1",
       "Russia accepts Taliban ambassador\n\nMoscow accepted the credentials "
       "of the Taliban envoy to Russia, the first such step by any country."},
      {"a2",
       "Taliban envoy presents credentials in Moscow\n\nThe Taliban "
       "ambassador handed his credentials to Russia's foreign ministry in "
       "Moscow."},
      {"a3",
       "Moscow formally accepts Taliban ambassador's credentials\n\nRussia "
       "became the first country to accept the credentials of a Taliban "
       "ambassador."},
      {"b1",
       "Floods along the Danube\n\nThe Danube burst its banks in Bavaria "
       "after days of rain, flooding villages near Passau."},
      {"b2",
       "Danube floods villages in Bavaria\n\nRising water on the Danube "
       "flooded villages around Passau after heavy rain in Bavaria."},
      {"c1",
       "Chess final in Chennai\n\nThe world chess championship final opened "
       "in Chennai with a quiet draw."},
  };
  return *articles;
}

enum class Layout { kSingle, kSharded };

class StoriesTest : public ClusterTest,
                    public ::testing::WithParamInterface<Layout> {
 protected:
  void SetUp() override {
    ClusterTest::SetUp();
    if (GetParam() == Layout::kSharded) {
      layout_args_ = {"--db=" + db_dir_, "--shard-count=3"};
    }
    ASSERT_NO_FATAL_FAILURE(StartIngest());
    ASSERT_NO_FATAL_FAILURE(StartSearch());
    for (const auto& [id, text] : Articles()) {
      absl::StatusOr<v1::IngestArticleResponse> r =
          Ingest(TextArticle(id, text));
      ASSERT_TRUE(r.ok()) << id << ": " << r.status();
      ASSERT_FALSE(r->article().story_id().empty()) << id;
      story_[id] = r->article().story_id();
    }
  }

  v1::ListStoriesResponse List(v1::ListStoriesRequest request) {
    v1::ListStoriesResponse response;
    grpc::Status s =
        search_stub_->ListStories(Context().get(), request, &response);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return response;
  }

  absl::StatusOr<v1::GetStoryResponse> Story(const std::string& id,
                                             int page_size = 0,
                                             const std::string& token = "") {
    v1::GetStoryRequest request;
    request.set_id(id);
    request.set_page_size(page_size);
    request.set_page_token(token);
    v1::GetStoryResponse response;
    grpc::Status s =
        search_stub_->GetStory(Context().get(), request, &response);
    if (!s.ok()) return FromGrpc(s);
    return response;
  }

  void Delete(const std::string& id) {
    v1::DeleteArticleRequest request;
    request.set_id(id);
    v1::DeleteArticleResponse response;
    grpc::Status s =
        ingest_stub_->DeleteArticle(Context().get(), request, &response);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }

  std::map<std::string, std::string> story_;  // article id -> story id
};

TEST_P(StoriesTest, OutletsOfOneEventShareAStoryAndOthersDoNot) {
  EXPECT_EQ(story_["a1"], story_["a2"]);
  EXPECT_EQ(story_["a1"], story_["a3"]);
  EXPECT_EQ(story_["b1"], story_["b2"]);
  EXPECT_NE(story_["a1"], story_["b1"]);
  EXPECT_NE(story_["c1"], story_["a1"]);
  EXPECT_NE(story_["c1"], story_["b1"]);
  // The id is what search and get return too.
  absl::StatusOr<v1::Article> got = Get("a2");
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->story_id(), story_["a1"]);
}

TEST_P(StoriesTest, ListStoriesOrdersAndPages) {
  v1::ListStoriesRequest request;
  request.set_order(v1::LARGEST);
  request.set_page_size(2);
  v1::ListStoriesResponse first = List(request);
  ASSERT_EQ(first.stories_size(), 2);
  EXPECT_EQ(first.total_size(), 3);
  EXPECT_EQ(first.stories(0).id(), story_["a1"]);
  EXPECT_EQ(first.stories(0).article_count(), 3);
  EXPECT_EQ(first.stories(1).id(), story_["b1"]);
  EXPECT_EQ(first.stories(1).article_count(), 2);
  ASSERT_FALSE(first.next_page_token().empty());
  request.set_page_token(first.next_page_token());
  v1::ListStoriesResponse second = List(request);
  ASSERT_EQ(second.stories_size(), 1);
  EXPECT_EQ(second.stories(0).id(), story_["c1"]);
  EXPECT_TRUE(second.next_page_token().empty());
  // A query lists the stories of the articles it matches.
  v1::ListStoriesRequest query;
  query.set_query("Danube");
  v1::ListStoriesResponse danube = List(query);
  ASSERT_EQ(danube.stories_size(), 1);
  EXPECT_EQ(danube.stories(0).id(), story_["b1"]);
  EXPECT_EQ(danube.stories(0).headline(), "Floods along the Danube");
}

TEST_P(StoriesTest, GetStoryPagesItsArticles) {
  absl::StatusOr<v1::GetStoryResponse> page = Story(story_["a1"], 2);
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_EQ(page->story().article_count(), 3);
  ASSERT_EQ(page->articles_size(), 2);
  ASSERT_FALSE(page->next_page_token().empty());
  absl::StatusOr<v1::GetStoryResponse> rest =
      Story(story_["a1"], 2, page->next_page_token());
  ASSERT_TRUE(rest.ok()) << rest.status();
  ASSERT_EQ(rest->articles_size(), 1);
  std::set<std::string> ids = {page->articles(0).id(), page->articles(1).id(),
                               rest->articles(0).id()};
  EXPECT_EQ(ids, (std::set<std::string>{"a1", "a2", "a3"}));
  EXPECT_EQ(Story("s0000000000000000").status().code(),
            absl::StatusCode::kNotFound);
}

TEST_P(StoriesTest, SearchCollapsesByStoryAndFiltersByStory) {
  v1::SearchRequest request;
  request.set_query("Taliban OR Danube");
  request.set_collapse_stories(true);
  v1::SearchResponse response;
  ASSERT_TRUE(search_stub_->Search(Context().get(), request, &response).ok());
  ASSERT_EQ(response.hits_size(), 2);
  std::map<std::string, int64_t> sizes;
  for (const v1::SearchHit& hit : response.hits()) {
    sizes[hit.article().story_id()] = hit.story_size();
  }
  EXPECT_EQ(sizes, (std::map<std::string, int64_t>{{story_["a1"], 3},
                                                   {story_["b1"], 2}}));
  absl::StatusOr<v1::SearchResponse> field =
      Search(absl::StrCat("story:", story_["b1"]), 10, "", false);
  ASSERT_TRUE(field.ok()) << field.status();
  EXPECT_EQ(field->hits_size(), 2);
  v1::SearchRequest filtered;
  filtered.mutable_filter()->add_stories(story_["a1"]);
  filtered.set_disable_collapse(true);
  v1::SearchResponse in_story;
  ASSERT_TRUE(search_stub_->Search(Context().get(), filtered, &in_story).ok());
  EXPECT_EQ(in_story.hits_size(), 3);
}

TEST_P(StoriesTest, UpsertMovesAndDeleteEmptiesStories) {
  // a3 rewritten about the floods moves to the floods' story.
  absl::StatusOr<v1::IngestArticleResponse> moved = Ingest(
      TextArticle("a3",
                  "Danube floods reach Passau\n\nThe Danube flooded villages "
                  "around Passau in Bavaria after the rain."));
  ASSERT_TRUE(moved.ok()) << moved.status();
  EXPECT_EQ(moved->article().story_id(), story_["b1"]);
  absl::StatusOr<v1::GetStoryResponse> a = Story(story_["a1"]);
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->story().article_count(), 2);
  absl::StatusOr<v1::GetStoryResponse> b = Story(story_["b1"]);
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_EQ(b->story().article_count(), 3);
  // The chess story has one article: deleting it deletes the story.
  ASSERT_NO_FATAL_FAILURE(Delete("c1"));
  EXPECT_EQ(Story(story_["c1"]).status().code(), absl::StatusCode::kNotFound);
  ASSERT_NO_FATAL_FAILURE(Delete("a1"));
  a = Story(story_["a1"]);
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->story().article_count(), 1);
}

INSTANTIATE_TEST_SUITE_P(Layouts, StoriesTest,
                         ::testing::Values(Layout::kSingle, Layout::kSharded),
                         [](const auto& info) {
                           return info.param == Layout::kSingle ? "Single"
                                                                : "Sharded";
                         });

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

class SeedStoriesTest : public ClusterTest {};

TEST_F(SeedStoriesTest, TheDealIsNotTheAmbassadorsStoryAndAReScrapeJoins) {
  const std::filesystem::path seeds =
      std::filesystem::path(NEWSINDEX_SHARED_DIR) / "corpus" / "seeds";
  if (!std::filesystem::exists(seeds)) {
    GTEST_SKIP() << "../shared/corpus/seeds is absent";
  }
  ASSERT_NO_FATAL_FAILURE(StartIngest());
  std::map<std::string, std::string> story, text;
  for (const auto& entry : std::filesystem::directory_iterator(seeds)) {
    text[entry.path().filename().string().substr(0, 3)] =
        ReadFile(entry.path());
  }
  for (const auto& [id, body] : text) {  // in id order: 000 .. 004
    absl::StatusOr<v1::IngestArticleResponse> r = Ingest(TextArticle(id, body));
    ASSERT_TRUE(r.ok()) << id << ": " << r.status();
    story[id] = r->article().story_id();
  }
  for (const char* id : {"000", "001", "002"}) {
    EXPECT_NE(story["003"], story[id]) << id;
  }
  // A re-scrape: the same page under another id joins its story.
  for (const auto& [id, body] : text) {
    absl::StatusOr<v1::IngestArticleResponse> r =
        Ingest(TextArticle("again-" + id, body));
    ASSERT_TRUE(r.ok()) << id << ": " << r.status();
    EXPECT_EQ(r->article().story_id(), story[id]) << id;
  }
}

}  // namespace
}  // namespace newsindex::testing
