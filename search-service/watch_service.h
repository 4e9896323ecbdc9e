// SearchService.Watch: one server stream per watcher, fed from the index's
// change log (core/search/change_reader.h) on the searcher pool, never on
// a gRPC thread.
//
// A stream reads a batch of matching changes after its cursor (bounded by
// ChangeReadLimits), writes them one by one as the client takes them, and
// only then reads the next batch from where the last one ended. So a
// client that reads slowly holds at most one batch in the service, and
// one that stops reading is caught up from its cursor by reading the log
// again when it resumes: no event is dropped. A stream that has read
// everything parks; the hub's poller wakes parked streams when a shard's
// log grows.
#ifndef NEWSINDEX_SEARCH_SERVICE_WATCH_SERVICE_H_
#define NEWSINDEX_SEARCH_SERVICE_WATCH_SERVICE_H_

#include <memory>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "core/index/shard_layout.h"
#include "core/search/change_reader.h"
#include "core/search/searcher_pool.h"
#include "newsindex/v1/search_service.grpc.pb.h"

namespace newsindex {

// Open Watch streams one search-service serves at most (docs/security.md).
inline constexpr int kMaxWatchStreams = 64;

class WatchStream;

// A Watch call already finished with `status`.
grpc::ServerWriteReactor<v1::WatchEvent>* RejectWatch(
    const grpc::Status& status);

class WatchHub {
 public:
  // `pool` (not owned) must outlive the hub. Polls the shards' change logs
  // every `poll` for streams that wait for changes.
  WatchHub(ShardLayout layout, SearcherPool* pool,
           ChangeReadLimits limits = ChangeReadLimits(),
           absl::Duration poll = absl::Milliseconds(20));
  WatchHub(const WatchHub&) = delete;
  WatchHub& operator=(const WatchHub&) = delete;
  // Stops the poller. Streams still open are not woken any more.
  ~WatchHub();

  // A reactor serving `request` (already authorized and checked against
  // the request limits). RESOURCE_EXHAUSTED at kMaxWatchStreams.
  grpc::ServerWriteReactor<v1::WatchEvent>* Start(
      grpc::CallbackServerContext* context, const v1::WatchRequest& request);

  // For WatchStream: wake `stream` at the next change of the log.
  void Park(std::shared_ptr<WatchStream> stream, WatchCursor at);
  void StreamEnded();
  SearcherPool* pool() const { return pool_; }
  const ChangeReadLimits& limits() const { return limits_; }

 private:
  void Poll();

  const ShardLayout layout_;
  SearcherPool* const pool_;
  const ChangeReadLimits limits_;
  const absl::Duration poll_;
  absl::Mutex mu_;
  // Streams that read up to `at` and wait for the log to pass it.
  struct Parked {
    std::shared_ptr<WatchStream> stream;
    WatchCursor at;
  };
  std::vector<Parked> parked_ ABSL_GUARDED_BY(mu_);
  int open_streams_ ABSL_GUARDED_BY(mu_) = 0;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread poller_;
};

}  // namespace newsindex

#endif  // NEWSINDEX_SEARCH_SERVICE_WATCH_SERVICE_H_
