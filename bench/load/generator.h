// A synthetic corpus of any size built deterministically from real
// records: recombined sentences, titles, dates, datelines and entity
// mentions.
#ifndef NEWSINDEX_BENCH_LOAD_GENERATOR_H_
#define NEWSINDEX_BENCH_LOAD_GENERATOR_H_

#include <cstdint>
#include <string>
#include <vector>

#include "bench/load/corpus.h"

namespace newsindex::bench {

class CorpusGenerator {
 public:
  // Splits `base` into pools (sentences, title halves, dates, datelines).
  // The same base and seed give the same articles.
  CorpusGenerator(const std::vector<Record>& base, uint64_t seed);

  // Article number `index` (ids "gen-0000000" ...), a pure function of the
  // base, the seed and `index`: callers in parallel get the same corpus.
  Record Make(uint64_t index) const;

  size_t sentence_count() const { return sentences_.size(); }

 private:
  uint64_t seed_;
  std::vector<std::string> sentences_;
  std::vector<std::string> title_heads_;
  std::vector<std::string> title_tails_;
  std::vector<std::string> datelines_;  // "TOKYO", "LONDON"
  std::vector<int64_t> dates_;
};

}  // namespace newsindex::bench

#endif  // NEWSINDEX_BENCH_LOAD_GENERATOR_H_
