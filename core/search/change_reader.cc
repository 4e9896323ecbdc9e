#include "core/search/change_reader.h"

#include <algorithm>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "core/index/article_codec.h"

namespace newsindex {

namespace {

constexpr absl::string_view kCursorVersion = "w1:";

// One shard's part of a read: the entries that matched, in order, and the
// last sequence read.
struct ShardRead {
  std::vector<ChangeRecord> matched;
  size_t delivered = 0;  // of `matched`
  uint64_t scan_end = 0;
  uint64_t last = 0;  // the log's last sequence

  // Where a read resumes for this shard: before the first undelivered
  // match, else past everything read.
  uint64_t Position() const {
    return delivered < matched.size() ? matched[delivered].sequence - 1
                                      : scan_end;
  }
};

size_t ShardCount(const IndexHandle& index) {
  return index.layout().shards.size();
}

std::vector<ChangeLogBounds> AllBounds(const IndexHandle& index) {
  std::vector<ChangeLogBounds> bounds(ShardCount(index));
  if (!index.is_open()) return bounds;
  for (size_t s = 0; s < bounds.size(); ++s) {
    bounds[s] = ReadChangeLogBounds(index.shards()[s]);
  }
  return bounds;
}

// OUT_OF_RANGE for a cursor the log has trimmed past, naming the oldest
// cursor that still resumes without a gap.
absl::Status RetentionError(const WatchCursor& from,
                            const std::vector<ChangeLogBounds>& bounds) {
  WatchCursor oldest = from;
  std::vector<std::string> behind;
  for (size_t s = 0; s < bounds.size(); ++s) {
    if (from.positions[s] + 1 < bounds[s].first) {
      oldest.positions[s] = bounds[s].first - 1;
      behind.push_back(absl::StrCat("shard ", s, " keeps changes from ",
                                    bounds[s].first, ", the cursor is at ",
                                    from.positions[s]));
    }
  }
  if (behind.empty()) return absl::OkStatus();
  return absl::OutOfRangeError(absl::StrCat(
      "the cursor is older than the retained change log (",
      absl::StrJoin(behind, "; "),
      "): changes in between are lost to this watch; the oldest cursor to "
      "restart from is ",
      EncodeWatchCursor(oldest)));
}

absl::Status CheckCursor(const WatchCursor& from,
                         const std::vector<ChangeLogBounds>& bounds) {
  for (size_t s = 0; s < bounds.size(); ++s) {
    if (from.positions[s] > bounds[s].last) {
      return absl::FailedPreconditionError(
          absl::StrCat("the cursor is ahead of the change log of shard ", s,
                       " (at ", from.positions[s], ", the log ends at ",
                       bounds[s].last, "): it is from another index"));
    }
  }
  return RetentionError(from, bounds);
}

// Reads shard `db`'s entries after `position` (up to max_scan) and keeps
// those whose recorded version matches `query`.
absl::StatusOr<ShardRead> ReadShard(const Xapian::Database& db,
                                    const ChangeLogBounds& bounds,
                                    uint64_t position,
                                    const Xapian::Query& query,
                                    const ChangeReadLimits& limits) {
  ShardRead read;
  read.last = bounds.last;
  read.scan_end = std::min<uint64_t>(bounds.last, position + limits.max_scan);
  std::vector<ChangeRecord> entries;
  size_t bytes = 0;
  for (uint64_t s = position + 1; s <= read.scan_end; ++s) {
    if (bytes >= limits.max_scan_bytes) {
      read.scan_end = s - 1;
      break;
    }
    absl::StatusOr<std::optional<ChangeRecord>> change = ReadChange(db, s);
    if (!change.ok()) return change.status();
    // Trimmed while we read: the next read reports it.
    if (!change->has_value()) {
      read.scan_end = s - 1;
      break;
    }
    bytes += (*change)->document.size();
    entries.push_back(**std::move(change));
  }
  if (entries.empty()) return read;
  // Each version in a database of its own, matched as a search would.
  Xapian::WritableDatabase versions(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (const ChangeRecord& entry : entries) {
    versions.add_document(Xapian::Document::unserialise(entry.document));
  }
  Xapian::Enquire enquire(versions);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  Xapian::MSet mset = enquire.get_mset(0, versions.get_doccount());
  std::vector<Xapian::docid> ids(mset.begin(), mset.end());
  std::sort(ids.begin(), ids.end());
  for (Xapian::docid id : ids)
    read.matched.push_back(std::move(entries[id - 1]));
  return read;
}

// The shard whose next undelivered match was committed first.
std::optional<size_t> NextShard(const std::vector<ShardRead>& reads) {
  std::optional<size_t> best;
  for (size_t s = 0; s < reads.size(); ++s) {
    const ShardRead& r = reads[s];
    if (r.delivered == r.matched.size()) continue;
    if (!best || r.matched[r.delivered].committed <
                     reads[*best].matched[reads[*best].delivered].committed) {
      best = s;
    }
  }
  return best;
}

WatchCursor PositionsOf(const std::vector<ShardRead>& reads) {
  WatchCursor cursor;
  for (const ShardRead& r : reads) cursor.positions.push_back(r.Position());
  return cursor;
}

absl::StatusOr<ChangeEvent> ToEvent(ChangeRecord& change, size_t shard) {
  ChangeEvent event;
  event.kind = change.kind;
  event.article_id = std::move(change.article_id);
  event.committed = change.committed;
  event.shard = shard;
  event.sequence = change.sequence;
  if (change.kind != ChangeKind::kDeleted) {
    const Xapian::Document doc = Xapian::Document::unserialise(change.document);
    absl::StatusOr<Article> article = DecodeArticle(doc.get_data());
    if (!article.ok()) return article.status();
    event.article = *std::move(article);
  }
  return event;
}

}  // namespace

std::string EncodeWatchCursor(const WatchCursor& cursor) {
  return absl::StrCat(kCursorVersion, absl::StrJoin(cursor.positions, "."));
}

absl::StatusOr<WatchCursor> DecodeWatchCursor(absl::string_view text,
                                              size_t shard_count,
                                              absl::string_view field) {
  auto bad = [&](absl::string_view why) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": not a watch cursor (", why, ")"));
  };
  if (!absl::ConsumePrefix(&text, kCursorVersion)) {
    return bad("it does not start with w1:");
  }
  WatchCursor cursor;
  for (absl::string_view part : absl::StrSplit(text, '.')) {
    uint64_t n = 0;
    if (!absl::SimpleAtoi(part, &n)) return bad("a position is not a number");
    cursor.positions.push_back(n);
  }
  if (cursor.positions.size() != shard_count) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ": the cursor has ", cursor.positions.size(),
        " shard positions and the index has ", shard_count, " shards"));
  }
  return cursor;
}

WatchCursor HeadCursor(const IndexHandle& index) {
  WatchCursor cursor;
  for (const ChangeLogBounds& b : AllBounds(index)) {
    cursor.positions.push_back(b.last);
  }
  return cursor;
}

absl::StatusOr<WatchCursor> ResolveWatchStart(const IndexHandle& index,
                                              const WatchStart& start) {
  const std::vector<ChangeLogBounds> bounds = AllBounds(index);
  switch (start.kind) {
    case WatchStart::Kind::kNow:
      return HeadCursor(index);
    case WatchStart::Kind::kCursor:
      if (absl::Status s = CheckCursor(start.cursor, bounds); !s.ok()) {
        return s;
      }
      return start.cursor;
    case WatchStart::Kind::kTime:
      break;
  }
  WatchCursor cursor, checked;
  for (size_t s = 0; s < bounds.size(); ++s) {
    const uint64_t first =
        index.is_open()
            ? FirstChangeAtOrAfter(index.shards()[s], bounds[s], start.time)
            : 1;
    cursor.positions.push_back(first - 1);
    // The oldest entry kept is at or after the time and older ones were
    // removed: some of those may have been too. Say so rather than start
    // later than asked.
    checked.positions.push_back(
        first == bounds[s].first && first > 1 ? first - 2 : first - 1);
  }
  if (absl::Status s = RetentionError(checked, bounds); !s.ok()) return s;
  return cursor;
}

absl::StatusOr<ChangeBatch> ReadChanges(const IndexHandle& index,
                                        const Xapian::Query& query,
                                        const WatchCursor& from,
                                        const ChangeReadLimits& limits) {
  ChangeBatch batch;
  batch.next = from;
  if (!index.is_open()) {
    batch.caught_up = true;
    return batch;
  }
  const std::vector<ChangeLogBounds> bounds = AllBounds(index);
  if (absl::Status s = CheckCursor(from, bounds); !s.ok()) return s;
  std::vector<ShardRead> reads;
  for (size_t s = 0; s < bounds.size(); ++s) {
    absl::StatusOr<ShardRead> read = ReadShard(
        index.shards()[s], bounds[s], from.positions[s], query, limits);
    if (!read.ok()) return read.status();
    reads.push_back(*std::move(read));
  }
  size_t bytes = 0;
  while (batch.events.size() < limits.max_events &&
         bytes < limits.max_article_bytes) {
    std::optional<size_t> shard = NextShard(reads);
    if (!shard) break;
    ShardRead& read = reads[*shard];
    absl::StatusOr<ChangeEvent> event =
        ToEvent(read.matched[read.delivered], *shard);
    if (!event.ok()) return event.status();
    ++read.delivered;
    event->cursor = PositionsOf(reads);
    if (event->article) {
      bytes += event->article->title.size() + event->article->body.size();
    }
    batch.events.push_back(*std::move(event));
  }
  batch.next = PositionsOf(reads);
  batch.caught_up = true;
  for (const ShardRead& r : reads) {
    if (r.Position() < r.last) batch.caught_up = false;
  }
  return batch;
}

}  // namespace newsindex
