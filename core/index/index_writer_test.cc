#include "core/index/index_writer.h"

#include <atomic>
#include <functional>
#include <ostream>
#include <stdexcept>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/blocking_counter.h"
#include "absl/synchronization/notification.h"
#include "core/index/internal/document_builder.h"
#include "core/index/schema.h"
#include "core/index/test_util.h"
#include "gtest/gtest.h"
#include "xapian.h"

namespace newsindex {
namespace {

TEST(IndexWriterTest, UpsertReportsCreatedThenReplaced) {
  const std::string path = FreshDbPath("writer");
  auto writer = IndexWriter::Open(path);
  ASSERT_TRUE(writer.ok()) << writer.status();
  auto first = UpsertSync(**writer, MakeArticle("a", "T", "one"));
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE(first->created);
  auto second = UpsertSync(**writer, MakeArticle("a", "T", "two"));
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(second->created);
  EXPECT_EQ((*writer)->committed_count(), 1u);

  // Acknowledged means committed: a separate reader sees it now.
  Xapian::Database reader(path);
  EXPECT_EQ(reader.get_doccount(), 1u);
  EXPECT_TRUE(reader.term_exists(schema::IdTerm("a")));
}

TEST(IndexWriterTest, RepeatsOfOneIdInFlightTogetherLeaveOneArticle) {
  // Queued without waiting, so most land in the same batch: the writer
  // must see its own uncommitted article to replace it.
  const std::string path = FreshDbPath("repeats");
  auto writer = IndexWriter::Open(path);
  ASSERT_TRUE(writer.ok());
  constexpr int kRepeats = 50;
  absl::BlockingCounter done(kRepeats);
  std::atomic<int> created{0}, failed{0};
  for (int i = 0; i < kRepeats; ++i) {
    (*writer)->Upsert(MakeArticle("same", "T", absl::StrCat("version ", i)),
                      [&](absl::StatusOr<UpsertResult> result) {
                        if (!result.ok()) {
                          ++failed;
                        } else if (result->created) {
                          ++created;
                        }
                        done.DecrementCount();
                      });
  }
  done.Wait();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(created.load(), 1);
  EXPECT_EQ((*writer)->committed_count(), 1u);
  Xapian::Database reader(path);
  EXPECT_EQ(reader.get_doccount(), 1u);
  EXPECT_EQ(reader.get_termfreq(schema::IdTerm("same")), 1u);
}

TEST(IndexWriterTest, DeleteOfUnknownIdIsNotFound) {
  auto writer = IndexWriter::Open(FreshDbPath("delete"));
  ASSERT_TRUE(writer.ok());
  EXPECT_EQ(DeleteSync(**writer, "missing").code(),
            absl::StatusCode::kNotFound);
  ASSERT_TRUE(UpsertSync(**writer, MakeArticle("x", "T", "b")).ok());
  EXPECT_TRUE(DeleteSync(**writer, "x").ok());
  EXPECT_EQ(DeleteSync(**writer, "x").code(), absl::StatusCode::kNotFound);
}

TEST(IndexWriterTest, SecondWriterIsRefusedWithAClearError) {
  const std::string path = FreshDbPath("lock");
  auto first = IndexWriter::Open(path);
  ASSERT_TRUE(first.ok());
  auto second = IndexWriter::Open(path);
  EXPECT_EQ(second.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(second.status().message().find("locked"), absl::string_view::npos);
}

TEST(IndexWriterTest, ClosedWriterRefusesNewWork) {
  auto writer = IndexWriter::Open(FreshDbPath("closed"));
  ASSERT_TRUE(writer.ok());
  EXPECT_TRUE((*writer)->Close().ok());
  EXPECT_EQ(UpsertSync(**writer, MakeArticle("a", "T", "b")).status().code(),
            absl::StatusCode::kUnavailable);
}

TEST(IndexWriterTest, ConcurrentUpsertsAllCommit) {
  const std::string path = FreshDbPath("group");
  auto writer = IndexWriter::Open(path);
  ASSERT_TRUE(writer.ok());
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 100; ++i) {
        if (UpsertSync(**writer,
                       MakeArticle(absl::StrCat(t, "-", i), "T", "body words"))
                .ok()) {
          ++ok;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(ok.load(), 400);
  EXPECT_EQ((*writer)->committed_count(), 400u);
}

TEST(IndexWriterTest, QueueLimitIsResourceExhausted) {
  IndexWriterOptions options;
  options.max_queue = 0;
  auto writer = IndexWriter::Open(FreshDbPath("queue"), options);
  ASSERT_TRUE(writer.ok());
  EXPECT_EQ(UpsertSync(**writer, MakeArticle("a", "T", "b")).status().code(),
            absl::StatusCode::kResourceExhausted);
}

TEST(IndexWriterTest, UnwritableDirectoryFailsToOpen) {
  auto writer = IndexWriter::Open("/proc/newsindex-cannot-exist/db");
  EXPECT_FALSE(writer.ok());
}

// Articles a hostile client sends: each would put a term over Xapian's
// 245-byte limit into the document if the writer did not bound it.
std::vector<Article> HostileArticles() {
  std::vector<Article> out;
  Article language = MakeArticle("hostile-language", "T", "body");
  language.language = std::string(300, 'x');
  out.push_back(language);
  Article entity = MakeArticle("hostile-entity", "T", "body");
  ArticleEntity e;
  e.id = absl::StrCat("person:", std::string(300, 'y'));
  e.name = "Y";
  e.type = EntityType::kPerson;
  entity.entities.push_back(e);
  out.push_back(entity);
  Article source = MakeArticle("hostile-source", "T", "body");
  source.source = std::string(300, 's');
  source.url = absl::StrCat("https://x.test/", std::string(300, 'u'));
  out.push_back(source);
  return out;
}

// Queues `articles` so that they land in one batch: the first upsert holds
// the writer thread (in the test hook) until every other one is queued.
// Returns each article's outcome, in order.
struct GatedBatch {
  explicit GatedBatch(IndexWriterOptions& options) {
    auto hook = std::move(options.after_add_for_test);
    options.after_add_for_test = [this, hook](const std::string& id) {
      if (id == "gate") release.WaitForNotification();
      if (hook) hook(id);
    };
  }
  std::vector<absl::StatusOr<UpsertResult>> Run(IndexWriter& writer,
                                                std::vector<Article> articles) {
    std::vector<absl::StatusOr<UpsertResult>> outcomes(
        articles.size() + 1, absl::UnknownError("no outcome"));
    absl::BlockingCounter done(static_cast<int>(outcomes.size()));
    articles.insert(articles.begin(), MakeArticle("gate", "T", "gate"));
    for (size_t i = 0; i < articles.size(); ++i) {
      writer.Upsert(articles[i], [&, i](absl::StatusOr<UpsertResult> r) {
        outcomes[i] = std::move(r);
        done.DecrementCount();
      });
    }
    release.Notify();
    done.Wait();
    outcomes.erase(outcomes.begin());  // the gate
    return outcomes;
  }
  absl::Notification release;
};

std::vector<Article> WithNeighbours(std::vector<Article> middle) {
  std::vector<Article> out;
  for (int i = 0; i < 5; ++i) {
    out.push_back(MakeArticle(absl::StrCat("before-", i), "T", "good words"));
  }
  for (Article& a : middle) out.push_back(std::move(a));
  for (int i = 0; i < 5; ++i) {
    out.push_back(MakeArticle(absl::StrCat("after-", i), "T", "good words"));
  }
  return out;
}

TEST(IndexWriterTest, LongFieldsAndEntityIdsAreIndexedWithBoundedTerms) {
  const std::string path = FreshDbPath("hostile");
  IndexWriterOptions options;
  GatedBatch gated(options);
  auto writer = IndexWriter::Open(path, options);
  ASSERT_TRUE(writer.ok());
  const std::vector<Article> articles = WithNeighbours(HostileArticles());
  auto outcomes = gated.Run(**writer, articles);
  Xapian::Database reader(path);
  for (size_t i = 0; i < articles.size(); ++i) {
    EXPECT_TRUE(outcomes[i].ok()) << articles[i].id << outcomes[i].status();
    EXPECT_TRUE(reader.term_exists(schema::IdTerm(articles[i].id)))
        << articles[i].id;
  }
  for (auto t = reader.allterms_begin(); t != reader.allterms_end(); ++t) {
    EXPECT_LE((*t).size(), schema::kMaxTermBytes);
  }
  // The searcher builds the same bounded terms.
  EXPECT_TRUE(reader.term_exists(schema::LanguageTerm(std::string(300, 'x'))));
  EXPECT_TRUE(reader.term_exists(
      schema::EntityTerm(absl::StrCat("person:", std::string(300, 'y')))));
}

struct InjectedFailure {
  const char* name;
  std::function<void()> thrower;
};

void PrintTo(const InjectedFailure& failure, std::ostream* os) {
  *os << failure.name;
}

class FailingArticleTest : public ::testing::TestWithParam<InjectedFailure> {};

TEST_P(FailingArticleTest, FailsAloneAndLeavesNothingBehind) {
  const std::string path = FreshDbPath("fails-alone");
  IndexWriterOptions options;
  options.after_add_for_test = [](const std::string& id) {
    if (id == "bad") GetParam().thrower();
  };
  GatedBatch gated(options);
  auto writer = IndexWriter::Open(path, options);
  ASSERT_TRUE(writer.ok());
  const std::vector<Article> articles =
      WithNeighbours({MakeArticle("bad", "T", "bad words")});
  auto outcomes = gated.Run(**writer, articles);
  Xapian::Database reader(path);
  for (size_t i = 0; i < articles.size(); ++i) {
    const bool bad = articles[i].id == "bad";
    EXPECT_EQ(outcomes[i].ok(), !bad) << articles[i].id;
    // Failed means not committed; acknowledged means committed.
    EXPECT_EQ(reader.term_exists(schema::IdTerm(articles[i].id)), !bad)
        << articles[i].id;
  }
  EXPECT_EQ(reader.get_doccount(), articles.size());  // + gate - bad
  // The writer goes on.
  EXPECT_TRUE(UpsertSync(**writer, MakeArticle("later", "T", "b")).ok());
}

INSTANTIATE_TEST_SUITE_P(
    Failures, FailingArticleTest,
    ::testing::Values(
        InjectedFailure{"XapianError",
                        [] { throw Xapian::InvalidArgumentError("injected"); }},
        InjectedFailure{"StdException",
                        [] { throw std::runtime_error("injected"); }},
        InjectedFailure{"UnknownException", [] { throw 42; }}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(IndexWriterTest, OverlongTermIsRefusedWithInvalidArgument) {
  Xapian::Document doc;
  doc.add_boolean_term("short");
  EXPECT_TRUE(CheckTermLengths(doc).ok());
  doc.add_boolean_term(std::string(300, 'z'));
  absl::Status s = CheckTermLengths(doc);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("245"), absl::string_view::npos);
  EXPECT_LT(s.message().size(), 200u);
}

}  // namespace
}  // namespace newsindex
