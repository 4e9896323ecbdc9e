#include "core/index/change_log.h"

#include <cinttypes>
#include <cstdio>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "core/index/schema.h"

namespace newsindex {

namespace {

// Entry value: kind letter, commit time (microseconds since the epoch, 16
// hex digits), id length (8 hex digits), id, serialised document.
constexpr size_t kHeaderBytes = 1 + 16 + 8;

char KindLetter(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::kAdded:
      return 'A';
    case ChangeKind::kUpdated:
      return 'U';
    case ChangeKind::kDeleted:
      return 'D';
  }
  return '?';
}

std::optional<ChangeKind> KindFromLetter(char letter) {
  switch (letter) {
    case 'A':
      return ChangeKind::kAdded;
    case 'U':
      return ChangeKind::kUpdated;
    case 'D':
      return ChangeKind::kDeleted;
    default:
      return std::nullopt;
  }
}

bool ParseHex(absl::string_view text, uint64_t* out) {
  return absl::SimpleHexAtoi(text, out);
}

// A bound's stored value, or `fallback` when absent or unreadable.
uint64_t ReadBound(const Xapian::Database& db, absl::string_view key,
                   uint64_t fallback) {
  const std::string value = db.get_metadata(std::string(key));
  uint64_t n = 0;
  return !value.empty() && absl::SimpleAtoi(value, &n) ? n : fallback;
}

}  // namespace

absl::string_view ChangeKindName(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::kAdded:
      return "ADDED";
    case ChangeKind::kUpdated:
      return "UPDATED";
    case ChangeKind::kDeleted:
      return "DELETED";
  }
  return "UNKNOWN";
}

std::string ChangeKey(uint64_t sequence) {
  return absl::StrFormat("%s%016x", schema::kChangeMetadataPrefix, sequence);
}

std::string EncodeChange(const ChangeRecord& change) {
  const int64_t micros = absl::ToUnixMicros(change.committed);
  return absl::StrFormat("%c%016x%08x%s%s", KindLetter(change.kind),
                         static_cast<uint64_t>(micros),
                         static_cast<uint32_t>(change.article_id.size()),
                         change.article_id, change.document);
}

absl::StatusOr<ChangeRecord> DecodeChange(uint64_t sequence,
                                          absl::string_view value) {
  auto bad = [&] {
    return absl::InvalidArgumentError(
        absl::StrCat("change log entry ", sequence, " is malformed"));
  };
  if (value.size() < kHeaderBytes) return bad();
  std::optional<ChangeKind> kind = KindFromLetter(value[0]);
  uint64_t micros = 0, id_size = 0;
  if (!kind || !ParseHex(value.substr(1, 16), &micros) ||
      !ParseHex(value.substr(17, 8), &id_size) ||
      value.size() - kHeaderBytes < id_size) {
    return bad();
  }
  ChangeRecord change;
  change.sequence = sequence;
  change.kind = *kind;
  change.committed = absl::FromUnixMicros(static_cast<int64_t>(micros));
  change.article_id = std::string(value.substr(kHeaderBytes, id_size));
  change.document = std::string(value.substr(kHeaderBytes + id_size));
  return change;
}

ChangeLogBounds ReadChangeLogBounds(const Xapian::Database& db) {
  ChangeLogBounds bounds;
  bounds.last = ReadBound(db, schema::kChangeLastKey, 0);
  bounds.first = ReadBound(db, schema::kChangeFirstKey, 1);
  return bounds;
}

absl::StatusOr<std::optional<ChangeRecord>> ReadChange(
    const Xapian::Database& db, uint64_t sequence) {
  const std::string value = db.get_metadata(ChangeKey(sequence));
  if (value.empty()) return std::nullopt;
  absl::StatusOr<ChangeRecord> change = DecodeChange(sequence, value);
  if (!change.ok()) return absl::DataLossError(change.status().message());
  return std::optional<ChangeRecord>(*std::move(change));
}

uint64_t FirstChangeAtOrAfter(const Xapian::Database& db,
                              const ChangeLogBounds& bounds, absl::Time t) {
  // Binary search for the first entry at or after `t` in [first, last].
  uint64_t low = bounds.first, high = bounds.last + 1;
  while (low < high) {
    const uint64_t mid = low + (high - low) / 2;
    absl::StatusOr<std::optional<ChangeRecord>> change = ReadChange(db, mid);
    // A trimmed or unreadable entry counts as before `t`.
    if (change.ok() && change->has_value() && (*change)->committed >= t) {
      high = mid;
    } else {
      low = mid + 1;
    }
  }
  return low;
}

void ChangeLogWriter::Load(const Xapian::Database& db) {
  bounds_ = ReadChangeLogBounds(db);
}

void ChangeLogWriter::Append(Xapian::WritableDatabase& db,
                             ChangeRecord change) {
  change.sequence = ++bounds_.last;
  db.set_metadata(ChangeKey(change.sequence), EncodeChange(change));
  // Setting a key to "" removes it.
  while (bounds_.last - bounds_.first + 1 > retention_) {
    db.set_metadata(ChangeKey(bounds_.first), "");
    ++bounds_.first;
  }
}

void ChangeLogWriter::WriteBounds(Xapian::WritableDatabase& db) {
  db.set_metadata(std::string(schema::kChangeFirstKey),
                  absl::StrCat(bounds_.first));
  db.set_metadata(std::string(schema::kChangeLastKey),
                  absl::StrCat(bounds_.last));
}

}  // namespace newsindex
