// Benchmark corpora: news records read from JSON Lines (the shared Reuters
// and BBC corpora, or a generated corpus in the same shape).
#ifndef NEWSINDEX_BENCH_LOAD_CORPUS_H_
#define NEWSINDEX_BENCH_LOAD_CORPUS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace newsindex::bench {

// One article as the corpora hold it.
struct Record {
  std::string id;
  std::string title;
  std::string body;
  std::string source;    // "reuters", "bbc", "generated"
  std::string dateline;  // may be empty
  // Seconds since the Unix epoch, when the record has a date.
  std::optional<int64_t> published;
};

// Reads JSON Lines records: "id", "title", "body" (or "text"), "date"
// (Reuters' "26-FEB-1987 15:01:01.79" or RFC 3339), "dateline", "source".
// The source defaults to the part of the file name before the first '.'
// or digit ("reuters21578.jsonl" -> "reuters"). Records without a body are
// skipped. Reads at most `limit` records (0: all). Empty on I/O error.
std::vector<Record> ReadJsonl(const std::string& path, size_t limit = 0);

// ReadJsonl over several files, in order, at most `limit` records in all.
std::vector<Record> ReadCorpus(const std::vector<std::string>& paths,
                               size_t limit = 0);

// Writes `record` as one JSON line (the shape ReadJsonl reads).
std::string ToJsonLine(const Record& record);

// Bytes of title and body: the unit of MB/s figures.
uint64_t ContentBytes(const std::vector<Record>& records);

// Splits "a,b,c" into its non-empty parts.
std::vector<std::string> SplitList(const std::string& list);

}  // namespace newsindex::bench

#endif  // NEWSINDEX_BENCH_LOAD_CORPUS_H_
