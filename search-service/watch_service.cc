#include "search-service/watch_service.h"

#include <google/protobuf/util/field_mask_util.h>

#include <deque>
#include <utility>

#include "absl/strings/str_cat.h"
#include "api/proto_convert.h"
#include "search-service/search_request.h"
#include "server/status_convert.h"

namespace newsindex {

namespace {

// A stream refused before it began.
class RejectedWatch final : public grpc::ServerWriteReactor<v1::WatchEvent> {
 public:
  explicit RejectedWatch(const grpc::Status& status) { Finish(status); }
  void OnDone() override { delete this; }
};

v1::ChangeType ToProto(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::kAdded:
      return v1::ADDED;
    case ChangeKind::kUpdated:
      return v1::UPDATED;
    case ChangeKind::kDeleted:
      return v1::DELETED;
  }
  return v1::CHANGE_TYPE_UNSPECIFIED;
}

}  // namespace

grpc::ServerWriteReactor<v1::WatchEvent>* RejectWatch(
    const grpc::Status& status) {
  return new RejectedWatch(status);
}

// One Watch call's state, shared by its reactor, the pool task reading for
// it and the hub that parks it, so it outlives whichever ends first. The
// reactor is touched only until Finish.
class WatchStream : public std::enable_shared_from_this<WatchStream> {
 public:
  class Reactor final : public grpc::ServerWriteReactor<v1::WatchEvent> {
   public:
    explicit Reactor(std::shared_ptr<WatchStream> stream)
        : stream_(std::move(stream)) {}
    void OnWriteDone(bool ok) override { stream_->WriteDone(ok); }
    void OnCancel() override { stream_->Cancelled(); }
    void OnDone() override { delete this; }

   private:
    std::shared_ptr<WatchStream> stream_;
  };

  WatchStream(WatchHub* hub, SearchSpec spec,
              google::protobuf::FieldMask read_mask, WatchStart start)
      : hub_(hub),
        spec_(std::move(spec)),
        read_mask_(std::move(read_mask)),
        start_(std::move(start)) {}

  // Creates the reactor and schedules the first read.
  Reactor* Begin() {
    auto* reactor = new Reactor(shared_from_this());
    reactor_ = reactor;
    {
      absl::MutexLock lock(&mu_);
      busy_ = true;
    }
    ScheduleRead();
    return reactor;
  }

  // The log grew: read again if nothing else is under way.
  void Wake() {
    {
      absl::MutexLock lock(&mu_);
      if (finished_ || cancelled_ || busy_ || writing_) return;
      busy_ = true;
    }
    ScheduleRead();
  }

  void WriteDone(bool ok) {
    bool read = false;
    {
      absl::MutexLock lock(&mu_);
      writing_ = false;
      pending_.pop_front();
      if (!ok) cancelled_ = true;
      if (!cancelled_ && pending_.empty()) read = busy_ = true;
    }
    if (read) {
      ScheduleRead();
    } else {
      Continue();
    }
  }

  void Cancelled() {
    {
      absl::MutexLock lock(&mu_);
      cancelled_ = true;
    }
    Continue();
  }

 private:
  void ScheduleRead() {
    hub_->pool()->Run([self = shared_from_this()](Searcher& searcher) {
      self->Read(searcher);
    });
  }

  // On a pool worker: the next batch after the cursor.
  void Read(Searcher& searcher) {
    absl::Status status;
    if (!started_) {
      absl::StatusOr<WatchCursor> cursor = searcher.WatchFrom(start_);
      status = cursor.status();
      if (cursor.ok()) cursor_ = *std::move(cursor);
      started_ = status.ok();
    }
    std::deque<v1::WatchEvent> events;
    bool caught_up = false;
    if (status.ok()) {
      absl::StatusOr<ChangeBatch> batch =
          searcher.Changes(spec_.query, spec_.filter, cursor_, hub_->limits());
      status = batch.status();
      if (batch.ok()) {
        for (const ChangeEvent& e : batch->events) events.push_back(Convert(e));
        cursor_ = batch->next;
        caught_up = batch->caught_up;
      }
    }
    const bool none = events.empty();
    {
      absl::MutexLock lock(&mu_);
      busy_ = false;
      error_ = status;
      pending_ = std::move(events);
    }
    if (status.ok() && none) {
      // Not caught up: the batch read its scan bound without a match.
      if (!caught_up) {
        Wake();
      } else {
        hub_->Park(shared_from_this(), cursor_);
      }
    }
    Continue();
  }

  v1::WatchEvent Convert(const ChangeEvent& e) const {
    v1::WatchEvent out;
    out.set_type(ToProto(e.kind));
    out.set_article_id(e.article_id);
    if (e.article) {
      newsindex::ToProto(*e.article, out.mutable_article());
      if (read_mask_.paths_size() > 0) {
        google::protobuf::util::FieldMaskUtil::TrimMessage(
            read_mask_, out.mutable_article());
      }
    }
    out.set_cursor(EncodeWatchCursor(e.cursor));
    newsindex::ToProto(e.committed, out.mutable_commit_time());
    out.set_shard(static_cast<int>(e.shard));
    out.set_sequence(static_cast<int64_t>(e.sequence));
    return out;
  }

  // Starts the next write, or finishes the call when it failed or was
  // cancelled and nothing is under way.
  void Continue() {
    const v1::WatchEvent* write = nullptr;
    std::optional<grpc::Status> finish;
    {
      absl::MutexLock lock(&mu_);
      if (finished_ || busy_ || writing_) return;
      if (cancelled_) {
        finish = grpc::Status(grpc::StatusCode::CANCELLED, "watch cancelled");
      } else if (!error_.ok()) {
        finish = ToGrpcStatus(error_);
      } else if (!pending_.empty()) {
        writing_ = true;
        write = &pending_.front();  // stays put until WriteDone pops it
      }
      if (finish) finished_ = true;
    }
    if (write != nullptr) reactor_->StartWrite(write);
    if (finish) {
      reactor_->Finish(*finish);
      hub_->StreamEnded();
    }
  }

  WatchHub* const hub_;
  const SearchSpec spec_;
  const google::protobuf::FieldMask read_mask_;
  const WatchStart start_;
  Reactor* reactor_ = nullptr;
  // Read and written only by the one read under way (busy_).
  bool started_ = false;
  WatchCursor cursor_;

  absl::Mutex mu_;
  bool busy_ ABSL_GUARDED_BY(mu_) = false;     // a read is scheduled or runs
  bool writing_ ABSL_GUARDED_BY(mu_) = false;  // pending_.front() is written
  bool cancelled_ ABSL_GUARDED_BY(mu_) = false;
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
  absl::Status error_ ABSL_GUARDED_BY(mu_);
  std::deque<v1::WatchEvent> pending_ ABSL_GUARDED_BY(mu_);
};

WatchHub::WatchHub(ShardLayout layout, SearcherPool* pool,
                   ChangeReadLimits limits, absl::Duration poll)
    : layout_(std::move(layout)),
      pool_(pool),
      limits_(limits),
      poll_(poll),
      poller_([this] { Poll(); }) {}

WatchHub::~WatchHub() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  poller_.join();
}

grpc::ServerWriteReactor<v1::WatchEvent>* WatchHub::Start(
    grpc::CallbackServerContext* context, const v1::WatchRequest& request) {
  // The query, filter and read mask are checked as Search checks them.
  v1::SearchRequest search;
  search.set_query(request.query());
  *search.mutable_filter() = request.filter();
  *search.mutable_read_mask() = request.read_mask();
  search.set_language(request.language());
  absl::StatusOr<SearchSpec> spec = ToSearchSpec(search);
  if (!spec.ok()) return new RejectedWatch(ToGrpcStatus(spec.status()));
  WatchStart start;
  if (request.has_start_cursor()) {
    absl::StatusOr<WatchCursor> cursor = DecodeWatchCursor(
        request.start_cursor(), layout_.shards.size(), "start_cursor");
    if (!cursor.ok()) return new RejectedWatch(ToGrpcStatus(cursor.status()));
    start.kind = WatchStart::Kind::kCursor;
    start.cursor = *std::move(cursor);
  } else if (request.has_start_time()) {
    start.kind = WatchStart::Kind::kTime;
    start.time = FromProto(request.start_time());
  }
  {
    absl::MutexLock lock(&mu_);
    if (open_streams_ >= kMaxWatchStreams) {
      return new RejectedWatch(grpc::Status(
          grpc::StatusCode::RESOURCE_EXHAUSTED,
          absl::StrCat("too many open Watch streams on this service (limit ",
                       kMaxWatchStreams, ")")));
    }
    ++open_streams_;
  }
  auto stream = std::make_shared<WatchStream>(
      this, *std::move(spec), request.read_mask(), std::move(start));
  return stream->Begin();
}

void WatchHub::Park(std::shared_ptr<WatchStream> stream, WatchCursor at) {
  absl::MutexLock lock(&mu_);
  parked_.push_back({std::move(stream), std::move(at)});
}

void WatchHub::StreamEnded() {
  absl::MutexLock lock(&mu_);
  --open_streams_;
}

void WatchHub::Poll() {
  IndexHandle index(layout_);
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      if (mu_.AwaitWithTimeout(absl::Condition(&stopping_), poll_)) return;
    }
    WatchCursor head;
    try {
      (void)index.OpenOrReopen();  // none yet: HeadCursor is all zeros
      head = HeadCursor(index);
    } catch (const Xapian::Error&) {
      index.Reset();  // the streams' own reads report the trouble
      continue;
    }
    // Wake those parked behind the head; a stream parked at the head stays.
    std::vector<std::shared_ptr<WatchStream>> wake;
    {
      absl::MutexLock lock(&mu_);
      auto behind = [&](const Parked& p) { return !(p.at == head); };
      for (Parked& p : parked_) {
        if (behind(p)) wake.push_back(std::move(p.stream));
      }
      std::erase_if(parked_,
                    [](const Parked& p) { return p.stream == nullptr; });
    }
    for (const std::shared_ptr<WatchStream>& stream : wake) stream->Wake();
  }
}

}  // namespace newsindex
