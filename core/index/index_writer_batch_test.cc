// How the writer forms batches: the time bound (max_batch_delay, measured
// on an injected clock), the size bound, and the interactive lane.
#include <future>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "core/index/index_writer.h"
#include "core/index/test_util.h"
#include "gtest/gtest.h"

namespace newsindex {
namespace {

// Runs a writer whose first upsert ("gate") holds the writer thread until
// the test has queued everything else, so that what each batch takes is
// decided by the bounds alone. Every applied upsert costs `per_article` on
// the manual clock; an article whose id starts with "bad" throws.
class BatchHarness {
 public:
  BatchHarness(IndexWriterOptions options, absl::Duration per_article) {
    options.clock = &clock_;
    options.after_add_for_test = [this, per_article](const std::string& id) {
      {
        absl::MutexLock lock(&mu_);
        applied_.push_back(id);
      }
      clock_.Advance(per_article);
      if (id == "gate" && !gate_entered_.HasBeenNotified()) {
        gate_entered_.Notify();
        release_.WaitForNotification();
      }
      if (id.rfind("bad", 0) == 0) throw std::runtime_error("injected");
    };
    options.on_commit = [this](const CommitStats& stats) {
      absl::MutexLock lock(&mu_);
      batch_sizes_.push_back(stats.operations);
    };
    auto writer = IndexWriter::Open(FreshDbPath("batch"), options);
    EXPECT_TRUE(writer.ok()) << writer.status();
    writer_ = *std::move(writer);
    Add("gate", IndexWriter::Priority::kBulk);
    gate_entered_.WaitForNotification();
  }

  // Queues an upsert of article `id`.
  void Add(const std::string& id, IndexWriter::Priority priority) {
    auto done = std::make_shared<std::promise<bool>>();
    outcomes_.push_back(done->get_future());
    writer_->Upsert(
        MakeArticle(id, "Title " + id, "Body of article " + id),
        [done](absl::StatusOr<UpsertResult> r) { done->set_value(r.ok()); },
        priority);
  }

  // Lets the gate through and waits for every outcome: whether each
  // upsert (the gate first) succeeded.
  std::vector<bool> Finish() {
    release_.Notify();
    std::vector<bool> ok;
    for (auto& f : outcomes_) ok.push_back(f.get());
    return ok;
  }

  // Moves the writer's clock, e.g. while the gate holds the writer.
  void AdvanceClock(absl::Duration d) { clock_.Advance(d); }

  std::vector<size_t> batch_sizes() {
    absl::MutexLock lock(&mu_);
    return batch_sizes_;
  }
  std::vector<std::string> applied() {
    absl::MutexLock lock(&mu_);
    return applied_;
  }

 private:
  ManualClock clock_;
  absl::Notification gate_entered_;
  absl::Notification release_;
  std::unique_ptr<IndexWriter> writer_;
  std::vector<std::future<bool>> outcomes_;
  absl::Mutex mu_;
  std::vector<size_t> batch_sizes_ ABSL_GUARDED_BY(mu_);
  std::vector<std::string> applied_ ABSL_GUARDED_BY(mu_);
};

struct BoundCase {
  const char* name;
  size_t max_batch;
  absl::Duration max_batch_delay;  // these cases queue bulk operations only
  absl::Duration max_bulk_batch_delay;
  size_t queued_after_gate;
  std::vector<size_t> expected_batches;
};

class BatchBoundTest : public ::testing::TestWithParam<BoundCase> {};

TEST_P(BatchBoundTest, BatchesAreCutWhereTheBoundsSay) {
  const BoundCase& c = GetParam();
  IndexWriterOptions options;
  options.max_batch = c.max_batch;
  options.max_batch_delay = c.max_batch_delay;
  options.max_bulk_batch_delay = c.max_bulk_batch_delay;
  BatchHarness harness(options, absl::Milliseconds(10));
  for (size_t i = 0; i < c.queued_after_gate; ++i) {
    harness.Add("a" + std::to_string(i), IndexWriter::Priority::kBulk);
  }
  EXPECT_EQ(harness.Finish(), std::vector<bool>(c.queued_after_gate + 1, true));
  EXPECT_EQ(harness.batch_sizes(), c.expected_batches);
}

INSTANTIATE_TEST_SUITE_P(
    Bounds, BatchBoundTest,
    ::testing::Values(
        // 10 ms per article, 25 ms bound: the batch is closed once 30 ms
        // have passed, after its third article (the gate is the first).
        BoundCase{"TimeBound",
                  4000,
                  absl::Milliseconds(25),
                  absl::Milliseconds(25),
                  8,
                  {3, 3, 3}},
        // The bound counts from the batch's start, however it began.
        BoundCase{"TimeBoundExact",
                  4000,
                  absl::Milliseconds(30),
                  absl::Milliseconds(30),
                  5,
                  {3, 3}},
        // A bound shorter than one article: one article per batch.
        BoundCase{"TinyTimeBound",
                  4000,
                  absl::Milliseconds(1),
                  absl::Milliseconds(1),
                  2,
                  {1, 1, 1}},
        // Bulk operations alone are held to the bulk bound (60 ms: six
        // articles), not to the interactive one.
        BoundCase{"BulkBound",
                  4000,
                  absl::Milliseconds(25),
                  absl::Milliseconds(60),
                  8,
                  {6, 3}},
        // The bulk bound is never shorter than the interactive one.
        BoundCase{"BulkBoundAtLeastInteractive",
                  4000,
                  absl::Milliseconds(25),
                  absl::Milliseconds(1),
                  8,
                  {3, 3, 3}},
        // No time bound: everything queued joins the open batch.
        BoundCase{"SizeOnly",
                  4000,
                  absl::InfiniteDuration(),
                  absl::Milliseconds(1),
                  8,
                  {9}},
        BoundCase{"SizeBound",
                  4,
                  absl::InfiniteDuration(),
                  absl::InfiniteDuration(),
                  8,
                  {4, 4, 1}},
        // Whichever bound comes first.
        BoundCase{"SizeBeforeTime",
                  2,
                  absl::Milliseconds(25),
                  absl::Milliseconds(25),
                  4,
                  {2, 2, 1}}),
    [](const ::testing::TestParamInfo<BoundCase>& info) {
      return info.param.name;
    });

TEST(BatchPriorityTest, InteractiveOperationsOvertakeQueuedBulkOnes) {
  IndexWriterOptions options;
  options.max_batch_delay = absl::InfiniteDuration();
  BatchHarness harness(options, absl::Milliseconds(1));
  harness.Add("b1", IndexWriter::Priority::kBulk);
  harness.Add("b2", IndexWriter::Priority::kBulk);
  harness.Add("i1", IndexWriter::Priority::kInteractive);
  harness.Add("b3", IndexWriter::Priority::kBulk);
  harness.Add("i2", IndexWriter::Priority::kInteractive);
  EXPECT_EQ(harness.Finish(), std::vector<bool>(6, true));
  EXPECT_EQ(harness.applied(),
            (std::vector<std::string>{"gate", "i1", "i2", "b1", "b2", "b3"}));
  // They joined the batch that was open (the gate's), not a later one.
  EXPECT_EQ(harness.batch_sizes(), (std::vector<size_t>{6}));
}

TEST(BatchPriorityTest, InteractiveOperationJoinsTheOpenBatch) {
  IndexWriterOptions options;
  options.max_batch_delay = absl::Milliseconds(15);
  BatchHarness harness(options, absl::Milliseconds(10));
  for (int i = 0; i < 4; ++i) {
    harness.Add("b" + std::to_string(i), IndexWriter::Priority::kBulk);
  }
  harness.Add("i", IndexWriter::Priority::kInteractive);
  EXPECT_EQ(harness.Finish(), std::vector<bool>(6, true));
  // The open batch (the gate's) takes the interactive article next, ahead
  // of the bulk backlog, and closes 15 ms after "i" queued (at 10 ms, so
  // b0 still fits); the rest of the backlog follows in one batch, held to
  // the longer bulk bound (1 s).
  EXPECT_EQ(harness.applied(),
            (std::vector<std::string>{"gate", "i", "b0", "b1", "b2", "b3"}));
  EXPECT_EQ(harness.batch_sizes(), (std::vector<size_t>{3, 3}));
}

TEST(BatchPriorityTest, InteractiveOperationThatWaitedIsNotHeldAWholeBatch) {
  IndexWriterOptions options;
  options.max_batch_delay = absl::Milliseconds(50);
  options.max_bulk_batch_delay = absl::Milliseconds(50);
  BatchHarness harness(options, absl::Milliseconds(10));
  for (int i = 0; i < 4; ++i) {
    harness.Add("b" + std::to_string(i), IndexWriter::Priority::kBulk);
  }
  harness.Add("i", IndexWriter::Priority::kInteractive);  // queued at 10 ms
  // The gate's batch runs past its bound (as a long commit would), so "i"
  // misses it and has waited 100 ms when the next batch takes it: that
  // batch closes at once instead of filling for another 50 ms.
  harness.AdvanceClock(absl::Milliseconds(100));
  EXPECT_EQ(harness.Finish(), std::vector<bool>(6, true));
  EXPECT_EQ(harness.applied(),
            (std::vector<std::string>{"gate", "i", "b0", "b1", "b2", "b3"}));
  EXPECT_EQ(harness.batch_sizes(), (std::vector<size_t>{1, 1, 4}));
}

TEST(BatchFailureTest, FailureInABatchThatGrewWhileOpenCostsOnlyItself) {
  IndexWriterOptions options;
  options.max_batch_delay = absl::InfiniteDuration();
  BatchHarness harness(options, absl::Milliseconds(1));
  harness.Add("ok1", IndexWriter::Priority::kBulk);
  harness.Add("bad", IndexWriter::Priority::kBulk);
  harness.Add("ok2", IndexWriter::Priority::kBulk);
  EXPECT_EQ(harness.Finish(), (std::vector<bool>{true, true, false, true}));
  // The pass that met the failure is cancelled; the next one applies what
  // the batch held without it, then takes the rest of the queue.
  EXPECT_EQ(
      harness.applied(),
      (std::vector<std::string>{"gate", "ok1", "bad", "gate", "ok1", "ok2"}));
  EXPECT_EQ(harness.batch_sizes(), (std::vector<size_t>{4}));
}

}  // namespace
}  // namespace newsindex
