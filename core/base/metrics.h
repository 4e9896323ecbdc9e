// The one metric the core updates itself: a count it is handed by the
// service (a null pointer means "not measured"). The core knows no metrics
// library; the services implement this over prometheus-cpp
// (server/metrics_registry.h). Other figures the core reports as plain
// values (stage times, commit statistics) and the services observe them.
#ifndef NEWSINDEX_CORE_BASE_METRICS_H_
#define NEWSINDEX_CORE_BASE_METRICS_H_

#include <cstdint>

namespace newsindex {

// A monotonically increasing count. Implementations are thread-safe.
class Counter {
 public:
  virtual ~Counter() = default;

  virtual void Add(uint64_t n) = 0;
  void Increment() { Add(1); }
};

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_BASE_METRICS_H_
