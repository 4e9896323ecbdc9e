// A budget of bytes held at once, shared by the calls of a service:
// ingest-service's stream messages read and not yet answered, and
// search-service's replies finished and not yet read by their clients.
// Thread-safe.
#ifndef NEWSINDEX_SERVER_BYTE_BUDGET_H_
#define NEWSINDEX_SERVER_BYTE_BUDGET_H_

#include <cstdint>
#include <deque>
#include <functional>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace newsindex {

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
  void Charge(int64_t bytes) ABSL_LOCKS_EXCLUDED(mu_);
  // Charges `bytes` when they fit under the limit, or when nothing is
  // charged (one message is always let through); false, charging nothing,
  // otherwise. For unary calls, which cannot wait to be read.
  [[nodiscard]] bool TryCharge(int64_t bytes) ABSL_LOCKS_EXCLUDED(mu_);
  // Returns `bytes` charged earlier and resumes parked streams while the
  // budget has room.
  void Release(int64_t bytes) ABSL_LOCKS_EXCLUDED(mu_);
  // True when the budget has room now; otherwise parks `resume`, which runs
  // exactly once, later, when it has. Never runs `resume` inline.
  bool HasRoomOrPark(std::function<void()> resume) ABSL_LOCKS_EXCLUDED(mu_);

  int64_t in_use() const ABSL_LOCKS_EXCLUDED(mu_);
  int64_t peak() const ABSL_LOCKS_EXCLUDED(mu_);
  int64_t limit() const { return limit_; }

 private:
  const int64_t limit_;
  mutable absl::Mutex mu_;
  int64_t in_use_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t peak_ ABSL_GUARDED_BY(mu_) = 0;
  std::deque<std::function<void()>> parked_ ABSL_GUARDED_BY(mu_);
};

}  // namespace newsindex

#endif  // NEWSINDEX_SERVER_BYTE_BUDGET_H_
