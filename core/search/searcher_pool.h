// Worker threads that each own a Searcher (and so a Xapian::Database).
#ifndef NEWSINDEX_CORE_SEARCH_SEARCHER_POOL_H_
#define NEWSINDEX_CORE_SEARCH_SEARCHER_POOL_H_

#include <functional>
#include <memory>
#include <vector>

#include "absl/functional/any_invocable.h"
#include "core/base/thread_pool.h"
#include "core/search/searcher.h"

namespace newsindex {

class SearcherPool {
 public:
  using Factory = std::function<std::unique_ptr<Searcher>()>;

  // Starts `threads` workers, each with a Searcher from `factory`.
  SearcherPool(int threads, const Factory& factory);
  SearcherPool(const SearcherPool&) = delete;
  SearcherPool& operator=(const SearcherPool&) = delete;
  // Runs the queued tasks, then joins.
  ~SearcherPool();

  // Runs `task` on a worker with that worker's Searcher. Thread-safe.
  void Run(absl::AnyInvocable<void(Searcher&) &&> task);

  int size() const { return static_cast<int>(searchers_.size()); }

 private:
  std::vector<std::unique_ptr<Searcher>> searchers_;
  std::unique_ptr<ThreadPool> threads_;  // after searchers_: joins first
};

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_SEARCH_SEARCHER_POOL_H_
