// An index of several shards, local (--shard-count) or remote
// (--shards tcp://..., each a xapian-tcpsrv), behaves as one database for
// every search feature, and a layout that disagrees with the index's is
// refused at start-up.
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <set>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/index/shard_layout.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/cluster.h"
#include "tests/shard_server.h"

extern char** environ;

namespace newsindex::testing {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;

constexpr int kArticles = 12;

enum class Layout { kLocal, kRemote };

class ShardsTest : public ClusterTest,
                   public ::testing::WithParamInterface<Layout> {
 protected:
  void SetUp() override {
    ClusterTest::SetUp();
    if (GetParam() == Layout::kLocal) {
      layout_args_ = {"--db=" + db_dir_, "--shard-count=3"};
    } else {
      std::vector<std::string> locations;
      for (int i = 0; i < 2; ++i) {
        servers_.push_back(std::make_unique<ShardServer>(
            absl::StrCat(work_dir_, "/remote-", i)));
        ASSERT_TRUE(servers_.back()->WaitUntilListening())
            << "xapian-tcpsrv did not start (is xapian-tools installed?)";
        locations.push_back(servers_.back()->location());
      }
      layout_args_ = {"--shards=" + absl::StrJoin(locations, ",")};
    }
    ASSERT_NO_FATAL_FAILURE(StartIngest());
    ASSERT_NO_FATAL_FAILURE(StartSearch());
    for (int i = 0; i < kArticles; ++i) {
      std::string text = absl::StrCat(
          "Harbour report ", i,
          "\n\nOil exports from the harbour rose in week ", i,
          ", the port authority said. Birdwatchers counted falcons.");
      if (i == 0) {
        absl::StrAppend(&text,
                        " Fighters of the Islamic State Khorasan Province "
                        "attacked a checkpoint.");
      }
      if (i == 1) absl::StrAppend(&text, " ISIS-K claimed another attack.");
      ASSERT_TRUE(Ingest(TextArticle(absl::StrCat("h-", i), text)).ok()) << i;
    }
  }

  std::set<std::string> Ids(const std::string& query) {
    // Without collapse: the articles are near-duplicates of each other.
    absl::StatusOr<v1::SearchResponse> response =
        Search(query, 100, "", /*collapse=*/false);
    EXPECT_TRUE(response.ok()) << query << ": " << response.status();
    std::set<std::string> ids;
    if (!response.ok()) return ids;
    for (const auto& hit : response->hits()) ids.insert(hit.article().id());
    return ids;
  }

  std::vector<std::unique_ptr<ShardServer>> servers_;
};

TEST_P(ShardsTest, EveryArticleIsFoundWhicheverShardHoldsIt) {
  EXPECT_EQ(Ids("harbour").size(), static_cast<size_t>(kArticles));
  for (int i = 0; i < kArticles; ++i) {
    absl::StatusOr<v1::Article> article = Get(absl::StrCat("h-", i));
    ASSERT_TRUE(article.ok()) << i << ": " << article.status();
  }
  // An upsert goes to the shard that holds the id: still one copy.
  ASSERT_TRUE(
      Ingest(TextArticle("h-3", "Harbour report 3\n\nRewritten.")).ok());
  EXPECT_EQ(Ids("harbour").size(), static_cast<size_t>(kArticles));
  EXPECT_EQ(Ids("rewritten"), (std::set<std::string>{"h-3"}));
}

TEST_P(ShardsTest, EntityNamesAliasesAndSpellingSpanShards) {
  const std::set<std::string> iskp = {"h-0", "h-1"};
  EXPECT_EQ(Ids("org:ISKP"), iskp);
  // Free text: "ISKP" is a synonym of the entity, written by whichever
  // shard indexed it first; neither article has the word itself.
  EXPECT_EQ(Ids("ISKP"), iskp);

  v1::GetEntityRequest get;
  get.set_entity("ISIS-K");
  v1::EntityInfo info;
  ASSERT_TRUE(search_stub_->GetEntity(Context().get(), get, &info).ok());
  EXPECT_EQ(info.id(), "org:iskp");
  EXPECT_EQ(info.article_count(), 2);

  v1::SuggestEntitiesRequest suggest;
  suggest.set_prefix("Khoras");
  v1::SuggestEntitiesResponse suggestions;
  ASSERT_TRUE(
      search_stub_->SuggestEntities(Context().get(), suggest, &suggestions)
          .ok());
  std::vector<std::string> names;
  for (const auto& e : suggestions.entities()) names.push_back(e.name());
  EXPECT_THAT(names, Contains("Islamic State Khorasan Province"));

  absl::StatusOr<v1::SearchResponse> misspelt = Search("falcoms");
  ASSERT_TRUE(misspelt.ok());
  EXPECT_EQ(misspelt->suggested_query(), "falcons");
}

INSTANTIATE_TEST_SUITE_P(Layouts, ShardsTest,
                         ::testing::Values(Layout::kLocal, Layout::kRemote),
                         [](const auto& info) {
                           return info.param == Layout::kLocal ? "Local"
                                                               : "Remote";
                         });

class RemoteShardOutageTest : public ClusterTest {};

TEST_F(RemoteShardOutageTest, OnlyTheDownShardsArticlesFailAndItRecovers) {
  std::vector<std::unique_ptr<ShardServer>> servers;
  for (int i = 0; i < 2; ++i) {
    servers.push_back(
        std::make_unique<ShardServer>(absl::StrCat(work_dir_, "/remote-", i)));
    ASSERT_TRUE(servers.back()->WaitUntilListening());
  }
  layout_args_ = {"--shards=" + servers[0]->location() + "," +
                  servers[1]->location()};
  ASSERT_NO_FATAL_FAILURE(StartIngest());
  ASSERT_NO_FATAL_FAILURE(StartSearch());
  // Ids for each shard.
  std::vector<std::vector<std::string>> ids(2);
  for (int i = 0; ids[0].size() < 3 || ids[1].size() < 3; ++i) {
    const std::string id = absl::StrCat("o-", i);
    ids[ShardForId(id, 2)].push_back(id);
  }
  auto article = [&](const std::string& id) {
    return TextArticle(id, absl::StrCat("Outage ", id, "\n\nLighthouse ", id,
                                        " reported calm seas."));
  };
  ASSERT_TRUE(Ingest(article(ids[1][0])).ok());

  servers[1]->Stop();
  absl::StatusOr<v1::IngestArticleResponse> down = Ingest(article(ids[1][1]));
  EXPECT_EQ(down.status().code(), absl::StatusCode::kUnavailable)
      << down.status();
  EXPECT_TRUE(Ingest(article(ids[0][0])).ok());
  EXPECT_EQ(Search("lighthouse").status().code(),
            absl::StatusCode::kUnavailable);

  servers[1]->Start();
  ASSERT_TRUE(servers[1]->WaitUntilListening());
  // The writer reconnects before its next batch: no article is lost to
  // the outage once the shard is back.
  absl::StatusOr<v1::IngestArticleResponse> back = Ingest(article(ids[1][2]));
  EXPECT_TRUE(back.ok()) << back.status();
  absl::StatusOr<v1::SearchResponse> found =
      Search("lighthouse", 10, "", false);
  ASSERT_TRUE(found.ok()) << found.status();
  std::set<std::string> got;
  for (const auto& hit : found->hits()) got.insert(hit.article().id());
  EXPECT_EQ(got, (std::set<std::string>{ids[1][0], ids[0][0], ids[1][2]}));
}

class ShardIdentityTest : public ClusterTest {};

TEST_F(ShardIdentityTest, ALayoutOtherThanTheIndexsIsRefused) {
  layout_args_ = {"--db=" + db_dir_, "--shard-count=3"};
  ASSERT_NO_FATAL_FAILURE(StartIngest());
  ASSERT_TRUE(Ingest(TextArticle("a", "Title\n\nBody text.")).ok());
  EXPECT_EQ(ingest_->Stop(SIGTERM), 0);
  EXPECT_TRUE(std::filesystem::exists(db_dir_ + "/shard-02/iamglass"));

  struct Case {
    const char* binary;
    std::vector<std::string> args;
    const char* message;
  };
  const Case cases[] = {
      {"ingest-service",
       {"--db=" + db_dir_, "--shard-count=2"},
       "was created as shard 0 of 3, but this layout names it shard 0 of 2"},
      {"search-service",
       {"--db=" + db_dir_, "--shard-count=4"},
       "was created as shard 0 of 3, but this layout names it shard 0 of 4"},
      {"ingest-service", {"--db=" + db_dir_}, "holds a sharded index"},
      {"search-service", {"--db=" + db_dir_}, "holds a sharded index"},
      {"ingest-service",
       {"--shards=" + db_dir_ + "/shard-01," + db_dir_ + "/shard-00," +
        db_dir_ + "/shard-02"},
       "was created as shard 1 of 3, but this layout names it shard 0 of 3"},
      {"ingest-service",
       {"--db=" + db_dir_, "--shards=" + db_dir_},
       "--shards: names every shard itself"},
  };
  for (const Case& c : cases) {
    auto process =
        ServiceProcess::Start(BinaryPath(c.binary), c.args, work_dir_);
    ASSERT_FALSE(process.ok())
        << c.binary << " started with " << absl::StrJoin(c.args, " ");
    EXPECT_THAT(std::string(process.status().message()), HasSubstr(c.message))
        << c.binary;
  }
  // The layout the index was created with still opens.
  ASSERT_NO_FATAL_FAILURE(StartIngest());
  ASSERT_NO_FATAL_FAILURE(StartSearch());
  EXPECT_TRUE(Get("a").ok());
}

}  // namespace
}  // namespace newsindex::testing
