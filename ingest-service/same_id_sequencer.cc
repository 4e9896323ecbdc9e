#include "ingest-service/same_id_sequencer.h"

#include <algorithm>

namespace newsindex {

void SameIdSequencer::Started(int index) {
  absl::MutexLock lock(&mu_);
  preparing_.insert(index);
}

void SameIdSequencer::Abandoned(int index) {
  absl::MutexLock lock(&mu_);
  preparing_.erase(index);
  PruneLocked();
}

std::optional<SameIdSequencer::Superseded> SameIdSequencer::Prepared(
    int index, const std::string& id, Write write) {
  absl::MutexLock lock(&mu_);
  preparing_.erase(index);
  auto it = entries_.try_emplace(id).first;
  Entry& entry = it->second;
  if (index < entry.latest) {
    if (entry.latest_status.has_value()) {
      Superseded done{entry.latest, *entry.latest_status};
      MaybeEraseLocked(it);
      return done;
    }
    superseded_[entry.latest].push_back(index);
    return std::nullopt;
  }
  entry.latest = index;
  entry.latest_status.reset();
  if (entry.writing) {
    if (entry.pending.has_value()) {
      // The pending one is older: superseded, with all it superseded.
      std::vector<int>& mine = superseded_[index];
      mine.push_back(entry.pending->first);
      if (auto older = superseded_.find(entry.pending->first);
          older != superseded_.end()) {
        mine.insert(mine.end(), older->second.begin(), older->second.end());
        superseded_.erase(older);
      }
    }
    entry.pending.emplace(index, std::move(write));
    return std::nullopt;
  }
  entry.writing = true;
  while (true) {
    mu_.Unlock();
    std::move(write)();
    mu_.Lock();
    if (!entry.pending.has_value()) break;
    write = std::move(entry.pending->second);
    entry.pending.reset();
  }
  entry.writing = false;
  MaybeEraseLocked(it);
  PruneLocked();
  return std::nullopt;
}

std::vector<int> SameIdSequencer::Written(int index, const std::string& id,
                                          const absl::Status& status) {
  absl::MutexLock lock(&mu_);
  std::vector<int> superseded;
  if (auto it = superseded_.find(index); it != superseded_.end()) {
    superseded = std::move(it->second);
    superseded_.erase(it);
  }
  if (auto it = entries_.find(id);
      it != entries_.end() && it->second.latest == index) {
    it->second.latest_status = status;
    MaybeEraseLocked(it);
  }
  return superseded;
}

void SameIdSequencer::MaybeEraseLocked(Entries::iterator it) {
  const Entry& entry = it->second;
  if (entry.writing || entry.pending.has_value() ||
      !entry.latest_status.has_value()) {
    return;
  }
  // Item numbers only grow: once no item older than the latest is being
  // prepared, none can ever arrive to be superseded.
  if (preparing_.empty() || *preparing_.begin() > entry.latest) {
    entries_.erase(it);
  }
}

void SameIdSequencer::PruneLocked() {
  if (entries_.size() < prune_at_) return;
  for (auto it = entries_.begin(); it != entries_.end();) {
    auto next = std::next(it);
    MaybeEraseLocked(it);
    it = next;
  }
  prune_at_ = std::max<size_t>(1024, 2 * entries_.size());
}

}  // namespace newsindex
