// bench_inproc: the in-process search baseline. The same query set as the
// gRPC load, on the same database, through the core Searcher directly: one
// Searcher (and Xapian::Database) per thread, closed loop, no RPC.
//
//   bench_inproc --db=DIR --queries=q.tsv --threads=1,2 [--seconds=5]
//   bench_inproc --db=DIR --queries=q.tsv --threads=1 --count=500  (fixed
//       work, for profilers)
#include <iostream>
#include <map>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/numbers.h"
#include "bench/load/query_set.h"
#include "bench/load/stats.h"
#include "core/entities/knowledge.h"
#if __has_include("server/knowledge_flags.h")
#include "server/knowledge_flags.h"
#define NEWSINDEX_BENCH_HAVE_KNOWLEDGE_FLAGS 1
#endif
#include "core/search/searcher.h"

ABSL_FLAG(std::string, db, "", "Database directory");
ABSL_FLAG(std::string, queries, "", "Query set TSV");
ABSL_FLAG(std::string, threads, "1,2", "Thread counts, list");
ABSL_FLAG(double, seconds, 5, "Measured seconds per point");
ABSL_FLAG(double, warmup, 1, "Warm-up seconds per point");
ABSL_FLAG(int64_t, count, 0, "Run exactly this many queries per thread");
ABSL_FLAG(std::string, label, "inproc", "\"bench\" field of the output");
ABSL_FLAG(int, run, 1, "\"run\" field of the output");

namespace newsindex::bench {
namespace {

struct Worker {
  Latencies latencies;
  std::map<std::string, Latencies> by_kind;
  int64_t errors = 0;
  int64_t hits = 0;
};

// One closed-loop thread: queries from `first` on until `stop_at` (or
// `count` queries), recording those that end after `measure_from`.
void RunWorker(const std::string& db, const EntityResolver* resolver,
               const std::vector<Query>& queries, size_t first,
               SteadyClock::time_point measure_from,
               SteadyClock::time_point stop_at, int64_t count, Worker* out) {
  Searcher searcher(db, resolver);
  for (size_t i = first;; ++i) {
    if (count > 0 && static_cast<int64_t>(i - first) >= count) break;
    SearchSpec spec;
    const Query& query = queries[i % queries.size()];
    spec.query = query.text;
    spec.limit = 10;
    const auto sent = SteadyClock::now();
    absl::StatusOr<SearchResults> results = searcher.Search(spec);
    const auto now = SteadyClock::now();
    if (count == 0 && now > stop_at) break;
    if (count == 0 && now < measure_from) continue;
    if (!results.ok()) {
      ++out->errors;
      continue;
    }
    out->hits += static_cast<int64_t>(results->hits.size());
    const double ms =
        std::chrono::duration<double, std::milli>(now - sent).count();
    out->latencies.Add(ms);
    out->by_kind[query.kind].Add(ms);
  }
}

int Main(int argc, char** argv) {
  const std::vector<Query> queries = ReadQuerySet(absl::GetFlag(FLAGS_queries));
  if (queries.empty() || absl::GetFlag(FLAGS_db).empty()) {
    std::cerr << "bench_inproc: need --db and a non-empty --queries\n";
    return 2;
  }
  // The same knowledge search-service loads (same flags and defaults).
#ifdef NEWSINDEX_BENCH_HAVE_KNOWLEDGE_FLAGS
  absl::StatusOr<std::unique_ptr<Gazetteer>> gazetteer =
      LoadKnowledge(KnowledgePathsFromFlags(argc, argv));
#else
  absl::StatusOr<std::unique_ptr<Gazetteer>> gazetteer =
      LoadKnowledge(KnowledgePaths());
#endif
  if (!gazetteer.ok()) {
    std::cerr << "bench_inproc: " << gazetteer.status() << "\n";
    return 1;
  }
  const int64_t count = absl::GetFlag(FLAGS_count);
  for (const std::string& t : SplitList(absl::GetFlag(FLAGS_threads))) {
    int threads = 0;
    if (!absl::SimpleAtoi(t, &threads) || threads <= 0) {
      std::cerr << "bench_inproc: bad --threads " << t << "\n";
      return 2;
    }
    const double seconds = absl::GetFlag(FLAGS_seconds);
    const auto start = SteadyClock::now();
    const auto measure_from =
        start + std::chrono::microseconds(
                    static_cast<int64_t>(absl::GetFlag(FLAGS_warmup) * 1e6));
    const auto stop_at =
        measure_from +
        std::chrono::microseconds(static_cast<int64_t>(seconds * 1e6));
    std::vector<Worker> workers(threads);
    std::vector<std::thread> pool;
    for (int k = 0; k < threads; ++k) {
      pool.emplace_back(RunWorker, absl::GetFlag(FLAGS_db), gazetteer->get(),
                        std::cref(queries), k * queries.size() / threads,
                        measure_from, stop_at, count, &workers[k]);
    }
    for (std::thread& th : pool) th.join();
    const double elapsed = count > 0 ? SecondsSince(start) : seconds;
    Latencies all;
    std::map<std::string, Latencies> by_kind;
    int64_t errors = 0, hits = 0;
    for (const Worker& w : workers) {
      all.Merge(w.latencies);
      for (const auto& [kind, l] : w.by_kind) by_kind[kind].Merge(l);
      errors += w.errors;
      hits += w.hits;
    }
    nlohmann::json out = all.Summary();
    const double done = static_cast<double>(all.count());
    out["threads"] = threads;
    out["queries"] = all.count();
    out["errors"] = errors;
    out["qps"] = done / elapsed;
    out["hits_per_query"] = done > 0 ? hits / done : 0;
    for (auto& [kind, l] : by_kind) out["by_kind"][kind] = l.Summary();
    out["bench"] = absl::GetFlag(FLAGS_label);
    out["run"] = absl::GetFlag(FLAGS_run);
    PrintResult(out);
  }
  return 0;
}

}  // namespace
}  // namespace newsindex::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  return newsindex::bench::Main(argc, argv);
}
