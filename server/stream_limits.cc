#include "server/stream_limits.h"

#include <algorithm>
#include <utility>
#include <vector>

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

void ByteBudget::Charge(int64_t bytes) {
  absl::MutexLock lock(&mu_);
  in_use_ += bytes;
  peak_ = std::max(peak_, in_use_);
}

bool ByteBudget::TryCharge(int64_t bytes) {
  absl::MutexLock lock(&mu_);
  if (in_use_ > 0 && in_use_ + bytes > limit_) return false;
  in_use_ += bytes;
  peak_ = std::max(peak_, in_use_);
  return true;
}

void ByteBudget::Release(int64_t bytes) {
  std::vector<std::function<void()>> resume;
  {
    absl::MutexLock lock(&mu_);
    in_use_ -= bytes;
    // All parked streams resume, each to read one message: resuming one at
    // a time could strand the others when that one finds its stream ended
    // and never charges or releases again. The overshoot is at most one
    // message per open stream.
    if (in_use_ < limit_) {
      for (auto& r : parked_) resume.push_back(std::move(r));
      parked_.clear();
    }
  }
  for (auto& r : resume) r();
}

bool ByteBudget::HasRoomOrPark(std::function<void()> resume) {
  absl::MutexLock lock(&mu_);
  if (in_use_ < limit_) return true;
  parked_.push_back(std::move(resume));
  return false;
}

int64_t ByteBudget::in_use() const {
  absl::MutexLock lock(&mu_);
  return in_use_;
}

int64_t ByteBudget::peak() const {
  absl::MutexLock lock(&mu_);
  return peak_;
}

}  // namespace newsindex
