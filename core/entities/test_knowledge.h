// Test helpers: the full knowledge base (Debian data and the curated files
// of the source tree) and the shipped NER model, loaded once per test binary.
#ifndef NEWSINDEX_CORE_ENTITIES_TEST_KNOWLEDGE_H_
#define NEWSINDEX_CORE_ENTITIES_TEST_KNOWLEDGE_H_

#include <memory>
#include <string>

#include "core/entities/knowledge.h"
#include "core/entities/ner/tagger.h"
#include "gtest/gtest.h"

namespace newsindex {

inline std::string SourceDataDir() {
  return std::string(NEWSINDEX_SOURCE_DIR) + "/data/entities";
}

inline const Gazetteer& TestKnowledge() {
  static const Gazetteer* const knowledge = [] {
    absl::StatusOr<std::unique_ptr<Gazetteer>> g =
        LoadKnowledge(DefaultKnowledgePaths(SourceDataDir()));
    if (!g.ok()) {
      ADD_FAILURE() << g.status();
      return new Gazetteer();
    }
    return g->release();
  }();
  return *knowledge;
}

// The shipped NER model (data/models) over TestKnowledge(), loaded once;
// null (with a test failure) when it cannot be loaded.
inline const NerTagger* ShippedTagger() {
  static const NerTagger* const tagger = [] {
    absl::StatusOr<std::unique_ptr<NerTagger>> t = NerTagger::Load(
        std::string(NEWSINDEX_SOURCE_DIR) + "/data/models/ner-conll2003.nxner",
        &TestKnowledge());
    if (!t.ok()) {
      ADD_FAILURE() << t.status();
      return static_cast<NerTagger*>(nullptr);
    }
    return t->release();
  }();
  return tagger;
}

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_ENTITIES_TEST_KNOWLEDGE_H_
