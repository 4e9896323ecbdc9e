// newsctl as a new user meets it (issue 21): ingest of a mixed directory
// (Latin-1, binary, oversize, unreadable and good files) stores the good
// ones and names each bad one, with exit status 1; help and exit codes;
// connection errors that say which flag to fix; `get` output; and a seeded
// fuzz run of ingest over directories of random files, where every file or
// record gets a line of its own.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/cluster.h"

namespace newsindex::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

// The ingest-service of these tests takes articles up to this size, so an
// oversize one is quick to make.
constexpr int kMaxArticleBytes = 20000;

void WriteFile(const std::string& path, const std::string& contents) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream out(path, std::ios::binary);
  out << contents;
}

// newsctl without any service: help, version and usage errors.
CommandResult RunNewsctl(const std::vector<std::string>& args,
                         const std::string& work_dir,
                         std::vector<std::string> env = {}) {
  std::vector<std::string> argv = {BinaryPath("newsctl")};
  argv.insert(argv.end(), args.begin(), args.end());
  return RunCapturingStderr(argv, work_dir + "/newsctl.stderr", std::move(env));
}

class NewsctlCliTest : public ClusterTest {
 protected:
  void SetUp() override {
    ClusterTest::SetUp();
    ASSERT_NO_FATAL_FAILURE(
        StartIngest({absl::StrCat("--max-article-bytes=", kMaxArticleBytes)}));
    ASSERT_NO_FATAL_FAILURE(StartSearch());
  }

  CommandResult Newsctl(std::vector<std::string> args) {
    args.insert(args.begin(), {"--search-addr", search_->address(),
                               "--ingest-addr", ingest_->address()});
    return RunNewsctl(args, work_dir_);
  }
};

std::string GoodText(const std::string& title, const std::string& words) {
  return absl::StrCat(title, "\n\n", words,
                      " Officials in Norway said the walrus count rose this "
                      "spring, and researchers in Tromso agreed.\n");
}

TEST_F(NewsctlCliTest, MixedDirectoryStoresTheGoodAndNamesTheBad) {
  const std::string dir = work_dir_ + "/mixed";
  WriteFile(dir + "/a_good.txt",
            GoodText("Walrus colony grows in Norway", "Heron counts too."));
  // Latin-1: "Café crème in Paris" with é and è as single bytes.
  WriteFile(dir + "/cafe.txt",
            "Caf\xe9 cr\xe8me served in Paris\n\nThe caf\xe9 on the corner "
            "served cr\xe8me br\xfbl\xe9"
            "e to visitors from Norway all "
            "summer, its owner said.\n");
  std::string binary = "\x89PNG\r\n\x1a\n";
  for (int i = 0; i < 600; ++i) binary += static_cast<char>((i * 37) % 256);
  WriteFile(dir + "/binary.txt", binary);
  WriteFile(dir + "/huge.txt",
            GoodText("A very long story", std::string(kMaxArticleBytes, 'w')));
  WriteFile(dir + "/sub/page.html",
            "<html><head><title>Heron survey in Oslo</title></head><body>"
            "<h1>Heron survey in Oslo</h1><p>Volunteers counted herons "
            "along the fjord near Oslo in Norway this week, the survey "
            "said.</p></body></html>");
  WriteFile(
      dir + "/feed.jsonl",
      absl::StrCat(R"({"id":"feed-1","title":"Seal pups in Svalbard",)"
                   R"("text":"Seal pups were counted on Svalbard in Norway."})",
                   "\n{not json}\n", R"({"id":"feed-3","text":")",
                   std::string(kMaxArticleBytes + 10, 'x'), "\"}\n",
                   R"({"id":"feed-4","title":"Puffins return",)"
                   R"("text":"Puffins returned to the cliffs of Norway."})",
                   "\n"));
  WriteFile(dir + "/notes.md", "not an article");

  CommandResult result =
      Newsctl({"ingest", dir, work_dir_ + "/missing.txt", "--verbose"});
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  // Each bad item is named, with the line for JSON Lines.
  EXPECT_THAT(
      result.err,
      AllOf(HasSubstr(dir + "/binary.txt: FAILED: "), HasSubstr("not text"),
            HasSubstr(dir + "/huge.txt: FAILED: text: "),
            HasSubstr("exceeds the service's limit of 20000 bytes"),
            HasSubstr(dir + "/feed.jsonl:2: FAILED: record: not valid "
                            "JSON"),
            HasSubstr(dir + "/feed.jsonl:3: FAILED: text: "),
            HasSubstr(work_dir_ + "/missing.txt: FAILED: cannot read"),
            HasSubstr("skipped 1 directory entry (not .txt"),
            HasSubstr(dir + "/notes.md")));
  // The Latin-1 file went as raw bytes and the service said what it did.
  EXPECT_THAT(result.err, HasSubstr(dir + "/cafe.txt: note: not UTF-8"));
  EXPECT_THAT(result.err, Not(HasSubstr(dir + "/cafe.txt: FAILED")));
  // The good ones, before and after the bad, are stored.
  EXPECT_THAT(
      result.out,
      AllOf(HasSubstr(dir + "/a_good.txt: "), HasSubstr(dir + "/cafe.txt: "),
            HasSubstr(dir + "/sub/page.html: "),
            HasSubstr(dir + "/feed.jsonl:1: feed-1 created"),
            HasSubstr(dir + "/feed.jsonl:4: feed-4 created")));
  // Sent: the two .txt, the .html and two records, and binary.txt, which
  // the service refused; failed: that one, the two oversize ones, the bad
  // record and the missing file.
  EXPECT_THAT(result.out, HasSubstr("6 sent, 5 created, 0 updated, 5 failed"));
  ASSERT_TRUE(Get("feed-4").ok());
  absl::StatusOr<v1::SearchResponse> cafe = Search("crème");
  ASSERT_TRUE(cafe.ok()) << cafe.status();
  ASSERT_EQ(cafe->hits_size(), 1);
  EXPECT_THAT(cafe->hits(0).article().title(), HasSubstr("Café crème"));
}

TEST_F(NewsctlCliTest, AnalyzeReadsLatin1AsRaw) {
  const std::string file = work_dir_ + "/cafe.txt";
  WriteFile(file,
            "Caf\xe9 cr\xe8me in Paris\n\nThe caf\xe9 served cr\xe8me to "
            "visitors from Norway all summer, its owner said.\n");
  CommandResult result = Newsctl({"analyze", file});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("title:     Café crème in Paris"));
  EXPECT_THAT(result.out, HasSubstr("warning: decoded from"));
}

TEST_F(NewsctlCliTest, ConnectionErrorsNameTheAddressFlagAndVariable) {
  CommandResult down =
      RunNewsctl({"--search-addr", "127.0.0.1:1", "search", "x"}, work_dir_);
  EXPECT_EQ(down.exit_code, 1);
  EXPECT_THAT(down.err, AllOf(HasSubstr("cannot reach search-service at "
                                        "127.0.0.1:1"),
                              HasSubstr("--search-addr"),
                              HasSubstr("NEWSINDEX_SEARCH_ADDR")));
  CommandResult from_env = RunNewsctl({"get", "x"}, work_dir_,
                                      {"NEWSINDEX_SEARCH_ADDR=127.0.0.1:1"});
  EXPECT_EQ(from_env.exit_code, 1);
  EXPECT_THAT(from_env.err, HasSubstr("at 127.0.0.1:1"));
  const std::string file = work_dir_ + "/a.txt";
  WriteFile(file, GoodText("Walrus", "Words."));
  CommandResult ingest_down =
      RunNewsctl({"--ingest-addr", "127.0.0.1:1", "ingest", file}, work_dir_);
  EXPECT_EQ(ingest_down.exit_code, 1);
  EXPECT_THAT(
      ingest_down.err,
      AllOf(HasSubstr("cannot reach ingest-service"),
            HasSubstr("--ingest-addr"), HasSubstr("NEWSINDEX_INGEST_ADDR"),
            HasSubstr(file + ": FAILED: not confirmed")));
  // The ingest port given as the search address.
  CommandResult swapped = RunNewsctl(
      {"--search-addr", ingest_->address(), "search", "walrus"}, work_dir_);
  EXPECT_EQ(swapped.exit_code, 1);
  EXPECT_THAT(swapped.err,
              AllOf(HasSubstr(ingest_->address() +
                              " answers but is not a search-service"),
                    HasSubstr("it is ingest-service")));
  CommandResult health = RunNewsctl(
      {"--search-addr", "127.0.0.1:1", "health", "search"}, work_dir_);
  EXPECT_EQ(health.exit_code, 1);
  EXPECT_THAT(health.err, HasSubstr("NEWSINDEX_SEARCH_ADDR"));
}

TEST_F(NewsctlCliTest, GetShowsEntitiesAndNoEmptySeparators) {
  v1::IngestArticleRequest request = TextArticle(
      "get-1",
      "Walrus colony grows in Norway\n\nA walrus colony near Tromso in "
      "Norway grew this spring, researchers said. Norway and Russia share "
      "their walrus counts every year.");
  ASSERT_TRUE(Ingest(request).ok());
  // No title: the body is sentences only.
  request = TextArticle("get-2",
                        "researchers said the walrus colony near Tromso in "
                        "Norway grew this spring, as it did last year.");
  ASSERT_TRUE(Ingest(request).ok());

  CommandResult one = Newsctl({"get", "get-1"});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_THAT(
      one.out,
      AllOf(HasSubstr("Walrus colony grows in Norway\n"), HasSubstr("Entities"),
            HasSubstr("Norway"), HasSubstr("location"), HasSubstr(" NO "),
            Not(HasSubstr("\u00b7  \u00b7")), Not(HasSubstr("\u00b7 \n"))));
  CommandResult untitled = Newsctl({"get", "get-2"});
  ASSERT_EQ(untitled.exit_code, 0) << untitled.err;
  EXPECT_TRUE(absl::StartsWith(untitled.out, "(untitled)\nget-2"))
      << untitled.out;
  CommandResult hits = Newsctl({"search", "walrus", "--sort", "newest"});
  ASSERT_EQ(hits.exit_code, 0) << hits.err;
  EXPECT_THAT(hits.out,
              AllOf(HasSubstr("(untitled)"), Not(HasSubstr("score"))));
  CommandResult scored = Newsctl({"search", "walrus"});
  EXPECT_THAT(scored.out, HasSubstr("(score "));
}

TEST_F(NewsctlCliTest, UnknownFieldIsNamedNotSpellCorrected) {
  ASSERT_TRUE(Ingest(TextArticle("f-1", GoodText("For ban", "for ban."))).ok());
  CommandResult result = Newsctl({"search", "foo:bar"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("note: foo: is not a query field"));
  EXPECT_THAT(result.out, Not(HasSubstr("did you mean: ")));
  CommandResult typo = Newsctl({"search", "titel:walrus"});
  EXPECT_THAT(typo.out, HasSubstr("(did you mean title:?)"));
}

TEST_F(NewsctlCliTest, FlagsAfterDoubleDashAreNoted) {
  CommandResult result =
      Newsctl({"search", "--limit", "2", "--", "walrus", "--json"});
  EXPECT_NE(result.exit_code, 2) << result.err;
  EXPECT_THAT(result.out, HasSubstr("for: walrus --json"));
  EXPECT_THAT(result.err, HasSubstr("--json comes after -- and is taken as "
                                    "an argument"));
  EXPECT_THAT(result.out, Not(HasSubstr("did you mean")));
}

TEST(NewsctlHelpTest, HelpVersionAndUsageExitCodes) {
  const std::string dir = MakeTempDir("newsctl-help");
  struct Case {
    std::vector<std::string> args;
    int exit_code;
    std::string out;  // expected in stdout
    std::string err;  // expected in stderr
  };
  const Case cases[] = {
      {{"--help"}, 0, "Commands:", ""},
      {{"help"}, 0, "Exit status: 0", ""},
      {{"help", "search"}, 0, "--limit N", ""},
      {{"search", "--help"}, 0, "Examples:", ""},
      {{"ingest", "-h"}, 0, "--batch-size N", ""},
      {{"--version"}, 0, "(commit ", ""},
      {{}, 2, "", "Commands:"},
      {{"help", "frobnicate"}, 2, "", "no command"},
      {{"search", "x", "--limt", "3"}, 2, "", "did you mean --limit?"},
      {{"search", "x", "--limit", "many"}, 2, "", "bad value for --limit"},
      {{"get", "x", "--sort", "newest"}, 2, "", "--sort applies to search"},
      {{"serch", "x"}, 2, "", "did you mean search?"},
  };
  for (const Case& c : cases) {
    CommandResult result = RunNewsctl(c.args, dir);
    const std::string what = c.args.empty() ? "(none)" : c.args[0];
    EXPECT_EQ(result.exit_code, c.exit_code) << what << result.err;
    EXPECT_THAT(result.out, HasSubstr(c.out)) << what;
    EXPECT_THAT(result.err, HasSubstr(c.err)) << what;
    EXPECT_THAT(result.out + result.err, Not(HasSubstr("No flags matched")));
  }
}

// Directories of random files, from a fixed seed per round: every article
// file and every non-blank JSON Lines record gets exactly one line (stored,
// with --verbose, or FAILED), every other entry is listed as skipped, and
// the exit status is 1 exactly when some line is FAILED.
class IngestFuzz {
 public:
  IngestFuzz(uint32_t seed, std::string dir) : rng_(seed), dir_(dir) {}

  void Make(int files) {
    for (int i = 0; i < files; ++i) {
      const std::string sub = Pick(3) == 0 ? "/sub" : "";
      const std::string base = absl::StrCat(dir_, sub, "/f", i);
      switch (Pick(6)) {
        case 0:
          Article(base + ".txt", Text());
          break;
        case 1:
          Article(base + ".html", absl::StrCat("<html><body><p>", Text(),
                                               "</p></body></html>"));
          break;
        case 2:
          Article(base + ".txt", Bytes(Pick(3000)));
          break;
        case 3:
          Jsonl(base + ".jsonl");
          break;
        case 4:  // empty, or over the service's limit
          Article(base + ".txt",
                  Pick(2) == 0
                      ? std::string()
                      : std::string(kMaxArticleBytes + 1 + Pick(100), 'z'));
          break;
        default:
          WriteFile(base + ".bin", Bytes(64));
          skipped_.insert(base + ".bin");
          break;
      }
    }
  }

  const std::set<std::string>& origins() const { return origins_; }
  const std::set<std::string>& skipped() const { return skipped_; }

 private:
  int Pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }

  std::string Bytes(int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += static_cast<char>(Pick(256));
    return out;
  }

  // Words, some Latin-1 or UTF-8 accented, a control character now and then.
  std::string Text() {
    static const char* const kWords[] = {
        "walrus", "Norway", "caf\xe9", "caf\xc3\xa9",  "grain",    "Kazakhstan",
        "the",    "\x01",   "said",    "\xe2\x82\xac", "corridor", "\n\n"};
    std::string out;
    const int n = 5 + Pick(60);
    for (int i = 0; i < n; ++i) absl::StrAppend(&out, kWords[Pick(12)], " ");
    return out;
  }

  void Article(const std::string& path, const std::string& contents) {
    WriteFile(path, contents);
    origins_.insert(path);
  }

  void Jsonl(const std::string& path) {
    std::string contents;
    const int lines = 1 + Pick(6);
    for (int i = 0; i < lines; ++i) {
      switch (Pick(5)) {
        case 0:
          absl::StrAppend(&contents, "{\"text\":\"", Text(), "\"}");
          break;
        case 1:
          absl::StrAppend(&contents, "{\"title\":\"T\",\"text\":\"walrus ",
                          Pick(1000), " in Norway said\"}");
          break;
        case 2:
          absl::StrAppend(&contents, Bytes(Pick(40)));
          break;
        case 3:
          absl::StrAppend(&contents, "   ");
          break;
        default:
          absl::StrAppend(&contents, "{\"id\":", Pick(5), ",\"body\":7}");
          break;
      }
      contents += "\n";
    }
    WriteFile(path, contents);
    int number = 0;
    for (absl::string_view line : absl::StrSplit(contents, '\n')) {
      ++number;
      if (!absl::StripAsciiWhitespace(line).empty()) {
        origins_.insert(absl::StrCat(path, ":", number));
      }
    }
  }

  std::mt19937 rng_;
  std::string dir_;
  std::set<std::string> origins_;
  std::set<std::string> skipped_;
};

TEST_F(NewsctlCliTest, FuzzedDirectoriesLoseNothingSilently) {
  const auto start = std::chrono::steady_clock::now();
  for (uint32_t seed = 1; seed <= 4; ++seed) {
    if (std::chrono::steady_clock::now() - start > std::chrono::seconds(40)) {
      break;  // bounded time: the rounds run so far count
    }
    const std::string dir = absl::StrCat(work_dir_, "/fuzz", seed);
    IngestFuzz fuzz(seed, dir);
    fuzz.Make(20);
    CommandResult result =
        Newsctl({"ingest", dir, "--verbose", "--batch-size=7"});
    ASSERT_NE(result.exit_code, 2) << result.err;
    bool any_failed = false;
    for (const std::string& origin : fuzz.origins()) {
      int lines = 0;
      for (const std::string* stream : {&result.out, &result.err}) {
        for (absl::string_view line : absl::StrSplit(*stream, '\n')) {
          if (!absl::ConsumePrefix(&line, origin + ": ")) continue;
          if (absl::StartsWith(line, "FAILED: ")) {
            ++lines;
            any_failed = true;
          } else if (absl::EndsWith(line, " created") ||
                     absl::EndsWith(line, " updated")) {
            ++lines;
          }
        }
      }
      EXPECT_EQ(lines, 1) << "seed " << seed << ": " << origin << "\n"
                          << result.out << result.err;
    }
    for (const std::string& path : fuzz.skipped()) {
      EXPECT_THAT(result.err, HasSubstr("  " + path + "\n")) << seed;
    }
    EXPECT_EQ(result.exit_code, any_failed ? 1 : 0) << seed << result.err;
  }
}

}  // namespace
}  // namespace newsindex::testing
