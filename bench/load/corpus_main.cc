// bench_corpus: derives benchmark inputs from the corpora.
//
//   bench_corpus queries --input=a.jsonl,b.jsonl --out=q.tsv [--per_kind=20]
//   bench_corpus generate --base=a.jsonl,b.jsonl --n=N [--seed=S]
//       [--out=FILE]  (JSON Lines; stdout by default)
#include <fstream>
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "bench/load/corpus.h"
#include "bench/load/generator.h"
#include "bench/load/query_set.h"

ABSL_FLAG(std::string, input, "", "Corpus files, comma-separated");
ABSL_FLAG(std::string, base, "", "Corpus files the generator recombines");
ABSL_FLAG(std::string, out, "", "Output file");
ABSL_FLAG(int, per_kind, 20, "Queries per kind");
ABSL_FLAG(int64_t, n, 1000, "Articles to generate");
ABSL_FLAG(uint64_t, seed, 1, "Generator seed");

namespace newsindex::bench {
namespace {

int Queries() {
  std::vector<Record> records =
      ReadCorpus(SplitList(absl::GetFlag(FLAGS_input)));
  if (records.empty()) {
    std::cerr << "bench_corpus: no records in --input\n";
    return 2;
  }
  std::vector<Query> queries =
      BuildQuerySet(records, absl::GetFlag(FLAGS_per_kind));
  if (!WriteQuerySet(queries, absl::GetFlag(FLAGS_out))) {
    std::cerr << "bench_corpus: cannot write " << absl::GetFlag(FLAGS_out)
              << "\n";
    return 1;
  }
  std::cerr << "bench_corpus: " << queries.size() << " queries\n";
  return 0;
}

int Generate() {
  std::vector<Record> base = ReadCorpus(SplitList(absl::GetFlag(FLAGS_base)));
  if (base.empty()) {
    std::cerr << "bench_corpus: no records in --base\n";
    return 2;
  }
  CorpusGenerator generator(base, absl::GetFlag(FLAGS_seed));
  std::ofstream file;
  if (!absl::GetFlag(FLAGS_out).empty()) file.open(absl::GetFlag(FLAGS_out));
  std::ostream& out = file.is_open() ? file : std::cout;
  for (int64_t i = 0; i < absl::GetFlag(FLAGS_n); ++i) {
    out << ToJsonLine(generator.Make(i)) << '\n';
  }
  return out ? 0 : 1;
}

}  // namespace
}  // namespace newsindex::bench

int main(int argc, char** argv) {
  std::vector<char*> positional = absl::ParseCommandLine(argc, argv);
  const std::string command = positional.size() > 1 ? positional[1] : "";
  if (command == "queries") return newsindex::bench::Queries();
  if (command == "generate") return newsindex::bench::Generate();
  std::cerr << "usage: bench_corpus queries|generate [flags]\n";
  return 2;
}
