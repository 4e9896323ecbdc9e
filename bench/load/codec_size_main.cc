// bench_codec_size: bytes per article of the stored document data, the
// binary record (core/index/article_codec.h) against the JSON form that
// earlier builds stored, for the articles the ingest pipeline prepares
// from a corpus (normalized, entities extracted, as the service does).
//
//   bench_codec_size --input=a.jsonl,b.jsonl [--limit=N] [--every=K]
//
// Prints one JSON object: articles, binary and JSON bytes per article, and
// binary / JSON.
#include <iostream>
#include <memory>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "bench/load/corpus.h"
#include "bench/load/service_pipeline.h"
#include "bench/load/stats.h"
#include "core/entities/knowledge.h"
#include "core/index/article_codec.h"
#include "core/ingest/ingest_pipeline.h"
#include "nlohmann/json.hpp"
#include "server/knowledge_flags.h"

ABSL_FLAG(std::string, input, "", "Corpus files, comma-separated");
ABSL_FLAG(int64_t, limit, 0, "At most this many records (0: all)");
ABSL_FLAG(int64_t, every, 1, "Measure every K-th record");

namespace newsindex::bench {
namespace {

RawArticle ToRaw(const Record& r) {
  RawArticle raw;
  raw.content = r.body;
  raw.id = r.id;
  raw.title = r.title;
  raw.source = r.source;
  raw.language = "en";
  if (r.published) raw.published_at = absl::FromUnixSeconds(*r.published);
  return raw;
}

int Main(int argc, char** argv) {
  const std::vector<Record> records = ReadCorpus(
      SplitList(absl::GetFlag(FLAGS_input)), absl::GetFlag(FLAGS_limit));
  absl::StatusOr<std::unique_ptr<bench::ServicePipeline>> service =
      bench::ServicePipeline::FromFlags(argc, argv);
  if (!service.ok()) {
    std::cerr << "bench_codec_size: " << service.status() << "\n";
    return 1;
  }
  const IngestPipeline& pipeline = (*service)->pipeline();
  const size_t every =
      static_cast<size_t>(std::max<int64_t>(1, absl::GetFlag(FLAGS_every)));
  size_t articles = 0;
  double binary_bytes = 0;
  double json_bytes = 0;
  for (size_t i = 0; i < records.size(); i += every) {
    absl::StatusOr<PreparedArticle> prepared =
        pipeline.Prepare(ToRaw(records[i]));
    if (!prepared.ok()) continue;
    ++articles;
    binary_bytes +=
        static_cast<double>(EncodeArticle(prepared->article).size());
    json_bytes +=
        static_cast<double>(EncodeArticleAsJson(prepared->article).size());
  }
  if (articles == 0) {
    std::cerr << "bench_codec_size: no articles\n";
    return 1;
  }
  nlohmann::json out;
  out["bench"] = "codec_size";
  out["articles"] = articles;
  out["binary_bytes_per_article"] = binary_bytes / articles;
  out["json_bytes_per_article"] = json_bytes / articles;
  out["binary_over_json"] = binary_bytes / json_bytes;
  std::cout << out.dump() << "\n";
  return 0;
}

}  // namespace
}  // namespace newsindex::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  return newsindex::bench::Main(argc, argv);
}
