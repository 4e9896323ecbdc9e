// The writer of a sharded index: one IndexWriter, with its own thread and
// group commit, per shard.
#ifndef NEWSINDEX_CORE_INDEX_SHARDED_INDEX_WRITER_H_
#define NEWSINDEX_CORE_INDEX_SHARDED_INDEX_WRITER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/base/article.h"
#include "core/index/index_writer.h"
#include "core/index/shard_layout.h"

namespace newsindex {

// Routes each operation to the shard ShardForId picks for its article id,
// so an id always lives in one shard and an upsert replaces it there. Each
// shard commits on its own thread: ingest uses as many cores as there are
// shards, and an acknowledgement still means the article's shard
// committed it. A failure in one shard costs only that shard's failed
// article (IndexWriter's guarantee). Near-duplicates are found across
// shards: each shard also looks in the others, as of their last commit, so
// only two near-duplicates written at the same moment to different shards
// can miss each other.
//
// Thread-safe, as IndexWriter.
class ShardedIndexWriter {
 public:
  // Opens every shard of `layout` (IndexWriter::OpenShard) with `options`.
  // FAILED_PRECONDITION when the layout does not match the one the index
  // was created with (shard_layout.h) or a shard is locked by another
  // writer; the first shard's error otherwise, with no shard left open.
  static absl::StatusOr<std::unique_ptr<ShardedIndexWriter>> Open(
      const ShardLayout& layout, const IndexWriterOptions& options);

  ShardedIndexWriter(const ShardedIndexWriter&) = delete;
  ShardedIndexWriter& operator=(const ShardedIndexWriter&) = delete;
  // Calls Close().
  ~ShardedIndexWriter();

  // As IndexWriter::Upsert and Delete, on the article's shard.
  void Upsert(const Article& article, IndexWriter::UpsertDone done,
              IndexWriter::Priority priority = IndexWriter::Priority::kBulk);
  void Delete(const std::string& id, IndexWriter::DeleteDone done,
              IndexWriter::Priority priority = IndexWriter::Priority::kBulk);

  // Closes every shard (IndexWriter::Close). Returns the first error.
  absl::Status Close();

  // Documents in all shards, as of each shard's last commit.
  Xapian::doccount committed_count() const;
  // Documents summed over shards, the sum of the shards' revisions (it
  // grows with every commit of any shard; 0 for remote shards, which do
  // not report one) and the time of the latest commit of any shard.
  CommitInfo last_commit() const;
  // Operations waiting for any shard's writer.
  size_t queued() const;

  const ShardLayout& layout() const { return layout_; }

 private:
  ShardedIndexWriter(ShardLayout layout,
                     std::vector<std::unique_ptr<IndexWriter>> shards);
  IndexWriter& ShardOf(const std::string& id);

  const ShardLayout layout_;
  std::vector<std::unique_ptr<IndexWriter>> shards_;
};

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_INDEX_SHARDED_INDEX_WRITER_H_
