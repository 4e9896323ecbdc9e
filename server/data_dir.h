// Where a binary finds newsindex's own data (the lexicon, curated entities,
// cities, the NER model). A process concern, so it lives at the edge: the
// core is handed the directory (KnowledgePaths, NerModelPathBeside).

#ifndef NEWSINDEX_SERVER_DATA_DIR_H_
#define NEWSINDEX_SERVER_DATA_DIR_H_

#include <string>

namespace newsindex {

// The directory of newsindex's entity data: $NEWSINDEX_DATA_DIR/entities
// when the variable is set; else <dir of argv0>/../share/newsindex/entities
// when it exists (an installed binary); else the source tree's
// data/entities (builds run from the tree).
std::string DefaultEntityDataDir(const char* argv0);

}  // namespace newsindex

#endif  // NEWSINDEX_SERVER_DATA_DIR_H_
