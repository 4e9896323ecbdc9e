// Test helper: the full knowledge base (Debian data and the curated files
// of the source tree), loaded once per test binary.
#ifndef NEWSINDEX_CORE_ENTITIES_TEST_KNOWLEDGE_H_
#define NEWSINDEX_CORE_ENTITIES_TEST_KNOWLEDGE_H_

#include <memory>
#include <string>

#include "core/entities/knowledge.h"
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

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_ENTITIES_TEST_KNOWLEDGE_H_
