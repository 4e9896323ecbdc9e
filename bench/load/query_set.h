// A fixed query set derived deterministically from a corpus, in kinds
// (free-text words, phrases, entity queries, ...). New kinds (filters,
// facets) are added by adding a generator to kQueryKinds in query_set.cc.
#ifndef NEWSINDEX_BENCH_LOAD_QUERY_SET_H_
#define NEWSINDEX_BENCH_LOAD_QUERY_SET_H_

#include <string>
#include <vector>

#include "bench/load/corpus.h"

namespace newsindex::bench {

struct Query {
  std::string kind;  // e.g. "word", "phrase", "place"
  std::string text;  // in the Search API's query syntax
  // Further SearchRequest fields in protobuf text format, e.g.
  // `filter { sources: "bbc" }`; empty for plain queries. Only the gRPC
  // load sends these (the core Searcher baseline takes text only).
  std::string options;
};

// Which queries ReadQuerySet keeps.
enum class QuerySelection { kAll, kTextOnly, kWithOptionsOnly };

// At most `per_kind` queries of each kind, interleaved kind by kind so any
// prefix of the set mixes all kinds. The same records give the same set.
std::vector<Query> BuildQuerySet(const std::vector<Record>& records,
                                 int per_kind);

// Names of the kinds BuildQuerySet produces, in order.
std::vector<std::string> QueryKinds();

// TSV: one "kind<TAB>query[<TAB>options]" per line.
bool WriteQuerySet(const std::vector<Query>& queries, const std::string& path);
// Empty when the file cannot be read.
std::vector<Query> ReadQuerySet(
    const std::string& path,
    QuerySelection selection = QuerySelection::kTextOnly);

}  // namespace newsindex::bench

#endif  // NEWSINDEX_BENCH_LOAD_QUERY_SET_H_
