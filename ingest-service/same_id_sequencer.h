// SameIdSequencer: within one IngestArticles stream, the last item with a
// given id is the one stored, whatever order the items' preparation
// finishes in. Items are prepared in parallel and a large item finishes
// after a small later one; handing them to the writer as they finish would
// let an earlier version overwrite a later one.
#ifndef NEWSINDEX_INGEST_SERVICE_SAME_ID_SEQUENCER_H_
#define NEWSINDEX_INGEST_SERVICE_SAME_ID_SEQUENCER_H_

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/functional/any_invocable.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"

namespace newsindex {

// Orders the writes of a stream's items per id. Items are numbered in stream
// order. Rules, for items i < j with the same id:
// - j is written and i is not when i's preparation ends after j's (i is
//   "superseded": its outcome is j's, see Written);
// - when both are prepared in order, both are written, i before j (the
//   second write starts only once the first one's Write call returned, which
//   queued it in the writer, so the writer applies them in that order).
// An item is the writer's as soon as its Write call is made; nothing here
// waits on a commit.
//
// Memory: one entry per id while an item older than its latest is still
// being prepared, or while a write of it is being handed over; at most the
// ids of the items read since the oldest one still being prepared.
//
// Thread-safe. Calls `write` callbacks without holding its lock.
class SameIdSequencer {
 public:
  using Write = absl::AnyInvocable<void() &&>;

  // An item whose outcome is another's, already known.
  struct Superseded {
    int by = 0;  // the later item with the same id
    absl::Status status;
  };

  // Item `index` was read; its preparation begins.
  void Started(int index);
  // Item `index` will not be written (its preparation failed).
  void Abandoned(int index);
  // Item `index`, whose id is `id`, is prepared. Either calls `write` on this
  // thread (and then, on this thread too, the writes of later items with
  // `id` that were prepared meanwhile), or keeps it for the thread writing
  // `id` now, or drops it because a later item with `id` is written: then
  // the item's outcome is that item's, returned here when it is known
  // already, else by Written.
  [[nodiscard]] std::optional<Superseded> Prepared(int index,
                                                   const std::string& id,
                                                   Write write);
  // Item `index` (id `id`) was written with `status`. Returns the items it
  // superseded that have no outcome yet: theirs is `status`.
  [[nodiscard]] std::vector<int> Written(int index, const std::string& id,
                                         const absl::Status& status);

 private:
  struct Entry {
    int latest = -1;       // the latest item with this id, written or pending
    bool writing = false;  // a Write call is under way
    std::optional<std::pair<int, Write>> pending;  // next, after that call
    std::optional<absl::Status> latest_status;     // once `latest` is written
  };
  using Entries = std::map<std::string, Entry>;

  // Erases `it` when no item could still be superseded by its latest one.
  void MaybeEraseLocked(Entries::iterator it)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Drops every entry MaybeEraseLocked would, once the map has doubled.
  void PruneLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  absl::Mutex mu_;
  std::set<int> preparing_ ABSL_GUARDED_BY(mu_);
  Entries entries_ ABSL_GUARDED_BY(mu_);  // std::map: stable references
  // Items superseded by a pending or written one, by that one's index.
  std::map<int, std::vector<int>> superseded_ ABSL_GUARDED_BY(mu_);
  size_t prune_at_ ABSL_GUARDED_BY(mu_) = 1024;
};

}  // namespace newsindex

#endif  // NEWSINDEX_INGEST_SERVICE_SAME_ID_SEQUENCER_H_
