// Ingest load: articles streamed to IngestService.IngestArticles over
// several concurrent client streams (callback API).
#ifndef NEWSINDEX_BENCH_LOAD_INGEST_LOAD_H_
#define NEWSINDEX_BENCH_LOAD_INGEST_LOAD_H_

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>

#include "bench/load/corpus.h"
#include "nlohmann/json.hpp"

namespace newsindex::bench {

// Records by index; Get must be thread-safe.
class RecordSource {
 public:
  virtual ~RecordSource() = default;
  virtual size_t size() const = 0;
  virtual Record Get(size_t index) const = 0;
};

struct IngestLoadOptions {
  int streams = 4;             // concurrent client streams
  size_t stream_batch = 2000;  // articles per stream before a new one opens
  // When set, becomes true when the first stream ends with no record left
  // to send: from then on fewer streams run. Lets a concurrent measurement
  // stop while the load is still full. Not owned.
  std::atomic<bool>* draining = nullptr;
};

// Sends every record of `source` and waits until each stream's response
// (every article durable or failed). Returns {"articles", "failed",
// "seconds", "articles_per_s", "mb", "mb_per_s", "errors"}: throughput
// counts acknowledged articles over the wall time from the first write to
// the last response.
nlohmann::json RunIngestLoad(std::shared_ptr<grpc::Channel> channel,
                             const RecordSource& source,
                             const IngestLoadOptions& options);

}  // namespace newsindex::bench

#endif  // NEWSINDEX_BENCH_LOAD_INGEST_LOAD_H_
