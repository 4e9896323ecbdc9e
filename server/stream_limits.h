// Memory limits of client streams: how many may be open, per connection and
// in total (StreamSlots), and how many bytes of their messages may be in
// flight together (ByteBudget). Both are shared by every stream of a
// service and thread-safe.
#ifndef NEWSINDEX_SERVER_STREAM_LIMITS_H_
#define NEWSINDEX_SERVER_STREAM_LIMITS_H_

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"

namespace newsindex {

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
  absl::Status Acquire(const std::string& peer);
  void Release(const std::string& peer);

  int open() const;

 private:
  const StreamLimits limits_;
  mutable absl::Mutex mu_;
  int open_ ABSL_GUARDED_BY(mu_) = 0;
  std::map<std::string, int> per_peer_ ABSL_GUARDED_BY(mu_);
};

// Bytes in flight across streams, with back-pressure: a stream that finds
// the budget spent parks a resume callback instead of reading, and the
// callback runs (on the releasing thread, without locks held) once the
// bytes in use fall below the limit again. In use stays below the limit
// plus one message per open stream.
class ByteBudget {
 public:
  explicit ByteBudget(int64_t limit) : limit_(limit) {}

  // Counts `bytes` of a message already received (always granted: it is in
  // memory already; what the budget bounds is reading more).
  void Charge(int64_t bytes);
  // Charges `bytes` when they fit under the limit, or when nothing is
  // charged (one message is always let through); false, charging nothing,
  // otherwise. For unary calls, which cannot wait to be read.
  [[nodiscard]] bool TryCharge(int64_t bytes);
  // Returns `bytes` charged earlier and resumes parked streams while the
  // budget has room.
  void Release(int64_t bytes);
  // True when the budget has room now; otherwise parks `resume`, which runs
  // exactly once, later, when it has. Never runs `resume` inline.
  bool HasRoomOrPark(std::function<void()> resume);

  int64_t in_use() const;
  int64_t peak() const;
  int64_t limit() const { return limit_; }

 private:
  const int64_t limit_;
  mutable absl::Mutex mu_;
  int64_t in_use_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t peak_ ABSL_GUARDED_BY(mu_) = 0;
  std::deque<std::function<void()>> parked_ ABSL_GUARDED_BY(mu_);
};

}  // namespace newsindex

#endif  // NEWSINDEX_SERVER_STREAM_LIMITS_H_
