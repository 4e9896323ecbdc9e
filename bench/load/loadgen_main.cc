// bench_loadgen: the gRPC load generator.
//
//   bench_loadgen ingest --address=H:P (--input=a.jsonl,b.jsonl [--limit=N]
//                 | --generate=N --base=a.jsonl,b.jsonl [--seed=S])
//   bench_loadgen search --address=H:P --queries=q.tsv --concurrency=1,4,16
//   bench_loadgen freshness --address=H:P --search_address=H:P --probes=50
//
// Each measurement is printed as one JSON line on stdout, tagged with
// --label and --run.
#include <atomic>
#include <chrono>
#include <iostream>
#include <string>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/numbers.h"
#include "bench/load/corpus.h"
#include "bench/load/freshness.h"
#include "bench/load/generator.h"
#include "bench/load/grpc_util.h"
#include "bench/load/ingest_load.h"
#include "bench/load/query_set.h"
#include "bench/load/record_sources.h"
#include "bench/load/search_load.h"
#include "bench/load/stats.h"

ABSL_FLAG(std::string, address, "", "ingest-service (or search-service) H:P");
ABSL_FLAG(std::string, search_address, "", "search-service H:P (freshness)");
ABSL_FLAG(std::string, label, "", "\"bench\" field of the output");
ABSL_FLAG(int, run, 1, "\"run\" field of the output");
ABSL_FLAG(std::string, input, "", "Corpus files to ingest, comma-separated");
ABSL_FLAG(int64_t, limit, 0, "Ingest at most this many records (0: all)");
ABSL_FLAG(int64_t, generate, 0, "Ingest this many generated articles");
ABSL_FLAG(int64_t, generate_from, 0, "Index of the first generated article");
ABSL_FLAG(std::string, base, "", "Corpus files the generator recombines");
ABSL_FLAG(uint64_t, seed, 1, "Generator seed");
ABSL_FLAG(int, streams, 4, "Concurrent ingest streams");
ABSL_FLAG(int64_t, stream_batch, 2000, "Articles per ingest stream");
ABSL_FLAG(std::string, queries, "", "Query set TSV (bench_corpus queries)");
ABSL_FLAG(bool, with_options, false,
          "Search: send only the queries with request options (filters, "
          "facets, sorting) instead of only the plain ones");
ABSL_FLAG(int, page_size, 10, "Search page size");
ABSL_FLAG(std::string, concurrency, "1,4,16", "Closed-loop clients, list");
ABSL_FLAG(double, seconds, 5, "Measured seconds per search point");
ABSL_FLAG(double, warmup, 1, "Warm-up seconds per search point");
ABSL_FLAG(int, channels, 2, "TCP connections for search clients");
ABSL_FLAG(int, probes, 50, "Freshness probes");
ABSL_FLAG(int64_t, background, 0,
          "Freshness: generated articles streamed meanwhile (needs --base)");
ABSL_FLAG(int, background_streams, 2,
          "Freshness: concurrent streams sending the --background articles");
ABSL_FLAG(double, background_warmup, 0,
          "Freshness: seconds the background streams run before the first "
          "probe (so that the probes meet a full pipeline)");
ABSL_FLAG(bool, probe_while_loading, false,
          "Freshness: stop probing (before --probes) once the first "
          "background stream has ended, so that every probe meets full load");

namespace newsindex::bench {
namespace {

nlohmann::json Tagged(nlohmann::json result) {
  result["bench"] = absl::GetFlag(FLAGS_label);
  result["run"] = absl::GetFlag(FLAGS_run);
  return result;
}

std::shared_ptr<grpc::Channel> MustConnect(const std::string& address,
                                           int index = 0) {
  auto channel = Connect(address, index);
  if (channel == nullptr) {
    std::cerr << "bench_loadgen: cannot connect to " << address << "\n";
    std::exit(1);
  }
  return channel;
}

std::unique_ptr<CorpusGenerator> MakeGenerator() {
  std::vector<Record> base = ReadCorpus(SplitList(absl::GetFlag(FLAGS_base)));
  if (base.empty()) {
    std::cerr << "bench_loadgen: --base has no records\n";
    std::exit(2);
  }
  return std::make_unique<CorpusGenerator>(base, absl::GetFlag(FLAGS_seed));
}

int Ingest() {
  IngestLoadOptions options;
  options.streams = absl::GetFlag(FLAGS_streams);
  options.stream_batch = absl::GetFlag(FLAGS_stream_batch);
  std::unique_ptr<CorpusGenerator> generator;
  std::unique_ptr<RecordSource> source;
  if (absl::GetFlag(FLAGS_generate) > 0) {
    generator = MakeGenerator();
    source = std::make_unique<GeneratedSource>(
        generator.get(), absl::GetFlag(FLAGS_generate_from),
        absl::GetFlag(FLAGS_generate));
  } else {
    std::vector<Record> records = ReadCorpus(
        SplitList(absl::GetFlag(FLAGS_input)), absl::GetFlag(FLAGS_limit));
    if (records.empty()) {
      std::cerr << "bench_loadgen: no records in --input\n";
      return 2;
    }
    source = std::make_unique<VectorSource>(std::move(records));
  }
  nlohmann::json result = RunIngestLoad(
      MustConnect(absl::GetFlag(FLAGS_address)), *source, options);
  result["client_peak_rss_mib"] = SelfPeakRssMib();
  // A few articles the pipeline rejects (e.g. nothing left after
  // normalization) are reported, not fatal; broken streams are.
  const bool all_ok =
      result.value("rpc_errors", 0) == 0 &&
      result.value("failed", 0) * 100 <= result.value("articles", 0);
  PrintResult(Tagged(std::move(result)));
  return all_ok ? 0 : 1;
}

int Search() {
  std::vector<Query> queries = ReadQuerySet(
      absl::GetFlag(FLAGS_queries), absl::GetFlag(FLAGS_with_options)
                                        ? QuerySelection::kWithOptionsOnly
                                        : QuerySelection::kTextOnly);
  std::vector<std::string> skipped;
  std::vector<PreparedQuery> requests =
      MakeRequests(queries, absl::GetFlag(FLAGS_page_size), &skipped);
  for (const std::string& kind : skipped) {
    std::cerr << "bench_loadgen: the Search API has no fields for query kind "
              << kind << "; skipped\n";
  }
  if (requests.empty()) {
    std::cerr << "bench_loadgen: no queries to send\n";
    return absl::GetFlag(FLAGS_with_options) ? 0 : 2;
  }
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  for (int i = 0; i < std::max(1, absl::GetFlag(FLAGS_channels)); ++i) {
    channels.push_back(MustConnect(absl::GetFlag(FLAGS_address), i));
  }
  for (const std::string& c : SplitList(absl::GetFlag(FLAGS_concurrency))) {
    SearchLoadOptions options;
    if (!absl::SimpleAtoi(c, &options.concurrency) ||
        options.concurrency <= 0) {
      std::cerr << "bench_loadgen: bad --concurrency " << c << "\n";
      return 2;
    }
    options.seconds = absl::GetFlag(FLAGS_seconds);
    options.warmup_seconds = absl::GetFlag(FLAGS_warmup);
    nlohmann::json result = RunSearchLoad(channels, requests, options);
    result["distinct_queries"] = requests.size();
    PrintResult(Tagged(std::move(result)));
  }
  return 0;
}

int Freshness() {
  FreshnessOptions options;
  options.probes = absl::GetFlag(FLAGS_probes);
  options.run_tag = absl::GetFlag(FLAGS_run);
  auto ingest = MustConnect(absl::GetFlag(FLAGS_address));
  auto search = MustConnect(absl::GetFlag(FLAGS_search_address));
  std::unique_ptr<CorpusGenerator> generator;
  std::unique_ptr<RecordSource> source;
  std::thread background;
  nlohmann::json background_result;
  std::atomic<bool> draining{false};
  if (absl::GetFlag(FLAGS_background) > 0) {
    generator = MakeGenerator();
    source = std::make_unique<GeneratedSource>(
        generator.get(), absl::GetFlag(FLAGS_generate_from),
        absl::GetFlag(FLAGS_background));
    background = std::thread([&] {
      IngestLoadOptions load;
      load.streams = absl::GetFlag(FLAGS_background_streams);
      load.draining = &draining;
      background_result = RunIngestLoad(
          MustConnect(absl::GetFlag(FLAGS_address), 1), *source, load);
    });
    std::this_thread::sleep_for(
        std::chrono::duration<double>(absl::GetFlag(FLAGS_background_warmup)));
    if (absl::GetFlag(FLAGS_probe_while_loading)) options.stop = &draining;
  }
  nlohmann::json result = RunFreshness(ingest, search, options);
  if (background.joinable()) {
    background.join();
    result["background_articles_per_s"] =
        background_result.value("articles_per_s", 0.0);
    result["background_articles"] = background_result.value("articles", 0);
    result["background_failed"] = background_result.value("failed", 0);
    result["background_streams"] = absl::GetFlag(FLAGS_background_streams);
  }
  PrintResult(Tagged(std::move(result)));
  return 0;
}

}  // namespace
}  // namespace newsindex::bench

int main(int argc, char** argv) {
  std::vector<char*> positional = absl::ParseCommandLine(argc, argv);
  const std::string command = positional.size() > 1 ? positional[1] : "";
  if (command == "ingest") return newsindex::bench::Ingest();
  if (command == "search") return newsindex::bench::Search();
  if (command == "freshness") return newsindex::bench::Freshness();
  std::cerr << "usage: bench_loadgen ingest|search|freshness [flags]\n";
  return 2;
}
