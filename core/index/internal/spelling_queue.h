// When the writer adds words to the spelling table, and how many at a time.
#ifndef NEWSINDEX_CORE_INDEX_INTERNAL_SPELLING_QUEUE_H_
#define NEWSINDEX_CORE_INDEX_INTERNAL_SPELLING_QUEUE_H_

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
  // suggestion only, never an article). Under bulk load the words may fall
  // behind the articles (bulk_share) and catch up when the load stops; a
  // word takes about 50 bytes here, so this bounds the queue near 25 MB.
  size_t max_words = 500000;
  // Under load a round of writes starts once this long has passed since
  // the last round ended, or once `round_words` wait. Longer rounds share
  // more of the table's fragments: each write reads back and rewrites
  // every fragment its new words touch (spelling.h), and the common ones
  // ("ing", "ion") hold thousands of words.
  absl::Duration interval = absl::Seconds(5);
  size_t round_words = 20000;
  // Words are added in pieces sized so that adding and reading one back
  // takes about this long. A batch holding a unary call adds one piece; a
  // batch adds no further piece once a unary call waits; so the spelling
  // table adds about this much to an acknowledgement at most.
  absl::Duration chunk_budget = absl::Milliseconds(20);
  // A batch of stream articles only adds pieces until it has spent this
  // share of its own applying time on them, so that under bulk load, with
  // batches of up to a second, the words keep up with the articles.
  double bulk_share = 0.1;
  // While nothing is queued (after a load), pieces are committed on their
  // own, up to this long per commit, stopping once an operation arrives.
  absl::Duration alone_budget = absl::Milliseconds(100);
  size_t first_chunk_words = 256;
  // An idle writer writes every waiting word with the next commit when at
  // most this many wait; else in chunks too.
  size_t idle_words = 5000;
  size_t min_chunk_words = 32;
};

// Words of committed batches waiting for the spelling table, written in
// rounds: a round takes every waiting word (in byte order, so that a
// piece's words share head and middle fragments) and hands them out in
// pieces, which IndexWriter adds to its batches' commits, or commits on
// their own while nothing is queued; an idle writer takes a few words at
// once.
// Not thread-safe: the writer thread owns it.
class SpellingQueue {
 public:
  // `clock` measures the interval; not owned, must outlive the queue.
  SpellingQueue(const Clock* clock, SpellingQueueOptions options);

  // Adds a committed batch's words (merged with those already waiting).
  void Add(const SpellingCounts& words);
  // Whether the next batch should carry a piece: a round is under way, or
  // words wait and the writer is `idle` (nothing queued), or the interval
  // has passed, or round_words wait.
  bool Due(bool idle) const;
  // The next piece of words to add to the open transaction: the next
  // chunk of the round (starting one if none is under way), sized so that
  // adding and reading it back takes about chunk_budget, or, when `idle`
  // and at most idle_words wait, everything. A commit may take several
  // pieces (only the words new to this call are returned); Written or
  // Failed then covers them all.
  const SpellingCounts& Take(bool idle);
  // Every word not yet written, at once (the writer is closing).
  const SpellingCounts& TakeAll();
  // The pieces taken since the last Written or Failed are committed;
  // `took` is what adding and reading them back cost, which sizes the next
  // piece.
  void Written(absl::Duration took);
  // The pieces were not committed: their words and the rest of the round wait
  // for the next round, which holds other words too, so the fragments it
  // writes differ (spelling.h).
  void Failed();

  // Words not yet written (waiting, in the round or in the chunk).
  size_t size() const;

 private:
  using Word = std::pair<std::string, Xapian::termcount>;
  const SpellingCounts& TakePiece(bool all);
  void StartRound();
  void EndRound();

  const Clock* const clock_;
  const SpellingQueueOptions options_;
  SpellingCounts waiting_;
  std::vector<Word> round_;  // sorted; [next_, end) still to write
  size_t next_ = 0;
  SpellingCounts chunk_;  // handed out by Take since the last Written
  SpellingCounts piece_;  // handed out by the last Take
  size_t pieces_ = 0;     // Takes since the last Written or Failed
  size_t chunk_words_;
  absl::Time last_round_end_ = absl::InfinitePast();
};

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_INDEX_INTERNAL_SPELLING_QUEUE_H_
