// Memory limits of client streams: how many may be open, per connection and
// in total (StreamSlots), and how many bytes of their messages may be in
// flight together (a server/byte_budget.h ByteBudget). Both are shared by
// every stream of a service and thread-safe.
#ifndef NEWSINDEX_INGEST_SERVICE_STREAM_LIMITS_H_
#define NEWSINDEX_INGEST_SERVICE_STREAM_LIMITS_H_

#include <cstdint>
#include <map>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "server/byte_budget.h"

namespace newsindex {

// Default of ingest-service's --max-article-bytes.
inline constexpr int64_t kDefaultMaxArticleBytes = 2 * 1024 * 1024;

struct StreamLimits {
  // Open streams of one connection (one client peer address) and of the
  // whole service; a stream beyond either is refused.
  int max_streams_per_connection = 16;
  int max_streams = 64;
  // Bytes of stream messages read and not yet answered, across all
  // streams. Past it no stream reads its next message until some complete.
  int64_t max_in_flight_bytes = 64 * 1024 * 1024;
  // Result entries in one stream's reply (see IngestArticlesResponse).
  int max_stream_results = 10000;
};

// Counts open streams per connection and in total.
class StreamSlots {
 public:
  explicit StreamSlots(const StreamLimits& limits) : limits_(limits) {}

  // Takes a slot for a stream of `peer`, or RESOURCE_EXHAUSTED naming the
  // limit. Every OK must be paired with one Release(peer).
  absl::Status Acquire(const std::string& peer) ABSL_LOCKS_EXCLUDED(mu_);
  void Release(const std::string& peer);

  int open() const ABSL_LOCKS_EXCLUDED(mu_);

 private:
  const StreamLimits limits_;
  mutable absl::Mutex mu_;
  int open_ ABSL_GUARDED_BY(mu_) = 0;
  std::map<std::string, int> per_peer_ ABSL_GUARDED_BY(mu_);
};

}  // namespace newsindex

#endif  // NEWSINDEX_INGEST_SERVICE_STREAM_LIMITS_H_
