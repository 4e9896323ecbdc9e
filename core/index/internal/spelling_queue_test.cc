#include "core/index/internal/spelling_queue.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newsindex {
namespace {

using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

SpellingCounts Words(const std::vector<std::string>& words) {
  SpellingCounts counts;
  for (const std::string& word : words) ++counts[word];
  return counts;
}

SpellingCounts Numbered(int count) {
  SpellingCounts counts;
  for (int i = 0; i < count; ++i) counts[absl::StrCat("w", 1000 + i)] = 1;
  return counts;
}

SpellingQueueOptions Options() {
  SpellingQueueOptions options;
  options.interval = absl::Seconds(5);
  options.round_words = 100;
  options.chunk_budget = absl::Milliseconds(20);
  options.first_chunk_words = 4;
  options.min_chunk_words = 2;
  return options;
}

TEST(SpellingQueueTest, WhenARoundIsDue) {
  struct Case {
    const char* name;
    int words;
    absl::Duration since_last_round;
    bool idle;
    bool due;
  };
  const Case cases[] = {
      {"nothing waits", 0, absl::Seconds(60), true, false},
      {"idle writes at once", 1, absl::ZeroDuration(), true, true},
      {"under load waits for the interval", 1, absl::Seconds(4), false, false},
      {"under load after the interval", 1, absl::Seconds(5), false, true},
      {"under load once round_words wait", 100, absl::ZeroDuration(), false,
       true},
  };
  for (const Case& c : cases) {
    ManualClock clock;
    SpellingQueue queue(&clock, Options());
    // End a first round now, so the interval counts from here.
    queue.Add(Words({"first"}));
    queue.Take(/*idle=*/true);
    queue.Written(absl::Milliseconds(1));
    clock.Advance(c.since_last_round);
    queue.Add(Numbered(c.words));
    EXPECT_EQ(queue.Due(c.idle), c.due) << c.name;
  }
}

TEST(SpellingQueueTest, UnderLoadHandsOutSortedChunksUntilTheRoundEnds) {
  ManualClock clock;
  SpellingQueue queue(&clock, Options());
  queue.Add(Words({"delta", "alpha", "echo", "bravo", "charlie", "alpha"}));
  clock.Advance(absl::Seconds(5));
  ASSERT_TRUE(queue.Due(/*idle=*/false));
  EXPECT_THAT(queue.Take(false),
              UnorderedElementsAre(Pair("alpha", 2), Pair("bravo", 1),
                                   Pair("charlie", 1), Pair("delta", 1)));
  // 4 words in 10 ms: the next chunk may hold 8 (at most double).
  queue.Written(absl::Milliseconds(10));
  // A word that arrives during the round waits for the next one.
  queue.Add(Words({"foxtrot"}));
  ASSERT_TRUE(queue.Due(false));
  EXPECT_THAT(queue.Take(false), UnorderedElementsAre(Pair("echo", 1)));
  queue.Written(absl::Milliseconds(1));
  EXPECT_FALSE(queue.Due(false)) << "the next round waits for the interval";
  EXPECT_EQ(queue.size(), 1u);
  EXPECT_TRUE(queue.Due(/*idle=*/true));
  EXPECT_THAT(queue.Take(true), UnorderedElementsAre(Pair("foxtrot", 1)));
}

TEST(SpellingQueueTest, IdleWithManyWaitingTakesAChunk) {
  ManualClock clock;
  SpellingQueueOptions options = Options();
  options.idle_words = 5;
  SpellingQueue queue(&clock, options);
  queue.Add(Numbered(10));
  EXPECT_TRUE(queue.Due(/*idle=*/true));
  EXPECT_EQ(queue.Take(true).size(), 4u);
  queue.Written(absl::Milliseconds(40));  // 10 ms a word: 2 fit
  EXPECT_EQ(queue.Take(true).size(), 2u);
  queue.Written(absl::Milliseconds(20));
  EXPECT_EQ(queue.Take(true).size(), 4u) << "4 left: all of them";
}

TEST(SpellingQueueTest, ChunksFollowTheBudget) {
  struct Case {
    absl::Duration took;  // for the first chunk of 4 words
    size_t next_chunk;
  };
  const Case cases[] = {
      {absl::Milliseconds(40), 2},  // 10 ms a word: 2 fit in 20 ms
      {absl::Milliseconds(10), 8},  // 2.5 ms a word: 8 fit
      {absl::Milliseconds(1), 8},   // 80 would fit: at most double
      {absl::ZeroDuration(), 8},
      {absl::Seconds(10), 2},  // never below min_chunk_words
  };
  for (const Case& c : cases) {
    ManualClock clock;
    SpellingQueue queue(&clock, Options());
    queue.Add(Numbered(40));
    clock.Advance(absl::Seconds(5));
    ASSERT_EQ(queue.Take(false).size(), 4u);
    queue.Written(c.took);
    EXPECT_EQ(queue.Take(false).size(), c.next_chunk) << c.took;
  }
}

TEST(SpellingQueueTest, SeveralPiecesMakeOneCommit) {
  ManualClock clock;
  SpellingQueue queue(&clock, Options());
  queue.Add(Words({"a1", "a2", "a3", "a4", "b1", "b2", "b3", "b4", "c1"}));
  // Each piece holds only its own words.
  EXPECT_THAT(queue.Take(false),
              UnorderedElementsAre(Pair("a1", 1), Pair("a2", 1), Pair("a3", 1),
                                   Pair("a4", 1)));
  EXPECT_THAT(queue.Take(false),
              UnorderedElementsAre(Pair("b1", 1), Pair("b2", 1), Pair("b3", 1),
                                   Pair("b4", 1)));
  EXPECT_EQ(queue.size(), 9u);
  // Two pieces of 4 words in 80 ms: 10 ms a word, so 2 fit in 20 ms.
  queue.Written(absl::Milliseconds(80));
  EXPECT_EQ(queue.size(), 1u);
  EXPECT_EQ(queue.Take(false).size(), 1u);
  queue.Failed();
  EXPECT_EQ(queue.size(), 1u);
}

// Taking everything: an idle writer with few words waiting, and TakeAll
// whatever waits; both take the rest of the round and what arrived since.
TEST(SpellingQueueTest, EverythingIsTheRestOfTheRoundAndWhatArrivedSince) {
  struct Case {
    const char* name;
    size_t idle_words;
    bool take_all;  // else Take(idle = true)
  };
  const Case cases[] = {
      {"idle with few waiting", 5000, false},
      {"TakeAll with idle alone taking a piece", 0, true},
  };
  for (const Case& c : cases) {
    ManualClock clock;
    SpellingQueueOptions options = Options();
    options.idle_words = c.idle_words;
    SpellingQueue queue(&clock, options);
    queue.Add(Numbered(10));
    EXPECT_EQ(queue.Take(/*idle=*/false).size(), 4u) << c.name;
    queue.Written(absl::Milliseconds(1));
    queue.Add(Words({"later"}));
    // 6 left of the round, and "later".
    EXPECT_EQ((c.take_all ? queue.TakeAll() : queue.Take(true)).size(), 7u)
        << c.name;
    queue.Written(absl::Milliseconds(1));
    EXPECT_EQ(queue.size(), 0u) << c.name;
    EXPECT_FALSE(queue.Due(true)) << c.name;
  }
}

TEST(SpellingQueueTest, AFailedChunkWaitsWithTheRestOfItsRound) {
  ManualClock clock;
  SpellingQueue queue(&clock, Options());
  queue.Add(Numbered(10));
  clock.Advance(absl::Seconds(5));
  EXPECT_EQ(queue.Take(false).size(), 4u);
  queue.Failed();
  EXPECT_EQ(queue.size(), 10u);
  // The round ended: the next waits for the interval (or an idle writer),
  // and holds the words that arrive meanwhile too.
  EXPECT_FALSE(queue.Due(false));
  queue.Add(Words({"new"}));
  EXPECT_EQ(queue.Take(true).size(), 11u);
}

TEST(SpellingQueueTest, KeepsAtMostMaxWords) {
  ManualClock clock;
  SpellingQueueOptions options = Options();
  options.max_words = 6;
  SpellingQueue queue(&clock, options);
  queue.Add(Numbered(4));
  clock.Advance(absl::Seconds(5));
  queue.Take(false);  // 4 words in the chunk
  queue.Add(Words({"a1", "a2", "a3", "a4"}));
  EXPECT_EQ(queue.size(), 6u);
  queue.Add(Words({"w1000"}));  // already counted in the chunk: no room
  EXPECT_EQ(queue.size(), 6u);
  queue.Failed();
  EXPECT_EQ(queue.size(), 6u);
}

TEST(SpellingQueueTest, NothingToTakeGivesAnEmptyChunk) {
  ManualClock clock;
  SpellingQueue queue(&clock, Options());
  EXPECT_THAT(queue.Take(true), IsEmpty());
  queue.Written(absl::ZeroDuration());
  EXPECT_EQ(queue.size(), 0u);
}

}  // namespace
}  // namespace newsindex
