// Regression test: thousands of single-article commits, each adding one new
// word to the spelling table, once left it unreadable (Xapian 1.4.22 wrote
// a grown fragment entry it could not read back: "Too few chunks of
// compressed data"), and every later commit failed.
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "core/index/index_writer.h"
#include "core/index/test_util.h"
#include "core/text/simhash.h"
#include "gtest/gtest.h"
#include "xapian.h"

namespace newsindex {
namespace {

// Enough single-article commits to pass the fragment sizes that Xapian
// 1.4.22 wrote unreadably here (at 1,251 and about 3,080 words sharing the
// prefix; before the fix, article 1251's commit failed).
constexpr int kProbes = 3500;

// A lowercase word unique to `n` that shares the prefix "zqfr" with every
// other, as the freshness probes' words do (bench/load/freshness.cc).
std::string ProbeWord(int n) {
  std::string word = "zqfr";
  for (int i = 0, v = 1000003 + n; i < 6; ++i, v /= 26) word += 'a' + v % 26;
  return word;
}

// Like a freshness probe's article (bench/load/freshness.cc).
Article ProbeArticle(int n) {
  const std::string word = ProbeWord(n);
  Article article = MakeArticle(
      absl::StrCat("fresh-1-", n), absl::StrCat("Freshness probe ", word),
      absl::StrCat("The freshness probe ", word,
                   " checks how soon an acknowledged article can be found."
                   "\n\nIt carries a word that no other article in the "
                   "index has."));
  article.source = "bench";
  article.language = "en";
  // As the ingest pipeline stamps it: the probes are near-duplicates.
  article.simhash = SimhashToHex(ComputeSimhash(article.body));
  return article;
}

// The database's directory: under TEST_TMPDIR when set, else in /dev/shm
// when there is one, as a few thousand commits' fsyncs on a busy disk take
// over a minute (80 s measured), in memory seconds.
std::string DbPath() {
  std::error_code ec;
  if (std::getenv("TEST_TMPDIR") == nullptr &&
      std::filesystem::is_directory("/dev/shm", ec)) {
    std::string path = absl::StrCat("/dev/shm/ni-spelling-test-", getpid());
    std::filesystem::remove_all(path, ec);
    return path;
  }
  return FreshDbPath("spelling");
}

// Options that write the spelling words two at a time: never all at once
// when idle, pieces that stay at 2 words, one piece per commit.
IndexWriterOptions InPiecesOfTwo() {
  IndexWriterOptions options;
  options.spellings.idle_words = 0;
  options.spellings.first_chunk_words = 2;
  options.spellings.min_chunk_words = 2;
  options.spellings.chunk_budget = absl::ZeroDuration();
  options.spellings.alone_budget = absl::ZeroDuration();
  options.spellings.bulk_share = 0;
  return options;
}

// The words in the spelling table of the database at `path`, in order,
// with each word's frequency checked to be `frequency`.
std::vector<std::string> SpellingWords(const std::string& path,
                                       Xapian::termcount frequency) {
  Xapian::Database db(path);
  std::vector<std::string> words;
  for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) {
    words.push_back(*it);
    EXPECT_EQ(it.get_termfreq(), frequency) << *it;
  }
  return words;
}

void RemoveDb(const std::string& path) {
  std::error_code ec;
  std::filesystem::remove_all(path, ec);
}

TEST(IndexWriterSpellingTest, ManySingleArticleCommitsKeepTheTableReadable) {
  const std::string path = DbPath();
  {
    auto writer = IndexWriter::Open(path, {});
    ASSERT_TRUE(writer.ok()) << writer.status();
    for (int n = 0; n < kProbes; ++n) {
      absl::StatusOr<UpsertResult> result =
          UpsertSync(**writer, ProbeArticle(n));
      ASSERT_TRUE(result.ok()) << "article " << n << ": " << result.status();
    }
    EXPECT_TRUE((*writer)->Close().ok());
  }
  Xapian::Database db(path);
  EXPECT_EQ(db.get_doccount(), static_cast<Xapian::doccount>(kProbes));
  // Every word's fragments read back, and did-you-mean still corrects.
  for (int n = 0; n < kProbes; n += 97) {
    EXPECT_NO_THROW(db.get_spelling_suggestion(ProbeWord(n), 1)) << n;
  }
  std::string typo = ProbeWord(5);
  typo.back() = typo.back() == 'q' ? 'x' : 'q';
  EXPECT_EQ(db.get_spelling_suggestion(typo), ProbeWord(5));
  db.close();
  RemoveDb(path);
}

// Words beyond what an idle writer writes with an article's own commit
// follow in pieces, one commit each; every word reaches the table once.
TEST(IndexWriterSpellingTest, WordsBeyondTheIdleLimitFollowInChunks) {
  const std::string path = DbPath();
  const std::vector<std::string> words = {"alpha", "bravo", "charlie",
                                          "delta", "echo",  "foxtrot",
                                          "golf",  "hotel", "india"};
  Xapian::rev before = 0;
  {
    auto writer = IndexWriter::Open(path, InPiecesOfTwo());
    ASSERT_TRUE(writer.ok()) << writer.status();
    before = (*writer)->last_commit().revision;
    ASSERT_TRUE(
        UpsertSync(**writer, MakeArticle("one", "", absl::StrJoin(words, " ")))
            .ok());
    // The chunks follow while the writer is idle; Close would write what
    // is left at once, so wait for them to count the commits.
    const auto give_up = absl::Now() + absl::Seconds(60);
    while ((*writer)->last_commit().revision < before + 5 &&
           absl::Now() < give_up) {
      absl::SleepFor(absl::Milliseconds(5));
    }
    EXPECT_TRUE((*writer)->Close().ok());
  }
  // The article's words, each once.
  EXPECT_EQ(SpellingWords(path, 1), words);
  // The article with 2 words, then 7 words in pieces of 2.
  EXPECT_EQ(Xapian::Database(path).get_revision(), before + 1 + 4);
  RemoveDb(path);
}

// Close writes every word still waiting, in one commit when no chunk has
// started, so no word is lost however far the idle chunks got.
TEST(IndexWriterSpellingTest, CloseWritesEveryWaitingWord) {
  const std::string path = DbPath();
  std::vector<std::string> words;
  for (int n = 0; n < 200; ++n) words.push_back(ProbeWord(n));
  std::sort(words.begin(), words.end());
  {
    auto writer = IndexWriter::Open(path, InPiecesOfTwo());
    ASSERT_TRUE(writer.ok()) << writer.status();
    ASSERT_TRUE(
        UpsertSync(**writer, MakeArticle("many", "", absl::StrJoin(words, " ")))
            .ok());
    EXPECT_TRUE((*writer)->Close().ok());
  }
  EXPECT_EQ(SpellingWords(path, 1), words);
  RemoveDb(path);
}

}  // namespace
}  // namespace newsindex
