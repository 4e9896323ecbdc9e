#include "ingest-service/stream_limits.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace newsindex {

absl::Status StreamSlots::Acquire(const std::string& peer) {
  absl::MutexLock lock(&mu_);
  int& of_peer = per_peer_[peer];
  if (of_peer >= limits_.max_streams_per_connection) {
    if (of_peer == 0) per_peer_.erase(peer);
    return absl::ResourceExhaustedError(
        absl::StrCat("too many open streams on this connection (limit ",
                     limits_.max_streams_per_connection,
                     "); finish one before opening another"));
  }
  if (open_ >= limits_.max_streams) {
    if (of_peer == 0) per_peer_.erase(peer);
    return absl::ResourceExhaustedError(
        absl::StrCat("too many open streams on this service (limit ",
                     limits_.max_streams, "); retry later"));
  }
  ++of_peer;
  ++open_;
  return absl::OkStatus();
}

void StreamSlots::Release(const std::string& peer) {
  absl::MutexLock lock(&mu_);
  auto it = per_peer_.find(peer);
  if (it != per_peer_.end() && --it->second <= 0) per_peer_.erase(it);
  --open_;
}

int StreamSlots::open() const {
  absl::MutexLock lock(&mu_);
  return open_;
}

}  // namespace newsindex
