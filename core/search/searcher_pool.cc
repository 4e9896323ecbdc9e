#include "core/search/searcher_pool.h"

#include <algorithm>

namespace newsindex {
namespace {

// The Searcher of the pool worker this thread is, if any.
thread_local Searcher* current_searcher = nullptr;

}  // namespace

SearcherPool::SearcherPool(int threads, const Factory& factory) {
  threads = std::max(1, threads);
  for (int i = 0; i < threads; ++i) searchers_.push_back(factory());
  threads_ = std::make_unique<ThreadPool>(threads, [this](int index) {
    current_searcher = searchers_[index].get();
  });
}

SearcherPool::~SearcherPool() { threads_.reset(); }

void SearcherPool::Run(absl::AnyInvocable<void(Searcher&) &&> task) {
  threads_->Schedule([task = std::move(task)]() mutable {
    std::move(task)(*current_searcher);
  });
}

}  // namespace newsindex
