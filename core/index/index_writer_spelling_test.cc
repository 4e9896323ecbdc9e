// Regression test: thousands of single-article commits, each adding one new
// word to the spelling table, once left it unreadable (Xapian 1.4.22 wrote
// a grown fragment entry it could not read back: "Too few chunks of
// compressed data"), and every later commit failed.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>

#include "absl/strings/str_cat.h"
#include "core/index/index_writer.h"
#include "core/index/test_util.h"
#include "core/normalize/simhash.h"
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
  std::error_code ec;
  std::filesystem::remove_all(path, ec);
}

}  // namespace
}  // namespace newsindex
