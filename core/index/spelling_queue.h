// When the writer adds words to the spelling table, and how many at a time.
#ifndef NEWSINDEX_CORE_INDEX_SPELLING_QUEUE_H_
#define NEWSINDEX_CORE_INDEX_SPELLING_QUEUE_H_

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "core/base/clock.h"
#include "core/index/spelling.h"

namespace newsindex {

struct SpellingQueueOptions {
  // Words waiting beyond this are dropped (they cost a did-you-mean
  // suggestion only, never an article).
  size_t max_words = 100000;
  // Under load a round of writes starts once this long has passed since
  // the last round ended, or once `round_words` wait. Longer rounds share
  // more of the table's fragments: each write reads back and rewrites
  // every fragment its new words touch (spelling.h), and the common ones
  // ("ing", "ion") hold thousands of words.
  absl::Duration interval = absl::Seconds(5);
  size_t round_words = 20000;
  // Under load each batch carries one chunk of the round, sized so that
  // adding and reading it back takes about this long: it bounds what the
  // spelling table adds to an acknowledgement's wait.
  absl::Duration chunk_budget = absl::Milliseconds(20);
  size_t first_chunk_words = 256;
  // An idle writer writes every waiting word with the next commit when at
  // most this many wait; else in chunks too.
  size_t idle_words = 5000;
  size_t min_chunk_words = 32;
};

// Words of committed batches waiting for the spelling table, written in
// rounds: a round takes every waiting word (in byte order, so that a chunk's
// words share head and middle fragments) and hands them out in chunks, one
// per batch while operations queue; an idle writer writes a few words at
// once and many in chunks, one commit each (IndexWriter).
// Not thread-safe: the writer thread owns it.
class SpellingQueue {
 public:
  // `clock` measures the interval; not owned, must outlive the queue.
  SpellingQueue(const Clock* clock, SpellingQueueOptions options);

  // Adds a committed batch's words (merged with those already waiting).
  void Add(const SpellingCounts& words);
  // Whether the next batch should carry a chunk: a round is under way, or
  // words wait and the writer is `idle` (nothing queued), or the interval
  // has passed, or round_words wait.
  bool Due(bool idle) const;
  // The words to write with this batch: the next chunk of the round
  // (starting one if none is under way), or, when `idle` and at most
  // idle_words wait, everything. Call Written or Failed before the next
  // call.
  const SpellingCounts& Take(bool idle);
  // The chunk is committed; `took` is what adding and reading it back
  // cost, which sizes the next chunk.
  void Written(absl::Duration took);
  // The chunk was not committed: its words and the rest of the round wait
  // for the next round, which holds other words too, so the fragments it
  // writes differ (spelling.h).
  void Failed();

  // Words not yet written (waiting, in the round or in the chunk).
  size_t size() const;

 private:
  using Word = std::pair<std::string, Xapian::termcount>;
  void StartRound();
  void EndRound();

  const Clock* const clock_;
  const SpellingQueueOptions options_;
  SpellingCounts waiting_;
  std::vector<Word> round_;  // sorted; [next_, end) still to write
  size_t next_ = 0;
  SpellingCounts chunk_;  // handed out by Take, not yet Written
  size_t chunk_words_;
  absl::Time last_round_end_ = absl::InfinitePast();
};

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_INDEX_SPELLING_QUEUE_H_
