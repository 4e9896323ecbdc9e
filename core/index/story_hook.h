// How the writer has stories assigned (core/stories implements it; the
// index knows only this interface, so the dependency points down). The
// assignment runs on the writer thread inside the batch's transaction:
// an ack covers the article's story, and the order of assignment is the
// writer's order of operations.
#ifndef NEWSINDEX_CORE_INDEX_STORY_HOOK_H_
#define NEWSINDEX_CORE_INDEX_STORY_HOOK_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/base/article.h"
#include "xapian.h"

namespace newsindex {

// What the assignment reads of one article, computed off the writer
// thread (tokenizing costs); opaque to the writer.
class StoryInput {
 public:
  virtual ~StoryInput() = default;
};

class StoryHook {
 public:
  virtual ~StoryHook() = default;
  // Any thread. Null: the article takes no part in stories.
  virtual std::shared_ptr<const StoryInput> Prepare(
      const Article& article) const = 0;
  // The writer thread, in the open transaction (which a failure of the
  // batch cancels, after which the writer calls again: an implementation
  // keeps no state outside `db`). Returns the article's story id; may
  // write story records to `db`. `peers`: the index's other shards as of
  // their last commit, where candidates are looked for too (a story may
  // have articles in every shard). `duplicate_of`: the id of the article
  // it nearly duplicates, or empty.
  virtual absl::StatusOr<std::string> Assign(
      Xapian::WritableDatabase& db, const std::vector<Xapian::Database>& peers,
      const StoryInput& input, const std::string& duplicate_of) = 0;
  // The writer thread: `article_id` is being deleted.
  virtual absl::Status Remove(Xapian::WritableDatabase& db,
                              const std::string& article_id) = 0;
};

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_INDEX_STORY_HOOK_H_
