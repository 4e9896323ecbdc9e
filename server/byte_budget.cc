#include "server/byte_budget.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace newsindex {

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
