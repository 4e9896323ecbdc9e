// The single writer of a newsindex database.
#ifndef NEWSINDEX_CORE_INDEX_INDEX_WRITER_H_
#define NEWSINDEX_CORE_INDEX_INDEX_WRITER_H_

#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/functional/any_invocable.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "core/base/article.h"
#include "core/base/clock.h"
#include "core/entities/gazetteer.h"
#include "core/index/internal/catalog_names.h"
#include "core/index/internal/spelling_queue.h"
#include "core/index/internal/written_keys.h"
#include "core/index/near_duplicates.h"
#include "core/index/shard_layout.h"
#include "core/index/spelling.h"
#include "xapian.h"

namespace newsindex {

// One group commit, as the writer thread saw it; for metrics.
struct CommitStats {
  size_t operations = 0;       // upserts and deletes applied in the batch
  absl::Duration commit_time;  // applying the batch and committing it
  bool ok = false;
};

// The database as of the last successful commit.
struct CommitInfo {
  Xapian::doccount documents = 0;
  Xapian::rev revision = 0;
  absl::Time time = absl::InfinitePast();  // of this writer's last commit
};

struct IndexWriterOptions {
  // Most operations applied under one commit. A commit's cost grows much
  // more slowly than its size, so bigger batches mean less work per article.
  size_t max_batch = 4000;
  // Longest the writer keeps a batch holding an interactive operation
  // open: once this long has passed since the operation queued, it takes
  // no further operation and commits.
  // Bounds how long an interactive operation waits for its commit (about
  // this plus one commit, or two commits) whatever is queued in front
  // (docs/BENCHMARKS.md, "Ack latency under load"). Every batch holds at
  // least one operation. absl::InfiniteDuration(): no time bound at all.
  absl::Duration max_batch_delay = absl::Milliseconds(50);
  // The same for a batch of bulk operations only (streams): longer, because
  // each commit costs a sync and a rewrite of every posting list the batch
  // touches, so under bulk load bigger batches ingest faster (about 15%
  // on the whole corpus against 100 ms), while a stream article still
  // becomes searchable within about this plus one commit. Never shorter
  // than max_batch_delay.
  absl::Duration max_bulk_batch_delay = absl::Seconds(1);
  // Measures max_batch_delay; null: a monotonic clock. Not owned, must
  // outlive the writer. Tests inject one to cut batches deterministically.
  const Clock* clock = nullptr;
  // Operations waiting for the writer beyond which new ones are refused with
  // RESOURCE_EXHAUSTED (backpressure instead of unbounded memory).
  size_t max_queue = 20000;
  // Entity knowledge whose aliases the entity catalog records for each
  // entity it sees first (see entity_catalog.h); may be null; not owned,
  // must outlive the writer.
  const Gazetteer* entity_knowledge = nullptr;
  // For tests only: called on the writer thread after an upsert's document
  // is added and before its catalog entries are written; may throw, to
  // inject a failure into the middle of a batch.
  std::function<void(const std::string& article_id)> after_add_for_test;
  // When set, runs on the writer thread after each commit, before the
  // operations' callbacks; must be cheap and must not call the writer.
  std::function<void(const CommitStats&)> on_commit;
  // The index's other shards, where near-duplicates of this shard's
  // articles are looked for too (near_duplicates.h), as of their last
  // commit: ShardedIndexWriter sets them. A peer that cannot be opened is
  // skipped until it can.
  std::vector<ShardLocation> near_duplicate_peers;
  // Names the extractor may link to at ingest (learned_names.h): filled
  // from the database's catalog on Open, then with every committed
  // article's entities. May be null; not owned, must outlive the writer.
  CatalogNames* learned_names = nullptr;
  // When the batches' words go to the spelling table (spelling_queue.h).
  SpellingQueueOptions spellings;
};

// What an upsert did, once durable.
struct UpsertResult {
  bool created = false;  // false: an article with this id was replaced
  // Id of an earlier article this one nearly duplicates, else empty.
  std::string duplicate_of;
  // The near-duplicate cluster the article joined or started.
  std::string cluster_key;
};

// Owns the Xapian::WritableDatabase and the one thread that touches it.
// Operations from any thread queue to that thread, which applies what has
// queued, up to IndexWriterOptions::max_batch operations or
// max_batch_delay, commits once (group commit) and only then reports each
// operation's outcome: a successful callback means the change is durable.
// Interactive operations (a caller waiting on one article) are applied
// before any queued bulk one (streams), in arrival order within each kind,
// so that they never wait behind a bulk backlog; bulk operations wait only
// while interactive ones are queued.
// An operation that fails (any exception, Xapian's or not) fails alone: the
// batch is applied in a transaction, and on a failure the transaction is
// cancelled and the batch applied again without the failed operation, so
// an error never costs another article and never leaves part of the failed
// one behind. Every term is at most schema::kMaxTermBytes (long values are
// hashed, see schema::PrefixedTerm); an article whose document still holds
// a longer term is refused with INVALID_ARGUMENT before it is queued.
//
// Thread-safe. Callbacks run on the writer thread and must not block long.
class IndexWriter {
 public:
  using UpsertDone = absl::AnyInvocable<void(absl::StatusOr<UpsertResult>) &&>;
  using DeleteDone = absl::AnyInvocable<void(absl::Status) &&>;
  // Which queue an operation joins (see the class comment).
  enum class Priority { kBulk, kInteractive };

  // Opens or creates the database in directory `path` (an unsharded
  // index) and starts the writer thread. FAILED_PRECONDITION when another
  // writer holds the database's lock or the database is a shard of a
  // sharded index; other errors when the directory cannot be created or
  // opened.
  static absl::StatusOr<std::unique_ptr<IndexWriter>> Open(
      const std::string& path, IndexWriterOptions options = {});
  // Opens shard `index` of `count` at `location`: a directory, created if
  // needed, or a xapian-tcpsrv started with --writable. The database must
  // have been created as that shard (shard_layout.h: FAILED_PRECONDITION
  // otherwise) or be new. A remote database has no synonym table: aliases
  // are then kept in the catalog's metadata only (catalog_store.h).
  static absl::StatusOr<std::unique_ptr<IndexWriter>> OpenShard(
      const ShardLocation& location, size_t index, size_t count,
      IndexWriterOptions options = {});

  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;
  // Calls Close().
  ~IndexWriter();

  // Adds `article`, replacing any article with the same id, and records its
  // entities in the entity catalog (entity_catalog.h) and its
  // near-duplicate cluster (near_duplicates.h) in the same commit. Its words
  // reach the spelling table for did-you-mean with that commit when the
  // writer is idle, else within a later one (spelling_queue.h).
  // The document is built on the calling thread so that callers in
  // parallel share the work.
  void Upsert(const Article& article, UpsertDone done,
              Priority priority = Priority::kBulk) ABSL_LOCKS_EXCLUDED(mu_);
  // Deletes the article with `id`: NOT_FOUND when there is none.
  void Delete(const std::string& id, DeleteDone done,
              Priority priority = Priority::kBulk) ABSL_LOCKS_EXCLUDED(mu_);

  // Refuses new operations (UNAVAILABLE), applies and commits every queued
  // one, and stops the writer thread. Idempotent. Returns the last commit's
  // status.
  absl::Status Close() ABSL_LOCKS_EXCLUDED(mu_);

  // Number of documents, as of the last commit.
  Xapian::doccount committed_count() const ABSL_LOCKS_EXCLUDED(mu_);
  // Documents, revision and time of the last commit.
  CommitInfo last_commit() const ABSL_LOCKS_EXCLUDED(mu_);
  // Operations waiting for the writer thread.
  size_t queued() const ABSL_LOCKS_EXCLUDED(mu_);

 private:
  struct Operation {
    std::string id_term;
    std::optional<Xapian::Document> document;  // empty for a delete
    std::vector<ArticleEntity> entities;       // for the entity catalog
    std::string article_id;
    uint64_t simhash = 0;
    std::string cluster_term;  // stamped by the last pass, if any
    UpsertDone upsert_done;
    DeleteDone delete_done;
    Priority priority = Priority::kBulk;
    absl::Time queued_at;  // on clock_
  };
  // One batch as the writer thread applies it.
  struct Batch;

  IndexWriter(ShardLocation location, Xapian::WritableDatabase db,
              IndexWriterOptions options);
  void Enqueue(Operation op) ABSL_LOCKS_EXCLUDED(mu_);
  void Run();
  // Blocks until an operation is queued or the writer closes, unless
  // `spellings_pending`; false once closing with nothing queued and no
  // spelling words pending.
  bool WaitForWork(bool spellings_pending) ABSL_LOCKS_EXCLUDED(mu_);
  // With nothing queued: commits pieces of the pending spelling words in
  // a commit of their own (all of them when `closing`). False when that
  // failed (the words wait for a later round).
  [[nodiscard]] bool WriteSpellingsAlone(bool closing) ABSL_LOCKS_EXCLUDED(mu_);
  // Adds pieces of the waiting spelling words to the open transaction
  // (SpellingQueue::Take) until they took `budget` (at least one piece),
  // the round is done, or an interactive operation (with
  // `stop_when_any_queued`, any operation) waits. Returns the time taken;
  // nullopt after a failed piece (the transaction was dropped, Reopen).
  [[nodiscard]] std::optional<absl::Duration> WriteSpellingPieces(
      bool idle, absl::Duration budget, bool stop_when_any_queued)
      ABSL_LOCKS_EXCLUDED(mu_);
  // Whether an interactive operation (with `any`, any operation) is queued.
  bool OperationsWaiting(bool any) const ABSL_LOCKS_EXCLUDED(mu_);
  // Whether Close has begun.
  bool Closing() const ABSL_LOCKS_EXCLUDED(mu_);
  // Records a successful commit's documents, revision and time.
  void RecordCommit() ABSL_LOCKS_EXCLUDED(mu_);
  // Moves the next queued operation (interactive first) to the end of
  // `batch`; false when none is queued.
  [[nodiscard]] bool TakeNext(Batch& batch) ABSL_LOCKS_EXCLUDED(mu_);
  // True when `batch` may take another operation: it is empty, or it is
  // under max_batch and before its deadline: max_bulk_batch_delay after it
  // began, or max_batch_delay after the arrival of an interactive
  // operation it holds.
  bool HasRoom(const Batch& batch) const;
  using Outcome = absl::StatusOr<UpsertResult>;
  // Takes operations from the queues while the batch has room, applies
  // them, commits and reports each outcome.
  void ApplyBatch() ABSL_LOCKS_EXCLUDED(mu_);
  // Inside a transaction, applies each operation of `batch` not marked
  // failed, those already in it first (a pass after a failure), then new
  // ones from the queues while the batch has room. Returns the index of
  // the first operation that failed, having cancelled the transaction
  // (nothing of the attempt remains); nullopt with the transaction open.
  std::optional<size_t> TryBatch(Batch& batch, SpellingCounts* spellings)
      ABSL_LOCKS_EXCLUDED(mu_);
  // Reports each operation's outcome once the commit (`commit`) is done.
  void Report(Batch& batch, const absl::Status& commit);
  // Applies one operation (not committed).
  Outcome ApplyOne(Operation& op, SpellingCounts* spellings);
  // Adds `words` to the spelling table in the open transaction
  // (AddSpellings) and returns how long that took. On failure drops the
  // transaction (Reopen) and returns nullopt: the caller applies the batch
  // again and commits it without the words (SpellingQueue::Failed).
  std::optional<absl::Duration> WriteSpellings(const SpellingCounts& words);
  // Commits the open transaction.
  absl::Status CommitBatch();
  // The nearest near-duplicate of `op` in this shard or its peers.
  std::optional<NearDuplicate> FindDuplicate(const Operation& op);
  // Opens or reopens the near-duplicate peers (writer thread).
  void RefreshPeers();
  // Applies one upsert (not committed) and adds its words to `spellings`.
  absl::StatusOr<UpsertResult> ApplyUpsert(Operation& op,
                                           SpellingCounts* spellings);
  // After a failed commit Xapian closes the database: open it again so
  // later batches can succeed (the failed batch's changes are dropped, and
  // were reported as failed). When that fails too (a remote shard is
  // down), the next batch tries again before anything else.
  void Reopen();

  const ShardLocation location_;
  const IndexWriterOptions options_;
  MonotonicClock monotonic_clock_;
  const Clock* const clock_;     // options_.clock or monotonic_clock_
  Xapian::WritableDatabase db_;  // only the writer thread touches it
  bool closed_ = false;          // the last Reopen failed (writer thread)
  // Read handles on options_.near_duplicate_peers; empty until opened
  // (writer thread only).
  std::vector<std::optional<Xapian::Database>> peers_;
  // Catalog and autocomplete keys already written (writer thread only).
  WrittenKeys written_keys_;
  // Committed words not in the spelling table yet (writer thread only).
  SpellingQueue spelling_queue_;
  // False after WriteSpellingsAlone failed, until the next batch.
  bool spellings_writable_ = true;

  mutable absl::Mutex mu_;
  std::deque<Operation> queue_ ABSL_GUARDED_BY(mu_);        // bulk
  std::deque<Operation> interactive_ ABSL_GUARDED_BY(mu_);  // served first
  bool closing_ ABSL_GUARDED_BY(mu_) = false;
  absl::Status last_commit_ ABSL_GUARDED_BY(mu_);
  Xapian::doccount committed_count_ ABSL_GUARDED_BY(mu_) = 0;
  CommitInfo last_commit_info_ ABSL_GUARDED_BY(mu_);
  std::thread thread_;
};

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_INDEX_INDEX_WRITER_H_
