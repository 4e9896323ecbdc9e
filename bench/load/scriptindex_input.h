// Input for Xapian's scriptindex (the ingest baseline): the same titles and
// bodies as the benchmark ingests, and an index script that indexes them
// with stemming and positions under a unique id.
#ifndef NEWSINDEX_BENCH_LOAD_SCRIPTINDEX_INPUT_H_
#define NEWSINDEX_BENCH_LOAD_SCRIPTINDEX_INPUT_H_

#include <ostream>
#include <string>

#include "bench/load/corpus.h"

namespace newsindex::bench {

// The index script: "id" unique boolean Q term; "title" indexed with
// positions both with prefix S and unprefixed; "body" indexed with
// positions; all three stored in the document data (as newsindex stores
// the article).
std::string ScriptindexScript();

// Appends `record` in scriptindex's dump format (field=value lines,
// continuation lines start with '=', a blank line ends the record).
void WriteScriptindexRecord(const Record& record, std::ostream& out);

}  // namespace newsindex::bench

#endif  // NEWSINDEX_BENCH_LOAD_SCRIPTINDEX_INPUT_H_
