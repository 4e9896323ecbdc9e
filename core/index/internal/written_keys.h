// Keys the index writer knows it has already written, so per-article
// upkeep (entity catalog, autocomplete keys) can skip a Xapian lookup for
// the common case of an entity seen before.
#ifndef NEWSINDEX_CORE_INDEX_INTERNAL_WRITTEN_KEYS_H_
#define NEWSINDEX_CORE_INDEX_INTERNAL_WRITTEN_KEYS_H_

#include <cstddef>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/string_view.h"

namespace newsindex {

// A bounded set of strings. Only a cache: a key it lacks may still be in
// the database, so callers fall back to reading it. It forgets everything
// when it would grow past `max_keys`, and must be cleared when written
// but uncommitted changes are discarded (a failed commit). Not
// thread-safe: owned by the writer thread.
class WrittenKeys {
 public:
  explicit WrittenKeys(size_t max_keys = size_t{1} << 20)
      : max_keys_(max_keys) {}
  WrittenKeys(const WrittenKeys&) = delete;
  WrittenKeys& operator=(const WrittenKeys&) = delete;

  bool Contains(absl::string_view key) const { return keys_.contains(key); }
  void Insert(absl::string_view key) {
    if (keys_.size() >= max_keys_) keys_.clear();
    keys_.emplace(key);
  }
  void Clear() { keys_.clear(); }
  size_t size() const { return keys_.size(); }

 private:
  const size_t max_keys_;
  absl::flat_hash_set<std::string> keys_;
};

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_INDEX_INTERNAL_WRITTEN_KEYS_H_
