#include "core/index/index_writer.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <system_error>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/index/catalog_store.h"
#include "core/index/internal/document_builder.h"
#include "core/index/near_duplicates.h"
#include "core/index/schema.h"
#include "core/index/spelling.h"
#include "core/index/term_hashing.h"
#include "core/index/xapian_status.h"
#include "core/text/simhash.h"

namespace newsindex {

namespace {

// Opens the shard's database for writing, creating a local one.
Xapian::WritableDatabase OpenWritable(const ShardLocation& location) {
  if (location.remote()) {
    return Xapian::Remote::open_writable(location.host, location.port);
  }
  return Xapian::WritableDatabase(location.directory,
                                  Xapian::DB_CREATE_OR_OPEN);
}

// The remote backend does not report revisions: 0 there.
Xapian::rev RevisionOf(const Xapian::Database& db) {
  try {
    return db.get_revision();
  } catch (const Xapian::UnimplementedError&) {
    return 0;
  }
}

// Records the schema version and the shard's identity in a new database;
// refuses one of another version or created as another shard.
absl::Status CheckIdentity(Xapian::WritableDatabase& db,
                           const ShardLocation& location, size_t index,
                           size_t count) {
  const std::string version =
      db.get_metadata(std::string(schema::kSchemaVersionKey));
  if (!version.empty() && version != schema::kSchemaVersion) {
    return absl::FailedPreconditionError(absl::StrCat(
        "database ", location.ToString(), " has schema version ", version,
        "; this build reads version ", schema::kSchemaVersion));
  }
  if (absl::Status s = CheckShardIdentity(db, location, index, count);
      !s.ok()) {
    return s;
  }
  if (version.empty()) {
    db.set_metadata(std::string(schema::kSchemaVersionKey),
                    std::string(schema::kSchemaVersion));
  }
  StampShardIdentity(db, index, count);
  MigrateTermHashing(db);
  db.commit();
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<IndexWriter>> IndexWriter::Open(
    const std::string& path, IndexWriterOptions options) {
  return OpenShard(ShardLocation{.directory = path}, 0, 1, std::move(options));
}

absl::StatusOr<std::unique_ptr<IndexWriter>> IndexWriter::OpenShard(
    const ShardLocation& location, size_t index, size_t count,
    IndexWriterOptions options) {
  if (!location.remote()) {
    std::error_code ec;
    std::filesystem::create_directories(location.directory, ec);
    if (ec) {
      return absl::FailedPreconditionError(
          absl::StrCat("cannot create database directory ", location.directory,
                       ": ", ec.message()));
    }
  }
  return CallXapian([&]() -> absl::StatusOr<std::unique_ptr<IndexWriter>> {
    Xapian::WritableDatabase db = OpenWritable(location);
    if (absl::Status s = CheckIdentity(db, location, index, count); !s.ok()) {
      return s;
    }
    if (options.learned_names != nullptr) {
      if (absl::Status s = options.learned_names->LoadFrom(db); !s.ok()) {
        return s;
      }
    }
    return std::unique_ptr<IndexWriter>(
        new IndexWriter(location, std::move(db), options));
  });
}

struct IndexWriter::Batch {
  absl::Time began;
  // Takes no operation at or after this time (see HasRoom).
  absl::Time deadline;
  bool interactive = false;  // holds an interactive operation
  std::deque<Operation> ops;
  std::vector<bool> failed;  // left out of the next pass
  std::vector<Outcome> outcomes;
};

IndexWriter::IndexWriter(ShardLocation location, Xapian::WritableDatabase db,
                         IndexWriterOptions options)
    : location_(std::move(location)),
      options_(std::move(options)),
      clock_(options_.clock != nullptr ? options_.clock : &monotonic_clock_),
      db_(std::move(db)),
      spelling_queue_(clock_, options_.spellings) {
  committed_count_ = db_.get_doccount();
  last_commit_info_.documents = committed_count_;
  last_commit_info_.revision = RevisionOf(db_);
  thread_ = std::thread([this] { Run(); });
}

IndexWriter::~IndexWriter() { Close().IgnoreError(); }

void IndexWriter::Upsert(const Article& article, UpsertDone done,
                         Priority priority) {
  // One builder per thread: TermGenerator is not thread-safe, and building
  // here keeps tokenizing and stemming off the single writer thread.
  thread_local DocumentBuilder builder;
  absl::StatusOr<Xapian::Document> doc =
      CallXapian([&]() -> absl::StatusOr<Xapian::Document> {
        return builder.Build(article);
      });
  if (doc.ok()) {
    if (absl::Status s = CheckTermLengths(*doc); !s.ok()) doc = s;
  }
  if (!doc.ok()) {
    std::move(done)(doc.status());
    return;
  }
  Operation op;
  op.id_term = schema::IdTerm(article.id);
  op.document = *std::move(doc);
  op.entities = article.entities;
  op.article_id = article.id;
  op.simhash = ParseSimhash(article.simhash);
  op.upsert_done = std::move(done);
  op.priority = priority;
  Enqueue(std::move(op));
}

void IndexWriter::Delete(const std::string& id, DeleteDone done,
                         Priority priority) {
  Operation op;
  op.id_term = schema::IdTerm(id);
  op.delete_done = std::move(done);
  op.priority = priority;
  Enqueue(std::move(op));
}

void IndexWriter::Enqueue(Operation op) {
  op.queued_at = clock_->Now();
  absl::Status refused;
  {
    absl::MutexLock lock(&mu_);
    if (closing_) {
      refused = absl::UnavailableError("the index writer is shutting down");
    } else if (queue_.size() + interactive_.size() >= options_.max_queue) {
      refused = absl::ResourceExhaustedError(absl::StrCat(
          "the index writer has ", queue_.size() + interactive_.size(),
          " operations queued; retry later"));
    } else {
      (op.priority == Priority::kInteractive ? interactive_ : queue_)
          .push_back(std::move(op));
      return;
    }
  }
  if (op.upsert_done) std::move(op.upsert_done)(refused);
  if (op.delete_done) std::move(op.delete_done)(refused);
}

void IndexWriter::Run() {
  while (true) {
    // Spelling words left from the load are written while nothing else
    // waits, in commits of their own; after a failed write they wait for
    // the next batch (a remote shard may be down).
    const bool spellings = spellings_writable_ && spelling_queue_.size() > 0;
    if (!WaitForWork(spellings)) break;
    if (queued() > 0) {
      ApplyBatch();
      spellings_writable_ = true;
    } else {
      spellings_writable_ = WriteSpellingsAlone(Closing());
    }
  }
}

bool IndexWriter::WaitForWork(bool spellings_pending) {
  absl::MutexLock lock(&mu_);
  if (!spellings_pending) {
    mu_.Await(absl::Condition(
        +[](IndexWriter* w) ABSL_EXCLUSIVE_LOCKS_REQUIRED(w->mu_) {
          return !w->queue_.empty() || !w->interactive_.empty() || w->closing_;
        },
        this));
  }
  // Closing: once drained, and the spelling words written.
  return spellings_pending || !queue_.empty() || !interactive_.empty();
}

std::optional<absl::Duration> IndexWriter::WriteSpellingPieces(
    bool idle, absl::Duration budget, bool stop_when_any_queued) {
  absl::Duration spent;
  do {
    std::optional<absl::Duration> took =
        WriteSpellings(spelling_queue_.Take(idle));
    if (!took) return std::nullopt;
    spent += *took;
  } while (spent < budget && spelling_queue_.Due(idle) &&
           !OperationsWaiting(stop_when_any_queued));
  return spent;
}

bool IndexWriter::OperationsWaiting(bool any) const {
  absl::MutexLock lock(&mu_);
  return !interactive_.empty() || (any && !queue_.empty());
}

bool IndexWriter::WriteSpellingsAlone(bool closing) {
  if (closed_) Reopen();
  std::optional<absl::Duration> took;
  absl::Status status = CallXapian([&]() -> absl::Status {
    db_.begin_transaction(/*flushed=*/true);
    return absl::OkStatus();
  });
  if (status.ok()) {
    // Closing: nobody can wait behind the words any more, and one write
    // costs much less than many pieces.
    took = closing ? WriteSpellings(spelling_queue_.TakeAll())
                   : WriteSpellingPieces(/*idle=*/false,
                                         options_.spellings.alone_budget,
                                         /*stop_when_any_queued=*/true);
    if (took) status = CommitBatch();
  }
  if (!took || !status.ok()) {
    spelling_queue_.Failed();
    // A failed piece reopened already; a failed commit needs it now; a
    // failed begin_transaction is retried by the next batch.
    if (took) Reopen();
    return false;
  }
  spelling_queue_.Written(*took);
  RecordCommit();
  return true;
}

bool IndexWriter::TakeNext(Batch& batch) {
  absl::MutexLock lock(&mu_);
  std::deque<Operation>& from = interactive_.empty() ? queue_ : interactive_;
  if (from.empty()) return false;
  if (&from == &interactive_) {
    batch.interactive = true;
    // One that queued during the last commit has waited already: the
    // bound counts from its arrival, so it does not wait a whole batch
    // more.
    batch.deadline = std::min(
        batch.deadline, from.front().queued_at + options_.max_batch_delay);
  }
  batch.ops.push_back(std::move(from.front()));
  from.pop_front();
  batch.failed.push_back(false);
  batch.outcomes.emplace_back(UpsertResult());
  return true;
}

bool IndexWriter::HasRoom(const Batch& batch) const {
  if (batch.ops.empty()) return true;
  return batch.ops.size() < options_.max_batch &&
         clock_->Now() < batch.deadline;
}

absl::StatusOr<UpsertResult> IndexWriter::ApplyUpsert(
    Operation& op, SpellingCounts* spellings) {
  UpsertResult result;
  result.created = !db_.term_exists(op.id_term);
  std::optional<NearDuplicate> duplicate = FindDuplicate(op);
  if (duplicate) {
    result.duplicate_of = duplicate->id;
    result.cluster_key = duplicate->cluster_key.empty()
                             ? NewClusterKey(duplicate->id)
                             : duplicate->cluster_key;
  } else {
    result.cluster_key = NewClusterKey(op.article_id);
  }
  // A pass that was cancelled may have stamped another cluster.
  if (!op.cluster_term.empty()) op.document->remove_term(op.cluster_term);
  StampNearDuplicateFields(op.simhash, result.cluster_key, &*op.document);
  op.cluster_term = schema::ClusterTerm(result.cluster_key);
  CollectSpellings(*op.document, spellings);
  // A new id needs no second lookup of its id term.
  if (result.created) {
    db_.add_document(*op.document);
  } else {
    db_.replace_document(op.id_term, *op.document);
  }
  if (options_.after_add_for_test) options_.after_add_for_test(op.article_id);
  if (absl::Status s =
          RecordEntities(db_, op.entities, options_.entity_knowledge,
                         &written_keys_, !location_.remote());
      !s.ok()) {
    return s;
  }
  RecordSuggestKeys(db_, op.entities, &written_keys_);
  return result;
}

std::optional<NearDuplicate> IndexWriter::FindDuplicate(const Operation& op) {
  // Uncommitted changes are visible here, so duplicates within one batch
  // are found too; in the peers, only what they committed.
  std::optional<NearDuplicate> nearest =
      FindNearDuplicate(db_, op.simhash, op.id_term);
  for (std::optional<Xapian::Database>& peer : peers_) {
    if (!peer.has_value()) continue;
    try {
      std::optional<NearDuplicate> found =
          FindNearDuplicate(*peer, op.simhash, op.id_term);
      if (found && (!nearest || found->distance < nearest->distance)) {
        nearest = std::move(found);
      }
    } catch (const Xapian::Error&) {
      peer.reset();  // a peer's trouble must not fail this article
    }
  }
  return nearest;
}

void IndexWriter::RefreshPeers() {
  peers_.resize(options_.near_duplicate_peers.size());
  for (size_t i = 0; i < peers_.size(); ++i) {
    try {
      if (peers_[i].has_value()) {
        peers_[i]->reopen();
      } else {
        peers_[i] = OpenShardForReading(options_.near_duplicate_peers[i]);
      }
    } catch (const Xapian::Error&) {
      peers_[i].reset();  // not created or not reachable yet
    }
  }
}

IndexWriter::Outcome IndexWriter::ApplyOne(Operation& op,
                                           SpellingCounts* spellings) {
  return CallXapian([&]() -> Outcome {
    if (op.document) return ApplyUpsert(op, spellings);
    if (!db_.term_exists(op.id_term)) {
      return absl::NotFoundError("no article has this id");
    }
    db_.delete_document(op.id_term);
    return UpsertResult();
  });
}

std::optional<size_t> IndexWriter::TryBatch(Batch& batch,
                                            SpellingCounts* spellings) {
  // Operations that arrive while the batch is applied join it, so that an
  // interactive one waits for this commit rather than the next.
  for (size_t i = 0;
       i < batch.ops.size() || (HasRoom(batch) && TakeNext(batch)); ++i) {
    if (batch.failed[i]) continue;
    Outcome& outcome = batch.outcomes[i];
    outcome = ApplyOne(batch.ops[i], spellings);
    // A delete of an unknown id changed nothing: not a failure.
    const bool harmless = outcome.ok() || (!batch.ops[i].document &&
                                           absl::IsNotFound(outcome.status()));
    if (harmless) continue;
    // Xapian may have dropped every uncommitted change, or kept part of
    // this operation: start again from the last commit.
    absl::Status cancelled = CallXapian([&]() -> absl::Status {
      db_.cancel_transaction();
      return absl::OkStatus();
    });
    // A remote shard's lost connection may go unnoticed by the cancel:
    // reconnect whenever the failure was the connection's. After a
    // DatabaseCorruptError the handle's state may be bad (not the disk's):
    // start again from the last commit so that it costs no other article.
    if (!cancelled.ok() || absl::IsUnavailable(outcome.status()) ||
        absl::IsDataLoss(outcome.status())) {
      Reopen();
    }
    // What the keys remember was cancelled with the transaction.
    written_keys_.Clear();
    return i;
  }
  return std::nullopt;
}

std::optional<absl::Duration> IndexWriter::WriteSpellings(
    const SpellingCounts& words) {
  const auto start = std::chrono::steady_clock::now();
  absl::Status written = CallXapian([&]() -> absl::Status {
    AddSpellings(words, db_);
    return absl::OkStatus();
  });
  if (written.ok()) {
    return absl::FromChrono(std::chrono::steady_clock::now() - start);
  }
  // Most likely a fragment Xapian wrote unreadably (spelling.h): drop it
  // before it is committed, and commit the documents without the words.
  // Not with cancel_transaction(): after it, 1.4.22's next writes may fail
  // with "Ran off end of freelist" (docs/architecture.md). Closing and
  // opening again starts cleanly from the last commit.
  Reopen();
  return std::nullopt;
}

absl::Status IndexWriter::CommitBatch() {
  return CallXapian([&]() -> absl::Status {
    db_.commit_transaction();  // a flushed transaction: this commits
    return absl::OkStatus();
  });
}

void IndexWriter::ApplyBatch() {
  Batch batch;
  absl::Status commit;
  const auto start = std::chrono::steady_clock::now();
  if (closed_) Reopen();
  if (!options_.near_duplicate_peers.empty()) RefreshPeers();
  batch.began = clock_->Now();
  batch.deadline = batch.began + std::max(options_.max_bulk_batch_delay,
                                          options_.max_batch_delay);
  // Each pass commits, or finds one more failed operation and leaves it
  // out of the next pass, or (once) leaves out the spelling words, so
  // there are at most max_batch + 2 passes.
  bool words_queued = false;
  bool write_spellings = true;
  std::optional<absl::Duration> spellings_took;
  while (true) {
    SpellingCounts spellings;
    commit = CallXapian([&]() -> absl::Status {
      db_.begin_transaction(/*flushed=*/true);
      return absl::OkStatus();
    });
    if (!commit.ok()) {
      // Nothing was applied: still take an operation, to fail it (none
      // may be queued: the batch then stays empty).
      if (batch.ops.empty()) static_cast<void>(TakeNext(batch));
      break;
    }
    std::optional<size_t> bad = TryBatch(batch, &spellings);
    if (bad) {
      batch.failed[*bad] = true;
      continue;
    }
    if (!words_queued) spelling_queue_.Add(spellings);
    words_queued = true;
    const bool idle = queued() == 0;
    if (write_spellings && spelling_queue_.Due(idle)) {
      // One piece for a batch holding a unary call; a batch of stream
      // articles only spends up to bulk_share of its applying time.
      const absl::Duration budget =
          batch.interactive
              ? absl::ZeroDuration()
              : (clock_->Now() - batch.began) * options_.spellings.bulk_share;
      spellings_took = WriteSpellingPieces(idle, budget,
                                           /*stop_when_any_queued=*/false);
      if (!spellings_took) {
        spelling_queue_.Failed();
        write_spellings = false;
        continue;
      }
    }
    commit = CommitBatch();
    break;
  }
  if (spellings_took) {
    if (commit.ok()) {
      spelling_queue_.Written(*spellings_took);
    } else {
      spelling_queue_.Failed();
    }
  }
  if (commit.ok()) {
    RecordCommit();
  } else {
    commit = absl::Status(commit.code(),
                          absl::StrCat("commit failed: ", commit.message()));
    Reopen();
  }
  {
    absl::MutexLock lock(&mu_);
    last_commit_ = commit;
  }
  if (options_.on_commit) {
    options_.on_commit(
        CommitStats{batch.ops.size(),
                    absl::FromChrono(std::chrono::steady_clock::now() - start),
                    commit.ok()});
  }
  Report(batch, commit);
}

void IndexWriter::RecordCommit() {
  const Xapian::doccount count = db_.get_doccount();
  const Xapian::rev revision = RevisionOf(db_);
  absl::MutexLock lock(&mu_);
  committed_count_ = count;
  last_commit_info_ = CommitInfo{count, revision, absl::Now()};
}

void IndexWriter::Report(Batch& batch, const absl::Status& commit) {
  if (commit.ok() && options_.learned_names != nullptr) {
    for (size_t i = 0; i < batch.ops.size(); ++i) {
      if (batch.ops[i].document && batch.outcomes[i].ok()) {
        options_.learned_names->Record(batch.ops[i].entities);
      }
    }
  }
  for (size_t i = 0; i < batch.ops.size(); ++i) {
    Outcome outcome = commit.ok() || !batch.outcomes[i].ok() ? batch.outcomes[i]
                                                             : Outcome(commit);
    Operation& op = batch.ops[i];
    if (op.upsert_done) {
      std::move(op.upsert_done)(std::move(outcome));
    } else if (op.delete_done) {
      std::move(op.delete_done)(outcome.status());
    }
  }
}

void IndexWriter::Reopen() {
  // What the keys remember was discarded with the failed commit.
  written_keys_.Clear();
  // Best effort: if it fails, the next batch tries again first (a remote
  // shard may be back by then), and operations fail with the reason.
  closed_ = !CallXapian([&]() -> absl::Status {
               db_.close();
               db_ = OpenWritable(location_);
               return absl::OkStatus();
             }).ok();
}

absl::Status IndexWriter::Close() {
  {
    absl::MutexLock lock(&mu_);
    closing_ = true;
  }
  if (thread_.joinable()) thread_.join();
  absl::MutexLock lock(&mu_);
  return last_commit_;
}

bool IndexWriter::Closing() const {
  absl::MutexLock lock(&mu_);
  return closing_;
}

CommitInfo IndexWriter::last_commit() const {
  absl::MutexLock lock(&mu_);
  return last_commit_info_;
}

size_t IndexWriter::queued() const {
  absl::MutexLock lock(&mu_);
  return queue_.size() + interactive_.size();
}

Xapian::doccount IndexWriter::committed_count() const {
  absl::MutexLock lock(&mu_);
  return committed_count_;
}

}  // namespace newsindex
