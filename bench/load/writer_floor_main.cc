// bench_writer_floor: what one writer thread can index per second at best.
//
// The ingest service has one writer thread (Xapian allows one writer), so
// its rate is bounded by the cost of writing each document into Xapian.
// This measures that bound on the same records, single-threaded, after
// everything else (normalization, extraction, term generation) is done
// and left out of the timing:
//   plain    documents like the scriptindex baseline's (id, title with and
//            without the S prefix, body with positions, title and body as
//            data): WritableDatabase::replace_document, then commit();
//   ours     the documents the service builds (core/DocumentBuilder on
//            pipeline-prepared articles), written the same way.
// Commits every --batch documents (the writer's largest group commit by
// default). The service's writer thread does more per article than this
// (near-duplicate lookup, entity catalog, spellings), so its rate cannot
// exceed ours_docs_per_s (docs/BENCHMARKS.md).
//
//   bench_writer_floor --work=DIR --input=a.jsonl,b.jsonl [--limit=N]
#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "bench/load/corpus.h"
#include "bench/load/service_pipeline.h"
#include "bench/load/stats.h"
#include "core/entities/knowledge.h"
#include "core/index/internal/document_builder.h"
#include "core/index/schema.h"
#include "core/ingest/ingest_pipeline.h"
#include "nlohmann/json.hpp"
#include "server/knowledge_flags.h"
#include "xapian.h"

ABSL_FLAG(std::string, work, "", "Directory for the databases");
ABSL_FLAG(std::string, input, "", "Corpus files, comma-separated");
ABSL_FLAG(int64_t, limit, 0, "At most this many records (0: all)");
ABSL_FLAG(int, batch, 4000, "Documents per commit (plain and ours)");
ABSL_FLAG(int, run, 1, "\"run\" field of the output");

namespace newsindex::bench {
namespace {

using Clock = std::chrono::steady_clock;

double Since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

Xapian::Document PlainDocument(const Record& r, Xapian::TermGenerator& tg) {
  Xapian::Document doc;
  tg.set_document(doc);
  doc.set_data(r.title + "\n" + r.body);
  doc.add_boolean_term("Q" + r.id);
  tg.index_text(r.title, 1, "S");
  tg.index_text(r.title);
  tg.increase_termpos();
  tg.index_text(r.body);
  tg.set_document(Xapian::Document());
  return doc;
}

// Seconds spent in replace_document and in commit.
std::pair<double, double> Write(const std::string& path,
                                const std::vector<std::string>& ids,
                                const std::vector<Xapian::Document>& docs) {
  std::filesystem::remove_all(path);
  Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OVERWRITE);
  const size_t batch = static_cast<size_t>(absl::GetFlag(FLAGS_batch));
  double replace = 0, commit = 0;
  for (size_t i = 0; i < docs.size(); ++i) {
    const auto start = Clock::now();
    db.replace_document(ids[i], docs[i]);
    replace += Since(start);
    if ((i + 1) % batch == 0 || i + 1 == docs.size()) {
      const auto commit_start = Clock::now();
      db.commit();
      commit += Since(commit_start);
    }
  }
  return {replace, commit};
}

int Main(int argc, char** argv) {
  const std::string work = absl::GetFlag(FLAGS_work);
  const std::vector<Record> records = ReadCorpus(
      SplitList(absl::GetFlag(FLAGS_input)), absl::GetFlag(FLAGS_limit));

  Xapian::TermGenerator tg;
  tg.set_stemmer(Xapian::Stem("english"));
  tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  std::vector<Xapian::Document> plain;
  std::vector<std::string> plain_ids;
  for (const Record& r : records) {
    plain.push_back(PlainDocument(r, tg));
    plain_ids.push_back("Q" + r.id);
  }

  absl::StatusOr<std::unique_ptr<bench::ServicePipeline>> service =
      bench::ServicePipeline::FromFlags(argc, argv);
  if (!service.ok()) {
    std::cerr << "bench_writer_floor: " << service.status() << "\n";
    return 1;
  }
  const IngestPipeline& pipeline = (*service)->pipeline();
  DocumentBuilder builder;
  std::vector<Article> articles;
  std::vector<Xapian::Document> ours;
  std::vector<std::string> our_ids;
  for (const Record& r : records) {
    RawArticle raw;
    raw.content = r.body;
    raw.id = r.id;
    raw.title = r.title;
    raw.source = r.source;
    raw.language = "en";
    if (r.published) raw.published_at = absl::FromUnixSeconds(*r.published);
    absl::StatusOr<PreparedArticle> prepared = pipeline.Prepare(raw);
    if (!prepared.ok()) continue;
    ours.push_back(builder.Build(prepared->article));
    our_ids.push_back(schema::IdTerm(prepared->article.id));
    articles.push_back(std::move(prepared->article));
  }

  const auto [plain_replace, plain_commit] =
      Write(work + "/floor-plain", plain_ids, plain);
  const auto [our_replace, our_commit] =
      Write(work + "/floor-ours", our_ids, ours);

  const double n_plain = static_cast<double>(plain.size());
  const double n_ours = static_cast<double>(ours.size());
  nlohmann::json out;
  out["bench"] = "writer_floor";
  out["run"] = absl::GetFlag(FLAGS_run);
  out["batch"] = absl::GetFlag(FLAGS_batch);
  out["plain_docs"] = plain.size();
  out["plain_replace_ms_per_doc"] = 1000 * plain_replace / n_plain;
  out["plain_commit_ms_per_doc"] = 1000 * plain_commit / n_plain;
  out["plain_docs_per_s"] = n_plain / (plain_replace + plain_commit);
  out["ours_docs"] = ours.size();
  out["ours_replace_ms_per_doc"] = 1000 * our_replace / n_ours;
  out["ours_commit_ms_per_doc"] = 1000 * our_commit / n_ours;
  out["ours_docs_per_s"] = n_ours / (our_replace + our_commit);
  std::cout << out.dump() << std::endl;
  return 0;
}

}  // namespace
}  // namespace newsindex::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  if (absl::GetFlag(FLAGS_work).empty() || absl::GetFlag(FLAGS_input).empty()) {
    std::cerr << "usage: bench_writer_floor --work=DIR --input=a.jsonl,...\n";
    return 2;
  }
  return newsindex::bench::Main(argc, argv);
}
