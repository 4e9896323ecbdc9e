// Issue 30: sharding is invisible. The same articles, ingested in the same
// order into one database, into 3 local shards and into 2 remote shards
// (xapian-tcpsrv), answer every query kind and every entity RPC alike:
// the same totals, the same ordered hits, the same entities and counts.
// Issue 21 item 2: with near-duplicate collapse on, total_size and
// Facets.exact are true counts, checked against a count by hand.
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "api/proto_convert.h"
#include "cli/raw_input.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "tests/cluster.h"
#include "tests/shard_server.h"

extern char** environ;

namespace newsindex::testing {
namespace {

// Reuters stories read from ../shared when it is there: the first
// kCorpusStories, and every story of the first kReaganWindow that names
// Reagan, whom the tagger reads as a place in two capitalised headlines
// (reuters-869, reuters-1897): the name one shard used to resolve to
// another entity than one database does.
constexpr int kCorpusStories = 300;
constexpr int kReaganWindow = 3000;

// The services under test: this build's, or those in
// $NEWSINDEX_LAYOUT_TEST_BIN_DIR (to run the comparison against another
// build, as when the failure was first reproduced on the code before the
// fix).
std::string Binary(const std::string& name) {
  if (const char* dir = std::getenv("NEWSINDEX_LAYOUT_TEST_BIN_DIR")) {
    return absl::StrCat(dir, "/", name);
  }
  return BinaryPath(name);
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

// The articles of the comparison: the committed fixture (always), then the
// first kCorpusStories Reuters stories when ../shared has them.
std::vector<v1::IngestArticleRequest> Corpus(std::string* note) {
  std::vector<v1::IngestArticleRequest> requests;
  // The items of a file in order; the first `limit` (all when negative)
  // and, of the first kReaganWindow, those that name Reagan.
  auto add = [&](const std::string& name, const std::string& contents,
                 int limit) {
    int seen = 0;
    for (InputItem& item : ReadInput(name, contents)) {
      if (limit >= 0 && seen == kReaganWindow) break;
      ++seen;
      if (!item.article.ok()) continue;
      const bool reagan =
          absl::StrContains(absl::AsciiStrToLower(item.article->content),
                            "reagan") ||
          absl::StrContains(absl::AsciiStrToLower(item.article->title),
                            "reagan");
      if (limit >= 0 && seen > limit && !reagan) continue;
      v1::IngestArticleRequest request;
      ToProto(*item.article, request.mutable_article());
      requests.push_back(std::move(request));
    }
  };
  const std::filesystem::path fixture =
      std::filesystem::path(NEWSINDEX_SOURCE_DIR) / "tests" / "testdata" /
      "layout_corpus.jsonl";
  add(fixture.string(), ReadFile(fixture), -1);
  const std::filesystem::path reuters =
      std::filesystem::path(NEWSINDEX_SHARED_DIR) / "corpus" /
      "reuters21578.jsonl";
  if (std::filesystem::exists(reuters)) {
    add(reuters.string(), ReadFile(reuters), kCorpusStories);
  } else {
    *note =
        "../shared/corpus/reuters21578.jsonl is absent: comparing the "
        "committed fixture only";
  }
  return requests;
}

// One index and the search-service reading it.
struct Deployment {
  std::string name;
  std::string dir;  // its services' logs and port files
  bool remote = false;
  std::vector<std::string> layout;
  std::vector<std::unique_ptr<ShardServer>> servers;
  std::unique_ptr<ServiceProcess> ingest, search;
  std::unique_ptr<v1::IngestService::Stub> ingest_stub;
  std::unique_ptr<v1::SearchService::Stub> search_stub;
};

class LayoutEquivalenceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    work_dir_ = new std::string(MakeTempDir("layouts"));
    deployments_ = new std::vector<std::unique_ptr<Deployment>>();
    auto one = std::make_unique<Deployment>();
    one->name = "one database";
    one->layout = {"--db=" + *work_dir_ + "/one"};
    auto local = std::make_unique<Deployment>();
    local->name = "3 local shards";
    local->layout = {"--db=" + *work_dir_ + "/local", "--shard-count=3"};
    auto remote = std::make_unique<Deployment>();
    remote->name = "2 remote shards";
    remote->remote = true;
    std::vector<std::string> locations;
    for (int i = 0; i < 2; ++i) {
      remote->servers.push_back(std::make_unique<ShardServer>(
          absl::StrCat(*work_dir_, "/remote-", i)));
      if (!remote->servers.back()->WaitUntilListening()) {
        setup_error_ = new std::string(
            "xapian-tcpsrv did not start (is xapian-tools installed?)");
        return;
      }
      locations.push_back(remote->servers.back()->location());
    }
    remote->layout = {"--shards=" + absl::StrJoin(locations, ",")};
    deployments_->push_back(std::move(one));
    deployments_->push_back(std::move(local));
    deployments_->push_back(std::move(remote));
    for (size_t i = 0; i < deployments_->size(); ++i) {
      Deployment& d = *(*deployments_)[i];
      d.dir = absl::StrCat(*work_dir_, "/services-", i);
      std::filesystem::create_directories(d.dir);
    }
    // All six services start at once: each ingest-service loads the
    // knowledge base for a while.
    std::vector<absl::StatusOr<std::unique_ptr<ServiceProcess>>> started;
    for (size_t i = 0; i < 2 * deployments_->size(); ++i) {
      started.emplace_back(absl::UnknownError("not started"));
    }
    {
      std::vector<std::thread> threads;
      for (size_t i = 0; i < started.size(); ++i) {
        threads.emplace_back([i, &started] {
          const Deployment& d = *(*deployments_)[i / 2];
          started[i] = ServiceProcess::Start(
              Binary(i % 2 == 0 ? "ingest-service" : "search-service"),
              d.layout, d.dir);
        });
      }
      for (std::thread& t : threads) t.join();
    }
    std::string error;
    for (size_t i = 0; i < deployments_->size(); ++i) {
      Deployment& d = *(*deployments_)[i];
      if (!started[2 * i].ok() || !started[2 * i + 1].ok()) {
        error = absl::StrCat(d.name, ": ", started[2 * i].status().ToString(),
                             " ", started[2 * i + 1].status().ToString());
        break;
      }
      d.ingest = *std::move(started[2 * i]);
      d.search = *std::move(started[2 * i + 1]);
      d.ingest_stub = v1::IngestService::NewStub(d.ingest->channel());
      d.search_stub = v1::SearchService::NewStub(d.search->channel());
    }
    note_ = new std::string();
    // One article at a time, in the same order everywhere: what an article
    // is tagged with may depend on the names learned from earlier ones.
    for (const v1::IngestArticleRequest& request : Corpus(note_)) {
      if (!error.empty()) break;
      for (auto& d : *deployments_) {
        v1::IngestArticleResponse response;
        grpc::Status status =
            d->ingest_stub->IngestArticle(Context().get(), request, &response);
        if (!status.ok()) {
          error = absl::StrCat(d->name, ": ingest ", request.article().id(),
                               ": ", status.error_message());
          break;
        }
      }
      ++articles_;
    }
    if (!error.empty()) setup_error_ = new std::string(error);
  }

  static void TearDownTestSuite() {
    delete deployments_;
    delete setup_error_;
    delete note_;
    delete work_dir_;
    deployments_ = nullptr;
    setup_error_ = note_ = work_dir_ = nullptr;
  }

  void SetUp() override {
    ASSERT_EQ(setup_error_, nullptr) << *setup_error_;
    if (!note_->empty()) std::cerr << *note_ << "\n";
  }

  static std::string* work_dir_;
  static std::string* setup_error_;
  static std::string* note_;
  static int articles_;
  static std::vector<std::unique_ptr<Deployment>>* deployments_;
};

std::string* LayoutEquivalenceTest::work_dir_ = nullptr;
std::string* LayoutEquivalenceTest::setup_error_ = nullptr;
std::string* LayoutEquivalenceTest::note_ = nullptr;
int LayoutEquivalenceTest::articles_ = 0;
std::vector<std::unique_ptr<Deployment>>* LayoutEquivalenceTest::deployments_ =
    nullptr;

// What a client sees of a search: the total, the ordered ids of the page
// and the next page's, the facets and the collapse counts. With `hits`
// false, only the totals and facets: Xapian 1.4's remote backend collapses
// near-duplicates shard by shard, and which copy of a pair that two remote
// shards hold is shown, and collapsed_count, can then differ
// (docs/scaling.md, "What may differ").
std::string SearchView(v1::SearchService::Stub* stub, v1::SearchRequest request,
                       bool hits = true) {
  std::string view;
  for (int page = 0; page < 2; ++page) {
    v1::SearchResponse response;
    grpc::Status status = stub->Search(Context().get(), request, &response);
    if (!status.ok()) return "error: " + status.error_message();
    absl::StrAppend(&view, "total ", response.total_size(), " exact ",
                    response.total_size_exact(), "\n");
    if (hits) {
      absl::StrAppend(&view, "collapsed ", response.collapsed(), " suggested '",
                      response.suggested_query(), "'\n");
      for (const v1::SearchHit& hit : response.hits()) {
        absl::StrAppend(&view, "  ", hit.article().id(), " +",
                        hit.collapsed_count(), "\n");
      }
    }
    if (request.has_facets()) {
      absl::StrAppend(&view, "facets ", response.facets().ShortDebugString(),
                      "\n");
    }
    if (response.next_page_token().empty()) break;
    request.set_page_token(response.next_page_token());
  }
  return view;
}

v1::SearchRequest Query(const std::string& query, bool collapse = true) {
  v1::SearchRequest request;
  request.set_query(query);
  request.set_page_size(10);
  request.set_disable_collapse(!collapse);
  request.mutable_read_mask()->add_paths("id");
  return request;
}

// Every query kind of docs/search.md.
const char* const kQueries[] = {
    // words, pairs, OR, NOT
    "oil", "cocoa", "tonnes government", "oil prices", "coffee OR cocoa",
    "wheat -corn", "bank NOT rates",
    // phrases, proximity
    "\"interest rates\"", "\"crude oil\"", "oil NEAR prices",
    // fields
    "title:bank", "title:oil", "title:cocoa",
    // entities
    "place:Brazil", "place:Japan", "country:US", "country:JP", "org:OPEC",
    "org:OPEC crude", "entity:Reagan", "person:Reagan", "entity:Japan",
    "entity:Brazil", "entity:OPEC",
    // wildcards, with and without other words
    "export*", "tonn*", "coffee export*",
    // free-text aliases of entities, fixture words with equal scores
    "Reagan", "place:Reagan", "walrus", "lighthouse", "walrus Tromso",
    // dates
    "oil date:1987-03-01..1987-03-31"};

TEST_F(LayoutEquivalenceTest, EveryQueryKindAnswersAlike) {
  const auto& d = *deployments_;
  ASSERT_EQ(d.size(), 3u);
  for (const char* query : kQueries) {
    for (bool collapse : {true, false}) {
      const std::string expected =
          SearchView(d[0]->search_stub.get(), Query(query, collapse));
      EXPECT_THAT(expected, ::testing::Not(::testing::StartsWith("error")))
          << query;
      for (size_t i = 1; i < d.size(); ++i) {
        const bool hits = !(collapse && d[i]->remote);
        EXPECT_EQ(
            SearchView(d[i]->search_stub.get(), Query(query, collapse), hits),
            hits ? expected
                 : SearchView(d[0]->search_stub.get(), Query(query, collapse),
                              false))
            << query << (collapse ? "" : " (no collapse)") << " on "
            << d[i]->name << " against " << d[0]->name;
      }
    }
  }
}

TEST_F(LayoutEquivalenceTest, SortsAndFacetsAnswerAlike) {
  const auto& d = *deployments_;
  std::vector<v1::SearchRequest> requests;
  for (const char* query : {"oil", "entity:Japan", "title:bank", "cocoa"}) {
    v1::SearchRequest newest = Query(query);
    newest.set_sort(v1::NEWEST_FIRST);
    requests.push_back(newest);
    v1::SearchRequest oldest = Query(query);
    oldest.set_sort(v1::OLDEST_FIRST);
    requests.push_back(oldest);
    v1::SearchRequest faceted = Query(query);
    faceted.mutable_facets()->set_entities(true);
    faceted.mutable_facets()->set_sources(true);
    faceted.mutable_facets()->set_date_histogram(v1::MONTH);
    requests.push_back(faceted);
  }
  for (const v1::SearchRequest& request : requests) {
    const std::string expected = SearchView(d[0]->search_stub.get(), request);
    EXPECT_THAT(expected, ::testing::Not(::testing::StartsWith("error")))
        << request.ShortDebugString();
    for (size_t i = 1; i < d.size(); ++i) {
      // Collapse is on: remote shards are compared without their hits.
      const bool hits = !d[i]->remote;
      EXPECT_EQ(
          SearchView(d[i]->search_stub.get(), request, hits),
          hits ? expected : SearchView(d[0]->search_stub.get(), request, false))
          << request.ShortDebugString() << " on " << d[i]->name;
    }
  }
}

// A page walk returns every match once, in one order, whatever the page
// size: equal scores are ordered by a stable key.
TEST_F(LayoutEquivalenceTest, PagesOfAnySizeMakeOneSequence) {
  const auto& d = *deployments_;
  for (const char* query : {"title:bank", "oil", "entity:Japan"}) {
    std::vector<std::string> reference;
    for (auto& deployment : d) {
      for (int page_size : {3, 7, 100}) {
        v1::SearchRequest request = Query(query, /*collapse=*/false);
        request.set_page_size(page_size);
        std::vector<std::string> ids;
        for (int guard = 0; guard < 200; ++guard) {
          v1::SearchResponse response;
          ASSERT_TRUE(deployment->search_stub
                          ->Search(Context().get(), request, &response)
                          .ok());
          for (const auto& hit : response.hits()) {
            ids.push_back(hit.article().id());
          }
          if (response.next_page_token().empty()) break;
          request.set_page_token(response.next_page_token());
        }
        if (reference.empty()) {
          reference = ids;
          ASSERT_FALSE(reference.empty()) << query;
        } else {
          EXPECT_EQ(ids, reference) << query << " on " << deployment->name
                                    << " in pages of " << page_size;
        }
      }
    }
  }
}

// What a client sees of an entity RPC, as text.
template <typename Request, typename Response>
std::string Call(grpc::Status (v1::SearchService::Stub::*method)(
                     grpc::ClientContext*, const Request&, Response*),
                 v1::SearchService::Stub* stub, const Request& request) {
  Response response;
  grpc::Status status = (stub->*method)(Context().get(), request, &response);
  if (!status.ok()) {
    return absl::StrCat("error ", status.error_code(), ": ",
                        status.error_message());
  }
  return response.DebugString();
}

TEST_F(LayoutEquivalenceTest, EveryEntityRpcAnswersAlike) {
  const auto& d = *deployments_;
  const char* const names[] = {
      "Reagan", "REAGAN", "person:reagan", "place:reagan", "Japan", "Brazil",
      "OPEC",   "US",     "Tokyo",         "no such one"};
  std::vector<std::function<std::string(v1::SearchService::Stub*)>> calls;
  for (const char* name : names) {
    v1::GetEntityRequest get;
    get.set_entity(name);
    calls.push_back([get](v1::SearchService::Stub* stub) {
      return "GetEntity " + get.entity() + "\n" +
             Call(&v1::SearchService::Stub::GetEntity, stub, get);
    });
    v1::RelatedEntitiesRequest related;
    related.set_entity(name);
    calls.push_back([related](v1::SearchService::Stub* stub) {
      return "RelatedEntities " + related.entity() + "\n" +
             Call(&v1::SearchService::Stub::RelatedEntities, stub, related);
    });
    v1::EntityTimelineRequest timeline;
    timeline.set_entity(name);
    timeline.set_interval(v1::DAY);
    calls.push_back([timeline](v1::SearchService::Stub* stub) {
      return "EntityTimeline " + timeline.entity() + "\n" +
             Call(&v1::SearchService::Stub::EntityTimeline, stub, timeline);
    });
  }
  v1::RelatedEntitiesRequest restricted;
  restricted.set_entity("Japan");
  restricted.set_query("trade");
  calls.push_back([restricted](v1::SearchService::Stub* stub) {
    return Call(&v1::SearchService::Stub::RelatedEntities, stub, restricted);
  });
  for (const char* prefix : {"Rea", "REAG", "Ja", "Bra", "o", "new y"}) {
    for (v1::EntityType type : {v1::ENTITY_TYPE_UNSPECIFIED, v1::LOCATION}) {
      v1::SuggestEntitiesRequest suggest;
      suggest.set_prefix(prefix);
      suggest.set_type(type);
      calls.push_back([suggest](v1::SearchService::Stub* stub) {
        return "SuggestEntities " + suggest.ShortDebugString() + "\n" +
               Call(&v1::SearchService::Stub::SuggestEntities, stub, suggest);
      });
    }
  }
  for (const auto& call : calls) {
    const std::string expected = call(d[0]->search_stub.get());
    for (size_t i = 1; i < d.size(); ++i) {
      EXPECT_EQ(call(d[i]->search_stub.get()), expected)
          << "on " << d[i]->name << " against " << d[0]->name;
    }
  }
}

// "Reagan" is person:reagan in 47 of the first 3,000 Reuters stories and
// place:reagan, a tagger error, in 2: on three shards the place used to
// win, because its story was the first of shard 0 to name him.
TEST_F(LayoutEquivalenceTest, ReaganIsThePersonOnEveryLayout) {
  if (!note_->empty()) GTEST_SKIP() << *note_;
  for (auto& d : *deployments_) {
    for (const char* name : {"Reagan", "REAGAN"}) {
      v1::GetEntityRequest get;
      get.set_entity(name);
      v1::EntityInfo info;
      grpc::Status status =
          d->search_stub->GetEntity(Context().get(), get, &info);
      ASSERT_TRUE(status.ok()) << d->name << ": " << status.error_message();
      EXPECT_EQ(info.id(), "person:reagan") << d->name;
      EXPECT_GT(info.article_count(), 10) << d->name;
    }
    v1::SearchResponse response;
    ASSERT_TRUE(d->search_stub
                    ->Search(Context().get(), Query("entity:Reagan"), &response)
                    .ok());
    EXPECT_GT(response.total_size(), 10) << d->name;
  }
}

// Issue 21 item 2. The fixture files 7 walrus stories, 3 of them twice
// (near-duplicates): 10 articles in 7 clusters, counted by hand. With
// collapse on, total_size is 7 whatever the page size and with facets,
// whose counts are then exact; without collapse, 10.
TEST_F(LayoutEquivalenceTest, CollapsedTotalsAreCountedNotEstimated) {
  constexpr int kArticles = 10, kClusters = 7;
  for (auto& d : *deployments_) {
    for (int page_size : {1, 2, 20}) {
      for (bool facets : {false, true}) {
        for (bool collapse : {true, false}) {
          v1::SearchRequest request = Query("walrus", collapse);
          request.set_page_size(page_size);
          if (facets) request.mutable_facets()->set_entities(true);
          v1::SearchResponse response;
          ASSERT_TRUE(
              d->search_stub->Search(Context().get(), request, &response).ok());
          EXPECT_EQ(response.total_size(), collapse ? kClusters : kArticles)
              << d->name << " page size " << page_size
              << (facets ? " with facets" : "")
              << (collapse ? "" : " without collapse");
          if (facets) {
            EXPECT_TRUE(response.facets().exact()) << d->name;
          }
        }
      }
    }
    // The count by walking every page agrees.
    v1::SearchRequest request = Query("walrus");
    request.set_page_size(2);
    std::set<std::string> ids;
    int folded = 0;
    for (int guard = 0; guard < 20; ++guard) {
      v1::SearchResponse response;
      ASSERT_TRUE(
          d->search_stub->Search(Context().get(), request, &response).ok());
      for (const auto& hit : response.hits()) {
        ids.insert(hit.article().id());
        folded += hit.collapsed_count();
      }
      if (response.next_page_token().empty()) break;
      request.set_page_token(response.next_page_token());
    }
    EXPECT_EQ(ids.size(), static_cast<size_t>(kClusters)) << d->name;
    // Remote shards collapse shard by shard (Xapian 1.4): a copy in the
    // other shard is folded away but not counted in collapsed_count.
    if (!d->remote) {
      EXPECT_EQ(folded, kArticles - kClusters) << d->name;
    }
  }
}

}  // namespace
}  // namespace newsindex::testing
