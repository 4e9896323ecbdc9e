#include "core/text/simhash.h"

#include <fstream>
#include <sstream>
#include <vector>

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "core/normalize/normalizer.h"
#include "gtest/gtest.h"

namespace newsindex {
namespace {

TEST(SimhashTest, HexRoundTrip) {
  for (uint64_t v :
       {uint64_t{0}, uint64_t{1}, uint64_t{0xdeadbeefcafef00d}, ~uint64_t{0}}) {
    const std::string hex = SimhashToHex(v);
    EXPECT_EQ(hex.size(), 16u);
    EXPECT_EQ(ParseSimhash(hex), v);
  }
  EXPECT_EQ(SimhashToHex(0xab), "00000000000000ab");
  EXPECT_EQ(ParseSimhash("DEADBEEFCAFEF00D"), 0xdeadbeefcafef00dULL);
  EXPECT_EQ(ParseSimhash("123"), 0u);
  EXPECT_EQ(ParseSimhash("zzzzzzzzzzzzzzzz"), 0u);
  EXPECT_EQ(ParseSimhash("0123456789abcdef0"), 0u);
}

TEST(SimhashTest, Distance) {
  EXPECT_EQ(SimhashDistance(0, 0), 0);
  EXPECT_EQ(SimhashDistance(0, ~uint64_t{0}), 64);
  EXPECT_EQ(SimhashDistance(0b1011, 0b0001), 2);
}

TEST(SimhashTest, StableAndFoldingInsensitive) {
  const std::string a =
      "Russia\xE2\x80\x99s envoy said the \xE2\x80\x9C"
      "deal\xE2\x80\x9D is "
      "close \xE2\x80\x94"
      " officials agreed.";
  const std::string b =
      "RUSSIA'S envoy said the \"deal\" is close - officials agreed.";
  EXPECT_EQ(ComputeSimhash(a), ComputeSimhash(b));
  EXPECT_EQ(ComputeSimhash(a), ComputeSimhash(a));
  // A fixed value: the signature must not change across runs or builds.
  EXPECT_EQ(SimhashToHex(ComputeSimhash("the quick brown fox jumps")),
            SimhashToHex(ComputeSimhash("The  quick brown\nfox jumps!")));
  EXPECT_EQ(ComputeSimhash(""), 0u);
  EXPECT_EQ(ComputeSimhash("  ...  "), 0u);
  EXPECT_NE(ComputeSimhash("short"), 0u);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

uint64_t BodySimhash(const std::string& text) {
  RawArticle raw;
  raw.content = text;
  absl::StatusOr<NormalizedArticle> n =
      Normalizer().Normalize(raw, absl::Now());
  EXPECT_TRUE(n.ok()) << n.status();
  return n.ok() ? ParseSimhash(n->article.simhash) : 0;
}

// The same story with other page furniture around it.
std::string Rescrape(const std::string& text) {
  return "Home\nWorld\nShare this article\nAdvertisement\n" + text +
         "\n\nYou may also like\nMarkets Rally as Oil Falls\n"
         "Copyright 2026 Other Media Group\n";
}

// Small edits: every 60th word changed, the second-to-last line dropped.
std::string Edit(const std::string& text) {
  std::vector<std::string> lines = absl::StrSplit(text, '\n');
  int kept_lines = 0;
  for (const std::string& l : lines) kept_lines += l.size() > 80;
  std::vector<std::string> out;
  int long_seen = 0;
  for (const std::string& l : lines) {
    if (l.size() > 80 && ++long_seen == kept_lines - 1) continue;
    std::vector<std::string> words = absl::StrSplit(l, ' ');
    for (size_t i = 30; i < words.size(); i += 60) words[i] = "edited";
    out.push_back(absl::StrJoin(words, " "));
  }
  return absl::StrJoin(out, "\n");
}

class SeedSimhashTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string dir =
        std::string(NEWSINDEX_SHARED_DIR) + "/corpus/seeds/";
    for (const char* name :
         {"000_deb7b12dec5643be.txt", "001_d51ae0c6fbdb9697.txt",
          "002_d73f25c2c91ab1c7.txt", "003_b6fe9083fad07963.txt",
          "004_09820341aaa6bd1e.txt"}) {
      std::string text = ReadFile(dir + name);
      if (text.empty()) {
        GTEST_SKIP() << "seed corpus not found under " << dir
                     << " (../shared is not mounted)";
      }
      seeds_.push_back(text);
    }
  }
  std::vector<std::string> seeds_;
};

// The threshold separates re-scrapes and small edits (near duplicates)
// from different stories on the same topic (the five seeds are all about
// Russia and the Taliban).
TEST_F(SeedSimhashTest, ThresholdSeparatesDuplicatesFromSameTopicStories) {
  int max_duplicate = 0, min_different = 64;
  std::vector<uint64_t> h;
  for (const std::string& seed : seeds_) {
    h.push_back(BodySimhash(seed));
    const int rescrape = SimhashDistance(h.back(), BodySimhash(Rescrape(seed)));
    const int edited = SimhashDistance(h.back(), BodySimhash(Edit(seed)));
    EXPECT_LE(rescrape, kNearDuplicateMaxDistance);
    EXPECT_LE(edited, kNearDuplicateMaxDistance);
    max_duplicate = std::max({max_duplicate, rescrape, edited});
  }
  for (size_t i = 0; i < h.size(); ++i) {
    for (size_t j = i + 1; j < h.size(); ++j) {
      const int d = SimhashDistance(h[i], h[j]);
      EXPECT_GT(d, kNearDuplicateMaxDistance) << i << " vs " << j;
      min_different = std::min(min_different, d);
    }
  }
  std::cout << "near duplicates: max distance " << max_duplicate
            << "; different stories: min distance " << min_different << "\n";
}

}  // namespace
}  // namespace newsindex
