#include "core/index/internal/spelling_queue.h"

#include <algorithm>

namespace newsindex {

SpellingQueue::SpellingQueue(const Clock* clock, SpellingQueueOptions options)
    : clock_(clock),
      options_(options),
      chunk_words_(std::max(options.first_chunk_words, size_t{1})) {}

void SpellingQueue::Add(const SpellingCounts& words) {
  const size_t elsewhere = size() - waiting_.size();  // round and chunk
  const size_t room =
      options_.max_words > elsewhere ? options_.max_words - elsewhere : 0;
  MergeSpellings(words, room, &waiting_);
}

bool SpellingQueue::Due(bool idle) const {
  if (next_ < round_.size()) return true;
  if (waiting_.empty()) return false;
  return idle || waiting_.size() >= options_.round_words ||
         clock_->Now() - last_round_end_ >= options_.interval;
}

const SpellingCounts& SpellingQueue::Take(bool idle) {
  // Everything, when idle and not much waits (an article's words go with
  // its own commit); else a piece, so an operation that arrives meanwhile
  // waits for one piece at most.
  return TakePiece(idle && size() <= options_.idle_words);
}

const SpellingCounts& SpellingQueue::TakeAll() {
  return TakePiece(/*all=*/true);
}

const SpellingCounts& SpellingQueue::TakePiece(bool all) {
  piece_.clear();
  if (next_ >= round_.size()) StartRound();
  const size_t left = round_.size() - next_;
  const size_t take = all ? left : std::min(left, chunk_words_);
  if (all) {
    piece_ = std::move(waiting_);
    waiting_.clear();
  }
  for (size_t i = next_; i < next_ + take; ++i) {
    piece_[round_[i].first] += round_[i].second;
  }
  next_ += take;
  MergeSpellings(piece_, piece_.size() + chunk_.size(), &chunk_);
  pieces_ += 1;
  return piece_;
}

void SpellingQueue::Written(absl::Duration took) {
  // The cost per piece sizes the next piece.
  const size_t words = pieces_ > 0 ? chunk_.size() / pieces_ : 0;
  took = pieces_ > 0 ? took / pieces_ : took;
  chunk_.clear();
  piece_.clear();
  pieces_ = 0;
  if (next_ >= round_.size()) EndRound();
  if (words == 0) return;
  // Aim the next chunk at the budget: the cost per word of this one, which
  // is mostly the fragments its words share, scaled.
  const double per_word = absl::ToDoubleMicroseconds(took) / words;
  const double budget = absl::ToDoubleMicroseconds(options_.chunk_budget);
  const double fits = per_word > 0 ? budget / per_word : 2.0 * words;
  // At most double per step, so one cheap chunk does not make the next
  // one huge.
  const double next = std::min(fits, 2.0 * std::max(words, chunk_words_));
  chunk_words_ = std::max(options_.min_chunk_words,
                          static_cast<size_t>(std::min(next, 1e9)));
}

void SpellingQueue::Failed() {
  for (size_t i = next_; i < round_.size(); ++i) {
    chunk_[round_[i].first] += round_[i].second;
  }
  MergeSpellings(chunk_, options_.max_words, &waiting_);
  chunk_.clear();
  piece_.clear();
  pieces_ = 0;
  EndRound();
}

size_t SpellingQueue::size() const {
  return waiting_.size() + (round_.size() - next_) + chunk_.size();
}

void SpellingQueue::StartRound() {
  round_.assign(waiting_.begin(), waiting_.end());
  waiting_.clear();
  std::sort(round_.begin(), round_.end());
  next_ = 0;
}

void SpellingQueue::EndRound() {
  round_.clear();
  next_ = 0;
  last_round_end_ = clock_->Now();
}

}  // namespace newsindex
