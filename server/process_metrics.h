// Figures about the running process and its build, read at scrape time from
// /proc/self (Linux), under the names Prometheus client libraries use.
#ifndef NEWSINDEX_SERVER_PROCESS_METRICS_H_
#define NEWSINDEX_SERVER_PROCESS_METRICS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/index/shard_layout.h"
#include "server/metrics_registry.h"

namespace newsindex {

// process_cpu_seconds_total, process_resident_memory_bytes,
// process_virtual_memory_bytes, process_open_fds, process_max_fds,
// process_threads, process_start_time_seconds. A figure /proc does not
// give is left out. Thread-safe.
std::vector<CollectedSample> CollectProcessMetrics();

// newsindex_build_info{service,version,commit} 1.
std::vector<CollectedSample> BuildInfo(const std::string& service);

// Bytes of the regular files under `path` (recursively); 0 when it does not
// exist. For the database's size on disk.
uint64_t DirectoryBytes(const std::string& path);
// DirectoryBytes summed over the local shards of `layout` (remote shards'
// files are on other machines).
uint64_t LocalShardBytes(const ShardLayout& layout);

}  // namespace newsindex

#endif  // NEWSINDEX_SERVER_PROCESS_METRICS_H_
