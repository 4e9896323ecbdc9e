#include "ingest-service/ingest_flags.h"

#include <cstdlib>

#include "absl/flags/flag.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "server/logging.h"
#include "server/server_runner.h"

ABSL_FLAG(int64_t, max_article_bytes, newsindex::kDefaultMaxArticleBytes,
          "Largest article accepted, in bytes; the gRPC receive limit is set "
          "to match");
ABSL_FLAG(int, max_streams_per_connection, 16,
          "Open IngestArticles streams one connection may hold");
ABSL_FLAG(int, max_streams, 64, "Open IngestArticles streams in total");
ABSL_FLAG(int64_t, max_in_flight_bytes, 64 * 1024 * 1024,
          "Bytes of stream articles read and not yet answered, across all "
          "streams; past it streams stop reading (back-pressure)");
ABSL_FLAG(int, max_batch_latency_ms, 50,
          "Longest the index writer keeps a group commit holding a unary "
          "IngestArticle or DeleteArticle open, in ms; bounds the time from "
          "submit to ack under load (0: no time bound for any commit, up to "
          "4000 articles each)");
ABSL_FLAG(int, max_bulk_batch_latency_ms, 1000,
          "The same for a group commit of stream articles only, in ms "
          "(0: no time bound for those); never below "
          "--max-batch-latency-ms");
ABSL_FLAG(int, max_stream_results, 10000,
          "Result entries in a stream's reply; longer streams list failures "
          "only (ingest_service.proto)");
ABSL_FLAG(std::string, replication_changesets, "",
          "Changesets the database keeps for xapian-replicate read replicas "
          "(sets XAPIAN_MAX_CHANGESETS; docs/replication.md); 0 keeps none "
          "(env NEWSINDEX_REPLICATION_CHANGESETS; default 0)");

namespace newsindex {
namespace {

absl::StatusOr<StreamLimits> ReadStreamLimits() {
  StreamLimits limits;
  limits.max_streams_per_connection =
      absl::GetFlag(FLAGS_max_streams_per_connection);
  limits.max_streams = absl::GetFlag(FLAGS_max_streams);
  limits.max_in_flight_bytes = absl::GetFlag(FLAGS_max_in_flight_bytes);
  limits.max_stream_results = absl::GetFlag(FLAGS_max_stream_results);
  if (limits.max_streams_per_connection < 1 || limits.max_streams < 1 ||
      limits.max_in_flight_bytes < 1 || limits.max_stream_results < 1) {
    return absl::InvalidArgumentError(
        "--max-streams-per-connection, --max-streams, --max-in-flight-bytes "
        "and --max-stream-results must be positive");
  }
  return limits;
}

// A batch time bound from `ms`, the value of `flag`; INVALID_ARGUMENT
// naming the flag when negative.
absl::StatusOr<absl::Duration> BatchDelay(int ms, absl::string_view flag) {
  if (ms < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat(flag, " must not be negative (0: no time bound)"));
  }
  return ms == 0 ? absl::InfiniteDuration() : absl::Milliseconds(ms);
}

absl::StatusOr<int64_t> ReadReplicationChangesets() {
  std::string text = absl::GetFlag(FLAGS_replication_changesets);
  if (text.empty()) text = EnvOr("NEWSINDEX_REPLICATION_CHANGESETS", "0");
  int64_t changesets = 0;
  if (!absl::SimpleAtoi(text, &changesets) || changesets < 0 ||
      changesets > kMaxReplicationChangesets) {
    return absl::InvalidArgumentError(
        absl::StrCat("--replication-changesets: must be an integer in 0..",
                     kMaxReplicationChangesets, " (0 = no replication), got \"",
                     text, "\""));
  }
  return changesets;
}

}  // namespace

absl::StatusOr<IngestFlags> ReadIngestFlags() {
  IngestFlags flags;
  absl::StatusOr<StreamLimits> limits = ReadStreamLimits();
  if (!limits.ok()) return limits.status();
  flags.stream_limits = *limits;
  absl::StatusOr<absl::Duration> delay = BatchDelay(
      absl::GetFlag(FLAGS_max_batch_latency_ms), "--max-batch-latency-ms");
  if (!delay.ok()) return delay.status();
  flags.max_batch_delay = *delay;
  delay = BatchDelay(absl::GetFlag(FLAGS_max_bulk_batch_latency_ms),
                     "--max-bulk-batch-latency-ms");
  if (!delay.ok()) return delay.status();
  flags.max_bulk_batch_delay = *delay;
  absl::StatusOr<int64_t> changesets = ReadReplicationChangesets();
  if (!changesets.ok()) return changesets.status();
  flags.replication_changesets = *changesets;
  flags.max_article_bytes = absl::GetFlag(FLAGS_max_article_bytes);
  if (flags.max_article_bytes <= 0 ||
      flags.max_article_bytes > kMaxArticleBytesLimit) {
    return absl::InvalidArgumentError(
        "--max-article-bytes must be in 1..256MiB");
  }
  return flags;
}

absl::Status ApplyReplicationChangesets(int64_t changesets) {
  if (changesets == 0) return absl::OkStatus();
  if (setenv("XAPIAN_MAX_CHANGESETS", absl::StrCat(changesets).c_str(),
             /*overwrite=*/1) != 0) {
    return absl::InternalError("cannot set XAPIAN_MAX_CHANGESETS");
  }
  Log(LogLevel::kInfo, "keeping the last ", changesets,
      " changesets for xapian-replicate");
  return absl::OkStatus();
}

std::vector<FlagGroup> IngestFlagGroups() {
  return {{"Ingest limits",
           {"max_article_bytes", "max_streams_per_connection", "max_streams",
            "max_in_flight_bytes", "max_stream_results", "max_batch_latency_ms",
            "max_bulk_batch_latency_ms"}},
          {"Replication", {"replication_changesets"}}};
}

}  // namespace newsindex
