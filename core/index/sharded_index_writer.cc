#include "core/index/sharded_index_writer.h"

#include <algorithm>
#include <utility>

namespace newsindex {

absl::StatusOr<std::unique_ptr<ShardedIndexWriter>> ShardedIndexWriter::Open(
    const ShardLayout& layout, const IndexWriterOptions& options) {
  if (absl::Status s = CheckLayoutOnDisk(layout); !s.ok()) return s;
  std::vector<std::unique_ptr<IndexWriter>> shards;
  const size_t count = layout.shards.size();
  for (size_t i = 0; i < count; ++i) {
    IndexWriterOptions shard_options = options;
    for (size_t peer = 0; peer < count; ++peer) {
      if (peer != i) {
        shard_options.near_duplicate_peers.push_back(layout.shards[peer]);
      }
    }
    absl::StatusOr<std::unique_ptr<IndexWriter>> shard =
        IndexWriter::OpenShard(layout.shards[i], i, count, shard_options);
    if (!shard.ok()) return shard.status();  // opened shards close here
    shards.push_back(*std::move(shard));
  }
  return std::unique_ptr<ShardedIndexWriter>(
      new ShardedIndexWriter(layout, std::move(shards)));
}

ShardedIndexWriter::ShardedIndexWriter(
    ShardLayout layout, std::vector<std::unique_ptr<IndexWriter>> shards)
    : layout_(std::move(layout)), shards_(std::move(shards)) {}

ShardedIndexWriter::~ShardedIndexWriter() { Close().IgnoreError(); }

IndexWriter& ShardedIndexWriter::ShardOf(const std::string& id) {
  return *shards_[ShardForId(id, shards_.size())];
}

void ShardedIndexWriter::Upsert(const Article& article,
                                IndexWriter::UpsertDone done,
                                IndexWriter::Priority priority) {
  ShardOf(article.id).Upsert(article, std::move(done), priority);
}

void ShardedIndexWriter::Delete(const std::string& id,
                                IndexWriter::DeleteDone done,
                                IndexWriter::Priority priority) {
  ShardOf(id).Delete(id, std::move(done), priority);
}

absl::Status ShardedIndexWriter::Close() {
  absl::Status first;
  for (const std::unique_ptr<IndexWriter>& shard : shards_) {
    first.Update(shard->Close());
  }
  return first;
}

Xapian::doccount ShardedIndexWriter::committed_count() const {
  Xapian::doccount total = 0;
  for (const std::unique_ptr<IndexWriter>& shard : shards_) {
    total += shard->committed_count();
  }
  return total;
}

CommitInfo ShardedIndexWriter::last_commit() const {
  CommitInfo total;
  for (const std::unique_ptr<IndexWriter>& shard : shards_) {
    const CommitInfo info = shard->last_commit();
    total.documents += info.documents;
    total.revision += info.revision;
    total.time = std::max(total.time, info.time);
  }
  return total;
}

size_t ShardedIndexWriter::queued() const {
  size_t total = 0;
  for (const std::unique_ptr<IndexWriter>& shard : shards_) {
    total += shard->queued();
  }
  return total;
}

}  // namespace newsindex
